"""Codes noun phrases as CAMEO actors (country + agent) from knowledge and document context.

A noun phrase is read around its head token: the tokens to its left that belong to it (compounds,
adjectives, possessives, titles), an "of" complement that completes a name ("Ministry of Foreign
Affairs"), its appositions ("the president's niece, Ana Ruiz") and the PPs that place it
("activists in South Korea"). Lexicon matches in the phrase give either the actor itself (a
name at the head) or its parts (a country word, a role noun, a title). What the phrase leaves
open is filled from the document: people seen earlier with a title, coreference chains, and the
focus country of the story.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import string
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span, Token

from newsevents.actors.knowledge import (
    AGENT_TYPES,
    CAPITAL,
    COUNTRY,
    DEMONYM,
    GROUP,
    NAME_KINDS,
    ORG,
    PERSON,
    QUOTE_TRANSLATION,
    ROLE,
    SEAT,
    SHORT,
    Entry,
    Knowledge,
    Person,
    case_ok,
    load_knowledge,
    namesake_regions,
    normalize,
    phrase_words,
)
from newsevents.actors.petrarch_dictionaries import code_at, dated_match, load_dictionary
from newsevents.reading import Actor

if TYPE_CHECKING:
    from newsevents.pipeline import Context

_WORDS = phrase_words()
# Country-slot codes for organizations whose next block names the organization (IGOUNO, NGOAMN),
# and region blocks that are no organization (data/phrase_words.yaml).
ORG_SLOTS = _WORDS["organization_slots"]
REGION_BLOCKS = _WORDS["region_blocks"]

# Words that refer back ("the", "these") and prefixes of a stance ("pro-", "anti-").
DEFINITE_WORDS = _WORDS["definite_words"]
STANCE_PREFIXES = _WORDS["stance_prefixes"]
# Left dependents that belong to a noun phrase's name/title part.
NP_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case", "punct", "flat",
                "advmod", "npadvmod", "predet"}
# Heads whose own agent gives way to a more specific modifier (rule `generic_title`).
GENERIC_HEADS = _WORDS["generic_heads"]
# Rule `named_body`: last words of capitalised names of civic bodies, and the agent they take.
BODY_HEADS = _WORDS["body_heads"]
BODY_AGENT = next(iter(_WORDS["body_agent"]), "")
SPEAKS_FOR_HEADS = _WORDS["speaks_for_heads"]
BODY_HEAD_AGENTS = {**{w: "PTY" for w in _WORDS["party_heads"]}, **{w: "LAB" for w in _WORDS["union_heads"]},
                    **{w: "MED" for w in _WORDS["media_heads"]}}
# Places and equipment of the agent their modifier names (rule `facility_of_agent`).
FACILITY_NOUNS = _WORDS["facility_nouns"]
# "both governments", "the two sides" (rule `several_parties`).
SEVERAL_PARTIES_WORDS = _WORDS["several_parties_words"]
SEVERAL_PARTIES_OPENERS = _WORDS["several_parties_openers"]
# Prepositions that place a role noun in a country ("activists in South Korea").
PLACE_PREPS = _WORDS["place_preps"]
# Prepositions whose object is a place, not an actor, when it is a country/capital name.
LOCATIVE_PREPS = _WORDS["locative_preps"]
PLACE_PART_NOUNS = _WORDS["place_part_nouns"]
PLACE_PART_PREPS = _WORDS["place_part_preps"]
MISPARSED_LOCATIVES = frozenset(_WORDS["misparsed_locatives"])
GOAL_PREPS = frozenset(_WORDS["goal_preps"])
ARRIVAL_VERBS = frozenset(_WORDS["arrival_verbs"])
ARRIVAL_PREPS = frozenset(_WORDS["arrival_preps"])
FURNITURE_NOUNS = frozenset(_WORDS["furniture_nouns"])
FURNITURE_LABELS = frozenset(_WORDS["furniture_labels"])
# Words that are never a role head on their own, though they are in compounds.
PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WDT"}

LEXICAL_ZONES = {"body", "caption", "title", "standfirst"}
# Agents of the state: a bare "the military" or "the court" belongs to the country most named as a
# state actor in the story, which may differ from the country the story is about.
STATE_AGENTS = _WORDS["state_agents"]


# A picture credit inside a caption ("Photo: -/YNA/dpa") names the photographer's agency, not an actor.
# A dateline opening the body ("GAZA CITY, Palestinian Territories:", "SEOUL (Reuters) -") names where
# the story was filed, not an actor; used when the document reader found none.
DATELINE_RE = re.compile(r"\A\s*[A-Z][A-Z.' -]{2,}(?:,\s*[A-Z][\w.' -]+)?\s*(?:\([^)]{1,40}\))?\s*(?::|--|—|–|-)\s")
CREDIT_RE = re.compile(r"\b(?:Photos?|Pictures?|Images?|Credits?|Foto)\s*:|\b[A-Z]{2,}(?:/[A-Z][\w.]*)+(?:\s[A-Z][\w.]*)*\s*$")


# Page furniture of picture captions inside a sentence ("Image copyright Acme/Getty Images Image
# caption Police at the scene", "Media caption", "AFP photo"): the credit and the label name no actor.
FURNITURE_RE = re.compile(
    r"\b(?:Image|Photo|Picture|Video)\s+(?:copyright|credit)\b.*?"
    r"(?=\b(?:Image|Photo|Picture|Media|Video)\s+caption\b)"
    r"|\b(?:Image|Photo|Picture|Media|Video)\s+(?:caption|copyright|credit)\b:?"
    r"|\bGetty\s+Images\b"
    r"|\b(?:AFP|AP|Reuters|REUTERS|EPA|Xinhua|Yonhap)\s+(?:photo|picture|image)s?\b")


def furniture_spans(ctx: Context, sent: Any) -> list[tuple[int, int]]:
    """Raw ranges of caption furniture in a sentence (see FURNITURE_RE); once per sentence."""
    cache = ctx.exposed.setdefault("_actors_furniture", {})
    key = (sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [m.span() for m in FURNITURE_RE.finditer(ctx.raw, sent.start, sent.end)]
    return found


def in_furniture(ctx: Context, offset: int) -> bool:
    sent = ctx.sentence_at(offset)
    return sent is not None and any(s <= offset < e for s, e in furniture_spans(ctx, sent))


def credit_start(ctx: Context, sent: Any) -> int:
    """Raw offset where a picture credit starts in a sentence (its end if there is none); searched
    once per sentence."""
    cache = ctx.exposed.setdefault("_actors_credit_starts", {})
    key = (sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        credit = CREDIT_RE.search(ctx.raw, sent.start, sent.end)
        found = cache[key] = credit.start() if credit else sent.end
    return found


def in_credit(ctx: Context, offset: int) -> bool:
    sent = ctx.sentence_at(offset)
    return sent is not None and offset >= credit_start(ctx, sent)


INDIGENOUS_WORDS = _WORDS["indigenous_people_words"]
INDIGENOUS_OPENERS = _WORDS["indigenous_people_openers"]


def _indigenous_people_word(ctx: Context, m: Match) -> bool:
    """Rule `indigenous_people`: "Indian" after another nationality, a people's name or "Native"
    ("a Honduran Indian leader", "Lenca Indians", "American Indian tribes") names an indigenous
    people of the Americas, not India."""
    if m.start == 0 or m.end - m.start != 1 or ctx.doc[m.start].lower_ not in INDIGENOUS_WORDS:
        return False
    prev = ctx.doc[m.start - 1]
    if normalize(prev.text) in INDIGENOUS_OPENERS:
        return True
    if not prev.text[:1].isupper():
        return False
    return any(e.kind == DEMONYM for e in _entries_for(ctx, prev.text)) or (
        prev.pos_ == "PROPN" and prev.ent_type_ not in {"GPE", "LOC", "ORG", "PERSON"})


LINE_CREDIT_RE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z]{2,6}:)?[ \t]*\Z")


def _line_credit(ctx: Context, m: Match) -> bool:
    """Rule `line_credit`: a news agency's name opening a line ("Reuters People fled the square",
    "AP:Associated Press Police said") is the credit of the picture whose caption follows, not a
    modifier of the phrase after it."""
    if not any(e.kind == ORG and e.agent == "MED" for e in m.entries):
        return False
    if m.end >= len(ctx.doc) or not ctx.doc[m.end].text[:1].isupper():
        return False  # "BBC political correspondent X said" opens a sentence, no caption
    start = ctx.raw_span(ctx.doc[m.start])[0]
    return bool(LINE_CREDIT_RE.search(ctx.raw[max(0, start - 12):start]))


def sentence_of_token(ctx: Context, token: Token) -> Any:
    offsets = token_offsets(ctx)
    return ctx.sentence_at(offsets[0][token.i] if offsets else ctx.raw_span(token)[0])


@dataclass
class Match:
    start: int  # doc token index
    end: int  # exclusive
    entries: list[Entry]

    def first(self, kinds: set[str]) -> Entry | None:
        return next((e for e in self.entries if e.kind in kinds), None)


@dataclass
class DocState:
    """What the coder learns about one document as it goes (per Context)."""

    focus: str | None = None
    country_counts: Counter = field(default_factory=Counter)
    people: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name key -> country, agent, name
    full_names: dict[str, str] = field(default_factory=dict)  # surname key -> fullest name in doc
    known_people: dict[str, Person] = field(default_factory=dict)  # surname key -> Person named in full
    role_countries: dict[str, str] = field(default_factory=dict)  # role lemma -> country given earlier
    state_counts: Counter = field(default_factory=Counter)  # countries named as states acting
    state_focus: str | None = None
    person_countries: set[str] = field(default_factory=set)  # countries of people of our knowledge named
    # title word -> [(raw offset, country)] of people named with that title and a nationality
    # ("South Korean President Moon" -> president: KOR), for "the president's office" later
    titles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    titles_seen: int = 0
    # an international body's slot (IGO) -> the agent of its officer named with a title (UNO), so
    # that "the secretary-general" later speaks for the body too (rule `title_anaphor`)
    slot_agents: dict[str, str] = field(default_factory=dict)
    # rule `acronym_in_parentheses`: "the Free Citizens Party (FCP)" teaches FCP -> its code
    acronyms: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    # rule `copular_role`: name key -> the token of the role a sentence "X is a Y" gives X
    copular: dict[str, int] = field(default_factory=dict)
    # rule `body_anaphor`: [(token index, body word, country, agent)] of civic bodies named so far
    named_bodies: list[tuple[int, str, str, str]] = field(default_factory=list)
    # rule `same_agent_anaphor`: agent -> [(token index, country)] of bodies named with a country
    agent_countries: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def _lowercase_document(ctx: Context) -> bool:
    """A text set all in lower case (some archives): names cannot be told by their capitals."""
    flag = ctx.exposed.get("_actors_lowercase")
    if flag is None:
        chunk = ctx.raw[:20000]
        if chunk.isascii():  # the same counts, by C-level counting
            letters = sum(chunk.count(c) for c in string.ascii_letters)
            upper = sum(chunk.count(c) for c in string.ascii_uppercase)
        else:
            alpha = [c for c in chunk if c.isalpha()]
            letters, upper = len(alpha), sum(c.isupper() for c in alpha)
        flag = bool(letters) and upper < 0.002 * letters
        ctx.exposed["_actors_lowercase"] = flag
    return flag


@lru_cache(maxsize=1 << 18)
def _our_entries(text: str, lowercase: bool) -> tuple[Entry, ...]:
    """Our lexicon's entries for a phrase; cached for the process (the knowledge is loaded once
    and never changes, and window texts recur from story to story)."""
    kb = load_knowledge()
    if lowercase:
        # case cannot help: names match in any case, but short acronyms ("us", "is") never do
        return tuple(e for e in kb.lexicon.get(normalize(text), []) if not e.exact_case_words)
    return tuple(kb.lookup(text))


def _knowledge_entries(ctx: Context, text: str) -> list[Entry]:
    ours = list(_our_entries(text, _lowercase_document(ctx)))
    paths = ctx.options.get("actor_dictionaries") or ()
    if not paths:
        return ours
    key = normalize(text)
    theirs: list[Entry] = []
    for path in paths:
        for entry in load_dictionary(str(path)).get(key, []):
            if case_ok(entry, text):
                theirs.append(entry)
    if len(theirs) > 1:  # stable: the entries whose dated code holds at the publication date first
        theirs.sort(key=lambda e: not dated_match(e, ctx.published))
    return ours + theirs


def _text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def find_matches(ctx: Context, start: int, end: int, max_words: int | None = None) -> list[Match]:
    """Greedy longest lexicon matches over doc tokens [start, end), left to right (memoized)."""
    cache = ctx.exposed.setdefault("_actors_matches", {})
    key = (start, end, max_words)
    if key not in cache:
        cache[key] = _find_matches(ctx, start, end, max_words)
    return cache[key]


@dataclass
class _TokenTable:
    """Plain Python copies of what the coder reads of every token, made once per context in one
    pass over the doc: building spaCy spans, tokens and their text for every candidate window
    was most of the stage's time."""

    text: list[str]
    text_with_ws: list[str]
    lemma: list[str]
    pos: list[str]
    lower: list[str]
    sent_end: list[int]  # doc index where the token's spaCy sentence ends (token.sent.end)
    plain_word: list[bool]  # `_plain_word` of the token's text
    plain_gap: list[bool]  # one space or none after the token


