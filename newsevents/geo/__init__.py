"""geo stage: find place mentions, resolve them offline, and say where each sentence's action happened.

Exposes (see the agreed interfaces):
- ``ctx.places``: one Place per distinct mention (a capital standing for its government,
  "Seoul said", is still a place mention).
- ``ctx.exposed["place_of_action"]``: sentence index -> Place where the action of that sentence
  happened ("in Mosul"), else the dateline place, else None.
- ``ctx.exposed["focus_country"]``: ISO3 of the country the story is mostly about, or None.
- ``place_for_token(ctx, token)``: the place governing a token's clause.

Modules: gazetteer.py (the index), recognize.py (spans), resolve.py (disambiguation).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.geo.gazetteer import Entry, Gazetteer, distance_km, fold, load_gazetteer, read_tsv
from newsevents.geo.recognize import (
    Found,
    building_or_street_name,
    demonyms,
    feature_first_words,
    feature_words,
    guard_words,
    introduced_as_place,
    natural_feature_words,
    place_suffix_nouns,
    recognize,
    street_feature,
    token_texts,
)
from newsevents.geo.resolve import (
    CLEAR_MARGIN,
    DocumentContext,
    MentionCandidates,
    best_reading,
    in_container,
    prior,
    resolve,
)
from newsevents.reading import Place

if TYPE_CHECKING:
    from newsevents.pipeline import Context

MAX_HOPS = 4
SMALL_TOWN_RADIUS_KM = 150.0
NEWS_REGION_TOWN_MIN = 100_000
LOCAL_HOWS = ("local", "facility", "unknown")  # found mentions placed at the place the text puts them in
ACRONYM_MAX_LETTERS = 4
ACRONYM_TOWN_MIN = 1_000_000  # a town read from an acronym must be this big (a capitals-only line is exempt)


def _acronym(span: Span) -> bool:
    """A short word in capitals ("SEC", "UN", "MoD") that is not part of a line in capitals (a dateline, a
    headline): organisations and codes more often than places (rule acronym_readings)."""
    if len(span) != 1:
        return False
    text = span[0].text
    # all in capitals, or capitals inside the word ("MoD", "DfE")
    if not (text.isalpha() and 2 <= len(text) <= ACRONYM_MAX_LETTERS and any(c.isupper() for c in text[1:])):
        return False
    doc = span.doc
    neighbours = [doc[k] for k in (span.start - 1, span.end) if 0 <= k < len(doc)]
    return not any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


def _acronym_readings(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """What an acronym may name (rule acronym_readings): a country, state or region by its name or one of
    our aliases ("UK", "UAE", "NSW"), or a big city; not a town abroad that shares the letters ("Un",
    "Us") nor one whose alternate names hold an airport code."""
    return tuple(e for e in entries
                 if e.kind != "city" and not e.alternate
                 or e.kind == "city" and e.population >= ACRONYM_TOWN_MIN)


@functools.lru_cache(maxsize=1)
def locative_cues() -> frozenset[str]:
    """Prepositions that put an action at a place (rule place_of_action, data/action_cues.tsv)."""
    return frozenset(row["word"].lower() for row in read_tsv("action_cues.tsv"))


def _place(text: str, start: int, end: int, entry: Entry) -> Place:
    kind = "region" if entry.kind in ("county", "province") else entry.kind
    return Place(text=text, start=start, end=end, name=entry.name, kind=kind, country=entry.country,
                 lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid)


def _demonym_countries(ctx: Context) -> Counter:
    """Countries named by demonyms ("North Korean"), longest demonym first."""
    keys = demonyms()
    first_words = demonym_first_words()
    counts: Counter = Counter()
    doc = ctx.doc
    texts = token_texts(doc)
    i = 0
    while i < len(doc):
        if not texts[i][:1].isupper() or fold(texts[i]) not in first_words:
            i += 1
            continue
        for n in (3, 2, 1):
            if i + n <= len(doc) and fold(doc[i:i + n].text) in keys:
                counts[keys[fold(doc[i:i + n].text)]] += 1
                i += n
                break
        else:
            i += 1
    return counts


@functools.lru_cache(maxsize=1)
def demonym_first_words() -> frozenset[str]:
    """Folded first words of the demonyms (a token that starts none is skipped at once)."""
    return frozenset(key.split()[0] for key in demonyms())


def _dateline_entry(ctx: Context) -> tuple[Entry | None, bool]:
    """The dateline's place read without context, and whether that reading is clear (a capital, a
    big city, a unique name) so that it may set the story's context."""
    name = ctx.document.dateline_place
    if not name:
        return None, False
    entries = load_gazetteer().lookup(name)
    if not entries:
        return None, False
    mention = MentionCandidates(0, 0, name, entries)
    best, margin = best_reading(mention, DocumentContext())
    return best, margin >= CLEAR_MARGIN


