"""Toponym resolution: pick, for each place mention, the gazetteer entry the document means.

Why a score and not a rule chain: several weak signals add up. A candidate gets a prior from
what it is (a country beats a town of the same name; a big city beats a village; a name that
is the place's main name beats an obscure alternate), then document context: its country is
one the story names (directly, by a demonym, or by the dateline), it lies in the state or
country written right after it ("Springfield, Illinois"), it lies near places already
resolved without doubt. Countries and unambiguous names are resolved first and become the
context for the rest.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsevents.geo.gazetteer import Entry, distance_km, fold

KIND_PRIOR = {"country": 11.5, "region": 8.5, "feature": 9.0, "county": 7.5, "province": 8.0}
CAPITAL_BONUS = 1.5
CAPITAL_FLOOR = 9.6  # a national capital outranks a same-named province or state ("Washington")
CAPITAL_FLOOR_POPULATION = 100_000  # but not a village that is a territory's capital
ALTERNATE_PENALTY = 2.5
SHORT_FORM_PENALTY = 0.5
DOC_COUNTRY_BONUS = 2.0
DOC_COUNTRY_BONUS_MAX = 3.5
DOC_SHARE_BONUS = 2.5
DOC_STATE_BONUS = 2.0
CITY_STATE_WEIGHT = 0.5  # a town the story names for sure counts half toward its state
CONTAINER_BONUS = 8.0
NEAR_BONUS = ((50.0, 2.0), (200.0, 1.2), (500.0, 0.5))
CLEAR_MARGIN = 2.5
CAPITAL_COHORT_BONUS = 1.0
CAPITAL_COHORT_MAX = 3
SUPPORT_RADIUS_KM = 100.0
SUPPORT_WEIGHT = 0.75
SUPPORT_MAX = 3.0
TOWN_OVER_COUNTRY_SUPPORT = 0.3  # and the least spatial support from the story's other places
SUPPORT_POPULATION_FLOOR = 1000  # so that a name's unpeopled readings (counties) weigh a little


def prior(entry: Entry) -> float:
    """What a candidate is worth before any context."""
    if entry.kind == "city":
        score = math.log10(entry.population + 10)
        if entry.capital:
            score += CAPITAL_BONUS
            if entry.population >= CAPITAL_FLOOR_POPULATION:
                score = max(CAPITAL_FLOOR, score)
    else:
        score = KIND_PRIOR.get(entry.kind, 8.0)
        if entry.kind == "region" and entry.population:
            score += min(1.0, math.log10(entry.population + 10) / 10)
    if entry.alternate:
        score -= ALTERNATE_PENALTY
    return score


@dataclass
class MentionCandidates:
    """One recognized mention and what it may refer to."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    container: MentionCandidates | None = None  # "X, Y": the mention Y after X
    chosen: Entry | None = None
    scores: dict[int, float] = field(default_factory=dict)


@dataclass
class DocumentContext:
    """What the document says about where it is: countries and US states it names, anchors."""

    countries: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)
    anchors: list[Entry] = field(default_factory=list)
    support: dict[int, float] = field(default_factory=dict)  # row -> candidate_support()
    capitals: set[int] = field(default_factory=set)  # rows of the national capitals the story names for sure

    def add(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] += weight
        if entry.admin1 and entry.admin1.startswith("US.") and entry.kind == "region":
            self.states[entry.admin1] += weight
        elif entry.admin1 and entry.admin1.startswith("US.") and entry.kind in ("city", "county"):
            self.states[entry.admin1] += CITY_STATE_WEIGHT * weight
        if entry.kind in ("city", "region") and entry.population:
            self.anchors.append(entry)


def in_container(entry: Entry, container: Entry) -> bool:
    if container.kind == "country":
        return entry.country == container.country and entry.kind != "country"
    if container.kind == "region" and container.admin1:
        return entry.admin1 == container.admin1 and entry.row != container.row
    return False


def score(entry: Entry, mention: MentionCandidates, context: DocumentContext) -> float:
    """Prior plus document context."""
    value = prior(entry)
    if entry.alternate and fold(entry.name).startswith(fold(mention.text) + " "):
        # the short form of the town's own name ("Newcastle" of "Newcastle upon Tyne") is no obscure alias
        value += ALTERNATE_PENALTY - SHORT_FORM_PENALTY
    if entry.country and context.countries.get(entry.country):
        # more for the country that dominates the story: a Canadian story's London is in Ontario
        share = context.countries[entry.country] / sum(context.countries.values())
        value += min(DOC_COUNTRY_BONUS_MAX, DOC_COUNTRY_BONUS * math.sqrt(context.countries[entry.country])) \
            + DOC_SHARE_BONUS * share
    if entry.kind in ("city", "county") and entry.admin1 and context.states.get(entry.admin1):
        value += DOC_STATE_BONUS
    if mention.container is not None and mention.container.chosen is not None:
        if in_container(entry, mention.container.chosen):
            value += CONTAINER_BONUS
    if entry.capital and context.capitals:
        # a story that names foreign capitals ("Nicosia", "Ankara") means the capital by a capital's name
        value += CAPITAL_COHORT_BONUS * min(CAPITAL_COHORT_MAX, len(context.capitals - {entry.row}))
    if context.support:
        value += SUPPORT_WEIGHT * min(SUPPORT_MAX, context.support.get(entry.row, 0.0))
    if entry.kind == "city":
        nearest = min((distance_km(entry.lat, entry.lon, a.lat, a.lon) for a in context.anchors
                       if a.row != entry.row), default=None)
        if nearest is not None:
            for limit, bonus in NEAR_BONUS:
                if nearest <= limit:
                    value += bonus
                    break
    return value


