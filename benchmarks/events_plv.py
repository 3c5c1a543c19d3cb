"""PLOVER type of our events on the PLV sentences (Zero-Shot-PLOVER): accuracy where we produce
an event, and coverage (share of sentences where we produce one). Tune on train, report test.

Our type for a sentence: the PLOVER type of the asserted-or-not event whose source or target
overlaps the gold source/target strings best (else the first event). PLV's YIELD is met by
CONCEDE or RETREAT. Sentences are read with a fixed publication date (no dates are scored).

usage: python benchmarks/events_plv.py [--split train|test] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PLV = SHARED / "benchmarks" / "plover-plv"


def gold_types(row: dict) -> set[str]:
    gold = str(row.get("plover") or row.get("gold_root") or "")
    return {g.strip().upper() for g in gold.split("|") if g.strip()}


def pick(events, row: dict):
    def overlap(actor, text):
        if actor is None or not text:
            return 0
        a = set(actor.text.lower().split())
        return len(a & set(text.lower().split()))

    scored = [(overlap(e.source, row.get("source_text")) + overlap(e.target, row.get("target_text")), -i, e)
              for i, e in enumerate(events) if e.plover]
    return max(scored)[2] if scored else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    path = PLV / f"{args.split}.jsonl"
    if not path.exists():
        print(f"needs {path}", file=sys.stderr)
        return 2
    from newsevents import read

    rows = [json.loads(x) for x in open(path, encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    covered = correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    shown = 0
    for row in rows:
        reading = read(row["text"], published="2020-01-01")
        ev = pick(reading.events, row)
        if ev is None:
            continue
        covered += 1
        gold = gold_types(row)
        ok = ev.plover.upper() in gold
        correct += ok
        if not ok:
            confusion[("/".join(sorted(gold)), ev.plover)] += 1
            if shown < args.show:
                shown += 1
                print(f"gold={'/'.join(sorted(gold))} ours={ev.plover} ({ev.cameo} {ev.trigger}) {row['text'][:140]}")
    n = len(rows)
    print(f"PLV {args.split}: {n} sentences; coverage {covered}/{n} = {covered / max(n, 1):.3f}; "
          f"PLOVER accuracy where we code {correct}/{covered} = {correct / max(covered, 1):.3f}")
    print("most frequent confusions (gold -> ours):", confusion.most_common(8))
    print("anchor: the issue names no PLV number; ZSP (the paper's zero-shot model) is the published reference.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