def run(ctx: Context) -> None:
    """Fill ctx.places and publish place_of_action and focus_country."""
    gazetteer = load_gazetteer()
    found = recognize(ctx.doc, gazetteer)
    _add_dateline_mention(ctx, found)
    mentions: list[MentionCandidates] = []
    spans = []
    dateline_key = fold(ctx.document.dateline_place or "")
    for f in found:
        # "east London" is resolved as London, and output as the area
        start, end = ctx.raw_span(_core(f))
        entries = () if f.how in LOCAL_HOWS else gazetteer.lookup(f.lookup)
        if entries and _acronym(f.span) and fold(f.lookup) != dateline_key:
            entries = _acronym_readings(entries)
        if f.us_state:
            entries = tuple(e for e in entries if e.kind == "region" and e.country == "USA")
        elif any(e.geonameid is None and e.kind in ("region", "feature") for e in entries):
            # a news region or feature of ours ("Atlantic", "Middle East") is not a small namesake town
            entries = tuple(e for e in entries if e.kind != "city" or e.population >= NEWS_REGION_TOWN_MIN)
        mentions.append(MentionCandidates(start, end, ctx.raw[start:end], entries))
        spans.append(f.span)
    # "Springfield, Illinois": a mention right after a comma that follows another mention contains it
    for k in range(len(found) - 1):
        a, b = found[k].span, found[k + 1].span
        if b.start == a.end + 1 and ctx.doc[a.end].text == ",":
            mentions[k].container = mentions[k + 1]

    _states_by_wording(ctx.doc, found, mentions)

    context = DocumentContext()
    demonym_counts = _demonym_countries(ctx)
    for iso3, n in demonym_counts.items():
        context.countries[iso3] += 0.5 * n
    dateline, clear = _dateline_entry(ctx)
    if dateline is not None and clear:
        context.add(dateline, 2.0)
    resolve(mentions, context, gazetteer)
    if dateline is not None and not clear:
        # an ambiguous dateline ("MANSFIELD --") is read like its mention in the text, with the story's context
        dateline = next((m.chosen for m in mentions if m.chosen is not None and fold(m.text) == dateline_key),
                        dateline)
    _one_sense(mentions, dateline_key, dateline)
    _short_country_names(mentions)
    _towns_outside_their_container(mentions)
    _local_namesakes(mentions, context)
    _home_country_namesakes(mentions, context)
    ctx.exposed["_geo_dateline_entry"] = dateline
    _confirm_small_towns(found, mentions, context)
    _drop_stray_alternates(mentions, context)
    _far_feature_named_towns(found, mentions)
    local_points = _place_local_features(ctx, found, mentions, context)

    places: list[Place] = []
    token_places: list[tuple[Place, object]] = []
    seen: set[tuple[int, int]] = set()
    for f, m, span in zip(found, mentions, spans, strict=True):
        if (m.start, m.end) in seen:
            continue
        if m.chosen is not None and f.direction:
            outer_start, outer_end = ctx.raw_span(span)
            place = _place(ctx.raw[outer_start:outer_end], outer_start, outer_end, m.chosen)
            if place.kind == "city":
                place.kind = "region"  # part of a town: an area, not the town's point as such
        elif m.chosen is not None:
            place = _place(m.text, m.start, m.end, m.chosen)
        elif id(m) in local_points:
            town = local_points[id(m)]
            place = Place(text=m.text, start=m.start, end=m.end, name=m.text, kind="feature", country=town.country,
                          lat=round(town.lat, 5), lon=round(town.lon, 5), geonameid=None)
        else:
            continue
        seen.add((m.start, m.end))
        places.append(place)
        token_places.append((place, span))
    ctx.places = places
    ctx.exposed["_geo_spans"] = token_places
    ctx.exposed["_geo_dateline"] = _place(dateline.name, -1, -1, dateline) if dateline else None
    ctx.exposed["focus_country"] = _focus_country(places, demonym_counts, dateline)
    ctx.exposed["place_of_action"] = _places_of_action(ctx, token_places)


