"""`newsevents evaluate` scores exactly as the reference scorer does."""

from __future__ import annotations

import json
import subprocess
import sys

from newsevents.evaluate import FoldedText, score_reading, speaker_ok, time_ok
from tests.conftest import shared_path


def test_folded_text_maps_back_to_raw():
    raw = "Kim\u00a0Yo\u00a0Jong said \u201cno\u201d \u2014 twice."
    text = FoldedText(raw)
    (s, e), = text.find_all('Kim Yo Jong said "no" - twice')
    assert raw[s:e] == raw[:-1]


def test_time_and_speaker_rules():
    assert time_ok("2020-06-16", {"value": "2020-06-16T14:50+09:00"})
    assert time_ok("interval ending 2020-06-16", {"value": "PXW", "end_date": "2020-06-16"})
    assert not time_ok("2020-06-16", {"value": "2020-06-15"})
    assert time_ok("195X", {"value": "195"})
    assert speaker_ok("Korean Central News Agency", "the Korean Central News Agency (KCNA)")
    assert not speaker_ok("Zhao Lijian", "Foreign Ministry")


def test_scores_match_reference_scorer(tmp_path, read_text):
    folder = shared_path("examples")
    scorer = shared_path("scoring", "score_reading.py")
    for ref_path in sorted(folder.glob("*.expected.json"))[:3]:
        article = folder / ref_path.name.replace(".expected.json", ".txt")
        reference = json.loads(ref_path.read_text(encoding="utf-8"))
        reading = read_text(article.read_text(encoding="utf-8"),
                            reference["document"].get("true_publication_date")).to_dict()
        system = tmp_path / "system.json"
        system.write_text(json.dumps(reading), encoding="utf-8")
        theirs = json.loads(subprocess.run([sys.executable, str(scorer), str(article), str(ref_path), str(system),
                                            "--json"], capture_output=True, text=True, check=True).stdout)
        ours = score_reading(article.read_text(encoding="utf-8"), reference, reading)
        assert ours.counts == theirs["summary"], article.name


def test_evaluate_command_prints_table(tmp_path):
    folder = shared_path("examples")
    out = subprocess.run([sys.executable, "-m", "newsevents.cli", "evaluate", str(folder)], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[-1].startswith("TOTAL")
    assert "doc=" in lines[-1] and "must_events=" in lines[-1]