def best_reading(mention: MentionCandidates, context: DocumentContext) -> tuple[Entry, float]:
    ranked = sorted(((score(e, mention, context), e) for e in mention.entries), key=lambda p: -p[0])
    margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 99.0
    return ranked[0][1], margin


def resolve(mentions: Sequence[MentionCandidates], context: DocumentContext, gazetteer=None) -> None:
    """Choose an entry for every mention.

    Pass 1 finds the clear cases (countries, states, unique names, big margins) without context;
    each distinct name among them adds its country, state and point to the document context once.
    Pass 2 scores every mention against that context less its own name's share (a mention does not
    vouch for itself), so a Canadian story's "London" goes to Ontario even though London, England,
    wins without context. Countries named as countries stay as they are.
    """
    for m in mentions:
        # "Albany, New York": a name after a comma that contains another is read as a country or region
        if m.container is not None:
            containing = tuple(e for e in m.container.entries if e.kind in ("country", "region"))
            if containing:
                m.container.entries = containing
    context.support = candidate_support(mentions)
    base = DocumentContext(countries=Counter(context.countries), states=Counter(context.states),
                           anchors=list(context.anchors), support=context.support)
    clear_by_name: dict[str, Entry] = {}
    for m in mentions:
        if not m.entries:
            continue
        best, margin = best_reading(m, base)
        if margin >= CLEAR_MARGIN:
            m.chosen = best
            clear_by_name.setdefault(fold(m.text), best)
    for entry in clear_by_name.values():
        context.add(entry)
    context.capitals = {e.row for e in clear_by_name.values() if e.kind == "city" and e.capital}
    # containers ("X, Y") resolved before what they contain
    for m in sorted(mentions, key=lambda m: m.container is not None):
        if not m.entries:
            continue
        if m.container is not None and m.container.chosen is None and m.container.entries:
            m.container.chosen = best_reading(m.container, _without(context, clear_by_name.get(fold(m.container.text))))[0]
        if m.chosen is None or m.chosen.kind != "country":
            m.chosen = best_reading(m, _without(context, clear_by_name.get(fold(m.text))))[0]
    # again, now with every town chosen as a point of reference
    anchors = {m.chosen.row: m.chosen for m in mentions if m.chosen is not None and m.chosen.kind == "city"}
    for m in mentions:
        if not m.entries or m.chosen is None or m.chosen.kind == "country":
            continue
        own = clear_by_name.get(fold(m.text))
        settled = _without(context, own)
        settled.anchors = [a for a in anchors.values() if a is not m.chosen]
        m.chosen = max(m.entries, key=lambda e: score(e, m, settled))
    _towns_named_like_countries(mentions, context, clear_by_name)
    _place_counties(mentions, gazetteer)


def _towns_named_like_countries(mentions: Sequence[MentionCandidates], context: DocumentContext,
                                clear_by_name: dict[str, Entry]) -> None:
    """Local news about Lebanon, Tennessee or Turkey, Texas: a country name that nothing else in the
    story points to (no other place in that country, no demonym, no dateline) is the town of that
    name when the story is about the town's US state (the state named, or two of its towns) and its
    other places lie near the town (spatial support)."""
    for m in mentions:
        if m.chosen is None or m.chosen.kind != "country":
            continue
        others = _without(context, clear_by_name.get(fold(m.text)))
        if others.countries.get(m.chosen.country, 0) > 0:
            continue
        towns = [e for e in m.entries if e.kind == "city" and not e.alternate and e.admin1
                 and others.states.get(e.admin1, 0) >= 1 and context.support.get(e.row, 0.0) >= TOWN_OVER_COUNTRY_SUPPORT]
        if towns:
            m.chosen = max(towns, key=lambda e: (context.support.get(e.row, 0.0), e.population))