def _towns_outside_their_container(mentions: list[MentionCandidates]) -> None:
    """"Elmdale, Mo.": when no reading of the town lies in the state or country written after it, the
    gazetteer lacks that town (its namesake elsewhere is not meant); it is put at the town of that state
    or country the story names nearest to it (rule town_in_container)."""
    for m in mentions:
        box = m.container.chosen if m.container is not None else None
        if m.chosen is None or box is None or box.kind not in ("region", "country") or m.chosen.kind != "city" \
                or in_container(m.chosen, box):
            continue
        inside = [o for o in mentions if o is not m and o.chosen is not None and o.chosen.kind == "city"
                  and fold(o.text) != fold(m.text) and in_container(o.chosen, box)]
        if inside:
            near = min(inside, key=lambda o: abs(o.start - m.start)).chosen
            m.chosen = replace(near, name=m.text, geonameid=None, population=0, capital=False)


LOCAL_NAMESAKE_RADIUS_KM = 250.0


def _local_namesakes(mentions: list[MentionCandidates], context: DocumentContext) -> None:
    """Local news: where every other place of the story lies in one country, a far city of another
    country that nothing else points to ("Moscow" in a story about an Idaho county) is its namesake
    near the story's own places, and a country named like a state that holds them is the state; so is
    a region of another country ("Florida" in a story whose places all lie in Uruguay is the town there)
    (rule local_namesakes)."""
    others = {fold(m.text): m.chosen for m in mentions if m.chosen is not None}
    for m in mentions:
        e = m.chosen
        if e is None or e.kind not in ("city", "country", "region"):
            continue
        rest = [o for key, o in others.items() if key != fold(m.text)]
        home = {o.country for o in rest}
        local = [o for o in rest if o.kind in ("city", "county", "region") and o.own_point]
        if len(home) != 1 or e.country in home or not local or _pointed_to(e.country, m, mentions, context):
            continue
        country = next(iter(home))
        if e.kind == "country":
            # "Georgia" in a story whose places lie in the US state of that name (a country named like a
            # town is left to _towns_named_like_countries)
            states = [c for c in m.entries if c.kind == "region" and c.country == country and not c.alternate
                      and c.admin1 and any(o.admin1 == c.admin1 for o in local)]
            if states:
                m.chosen = states[0]
            continue
        # every reading of the name: a container's were narrowed to countries and regions
        readings = m.entries + tuple(r for r in load_gazetteer().lookup(m.text) if r not in m.entries)
        gaps = {c.row: min(distance_km(c.lat, c.lon, o.lat, o.lon) for o in local) for c in readings
                if c.kind == "city" and c.country == country and not c.alternate}
        near = [c for c in readings if gaps.get(c.row, LOCAL_NAMESAKE_RADIUS_KM + 1) <= LOCAL_NAMESAKE_RADIUS_KM]
        if near:
            m.chosen = min(near, key=lambda c: gaps[c.row])


HOME_COUNTRY_MIN_MENTIONS = 2  # the story names its home country at least this often
HOME_NAMESAKE_MIN_POPULATION = 100_000  # a namesake of real size, not any village sharing a famous name


