"""Toponym recognition: which spans of the text name places.

Why both NER and the gazetteer: the small spaCy model tags many places (GPE/LOC/FAC) but
also calls some towns ORG or PERSON (a town named like a person), and misses others. So spaCy's place entities are
taken first; then runs of capitalized proper nouns outside person and organisation names are
matched against the gazetteer; then the hand-written news regions (which may be lower case,
"the demilitarized zone") are matched as phrases. Guards keep out parts of person names, names
that appear elsewhere in the story as part of a person's name, demonyms, and common words
(data/guards.tsv).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from newsevents.geo.gazetteer import Gazetteer, fold, read_tsv

# how each pass records a place it found: the span and how it was found ("ner", "local", ...)
Claim = Callable[[Span, str], None]
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# entity labels the small model gives to some towns; such an entity is a place if the gazetteer says so
OTHER_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"}
INNER_LOCATIVES = {"in", "at", "near", "from", "outside"}
# entity labels whose tokens are never read as places by the gazetteer pass
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"}
CONNECTORS = {"of", "de", "del", "la", "le", "el", "al", "du", "da", "upon", "on", "-"}
MAX_TOKENS = 6
PARTY_LETTERS = {"D", "R", "I"}  # "Sen. X, D-S.C.": the letter of a lawmaker's party before their state
# a name found only by the gazetteer pass (no place entity) must be this big, unless the story
# names its country
WEAK_MIN_POPULATION = 20000
# inside an organisation's name ("Sudan Liberation Army", "CBC Toronto") only countries, states and
# big cities are read as places
STRONG_MIN_POPULATION = 100_000
LEADING_TRIM = {"the", "northern", "southern", "eastern", "western", "central", "north-eastern",
                "north-western", "south-eastern", "south-western", "northeastern", "northwestern",
                "southeastern", "southwestern", "downtown", "greater", "rural", "upstate"}


@functools.lru_cache(maxsize=1)
def guard_words() -> frozenset[str]:
    """Words never taken as places unless the model tags them as places (rule recognition_guards)."""
    return frozenset(fold(row["word"]) for row in read_tsv("guards.tsv"))


@functools.lru_cache(maxsize=1)
def tagged_guard_words() -> frozenset[str]:
    """Words never taken as places even when the model tags them as places (rule recognition_guards)."""
    return frozenset(row["word"].lower() for row in read_tsv("guards.tsv") if row["even_if_tagged"] == "yes")


@functools.lru_cache(maxsize=1)
def feature_words() -> frozenset[str]:
    """Last words of local feature names (rule local_features)."""
    return frozenset(row["word"] for row in read_tsv("feature_words.tsv") if not row["note"].startswith("first"))


@functools.lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """Last words of street and road names, which are often named after far towns (rule local_features)."""
    return frozenset(row["word"] for row in read_tsv("feature_words.tsv")
                     if row["note"].split(" ")[0] in ("street", "road", "square"))


def street_feature(span: Span) -> bool:
    """The name ends with a street or road word ("Washington Street", "Cedar Rd.")."""
    last = span[-1].text
    return (last.title() if span[-1].is_upper else last) in street_words()


@functools.lru_cache(maxsize=1)
def feature_first_words() -> frozenset[str]:
    """First words of local feature names (rule local_features)."""
    return frozenset(row["word"] for row in read_tsv("feature_words.tsv") if row["note"].startswith("first"))


UNKNOWN_PLACE_MAX_TOKENS = 3


def _unknown_place_name(span: Span, guards: frozenset[str], person_words: set[str],
                        demonym_keys: dict[str, str]) -> bool:
    """A place entity's name that may be a small place we do not hold: one to three capitalized proper
    nouns (a hyphen may join them), no common word, no person's name, no demonym, not an acronym."""
    words = [t for t in span if t.text != "-"]
    if not words or len(words) > UNKNOWN_PLACE_MAX_TOKENS:
        return False
    if any(not (t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN") for t in words):
        return False
    if len(words) == 1 and (words[0].is_upper or len(words[0]) < 4):
        return False
    text = span.text
    return fold(text) not in guards and text not in person_words and fold(text) not in demonym_keys \
        and not any(fold(t.text) in demonym_keys for t in words)


@functools.lru_cache(maxsize=1)
def natural_feature_words() -> frozenset[str]:
    """Feature words of natural features ("Valley", "Lake"), whose names hold a real place's name
    (rule local_features)."""
    return frozenset(row["word"] for row in read_tsv("feature_words.tsv") if row["natural"] == "yes")


def _name_words(span: Span) -> list[str]:
    """The words of a name as the feature lists write them ("CAMP X-RAY" as "Camp X-Ray"), less a "'s"."""
    return [t.text.title() if t.is_upper else t.text for t in span if t.tag_ != "POS"]


def building_or_street_name(span: Span) -> bool:
    """Ends with the feature word of a built feature ("Elm Square", "Elm Avenue"), a name that a town may
    also bear; not a natural one ("Stone Hill", "Elk Falls" are towns' names as often)."""
    words = _name_words(span)
    return len(words) >= 2 and words[-1] in feature_words() and words[-1] not in natural_feature_words()


def _feature_name(span: Span) -> bool:
    """A name shaped like a local feature's: "Penn Park", "Lake Erie", "Interstate 64" is not."""
    words = _name_words(span)
    return len(words) >= 2 and (words[-1] in feature_words() or words[0] in feature_first_words())


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym -> ISO3 (rule demonyms)."""
    return {fold(row["demonym"]): row["iso3"] for row in read_tsv("demonyms.tsv")}


@functools.lru_cache(maxsize=1)
def region_phrases() -> dict[tuple[str, ...], str]:
    """Token sequences of the news regions, as written (case kept), -> the region's name (rule news_regions)."""
    phrases: dict[tuple[str, ...], str] = {}
    for row in read_tsv("regions.tsv"):
        for name in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
            phrases[tuple(name.replace("-", " - ").split())] = row["name"]
    return phrases


@functools.lru_cache(maxsize=1)
def region_phrases_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The news region phrases by their first word, longest first (so a token is checked only
    against the phrases it can start)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in region_phrases():
        by_first.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in by_first.items()}


@dataclass
class Found:
    """A recognized span (view token indices) and how it was found."""

    span: Span
    how: str  # "repeat" (a name read as a place elsewhere in the story), "ner", "ner-other" (an ORG/PERSON entity that is a place name), "gazetteer", "region",
    # "state" (after a comma), "maybe" (a small town's name, kept only if the story's places agree),
    # "local" (a feature we do not hold, placed at the town the story puts it in), "unknown" (a place
    # entity no list holds, kept only when introduced as a place or put in one)
    lookup: str  # the text to look up
    us_state: bool = False  # read as a US state only
    direction: str | None = None  # "east" of "east London": the mention names part of the place


def _trim(span: Span, keep_directions: bool = False) -> Span:
    """The entity less a leading "the" or direction ("northern Syria") and a trailing "'s"."""
    start, end = span.start, span.end
    drop = {"the"} if keep_directions else LEADING_TRIM
    while start < end and (span.doc[start].lower_ in drop or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct
                           or span.doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return span.doc[start:end]


def _person_tokens(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    """Words that are part of a multi-word person name somewhere in the story ("Moon" of "Moon Jae-in"),
    except well-known places (the model also tags "Alexandria Commonwealth's Attorney" as a person)."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            # a hyphen inside a name ("Jae-in"), not a dash between words ("Trump - Wisconsin")
            clean = len(ent) <= 3 and all(t.is_alpha or t.text == "-" and not t.whitespace_ for t in ent)
            of = next((t.i for t in ent[1:] if t.lower_ == "of"), ent.end)  # "Mary Smith of Elmwood"
            words.update(t.text for t in ent if t.is_alpha and t.i < of and (clean or not _strong(gazetteer, t.text)))
    return words


def _strong(gazetteer: Gazetteer, text: str) -> bool:
    """A country, a state or region, or a big city by its main name."""
    return any(not e.alternate and (e.kind in ("country", "region", "county") or e.population >= STRONG_MIN_POPULATION)
               for e in gazetteer.lookup(text))


EVENT_NAME_LABELS = ("EVENT", "ORG", "WORK_OF_ART", "LAW")  # entities whose name may open with a host city
EVENT_HOST_MAX_WORDS = 3  # "the New York City Marathon": a host city's name has at most this many words


@functools.lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    """Last words of events named after the city that holds them (data/event_words.tsv)."""
    return frozenset(row["word"] for row in read_tsv("event_words.tsv"))


def _event_host_city(span: Span, gazetteer: Gazetteer) -> Span | None:
    """"the Lisbon Film Festival": the big city (by its main name) whose name opens an event's name is
    the place where the event is held (rule event_host_city); the longest such opening, up to three words."""
    if len(span) < 2 or span[-1].lower_ not in event_words():
        return None
    for n in range(min(EVENT_HOST_MAX_WORDS, len(span) - 1), 0, -1):
        head = span[:n]
        if all(_capitalized(t) for t in head) and any(
                not e.alternate and e.kind == "city" and e.population >= STRONG_MIN_POPULATION
                for e in gazetteer.lookup(head.text)):
            return head
    return None


def _country_name(gazetteer: Gazetteer, text: str) -> bool:
    """A country, a US state or a news region by its main name or one of our aliases (rule embedded_country);
    not a first-level region of admin_regions.tsv, which is never read inside another name ("Berkshire
    Hathaway")."""
    return any(e.kind in ("country", "region") and not e.alternate for e in gazetteer.lookup(text))


def _capitalized(token: Token) -> bool:
    """Starts with a capital and is a word or an abbreviation ("Rd.", "U.S.")."""
    text = token.text
    return text[:1].isupper() and (token.is_alpha or text.rstrip(".").isalpha() or text.isupper() and "." in text)


def _name_like(token: Token) -> bool:
    """A capitalized proper noun, or a word in capitals (datelines: "BEIRUT -")."""
    return _capitalized(token) and (token.pos_ == "PROPN" or token.is_upper and len(token) >= 3
                                    and not _lede_word(token))


def _lede_word(token: Token) -> bool:
    """A common word in capitals that opens a lede ("KEEN gardeners gathered..."): followed by lower case."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.pos_ != "PROPN" and after is not None and after.is_alpha and after.is_lower


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, from the doc's ORTH array: the passes below test each word's text, and
    a Token built per word for that was most of their cost."""
    strings = doc.vocab.strings
    seen: dict[int, str] = {}
    out: list[str] = []
    for orth in doc.to_array(ORTH).tolist():
        text = seen.get(orth)
        if text is None:
            text = seen[orth] = strings[orth]
        out.append(text)
    return out


def recognize(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """Place spans of a document, without overlaps, in text order."""
    taken = [False] * len(doc)
    found: list[Found] = []
    person_words = _person_tokens(doc, gazetteer)
    guards = guard_words()
    demonym_keys = demonyms()
    tagged_guards = tagged_guard_words()

    late_maybes: list[Span] = []
    unknowns: list[Span] = []

    def claim(span: Span, how: str) -> None:
        if span.start >= span.end or any(taken[span.start:span.end]):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        found.append(Found(span, how, span.text))

    _states_after_comma(doc, found, taken)
    for ent in doc.ents:
        trimmed = _trim(ent)  # (pure: asked for once, not in every test below)
        if ent.label_ in PLACE_LABELS:
            span = _whole_name(_trim(ent, keep_directions=True), gazetteer)
            if not gazetteer.has(span.text) and ent.label_ != "FAC" and any(t.lower_ == "of" for t in span):
                # "the Eastern Cape of South Africa": the places on either side of "of"
                before = len(found)
                _gazetteer_runs(span, gazetteer, guards, person_words, demonym_keys, claim, strict=False)
                if len(found) > before:
                    continue
            if not gazetteer.has(span.text):
                span = trimmed
                if span.start > ent.start and _direction_before_feature(span, gazetteer):
                    continue
            if not any(t.text[:1].isupper() for t in span):
                continue  # "wombat", "marmoset" tagged as places: names are capitalized
            if (building := _saint_feature(span)) is not None:
                claim(building, "local")
                continue
            if not len(span) or fold(span.text) in demonym_keys or span.text.lower() in tagged_guards \
                    or span.text in person_words and not _placed_by_preposition(span):
                continue
            if gazetteer.has(span.text):
                claim(span, "ner")
            elif ent.label_ == "FAC" or not _entity_pieces(span, gazetteer, guards, person_words, demonym_keys,
                                                          claim):
                # a street, building or village we do not hold ("the Wilson Center" is not the town
                # of Wilson): placed at the town the story puts it in (rule local_features)
                if len(span) <= MAX_TOKENS and fold(span.text) not in guards and span.text not in person_words \
                        and _feature_name(span):
                    claim(span, "local")
                elif ent.label_ != "FAC":
                    before = len(found)
                    _gazetteer_runs(span, gazetteer, guards, person_words, demonym_keys, claim, strict=False)
                    if len(found) == before and _unknown_place_name(span, guards, person_words, demonym_keys):
                        # a village or district the model calls a place and no list of ours holds
                        # ("the village of Xinmo"): kept if the text introduces it as a place or puts it
                        # in a place, and placed there (rule local_features)
                        unknowns.append(span)  # after every other pass (rule local_features)
        elif ent.label_ in EVENT_NAME_LABELS and (host := _event_host_city(trimmed, gazetteer)) is not None:
            claim(host, "ner-other")
        elif ent.label_ in OTHER_LABELS and len(trimmed) \
                and (wider := _whole_name(trimmed, gazetteer, across_entities=True)) is not trimmed \
                and (_strong(gazetteer, wider.text) or _after_locative(wider)) \
                and not any(taken[wider.start:wider.end]):
            # "French [Guiana]" split by the model into a group and a person: the whole
            # name is a place (rule entity_boundaries)
            claim(wider, "ner-other")
        elif ent.label_ in ("ORG", "PERSON") and _listed_places(ent, gazetteer, guards, demonym_keys, claim):
            pass  # "Dubbo or Orange", "Tabriz and Ardabil" read as one organisation
        elif ent.label_ == "ORG" and len(trimmed) <= MAX_TOKENS and _feature_name(trimmed) \
                and not gazetteer.has(trimmed.text) \
                and fold(trimmed.text) not in guards and trimmed[-1].text not in AREA_FEATURE_WORDS \
                and not _starts_with_area(trimmed, gazetteer):
            # "taken to University Hospital", "a student at Xavier University": a building or venue the
            # model calls an organisation, used as a location (rule local_features)
            claim(trimmed, "local" if _used_as_location(ent) else "facility")
        elif ent.label_ == "ORG" and 2 <= len(trimmed) <= 4 and _used_as_location(ent, site_prepositions()) \
                and not gazetteer.has(trimmed.text) and all(_capitalized(t) for t in trimmed) \
                and fold(trimmed.text) not in guards and fold(trimmed[0].text) not in demonym_keys \
                and not any(_strong(gazetteer, t.text) for t in trimmed) and not _starts_with_area(trimmed, gazetteer) \
                and not (trimmed[-1].text in institution_words() and gazetteer.has(trimmed[0].text)):
            # "protesters gathered outside Harland Dynamics": a firm or venue the model calls an organisation,
            # used as a site, is a feature placed where a site is (rule site_after_preposition); not one that
            # holds a place's name ("at the Rowing Canada regatta" is Canada) nor a town's own body ("from
            # Elmwood Town Council": an institution word after a place's name)
            claim(trimmed, "facility")
        elif ent.label_ in OTHER_LABELS and len(trimmed) and gazetteer.has(trimmed.text) \
                and introduced_as_place(trimmed, place_noun_only=True) and fold(trimmed.text) not in guards \
                and fold(trimmed.text) not in demonym_keys and trimmed.text not in person_words:
            # "the towns of Heris and Marand" tagged as organisations: named as places by the text, so
            # any reading counts, an alternate spelling too (rule named_by_place_noun)
            claim(trimmed, "ner-other")
        elif ent.label_ in OTHER_LABELS and not gazetteer.has(trimmed.text) \
                and (introduced_as_place(trimmed, place_noun_only=True) or _described_as_place(trimmed)) \
                and _unknown_place_name(trimmed, guards, person_words, demonym_keys):
            unknowns.append(trimmed)  # "the villages of Foua and Kfraya" tagged ORG or PERSON
        elif ent.label_ in OTHER_LABELS and len(ent) > 1 and ent[-1].text[:1].isupper() \
                and (full := _trim(ent, keep_directions=True)).start < trimmed.start \
                and _weak_ok(gazetteer, full.text) and fold(full.text) not in demonym_keys:
            # "Central African Republic" tagged as a group: the direction is part of the name
            claim(full, "ner-other")
        elif ent.label_ in OTHER_LABELS and len(ent) > 1 and len(trimmed) \
                and _weak_ok(gazetteer, trimmed.text, _after_locative(trimmed)) \
                and fold(trimmed.text) not in demonym_keys:
            claim(trimmed, "ner-other")  # "Burkina Faso", "Buenos Aires" tagged as persons
        elif ent.label_ in OTHER_LABELS and not (ent.label_ == "PERSON" and len(ent) > 1):
            # the small model calls some towns ORG, PERSON, NORP or PRODUCT ("Sinuiju", "Idlib")
            span = trimmed
            placed = _after_locative(span) or _after_place(span, taken)
            if len(span) and (span.text not in person_words or placed and len(span) == 1) \
                    and fold(span.text) not in guards and fold(span.text) not in demonym_keys:
                if _weak_ok(gazetteer, span.text, placed):
                    claim(span, "ner-other")
                elif len(span) == 1 and any(not e.alternate for e in gazetteer.lookup(span.text)):
                    late_maybes.append(span)

    # news regions and features (also lower case ones): longest phrases, case as written, not the
    # "Africa" of "South Africa"
    phrases_by_first = region_phrases_by_first_word()
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        for phrase in phrases_by_first.get(text, ()):
            n = len(phrase)
            if i + n <= len(doc) and all(doc[i + k].text == phrase[k] for k in range(1, n)) \
                    and not (i > 0 and _capitalized(doc[i - 1]) and (doc[i - 1].pos_ == "PROPN"
                                                                     or doc[i - 1].lower_ in DIRECTION_WORDS)):
                claim(doc[i:i + n], "region")
                break

    maybes: list[Span] = []
    blocked = [False] * len(doc)
    in_org = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            for i in range(ent.start, ent.end):
                blocked[i] = True
                in_org[i] = ent.label_ == "ORG"
            # a mis-merged entity: "DETROIT The U.S. Department", "the Hospital in Winnipeg" -- the
            # words before an inner determiner and after an inner locative preposition are free
            for i in range(ent.start + 1, ent.end):
                if doc[i].lower_ == "the" and doc[i].text[:1].isupper():
                    for k in range(ent.start, i):
                        blocked[k] = False
                if _spaced_dash(doc[i]):
                    for k in range(ent.start, i):  # "Lakeland - about 300": the name before the dash too
                        blocked[k] = False
                if doc[i].lower_ in INNER_LOCATIVES or _spaced_dash(doc[i]) \
                        or ent.label_ == "PERSON" and doc[i].lower_ == "of":
                    # "Jonathan Stempel in New York", "Trump - Wisconsin", "Mary Smith of Elmwood" (a
                    # person's home town)
                    for k in range(i + 1, ent.end):
                        blocked[k] = False
    # runs of capitalized proper nouns outside blocking entities
    i = 0
    while i < len(doc):
        if blocked[i] or taken[i] or not texts[i][:1].isupper() or not _name_like(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and not blocked[j] and not taken[j] and (
                _name_like(doc[j])
                or (doc[j].lower_ in CONNECTORS and not _spaced_dash(doc[j]) and j + 1 < len(doc)
                    and _capitalized(doc[j + 1]))):
            j += 1
        if _feature_name(doc[i:j]) and not gazetteer.has(doc[i:j].text):
            claim(doc[i:j], "local")  # "Penn Park", "Cedar Flat Rd." (rule local_features)
        else:
            _gazetteer_runs(doc[i:j], gazetteer, guards, person_words, demonym_keys, claim, strict=True,
                            maybe=maybes.append)
        i = j
    _repeat_names(doc, found, taken, claim, guards, person_words)
    _names_before_place_nouns(doc, taken, gazetteer, guards, person_words, demonym_keys, claim, unknowns)
    for span in maybes + late_maybes:
        claim(span, "maybe")
    _places_before_institutions(doc, taken, gazetteer, guards, person_words, claim)
    # place names inside organisation names: only strong ones
    i = 0
    while i < len(doc):
        if not in_org[i] or taken[i] or not texts[i][:1].isupper() or not _capitalized(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and in_org[j] and not taken[j] and _capitalized(doc[j]):
            j += 1
        _gazetteer_runs(doc[i:j], gazetteer, guards, person_words, demonym_keys, claim, strict=True,
                        strong=True)
        i = j
    _names_before_containers(doc, found, taken, gazetteer, guards, person_words, demonym_keys, claim, unknowns)
    for span in unknowns:
        claim(span, "unknown")
    _with_directions(found, taken)
    found = [f for f in found if not _territorial_body_as_organisation(f.span)]
    found.sort(key=lambda f: f.span.start)
    return found


@functools.lru_cache(maxsize=1)
def territorial_bodies() -> tuple[frozenset[str], frozenset[str]]:
    """The names of unions of states and the prepositions that make them places (data/territorial_bodies.tsv)."""
    rows = read_tsv("territorial_bodies.tsv")
    return (frozenset(r["word"] for r in rows if r["role"] == "body"),
            frozenset(r["word"] for r in rows if r["role"] == "preposition"))


def _territorial_body_as_organisation(span: Span) -> bool:
    """A union of states named as the body it also is ("the EU objected"), not after a preposition that
    makes it a territory ("sold across the EU"): no place (rule territorial_bodies)."""
    bodies, prepositions = territorial_bodies()
    if fold(span.text) not in bodies:
        return False
    doc, k = span.doc, span.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k < 0 or doc[k].lower_ not in prepositions


DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                   "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
                   "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                   "north-western", "south-eastern", "south-western", "downtown", "mainland"}
PART_WORDS_AFTER = {"mainland"}  # "the U.S. mainland"


WIDEN_LEFT, WIDEN_RIGHT = 2, 4  # at most this many tokens added on each side (rule entity_boundaries)
NAME_LINKS = CONNECTORS | {"the"}


def _whole_name(span: Span, gazetteer: Gazetteer, across_entities: bool = False) -> Span:
    """A place entity cut short by the model ("Port [Harcourt]", "[Guinea]-Bissau", "[Santiago] de Compostela"):
    widened over the capitalized words, hyphens and name links ("de", "of the") right before or after it,
    outside any entity that is not a place (or in any entity, `across_entities`), when the wider name is a
    place's own name (rule entity_boundaries). The longest such name wins."""
    doc = span.doc
    if not len(span):
        return span

    def own(token: Token) -> bool:
        return across_entities or not token.ent_type_ or token.ent_type_ in PLACE_LABELS

    def free(token: Token) -> bool:
        return token.is_alpha and token.text[:1].isupper() or token.text == "-" and not _spaced_dash(token) \
            or token.lower_ in NAME_LINKS or token.lower_ == "and"

    left = 0
    while left < WIDEN_LEFT and span.start - left - 1 >= 0 and free(doc[span.start - left - 1]):
        left += 1
    right = 0
    while right < WIDEN_RIGHT and span.end + right < len(doc) and free(doc[span.end + right]):
        right += 1
    best = span
    for k in range(left, -1, -1):
        for j in range(right, -1, -1):
            if not k and not j:
                continue
            wider = doc[span.start - k:span.end + j]
            if len(wider) <= len(best) or not (wider[0].text[:1].isupper() and wider[-1].text[:1].isupper()
                                                and wider[-1].is_alpha):
                continue
            # "and" joins two names into one only for a country or region ("Trinidad and Tobago"); a word
            # the model gave another entity joins too for a country or region, a big city, or a name
            # introduced as a place ("in Campo Grande" with "Grande" tagged as an organisation)
            joined = any(t.lower_ == "and" for t in wider)
            crossing = any(not own(t) for t in wider)
            placed = crossing and _after_locative(wider)
            if any(not e.alternate and (e.kind in ("country", "region") or not joined and (
                    not crossing or placed or e.population >= STRONG_MIN_POPULATION))
                   for e in gazetteer.lookup(wider.text)):
                best = wider
    return best


@functools.lru_cache(maxsize=1)
def saint_words() -> frozenset[str]:
    """First words of a saint's name (rule saint_features, data/saint_words.tsv)."""
    return frozenset(row["word"] for row in read_tsv("saint_words.tsv"))


def _saint_feature(span: Span) -> Span | None:
    """"St. Agnes's Chapel": a saint's name, "'s" and capitalized words ending in a feature word name a
    building, not the town named for the saint (rule saint_features). Returns the building's span."""
    doc = span.doc
    if fold(span[0].text) not in saint_words() or span.end + 1 >= len(doc) or doc[span.end].text not in ("'s", "’s"):
        return None
    end = span.end + 1
    while end < len(doc) and end - span.start < MAX_TOKENS and _capitalized(doc[end]):
        end += 1
    building = doc[span.start:end]
    return building if end > span.end + 1 and building[-1].text in feature_words() else None


def _direction_before_feature(span: Span, gazetteer: Gazetteer) -> bool:
    """"West Nile" (a virus, a region of Uganda) is not the Nile: a capitalized direction before one of
    our physical features makes another name."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.text[:1].isupper() and before.lower_ in DIRECTION_WORDS \
        and any(e.kind == "feature" for e in gazetteer.lookup(span.text))


def _spaced_dash(token: Token) -> bool:
    """A dash between words ("Trump - Wisconsin"), not a hyphen inside a name ("Jae-in")."""
    return token.text in ("-", "–", "—") and bool(token.whitespace_) and token.i > 0 \
        and bool(token.doc[token.i - 1].whitespace_)


def _with_directions(found: list[Found], taken: list[bool]) -> None:
    """"east London", "northern Syria": a lower-case direction before a place is part of the mention
    (the area it names), still looked up as the place itself."""
    for f in found:
        start, end = f.span.start, f.span.end
        if f.how in ("state", "local", "facility", "unknown"):
            continue
        doc = f.span.doc
        if start > 0 and not taken[start - 1] and doc[start - 1].text in DIRECTION_WORDS:
            # lower case only: "East Timor" is a name of its own
            taken[start - 1] = True
            f.span = doc[start - 1:end]
            f.direction = doc[start - 1].text
        elif end < len(doc) and not taken[end] and doc[end].text in PART_WORDS_AFTER:
            taken[end] = True
            f.span = doc[start:end + 1]
            f.direction = doc[end].text


@functools.lru_cache(maxsize=1)
def place_suffix_nouns() -> dict[str, bool]:
    """Lower-case nouns after a place's name -> whether they also make a name no list holds a place
    (rule name_before_place_noun)."""
    return {row["word"]: row["unknown"] == "yes" for row in read_tsv("place_suffix_nouns.tsv")}


def _names_before_place_nouns(doc: Doc, taken: list[bool], gazetteer: Gazetteer, guards: frozenset[str],
                              person_words: set[str], demonym_keys: dict[str, str], claim: Claim,
                              unknowns: list[Span]) -> None:
    """"the Karak district", "Heze city", "the Pirbright laboratory": a run of capitalized words right
    before a lower-case place noun is a place, whatever the model tagged it (rule name_before_place_noun)."""
    nouns = place_suffix_nouns()
    texts = token_texts(doc)
    for k in range(1, len(doc)):
        if texts[k] not in nouns or taken[k - 1]:
            continue
        noun = doc[k]
        start = k
        while start > 0 and k - start < UNKNOWN_PLACE_MAX_TOKENS and not taken[start - 1] \
                and (_capitalized(doc[start - 1]) and doc[start - 1].is_alpha or doc[start - 1].text == "-"):
            start -= 1
        while start < k and doc[start].text == "-":
            start += 1
        if start == k or doc[start].is_sent_start and doc[start].lower_ in guards:
            continue
        span = doc[start:k]
        text = span.text
        if fold(text) in guards or text in person_words or fold(text) in demonym_keys:
            continue
        if any(not e.alternate for e in gazetteer.lookup(text)):
            claim(span, "gazetteer")
        elif nouns[noun.text] and _unknown_place_name(span, guards, person_words, demonym_keys):
            unknowns.append(span)


CONTAINER_KINDS = ("country", "region", "province")


def _names_before_containers(doc: Doc, found: list[Found], taken: list[bool], gazetteer: Gazetteer,
                             guards: frozenset[str], person_words: set[str], demonym_keys: dict[str, str],
                             claim: Claim, unknowns: list[Span]) -> None:
    """"Kiboko, Kenya", "Elm Falls, Minn.": one to three capitalized proper nouns right before a comma and a
    country or state the story names are a place in it, whatever the model tagged them (rule
    name_before_container); one we do not hold is placed in that country or state (rule local_features)."""
    for f in list(found):
        k = f.span.start - 1
        if k < 1 or doc[k].text != "," or taken[k - 1] or not (
                f.us_state or any(e.kind in CONTAINER_KINDS and not e.alternate for e in gazetteer.lookup(f.lookup))):
            continue
        start = k
        while start > 0 and k - start < UNKNOWN_PLACE_MAX_TOKENS and not taken[start - 1] \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == k or start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text[:1].isupper()):
            continue  # no name, or a longer capitalized run (a title, a person's or firm's name)
        span = doc[start:k]
        text = span.text
        after = doc[f.span.end] if f.span.end < len(doc) else None
        closed = after is None or after.is_punct  # "Elm Falls, Minn., said" -- not "Ortega, Texas governor"
        tagged_person = span[0].ent_type_ == "PERSON"
        own_entity = tagged_person and span[0].ent_iob_ == "B" and (k == len(doc) or doc[k].ent_iob_ != "I")
        if fold(text) in guards or fold(text) in demonym_keys or tagged_person and not (closed and own_entity) \
                or (text in person_words or any(t.text in person_words for t in span)) and not own_entity:
            continue
        if any(not e.alternate for e in gazetteer.lookup(text)):
            claim(span, "ner-other")
        elif _unknown_place_name(span, guards, person_words, demonym_keys):
            unknowns.append(span)


@functools.lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words of local institutions' names that follow their town's name (rule place_before_institution)."""
    return frozenset(row["word"] for row in read_tsv("institution_words.tsv"))


def _places_before_institutions(doc: Doc, taken: list[bool], gazetteer: Gazetteer, guards: frozenset[str],
                                person_words: set[str], claim: Claim) -> None:
    """"Torrington Superior Court", "the Glen Ridge Police Department": the whole start of an organisation's
    name before an institution word is the town's name when the gazetteer holds it as a place's main name."""
    words = institution_words()
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        cut = next((k for k in range(start + 1, ent.end) if doc[k].text in words), None)
        if cut is None or cut - start > 3 or any(taken[start:cut]):
            continue
        piece = doc[start:cut]
        if not all(_capitalized(t) or t.text == "-" for t in piece) or fold(piece.text) in guards \
                or piece.text in person_words:
            continue
        if any(not e.alternate for e in gazetteer.lookup(piece.text)):
            claim(piece, "gazetteer")


def _repeat_names(doc: Doc, found: list[Found], taken: list[bool], claim: Claim, guards: frozenset[str],
                  person_words: set[str]) -> None:
    """One sense per story: a name read as a place once is a place wherever else it stands on its own
    (the model tags "Malakal" GPE after "in" and ORG in "Darfur and Malakal") -- not where the model
    calls it a person, not a common word, and not glued to other capitalized words ("the Washington
    Post")."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for f in found:
        words = tuple(t.text for t in f.span)
        if f.how in ("ner", "gazetteer", "region") and _capitalized(f.span[0]) and (
                len(words) > 1 or len(words[0]) >= 3 and fold(words[0]) not in guards
                and (words[0] not in person_words or _placed_by_preposition(f.span))):
            names.setdefault(words[0], set()).add(words)
    if not names:
        return
    for i, token in enumerate(doc):
        if taken[i] or token.text not in names:
            continue
        for words in sorted(names[token.text], key=len, reverse=True):
            end = i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[i:end]) != words or any(taken[i:end]):
                continue
            if doc[i].ent_type_ == "PERSON" or _inside_longer_entity(doc, i, end) or _glued(doc[i:end], doc[max(0, i - 1):min(len(doc), end + 1)], guards):
                continue
            claim(doc[i:end], "repeat")
            break


def _inside_longer_entity(doc: Doc, start: int, end: int) -> bool:
    """The tokens are part of a longer entity that is not a place ("the Xinhua news agency")."""
    if not doc[start].ent_type_ or doc[start].ent_type_ in PLACE_LABELS:
        return False
    first = start
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = end
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return last > end or first < start and doc[first].lower_ != "the"


@functools.lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """US state abbreviation -> state name (rule state_after_comma)."""
    return {row["abbreviation"]: row["state"] for row in read_tsv("us_state_abbreviations.tsv")}


@functools.lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """Canadian province and Australian state abbreviation -> region name (rule state_after_comma)."""
    return {row["abbreviation"]: row["region"] for row in read_tsv("province_abbreviations.tsv")}


def _states_after_comma(doc: Doc, found: list[Found], taken: list[bool]) -> None:
    """"Columbia, Ky.": a state abbreviation right after a capitalized name and a comma is that state
    (also without its dot before a non-word: "Columbia, Ky (AP)"); so is a Canadian province's or an
    Australian state's ("Brandon, Man.").

    A bare postal code ("IL") counts only when no word follows it."""
    abbreviations = state_abbreviations()
    provinces = province_abbreviations()
    texts = token_texts(doc)
    for k in range(1, len(doc) - 1):
        if texts[k] == "," and _capitalized(doc[k - 1]) and not taken[k + 1]:
            token = doc[k + 1]
            text = token.text
            if text not in abbreviations and text not in provinces and k + 2 < len(doc) and doc[k + 2].text == "." \
                    and (text + "." in abbreviations or text + "." in provinces) and not taken[k + 2]:
                span, text = doc[k + 1:k + 3], text + "."
            else:
                span = doc[k + 1:k + 2]
            after = doc[span.end] if span.end < len(doc) else None
            if text.isalpha() and (text.isupper() or text + "." in abbreviations) and after is not None \
                    and after.is_alpha:
                continue
            if text.isalpha() and text not in abbreviations and text + "." in abbreviations:
                text += "."  # "Paducah, Ky (AP)": an AP abbreviation written without its dot
            if text in abbreviations or text in provinces:
                for i in range(span.start, span.end):
                    taken[i] = True
                us_state = text in abbreviations
                found.append(Found(span, "state", abbreviations[text] if us_state else provinces[text],
                                   us_state=us_state))
    # "lawmakers from N.J. and Mass.": a dotted abbreviation kept whole by the tokenizer is a state
    # anywhere but at a sentence's start or before another capitalized word
    for k in range(1, len(doc)):
        text = texts[k]
        if taken[k] or "." not in text or len(text) < 3 or text not in abbreviations or doc[k].is_sent_start:
            continue
        before = doc[k - 1]
        # a party label ("D-S.C.") or the first half of a spaced abbreviation ("W. Va.")
        party = before.text == "-" and k > 1 and doc[k - 2].text in PARTY_LETTERS
        spaced = f"{before.text} {text}" in abbreviations and not taken[k - 1]
        if not (before.is_alpha or before.text in (",", "(") or party or spaced):
            continue
        if k + 1 < len(doc) and _capitalized(doc[k + 1]) and doc[k + 1].is_alpha:
            continue
        start = k - 1 if spaced else k
        name = abbreviations[f"{before.text} {text}"] if start < k else abbreviations[text]
        for i in range(start, k + 1):
            taken[i] = True
        found.append(Found(doc[start:k + 1], "state", name, us_state=True))


def _weak_ok(gazetteer: Gazetteer, text: str, after_locative: bool = False) -> bool:
    """A name outside place entities counts when its main name (not an alternate) is a sizeable place,
    or any place when a locative preposition introduces it ("born in Churchill")."""
    least = 0 if after_locative else WEAK_MIN_POPULATION
    return any((not e.alternate or after_locative and _spelled_alike(text, e.name))
               and (e.kind != "city" or e.population >= least) for e in gazetteer.lookup(text))


SPELLING_PREFIX = 4


@functools.lru_cache(maxsize=1)
def name_articles() -> frozenset[str]:
    """Articles transliterated names write before the name or leave out (data/name_articles.tsv)."""
    return frozenset(row["article"] for row in read_tsv("name_articles.tsv"))


def _without_article(key: str) -> str:
    """A folded name without a leading article ("al-qasr" -> "qasr")."""
    head, sep, rest = key.replace("-", " ", 1).partition(" ")
    return rest if sep and rest and head in name_articles() else key


def _spelled_alike(text: str, name: str) -> bool:
    """Another spelling or a longer form of the same name ("Benghasi" for Benghazi, "Al-Qasrin" for
    El Qasreen), not another name the town also bears (a district's name for the city, a word for a
    village): both begin alike once a leading article is set aside (rule spelled_alike)."""
    a, b = fold(text), fold(name)
    return a[:SPELLING_PREFIX] == b[:SPELLING_PREFIX] \
        or _without_article(a)[:SPELLING_PREFIX] == _without_article(b)[:SPELLING_PREFIX]


def introduced_as_place(span: Span, place_noun_only: bool = False) -> bool:
    """After a locative preposition or "the town of" (only the latter with `place_noun_only`, for
    a name the model calls a person or organisation), also as a later item of such a list ("the
    villages of Foua and Kfraya")."""
    doc = span.doc
    if span.end < len(doc) and place_suffix_nouns().get(doc[span.end].text):
        return True  # "the Gondra district"
    test = _after_place_noun if place_noun_only else _after_locative
    start = span.start
    while start >= 2 and doc[start - 1].lower_ in (",", "and", "or") and doc[start - 2].text[:1].isupper():
        start -= 2
        while start > 0 and doc[start].text[:1].isupper() and doc[start - 1].text[:1].isupper():
            start -= 1
        if test(doc[start:start + 1]):
            return True
    return test(span)


LOCATION_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "to", "into", "on"}


# an organisation named "X District" or "X Township" is a local government, not a building
AREA_FEATURE_WORDS = {"District", "Township", "Village", "Neighborhood"}


def _starts_with_area(span: Span, gazetteer: Gazetteer) -> bool:
    """The name begins with a country, state or county ("Adair County Regional Jail"): that place is the
    mention, found by the other passes."""
    return any(e.kind in ("country", "region", "county", "province") and not e.alternate
               for k in range(1, min(len(span), 4)) for e in gazetteer.lookup(span[:k].text))


@functools.lru_cache(maxsize=1)
def site_prepositions() -> frozenset[str]:
    """Prepositions after which an organisation's name stands for its site (rule site_after_preposition,
    data/site_prepositions.tsv)."""
    return frozenset(row["word"] for row in read_tsv("site_prepositions.tsv"))


def _used_as_location(ent: Span, prepositions: set[str] | frozenset[str] = LOCATION_PREPOSITIONS) -> bool:
    """Right after a preposition of place ("at the X Museum", "to X Hospital")."""
    doc = ent.doc
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "the" and not ent[0].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ in prepositions


LIST_SEPARATORS = {",", "and", "or"}


def _listed_places(ent: Span, gazetteer: Gazetteer, guards: frozenset[str], demonym_keys: dict[str, str],
                   claim: Claim) -> bool:
    """An entity that is a list of names ("Dubbo or Orange"), each of them a place's own name
    and one a sizeable place: each is a place. Returns whether it was."""
    doc = ent.doc
    if not any(t.lower_ in LIST_SEPARATORS for t in ent):
        return False
    pieces: list[Span] = []
    start = ent.start
    for k in range(ent.start, ent.end + 1):
        if k == ent.end or doc[k].lower_ in LIST_SEPARATORS:
            if k > start:
                pieces.append(_trim(doc[start:k]))
            start = k + 1
    # "the towns of X and Y": named as places by the text, so an alternate spelling is reading enough
    named = bool(pieces) and _after_place_noun(pieces[0])
    if len(pieces) < 2 or any(not len(p) or fold(p.text) in guards or fold(p.text) in demonym_keys
                              or not any(named or not e.alternate for e in gazetteer.lookup(p.text))
                              for p in pieces):
        return False
    if not named and not any(_weak_ok(gazetteer, p.text) for p in pieces):
        return False
    for piece in pieces:
        claim(piece, "ner-other")
    return True


def _after_place(span: Span, taken: list[bool]) -> bool:
    """Listed right after a place already found: "Darfur and Malakal", "Kisumu, Bondo"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ in (",", "and", "or") and taken[span.start - 2]


PLACING_PREPOSITIONS = {"in", "near", "outside"}


def _placed_by_preposition(span: Span) -> bool:
    """A name the model tags as a place right after "in"/"near"/"outside" or "the town of" is a place
    even when a person's name elsewhere has the word ("SOS Children's Village Malakal" tagged a person)."""
    doc = span.doc
    k = span.start - 1
    while k > 0 and doc[k].lower_ in DIRECTION_WORDS:
        k -= 1  # "in downtown X", "near northern X"
    return k >= 0 and doc[k].lower_ in PLACING_PREPOSITIONS or _after_place_noun(span)


APPOSITION_LINKS = {"in", "near", "outside", "of", "on", "located", "east", "west", "north", "south"}


def _described_as_place(span: Span) -> bool:
    """An apposition calls it a place: "Elmvale, a suburb east of Ottawa", "X, a farming town in Y"."""
    doc = span.doc
    k = span.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("a", "an", "the"):
        return False
    for noun in doc[k + 2:min(len(doc) - 1, k + 5)]:
        if not (noun.is_alpha and noun.is_lower):
            return False
        if noun.lower_ in place_nouns():
            return doc[noun.i + 1].lower_ in APPOSITION_LINKS
    return False


def _after_place_noun(span: Span) -> bool:
    """Named by a place noun: "the town of Karak", "the villages of Foua"."""
    doc = span.doc
    return span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in place_nouns()


def _after_locative(span: Span) -> bool:
    """Introduced as a place: "in Churchill", "the town of Karak"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in INNER_LOCATIVES:
        return True
    return _after_place_noun(span)


@functools.lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns whose "of" introduces a place's name ("the town of X") (rule named_by_place_noun)."""
    return frozenset(row["word"].lower() for row in read_tsv("place_nouns.tsv"))


@functools.lru_cache(maxsize=1)
def entity_suffixes() -> frozenset[str]:
    """Words that may follow a place name inside a place entity ("Idlib province") (rule entity_suffixes)."""
    return frozenset(row["word"].lower() for row in read_tsv("entity_suffixes.tsv"))


def _entity_pieces(span: Span, gazetteer: Gazetteer, guards: frozenset[str], person_words: set[str],
                   demonym_keys: dict[str, str], claim: Claim) -> bool:
    """A place entity the gazetteer lacks as a whole: keep the name in "Idlib province", "Sinuiju city";
    not the "Java" of "East Java" nor the "Crawford" of "Crawford County" (another place)."""
    suffixes = entity_suffixes()
    end = span.end
    while end > span.start and span.doc[end - 1].lower_ in suffixes:
        end -= 1
    if end == span.end or end == span.start:
        return False
    piece = span.doc[span.start:end]
    if piece.text.lower() in guards or piece.text in person_words or fold(piece.text) in demonym_keys:
        return False
    if gazetteer.has(piece.text):
        claim(piece, "ner")
        return True
    return False


def _glued(piece: Span, run: Span, guards: frozenset[str], before_only: bool = False) -> bool:
    """A match that is only part of a longer capitalized name ("Eastern Creek", "Victoria Park",
    "KwaZulu-Natal"): the run goes on, on either side, with a hyphen or a capitalized word that is
    not a common word ("Glasgow Police" is Glasgow's police)."""
    doc = piece.doc
    before = doc[piece.start - 1] if piece.start > run.start else None
    if before is not None and before.text == "-" and piece.start >= 2 and doc[piece.start - 2].text in PARTY_LETTERS:
        before = None  # "Rep. X (D-Raleigh)": a lawmaker's party and home town
    after = doc[piece.end] if piece.end < run.end and not before_only else None
    if after is not None and after.text in institution_words():
        after = None  # "the Gainesville Chamber", "Byesville Volunteer Fire Department": the town's own
    # a dash between words ("Essex - a man from there") glues nothing
    return any(t is not None and (t.text == "-" and not _spaced_dash(t) or _capitalized(t) and fold(t.text) not in guards)
               for t in (before, after))


def _gazetteer_runs(span: Span, gazetteer: Gazetteer, guards: frozenset[str], person_words: set[str],
                    demonym_keys: dict[str, str], claim: Claim, strict: bool, strong: bool = False,
                    maybe=None) -> None:
    """Longest gazetteer names inside a token run, left to right."""
    doc = span.doc
    i = span.start
    while i < span.end:
        matched = False
        for j in range(min(span.end, i + MAX_TOKENS), i, -1):
            piece = doc[i:j]
            if piece[0].lower_ in CONNECTORS or piece[-1].lower_ in CONNECTORS:
                continue
            text = piece.text
            if fold(text) in demonym_keys:
                break
            if len(piece) == 1 and (fold(text) in guards or text in person_words or len(text) < 3
                                    and not text.isupper()):
                continue
            if strict and (i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].lower_ not in INNER_LOCATIVES
                           and doc[i - 1].lower_ != "of"
                           and not _spaced_dash(doc[i - 1])
                           or j < len(doc) and doc[j].ent_type_ == "PERSON" and not _spaced_dash(doc[j])):
                continue
            if not strong and _glued(piece, span, guards, before_only=not strict) and not _country_name(gazetteer, text) \
                    or i > span.start and _direction_before_feature(piece, gazetteer):
                continue
            if not strict and _glued(piece, span, guards) and not _strong(gazetteer, text):
                continue  # "Beni Suef", "Abu Shok": a small town's name as the first word of another name
            if not strict and gazetteer.has(text) or strict and (
                    _strong(gazetteer, text) if strong else _weak_ok(gazetteer, text, _after_locative(piece))):
                claim(piece, "gazetteer" if strict else "ner")
                i = j
                matched = True
                break
            if maybe is not None and any(not e.alternate for e in gazetteer.lookup(text)):
                maybe(piece)  # a small town's name: kept only if the story's other places agree
                i = j
                matched = True
                break
        if not matched:
            i += 1
