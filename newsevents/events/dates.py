"""Dates, times of day and background flags of events (rule `event_date`).

An event is dated by the time expression that governs its clause (time stage). Without one, a
news event told in past simple or present is dated to the publication day; recalled history
(past perfect, earlier years) and hypothetical events get no date rather than a fake one."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.attrs import IDX
from spacy.tokens import Token

from newsevents.events import bridge
from newsevents.events.lexicon import load_lexicon
from newsevents.events.modality import is_past_perfect
from newsevents.reading import TimeExpr

DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)([+-]\d{2}:?\d{2}|Z)?)?$")
PARTIAL = re.compile(r"^\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?$|^\d{4}-W\d{2}$")
BACKGROUND_DAYS = 31


def _first_day(value: str) -> dt.date | None:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _last_day(value: str) -> dt.date | None:
    part = value.split("/")[-1]
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", part)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            nxt = dt.date(year + (int(month) == 12), int(month) % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, 12, 31)
    except ValueError:
        return None


def date_of_time(t: TimeExpr) -> tuple[str | None, str | None]:
    """(date, time of day with its UTC offset) that a time expression fixes."""
    value = (t.value or "").replace(" ", "")
    m = DAY.match(value)
    if m:
        time = None
        if m.group(2):
            time = m.group(2) + (m.group(3) or "")
        return m.group(1), time
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return value[:10], None  # a part of a day ("2015-11-15TNI"): the day is known
    if PARTIAL.match(value):
        return value, None
    if t.begin and t.end_date:
        return f"{t.begin}/{t.end_date}", None
    return None, None


def _modifies_a_noun(ctx: Any, verb: Token, anchor: TimeExpr) -> bool:
    """Rule `event_date`: "a bilateral 2018 military agreement" names a thing, not a time of the
    event; a time expression that is a modifier inside a noun phrase does not date the clause."""
    tok = _anchor_token(ctx, verb, anchor)
    if tok is None:
        return False
    return tok.dep_ in ("compound", "amod", "nummod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.head.ent_type_ not in ("DATE", "TIME") and tok.i == tok.head.i - 1 or (
            tok.dep_ in ("compound", "amod", "nummod", "nmod") and tok.head.ent_type_ != "DATE"
            and tok.head.pos_ == "NOUN" and tok.head.i > tok.i + 1 and tok.ent_type_ == "DATE"
            and tok.head.lemma_ not in ("day", "week", "month", "year"))


def _finite(verb: Token) -> bool:
    """A finite clause reports; a bare gerund or participle ("since arresting her") does not."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def _anchor_token(ctx: Any, verb: Token, anchor: TimeExpr) -> Token | None:
    """The token a time expression starts at (an index of token starts built once per article)."""
    index = ctx.exposed.get("_events_token_starts")
    if index is None or index[0] is not verb.doc:
        # a token's raw start is what ctx.raw_span gives (view.to_raw of its view start), read
        # from the offset table directly rather than through a Token per word
        offsets = ctx.view.offsets
        last = len(offsets) - 1
        starts: dict[int, int] = {}
        for i, idx in enumerate(verb.doc.to_array(IDX).tolist()):
            starts.setdefault(offsets[min(idx, last)], i)
        index = (verb.doc, starts)
        ctx.exposed["_events_token_starts"] = index
    i = index[1].get(anchor.start)
    return verb.doc[i] if i is not None else None


def _inside_other_description(ctx: Any, verb: Token, anchor: TimeExpr) -> bool:
    """Rule `event_date`: "condemned the rocket that was launched Feb. 7": a time inside a relative
    clause or participle that describes a noun dates that clause, not the verb above it."""
    tok = _anchor_token(ctx, verb, anchor)
    while tok is not None and tok.i != verb.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl") and tok.pos_ in ("VERB", "AUX"):
            return not (tok.left_edge.i <= verb.i <= tok.right_edge.i)
        tok = tok.head
    return False