def _home_country_namesakes(mentions: list[MentionCandidates], context: DocumentContext) -> None:
    """A story that keeps naming one country (its home) and reads a bare name as a city of another
    country that nothing else points to means the home country's own city of that name, when that city
    is of real size ("Veloria" in a story that names Canada again and again is the Canadian city, not
    the capital abroad that shares its name) (rule home_country_namesakes). The other places of the
    story may lie abroad."""
    named = Counter(m.chosen.country for m in mentions if m.chosen is not None and m.chosen.kind == "country")
    if not named:
        return
    home, times = named.most_common(1)[0]
    if times < HOME_COUNTRY_MIN_MENTIONS or sum(1 for n in named.values() if n == times) > 1:
        return
    for m in mentions:
        e = m.chosen
        if e is None or e.kind != "city" or e.country == home or _pointed_to(e.country, m, mentions, context):
            continue
        readings = [c for c in m.entries if c.kind == "city" and c.country == home and not c.alternate
                    and c.population >= HOME_NAMESAKE_MIN_POPULATION]
        if readings:
            m.chosen = max(readings, key=lambda c: c.population)


FEATURE_TOWN_MAX_POPULATION = 100_000


def _far_feature_named_towns(found: list[Found], mentions: list[MentionCandidates]) -> None:
    """A name shaped like a local feature's ("Elm Square", "Lakeside Park") read as a small town far from
    every other town of the story is the feature, placed where the text puts it (rule local_features)."""
    towns = [m.chosen for m in mentions if m.chosen is not None and m.chosen.kind in ("city", "county")]
    for f, m in zip(found, mentions, strict=True):
        e = m.chosen
        if e is None or e.kind != "city" or e.population >= FEATURE_TOWN_MAX_POPULATION or f.how in LOCAL_HOWS \
                or not building_or_street_name(f.span):
            continue
        others = [t for t in towns if fold(t.name) != fold(e.name)]
        if others and all(distance_km(e.lat, e.lon, t.lat, t.lon) > LOCAL_NAMESAKE_RADIUS_KM for t in others):
            f.how, m.chosen = "local", None


def _short_country_names(mentions: list[MentionCandidates]) -> None:
    """A country the story names in full ("Antigua and Barbuda") is meant by the first words of its name
    elsewhere in the story ("Antigua"), not a town so named (rule short_country_names)."""
    countries = {fold(m.chosen.name): m.chosen for m in mentions if m.chosen is not None and m.chosen.kind == "country"}
    if not countries:
        return
    for m in mentions:
        if m.chosen is None or m.chosen.kind != "city":
            continue
        key = fold(m.text) + " "
        country = next((c for name, c in countries.items() if name.startswith(key)), None)
        if country is not None:
            m.chosen = country


def _one_sense(mentions: list[MentionCandidates], dateline_key: str, dateline: Entry | None) -> None:
    """One place per name in a story: where a name's mentions were read as different places, every
    mention takes the dateline's reading (for the dateline's name), else the reading most of them got."""
    readings: dict[str, Counter] = {}
    for m in mentions:
        if m.chosen is not None:
            readings.setdefault(fold(m.text), Counter())[m.chosen.row] += 1
    for key, rows in readings.items():
        if len(rows) < 2:
            continue
        by_row = {m.chosen.row: m.chosen for m in mentions if m.chosen is not None and fold(m.text) == key}
        if key == dateline_key and dateline is not None and dateline.row in by_row:
            entry = dateline
        else:
            entry = by_row[rows.most_common(1)[0][0]]
        for m in mentions:
            if m.chosen is not None and fold(m.text) == key and entry in m.entries:
                m.chosen = entry


LIST_LINKS = {",", "and", "or"}
MIN_STATE_LIST = 3


def _state_readings(m: MentionCandidates) -> tuple[Entry, ...]:
    return tuple(e for e in m.entries if e.kind == "region" and e.country == "USA" and not e.alternate)


def _mainly_state(m: MentionCandidates) -> bool:
    """The name's likeliest reading without context is a US state ("Pennsylvania", not "Washington")."""
    return bool(m.entries) and max(m.entries, key=prior) in _state_readings(m)


