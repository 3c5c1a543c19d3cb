"""Within-story dedup (rule `dedup`): one event told in the title, lead, standfirst, caption and
a restating quote becomes one Event whose `mentions` list the other tellings."""

from __future__ import annotations

import datetime as dt

from newsevents.reading import Actor, Event, Mention

ZONE_RANK = {"body": 3, "standfirst": 2, "caption": 1, "title": 0}


def same_parties(a: Actor | None, b: Actor | None) -> bool:
    """Two tellings can be one act only if their parties are not of two countries: a party left
    unnamed, or named with no country, may be the same one told less fully."""
    if a is None or b is None:
        return True
    return not a.country or not b.country or a.country == b.country


def same_source(a: Actor | None, b: Actor | None) -> bool:
    """Two tellings of one act have one doer: a country's government and its parliament are two
    sources, so their acts are two events (an unnamed role, agent "", fits any)."""
    if not same_parties(a, b):
        return False
    return a is None or b is None or not a.agent or not b.agent or a.agent[:3] == b.agent[:3]


def _support(e: Event, zone: str) -> float:
    return (ZONE_RANK.get(zone, 1) + 2 * (e.source is not None) + 1.5 * (e.target is not None)
            + (e.date is not None) + (e.time is not None) + e.confidence)


HEADLINE_ZONES = {"title", "standfirst", "caption"}
LEAD_DAYS = 3  # (rule `dedup`, lead_only: a body act dated more days before publication is recalled)


def _same(a: Event, b: Event, loose_date: bool, both_body_verbs: bool = False, named: bool = False) -> bool:
    if a.cameo_root != b.cameo_root or a.modality != b.modality:
        return False
    if both_body_verbs and (a.cameo != b.cameo or not a.date or a.date != b.date):
        return False  # two verbs in the body are two acts unless code and date agree
    if not loose_date and a.background != b.background:
        return False
    if a.date and b.date and a.date[:10] != b.date[:10] and not loose_date:
        return False
    if named and not same_source(a.source, b.source):
        return False
    return same_parties(a.source, b.source) and same_parties(a.target, b.target) and (
        a.source is not None or b.source is not None or a.trigger.lower() == b.trigger.lower())


def dedup(events: list[Event], zones: list[str], anchored: list[bool],
          verbal: list[bool] | None = None, guessed: list[tuple[bool, bool]] | None = None,
          sentences: list[int] | None = None, published: dt.date | None = None) -> list[Event]:
    """Merge repeated tellings; keep the best-supported one as evidence. A headline, standfirst
    or caption telling with no time expression of its own is dated by default, so its date
    does not keep it apart from the dated telling in the body."""
    def loose(i: int, j: int) -> bool:
        return any(zones[k] in HEADLINE_ZONES and not anchored[k] for k in (i, j))

    def body_verbs(i: int, j: int) -> bool:
        return bool(verbal) and all(zones[k] == "body" and verbal[k] for k in (i, j))

    first_body: dict[str, int] = {}
    for k in sorted(range(len(events)), key=lambda k: events[k].start):
        if zones[k] == "body":
            first_body.setdefault(events[k].cameo_root, k)

    def named(i: int, j: int) -> bool:
        # both sources named by the text, none inferred by the coder
        return not guessed or not (guessed[i][0] or guessed[j][0])

    def recalled(k: int) -> bool:
        # a body act dated by its own clue to a month or year, or days before publication, is a
        # past act the story recalls, not the news its headline tells
        date = events[k].date
        if events[k].background or not date:
            return True  # (an undated act, told in a clause or a noun phrase, is no lead either)
        if not anchored[k] or published is None:
            return False
        if len(date) < 10:
            return True
        try:
            return (published - dt.date.fromisoformat(date[:10])).days > LEAD_DAYS
        except ValueError:
            return False

    def lead_only(i: int, j: int) -> bool:
        # a headline, standfirst or caption telling is the lead's act: it joins the first body
        # telling of its family, or a later one that is not a recalled past act
        head, body = (i, j) if zones[i] in HEADLINE_ZONES else (j, i)
        if zones[head] not in HEADLINE_ZONES or zones[body] != "body":
            return True
        return first_body.get(events[body].cameo_root) == body or not recalled(body)

    def two_in_one(i: int, j: int) -> bool:
        # two different codes in one sentence are two acts ("will visit Seoul ... his vow to ...")
        return bool(sentences) and sentences[i] == sentences[j] and events[i].cameo != events[j].cameo

    groups: list[list[int]] = []
    for i, e in enumerate(events):
        for g in groups:
            if all(_same(events[j], e, loose(i, j), body_verbs(i, j), named(i, j)) and not two_in_one(i, j)
                   and lead_only(i, j) for j in g):
                g.append(i)
                break
        else:
            groups.append([i])
    out: list[Event] = []
    for g in groups:
        best = max(g, key=lambda i: _support(events[i], zones[i]))
        keep = events[best]
        for i in g:
            if i == best:
                continue
            other = events[i]
            keep.mentions.append(Mention(evidence=other.evidence, start=other.start, end=other.end))
            keep.mentions.extend(m for m in other.mentions)
            keep_guess = guessed[best] if guessed else (False, False)
            other_guess = guessed[i] if guessed else (False, False)
            if other.source is not None and (keep.source is None or (keep_guess[0] and not other_guess[0])):
                keep.source = other.source  # an actor the text names beats one the coder inferred
            if other.target is not None and (keep.target is None or (keep_guess[1] and not other_guess[1])):
                keep.target = other.target
            if keep.date is None or (not anchored[best] and anchored[i]):
                keep.date = other.date
                keep.background = other.background
            keep.time = keep.time or other.time
            keep.place = keep.place or other.place
            keep.quantity = keep.quantity or other.quantity
            keep.from_caption = keep.from_caption and other.from_caption
            for r in other.reported_by:
                if r not in keep.reported_by:
                    keep.reported_by.append(r)
            keep.confidence = round(min(1.0, max(keep.confidence, other.confidence) + 0.05), 2)
        out.append(keep)
    out.sort(key=lambda e: e.start)
    return out