def candidate_support(mentions: Sequence[MentionCandidates]) -> dict[int, float]:
    """How much the story's other names agree with each town or county it may mean (spatial coherence).

    Local news names several places of one area, each ambiguous on its own ("Alexandria", "Brandon",
    "Douglas County"): the readings that lie together are the likely ones. A town candidate counts every
    other name of the story that has a town of that name within SUPPORT_RADIUS_KM or a county of that
    name in the same US state; a county candidate counts the other names with a town or a county in its
    state. A supporting reading weighs its share of its name's population, so a name found everywhere
    ("Washington") or a hamlet namesake of a capital (Ottawa, Ohio) vouches for little. Returns row -> support.
    """
    by_name: dict[str, tuple[Entry, ...]] = {}
    for m in mentions:
        if m.entries:
            by_name.setdefault(fold(m.text), m.entries)
    if len(by_name) < 2:
        return {}
    grid: dict[tuple[int, int], list[tuple[str, Entry, float]]] = defaultdict(list)
    # US state -> name -> weight, for the names with a town (resp. a county) in that state
    towns_in: dict[str, dict[str, float]] = defaultdict(dict)
    counties_in: dict[str, dict[str, float]] = defaultdict(dict)
    for key, entries in by_name.items():
        readings = [e for e in entries if not e.alternate and e.kind in ("city", "county")]
        if not readings:
            continue
        total = sum(e.population + SUPPORT_POPULATION_FLOOR for e in readings)
        for e in readings:
            weight = (e.population + SUPPORT_POPULATION_FLOOR) / total
            if e.kind == "city":
                grid[(math.floor(e.lat), math.floor(e.lon))].append((key, e, weight))
            if e.admin1 and e.admin1.startswith("US."):
                group = (towns_in if e.kind == "city" else counties_in)[e.admin1]
                group[key] = group.get(key, 0.0) + weight
    support: dict[int, float] = {}
    for key, entries in by_name.items():
        for e in entries:
            if e.kind not in ("city", "county") or e.row in support:
                continue
            agreeing: dict[str, float] = {}
            if e.kind == "city":
                cell_lat, cell_lon = math.floor(e.lat), math.floor(e.lon)
                for d_lat in (-1, 0, 1):
                    for d_lon in (-2, -1, 0, 1, 2):
                        for other, o, weight in grid.get((cell_lat + d_lat, cell_lon + d_lon), ()):
                            if other != key \
                                    and distance_km(e.lat, e.lon, o.lat, o.lon) <= SUPPORT_RADIUS_KM:
                                agreeing[other] = max(weight, agreeing.get(other, 0.0))
            same_state = (counties_in if e.kind == "city" else towns_in).get(e.admin1 or "", {})
            for other, weight in same_state.items():
                if other != key:
                    agreeing.setdefault(other, weight)
            if e.kind == "county":
                # neighbouring counties of one state ("Adams County and Brown County") vouch for each other
                for other, weight in counties_in.get(e.admin1 or "", {}).items():
                    if other != key:
                        agreeing[other] = max(weight, agreeing.get(other, 0.0))
            if agreeing:
                support[e.row] = sum(agreeing.values())
    return support


def _without(context: DocumentContext, entry: Entry | None) -> DocumentContext:
    """The context less one entry's contribution."""
    out = DocumentContext(countries=Counter(context.countries), states=Counter(context.states),
                          anchors=[a for a in context.anchors if a is not entry], support=context.support,
                          capitals=context.capitals)
    if entry is not None:
        if entry.country and out.countries.get(entry.country):
            out.countries[entry.country] -= 1
            if out.countries[entry.country] <= 0:
                del out.countries[entry.country]
        if entry.admin1 and out.states.get(entry.admin1) and entry.kind == "region":
            out.states[entry.admin1] -= 1
            if out.states[entry.admin1] <= 0:
                del out.states[entry.admin1]
    return out


def _place_counties(mentions: Sequence[MentionCandidates], gazetteer=None) -> None:
    """A US county with no point of its own in the gazetteer (rule county_points): put it at the town of its state that the
    story names closest to it (local news names the county around its towns), else at the town of the
    same name in its state (often its seat), else leave it at its state's point."""
    for m in mentions:
        if m.chosen is None or m.chosen.kind != "county" or m.chosen.own_point:
            continue
        in_state = [o for o in mentions if o.chosen is not None and o.chosen.kind == "city"
                    and o.chosen.admin1 == m.chosen.admin1]
        near = min(in_state, key=lambda o: abs(o.start - m.start)).chosen if in_state else None
        if near is None and gazetteer is not None:
            base = m.chosen.name.rsplit(" ", 1)[0]
            namesakes = [e for e in gazetteer.lookup(base) if e.kind == "city" and e.admin1 == m.chosen.admin1
                         and not e.alternate]
            near = max(namesakes, key=lambda e: e.population, default=None)
        if near is not None:
            m.chosen = replace(m.chosen, lat=near.lat, lon=near.lon)