def _states_by_wording(doc, found: list, mentions: list[MentionCandidates]) -> None:
    """"Washington state", "the state of Washington", "Utah, Washington and Wisconsin": the name is read
    as the US state when the text says "state" or lists it among three or more states."""
    for f, m in zip(found, mentions, strict=True):
        states = _state_readings(m)
        if not states or len(states) == len(m.entries):
            continue
        end, start = f.span.end, f.span.start
        said = end < len(doc) and doc[end].text == "state" or \
            start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "state" and doc[start - 3].lower_ == "the"
        if said:
            m.entries = states
    # lists of mentions joined by commas and "and"/"or"
    k = 0
    while k < len(found):
        j = k
        while j + 1 < len(found) and 0 < found[j + 1].span.start - found[j].span.end <= 2 and all(
                t.lower_ in LIST_LINKS for t in doc[found[j].span.end:found[j + 1].span.start]):
            j += 1
        members = mentions[k:j + 1]
        if len(members) >= MIN_STATE_LIST:
            for m in members:
                others = [o for o in members if o is not m]
                if _state_readings(m) and all(_mainly_state(o) for o in others):
                    m.entries = _state_readings(m)
                    m.container = None  # "Washington, Pennsylvania and California" is no town in Pennsylvania
        k = j + 1


def _core(f: Found):
    """The place's own words of a mention: "London" of "east London", "U.S." of "U.S. mainland"."""
    if not f.direction:
        return f.span
    return f.span[1:] if f.span[0].text == f.direction else f.span[:-1]


def _add_dateline_mention(ctx: Context, found: list[Found]) -> None:
    """The dateline's place ("INNISFAIL -", "VICTORIA -") is a place mention even where the model tags
    nothing there (a word in capitals is seldom an entity)."""
    name, dateline = ctx.document.dateline_place, ctx.document.dateline
    if not name or not dateline:
        return
    line_at = ctx.raw.find(dateline)
    at = ctx.raw.find(name, line_at) if line_at >= 0 else -1
    if at < 0 or at > line_at + len(dateline):
        return
    offsets = ctx.view.offsets
    start, end = bisect.bisect_left(offsets, at), bisect.bisect_left(offsets, at + len(name) - 1) + 1
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or any(f.span.start < span.end and span.start < f.span.end for f in found):
        return
    if load_gazetteer().lookup(name):
        found.append(Found(span, "ner", name))
        found.sort(key=lambda f: f.span.start)