def _own_phrase_time(ctx: Any, noun: Token) -> TimeExpr | None:
    """Rule `event_date`: "the May 22 concert bombing", "Saturday's attack": a time that modifies
    an event noun inside its own phrase dates that event."""
    for t in bridge.sentence_times(ctx, noun):
        tok = _anchor_token(ctx, noun, t)
        if tok is not None and noun.left_edge.i <= tok.i < noun.i and t.type in ("DATE", "TIME"):
            up = tok
            while up.i != noun.i and up.head.i != up.i and up.i < noun.i:
                up = up.head
            if up.i == noun.i:
                return t
    return None


INTERVAL = re.compile(r"^P(\d+)([DW])$")


def _date_across_interval(ctx: Any, verb: Token) -> str | None:
    """Rule `interval_clause`: "met on Friday, a day after troops fired on a post": a clause
    introduced by "after"/"before" with a measured interval happened that long before/after the
    main clause's day (the time stage anchors the interval on the main clause's date)."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if verb.dep_ != "advcl" or mark is None or verb.head.i == verb.i:
        return None
    for measure in (c for c in verb.children if c.dep_ == "npadvmod" and c.i < mark.i):
        lo, hi = ctx.raw_span(measure)
        for t in ctx.times:
            m = INTERVAL.match((t.value or "").replace(" ", ""))
            if t.type != "DURATION" or m is None or not (t.start <= lo and hi <= t.end):
                continue
            main = assign_date(ctx, verb.head, "asserted", False)
            day = _first_day(main["date"]) if main["date"] and main["anchored"] and len(main["date"]) == 10 else None
            if day is None:
                return None
            days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
            return (day - dt.timedelta(days=days) if mark.lower_ == "after" else day + dt.timedelta(days=days)).isoformat()
    return None


def _in_accused_content(ctx: Any, verb: Token, anchor: TimeExpr) -> bool:
    """Rule `accused_content`: "accused him of planting the bomb on May 3": a time inside the
    content of an accusation (its of/for complement or that-clause) dates the act accused, not the
    accusation (lexicon `event_dates.accusation_verbs`)."""
    if verb.lemma_.lower() not in load_lexicon().event_dates.get("accusation_verbs", ()):
        return False
    tok = _anchor_token(ctx, verb, anchor)
    if tok is None:
        return False
    accused = [o for o in verb.children if o.dep_ in ("dobj", "obj")]  # (the parser may hang "of" on the object)
    content = [c for h in [verb, *accused] for c in h.children if c.dep_ in ("ccomp", "xcomp") or (
        c.dep_ == "prep" and c.lower_ in ("of", "for", "with") and any(g.dep_ == "pcomp" for g in c.children))]
    return any(c.left_edge.i <= tok.i <= c.right_edge.i for c in content)


def _after_an_event(verb: Token) -> bool:
    """Rule `event_relative`: "was detained after a long chase", "hours earlier": a clause placed after
    or before another act is dated by that act, not by the day the story was published (lexicon
    `event_dates.relative_preps` with event nouns of the lexicon and `event_dates.relative_nouns`;
    `event_dates.relative_adverbs` with a measure)."""
    lex = load_lexicon()
    spec = lex.event_dates
    relative_nouns = spec.get("relative_nouns", ())
    for p in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in spec.get("relative_preps", ())):
        if any(o.dep_ == "pobj" and (o.lemma_.lower() in relative_nouns or o.lemma_.lower() in lex.nouns)
               for o in p.children):
            return True
    # "hours earlier, a bomb went off": a measured interval from the act told before
    if any(c.dep_ == "advmod" and c.lower_ in spec.get("relative_adverbs", ())
           and any(m.dep_ == "npadvmod" for m in c.children) for c in verb.children):
        return True
    # "came hours after witnesses say a bomb went off": a reported clause inside a measured after/before
    # clause (the clause itself is dated across the interval by rule `interval_clause`)
    if verb.dep_ not in ("ccomp", "conj") or verb.head.i == verb.i:
        return False
    clause = verb.head
    for _ in range(3):
        if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in spec.get("relative_preps", ())
                                          for m in clause.children) \
                and any(n.dep_ == "npadvmod" for n in clause.children):
            return True
        if clause.dep_ not in ("ccomp", "conj") or clause.head.i == clause.i:
            break
        clause = clause.head
    return False


def assign_date(ctx: Any, verb: Token, modality: str, nominal_only: bool,
                speech_act: bool = False, noun: Token | None = None) -> dict[str, Any]:
    """Date, time, background of the event whose clause verb (or nominal head) is `verb`; `noun`
    is the event noun of a nominal mention."""
    out: dict[str, Any] = {"date": None, "time": None, "background": False, "anchored": False}
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("mark", "nsubj") for c in verb.children) and verb.head.i != verb.i:
        # rule `participle_adjunct`: "Trump said, calling the tests a threat": a bare participle
        # adjunct happens when its main clause does, and is dated by it
        return assign_date(ctx, verb.head, modality, nominal_only, speech_act, noun)
    own = _own_phrase_time(ctx, noun) if noun is not None else None
    anchor = own or bridge.anchor_for_token(ctx, verb)
    if anchor is not None and own is None and (_modifies_a_noun(ctx, verb, anchor)
                                               or _inside_other_description(ctx, verb, anchor)
                                               or _in_accused_content(ctx, verb, anchor)):
        anchor = None
    # "repeated ... that Japan backed": a clause with the complementizer "that" and its own subject
    # is a reported complement even when the parser hangs it on a noun as a relative clause
    complement = verb.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who") for c in verb.children)
    # "a speech Tuesday in which he announced": a clause relative to an occasion happens on that occasion
    on_occasion = verb.dep_ == "relcl" and any(
        p.dep_ == "prep" and p.lower_ in ("in", "during", "at") and any(o.tag_ == "WDT" for o in p.children)
        for p in verb.children)
    complement = complement or on_occasion
    if anchor is not None and verb.dep_ in ("relcl", "acl") and not complement:
        # a description ("the students who were killed") keeps only a time inside its own clause
        lo, _ = ctx.raw_span(verb.doc[verb.left_edge.i])
        _, hi = ctx.raw_span(verb.doc[verb.right_edge.i])
        if not (lo <= anchor.start < hi):
            anchor = None
    if anchor is not None and anchor.type in ("DATE", "TIME"):
        date, time = date_of_time(anchor)
        out["date"], out["time"], out["anchored"] = date, time, date is not None
        if date and not time:
            for t in bridge.sentence_times(ctx, verb):
                d2, t2 = date_of_time(t) if t.type == "TIME" else (None, None)
                if t2 and d2 == date:
                    out["time"] = t2
    elif anchor is not None and anchor.type == "DURATION":
        out["date"], _ = date_of_time(anchor)
    shifted = _date_across_interval(ctx, verb)
    if shifted is not None:
        out["date"], out["time"], out["anchored"] = shifted, None, True
    if modality != "asserted":
        # a hypothetical, requested or threatened act has not happened: it has no date
        return {"date": None, "time": None, "background": False, "anchored": False}
    past_perfect = is_past_perfect(verb)
    present_perfect = verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)
    published = ctx.published
    if out["date"] and published is not None:
        last = _last_day(out["date"])
        if last is not None and (published - last).days > BACKGROUND_DAYS:
            out["background"] = True
    if past_perfect:
        out["background"] = True
    descriptive = verb.dep_ in ("relcl", "acl") and not complement  # "the students who were killed"
    if out["date"] is None and not out["background"] and not nominal_only and not descriptive \
            and (not present_perfect or speech_act) and (speech_act or not _after_an_event(verb)):
        if published is not None and (speech_act or _finite(verb)):
            out["date"] = published.isoformat()
            out["defaulted"] = verb.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
    if out["date"] and published is not None:
        first = _first_day(out["date"])
        if first is not None and first > published and modality == "asserted":
            out["date"] = None if verb.tag_ == "VBD" else out["date"]
    return out