def _token_table(ctx: Context) -> _TokenTable:
    table = ctx.exposed.get("_actors_token_table")
    if table is None:
        doc = ctx.doc
        texts, with_ws, lemmas, pos, lower = [], [], [], [], []
        for t in doc:
            texts.append(t.text)
            with_ws.append(t.text_with_ws)
            lemmas.append(t.lemma_)
            pos.append(t.pos_)
            lower.append(t.lower_)
        sent_end = [0] * len(doc)
        for sent in doc.sents:
            sent_end[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
        plain_word = [_plain_word(t) for t in texts]
        plain_gap = [w == t or w == t + " " for t, w in zip(texts, with_ws, strict=True)]
        table = _TokenTable(texts, with_ws, lemmas, pos, lower, sent_end, plain_word, plain_gap)
        ctx.exposed["_actors_token_table"] = table
    return table


def _entries_for(ctx: Context, text: str) -> list[Entry]:
    """_knowledge_entries memoized per context (the same window text recurs across calls)."""
    cache = ctx.exposed.setdefault("_actors_entries", {})
    found = cache.get(text)
    if found is None:
        found = cache[text] = _knowledge_entries(ctx, text)
    return list(found)


# A window ending or starting with these tokens is never looked up.
_BAD_LAST = {"'s", "'", "’s", ","}
_BAD_FIRST = {"'s", ",", "-"}


@lru_cache(maxsize=1)
def _key_prefixes() -> frozenset[str]:
    """Every leading part of every key of our lexicon."""
    return frozenset(key[:n] for key in load_knowledge().lexicon for n in range(1, len(key) + 1))


def _may_start_key(ctx: Context, first: str) -> bool:
    """Can a window whose first token is `first` match a lexicon key? The key of a window is its
    text normalized (quotes translated, whitespace changed, lower case), so for a plain ASCII first
    token it begins with that token translated and in lower case; when no key does, none of the window lengths
    starting there needs a lookup. Other tokens, and user dictionaries, are always looked up."""
    return bool(ctx.options.get("actor_dictionaries")) or _may_start_our_key(first)


@lru_cache(maxsize=1 << 16)
def _may_start_our_key(first: str) -> bool:
    if not first.isascii() or not first or any(c.isspace() for c in first):
        return True
    return first.translate(QUOTE_TRANSLATION).lower() in _key_prefixes()


# Characters that normalization may join across or translate: windows with them are always looked up.
_JOINING = set("-/'`")


def _may_start_key_pair(ctx: Context, first_with_space: str, second: str) -> bool:
    """Can a window starting with these two tokens match a key? For plain ASCII words without
    hyphens, slashes or apostrophes, with one space or none between them, normalization keeps
    them as they are, in lower case, at the start of the key."""
    return bool(ctx.options.get("actor_dictionaries")) or _may_start_our_key_pair(first_with_space, second)


@lru_cache(maxsize=1 << 16)
def _may_start_our_key_pair(first_with_space: str, second: str) -> bool:
    first = first_with_space.rstrip(" ")
    space = first_with_space[len(first):]
    words = first + second
    if (space not in {"", " "} or not first or not second or not words.isascii()
            or any(c.isspace() or c in _JOINING for c in words)):
        return True
    return (first + space + second).lower() in _key_prefixes()


def _plain_word(text: str) -> bool:
    """A token that normalization keeps as it is, in lower case: ASCII, with no space, hyphen,
    slash or apostrophe."""
    return text.isascii() and _PLAIN_RE.fullmatch(text) is not None


_PLAIN_RE = re.compile(r"[^\s\-/'`]+")  # no space (as str.isspace) and none of _JOINING


def _find_matches(ctx: Context, start: int, end: int, max_words: int | None) -> list[Match]:
    """Greedy longest matches: at each token, the longest window within [start, end) and the word
    limit that has lexicon entries (from `_window_hits`, shared by every call over the document)."""
    kb: Knowledge = load_knowledge()
    limit = max_words or max(kb.max_words, 6)
    cache = ctx.exposed.setdefault("_actors_window_hits", {})
    may_start = _may_start_windows(ctx)
    out: list[Match] = []
    i = start
    while i < end:
        top = min(end, i + limit)
        if not may_start[i]:
            i += 1
            continue
        found = cache.get(i)
        hits = found[1] if found is not None and found[0] >= top else _window_hits(ctx, i, top)
        j = max((k for k in hits if k <= top), default=0) if hits else 0
        if j:
            out.append(Match(i, j, hits[j]))
            i = j
        else:
            i += 1
    return out


def _may_start_windows(ctx: Context) -> list[bool]:
    """For every doc token, can a window starting there have entries? Not when it is a bad first
    token, nor when no key begins with it and it has no noun lemma to look up alone (the cases
    where `_window_hits` looks nothing up); once per context."""
    flags = ctx.exposed.get("_actors_may_start")
    if flags is None:
        table = _token_table(ctx)
        flags = [
            text not in _BAD_FIRST and (_may_start_key(ctx, text) or (
                text not in _BAD_LAST and bool(lemma) and lemma != text and pos == "NOUN"))
            for text, lemma, pos in zip(table.text, table.lemma, table.pos, strict=True)
        ]
        ctx.exposed["_actors_may_start"] = flags
    return flags


def _window_hits(ctx: Context, i: int, reach: int) -> dict[int, list[Entry]]:
    """Window end -> lexicon entries, for every window of doc tokens starting at i and ending at or
    before `reach` that has entries (memoized per start; a window's entries do not depend on the
    range a caller searches, so the longest hit within a range is the greedy matcher's match)."""
    cache = ctx.exposed.setdefault("_actors_window_hits", {})
    found = cache.get(i)
    if found is not None and found[0] >= reach:
        return found[1]
    table = _token_table(ctx)
    texts, with_ws, lemmas, pos = table.text, table.text_with_ws, table.lemma, table.pos
    hits: dict[int, list[Entry]] = {}
    if texts[i] not in _BAD_FIRST:
        # windows starting with this token are looked up only if some key could start with it;
        # the one-token window is still tried under its lemma ("ministers" -> "minister")
        lookup = _may_start_key(ctx, texts[i])
        # and windows of two or more tokens only if some key could start with the first two
        pair = not lookup or i + 1 >= len(texts) or _may_start_key_pair(ctx, with_ws[i], texts[i + 1])
        # a window of plain words (see `_plain_word`) normalizes to its text in lower case, and
        # so begins every longer window's key: when no key of ours begins with it, no longer
        # window needs a lookup (the pair test above, for any length)
        plain = not ctx.options.get("actor_dictionaries")
        plain_word, plain_gap = table.plain_word, table.plain_gap
        prefixes = _key_prefixes()
        prefix = ""  # the window's text is its tokens' text, less the last one's space
        for j in range(i + 1, reach + 1) if lookup else range(i + 1, i + 2):
            last = j - 1
            if last > i:
                prefix += with_ws[last - 1]
                plain = plain and plain_gap[last - 1]
            plain = plain and plain_word[last]
            closed = plain and (prefix + texts[last]).lower() not in prefixes
            if texts[last] in _BAD_LAST:
                if closed:
                    break
                continue
            entries: list[Entry] = []
            lemma = lemmas[last]
            if not lookup or (not pair and j > i + 1):
                if j > i + 2:
                    break
                # the window under its last word's lemma: "ministers", "senior ministers"
                if lemma and lemma != texts[last] and pos[last] == "NOUN":
                    entries = [e for e in _entries_for(ctx, prefix + lemma) if e.kind == ROLE]
            else:
                entries = [] if closed else _entries_for(ctx, prefix + texts[last])
                if not entries and lemma and lemma != texts[last] and pos[last] == "NOUN":
                    entries = [e for e in _entries_for(ctx, prefix + lemma) if e.kind == ROLE]
            if entries:
                hits[j] = entries
            if closed:
                break
    cache[i] = (reach, hits)
    return hits


def state(ctx: Context) -> DocState:
    st = ctx.exposed.get("_actors_state")
    if st is None:
        st = DocState()
        ctx.exposed["_actors_state"] = st
        _scan_document(ctx, st)
    return st


def _scan_document(ctx: Context, st: DocState) -> None:
    """Count country words (for the focus) and note people named in full (for surnames)."""
    kb = load_knowledge()
    named: set[str] = set()  # countries named by more than a nationality word
    for sent in ctx.sentences:
        if sent.zone not in LEXICAL_ZONES:
            continue
        weight = 2 if sent.zone in {"title", "standfirst"} else 1
        matches = find_matches(ctx, sent.span.start, sent.span.end)
        for n, m in enumerate(matches):
            if _in_aside(ctx, m.start, -1):
                continue  # "(NF, banned in Chile)": a wire's aside names no party of the story
            if _indigenous_people_word(ctx, m):
                continue  # "a Honduran Indian leader" names no Indian state
            for e in m.entries[:1]:
                namesake = _subnational_namesake(ctx, m, e) if e.kind == COUNTRY else ""
                if namesake:
                    e = dataclasses.replace(e, country=namesake)  # "Georgia" the US state
                if e.kind in {COUNTRY, DEMONYM, CAPITAL, SEAT} and e.country:
                    st.country_counts[e.country] += weight / 2 if _placing_only(ctx, m) else weight
                    if e.kind != DEMONYM:
                        named.add(e.country)
                elif (e.kind in {GROUP, ORG} and e.country and e.country not in ORG_SLOTS and e.source == "ours"
                      and not any(x.kind == ROLE for x in m.entries) and not _inside_longer_name(ctx, m, matches)
                      and not (e.kind == ORG and _is_acronym(e.phrase))  # an acronym does not name its country
                      and not (e.kind == ORG and len(e.countries) > 1)):  # nor does a movement of many
                    # an armed group also acts abroad ("IS claims the Las Vegas attack") and a news
                    # agency reports from anywhere ("Reuters reported"): half a vote each
                    half = e.kind == GROUP or e.agent == "MED"
                    st.country_counts[e.country] += weight / 2 if half else weight
                    named.add(e.country)
                if (e.kind in {COUNTRY, CAPITAL, SEAT} and e.country and not _placing_only(ctx, m)
                        and not (e.kind == CAPITAL and _names_city_part(ctx, max(m.start - 1, 0), m.start))):
                    st.state_counts[e.country] += 1  # "East Jerusalem" is a place, no state acting
                if e.kind == DEMONYM and n + 1 < len(matches) and matches[n + 1].start - m.end <= 2:
                    role = matches[n + 1].first({ROLE})
                    if role is not None and role.agent in STATE_AGENTS:
                        st.state_counts[e.country] += 2
                if e.kind == PERSON and e.person is not None:
                    country, agent = e.person.code_at(ctx.published)
                    st.person_countries.add(country)
                    if country and agent in STATE_AGENTS and country not in ORG_SLOTS:
                        st.country_counts[country] += weight  # a story about Obama involves the US
                        st.state_counts[country] += 1  # and an office-holder acts for the state
                    for key in _surname_keys_of(e.person.name, e.person.country):
                        st.known_people.setdefault(key, e.person)
                        st.full_names.setdefault(key, e.person.name)
        _note_described_people(ctx, st, matches, sent.span.end)
        _note_copular_role(st, sent.span)
        for ent in _entities_in(ctx, sent.span):
            if ent.label_ == "PERSON" and len(ent) >= 2:
                for key in {normalize(ent[-1].text), normalize(ent[0].text)}:
                    full = st.full_names.get(key)
                    if full is None or len(ent.text) > len(full):
                        if key not in st.known_people:
                            st.full_names[key] = ent.text
    focus = ctx.exposed.get("focus_country")
    top = max(st.country_counts.values()) if st.country_counts else 0
    leader = st.country_counts.most_common(1)[0][0] if top else ""
    if top and (not focus or (2 * st.country_counts.get(focus, 0) <= top and top >= 1
                              and (leader in named or leader in st.state_counts))):
        # no geo focus, or another country is named as a state or nationality twice as much
        # (a nationality alone, "Polish shopkeepers" in a story set in a small Irish town, is no state
        # of the story: it does not move the geo focus)
        focus = leader
    st.focus = focus or None
    st.state_focus = st.state_counts.most_common(1)[0][0] if st.state_counts else st.focus
    del kb


ASIDE_VERBS = _WORDS["aside_verbs"]


def _in_aside(ctx: Context, i: int, head: int) -> bool:
    """Rule `aside`: a word inside parentheses within a phrase headed after it ("the Northern Front
    (NF, banned in Chile) group"), or inside a participle clause of banning ("outlawed in several
    countries including Peru"), tells the reader something aside: no party or nationality of
    the phrase or the story. head -1: any phrase."""
    doc = ctx.doc
    tok = doc[i]
    for anc in tok.ancestors:
        if anc.dep_ == "acl" and anc.lemma_.lower() in ASIDE_VERBS:
            return True
        if anc.i == head:
            break
    sent_start = tok.sent.start
    for j in range(i - 1, max(sent_start, i - 12) - 1, -1):
        if doc[j].text == ")":
            return False
        if doc[j].text == "(":
            close = next((k for k in range(i + 1, min(len(doc), i + 12)) if doc[k].text == ")"), None)
            return close is not None and (head < 0 or close < head)
    return False


def _note_copular_role(st: DocState, span: Span) -> None:
    """Rule `copular_role`: a sentence "Peter Otieno is a senior opposition lawmaker" (a name as
    the subject of "be", a noun as its complement) notes the complement for the full name and the
    surname, so every mention of the person, earlier ones too, can take its role."""
    root = span.root
    if root.lemma_ != "be":
        return
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    attr = next((c for c in root.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    if subj is None or attr is None or subj.pos_ != "PROPN" or subj.ent_type_ != "PERSON":
        return
    names = [t for t in subj.lefts if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"] + [subj]
    st.copular.setdefault(normalize(" ".join(t.text for t in names)), attr.i)
    st.copular.setdefault(normalize(subj.text), attr.i)


def _copular_role(ctx: Context, name_tokens: list[Token]) -> tuple[str, str] | None:
    """(country, agent) of the role rule `copular_role` noted for this name; None when none."""
    copular = state(ctx).copular
    at = copular.get(normalize(_text_of(name_tokens))) if copular else None
    if at is None and copular:
        at = copular.get(normalize(name_tokens[-1].text))
    if at is None:
        return None
    reading, _, _ = read_phrase(ctx, ctx.doc[at])
    if reading is None or not reading.agent or reading.head_kind == PERSON:
        return None
    return reading.country, reading.agent


def _note_described_people(ctx: Context, st: DocState, matches: list[Match], sent_end: int) -> None:
    """Rule `described_person`: a nationality, then at most three lower-case describing words,
    then a full name our knowledge lacks ("Lebanese student Lina Haddad", "Syrian activist Omar
    Khaled") gives that person the country, and the agent of a role among the describing words
    (CVL when they name none). Noted before any phrase is coded, so every mention of the name or
    surname, earlier ones too, reaches the same code; a name the parser did not tag as a person
    still counts when describing words stand between (a bare "Kenyan Farmers Association" is no
    person)."""
    doc = ctx.doc
    covered = {i for m in matches for i in range(m.start, m.end)}
    for m in matches:
        demonym = m.first({DEMONYM})
        if demonym is None or not demonym.country or _stance_prefixed(ctx, m) or _hyphen_suffix(ctx, m):
            continue
        if m.start > 0 and doc[m.start - 1].text[:1].isupper() and doc[m.start - 1].pos_ in {"PROPN", "ADJ"}:
            continue  # "Peruvian Andean leader X": the nationality is the first word, not this one
        i = m.end
        while i < sent_end and i - m.end < 3 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"}:
            i += 1
        j = i
        while (j < sent_end and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and j not in covered
               and doc[j].ent_type_ in {"", "PERSON"}):
            j += 1
        described = i > m.end
        if j - i < 2 or not (described or any(t.ent_type_ == "PERSON" for t in doc[i:j])):
            continue
        if j < sent_end and doc[j].pos_ == "PROPN":
            continue  # the name runs on into one our knowledge has ("Crown Prince Frederik Andersen")
        role = next((r for r in matches if r.end == i and r.start >= m.end and r.first({ROLE}) is not None), None)
        agent = _role_agent(ctx, role) if role is not None else "CVL"  # the last describing word is the role
        if role is not None and not agent:
            continue  # "Korea expert John Smith": a topic, no nationality of the person
        if _former(ctx, max(m.start - 1, 0), i) and agent in {"GOV", "MIL", "LEG", "JUD", "CVL"}:
            agent = "ELI"  # "former Congolese dictator X" (rule `former_office`)
        name = _text_of(list(doc[i:j]))
        for key in _surname_keys_of(name, demonym.country) | _last_word_key(doc[j - 1]) | {normalize(name)}:
            st.people.setdefault(key, (demonym.country, agent, name))


def _placing_only(ctx: Context, m: Match) -> bool:
    """ "UK-based", "Iran-backed": a country that places or backs something is not a state acting
    in the story (rules `location_modifier`, `stance_modifier`)."""
    suffix = _hyphen_suffix(ctx, m)
    kb = load_knowledge()
    return bool(suffix) and (suffix in kb.location_suffixes or suffix in kb.stance_suffixes)


def _entities_in(ctx: Context, span: Span) -> list[Span]:
    """span.ents without its scan of every entity of the document from the first (quadratic over
    a long story's sentences): same rule, from the first entity at or after the span's start."""
    cached = ctx.exposed.get("_actors_doc_ents")
    if cached is None:
        ents = list(ctx.doc.ents)
        cached = ctx.exposed["_actors_doc_ents"] = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for k in range(bisect.bisect_left(starts, span.start), len(ents)):
        if ents[k].end > span.end:
            break
        out.append(ents[k])
    return out


def _surname_keys_of(name: str, country: str) -> set[str]:
    from newsevents.actors.knowledge import surname_key

    return {surname_key(name, country)} - {""}


def _last_word_key(token: Token) -> set[str]:
    """A name's last word as a key for later mentions, unless a regnal number or "Jr" (rule `surname`)."""
    from newsevents.actors.knowledge import NAME_SUFFIXES

    key = normalize(token.text).replace(".", "")
    return set() if key in NAME_SUFFIXES else {normalize(token.text)}


def split_code(code: str) -> tuple[str, str]:
    """A PETRARCH code (USAGOVMIL, IGOEUREEC, ---REB) -> (country, agent)."""
    code = code.strip().replace("~", "")
    country = "" if code.startswith("---") else code[:3]
    blocks = [code[i:i + 3] for i in range(3, len(code), 3)]
    for block in blocks:
        if block in AGENT_TYPES:
            return country, block
        if country in ORG_SLOTS and block not in REGION_BLOCKS and len(block) == 3:
            return country, block
    return country, ""


def _entry_code(ctx: Context, entry: Entry) -> tuple[str, str] | None:
    """(country, agent) an entry names, at the publication date, or None if it names none now."""
    if entry.kind == ORG and entry.country and (_foreign_common_word(ctx, entry) or _foreign_acronym(ctx, entry)):
        return None
    if entry.source == "petrarch":
        code = code_at(entry, ctx.published)
        return split_code(code) if code else None
    if entry.kind == PERSON and entry.person is not None:
        return entry.person.code_at(ctx.published)
    if entry.kind == GROUP or (entry.kind == ORG and len(entry.countries) > 1):
        return _group_country(ctx, entry), entry.agent
    if entry.kind == SHORT:
        st = state(ctx)
        if entry.countries and not (set(entry.countries) & (set(st.country_counts) | {st.focus})):
            return None
        return (entry.country or st.focus or ""), entry.agent
    if entry.kind == ORG and not entry.country:
        return (state(ctx).focus or ""), entry.agent
    if entry.kind == COUNTRY and NAMESAKE_REGIONS:
        region_of = _story_namesake_regions(ctx).get((normalize(entry.phrase), entry.country))
        if region_of:  # rule `subnational_namesake`, story-wide
            return region_of, entry.agent
    return entry.country, entry.agent


def _foreign_common_word(ctx: Context, entry: Entry) -> bool:
    """ "Congress" is the US Congress only in a story that involves the US: an organization named
    by a common word that is also a role noun yields to the role when the story never names the
    organization's country (rule `named_organization`)."""
    key = normalize(entry.phrase)
    if not any(e.kind == ROLE for e in load_knowledge().lexicon.get(key, [])):
        return False
    if "_actors_state" not in ctx.exposed:
        return False
    st = state(ctx)
    named = set(st.country_counts) | st.person_countries  # "Obama ... Congress": the US is in the story
    return bool(named) and entry.country not in named


def _is_acronym(phrase: str) -> bool:
    return 2 <= len(phrase) <= 5 and phrase.isalpha() and phrase.isupper()


def _foreign_acronym(ctx: Context, entry: Entry) -> bool:
    """ "SDF" is the Syrian Democratic Forces only in a story that involves Syria (the same letters
    name Cameroon's Social Democratic Front): a national organization's acronym needs its country
    named in the story, by a country word, a leader or the geo stage's focus, when the story names
    any country at all (rule `named_organization`)."""
    if entry.source != "ours" or entry.country in ORG_SLOTS or not _is_acronym(entry.phrase):
        return False
    if "_actors_state" not in ctx.exposed:
        return False
    st = state(ctx)
    named = (set(st.country_counts) | st.person_countries | {ctx.exposed.get("focus_country")}) - {None, ""}
    return bool(named) and entry.country not in named  # a story that names no country keeps it


def _group_country(ctx: Context, entry: Entry) -> str:
    counts = state(ctx).country_counts
    if len(entry.countries) > 1:
        best = max(entry.countries, key=lambda c: (counts.get(c, 0), -entry.countries.index(c)))
        return best
    return entry.country


def _np_left(token: Token) -> int:
    left = token.i
    for child in token.lefts:
        if child.dep_ in NP_LEFT_DEPS or (child.dep_ == "conj" and child.head.dep_ in {"compound", "amod", "nmod"}):
            left = min(left, child.left_edge.i)
    return left


def np_bounds(token: Token) -> tuple[int, int]:
    """Token range [start, end) of the name/title part of the noun phrase headed by token
    (memoized on the doc: it depends on the parse only, and the coder asks it many times)."""
    cache = token.doc.user_data.get("_actors_np_bounds")
    if cache is None:
        cache = token.doc.user_data["_actors_np_bounds"] = {}
    found = cache.get(token.i)
    if found is None:
        found = cache[token.i] = _np_bounds(token)
    return found


def _np_bounds(token: Token) -> tuple[int, int]:
    left = _np_left(token)
    right = token.i + 1
    doc = token.doc
    # flat names continue to the right in some parses ("Kim Jong Un" with Un as flat)
    for child in token.rights:
        if child.dep_ in {"flat", "compound"} and child.i == right:
            right = child.right_edge.i + 1
    # a misparsed coordination of names ("between Kim and US President Donald Trump" read as one
    # phrase): the phrase starts after the conjunction when a person or organization precedes it
    for i in range(token.i - 1, left - 1, -1):
        if doc[i].dep_ == "cc" and any(t.ent_type_ in {"PERSON", "ORG"} for t in doc[left:i]):
            left = i + 1
            break
    # a spaced dash ends a dateline or an aside ("OSLO - Labour party officials"):
    # the phrase starts after it, so the dateline's city names no country of the phrase
    for i in range(token.i - 1, left, -1):
        if doc[i].text in SPACED_DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_:
            left = i + 1
            break
    # caption furniture before the phrase ("Media caption Opposition leader speaks"): the label
    # and the credit before it are no words of the phrase (rule `caption_furniture`)
    for i in range(token.i - 1, left, -1):
        if doc[i].lower_ in FURNITURE_LABELS and doc[i - 1].lower_ in FURNITURE_NOUNS:
            left = i + 1
            break
    while left < token.i and doc[left].dep_ in {"punct", "case", "cc"}:
        left += 1
    return left, right


SPACED_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _name_extension(ctx: Context, token: Token, left: int, right: int) -> int:
    """Extend over a name's last word that the parser left out ("Moon Jae In" read as "Moon Jae" + in)."""
    sent_end = _token_table(ctx).sent_end[token.i]
    if right >= sent_end or not ctx.doc[right].text[:1].isupper():
        return right
    for m in find_matches(ctx, left, min(sent_end, right + 2)):
        if m.start <= token.i < m.end and m.end > right and m.first({PERSON}) is not None:
            return m.end
    return right


def _of_extension(ctx: Context, token: Token, left: int, right: int) -> int:
    """Extend over an "of" complement when it completes a lexicon phrase ("Secretary of State")."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == right:
            ext = child.right_edge.i + 1
            for m in find_matches(ctx, left, ext):
                if m.start <= token.i < m.end and m.end > right:
                    return m.end
    return right


@dataclass
class PhraseReading:
    """What a noun phrase says, before the document fills the gaps."""

    country: str = ""
    agent: str = ""
    name: str | None = None
    country_from: str = ""  # "name", "modifier", "pp", "person", "coref", "focus"
    agent_explicit: bool = False
    head_kind: str = ""
    former: bool = False  # a role the phrase says was held before ("a former activist")


def _former(ctx: Context, start: int, end: int) -> bool:
    kb = load_knowledge()
    texts = _token_table(ctx).text
    return any(normalize(texts[i]) in kb.former_words for i in range(start, end))


def _stance_prefixed(ctx: Context, m: Match) -> bool:
    """ "pro-Russia rebels", "anti-Korean acts" and "Iran-backed rebels" do not belong to the
    country or group they name (rule `stance_modifier`)."""
    doc = ctx.doc
    first = doc[m.start]
    if first.lower_.startswith(tuple(p + "-" for p in STANCE_PREFIXES)):
        return True
    if m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in STANCE_PREFIXES:
        return True
    if m.start >= 1 and doc[m.start - 1].lower_.endswith("-") and doc[m.start - 1].lower_[:-1] in STANCE_PREFIXES:
        return True
    return _hyphen_suffix(ctx, m) in load_knowledge().stance_suffixes


def _hyphen_suffix(ctx: Context, m: Match) -> str:
    """The word glued by a hyphen after a match ("Iran" in "Iran-backed" -> "backed"), or ""."""
    doc = ctx.doc
    if m.end + 1 < len(doc) and doc[m.end].text == "-" and not doc[m.end - 1].whitespace_ \
            and not doc[m.end].whitespace_:
        return doc[m.end + 1].lower_
    if m.end < len(doc) and doc[m.end].text.startswith("-") and not doc[m.end - 1].whitespace_:
        return doc[m.end].lower_[1:]
    return ""


def _modifier_country(ctx: Context, matches: list[Match], head_match: Match | None) -> tuple[str, str | None]:
    """The country named by a modifier: a nationality or country word first ("Somali militant
    group"), then an organization, group or person ("Hamas fighters", "Obama's spokesman")."""
    # rule `location_modifier`: a birthplace or base ("Somali-born Swedish man") gives way to
    # another country word of the phrase, and counts only when the phrase has none
    for placing in (False, True):
        for kinds in ({COUNTRY, DEMONYM, CAPITAL, SEAT, SHORT}, {ORG, GROUP, PERSON}):
            for m in matches:
                if m is head_match or _stance_prefixed(ctx, m) or _placing_only(ctx, m) != placing:
                    continue
                for e in m.entries:
                    if e.kind in kinds:
                        code = _match_code(ctx, m, e)
                        if code and code[0]:
                            return code[0], e.name
    return "", None


def _match_code(ctx: Context, m: Match, entry: Entry) -> tuple[str, str] | None:
    """`_entry_code`, and for a country name the geo stage read as a region of another country
    here, that country (rule `subnational_namesake`: "the state of Georgia")."""
    if entry.kind == COUNTRY:
        namesake = _subnational_namesake(ctx, m, entry)
        if namesake:
            return namesake, "GOV"
    return _entry_code(ctx, entry)


def modifier_countries(ctx: Context, token: Token) -> list[str]:
    """All countries of coordinated nationality modifiers ("US and British activists")."""
    left, right = np_bounds(token)
    out: list[str] = []
    for m in find_matches(ctx, left, right):
        if m.start <= token.i < m.end or _stance_prefixed(ctx, m) or _indigenous_people_word(ctx, m):
            continue
        for e in m.entries:
            if e.kind in {COUNTRY, DEMONYM} and e.country and e.country not in out:
                out.append(e.country)
                break
    if not out and token.tag_ in {"NNS", "NNPS"}:
        out = _pp_countries(ctx, token)
    return out


def _pp_countries(ctx: Context, token: Token) -> list[str]:
    """Rule `role_place_pp` for coordinated countries: "the foreign ministers of Armenia and
    Azerbaijan" are one role per country named in the placing PP (a plural head only)."""
    out: list[str] = []
    for obj in _pp_objects(token, PLACE_PREPS):
        for part in [obj, *obj.conjuncts]:
            s, e = np_bounds(part)
            for m in find_matches(ctx, s, e):
                country = next((x.country for x in m.entries if x.kind in {COUNTRY, DEMONYM} and x.country), "")
                if country and country not in out:
                    out.append(country)
    return out


OF, FOR = frozenset({"of"}), frozenset({"for"})


def _pp_objects(token: Token, prepositions: Collection[str]) -> Iterator[Token]:
    """The objects of the PPs under a head opened by one of these prepositions."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            yield from (obj for obj in child.children if obj.dep_ == "pobj")


def _modifier_agent(ctx: Context, matches: list[Match], head_match: Match | None) -> str:
    """The agent a title or modifier gives, nearest the head first; a generic title ("Tory
    spokesman", "rebel leader") gives way to the organization or role before it."""
    generic = ""
    for m in reversed(matches):
        if m is head_match:
            continue
        for e in m.entries:
            if e.kind == ROLE and e.agent:
                agent = _role_agent(ctx, m)
                if normalize(ctx.doc[m.start:m.end].text) in GENERIC_HEADS or normalize(ctx.doc[m.end - 1].lemma_) in GENERIC_HEADS:
                    generic = generic or agent
                    break
                return agent
            if e.kind in {ORG, GROUP, SEAT}:
                code = _entry_code(ctx, e)
                if code and code[1] and code[0] not in ORG_SLOTS:
                    return code[1]
    return generic


MEMBER_HEADS = _WORDS["member_heads"]
MEMBER_BODY_AGENTS = _WORDS["member_body_agents"]


def _member_agent(ctx: Context, matches: list[Match], head_match: Match | None) -> str:
    """Rule `member_of_body`: the agent of a national organization or armed group, or of a party,
    opposition or rebel role word, before a members' noun ("Freedom Party workers", "party
    cadres"); "" for any other modifier ("public sector workers" stay LAB)."""
    for m in reversed(matches):
        if m is head_match or (head_match is not None and m.start >= head_match.start):
            continue
        for e in m.entries:
            if e.kind in {ORG, GROUP}:
                code = _entry_code(ctx, e)
                if code and code[1] and code[0] not in ORG_SLOTS:
                    return code[1]
            if e.kind == ROLE:
                role_agent = _role_agent(ctx, m)
                if role_agent in MEMBER_BODY_AGENTS:
                    return role_agent
    return ""


def _international_of(ctx: Context, token: Token) -> tuple[str, str, str | None] | None:
    """ "the Parliamentary Assembly of the Council of Europe": a body of an international organization."""
    for obj in _pp_objects(token, OF):
        s, e = np_bounds(obj)
        found = _international_modifier(ctx, find_matches(ctx, s, _of_extension(ctx, obj, s, e)), None)
        if found:
            return found
    return None


def _adjacent_demonym(ctx: Context, matches: list[Match], left: int) -> bool:
    """A nationality word opening a person's name phrase ("Lebanese Lina Haddad")."""
    return any(m.start == left and m.first({DEMONYM}) is not None and not _stance_prefixed(ctx, m)
               for m in matches)


def _international_modifier(ctx: Context, matches: list[Match],
                            head_match: Match | None) -> tuple[str, str, str | None] | None:
    for m in matches:
        if m is head_match or _stance_prefixed(ctx, m):
            continue  # "al-Qaeda-linked rebels" are not al-Qaeda
        for e in m.entries:
            if e.kind == ORG:
                code = _entry_code(ctx, e)
                if code and code[0] in ORG_SLOTS:
                    return code[0], code[1], e.name
    return None


INTERNATIONAL_FORCE_HEADS = _WORDS["international_force_heads"]
NAMESAKE_REGIONS = namesake_regions()


def _international_force_agent(org: tuple[str, str, str | None], role_agent: str, head_words: str) -> str:
    """Rule `international_force`: troops, soldiers, peacekeepers or police of an intergovernmental
    organization ("UN troops", "AU peacekeepers", "NATO soldiers") are the organization's armed
    forces: country slot IGO with the role's agent (MIL, COP); other roles ("UN inspectors", "the
    UN's human rights division") speak for the organization itself and keep its code (IGO + UNO)."""
    if org[0] == "IGO" and role_agent in {"MIL", "COP"} and head_words in INTERNATIONAL_FORCE_HEADS:
        return role_agent
    return org[1]


def _role_agent(ctx: Context, m: Match) -> str:
    kb = load_knowledge()
    key = normalize(ctx.doc[m.start:m.end].text)
    if key in kb.role_overrides:
        return kb.role_overrides[key]
    role = m.first({ROLE})
    return role.agent if role else ""


def _pp_country(ctx: Context, token: Token) -> tuple[str, str | None]:
    """Country of a placing PP under the head: "activists in South Korea", "president of France"."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    s, e = np_bounds(obj)
                    for m in find_matches(ctx, s, e):
                        for entry in m.entries:
                            if entry.kind in {COUNTRY, DEMONYM, CAPITAL, ORG, GROUP, SEAT, SHORT}:
                                code = _match_code(ctx, m, entry)
                                if code and code[0] and code[0] not in {"IGO", "NGO"}:
                                    return code[0], entry.name
                    place = _place_country(ctx, obj)
                    if place:
                        return place, None
    return "", None


def _pp_organization(ctx: Context, token: Token) -> tuple[str, str] | None:
    """The organization a person is "from"/"at"/"of": its country and agent (the PP may hang
    on the verb right after the name: "wrote expert Jean Lee from the Wilson Center")."""
    end = token.right_edge.i
    after = end + 2 if end + 1 < len(ctx.doc) and ctx.doc[end + 1].text == "," else end + 1  # "X, for the Tories, said"
    preps = list(token.rights) + [c for c in token.head.children if c.i == after]
    return _organization_in(ctx, preps, {"from", "at", "of", "with", "for"}, need_agent=False)


def _of_organization(ctx: Context, token: Token) -> tuple[str, str] | None:
    """(country, agent) of a national organization or armed group in an "of" complement of the
    head ("leaders of Jordan's Islamic Action Front"), or None."""
    return _organization_in(ctx, list(token.rights), {"of"}, need_agent=True)


def _of_role_agent(ctx: Context, token: Token) -> str:
    """Rule `generic_title`: the agent of a role noun heading the "of" complement of a generic head
    ("the leaders of the rebels" REB, "a department of the university" EDU); "" when none."""
    for obj in _pp_objects(token, OF):
        if obj.pos_ == "NOUN":
            s, e = np_bounds(obj)
            for m in find_matches(ctx, s, e):
                role = m.first({ROLE})
                if role is not None and role.agent and m.start <= obj.i < m.end:
                    return role.agent
    return ""


def _organization_in(ctx: Context, preps: list[Token], words: set[str], need_agent: bool) -> tuple[str, str] | None:
    """(country, agent) of the first organization or armed group named in the objects of these PPs."""
    for child in preps:
        if child.dep_ == "prep" and child.lower_ in words:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    s, e = np_bounds(obj)
                    for m in find_matches(ctx, s, e):
                        for entry in m.entries:
                            if entry.kind in {ORG, GROUP}:
                                code = _entry_code(ctx, entry)
                                if code and code[0] and (code[1] or not need_agent):
                                    return code
                    named = _named_body(ctx, obj, find_matches(ctx, s, e))
                    if named is not None:
                        return named
    return None


JOINED_BODY_RE = re.compile(r"[a-z]([A-Z][a-z]+)$")
VENUE_PREPS = frozenset(_WORDS["venue_preps"])


def _body_head(token: Token) -> tuple[str, bool]:
    """Rule `named_body`: the body word a capitalised name ends in ("Association", "Gazette"),
    also inside one joined word ("AgriLeague": True); "" when the token heads no such name."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return "", False
    head = normalize(token.text)
    if head in BODY_HEADS or head in BODY_HEAD_AGENTS:
        return head, False
    joined = JOINED_BODY_RE.search(token.text)
    if joined and normalize(joined.group(1)) in BODY_HEADS:
        return normalize(joined.group(1)), True
    return "", False


def _named_body(ctx: Context, token: Token, matches: list[Match]) -> tuple[str, str] | None:
    """Rule `named_body`: a capitalised name ending in a word for a civic body ("the Chilean
    Miners Club", "the Kenyan Farmers Association") is a non-governmental organization of the
    country a modifier names; a role word inside the name ("Miners") is its constituency, no
    title. A party, union or news outlet ("the Harlow Gazette") takes, failing a modifier, the
    country of a place inside its name, then the story's focus. (country, agent) or None."""
    head, joined = _body_head(token)
    if not head:
        return None
    if any(m.start <= token.i < m.end or m.first({ORG, GROUP}) is not None for m in matches):
        return None  # a body our knowledge names ("the African Union"), or a body of one, is coded by its entry
    country, _ = _modifier_country(ctx, matches, None)
    name = [t for t in ctx.doc[_np_left(token): token.i + 1] if t.text[:1].isupper() and t.dep_ in {"compound", "amod", "flat"}]
    if head in BODY_HEADS:
        if not name and not joined:
            return None  # a bare "the League": a reference back, not a name
        if not country and any(e.kind == ROLE and e.agent in STATE_AGENTS for m in matches for e in m.entries):
            return None  # "the Municipal Government Association": a body of the state, read by its role word
        if not country and token.dep_ == "pobj" and token.head.lower_ in VENUE_PREPS:
            return None  # "speaking at the Harbour Club": a venue, no party of the story
        country = country or state(ctx).focus or ""
        return (country, BODY_AGENT) if country else None
    if not name:
        return None  # a bare "the Party", "the Union": a reference back, not a name
    country = country or next((c for c in (_place_country(ctx, t) for t in name) if c), "") or state(ctx).focus or ""
    return (country, BODY_HEAD_AGENTS[head]) if country else None


def _inside_longer_name(ctx: Context, m: Match, matches: list[Match]) -> bool:
    """Rule `longer_name`: a known party, union or outlet name that ends a longer name, after a
    capitalised word that is none of our names ("the Free Citizens Democratic Party") or after
    another country's name ("the Kenyan Democratic Party"), names another body."""
    entry = m.first({ORG})
    last = ctx.doc[m.end - 1]
    if entry is None or not entry.country or m.start == 0 or (normalize(last.text) not in BODY_HEAD_AGENTS
                                                               and normalize(last.text) not in BODY_HEADS):
        return False
    prev = ctx.doc[m.start - 1]
    if prev.dep_ not in {"compound", "flat", "amod"} or not prev.text[:1].isupper() or not m.start <= prev.head.i < m.end:
        return False
    other = next((o for o in matches if o.start <= prev.i < o.end), None)
    named = None if other is None else other.first({COUNTRY, DEMONYM, CAPITAL})
    if named is not None:
        return bool(named.country) and named.country != entry.country
    return prev.pos_ == "PROPN" and prev.ent_type_ not in {"GPE", "LOC"}


def _place_country(ctx: Context, token: Token) -> str:
    s, e = ctx.raw_span(token)
    for place in ctx.places:
        if place.start <= s and e <= place.end and place.country:
            return place.country
    return ""


def _sentence_place_country(ctx: Context, token: Token) -> str:
    """Country of the place where the sentence's action happens (from the geo stage), if any."""
    places = ctx.exposed.get("place_of_action")
    sent = sentence_of_token(ctx, token)
    if not places or sent is None:
        return ""
    place = places.get(sent.index) if isinstance(places, dict) else None
    country = getattr(place, "country", None) if place is not None else None
    if not country or not (sent.start <= getattr(place, "start", -1) < sent.end):
        return ""  # only a place named in this very sentence
    place_root = _span_root(_tokens_in(ctx, place.start, getattr(place, "end", place.start)))
    if place_root is not None and _in_adverbial_clause_apart(place_root, token):
        return ""  # "lawmakers back a ban on people if they have been in Iraq": not where they act
    counts = state(ctx).country_counts
    return country if (not counts or country in counts) else ""


def _in_adverbial_clause_apart(place: Token, token: Token) -> bool:
    """Is `place` inside an adverbial clause (if, when, after...) that does not contain `token`?"""
    around = {token.i} | {t.i for t in token.ancestors}
    node = place
    while node.i not in around and node.head.i != node.i:
        if node.dep_ == "advcl":
            return True
        node = node.head
    return False


def _goal_countries(ctx: Context, token: Token) -> set[str]:
    """Countries that are the object or destination of the verb a role is the subject of ("The
    minister will visit Kenya", "officials plan to travel to Chile"): the role's act goes there, so
    that country is no fallback for the role's own (rule `goal_country`)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    verbs = [token.head]
    verbs += [c for c in token.head.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    objects: list[Token] = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "obj"):
                objects.append(child)
            elif child.dep_ == "prep" and (child.lower_ in GOAL_PREPS
                                           or (child.lower_ in ARRIVAL_PREPS and verb.lemma_ in ARRIVAL_VERBS)):
                objects += [c for c in child.children if c.dep_ == "pobj"]
    out = set()
    for obj in objects:  # a country itself, not a city of it ("marched into Harare" stays at home)
        left, right = np_bounds(obj)
        country = next((e.country for m in find_matches(ctx, left, right) for e in m.entries
                        if e.kind == COUNTRY and e.country and m.end == obj.i + 1), "")
        if country:
            out.add(country)
    return out


def _surname_person(ctx: Context, tokens: list[Token]) -> tuple[str, str, str] | None:
    """A bare surname or partial name: a person named in full earlier, or one in office now."""
    st = state(ctx)
    kb = load_knowledge()
    for tok in (tokens[-1], tokens[0]):
        key = normalize(tok.text)
        if key in st.people:
            return st.people[key]
        person = st.known_people.get(key)
        if person is not None:
            country, agent = person.code_at(ctx.published)
            return country, agent, person.name
    key = normalize(tokens[-1].text)
    if key in st.full_names:  # someone else of that name is in the story
        return None
    if any(key in normalize(full).split(" ")[:-1] for full in st.full_names.values()):
        return None  # "Mary Elizabeth Smith ... Elizabeth said": her given name, no queen's
    everyone = [p for p in kb.surnames.get(key, []) if _other_words_are_its(tokens, p)]
    if not everyone or _inside_place(ctx, tokens):  # "PORT ELIZABETH", "Kingston" named by the geo stage
        return None
    candidates = [p for p in everyone if p.in_office(ctx.published)] or everyone
    if len(candidates) == 1:
        country, agent = candidates[0].code_at(ctx.published)
        return country, agent, candidates[0].name
    return None


def _inside_place(ctx: Context, tokens: list[Token]) -> bool:
    """A known person's short name inside a place the geo stage found ("Port Elizabeth") is the
    place's, not the person's (rule `surname`)."""
    s, e = ctx.raw_span(tokens[0])[0], ctx.raw_span(tokens[-1])[1]
    return any(place.start <= s and e <= place.end for place in ctx.places)


def _other_words_are_its(tokens: list[Token], person: Any) -> bool:
    """The other name words before a known surname must be the person's own ("Queen Elizabeth",
    not "Port Elizabeth" or "Mary Elizabeth", someone or somewhere else)."""
    own = {w for n in [person.name, *person.aliases] for w in normalize(n).replace(".", "").split(" ")}
    return all(normalize(t.text).replace(".", "") in own for t in tokens[:-1])


def _remembered_name(ctx: Context, token: Token) -> bool:
    """A capitalised word the parser took for a common noun that is the surname of a person the
    story coded before ("Pettigrew later met ..." read as a noun)."""
    return (token.pos_ == "NOUN" and token.text[:1].isupper() and token.text[1:2].islower()
            and normalize(token.text) in state(ctx).people)


def _remember_person(ctx: Context, tokens: list[Token], country: str, agent: str, name: str | None) -> None:
    st = state(ctx)
    full = name or _text_of(tokens)
    for key in _surname_keys_of(full, country) | _last_word_key(tokens[-1]):
        st.people.setdefault(key, (country, agent, full))
    st.people.setdefault(normalize(full), (country, agent, full))


def _headline_verb(ctx: Context, left: int, token: Token, matches: list[Match]) -> int | None:
    """Rule `headline_verb`: in a headline, a lower-case word tagged as a plural noun or a verb
    right after an actor phrase and before the head ("Rebel bomber rams checkpoint", parsed as one
    compound) is the headline's verb: the index of the last such word, or None."""
    found = None
    for t in ctx.doc[left + 1:token.i]:
        if (t.tag_ in {"NNS", "VBZ"} and t.text.islower() and t.dep_ == "compound"
                and not any(m.start <= t.i < m.end for m in matches)
                and any(m.end == t.i and m.first({ROLE, ORG, GROUP, COUNTRY, DEMONYM, PERSON}) is not None for m in matches)):
            found = t.i
    if found is None:
        return None
    sent = sentence_of_token(ctx, token)
    return found if sent is not None and sent.zone == "title" else None


def read_phrase(ctx: Context, token: Token) -> tuple[PhraseReading | None, int, int]:
    """What the noun phrase headed by token says by itself: (reading, start, end) in doc tokens."""
    left, right = np_bounds(token)
    right = _of_extension(ctx, token, left, right)
    right = _name_extension(ctx, token, left, right)
    matches = [m for m in find_matches(ctx, left, right)
               if not _in_aside(ctx, m.start, token.i) and not _indigenous_people_word(ctx, m)]
    split = _headline_verb(ctx, left, token, matches)
    if split is not None:  # rule `headline_verb`: "Rebel bomber rams checkpoint" is no one phrase
        left, matches = split + 1, [m for m in matches if m.start > split]
    credit = next((m for m in matches if m.start == left and m.end <= token.i and _line_credit(ctx, m)), None)
    if credit is not None:  # rule `line_credit`: "Reuters Heavily armed police ..." under a picture
        left, matches = credit.end, [m for m in matches if m is not credit]
    head_match = next((m for m in matches if m.start <= token.i < m.end), None)
    former = _former(ctx, left, right)
    r = PhraseReading()
    head_entry = None
    code: tuple[str, str] | None = None
    if head_match is not None:
        head_entry = head_match.first(NAME_KINDS) or head_match.first({DEMONYM}) or head_match.first({ROLE})
    if (head_entry is not None and head_entry.kind == PERSON and head_match.end - head_match.start == 1
            and head_match.start > left and ctx.doc[head_match.start - 1].ent_type_ == "PERSON"
            and not any(m.start <= head_match.start - 1 < m.end for m in matches)):
        return None, left, right  # "Grace Mugabe" is not the Mugabe of our knowledge
    organ = _organ_reading(ctx, token, matches, head_match)
    if organ is not None:
        return organ, left, right
    if head_entry is not None and head_entry.kind in NAME_KINDS:
        code = None
        for e in _homonyms_in_order(ctx, head_match, matches):
            if e.kind in NAME_KINDS:
                code = _entry_code(ctx, e)
                if code is not None:
                    head_entry = e
                    break
        if code is not None and head_entry.kind == COUNTRY:  # rule `subnational_namesake`: "Georgia"
            code = _match_code(ctx, head_match, head_entry)  # read as a US state acts as its government
        if code is not None and head_entry.kind in {ORG, GROUP} and len(head_entry.countries) > 1:
            branch = _country_before(ctx, matches, head_match)
            if branch:  # rule `national_branch`: "Jordan's Muslim Brotherhood" is Jordan's
                code = (branch, code[1])
        if code is not None and _common_word_of_another_country(ctx, head_entry, code, matches, head_match):
            code = None  # "Chile's Senate" is Chile's, whatever a dictionary's "Senate" names
        if code is not None and head_entry.kind == SHORT and not head_entry.country:
            owner = _of_owner_country(ctx, token)
            if owner:  # rule `short_form`: "the regime of Kim Jong Un" is his country's, not the focus's
                code = (owner, code[1])
        if code is not None and head_entry.kind == ORG and _inside_longer_name(ctx, head_match, matches):
            code, matches = None, [m for m in matches if m is not head_match]  # rule `longer_name`
            head_match = None
        if code is None:
            head_entry = None if head_match is None else head_match.first({ROLE}) or head_match.first({DEMONYM})
            if head_entry is None and head_match is not None:
                return None, left, right
        elif head_entry.kind == CAPITAL and _names_city_part(ctx, left, head_match.start):
            return None, left, right  # "East Jerusalem": a part of the city is a place
    if head_entry is not None and head_entry.kind in NAME_KINDS:
        r.country, r.agent, r.name = code[0], code[1], head_entry.name
        r.country_from, r.agent_explicit, r.head_kind = "name", bool(code[1]), head_entry.kind
        if head_entry.kind == PERSON:
            title = _modifier_agent(ctx, matches, head_match)
            if head_entry.source == "ours" and head_entry.person and not head_entry.person.in_office(ctx.published):
                if title and not former and r.country in ORG_SLOTS:
                    # an international body's officer titled as such ("U.N. Secretary General Kofi
                    # Annan" in a story dated after his term) speaks for the body (IGO + UNO), not "GOV"
                    r.agent = max(head_entry.person.offices, key=lambda o: o.start or dt.date.min).agent
                elif title and not former:
                    r.agent = title
            if former and r.agent in {"GOV", "MIL", "LEG", "JUD"}:
                r.agent = "ELI"
            _remember_person(ctx, ctx.doc[left:right][:], r.country, r.agent, r.name)
        return r, left, right
    if head_entry is not None and head_entry.kind == DEMONYM:
        r.country, r.agent, r.name, r.country_from, r.head_kind = head_entry.country, "", head_entry.name, "name", DEMONYM
        return r, left, right
    if head_entry is not None and head_entry.kind == ROLE:
        kb = load_knowledge()
        head_words = normalize(ctx.doc[head_match.start:head_match.end].text)
        agent = _role_agent(ctx, head_match)
        head_key = normalize(token.lemma_ if token.pos_ == "NOUN" else token.text)
        of_org = None
        member_agent = _member_agent(ctx, matches, head_match) if head_words in MEMBER_HEADS else ""
        if member_agent:  # rule `member_of_body`: "Freedom Party workers" are the party's
            agent = member_agent
        elif head_key in GENERIC_HEADS or normalize(token.text) in GENERIC_HEADS or head_words in GENERIC_HEADS or not agent:
            mod_agent = _modifier_agent(ctx, matches, head_match)
            body = None if mod_agent else _learned_acronym(ctx, ctx.doc[left:head_match.start])
            if body is not None:  # "FCP leaders": officers of a body the story named (rule `acronym_in_parentheses`)
                r.country, r.agent, r.country_from, r.agent_explicit, r.head_kind = body[0], body[1], "modifier", True, ROLE
                return r, left, right
            if mod_agent and not (mod_agent == "GOV" and agent in {"MIL", "COP"}):
                agent = mod_agent  # (but "government security forces" stay MIL: the state's forces)
            elif not mod_agent:
                of_org = _of_organization(ctx, token)
                if of_org is not None and of_org[1]:  # "leaders of the Islamic Action Front": OPP
                    agent = of_org[1]
                elif of_org is None:  # "the history department of the university": EDU
                    agent = _of_role_agent(ctx, token) or agent
        spoken_for = _spoken_for(ctx, token) if head_key in SPEAKS_FOR_HEADS and not _modifier_agent(ctx, matches, head_match) else None
        if spoken_for is not None and spoken_for[0]:  # rule `speaks_for`: "a spokesman for the ministry"
            r.country, r.agent, r.name = spoken_for
            r.country_from, r.agent_explicit, r.head_kind = "pp", bool(spoken_for[1]), ROLE
            return r, left, right
        if spoken_for is not None and spoken_for[1]:  # "a spokeswoman for the police": placed as the police are
            agent = spoken_for[1]
        org = _international_modifier(ctx, matches, head_match) or _international_of(ctx, token)
        if org is not None:  # "UN inspectors", "NATO troops": the organization acts through them
            r.country, r.agent, r.name, r.country_from = org[0], _international_force_agent(org, agent, head_words), org[2], "modifier"
            r.agent_explicit, r.head_kind = True, ROLE
            return r, left, right
        if head_key in ARMED_UNIT_HEADS and not r.country:
            owner = _of_organization(ctx, token)
            if owner is not None and owner[1] in ARMED_GROUP_AGENTS:
                # rule `armed_unit`: "the Derry Brigade of the rebel army" is the group's, no state's army
                r.country, r.agent, r.country_from, r.agent_explicit, r.head_kind = owner[0], owner[1], "pp", True, ROLE
                return r, left, right
        if agent == "JUD" and _international_court(ctx, left, right):
            r.country, r.agent, r.country_from, r.agent_explicit, r.head_kind = "IGO", "JUD", "modifier", True, ROLE
            return r, left, right
        if former and agent in {"GOV", "MIL", "LEG", "JUD", ""}:
            agent = "ELI"
        r.agent, r.agent_explicit, r.head_kind, r.former = agent, True, ROLE, former
        topic = head_words in kb.topic_modifier_heads or normalize(token.lemma_) in kb.topic_modifier_heads
        if not topic:
            r.country, r.name = _modifier_country(ctx, matches, head_match)
            if not r.country:  # "Gauteng police", "the Lagos State governor" (rule `place_modifier`)
                r.country = _modifier_place_country(ctx, matches, left, head_match.start)
            r.country_from = "modifier" if r.country else ""
        if not r.country and of_org is not None and of_org[0] not in ORG_SLOTS:
            r.country, r.country_from = of_org[0], "pp"
        if not r.country:
            r.country, r.name = _pp_country(ctx, token)
            r.country_from = "pp" if r.country else ""
        if not r.country and topic:
            return None, left, right
        r.name = None
        return r, left, right
    people_agent = people_adjective_agent(token) if head_entry is None else ""
    if head_entry is None and not people_agent and _indefinite_person(ctx, left, token):
        people_agent = "CVL"  # rule `indefinite_person`: "a man", "two women"
    if people_agent:  # rule `people_adjective`: "the unemployed", "the homeless"
        r.agent, r.agent_explicit, r.head_kind = people_agent, True, ROLE
        r.country, _ = _modifier_country(ctx, matches, None)
        r.country = r.country or _modifier_place_country(ctx, matches, left, token.i)  # "a Texas man"
        r.country_from = "modifier" if r.country else ""
        if not r.country:
            r.country, _ = _pp_country(ctx, token)
            r.country_from = "pp" if r.country else ""
        return r, left, right
    if head_entry is None and token.pos_ == "NOUN" and (normalize(token.lemma_) in FACILITY_NOUNS
                                                         or normalize(token.text) in FACILITY_NOUNS):
        return _facility_reading(ctx, token, matches), left, right
    body = _named_body(ctx, token, matches)
    if body is not None:
        r.country, r.agent, r.country_from, r.agent_explicit, r.head_kind = body[0], body[1], "modifier", True, ORG
        return r, left, right
    own = _learned_acronym(ctx, [token]) if token.pos_ in {"PROPN", "NOUN"} else None
    if own is not None:  # "the FCP said" after "the Free Citizens Party (FCP)"
        r.country, r.agent, r.name = own
        r.country_from, r.agent_explicit, r.head_kind = "name", True, ORG
        return r, left, right
    # A proper name not in our knowledge: a person with a title, or a known surname.
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON" or _remembered_name(ctx, token):
        tokens = [t for t in ctx.doc[left:right] if t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.i == token.i]
        name_tokens = [t for t in tokens if not any(m.start <= t.i < m.end for m in matches)]
        person_tokens = [t for t in name_tokens if t.ent_type_ == "PERSON"]
        name_tokens = person_tokens or name_tokens
        if not name_tokens:
            return None, left, right
        if _named_for_a_title(ctx, left, token, matches):
            return None, left, right  # "the Queen Mary II" is a ship, no head of state
        title_agent = _modifier_agent(ctx, matches, head_match)
        title_country, _ = _modifier_country(ctx, matches, head_match)
        if title_agent and not title_country:  # "Ohio Gov. John Kasich" (rule `place_modifier`)
            title_country = _modifier_place_country(ctx, matches, left, token.i)
        if title_agent and not title_country:  # "Gov. John Kasich of Ohio", "Sen. X of Texas"
            st = state(ctx)
            placed_in = _pp_country(ctx, token)[0]
            if placed_in and (placed_in == st.focus or placed_in in st.country_counts or placed_in in st.person_countries):
                title_country = placed_in
        body = _learned_acronym(ctx, ctx.doc[left:token.i])
        if body is not None and _generic_titles_only(ctx, matches, head_match):
            # "FCP leader Jan Smit": the officer of a body our knowledge learned from the story
            title_country, title_agent = body[0], body[1]
        is_person = (token.ent_type_ == "PERSON" or bool(title_agent) or _who_clause(token)
                     or normalize(name_tokens[-1].text) in state(ctx).copular
                     or normalize(name_tokens[-1].text) in state(ctx).people)  # rule `described_person`
        if is_person:
            known = _surname_person(ctx, name_tokens)
            if known and title_agent and _royal_namesake(ctx, matches, head_match, known[2]):
                known = None  # rule `royal_namesake`: "King Hussein" is not Saddam Hussein
            if known and not title_agent:
                r.country, r.agent, r.name = known
                r.country_from, r.agent_explicit, r.head_kind = "person", bool(known[1]), PERSON
                return r, left, right
            attacker_title = not title_agent and any(
                m.end <= name_tokens[0].i and any(e.rule == "attacker_noun" for e in m.entries) for m in matches)
            if attacker_title:  # rule `attacker_noun`: "accused Ohio gunman John Doe": placed, no agent
                title_country = title_country or _modifier_place_country(ctx, matches, left, token.i)
                if not title_country:
                    return None, left, right
                r.country, r.agent, r.country_from, r.head_kind = title_country, "", "modifier", PERSON
                r.name = _text_of(name_tokens)
                _remember_person(ctx, name_tokens, r.country, r.agent, r.name)
                return r, left, right
            if not title_agent and token.ent_type_ == "PERSON" and title_country and _adjacent_demonym(ctx, matches, left):
                # a nationality before a name with no title: the person's country, agent unknown
                r.country, r.agent, r.country_from, r.head_kind = title_country, "", "modifier", PERSON
                r.name = _text_of(name_tokens)
                return r, left, right
            if not title_agent and not known:
                placed = _pp_organization(ctx, token) or _relative_role(ctx, token) or _copular_role(ctx, name_tokens)
                if placed is not None:  # "Korea expert Jean H Lee from the Wilson Center"
                    r.country, r.agent, r.country_from, r.head_kind = placed[0], placed[1], "pp" if placed[0] else "", PERSON
                    r.name = _text_of(name_tokens)
                    _remember_person(ctx, name_tokens, r.country, r.agent, r.name)  # "Lee" later
                    return r, left, right
            org = _international_modifier(ctx, matches, head_match)
            if org is not None and not former:  # "UN envoy John Smith" speaks for the organization
                r.country, r.agent, r.name, r.country_from = org[0], org[1], _text_of(name_tokens), "modifier"
                r.agent_explicit, r.head_kind = True, PERSON
                return r, left, right
            if title_agent:
                r.agent = "ELI" if former and title_agent in {"GOV", "MIL", "LEG", ""} else title_agent
                r.country = title_country or (known[0] if known else "")
                r.country_from = "modifier" if title_country else ("person" if known else "")
                r.agent_explicit, r.head_kind = bool(title_agent), PERSON
                st = state(ctx)
                r.name = st.full_names.get(normalize(name_tokens[-1].text)) or _text_of(name_tokens)
                if r.country or not r.agent:
                    _remember_person(ctx, name_tokens, r.country or st.focus or "", r.agent, r.name)
                return r, left, right
    return None, left, right


PEOPLE_ADJECTIVE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "agent", "attr"}


def people_adjective_agent(token: Token) -> str:
    """Rule `people_adjective`: an adjective used as a noun for a group of people, with "the"
    and no noun after it ("the unemployed marched", "police beat the homeless"), is that group:
    the agent `adjective_heads` in roles.yaml gives it (CVL; REF for "the displaced"); "" else."""
    agent = load_knowledge().adjective_heads.get(token.lower_, "")
    if not agent or token.dep_ not in PEOPLE_ADJECTIVE_DEPS:
        return ""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_WORDS for c in token.lefts):
        return ""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return "" if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} else agent


INDEFINITE_PEOPLE = _WORDS["indefinite_people"]


def _indefinite_person(ctx: Context, left: int, token: Token) -> bool:
    """Rule `indefinite_person`: "a man", "two women", "several boys", with no definite or possessive
    word before them, are people of no organized role (CVL); "the man" may stand for a named
    official in a chain, and "his wife" is someone's, so those are left to coreference."""
    if token.pos_ != "NOUN" or normalize(token.lemma_) not in INDEFINITE_PEOPLE:
        return False
    before = ctx.doc[left:token.i]
    return not any(t.lower_ in DEFINITE_WORDS or t.dep_ == "poss" or t.tag_ == "PRP$" for t in before)


ROYAL_TITLES = _WORDS["royal_titles"]


def _royal_namesake(ctx: Context, matches: list[Match], head_match: Match | None, name: str | None) -> bool:
    """Rule `royal_namesake`: a royal title before a surname ("King Hussein", "Emir Abdullah")
    names no known person of that surname who never held a royal office (Saddam Hussein)."""
    titles = [normalize(ctx.doc[m.start:m.end].text) for m in matches
              if m is not head_match and m.first({ROLE}) is not None]
    if not any(t in ROYAL_TITLES for t in titles):
        return False
    person = next((p for p in load_knowledge().people if p.name == name), None)
    if person is None:
        return False
    return not any(word in ROYAL_TITLES for o in person.offices for word in o.title.replace(",", " ").split())


THING_NAME_TITLES = _WORDS["thing_name_titles"]


def _named_for_a_title(ctx: Context, left: int, token: Token, matches: list[Match]) -> bool:
    """Rule `thing_named_for_title`: "the" right before a capitalised title and a name ("the Queen
    Mary II", "the President Lincoln") names a thing called after a person (a ship, a building),
    not the person: English sets no article before a title used with a name."""
    if left + 1 >= token.i or ctx.doc[left].lower_ != "the":
        return False
    title = ctx.doc[left + 1]
    if not title.text[:1].isupper() or normalize(title.text) not in THING_NAME_TITLES:
        return False
    if any(m.start <= token.i < m.end and m.first({PERSON}) is not None for m in matches):
        return False  # a name our knowledge holds is the person
    return all(t.pos_ == "PROPN" for t in ctx.doc[left + 2: token.i + 1])


def _of_owner_country(ctx: Context, token: Token) -> str:
    """Country of the person or country an "of" complement of the head names ("the regime of
    Kim Jong Un", "the government of Kenya"); "" when it names none or an organization slot."""
    for obj in _pp_objects(token, OF):
        if obj.pos_ == "PROPN":
            reading, _, _ = read_phrase(ctx, obj)
            if reading is not None and reading.country and reading.country not in ORG_SLOTS:
                return reading.country
    return ""


# Verbs of a relative clause that say what a person heads ("X, who chairs the teachers' union,").
HEADING_VERBS = _WORDS["heading_verbs"]


def _relative_role(ctx: Context, token: Token) -> tuple[str, str] | None:
    """Rule `relative_role`: a person our knowledge lacks, described by a relative clause that
    gives a role ("X, who is a senior police officer,", "X, who was head of the rebels' intelligence
    unit,") or a body headed ("X, who chairs the Kenyan Teachers Association,"): (country, agent),
    the country "" when the clause names none; None when the clause gives no agent."""
    for clause in token.rights:
        if clause.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
            continue
        lemma = clause.lemma_.lower()
        deps = {"attr"} if lemma == "be" else {"dobj"} if lemma in HEADING_VERBS else set()
        for obj in clause.children:
            if obj.dep_ in deps and obj.pos_ in {"NOUN", "PROPN"}:
                reading, _, _ = read_phrase(ctx, obj)
                if reading is None and normalize(obj.lemma_) in GENERIC_HEADS:  # "head of the army unit"
                    of = next(_pp_objects(obj, OF), None)
                    reading = None if of is None else read_phrase(ctx, of)[0]
                if reading is not None and reading.agent and reading.head_kind != PERSON:
                    return reading.country, reading.agent
    return None


def _who_clause(token: Token) -> bool:
    """A relative clause with "who" on the name, or a "for" phrase set off by commas ("X, for the
    Tories, said"): the name is a person's."""
    return any((c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children))
               or (c.dep_ == "prep" and c.lower_ == "for" and token.doc[c.i - 1].text == ",")
               for c in token.rights)


def _spoken_for(ctx: Context, token: Token) -> tuple[str, str, str | None] | None:
    """Rule `speaks_for`: the code of whom a "for" complement of a spokesman names ("a spokesman
    for the UN Secretary-General", "a spokeswoman for the Harlow police"); None when it names no one
    coded."""
    for obj in _pp_objects(token, FOR):
        if obj.pos_ in {"NOUN", "PROPN"}:
            reading, _, _ = read_phrase(ctx, obj)
            if reading is not None and (reading.country or reading.agent):
                return reading.country, reading.agent, reading.name
    return None


def _modifier_place_country(ctx: Context, matches: list[Match], left: int, stop: int) -> str:
    """Rule `place_modifier`: the country of a place the geo stage found among the capitalised
    words before a role or title ("Ohio Gov. X" USA, "Gauteng police" ZAF); "" when none."""
    st = state(ctx)
    for t in ctx.doc[left:stop]:
        if t.pos_ == "PROPN" and t.dep_ in {"compound", "nmod", "amod", "poss"} and not any(m.start <= t.i < m.end for m in matches):
            place = _place_country(ctx, t)
            if place and (place == st.focus or place in st.country_counts or place in st.person_countries):
                return place  # (a place of a country the story is about: "Georgia" is no US state in a story set in Tbilisi)
    return ""


def _generic_titles_only(ctx: Context, matches: list[Match], head_match: Match | None) -> bool:
    """Whether every title among the modifiers is a generic one ("leader", "spokesman")."""
    for m in matches:
        if m is not head_match and m.first({ROLE}) is not None:
            words = normalize(ctx.doc[m.start:m.end].text)
            if words not in GENERIC_HEADS and normalize(ctx.doc[m.end - 1].lemma_) not in GENERIC_HEADS:
                return False
    return True


def _facility_reading(ctx: Context, token: Token, matches: list[Match]) -> PhraseReading | None:
    """Rule `facility_of_agent`: a post, base or checkpoint whose modifier names an agent (a role
    noun, a national organization or armed group) is that agent's ("an Armenian army post" is
    ARMMIL, "a police station" COP); its country comes from the phrase like a role's. None when
    no modifier names an agent (then it is no actor of its own)."""
    agent = _modifier_agent(ctx, matches, None)
    if not agent:
        return None
    r = PhraseReading(agent=agent, agent_explicit=True, head_kind=ROLE)
    r.country, r.name = _modifier_country(ctx, matches, None)
    r.country_from = "modifier" if r.country else ""
    if not r.country:
        r.country, _ = _pp_country(ctx, token)
        r.country_from = "pp" if r.country else ""
    r.name = None
    return r


def _several_parties(ctx: Context, left: int, token: Token) -> bool:
    """Rule `several_parties`: does a plural phrase speak of two or more parties at once ("both
    governments", "the two sides", "all three leaders") in a story where more than one state
    acts? (In a story about one country, "both parties" are that country's.)"""
    if token.tag_ not in {"NNS", "NNPS"}:
        return False  # "both the prime minister and the chancellor": each is coded by itself
    several = False
    before = ctx.doc[left:token.i]
    for k, tok in enumerate(before):
        if tok.lower_ in SEVERAL_PARTIES_WORDS:
            several = True
        elif (tok.like_num and tok.is_alpha and tok.lower_ != "one" and tok.head.i == token.i and k > 0
                and before[k - 1].lower_ in SEVERAL_PARTIES_OPENERS):
            several = True  # "the two sides"; not "the 49 people" nor "the 150-seat legislature"
    return several and sum(1 for n in state(ctx).state_counts.values() if n >= 2) >= 2


def _subnational_namesake(ctx: Context, m: Match, entry: Entry) -> str:
    """Rule `subnational_namesake`: a country name that the geo stage read, from the story's
    context, as a state or province of another country ("Georgia" in a story from Atlanta) names
    that state, not the country: the other country's code ("" when the reading is the country)."""
    regions = ctx.exposed.get("_actors_region_places")
    if regions is None:  # the geo stage's regions, by raw span: most stories have few
        regions = ctx.exposed["_actors_region_places"] = [p for p in ctx.places if p.kind == "region" and p.country]
    if regions:
        s, e = ctx.raw_span(ctx.doc[m.start:m.end])
        for place in regions:
            if place.start <= s and e <= place.end:
                return place.country if place.country != entry.country else ""
    return _story_namesake_regions(ctx).get((normalize(entry.phrase), entry.country), "")


@lru_cache(maxsize=64)
def _demonyms_of(country: str) -> tuple[str, ...]:
    """The nationality words our knowledge holds for a country (lexicon keys), once per process."""
    kb = load_knowledge()
    return tuple(ph for ph, entries in kb.lexicon.items()
                 if any(x.kind == DEMONYM and x.country == country for x in entries))


def _story_namesake_regions(ctx: Context) -> dict[tuple[str, str], str]:
    """(country name, country) -> the country of a region of the same name (`namesake_regions`
    in metonyms.yaml), for a story whose places lie in that other country and none in the named
    country, and which uses no nationality word of it: "Georgia" in a story placed only in US
    towns is the US state. Worked out once per story."""
    found = ctx.exposed.get("_actors_namesakes")
    if found is None:
        found = ctx.exposed["_actors_namesakes"] = {}
        lower = ctx.raw.lower()
        for item in NAMESAKE_REGIONS:
            key = normalize(item["phrase"])
            others = [p for p in ctx.places if normalize(p.text) != key]
            if not any(p.country == item["region_of"] for p in others):
                continue
            if any(p.country == item["country"] for p in others):
                continue
            demonyms = _demonyms_of(item["country"])
            if any(re.search(r"\b" + re.escape(d) + r"\b", lower) for d in demonyms):
                continue
            found[(key, item["country"])] = item["region_of"]
    return found


def _country_before(ctx: Context, matches: list[Match], head_match: Match) -> str:
    """The country a country word, capital or nationality before the head names ("Jordan's",
    "Jordanian"), not one in a stance ("Iran-backed", "pro-Russian"); "" when none."""
    for m in matches:
        if m.end > head_match.start or _stance_prefixed(ctx, m):
            continue
        for e in m.entries:
            if e.kind in {COUNTRY, DEMONYM, CAPITAL} and e.country:
                return e.country
    return ""


def _homonyms_in_order(ctx: Context, head_match: Match, matches: list[Match]) -> list[Entry]:
    """Rule `homonym_organization`: when organizations of different countries share a name
    ("the Workers' Party" of North Korea and of Brazil), the one of the country named before it
    in the phrase comes first, then the one of the country the story names most; otherwise the
    data files' order."""
    orgs = [e for e in head_match.entries if e.kind in {ORG, GROUP} and e.country and e.country not in ORG_SLOTS]
    if len({e.country for e in orgs}) < 2:
        return head_match.entries
    before = _country_before(ctx, matches, head_match)
    counts = state(ctx).country_counts

    def rank(e: Entry) -> tuple[int, float]:
        if e not in orgs:
            return (1, 0.0)
        return (0 if before and e.country == before else 1, -counts.get(e.country, 0))

    return sorted(head_match.entries, key=rank)


def _common_word_of_another_country(ctx: Context, entry: Entry, code: tuple[str, str], matches: list[Match],
                                    head_match: Match) -> bool:
    """Rule `named_organization`: an organization named by a common role word ("Senate",
    "Parliament", "Congress") belongs to the country a country word before it names ("Rwanda's
    Senate", "the Kenyan Parliament"), not to the country a dictionary gives the bare word."""
    if entry.kind != ORG or not code[0] or code[0] in ORG_SLOTS or head_match.first({ROLE}) is None:
        return False
    for m in matches:
        if m.end > head_match.start or _stance_prefixed(ctx, m):
            continue
        for e in m.entries:
            if e.kind in {COUNTRY, DEMONYM, CAPITAL} and e.country:
                return e.country != code[0]
    return False


def _names_city_part(ctx: Context, left: int, start: int) -> bool:
    """Rule `city_part`: a word before a capital that names a part of the city ("East
    Jerusalem", "central Kyiv") makes it a place, not its government."""
    parts = load_knowledge().city_part_words
    return any(normalize(t.text) in parts for t in ctx.doc[left:start])


def _organ_reading(ctx: Context, token: Token, matches: list[Match], head_match: Match | None) -> PhraseReading | None:
    """Rules `organ_of_organization` and `government_body`: a committee or bureau of a named
    organization takes its code ("Labour's National Executive Committee" is the party); a
    capitalised "Executive" after a country or nationality is its government ("the Scottish
    Executive"). None when neither applies: the phrase is read as usual."""
    kb = load_knowledge()
    head_key = normalize(token.lemma_ if token.pos_ == "NOUN" else token.text)
    if head_key not in kb.organ_nouns and normalize(token.text) not in kb.organ_nouns:
        if head_match is None and token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
            return _government_body(ctx, token, matches)  # "Taiwan's Executive Yuan"
        return None
    if head_match is not None and (head_match.start != token.i or head_match.first(NAME_KINDS) is not None):
        return None  # "the European Commission", "chief executive": a name or a longer role
    modifiers = [m for m in matches if m is not head_match and m.end <= token.i and not _stance_prefixed(ctx, m)]
    for m in reversed(modifiers):  # the organization nearest the organ owns it
        for e in m.entries:
            if e.kind in {ORG, GROUP}:
                code = _entry_code(ctx, e)
                if code and code[0] and code[1]:
                    r = PhraseReading()
                    r.country, r.agent, r.country_from = code[0], code[1], "modifier"
                    r.agent_explicit, r.head_kind = True, ROLE
                    return r
    owner = _possessive_role_owner(ctx, modifiers)
    if owner:  # "the three unions' executives" are the unions' (LAB), not business executives
        r = PhraseReading()
        r.agent, r.agent_explicit, r.head_kind = owner, True, ROLE
        return r
    if token.text[:1].isupper() and normalize(token.text) in kb.government_bodies:
        return _government_body(ctx, token, modifiers + [Match(token.i, token.i + 1, [])])
    return None


def _possessive_role_owner(ctx: Context, modifiers: list[Match]) -> str:
    """Rule `organ_of_organization` for a body named by a role noun in the possessive: the agent
    of the nearest possessor ("the union's executive committee" is LAB); "" when there is none."""
    for m in reversed(modifiers):
        role = m.first({ROLE})
        last = ctx.doc[m.end - 1]
        after = ctx.doc[m.end] if m.end < len(ctx.doc) else None
        if role is not None and role.agent and (last.dep_ == "poss" or (after is not None and after.tag_ == "POS")):
            return role.agent
    return ""


def _government_body(ctx: Context, token: Token, matches: list[Match]) -> PhraseReading | None:
    """Rule `government_body`: a body whose name holds a capitalised government-body word
    ("Executive") after a country or nationality is that state's government."""
    kb = load_knowledge()
    body = [m for m in matches if m.end - m.start == 1 and ctx.doc[m.start].text[:1].isupper()
            and normalize(ctx.doc[m.start].text) in kb.government_bodies]
    if not body:
        return None
    country, _ = _modifier_country(ctx, [m for m in matches if m.end <= body[0].start], None)
    if not country or country in ORG_SLOTS:
        return None
    r = PhraseReading()
    r.country, r.agent, r.country_from = country, "GOV", "modifier"
    r.agent_explicit, r.head_kind = True, ROLE
    return r


def _coref_actor(ctx: Context, start: int, end: int, depth: int,
                 exact: bool = False) -> tuple[str, str, str | None] | None:
    """Code a mention through its coreference chain (quotes.coref), when that stage provides one.

    With `exact`, the chain must list this very mention (ending where the phrase ends), so that a
    phrase that merely contains a pronoun ("its territory") does not take the pronoun's referent.
    """
    if depth > 1:
        return None
    try:
        from newsevents.quotes.coref import entity_at
    except Exception:  # the coreference module may not exist yet
        return None
    try:
        entity = entity_at(ctx, start, end)
    except Exception:
        return None
    if entity is None:
        return None
    mentions = getattr(entity, "mentions", None) or []
    if exact and _latest_start_ending_at(ctx, entity, mentions).get(end, -1) < start:
        return None  # no mention of the chain ends here and starts within the phrase
    coded = _first_coded_mention(ctx, entity, mentions, start, end, depth + 1)
    if coded is not None:
        return coded[0], coded[1], getattr(entity, "name", None) or coded[2]
    name = getattr(entity, "name", None)
    if name:
        entries = _knowledge_entries(ctx, name)
        for entry in entries:
            if entry.kind in NAME_KINDS:
                code = _entry_code(ctx, entry)
                if code:
                    return code[0], code[1], entry.name or name
    return None


def token_offsets(ctx: Context) -> tuple[list[int], list[int]] | None:
    """Raw (starts, ends) of every doc token, computed once per context so that the tokens of a
    raw span are found by bisection instead of mapping every token of its sentence per call.
    None when the offsets are not in text order (then callers scan)."""
    cached = ctx.exposed.get("_actors_token_offsets")
    if cached is None:
        starts: list[int] = []
        ends: list[int] = []
        to_raw = ctx.view.to_raw
        for idx, text in zip(_token_idx(ctx), _token_table(ctx).text, strict=True):
            s, e = to_raw(idx, idx + len(text))  # ctx.raw_span(token), without making the token
            starts.append(s)
            ends.append(e)
        ordered = (all(starts[i] <= starts[i + 1] for i in range(len(starts) - 1))
                   and all(s <= e for s, e in zip(starts, ends, strict=True)))
        cached = (starts, ends) if ordered else False
        ctx.exposed["_actors_token_offsets"] = cached
    return cached or None


def _token_idx(ctx: Context) -> list[int]:
    """View offset of every doc token (token.idx), read from the doc's array in one call."""
    from spacy.attrs import IDX

    return ctx.doc.to_array(IDX).tolist() if len(ctx.doc) else []


def _latest_start_ending_at(ctx: Context, entity: Any, mentions: list[tuple[int, int]]) -> dict[int, int]:
    """end offset -> the latest start of a chain mention ending there (once per entity)."""
    cache = ctx.exposed.setdefault("_actors_chain_ends", {})
    found = cache.get(id(entity))
    if found is None or found[0] is not entity:
        ends: dict[int, int] = {}
        for s, e in mentions:
            ends[e] = max(s, ends.get(e, s))
        found = cache[id(entity)] = (entity, ends)
    return found[1]


_UNKNOWN = object()  # a chain mention not coded yet


@dataclass
class _ChainWalk:
    """The codes of one chain's mentions, as far as they have been needed, for one depth and one
    state of what the coder has learned. Every mention of a chain used to be re-coded for every
    other mention of it (quadratic in the chain); now each is coded once and mentions that code
    to nothing are jumped over (`next_open`, with path halving)."""

    entity: Any
    results: list[Any]
    next_open: list[int]

    def open_from(self, i: int) -> int:
        """The first mention at or after i not known to code to nothing."""
        nxt = self.next_open
        while nxt[i] != i:
            nxt[i] = nxt[nxt[i]]
            i = nxt[i]
        return i

    def close(self, i: int) -> None:
        self.next_open[i] = i + 1


def _chain_walk(ctx: Context, entity: Any, size: int, depth: int) -> _ChainWalk:
    cache = ctx.exposed.setdefault("_actors_chain_walks", {})
    key = (id(entity), depth, _learned_size(ctx))
    walk = cache.get(key)
    if walk is None or walk.entity is not entity:
        walk = cache[key] = _ChainWalk(entity, [_UNKNOWN] * size, list(range(size + 1)))
    return walk


def _first_coded_mention(ctx: Context, entity: Any, mentions: list[tuple[int, int]], start: int, end: int,
                         depth: int) -> tuple[str, str, str | None] | None:
    """(country, agent, name) of the first mention of the chain, in chain order, that codes as an
    actor at `depth`, leaving out the mention at [start, end), the mentions containing it and
    those inside picture credits. The same answer as coding the mentions one by one in order."""
    walk = _chain_walk(ctx, entity, len(mentions), depth)
    i = walk.open_from(0)
    while i < len(mentions):
        s, e = mentions[i]
        if (s, e) == (start, end) or (s <= start and end <= e):
            i = walk.open_from(i + 1)
            continue
        result = walk.results[i]
        if result is _UNKNOWN:
            if in_credit(ctx, s) or _modifier_mention(ctx, s, e):
                result = None
            else:
                before = _learned_size(ctx)
                actor = _code_raw_span(ctx, s, e, depth)
                result = None if actor is None else (actor.country, actor.agent, actor.name)
                if _learned_size(ctx) != before:
                    # coding it taught the coder something: the mentions after it are coded
                    # with what it knows now, as the one-by-one walk would
                    walk.results[i] = result
                    if result is not None:
                        return result
                    walk = _chain_walk(ctx, entity, len(mentions), depth)
                    i = walk.open_from(i + 1)
                    continue
            walk.results[i] = result
        if result is None:
            walk.close(i)
            i = walk.open_from(i + 1)
            continue
        return result
    return None


def _modifier_mention(ctx: Context, start: int, end: int) -> bool:
    """A chain mention that only modifies another noun ("U.N. Security Council" in "U.N. Security
    Council sanctions") names no referent for the chain: a misjoined chain must not take its code."""
    root = _span_root(_tokens_in(ctx, start, end))
    return root is not None and root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i > root.i


def _tokens_in(ctx: Context, start: int, end: int) -> list[Token]:
    """The non-space tokens of the sentence at `start` that lie within raw [start, end) (memoized)."""
    cache = ctx.exposed.setdefault("_actors_tokens_in", {})
    key = (start, end)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _find_tokens_in(ctx, start, end)
    return list(found)


def _find_tokens_in(ctx: Context, start: int, end: int) -> list[Token]:
    sent = ctx.sentence_at(start)
    if sent is None:
        return []
    offsets = token_offsets(ctx)
    doc = ctx.doc
    out = []
    if offsets is None:
        for tok in sent.span:
            s, e = ctx.raw_span(tok)
            if start <= s and e <= end and not tok.is_space:
                out.append(tok)
        return out
    starts, ends = offsets
    # starts are in order and no token ends before it starts: a token inside [start, end) starts
    # at or after `start` and no later than `end`
    i = bisect.bisect_left(starts, start, sent.span.start, sent.span.end)
    while i < sent.span.end and starts[i] <= end:
        if ends[i] <= end and not doc[i].is_space:
            out.append(doc[i])
        i += 1
    return out


def _span_root(tokens: list[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    nouny = [t for t in roots if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
    return (nouny or roots or [None])[0]


def _code_raw_span(ctx: Context, start: int, end: int, depth: int = 0, weak: bool = False) -> Actor | None:
    tokens = _tokens_in(ctx, start, end)
    if not tokens:
        return None
    root = _span_root(tokens)
    if root is None:
        return None
    actor = code_token(ctx, root, depth=depth, weak=weak)
    if actor is None:
        return None
    actor.text, actor.start, actor.end = ctx.raw[start:end], start, end
    return actor


def _make_actor(ctx: Context, start_tok: int, end_tok: int, country: str, agent: str,
                name: str | None) -> Actor:
    while start_tok + 1 < end_tok and in_furniture(ctx, ctx.raw_span(ctx.doc[start_tok])[0]):
        start_tok += 1  # "Image caption Protesters": the phrase starts after the furniture
    span: Span = ctx.doc[start_tok:end_tok]
    s, e = ctx.raw_span(span)
    return Actor(text=ctx.raw[s:e], start=s, end=e, country=country, agent=agent, code=country + agent,
                 name=name)


def code_token(ctx: Context, token: Token, depth: int = 0, weak: bool = False) -> Actor | None:
    """Code the noun phrase headed by token (see the module docstring).

    With `weak` (asked by a later stage about a given argument), a phrase that names no actor by
    itself still gets the country of what it belongs to ("the Russian building" -> RUS, "an
    Islamic State target" -> the group) or of the place it names ("Alaska" -> USA).
    """
    # Memoized per context. What the coder has learned so far (people seen with a title, roles
    # placed in a country) only grows, so its size tells whether a cached answer still holds; an
    # answer is reused only when nothing was learned since it was computed. Callers get a copy.
    cache = ctx.exposed.setdefault("_actors_coded", {})
    key = (token.i, depth, weak, _learned_size(ctx))
    if key in cache:
        cached = cache[key]
        return None if cached is None else dataclasses.replace(cached)
    actor = None if depth == 0 and _misparsed_locative(token) else _code_token(ctx, token, depth)
    if actor is None and weak and token.pos_ in {"NOUN", "PROPN"} and not _misparsed_locative(token):
        actor = _weak_actor(ctx, token)
    if _learned_size(ctx) == key[3]:  # coding it taught nothing: the same call gives the same answer
        cache[key] = None if actor is None else dataclasses.replace(actor)
    return actor


def _misparsed_locative(token: Token) -> bool:
    """ "protested outside parliament" parsed with "outside" as a modifier of the noun: the phrase
    is a place in a locative PP all the same, not a party (rule `place_use`)."""
    return any(c.lower_ in MISPARSED_LOCATIVES and c.dep_ in {"advmod", "amod", "compound", "npadvmod", "nmod"}
               and c.i == token.left_edge.i and not c.nbor().like_num for c in token.lefts)


def _learned_size(ctx: Context) -> tuple[bool, int, int, int, int]:
    """How much the document state holds (it only grows): whether it exists, people, role
    countries, titles seen, acronyms."""
    st = ctx.exposed.get("_actors_state")
    if st is None:
        return (False, 0, 0, 0, 0)
    return (True, len(st.people), len(st.role_countries), st.titles_seen, len(st.acronyms))


ACRONYM_RE = re.compile(r"[A-Z][A-Za-z]{0,2}[A-Z]{1,5}")


def _remember_acronym(ctx: Context, token: Token, reading: PhraseReading, right: int) -> None:
    """Rule `acronym_in_parentheses`: an organization's name followed by an acronym in
    parentheses our knowledge lacks ("the Free Citizens Party (FCP)") gives the acronym, in later
    mentions ("FCP leader Jan Smit", "the FCP said"), the name's code."""
    named = reading.head_kind in {ORG, GROUP} or (reading.head_kind == ROLE and token.pos_ == "PROPN" and token.text[:1].isupper())
    if not named or not reading.country or not reading.agent:
        return  # ("the National Miners Union (NMU)": a capitalised role word ends a name too)
    doc = ctx.doc
    at = right if right < len(doc) and doc[right].text == "(" else right - 3  # the parse may hold "(X)" in the phrase
    if at < 0 or at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")" or at + 1 <= token.i:
        return
    acronym = doc[at + 1]
    if ACRONYM_RE.fullmatch(acronym.text) and not find_matches(ctx, acronym.i, acronym.i + 1):
        state(ctx).acronyms.setdefault(acronym.text, (reading.country, reading.agent, reading.name))


def _learned_acronym(ctx: Context, tokens: Any) -> tuple[str, str, str | None] | None:
    """The code an acronym among these tokens was given by rule `acronym_in_parentheses`."""
    acronyms = state(ctx).acronyms
    return next((acronyms[t.text] for t in tokens if t.text in acronyms), None) if acronyms else None


def _weak_actor(ctx: Context, token: Token) -> Actor | None:
    left, right = np_bounds(token)
    matches = find_matches(ctx, left, right)
    for kinds, keep_agent in (({ORG, GROUP, PERSON, SEAT}, True), ({COUNTRY, DEMONYM, CAPITAL, SHORT}, False)):
        for m in matches:
            if _stance_prefixed(ctx, m):
                continue
            for e in m.entries:
                if e.kind in kinds:
                    code = _entry_code(ctx, e)
                    if code and code[0]:
                        return _make_actor(ctx, left, right, code[0], code[1] if keep_agent else "", e.name)
    if token.ent_type_ == "PERSON":
        return None  # a person's name the geo stage took for a place ("Ann") stands for no country
    place = _place_country(ctx, token)
    if place:
        return _make_actor(ctx, left, right, place, "", None)
    placed = _located_in(ctx, token)
    if placed:  # "the refineries in Iran": a thing stands for the country it is in
        return _make_actor(ctx, left, right, placed, "", None)
    return None


# Prepositions that locate a thing in a country for a weak reading ("the refineries in Iran").
WEAK_PLACE_PREPS = _WORDS["weak_place_preps"]


def _located_in(ctx: Context, token: Token) -> str:
    """Country named by a PP under the head that puts it in a country (rule `weak_location`):
    only a country's name, not a town (whose country may be uncertain) nor an organization or
    a person, which are actors of their own."""
    for obj in _pp_objects(token, WEAK_PLACE_PREPS):
        s, e = np_bounds(obj)
        for m in find_matches(ctx, s, e):
            for entry in m.entries:
                if entry.kind == COUNTRY and entry.country:
                    return entry.country
    return ""


PARTITIVE_HEADS = frozenset(_WORDS["partitive_heads"])


def _partitive_members(token: Token) -> Token | None:
    """Rule `partitive_head`: the head of the "of" phrase after a word for a number or a group of
    people ("a group of lawmakers", "dozens of teachers", "a handful of guerrillas"), or None."""
    if token.pos_ not in {"NOUN", "NUM"} or normalize(token.lemma_) not in PARTITIVE_HEADS:
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == token.i + 1), None)
    members = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
    return members if members is not None and members.pos_ in {"NOUN", "PROPN"} and members.tag_ in {"NNS", "NNPS"} else None


def _code_token(ctx: Context, token: Token, depth: int = 0) -> Actor | None:
    if token.tag_ in PRONOUN_TAGS or token.pos_ == "PRON":
        s, e = ctx.raw_span(token)
        found = _coref_actor(ctx, s, e, depth)
        if found is None and depth == 0:
            found = _person_before_in_sentence(ctx, token)
        if found is None or _is_controlling_subject(ctx, token, found, depth):
            return None
        return Actor(text=ctx.raw[s:e], start=s, end=e, country=found[0], agent=found[1],
                     code=found[0] + found[1], name=found[2])
    members = _partitive_members(token)
    if members is not None:  # rule `partitive_head`: "a group of lawmakers" acts as the lawmakers
        found = _code_token(ctx, members, depth)
        if found is not None:
            left, _ = np_bounds(token)
            return _make_actor(ctx, left, members.right_edge.i + 1, found.country, found.agent, found.name)
    if _plain_noun_phrase(ctx, token):
        return None
    reading, left, right = read_phrase(ctx, token)
    own_reading = reading
    # appositions: "the minister's deputy, Ana Ruiz"; "The French envoy to Mali, Ambassador Jean Dupont"
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"}:
            if reading is None and not (token.pos_ == "NOUN" or token.ent_type_ in {"PERSON", "ORG"}):
                continue  # an unknown place does not take its apposition's code (an organization
                # does, rule `organization_apposition`: "Harlow Capital, a Bermuda firm," is BMU BUS)
            if child.left_edge.i > 0 and token.doc[child.left_edge.i - 1].text == "(":
                continue  # "(Reuters)" after a dateline place is a credit, not the same entity
            if token.ent_type_ == "PERSON" and normalize(child.lemma_) in load_knowledge().institution_nouns:
                continue  # a person is not in apposition with an institution: a misparse
            other, _, _ = read_phrase(ctx, child)
            if not _comma_before(child):
                # "the militant group Ansar Dine": a close apposition that is a name is the actor
                if other is not None and other.head_kind in {ORG, GROUP, PERSON} and other.country_from == "name":
                    reading = other
                continue
            reading = _merge(reading, other)
    if own_reading is None and reading is not None and reading.head_kind == ROLE and token.ent_type_ == "PERSON":
        # "John Kamau, a Kenyan lawmaker, said": the role in apposition is this person's, and later
        # mentions of the surname reach the same code (rule `person_apposition`)
        names = [t for t in ctx.doc[left:right] if t.ent_type_ == "PERSON"]
        reading = dataclasses.replace(reading, head_kind=PERSON, name=_text_of(names) or None)
    parenthesis = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == "("
    if (token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN"} and _comma_before(token)
            and not (parenthesis and reading is None)):  # "X (C-R)": a picture position names no one
        other, _, _ = read_phrase(ctx, token.head)
        if reading is None or (not reading.country_from or reading.country_from == "focus"):
            reading = _merge(reading, other)
        else:
            reading = _role_from_apposition(reading, other)
    st = state(ctx)
    if _several_parties(ctx, left, token) and (reading is None or reading.country_from not in {"name", "modifier", "pp"}):
        return None  # "both governments": the phrase's own country words code it, not one party of the story
    if (reading is None or not reading.country) and _may_corefer(ctx, token, left, reading):
        s, e = ctx.raw_span(ctx.doc[left:right])
        found = _coref_actor(ctx, s, e, depth, exact=True)
        if found is not None and found[0]:
            if reading is None:
                reading = PhraseReading(found[0], found[1], found[2], "coref", bool(found[1]))
            else:
                reading.country, reading.country_from = found[0], "coref"
                reading.agent = reading.agent or found[1]
                reading.name = reading.name or found[2]
    if reading is None and _may_corefer(ctx, token, left, None) and normalize(token.lemma_) in GROUP_NOUNS:
        found = _antecedent(ctx, token)
        if found is not None:
            reading = PhraseReading(found[0], found[1], found[2], "anaphor", bool(found[1]), GROUP)
    elif (reading is not None and not reading.country and reading.head_kind == ROLE
          and reading.agent in ARMED_GROUP_AGENTS and normalize(token.lemma_) in GROUP_NOUNS
          and _may_corefer(ctx, token, left, None)):
        # "the militant group" with no chain: the armed group named just before
        found = _antecedent(ctx, token, armed_only=True)
        if found is not None:
            reading.country, reading.country_from, reading.name = found[0], "anaphor", found[2]
            reading.head_kind = GROUP
    if reading is None:
        reading = _body_anaphor(ctx, left, token)
    if reading is None:
        return None
    head_key = normalize(token.lemma_)
    body_word = _body_head(token)[0] if reading.head_kind == ORG and reading.country_from == "modifier" else ""
    if body_word:  # remembered for rule `body_anaphor`
        entry = (left, body_word, reading.country, reading.agent)
        if entry not in st.named_bodies:
            st.named_bodies.append(entry)
    if reading.head_kind == ROLE and reading.country_from not in {"modifier", "pp", "name"} and depth == 0:
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}), None)
        found = None if owner is None else _code_token(ctx, owner, depth + 1)
        if found is not None and found.agent in BODY_OFFICER_OWNERS:
            # rule `body_officer`: "the league's chief executive" speaks for the league, no business
            reading.country, reading.agent, reading.country_from = found.country, found.agent, "coref"
    if (not reading.country and reading.head_kind == ROLE and head_key in st.role_countries
            and _definite(ctx, left, token)):
        # "the activists" after "activists in South Korea"; a bare "companies" is generic
        reading.country, reading.country_from = st.role_countries[head_key], "anaphor"
    if not reading.country and reading.head_kind == ROLE and reading.agent in SAME_AGENT_ANAPHOR and _definite(ctx, left, token):
        earlier = [c for i, c in st.agent_countries.get(reading.agent, []) if i < left]
        if earlier:  # rule `same_agent_anaphor`: "the company" after "a Bermuda insurance firm"
            reading.country, reading.country_from = earlier[-1], "anaphor"
    if not reading.country and reading.head_kind == ROLE and depth == 0:
        owner = next((c for c in token.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
        if owner is not None and _named_before_in_sentence(ctx, owner):
            # "Abe said his government...": the possessor's country, when the sentence names it
            found = _code_token(ctx, owner, depth + 1)
            if found is not None and found.country and found.country not in ORG_SLOTS:
                reading.country, reading.country_from = found.country, "coref"
    if not reading.country and reading.head_kind == ROLE:
        titled = _titled_country(ctx, left, token)
        if titled:  # "the president's office" after "South Korean President Moon"
            reading.country, reading.country_from = titled, "anaphor"
            if titled in ORG_SLOTS and titled in st.slot_agents:  # "the secretary-general": IGO + UNO
                reading.agent = st.slot_agents[titled]
    if reading.head_kind == PERSON and reading.country_from in {"modifier", "name"} and reading.country:
        _remember_titles(ctx, left, right, reading.country)
        if reading.country in ORG_SLOTS and reading.agent:
            st.slot_agents[reading.country] = reading.agent
    if reading.head_kind == ROLE and reading.country_from in {"modifier", "pp"}:
        st.role_countries.setdefault(head_key, reading.country)
    if (reading.agent in SAME_AGENT_ANAPHOR and reading.country_from in {"modifier", "pp", "name"}
            and (left, reading.country) not in st.agent_countries.get(reading.agent, [])):
        st.agent_countries.setdefault(reading.agent, []).append((left, reading.country))
        st.agent_countries[reading.agent].sort()
    if not reading.country and reading.head_kind == ROLE and _weapon_head(ctx, token):
        return None  # "airstrikes" alone: whose they are is for the events stage to say (not where they fell)
    attacker = reading.head_kind == ROLE and not reading.agent and _attacker_head(ctx, left, token)
    if not reading.country and reading.head_kind == ROLE and (reading.agent or attacker):
        place = _sentence_place_country(ctx, token)
        if place and place not in _goal_countries(ctx, token):  # "Troops moved into Syria": not Syria's
            reading.country, reading.country_from = place, "place"
    if attacker and not reading.country:  # rule `attacker_noun`: where the story's attacks happen, else no one's
        earlier = st.role_countries.get(ATTACKER_KEY, "") if _definite(ctx, left, token) else ""
        reading.country, reading.country_from = earlier or _story_ground(ctx), "place"
        if not reading.country:
            return None
    if attacker:  # "the attacker" later in the story is the one placed before
        st.role_countries.setdefault(ATTACKER_KEY, reading.country)
    if not reading.country and reading.head_kind == ROLE and normalize(ctx.doc[left:right].text.lower()) in HOME_FORCES:
        home = _story_ground(ctx)  # rule `home_forces`: "security forces" of the country where the story happens
        if home and home not in _goal_countries(ctx, token):
            reading.country, reading.country_from = home, "place"
    if not reading.country:
        goals = _goal_countries(ctx, token) if reading.head_kind == ROLE else set()
        if reading.head_kind == ROLE and reading.agent in STATE_AGENTS and st.state_focus not in goals | {None}:
            reading.country, reading.country_from = st.state_focus, "focus"
        elif reading.head_kind == ROLE and reading.agent in ARMED_GROUP_AGENTS and _story_ground(ctx) not in goals | {""}:
            # rule `armed_group_ground`: "the militants" fight where the story's places lie, not in
            # the country the story is told from ("Washington weighs arming the rebels")
            reading.country, reading.country_from = _story_ground(ctx), "place"
        elif reading.head_kind == ROLE and reading.agent and st.focus and st.focus not in goals:
            reading.country, reading.country_from = st.focus, "focus"
        elif reading.head_kind == ROLE and goals:
            return None  # "The minister will visit Kenya": no Kenyan minister; whose it is, unknown
        elif reading.head_kind == PERSON and st.focus and reading.agent:
            reading.country, reading.country_from = st.focus, "focus"
        else:
            return None
    if reading.head_kind == PERSON and reading.name:
        tokens = list(ctx.doc[left:right])
        _remember_person(ctx, tokens, reading.country, reading.agent, reading.name)
    _remember_acronym(ctx, token, reading, right)
    return _make_actor(ctx, left, right, reading.country, reading.agent, reading.name)


HOME_FORCES = frozenset(_WORDS["home_forces"])
SAME_AGENT_ANAPHOR = frozenset(_WORDS["same_agent_anaphor_agents"])
ARMED_UNIT_HEADS = frozenset(_WORDS["armed_unit_heads"])
BODY_OFFICER_OWNERS = frozenset(_WORDS["body_officer_owners"])


def _body_anaphor(ctx: Context, left: int, token: Token) -> PhraseReading | None:
    """Rule `body_anaphor`: "the forum", "the association" in lower case after a civic body named
    with that word ("the Karoo Water Forum") is that body; None when none was named before."""
    if token.pos_ != "NOUN" or not _definite(ctx, left, token):
        return None
    word = normalize(token.lemma_)
    if word not in BODY_HEADS and word not in BODY_HEAD_AGENTS:
        return None
    found = [b for b in state(ctx).named_bodies if b[0] < left and b[1] == word]
    if not found:
        return None
    _, _, country, agent = max(found)
    return PhraseReading(country, agent, None, "anaphor", True, ORG)


INTERNATIONAL_COURT_WORDS = frozenset(_WORDS["international_court_words"])


def _international_court(ctx: Context, left: int, right: int) -> bool:
    """Rule `international_court`: a court or tribunal named as international is no country's."""
    return any(t.lower_ in INTERNATIONAL_COURT_WORDS for t in ctx.doc[left:right])


ATTACKER_KEY = "<attacker>"  # st.role_countries key of the first placed attacker (rule `attacker_noun`)


def _attacker_head(ctx: Context, left: int, token: Token) -> bool:
    """Rule `attacker_noun`: the phrase is headed by a noun for people named only by their attack
    ("a gunman", "the suicide bombers"), who take no country of the story's focus."""
    heads = load_knowledge().attacker_heads
    words = normalize(ctx.doc[left:token.i + 1].text)
    return (normalize(token.lemma_) in heads or normalize(token.text) in heads
            or any(words.endswith(" " + h) for h in heads))


def _story_ground(ctx: Context) -> str:
    """Rule `home_forces`: the one country where the story's places lie, counting only places
    named after a locative preposition ("in Bujumbura", "near the border town of X"), not the
    dateline nor a capital speaking for its government ("Washington said"), and only countries
    the story also names by a country word; "" when two countries tie or none is named so.
    Worked out once per story."""
    found = ctx.exposed.get("_actors_story_ground")
    if found is None:
        counts: Counter[str] = Counter()
        starts = {ctx.raw_span(t)[0]: t for t in ctx.doc} if ctx.places else {}
        for place in ctx.places:
            tok = starts.get(place.start)
            if tok is None or not place.country or tok.i == 0:
                continue
            prev = ctx.doc[tok.i - 1]
            if prev.lower_ == "the" and tok.i > 1:
                prev = ctx.doc[tok.i - 2]
            if prev.lower_ in LOCATIVE_PREPS or prev.lower_ in PLACE_PART_PREPS and prev.head.lower_ in PLACE_PART_NOUNS:
                counts[place.country] += 1
        named = state(ctx).country_counts  # a town the story never ties to its country by name may be misplaced
        counts = Counter({c: n for c, n in counts.items() if named.get(c)})
        ranked = counts.most_common(2)
        found = "" if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]) else ranked[0][0]
        ctx.exposed["_actors_story_ground"] = found
    return found