def _place_local_features(ctx: Context, found: list, mentions: list[MentionCandidates],
                          context: DocumentContext) -> dict[int, Entry]:
    """Where a local feature we do not hold lies (rule local_features): at a place named inside it
    ("Toronto Pearson Airport"), else at the town named last before it, else the next one after it,
    else at the dateline's town. Returns id(mention) -> the town's entry."""
    gazetteer = load_gazetteer()
    towns = [(m.start, m.chosen) for f, m in zip(found, mentions, strict=True)
             if f.how not in LOCAL_HOWS and m.chosen is not None and m.chosen.kind in ("city", "county")]
    dateline = ctx.exposed.get("_geo_dateline_entry")
    points: dict[int, Entry] = {}
    if not any(f.how in LOCAL_HOWS for f in found):
        return points
    city_mentions = [(g, n) for g, n in zip(found, mentions, strict=True)
                     if g.how not in LOCAL_HOWS and n.chosen is not None and n.chosen.kind == "city"]
    town_spans = [(g.span, n.chosen) for g, n in city_mentions]
    named = {fold(n.text): n.chosen for _, n in city_mentions}
    ignore = guard_words() | {w.lower() for w in feature_words() | feature_first_words()}
    starts = {f.span.start: (f, m) for f, m in zip(found, mentions, strict=True)}
    ends = {f.span.end: (f, m) for f, m in zip(found, mentions, strict=True)}
    for f, m in zip(found, mentions, strict=True):
        if f.how not in LOCAL_HOWS:
            continue
        container = _container_of(f.span, starts, ends)
        if f.how == "unknown" and container is None and not introduced_as_place(f.span):
            continue
        inner = None
        words = [t for t in f.span if t.is_alpha and t.lower_ not in ignore]
        natural = any(t.text in natural_feature_words() for t in f.span)
        for size in range(len(words), 0, -1):
            for k in range(len(words) - size + 1):
                piece = " ".join(t.text for t in words[k:k + size])
                if size == len(words) and not natural:
                    # the whole name less its feature word ("London Bridge", "Washington Street"): that
                    # town only if the story names it on its own
                    entries = [named[fold(piece)]] if fold(piece) in named else []
                    if not entries and f.how in ("facility", "local") and not street_feature(f.span):
                        # a building named after a big city of the story's countries ("Leeds City
                        # Hall") stands in that city; a street may be named after any far town
                        entries = [e for e in gazetteer.lookup(piece) if not e.alternate and e.kind == "city"
                                   and e.population >= INNER_TOWN_MIN_POPULATION
                                   and (not context.countries or context.countries.get(e.country))]
                else:
                    # a big city, or a smaller town of the story's countries near a town the story names
                    # ("the Springfield Memorial Hospital"), not any namesake village ("St. Francis School")
                    entries = [e for e in gazetteer.lookup(piece) if not e.alternate and e.kind == "city"
                               and (e.population >= INNER_TOWN_MIN_POPULATION or context.countries.get(e.country)
                                    and _near_any(e, towns))]
                if entries:
                    inner = max(entries, key=lambda e: (context.countries.get(e.country, 0), e.population))
                    break
            if inner is not None:
                break
        before = [town for start, town in towns if start < m.start and town.kind == "city"]
        after = [town for start, town in towns if start > m.start and town.kind == "city"]
        if f.how == "unknown" and container is not None and container.kind == "country" and inner is None:
            # "Kitoboni, Kenya": a town of that country the story names is nearer than its middle
            country = container.country
            container = next((t for t in reversed(before) if t.country == country), None) \
                or next((t for t in after if t.country == country), None)
            if container is None:
                continue
        elif f.how == "unknown" and container is not None and container.kind == "region" and container.admin1 \
                and inner is None:
            # "Elm Falls, Minn.": a town of that state the story names, else the state's own point
            state = container.admin1
            container = next((t for t in reversed(before) if t.admin1 == state), None) \
                or next((t for t in after if t.admin1 == state), None) or container
        if f.how == "unknown" and container is None and inner is None:
            # a place we do not hold, with no container: near a town of the story's main country only
            main = context.countries.most_common(1)[0][0] if context.countries else None
            before = [town for town in before if town.country == main]
            after = [town for town in after if town.country == main]
            if not before and not after:
                continue
        if f.how == "facility":
            # a building named where nothing says it is a place ("X Hospital said"): only at a town
            # inside its name, the town the text puts it in, or a town of the same sentence
            # or of its paragraph, unless its name begins with a town's ("Elmwood Gazette" may be far away)
            town = inner or container or _sentence_town(f.span, town_spans) \
                or _paragraph_town(f.span, town_spans, gazetteer)
        else:
            town = inner or container \
                or (before[-1] if before else after[0] if after else dateline)
        if town is not None:
            points[id(m)] = town
    # one place per name: a mention that nothing places ("moved back to X") stands where another
    # mention of the same name was placed
    placed = {fold(m.text): points[id(m)] for m in mentions if id(m) in points}
    for f, m in zip(found, mentions, strict=True):
        if f.how in LOCAL_HOWS and id(m) not in points and fold(m.text) in placed:
            points[id(m)] = placed[fold(m.text)]
    return points


def _nearest_town(span: Span, town_spans: list[tuple[Span, Entry]], start_char: int, end_char: int) -> Entry | None:
    """The town named last before `span` between the two character offsets, else the first after it."""
    inside = [(s, town) for s, town in town_spans if start_char <= s.start_char and s.end_char <= end_char]
    before = [town for s, town in inside if s.start < span.start]
    after = [town for s, town in inside if s.start >= span.end]
    return before[-1] if before else after[0] if after else None


def _sentence_town(span: Span, town_spans: list[tuple[Span, Entry]]) -> Entry | None:
    """The town named in the same sentence as a local feature, the nearest before it first ("a fire
    on Elm Street in Springfield" is in Springfield; so is "Springfield police closed Elm Street")."""
    return _nearest_town(span, town_spans, span.sent.start_char, span.sent.end_char)


