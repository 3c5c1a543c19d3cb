"""Quote attribution on PolNeAR (../shared/benchmarks/quotes), beside the issue's anchors.

    python benchmarks/quotes_polnear.py            # test set (the claim)
    python benchmarks/quotes_polnear.py --dev      # development set (tune here only)
    python benchmarks/quotes_polnear.py --dev --limit 10 --show 20

Matching (the issue's rule): a system quote counts for a gold attribution when it overlaps at
least half of the gold content's word tokens and its speaker is right: the speaker name shares
a content word with the gold source mention, or the speaker span overlaps the source span.
The unit compared is the system's attribution: a direct quote with the quotes that continue
it in the same paragraph, or a reported clause with the quoted fragments inside it (mixed).

- direct+mixed: gold attributions with a source whose content is (partly) quoted (651 on
  test). Recall over them; precision over system attributions that contain a direct or mixed
  quote, matched against any gold attribution with a source.
- indirect: gold indirect attributions with a source; precision over system attributions
  made of indirect quotes only.

Only the quotes stage runs (it needs nothing from time and geo), so the numbers measure it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "benchmarks" / "quotes"
WORD = re.compile(r"\w+")
STOP = {"the", "a", "an", "of", "and", "in", "for", "to", "s", "on", "at", "by", "with", "from", "who", "that",
        "mr", "mrs", "ms", "dr"}
ANCHORS = [("GenderGapTracker (other set)", 83.7), ("Citron, PARC 3.0 overlap F1 (other set)", 83.2)]


def read_quotes(text: str, nlp) -> tuple[str, list]:
    """Run the document reader, the NLP view and the quotes stage; return (raw, Found list)."""
    from newsevents import pipeline
    from newsevents.document import DocumentInput
    from newsevents.quotes import run

    item = DocumentInput(data=text, source="polnear", format="text", published=None, id=None, title=None,
                         url=None, max_bytes=None)
    raw, document, view = pipeline._prepare(item)
    ctx = pipeline._make_context(raw, document, nlp(view.text), view, {})
    run(ctx)
    return raw, ctx.exposed["quote_details"]


def word_spans(text: str, spans: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set()
    for s, e in spans:
        for m in WORD.finditer(text, s, e):
            out.add((m.start(), m.end()))
    return out


def content_words(s: str) -> set[str]:
    return {w for w in WORD.findall((s or "").lower()) if w not in STOP}


def speaker_right(unit: dict, gold: dict) -> bool:
    if unit["speaker_start"] is not None and unit["speaker_end"] is not None:
        for s, e in gold["speaker_spans"]:
            if unit["speaker_start"] < e and s < unit["speaker_end"]:
                return True
    return bool(content_words(unit["speaker"]) & content_words(gold["speaker"]))


def matches(unit: dict, gold: dict, gold_words: set) -> bool:
    if not gold_words:
        return False
    shared = sum(1 for s, e in gold_words if unit["start"] <= s and e <= unit["end"])
    return shared * 2 >= len(gold_words) and speaker_right(unit, gold)


def units_of(found: list) -> list[dict]:
    """One unit per attribution group of the system, with the kinds of its members."""
    groups: dict[int, dict] = {}
    for f in found:
        q = f.quote
        g = groups.setdefault(f.group, {"start": f.unit_start, "end": f.unit_end, "kinds": set(),
                                        "speaker": q.speaker, "speaker_start": q.speaker_start,
                                        "speaker_end": q.speaker_end, "text": q.text})
        g["kinds"].add(q.kind)
        if q.kind == "indirect":  # the reported clause names the group's speaker mention
            g.update(speaker=q.speaker, speaker_start=q.speaker_start, speaker_end=q.speaker_end)
    return list(groups.values())


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = 100 * tp_sys / n_sys if n_sys else 0.0
    r = 100 * tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", action="store_true", help="use polnear_dev.jsonl (for tuning)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--show", type=int, default=0, help="print N missed gold direct/mixed items")
    ap.add_argument("--show-wrong", type=int, default=0, help="print N unmatched system direct/mixed items")
    args = ap.parse_args()
    path = SHARED / ("polnear_dev.jsonl" if args.dev else "polnear_test.jsonl")
    if not path.exists():
        sys.exit(f"needs {path} (the shared material beside the checkout)")
    from newsevents.nlp import load_model

    nlp = load_model()
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        records = records[:args.limit]
    count = {k: 0 for k in ("dm_gold", "dm_gold_hit", "dm_sys", "dm_sys_hit", "ind_gold", "ind_gold_hit",
                            "ind_sys", "ind_sys_hit", "dm_gold_content_hit", "direct_gold", "direct_hit",
                            "mixed_gold", "mixed_hit", "dm_sys_near")}
    missed: list[str] = []
    wrong: list[str] = []
    began = time.time()
    for rec in records:
        text = rec["text"]
        raw, found = read_quotes(text, nlp)
        if raw != text:
            print(f"warning: {rec['id']}: the reader changed the text; offsets may not line up", file=sys.stderr)
        units = units_of(found)
        golds = [(g, word_spans(text, g["quote_spans"])) for g in rec["quotes"] if g["has_source"]]
        for g, words in golds:
            hit = any(matches(u, g, words) for u in units)
            if g["kind"] in {"direct", "mixed"}:
                count["dm_gold"] += 1
                count["dm_gold_hit"] += hit
                near = [u for u in units if sum(1 for s, e in words if u["start"] <= s and e <= u["end"]) * 2
                        >= len(words)]
                count["dm_gold_content_hit"] += bool(near)
                count[g["kind"] + "_gold"] += 1
                count[g["kind"] + "_hit"] += hit
                if not hit and len(missed) < args.show:
                    why = "wrong speaker " + "; ".join(str(u["speaker"]) for u in near) if near else "missing"
                    missed.append(f"[{why}] gold speaker={g['speaker']!r} cue={g['cue']!r} "
                                  f"content={g['quote_text'][:110]!r}")
            else:
                count["ind_gold"] += 1
                count["ind_gold_hit"] += hit
        for u in units:
            ok = any(matches(u, g, words) for g, words in golds)
            if u["kinds"] & {"direct", "mixed"}:
                count["dm_sys"] += 1
                count["dm_sys_hit"] += ok
                count["dm_sys_near"] += ok or any(
                    words and sum(1 for s, e in words if u["start"] <= s and e <= u["end"]) * 2 >= len(words)
                    for _g, words in golds)
                if not ok and len(wrong) < args.show_wrong:
                    wrong.append(f"[{'/'.join(sorted(u['kinds']))}] speaker={u['speaker']!r} "
                                 f"text={text[u['start']:u['end']][:110]!r}")
            else:
                count["ind_sys"] += 1
                count["ind_sys_hit"] += ok
    dm = prf(count["dm_sys_hit"], count["dm_sys"], count["dm_gold_hit"], count["dm_gold"])
    ind = prf(count["ind_sys_hit"], count["ind_sys"], count["ind_gold_hit"], count["ind_gold"])
    print(f"PolNeAR {'dev' if args.dev else 'test'}: {len(records)} articles, {time.time() - began:.0f}s")
    print(f"direct+mixed with a source: gold {count['dm_gold']}, system attributions {count['dm_sys']}")
    print(f"  ours  P {dm[0]:.1f}  R {dm[1]:.1f}  F1 {dm[2]:.1f}   (goal F1 >= 85)")
    print(f"  content found regardless of speaker: {100 * count['dm_gold_content_hit'] / max(1, count['dm_gold']):.1f}%"
          " of gold")
    print(f"  recall by gold kind: direct {count['direct_hit']}/{count['direct_gold']}, "
          f"mixed {count['mixed_hit']}/{count['mixed_gold']}")
    print(f"  system attributions over gold content: {count['dm_sys_near']}/{count['dm_sys']} "
          f"(the rest quote nothing gold attributes; those over gold content but unmatched have the wrong speaker)")
    for name, value in ANCHORS:
        print(f"  anchor {name}: F1 {value}")
    print(f"indirect with a source: gold {count['ind_gold']}, system attributions {count['ind_sys']}")
    print(f"  ours  P {ind[0]:.1f}  R {ind[1]:.1f}  F1 {ind[2]:.1f}")
    for line in missed:
        print("  missed " + line)
    for line in wrong:
        print("  unmatched " + line)


if __name__ == "__main__":
    main()
