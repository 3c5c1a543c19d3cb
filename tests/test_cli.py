"""The command line: read a file, a feed, standard input; exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

DEMO = REPO / "examples" / "demo-article.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], input=stdin, capture_output=True)


def test_read_demo_prints_reading():
    out = run_cli("read", str(DEMO), "--published", "2026-03-02")
    assert out.returncode == 0, out.stderr
    reading = json.loads(out.stdout)
    assert reading["document"]["published"] == "2026-03-02"
    assert reading["document"]["boilerplate"][0]["why"] == "page header date"


def test_feed_keeps_order_and_turns_failures_into_error_rows(tmp_path):
    feed = tmp_path / "feed.jsonl"
    stories = [
        {"id": "a", "text": "Talks resume\n\nPARIS (AFP) - France and Germany held talks in Paris on Monday.",
         "published": "2024-01-08"},
        {"id": "b", "text": ""},
        {"id": "c", "html": "<html><body><p>Police clashed with protesters in Nairobi on Tuesday, "
                            "witnesses said.</p></body></html>", "published": "2024-01-09"},
    ]
    feed.write_text("\n".join(json.dumps(s) for s in stories) + "\nnot json\n", encoding="utf-8")
    out = run_cli("read", str(feed), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(lines) == 4
    assert lines[0]["document"]["id"] == "a"
    assert lines[1] == {"id": "b", "error": "input is empty"}
    assert lines[2]["document"]["id"] == "c"
    assert "error" in lines[3] and "not JSON" in lines[3]["error"]


def test_stdin_and_usage_errors():
    out = run_cli("read", "-", "--published", "2024-01-08",
                  stdin=b"Talks\n\nPARIS (AFP) - France and Germany held talks on Monday.\n")
    assert out.returncode == 0
    assert json.loads(out.stdout)["document"]["published"] == "2024-01-08"
    bad_date = run_cli("read", str(DEMO), "--published", "yesterday")
    assert bad_date.returncode == 2
    assert b"yesterday" in bad_date.stderr
    assert run_cli("read").returncode == 2
    missing = run_cli("read", "/nonexistent/article.txt")
    assert missing.returncode == 1
    assert missing.stderr.decode().strip().count("\n") == 0
    assert "/nonexistent/article.txt" in missing.stderr.decode()