def _paragraph_town(span: Span, town_spans: list[tuple[Span, Entry]], gazetteer: Gazetteer) -> Entry | None:
    """The town named in a local feature's paragraph, the nearest before it first (rule local_features:
    a paragraph tells of one place); for a name that begins with a town's own name ("Elmwood Gazette"),
    only that town."""
    text = span.doc.text
    end = text.find("\n", span.end_char)
    town = _nearest_town(span, town_spans, text.rfind("\n", 0, span.start_char) + 1, len(text) if end < 0 else end)
    leading = [span[:k].text for k in (1, 2) if k < len(span) and span[k].tag_ != "POS"  # "Miller's Farm"
               if any(not e.alternate and e.kind == "city" for e in gazetteer.lookup(span[:k].text))]
    if town is not None and leading and not any(town in gazetteer.lookup(name) for name in leading):
        return None
    return town


INNER_TOWN_MIN_POPULATION = 100_000


def _near_any(entry: Entry, towns: list) -> bool:
    """Within SMALL_TOWN_RADIUS_KM of one of the story's towns (`towns`: (start, entry) pairs)."""
    return any(distance_km(entry.lat, entry.lon, t.lat, t.lon) <= SMALL_TOWN_RADIUS_KM for _, t in towns)


CONTAINER_LINKS = {",", "in", "near", "outside", "of", "at"}
WORD_CONTAINER_LINKS = CONTAINER_LINKS - {","}  # the links that end an apposition ("X, a town in Y")
APPOSITION_MAX_WORDS = 5


def _container_of(span, starts: dict, ends: dict) -> Entry | None:
    """The place the text puts a local feature in: "X in Y", "X, Y", "X near Y", "Y's X" (or
    "the villages of X and Z in Y": past a list of other local names). Any kind of place counts here,
    a province or a country too, since the text itself says so. `starts`/`ends`: token index -> (found,
    mention) of the story's mentions."""
    doc = span.doc
    k = span.end
    # step over a list of further local names ("Foua and Kfraya in Idlib")
    while k + 1 < len(doc) and doc[k].lower_ in (",", "and") and k + 1 in starts and starts[k + 1][0].how in LOCAL_HOWS:
        k = starts[k + 1][0].span.end
    if k < len(doc) and doc[k].text in place_suffix_nouns():
        k += 1  # "the Gondra district of Uttar Pradesh"
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("a", "an", "the"):
        # an apposition: "Elmvale, a suburb east of Ottawa", "Tarsova, a farming town in eastern Turkey"
        for link in range(k + 2, min(len(doc) - 1, k + 2 + APPOSITION_MAX_WORDS)):
            if doc[link].lower_ in WORD_CONTAINER_LINKS or not doc[link].is_alpha or doc[link].text[:1].isupper():
                k = link
                break
    if k < len(doc) and doc[k].lower_ in CONTAINER_LINKS:
        at = k + 1 + (1 if k + 1 < len(doc) and doc[k + 1].lower_ == "the" else 0)
        hit = starts.get(at)
        if hit is not None and hit[0].how not in LOCAL_HOWS and hit[1].chosen is not None:
            return hit[1].chosen
    if span.start >= 2 and doc[span.start - 1].tag_ == "POS":
        hit = ends.get(span.start - 1)
        if hit is not None and hit[0].how not in LOCAL_HOWS and hit[1].chosen is not None:
            return hit[1].chosen
    return None


STRAY_ALTERNATE_MAX_POPULATION = 100_000
STRAY_TOWN_MAX_POPULATION = 50_000


def _drop_stray_alternates(mentions: list[MentionCandidates], context: DocumentContext) -> None:
    """A name read only through another language's or an old name of a town ("Beni" for a Congolese
    town in "Beni Suef", "Far" for Fargo) in a country the story does not name is more likely a word of
    a name we do not hold than that town: no place. So is a small town (not a capital) by its own name in a
    country that nothing but that name points to, in a story that names other countries (a "Maple Grove"
    suburb abroad in a Canadian story, a namesake hamlet of a local street's name or of a shop's name)."""
    for m in mentions:
        e = m.chosen
        if e is not None and e.alternate and e.kind == "city" and e.population < STRAY_ALTERNATE_MAX_POPULATION \
                and not context.countries.get(e.country):
            m.chosen = None
        elif e is not None and e.kind == "city" and e.population < STRAY_TOWN_MAX_POPULATION and not e.capital \
                and any(c != e.country for c, w in context.countries.items() if w > 0) \
                and not _pointed_to(e.country, m, mentions, context):
            m.chosen = None