PERSON_PRONOUNS = _WORDS["person_pronouns"]


def _person_before_in_sentence(ctx: Context, pronoun: Token) -> tuple[str, str, str | None] | None:
    """Rule `pronoun_in_sentence`: a personal pronoun no coreference chain resolves ("police have
    held Lina Haddad since arresting her") is the nearest person named before it in its sentence."""
    if pronoun.tag_ != "PRP" or pronoun.lower_ not in PERSON_PRONOUNS:
        return None
    for tok in reversed(list(pronoun.sent[: pronoun.i - pronoun.sent.start])):
        if tok.pos_ == "PROPN" and tok.dep_ not in INNER_NAME_DEPS:
            reading, _, _ = read_phrase(ctx, tok)
            if reading is not None and reading.head_kind == PERSON and reading.country:
                return reading.country, reading.agent, reading.name
    return None


# Dependencies of name tokens inside a longer name ("Lina" in "Lina Haddad").
INNER_NAME_DEPS = {"compound", "flat"}
OBJECT_CONTROL_VERBS = frozenset(_WORDS["object_control_verbs"])
OBJECT_DEPS = {"dobj", "iobj", "dative"}


def _is_controlling_subject(ctx: Context, pronoun: Token, found: tuple[str, str, str | None], depth: int) -> bool:
    """Rule `object_pronoun`: the object of "ask", "tell", "urge" ("the judge urged her to explain
    why she ...") is someone other than the verb's subject, and so is a subject pronoun inside the
    infinitive the pronoun object controls: True when `found` is that subject's code. ("The
    minister told reporters that he would resign": a noun object controls no "he".)"""
    if pronoun.lower_.endswith(("self", "selves")) or depth > 0:
        return False
    verb, node = None, pronoun
    while node.head.i != node.i:
        if node.head.lemma_.lower() in OBJECT_CONTROL_VERBS and (
                node.dep_ in OBJECT_DEPS or (node.dep_ == "xcomp" and pronoun.dep_ in {"nsubj", "nsubjpass"}
                                             and any(c.dep_ in OBJECT_DEPS and c.tag_ == "PRP" for c in node.head.children))):
            verb = node.head
            break
        node = node.head
    subject = None if verb is None else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    other = _code_token(ctx, subject, depth + 1)
    return other is not None and (other.country, other.agent) == found[:2] and (
        not other.name or not found[2] or other.name == found[2])


