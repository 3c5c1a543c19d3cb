"""Time stage: every time expression of the article, as TIMEX3, resolved against the publication date.

Exposes to later stages:
- `ctx.times`: list of TimeExpr (raw offsets);
- `ctx.exposed["time_anchors"]`: sentence index -> the TimeExprs in that sentence, in order;
- `anchor_for_token(ctx, token)`: the time expression governing a token's clause;
- `attach_utc_offsets(ctx)`: called by the pipeline after geo, adds the UTC offset of the place
  of action (else of the focus country) to clock times written without a zone.

The tagger is regex and lexicon based (rules.py, data/lexicon.yaml), with the spaCy parse used
only for tense and for "before X" vs "a day before"; see tagger.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Token

from newsevents.document.dates import parse_month_day
from newsevents.reading import TimeExpr
from newsevents.time.lexicon import utc_offsets
from newsevents.time.rules import Found
from newsevents.time.tagger import _governing_verb, tag

__all__ = ["anchor_for_token", "attach_utc_offsets", "reference_date", "run", "tag"]

_HAS_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$")
_CLOCK = re.compile(r"T\d{2}:\d{2}")


def reference_date(ctx: Any) -> dt.date | None:
    """The date relative expressions resolve against: the publication date, else the page
    header date, else None (see `run`).

    A wire dateline's own day ("HARBORVILLE, May 9 (Reuters) -") is the story's day when it
    lies a day or two from the publication stamp: the page or the feed stamped the story the
    next day (or in UTC), but "today" and "on Tuesday" are told from the dateline's day.
    """
    if ctx.published:
        return dateline_day(ctx, ctx.published) or ctx.published
    header = getattr(ctx.document, "page_header_date", None)
    if header:
        try:
            return dt.date.fromisoformat(str(header)[:10])
        except ValueError:
            pass
    return None


def dateline_day(ctx: Any, published: dt.date) -> dt.date | None:
    """The day a dateline names (month and day, the year put nearest to `published`) when it
    is within two days of `published` and differs from it; else None."""
    dateline = getattr(ctx.document, "dateline", None)
    if not dateline:
        return None
    month_day = parse_month_day(dateline)
    if month_day is None:
        return None
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            day = dt.date(year, *month_day)
        except ValueError:
            continue
        if day != published and abs((day - published).days) <= 2:
            return day
    return None


_YEAR_IN_TEXT = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def first_full_date(found: list[Found], text: str,
                    captions: list[tuple[int, int]] | None = None) -> dt.date | None:
    """The first day the text names in full, year included ("13 August 2007"): the best
    reference for an undated story, whose weekdays and "yesterday" point near it. A photo
    caption's date is passed over: a file photo may be years older than the story."""
    for f in found:
        if any(s <= f.start < e for s, e in captions or ()):
            continue
        if f.type == "DATE" and _DAY_VALUE.match(f.value) and _YEAR_IN_TEXT.search(text[f.start:f.end]):
            try:
                return dt.date.fromisoformat(f.value)
            except ValueError:
                continue
    return None