def _pointed_to(country: str, mention: MentionCandidates, mentions: list[MentionCandidates],
                context: DocumentContext) -> bool:
    """Something in the story besides this name points to the country: another name read there, or a
    demonym or the dateline (the context's weight beyond what this name's mentions gave it)."""
    own = fold(mention.text)
    if any(m.chosen is not None and m.chosen.country == country and fold(m.text) != own for m in mentions):
        return True
    return context.countries.get(country, 0) > 1.0


def _confirm_small_towns(found: list, mentions: list[MentionCandidates], context: DocumentContext) -> None:
    """A name found only as a small town ("maybe") stays a place if the town lies in a US state the
    story names or near a place the story names for sure; otherwise it is dropped."""
    anchors = [m.chosen for f, m in zip(found, mentions, strict=True)
               if f.how != "maybe" and m.chosen is not None and m.chosen.kind in ("city", "region", "county")]
    states = {a.admin1 for a in anchors if a.admin1 and a.kind in ("region", "county")}
    cities = [a for a in anchors if a.kind == "city"]
    for f, m in zip(found, mentions, strict=True):
        if f.how != "maybe":
            continue
        fits = [e for e in m.entries if not e.alternate and e.kind == "city" and (
            e.admin1 in states or any(distance_km(e.lat, e.lon, c.lat, c.lon) <= SMALL_TOWN_RADIUS_KM for c in cities))]
        if fits:
            m.chosen = max(fits, key=lambda e: (e.admin1 in states, e.population))
        else:
            m.chosen = None


def _focus_country(places: list[Place], demonym_counts: Counter, dateline: Entry | None) -> str | None:
    """The country the story is mostly about: mentions of it and its places, demonyms, the dateline."""
    votes: Counter = Counter()
    for p in places:
        if p.country:
            votes[p.country] += 1.0 if p.kind == "country" else 0.7
    for iso3, n in demonym_counts.items():
        votes[iso3] += 0.8 * n
    if dateline is not None and dateline.country:
        votes[dateline.country] += 1.5
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _locative_head(token: Token) -> Token | None:
    """The word a place attaches to through a locative preposition ("met in Mosul" -> met).

    Walks up through "the border city of X", appositions and compounds.
    """
    cues = locative_cues()
    current = token
    for _ in range(MAX_HOPS):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ == "pobj" and head.lower_ in cues:
            return head.head
        if current.dep_ in ("pobj", "compound", "appos", "conj", "nmod", "poss", "amod") or \
                head.lower_ == "of":
            current = head
            continue
        return None
    return None


def _places_of_action(ctx: Context, token_places: list[tuple[Place, object]]) -> dict[int, Place | None]:
    dateline = ctx.exposed.get("_geo_dateline")
    by_sentence: dict[int, Place | None] = {}
    for place, span in token_places:
        sentence = ctx.sentence_at(place.start)
        if sentence is None or sentence.index in by_sentence:
            continue
        if _locative_head(span.root) is not None:
            by_sentence[sentence.index] = place
    return {s.index: by_sentence.get(s.index, dateline) for s in ctx.sentences}


def _clause_head(token: Token) -> Token:
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def place_for_token(ctx: Context, token: Token) -> Place | None:
    """The place governing a token's clause: a locative place attached to its clause's verb, else the
    sentence's place of action, else the dateline place."""
    spans = ctx.exposed.get("_geo_spans")
    if spans is None:
        return None
    head = _clause_head(token)
    if spans:
        # the token's sentence bounds, once: a span shares it exactly when its start lies inside
        # (what `span.sent.start == token.sent.start` tests, without building two Spans per place)
        token_sentence = token.sent
        sent_start, sent_end = token_sentence.start, token_sentence.end
    for place, span in spans:
        if not sent_start <= span.start < sent_end:
            continue
        attached = _locative_head(span.root)
        if attached is not None and (attached == head or _clause_head(attached) == head):
            return place
    sentence = ctx.sentence_of_token(token)
    if sentence is not None:
        found = ctx.exposed.get("place_of_action", {}).get(sentence.index)
        if found is not None:
            return found
    return ctx.exposed.get("_geo_dateline")