def _plain_noun_phrase(ctx: Context, token: Token) -> bool:
    """A noun phrase that the rules below leave uncoded, told cheaply: no lexicon match in
    the phrase (with the extensions `read_phrase` makes), no person, no apposition either way,
    and nothing a chain or the group anaphor could resolve. Most nouns of a story ("talks",
    "the border") are such phrases; the full reading gives them None too."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ == "PERSON" or token.dep_ == "appos":
        return False  # (a name not of our knowledge is read as a person only with a PERSON tag or a title)
    if people_adjective_agent(token) or normalize(token.lemma_) in INDEFINITE_PEOPLE:
        return False  # "the homeless", tagged a noun (rule `people_adjective`); "a man" (`indefinite_person`)
    if any(child.dep_ == "appos" for child in token.rights) or (token.pos_ == "PROPN" and _who_clause(token)):
        return False  # (rule `relative_role`: "X, who chairs the union,")
    if _body_head(token)[0]:
        return False  # "the Harlow Gazette", "the Kenyan Farmers Association" (rule `named_body`)
    if token.pos_ == "NOUN" and normalize(token.lemma_) in {body_word for _, body_word, _, _ in state(ctx).named_bodies}:
        return False  # "the association" after one was named (rule `body_anaphor`)
    if (token.pos_ == "PROPN" or _remembered_name(ctx, token)) and normalize(token.text) in state(ctx).people.keys() | state(ctx).copular.keys():
        return False  # a name the story describes elsewhere (rule `described_person`)
    left, right = np_bounds(token)
    right = _name_extension(ctx, token, left, _of_extension(ctx, token, left, right))
    if _learned_acronym(ctx, ctx.doc[left:right]) is not None:
        return False  # an acronym the story defined (rule `acronym_in_parentheses`)
    return not find_matches(ctx, left, right) and not _may_corefer(ctx, token, left, None)


def _definite(ctx: Context, left: int, token: Token) -> bool:
    """Does the phrase open with a definite determiner ("the", "these") that refers back?"""
    return any(t.lower_ in DEFINITE_WORDS for t in ctx.doc[left:token.i])


def _title_words(ctx: Context, start: int, end: int) -> list[tuple[int, str]]:
    """(token index, lemma) of the one-word role nouns among doc tokens [start, end)."""
    kb = load_knowledge()
    out = []
    for tok in ctx.doc[start:end]:
        if tok.pos_ in {"NOUN", "PROPN"}:
            key = normalize(tok.lemma_ if tok.pos_ == "NOUN" else tok.text)
            if any(e.kind == ROLE and e.agent for e in kb.lexicon.get(key, [])):
                out.append((tok.i, key))
    return out


def _remember_titles(ctx: Context, left: int, right: int, country: str) -> None:
    """Rule `title_anaphor`: a person named with a nationality and a title teaches whose that
    title is at this point of the story."""
    st = state(ctx)
    for i, key in _title_words(ctx, left, right):
        pos = ctx.raw_span(ctx.doc[i])[0]
        seen = st.titles.setdefault(key, [])
        if (pos, country) not in seen:
            seen.append((pos, country))
            st.titles_seen += 1


def _titled_country(ctx: Context, left: int, token: Token) -> str:
    """Country of the latest person named before this phrase with one of its role words as title."""
    st = state(ctx)
    if not st.titles:
        return ""
    here = ctx.raw_span(ctx.doc[left])[0]
    best: tuple[int, str] = (-1, "")
    for _, key in _title_words(ctx, left, token.i + 1):
        for pos, country in st.titles.get(key, []):
            if best[0] < pos < here:
                best = (pos, country)
    return best[1]


# Nouns that stand for a state in a chain ("the country said", "the two nations"): rule `state_anaphor`.
STATE_NOUNS = _WORDS["state_nouns"]
GROUP_NOUNS = _WORDS["group_nouns"]


# Agents of armed non-state groups: "the militant group" refers back to an armed group only.
ARMED_GROUP_AGENTS = _WORDS["armed_group_agents"]


def _antecedent(ctx: Context, token: Token, armed_only: bool = False) -> tuple[str, str, str | None] | None:
    """ "The group" with no coreference chain: the nearest organization or armed group named in
    this or the two sentences before (rule `group_anaphor`); with `armed_only`, the nearest armed
    group ("the militant group")."""
    sent = sentence_of_token(ctx, token)
    if sent is None:
        return None
    for index in range(sent.index, max(-1, sent.index - 3), -1):
        span = ctx.sentences[index].span
        end = min(span.end, token.i) if index == sent.index else span.end
        for m in reversed(find_matches(ctx, span.start, end)):
            for e in m.entries:
                if e.kind == GROUP or (e.kind == ORG and not armed_only):
                    code = _entry_code(ctx, e)
                    if code and code[0] and code[1] != "MED":  # "Reuters reported. The group said": not Reuters
                        return code[0], code[1], e.name
                if (e.kind == ROLE and e.agent in ARMED_GROUP_AGENTS and m.end - 1 != token.i
                        and normalize(ctx.doc[m.end - 1].lemma_) in GROUP_NOUNS):
                    # "the militant group in Syria ... the group's leaders": a group named by its role
                    named = _code_token(ctx, ctx.doc[m.end - 1], 1)
                    if named is not None and named.country:
                        return named.country, named.agent, named.name
    return None


def _named_before_in_sentence(ctx: Context, pronoun: Token) -> bool:
    """Does the pronoun's coreference chain have a non-pronoun mention earlier in its sentence?
    (Chains that reach further back are too often misjoined to lend a country.)"""
    try:
        from newsevents.quotes.coref import entity_at
        s, e = ctx.raw_span(pronoun)
        entity = entity_at(ctx, s, e)
    except Exception:
        return False
    if entity is None:
        return False
    sent = pronoun.sent
    first, _ = ctx.raw_span(sent)
    for ms, me in getattr(entity, "mentions", None) or []:
        if first <= ms and me <= s:
            tokens = _tokens_in(ctx, ms, me)
            if tokens and not all(t.pos_ == "PRON" for t in tokens):
                return True
    return False


def _weapon_head(ctx: Context, token: Token) -> bool:
    """Is the head a weapon or attack noun, alone or with the word before it ("air strike")?"""
    kb = load_knowledge()
    words = [token.text, token.lemma_]
    if token.i > 0:
        before = ctx.doc[token.i - 1]
        words += [f"{before.text} {token.text}", f"{before.text} {token.lemma_}"]
    return any(normalize(w) in kb.explicit_country_only for w in words)


def _may_corefer(ctx: Context, token: Token, left: int, reading: PhraseReading | None) -> bool:
    """Which phrases may take their code from a coreference chain: definite common-noun phrases
    ("the group", "the two countries") and bare person names ("Kim")."""
    if token.pos_ == "NOUN":
        lemma = normalize(token.lemma_)
        actor_like = (lemma in GROUP_NOUNS or lemma in STATE_NOUNS
                      or any(e.kind == ROLE for e in _knowledge_entries(ctx, token.lemma_)))
        return actor_like and any(t.lower_ in DEFINITE_WORDS for t in ctx.doc[left:token.i])
    if token.pos_ == "PROPN":
        return token.ent_type_ == "PERSON" and token.i - left <= 1
    return False


def _comma_before(token: Token) -> bool:
    left = token.left_edge.i
    return left > 0 and token.doc[left - 1].text in {",", "(", "--", "—", "–"}


def _role_from_apposition(person: PhraseReading, role: PhraseReading | None) -> PhraseReading:
    """ "The French envoy to Mali, Ambassador Jean Dupont": the role the text gives a person in
    apposition is their role in this story, over the office our knowledge dates (rule
    `person_apposition`)."""
    if role is not None and role.former and person.head_kind == PERSON and person.country_from == "name" and person.agent:
        return person  # "Jacob Zuma, a former activist,": what he was does not undo the office he holds
    if (role is not None and person.head_kind == PERSON and role.head_kind == ROLE and role.agent
            and role.agent_explicit and (not role.country or role.country == person.country)):
        out = PhraseReading(**person.__dict__)
        out.agent = role.agent
        return out
    return person


def _merge(a: PhraseReading | None, b: PhraseReading | None) -> PhraseReading | None:
    """Combine a head reading with an apposition's: explicit parts win over inferred ones."""
    if a is None:
        return b
    if b is None:
        return a
    a = _role_from_apposition(a, b)
    out = PhraseReading(**a.__dict__)
    if (not out.country or out.country_from in {"focus", ""}) and b.country:
        out.country, out.country_from = b.country, b.country_from
    if b.head_kind == PERSON and b.country_from == "name" and a.head_kind == ROLE and not a.country_from == "modifier":
        out.country = b.country
    if not out.agent_explicit and b.agent:
        out.agent, out.agent_explicit = b.agent, b.agent_explicit
    if b.head_kind == PERSON and b.name:
        out.name = b.name
        if b.country_from == "name" and b.agent and (not a.agent or a.agent == "GOV"):
            out.agent = b.agent
    return out