def run(ctx: Any) -> None:
    """Tag the NLP view, map spans to raw offsets, and publish the per-sentence anchors.

    A story with no publication or header date is read against the first day it names in full,
    and only failing that against today: resolving "Thursday" against the day the reading is
    made would date a 2007 story in 2026.
    """
    dct = reference_date(ctx)
    text = ctx.view.text  # what the doc was parsed from: ctx.doc.text would rebuild it token by token
    headlines = [(s.span.start_char, s.span.end_char) for s in ctx.sentences
                 if s.zone in ("title", "caption", "subheading", "standfirst")]
    captions = [(s.span.start_char, s.span.end_char) for s in ctx.sentences if s.zone == "caption"]
    if dct is None:
        found = tag(text, dt.date.today(), ctx.doc, headlines, captions)
        dct = first_full_date(found, text, captions)
        if dct is not None:
            found = tag(text, dct, ctx.doc, headlines, captions)
    else:
        found = tag(text, dct, ctx.doc, headlines, captions)
    times: list[TimeExpr] = []
    view_spans: list[tuple[int, int, TimeExpr]] = []
    local: list[TimeExpr] = []
    anchors: dict[int, list[TimeExpr]] = {}
    for f in found:
        start, end = ctx.view.to_raw(f.start, f.end)
        if end <= start:
            continue
        t = TimeExpr(text=ctx.raw[start:end], start=start, end=end, type=f.type, value=f.value,
                     mod=f.mod, begin=f.begin, end_date=f.end_date, anchor=f.anchor)
        times.append(t)
        view_spans.append((f.start, f.end, t))
        if f.local_clock:
            local.append(t)
        sentence = ctx.sentence_at(start)
        if sentence is not None:
            anchors.setdefault(sentence.index, []).append(t)
    ctx.times = times
    ctx.exposed["time_anchors"] = anchors
    ctx.exposed["time_view_spans"] = view_spans
    ctx.exposed["time_local_clock"] = local


def _place_country(place: Any) -> str | None:
    if place is None:
        return None
    if isinstance(place, dict):
        return place.get("country")
    return getattr(place, "country", None)


def attach_utc_offsets(ctx: Any) -> None:
    """Give clock times written without a zone the UTC offset of where the action happened.

    The place of action of the time's sentence decides; else the story's focus country.
    Offsets come from data/utc_offsets.tsv (standard time, the capital's zone).
    """
    local: list[TimeExpr] = ctx.exposed.get("time_local_clock") or []
    if not local:
        return
    places = ctx.exposed.get("place_of_action") or {}
    focus = ctx.exposed.get("focus_country")
    table = utc_offsets()
    for t in local:
        if not _CLOCK.search(t.value) or _HAS_OFFSET.search(t.value):
            continue
        sentence = ctx.sentence_at(t.start)
        country = _place_country(places.get(sentence.index)) if sentence is not None else None
        offset = table.get((country or focus or "").upper())
        if offset:
            t.value += offset


def _head_token(ctx: Any, view_start: int, view_end: int) -> Token | None:
    span = ctx.doc.char_span(view_start, view_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def anchor_for_token(ctx: Any, token: Token) -> TimeExpr | None:
    """The time expression that governs the clause of `token`: the nearest one attached to the
    same verb, else the nearest in its sentence (dates and times before durations and sets)."""
    sentence = ctx.sentence_of_token(token)
    if sentence is None:
        return None
    anchors: list[TimeExpr] = (ctx.exposed.get("time_anchors") or {}).get(sentence.index) or []
    if not anchors:
        return None
    spans = {id(t): (s, e) for s, e, t in ctx.exposed.get("time_view_spans") or []}
    verb = token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)
    best: tuple[tuple[int, int, int], TimeExpr] | None = None
    for t in anchors:
        vs_ve = spans.get(id(t))
        if vs_ve is None:
            continue
        head = _head_token(ctx, *vs_ve)
        if head is None:
            continue
        head_verb = _governing_verb(head)
        same_clause = verb is not None and head_verb is not None and head_verb.i == verb.i  # spaCy tokens are views: compare indices
        pointlike = t.type in ("DATE", "TIME") and not t.value.startswith("P")
        distance = abs(head.i - token.i)
        own = token.pos_ not in ("VERB", "AUX") and _modifies_token(head, token)
        key = (0 if own else 1, 0 if same_clause else 1, 0 if pointlike else 1, distance)
        if best is None or key < best[0]:
            best = (key, t)
    return best[1] if best else None


def _modifies_token(head: Token, token: Token) -> bool:
    """Whether a time's head token hangs (through its own phrase) on an event noun: "Tuesday's
    attack", "the March 3 vote", "the attack on Tuesday" date the noun itself."""
    up = head
    for _ in range(4):
        if up.i == token.i:
            return True
        if up.head.i == up.i or up.pos_ in ("VERB", "AUX"):
            return False
        up = up.head
    return False
