"""Event detection against WikiEvents (KAIROS) gold events, dev split only: a proxy for how many of
the political acts in real bombing, attack and arrest stories we find, and how many we invent.

A few KAIROS types map to CAMEO: Conflict.Attack.* -> roots 18-20 (ATTACK); Justice.ArrestJailDetain
-> 173/175 (ARREST); Contact.Contact.Meet, Contact.RequestCommand.Meet -> root 04 (MEET);
Conflict.Demonstrate.* -> root 14 (PROTEST); Contact.ThreatenCoerce.* -> root 13 (THREATEN);
Justice.ChargeIndict -> 1121 (CHARGE); Justice.InvestigateCrime -> root 09 (INVESTIGATE);
Justice.ReleaseParole -> 0841 (RELEASE). Other KAIROS types (deaths, injuries, broadcasts, disease)
are no CAMEO events and are not scored.

Matching is per sentence: a gold (sentence, class) is found when one of our events of that class
has its trigger (or one of its merged mentions) in the sentence; our (sentence, class) is right
when the gold has an event of that class in the sentence. (Trigger words differ between schemes:
KAIROS marks "kills" and "attack" apart where CAMEO tells one act.) Each article is read whole, its
text rebuilt from the token offsets of the original article (the stored `text` loses spaces
between sentences); no publication date is given (dates are not scored).

usage: python benchmarks/events_wikievents.py [--show N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
WIKI = SHARED / "benchmarks" / "news-events" / "wikievents"

GOLD_CLASSES = {
    "Conflict.Attack": "ATTACK", "Justice.ArrestJailDetain": "ARREST", "Contact.Contact.Meet": "MEET",
    "Contact.RequestCommand.Meet": "MEET", "Conflict.Demonstrate": "PROTEST", "Contact.ThreatenCoerce": "THREATEN",
    "Justice.ChargeIndict": "CHARGE", "Justice.InvestigateCrime": "INVESTIGATE", "Justice.ReleaseParole": "RELEASE",
}


def gold_class(event_type: str) -> str | None:
    for prefix, name in GOLD_CLASSES.items():
        if event_type.startswith(prefix):
            return name
    return None


def our_class(cameo: str) -> str | None:
    if cameo[:2] in ("18", "19", "20"):
        return "ATTACK"
    if cameo[:3] in ("173", "175"):
        return "ARREST"
    if cameo.startswith("1121"):
        return "CHARGE"
    if cameo.startswith("0841"):
        return "RELEASE"
    return {"04": "MEET", "14": "PROTEST", "13": "THREATEN", "09": "INVESTIGATE"}.get(cameo[:2])


def rebuild(record: dict) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The article text with its original spacing, each token's (start, end), each sentence's span."""
    tokens = [(start, end, text) for sent in record["sentences"] for text, start, end in sent[0]]
    size = max(end for _, end, _ in tokens)
    chars = [" "] * size
    for start, end, text in tokens:
        chars[start:end] = list(text[: end - start].ljust(end - start))
    spans = []
    for sent in record["sentences"]:
        spans.append((sent[0][0][1], sent[0][-1][2]))
    return "".join(chars), [(s, e) for s, e, _ in tokens], spans


def sentence_of(offset: int, spans: list[tuple[int, int]]) -> int | None:
    return next((i for i, (s, e) in enumerate(spans) if s <= offset < e), None)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print N missed and N invented (sentence, class) pairs")
    args = ap.parse_args()
    path = WIKI / "dev.jsonl"
    if not path.exists():
        print(f"needs {path}", file=sys.stderr)
        return 2
    from newsevents import read

    gold_n = found = ours_n = right = 0
    per_class: Counter[tuple[str, str]] = Counter()
    missed: list[str] = []
    invented: list[str] = []
    for record in map(json.loads, open(path, encoding="utf-8")):
        text, token_spans, sent_spans = rebuild(record)
        reading = read(text)

        gold: set[tuple[int, str]] = set()
        for ev in record["event_mentions"]:
            name = gold_class(ev["event_type"])
            if name is not None:
                gold.add((ev["trigger"]["sent_idx"], name))
        ours: set[tuple[int, str]] = set()
        for ev in reading.events:
            name = our_class(ev.cameo)
            if name is None:
                continue
            starts = [ev.trigger_start if ev.trigger_start is not None else ev.start] + [m.start for m in ev.mentions]
            for start in starts:
                sent = sentence_of(start, sent_spans)
                if sent is not None:
                    ours.add((sent, name))
        gold_n += len(gold)
        ours_n += len(ours)
        found += len(gold & ours)
        right += len(ours & gold)
        for sent, name in gold:
            per_class[(name, "gold")] += 1
            per_class[(name, "found")] += (sent, name) in ours
        for sent, name in sorted(gold - ours):
            s, e = sent_spans[sent]
            missed.append(f"{name:11} {text[s:e][:150]}")
        for sent, name in sorted(ours - gold):
            s, e = sent_spans[sent]
            invented.append(f"{name:11} {text[s:e][:150]}")
    p = right / max(ours_n, 1)
    r = found / max(gold_n, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"WikiEvents dev (20 articles), sentence-level: recall {found}/{gold_n} = {r:.3f}; "
          f"precision {right}/{ours_n} = {p:.3f}; F1 {f:.3f}")
    classes = sorted({name for name, _ in per_class})
    print("recall by class:", ", ".join(f"{c} {per_class[(c, 'found')]}/{per_class[(c, 'gold')]}" for c in classes))
    for line in missed[: args.show]:
        print("  missed  ", line)
    for line in invented[: args.show]:
        print("  invented", line)
    print("anchor: no published event-detection score maps to CAMEO; BART-Gen's argument F1 (71.75 head) "
          "uses gold triggers and is not comparable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
