"""Actors over a fixed sample of the news corpus (shared/corpus/news): of the noun phrases that
are parties of produced events (the subject and the object of the event's trigger), the share
the actors stage codes, the share of events with both actors coded, and a list of the uncoded
phrases and of every coded one for a check by hand.

The sample is fixed: articles of meta.jsonl whose index modulo --mod equals --rest (default
50 and 17), minus the reference examples. Use another --rest for a second unseen sample.

usage: python benchmarks/actors_corpus.py [--mod 50] [--rest 17] [--list N] [--coded]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus" / "news"
EXAMPLES = SHARED / "examples"
# Dependencies of a trigger's children that carry the parties of its event.
PARTY_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj"}
PARTY_PREPS = {"by", "with", "against", "to", "on", "from"}
PRONOUN_SKIP = {"it", "this", "that", "which", "what", "who", "there", "i", "you", "we", "me", "us"}


def _party_tokens(trigger):  # type: ignore[no-untyped-def]
    """Subject, object and agent/with/against objects of a trigger: the phrases an event's
    source and target come from."""
    for child in trigger.children:
        if child.dep_ in PARTY_DEPS:
            yield child
        elif child.dep_ in {"agent", "prep"} and child.lower_ in PARTY_PREPS:
            yield from (g for g in child.children if g.dep_ == "pobj")


def _is_candidate(tok) -> bool:  # type: ignore[no-untyped-def]
    """A phrase that could be an actor: a name, a plural or definite noun about people, a pronoun."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in PRONOUN_SKIP
    return tok.pos_ in {"PROPN", "NOUN"} and tok.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT",
                                                                     "QUANTITY", "CARDINAL", "ORDINAL"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mod", type=int, default=50)
    ap.add_argument("--rest", type=int, default=17)
    ap.add_argument("--list", type=int, default=60, help="uncoded phrases to list")
    ap.add_argument("--coded", action="store_true", help="also list every coded party phrase")
    args = ap.parse_args()
    meta_path = CORPUS / "meta.jsonl"
    if not meta_path.exists():
        print(f"needs {meta_path}", file=sys.stderr)
        return 2
    from newsevents.actors import actor_for_token
    from newsevents.pipeline import build_context

    examples = {p.name.split(".")[0] for p in EXAMPLES.glob("*.expected.json")}
    metas = [json.loads(x) for x in open(meta_path, encoding="utf-8")]
    metas = [m for i, m in enumerate(metas) if i % args.mod == args.rest and m["id"] not in examples
             and (CORPUS / f"{m['id']}.txt").exists()]
    events = both = phrases = coded = 0
    by_source: Counter[str] = Counter()
    uncoded_rows, coded_rows = [], []
    for m in metas:
        text = (CORPUS / f"{m['id']}.txt").read_text(encoding="utf-8")
        try:
            ctx = build_context(text, m.get("published"), until="events")
        except Exception as err:  # a bad article must not end the run
            print(f"error {m['id']}: {err}", file=sys.stderr)
            continue
        starts = {ctx.raw_span(t)[0]: t for t in ctx.doc}
        seen: set[int] = set()
        for e in ctx.events:
            events += 1
            both += bool(e.source is not None and e.source.code and e.target is not None and e.target.code)
            trigger = starts.get(e.trigger_start if e.trigger_start is not None else -1)
            if trigger is None:
                continue
            for tok in _party_tokens(trigger):
                if tok.i in seen or not _is_candidate(tok):
                    continue
                seen.add(tok.i)
                phrases += 1
                actor = actor_for_token(ctx, tok)
                s, t = ctx.raw_span(tok.doc[tok.left_edge.i: tok.right_edge.i + 1])
                words = " ".join(ctx.raw[s:t].split())[:70]
                if actor is not None and actor.code:
                    coded += 1
                    by_source[m["id"].split("-")[0]] += 1
                    coded_rows.append((m["id"][:28], e.cameo, actor.code, words))
                else:
                    uncoded_rows.append((m["id"][:28], e.cameo, tok.dep_, words))
    print(f"sample {args.rest} mod {args.mod}: articles {len(metas)}; events {events}; "
          f"both actors coded {both}/{events} = {both / max(events, 1):.3f}")
    print(f"party phrases of event triggers coded {coded}/{phrases} = {coded / max(phrases, 1):.3f}")
    print(f"uncoded party phrases ({len(uncoded_rows)}; check by hand):")
    for row in uncoded_rows[: args.list]:
        print("  ", *row)
    if args.coded:
        print(f"coded party phrases ({len(coded_rows)}):")
        for row in coded_rows:
            print("  ", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
