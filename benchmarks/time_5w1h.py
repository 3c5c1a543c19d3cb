"""The time stage against the Giveme5W1H gold "when" phrases (96 news articles, November 2016).

usage: python benchmarks/time_5w1h.py [--split all|tune|held-out] [--errors] [--limit N]

Reads ../shared/benchmarks/news-events/giveme5w1h-gold/gold.jsonl in place. Each article is read
as a page capture (its title line, a blank line, its text) with the set's publication date given,
through the document reader, the parse and the time stage (`pipeline.build_context(until="time")`).

(a) recall: a gold "when" phrase (case-insensitive, first place it occurs in the text) is found
    when a time expression of ours overlaps it. Reported over all phrases and over the temporal
    ones (a weekday, month, clock time, year, "today", "night", "ago", ... in the phrase; the
    others, like a race's name, no time tagger is meant to find).
(b) value: for a phrase whose date the phrase itself settles, our value (its day, first 10
    characters) must be that date. A phrase with a month and day is that day (its year, else
    the publication year); a phrase with a weekday or "today"/"tonight"/"this morning" takes the
    coders' parsed date only where that agrees with the phrase (the same weekday, within a week
    of publication; the publication day for "today"): the coders' dates are otherwise noisy.
Matching is unweighted (coderPhraseCount is ignored).

Split: articles whose id (a hex hash) ends in an even digit are the tuning half, odd the
held-out half; tune on --split tune only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
GOLD = SHARED / "benchmarks" / "news-events" / "giveme5w1h-gold" / "gold.jsonl"

sys.path.insert(0, str(REPO))

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_TEMPORAL = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d{1,2}[.:]\d\d|\b\d{1,2}\s*(?:a\.?m|p\.?m)\b|\b(?:19|20)\d\d\b|\btoday\b|\btonight\b|\bnight\b"
    r"|\bmorning\b|\bafternoon\b|\bevening\b|\bmidnight\b|\bago\b|\b(?:hours?|days?|weeks?|months?|years?)\b",
    re.I)
_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b(?:,?\s+(\d{4}))?",
                        re.I)
_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)


def is_odd(article_id: str) -> bool:
    return int(article_id[-1], 16) % 2 == 1


def expected_day(phrase: str, parsed: str | None, published: dt.date | None) -> dt.date | None:
    """The day the phrase settles by itself, or None (see the module docstring)."""
    m = _MONTH_DAY.search(phrase)
    if m:
        year = int(m.group(3)) if m.group(3) else (published.year if published else None)
        if year is None:
            return None
        try:
            return dt.date(year, _MONTHS.index(m.group(1).lower()[:3]) + 1, int(m.group(2)))
        except ValueError:
            return None
    if not parsed or published is None:
        return None
    try:
        gold = dt.date.fromisoformat(parsed)
    except ValueError:
        return None
    low = phrase.lower()
    named = [i for i, w in enumerate(_WEEKDAYS) if w in low]
    if len(named) == 1:
        if gold.weekday() == named[0] and abs((gold - published).days) <= 7:
            return gold
        return None
    if _TODAY.search(phrase) and gold == published:
        return gold
    return None


def load(split: str, limit: int) -> list[dict]:
    with open(GOLD, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if split == "tune":
        rows = [r for r in rows if not is_odd(r["id"])]
    elif split == "held-out":
        rows = [r for r in rows if is_odd(r["id"])]
    return rows[:limit] if limit else rows


def score(rows: list[dict], errors: list[str]) -> dict[str, int]:
    from newsevents.pipeline import build_context

    c = {"phrases": 0, "found": 0, "temporal": 0, "temporal_found": 0, "valued": 0, "value_ok": 0,
         "absent": 0}
    for r in rows:
        title = (r.get("title") or "").strip()
        body = r.get("text") or ""
        text = f"{title}\n\n{body}" if title else body
        try:
            published = dt.date.fromisoformat(str(r.get("published"))[:10])
        except ValueError:  # one article of the set has no date
            published = None
        ctx = build_context(text, published, until="time")
        times = [(t.start, t.end, t.value, ctx.raw[t.start:t.end]) for t in ctx.times]
        body_start = len(title) + 2 if title else 0
        for a in (r.get("answers") or {}).get("when") or []:
            phrase = (a.get("text") or "").strip()
            if not phrase:
                continue
            k = text.lower().find(phrase.lower(), body_start)
            if k < 0:
                k = text.lower().find(phrase.lower())
            if k < 0:
                c["absent"] += 1
                continue
            end = k + len(phrase)
            c["phrases"] += 1
            temporal = bool(_TEMPORAL.search(phrase))
            c["temporal"] += temporal
            hits = [t for t in times if t[0] < end and k < t[1]]
            c["found"] += bool(hits)
            c["temporal_found"] += temporal and bool(hits)
            if not hits:
                if temporal:
                    errors.append(f"{r['id'][:8]}\tMISSED\t{phrase!r}\t...{text[max(0, k - 60):end + 40]!r}")
                continue
            want = expected_day(phrase, a.get("parsed"), published)
            if want is None:
                continue
            c["valued"] += 1
            got = [t for t in hits if t[2][:10] == want.isoformat()]
            if got:
                c["value_ok"] += 1
            else:
                shown = "; ".join(f"{t[3]!r}={t[2]}" for t in hits)
                errors.append(f"{r['id'][:8]}\tVALUE\t{phrase!r} want {want} (published {published})\tgot {shown}"
                              f"\t...{text[max(0, k - 80):end + 40]!r}")
    return c


def show(name: str, c: dict[str, int]) -> None:
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {100 * a / b:5.1f}%" if b else f"{a}/0"

    print(f"{name:10s} when recall {pct(c['found'], c['phrases'])}; temporal phrases "
          f"{pct(c['temporal_found'], c['temporal'])}; value {pct(c['value_ok'], c['valued'])}"
          f" (phrases not in the text: {c['absent']})")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("all", "tune", "held-out"), default="all")
    ap.add_argument("--errors", action="store_true", help="list missed phrases and wrong values")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not GOLD.exists():
        print(f"needs {GOLD} (the shared material beside the checkout); absent.")
        return 2
    errors: list[str] = []
    splits = ("tune", "held-out") if args.split == "all" else (args.split,)
    for split in splits:
        show(split, score(load(split, args.limit), errors))
    if args.errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
