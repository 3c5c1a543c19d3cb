"""Within-story dedup (rule `dedup`): one event told in the title, lead, standfirst, caption and
a restating quote becomes one Event whose `mentions` list the other tellings."""

from __future__ import annotations

from newsevents.reading import Actor, Event, Mention

ZONE_RANK = {"body": 3, "standfirst": 2, "caption": 1, "title": 0}


def same_parties(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    return not a.country or not b.country or a.country == b.country


def _support(e: Event, zone: str) -> float:
    return (ZONE_RANK.get(zone, 1) + 2 * (e.source is not None) + 1.5 * (e.target is not None)
            + (e.date is not None) + (e.time is not None) + e.confidence)


HEADLINE_ZONES = {"title", "standfirst", "caption"}


def _same(a: Event, b: Event, loose_date: bool, both_body_verbs: bool = False) -> bool:
    if a.cameo_root != b.cameo_root or a.modality != b.modality:
        return False
    if both_body_verbs and (a.cameo != b.cameo or not a.date or a.date != b.date):
        return False  # two verbs in the body are two acts unless code and date agree
    if not loose_date and a.background != b.background:
        return False
    if a.date and b.date and a.date[:10] != b.date[:10] and not loose_date:
        return False
    return same_parties(a.source, b.source) and same_parties(a.target, b.target) and (
        a.source is not None or b.source is not None or a.trigger.lower() == b.trigger.lower())


def dedup(events: list[Event], zones: list[str], anchored: list[bool],
          verbal: list[bool] | None = None, guessed: list[tuple[bool, bool]] | None = None,
          sentences: list[int] | None = None) -> list[Event]:
    """Merge repeated tellings; keep the best-supported one as evidence. A headline, standfirst
    or caption telling with no time expression of its own is dated by default, so its date
    does not keep it apart from the dated telling in the body."""
    def loose(i: int, j: int) -> bool:
        return any(zones[k] in HEADLINE_ZONES and not anchored[k] for k in (i, j))

    def body_verbs(i: int, j: int) -> bool:
        return bool(verbal) and all(zones[k] == "body" and verbal[k] for k in (i, j))

    def two_in_one(i: int, j: int) -> bool:
        # two different codes in one sentence are two acts ("will visit Seoul ... his vow to ...")
        return bool(sentences) and sentences[i] == sentences[j] and events[i].cameo != events[j].cameo

    groups: list[list[int]] = []
    for i, e in enumerate(events):
        for g in groups:
            if all(_same(events[j], e, loose(i, j), body_verbs(i, j)) and not two_in_one(i, j) for j in g):
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
