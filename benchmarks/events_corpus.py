"""Events over the news corpus (shared/corpus/news, 1,270 articles): events per article, the
share of events with both actors coded, and a sanity listing of events fired from sports- or
crime-like sentences (the coder must not fire on sports "clashes" or crime blotter copy).

usage: python benchmarks/events_corpus.py [--sample N] [--all] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus" / "news"
SPORTS = re.compile(r"\b(match|goal|striker|coach|league|cup|tournament|season|scored|midfielder|stadium|"
                    r"championship|innings|wicket|quarterback|playoff)\b", re.I)
CRIME = re.compile(r"\b(robbery|burglar|stabbed|shoplift|suspect|murder(ed)?|carjack|theft)\b", re.I)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    meta_path = CORPUS / "meta.jsonl"
    if not meta_path.exists():
        print(f"needs {meta_path}", file=sys.stderr)
        return 2
    from newsevents import read

    metas = [json.loads(x) for x in open(meta_path, encoding="utf-8")]
    metas = [m for m in metas if (CORPUS / f"{m['id']}.txt").exists()]
    if not args.all:
        random.Random(args.seed).shuffle(metas)
        metas = metas[: args.sample]
    n_events = both = articles = 0
    roots: Counter[str] = Counter()
    suspicious = []
    uncoded = []  # events with a party named but not coded (rule uncoded_name): listed for a check by hand
    for m in metas:
        text = (CORPUS / f"{m['id']}.txt").read_text(encoding="utf-8")
        try:
            reading = read(text, published=m.get("published"))
        except Exception as err:  # a bad article must not end the run
            print(f"error {m['id']}: {err}", file=sys.stderr)
            continue
        articles += 1
        for e in reading.events:
            n_events += 1
            roots[e.cameo_root] += 1
            both += bool(e.source is not None and e.source.code and e.target is not None and e.target.code)
            if (e.source is not None and not e.source.code) or (e.target is not None and not e.target.code):
                uncoded.append((m["id"], e.cameo, e.evidence[:110]))
            if SPORTS.search(e.evidence) or CRIME.search(e.evidence):
                suspicious.append((m["id"], e.cameo, e.evidence[:110]))
    print(f"articles {articles}; events {n_events}; events per article {n_events / max(articles, 1):.2f}; "
          f"both actors coded {both}/{n_events} = {both / max(n_events, 1):.3f}")
    print("events by CAMEO root:", dict(sorted(roots.items())))
    print(f"events from sports/crime-like sentences ({len(suspicious)}; check by hand):")
    for row in suspicious[:25]:
        print("  ", *row)
    print(f"events with a named but uncoded party ({len(uncoded)}; check by hand):")
    for row in uncoded[:25]:
        print("  ", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