def is_place_use(token: Token, actor: Actor, kinds: set[str]) -> bool:
    """A country, capital or place phrase inside a locative PP ("in Seoul", "in the capital") is
    a place, not an actor; people, roles and organizations there stay actors."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "in Iraq or Syria": Syria is in the PP too
    locative = first.dep_ == "pobj" and first.head.lower_ in LOCATIVE_PREPS
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() in PLACE_PART_NOUNS:
        part = first.head.head  # "in the heart of London", "near the city of Ramallah": the part's PP places it
        locative = part.dep_ == "pobj" and part.head.lower_ in LOCATIVE_PREPS
    if kinds & {ROLE, PERSON, ORG, GROUP, DEMONYM}:
        return False
    if locative:
        return True
    return bool(kinds & {COUNTRY, CAPITAL, SHORT, SEAT}) and token.dep_ in {"npadvmod"}


def head_kinds(ctx: Context, token: Token) -> set[str]:
    left, right = np_bounds(token)
    return {e.kind for m in find_matches(ctx, left, right) if m.start <= token.i < m.end for e in m.entries}


def option_dates(ctx: Context) -> dt.date | None:
    return ctx.published


def describe(actor: Actor | None) -> dict[str, Any] | None:
    return None if actor is None else {"text": actor.text, "code": actor.code, "name": actor.name}
