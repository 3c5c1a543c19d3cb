"""Actors stage: every actor mention coded as CAMEO country + agent type.

Exposes to later stages (agreed interface):
- `actor_for_span(ctx, start, end)`: code the mention at a raw span (noun phrase, name, pronoun
  via coreference, capital as metonym);
- `actor_for_token(ctx, token)`: code the noun phrase headed by a spaCy token;
- `actor_for_name(ctx, name)`: code a speaker name string (a quote's speaker).
`run(ctx)` fills `ctx.actors` with the coded mentions of body, caption, title and standfirst
sentences. Knowledge lives in `data/` (see `knowledge.py`); user PETRARCH dictionaries given as
`ctx.options["actor_dictionaries"]` are read by `petrarch_dictionaries.py`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from newsevents.actors.code import (
    DATELINE_RE,
    DEMONYM,
    LEXICAL_ZONES,
    NAME_KINDS,
    PERSON,
    ROLE,
    _code_raw_span,
    _entry_code,
    _knowledge_entries,
    _learned_size,
    _surname_person,
    code_token,
    credit_start,
    head_kinds,
    in_furniture,
    is_place_use,
    modifier_countries,
    people_adjective_agent,
    state,
)
from newsevents.actors.knowledge import GROUP, ORG, SEAT, load_knowledge, normalize, phrase_words
from newsevents.reading import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.pipeline import Context

# Entity types of amounts, which are never actors ("500 million dollars" misparsed as an apposition).
AMOUNT_ENTITIES = {"MONEY", "PERCENT", "QUANTITY"}
# Dependencies of tokens that are parts of a larger noun phrase, not heads of their own.
INNER_DEPS = {"compound", "poss", "amod", "nmod", "flat", "det", "case", "nummod"}


def run(ctx: Context) -> None:
    """Fill ctx.actors with every coded actor mention, in text order."""
    state(ctx)
    seen: set[tuple[int, int, str]] = set()
    actors: list[Actor] = []
    for sent in ctx.sentences:
        if sent.zone not in LEXICAL_ZONES:
            continue
        stop = credit_start(ctx, sent)
        for tok in sent.span:
            if tok.pos_ not in {"NOUN", "PROPN", "PRON"} and not people_adjective_agent(tok):
                continue  # (rule `people_adjective`: "the unemployed")
            if tok.dep_ in INNER_DEPS or tok.ent_type_ in AMOUNT_ENTITIES:
                continue
            if ctx.raw_span(tok)[0] >= stop or _in_boilerplate(ctx, tok):
                continue
            if tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text == "-" and not tok.whitespace_:
                continue  # the first part of a hyphenated modifier ("military-ruled")
            try:
                actor = code_token(ctx, tok)
                if actor is None or is_place_use(tok, actor, head_kinds(ctx, tok)):
                    continue
            except (IndexError, KeyError, ValueError, AttributeError, TypeError):
                continue  # one unreadable phrase must not cost the article its other actors
            variants = [actor]
            for country in modifier_countries(ctx, tok)[1:]:  # "US and British activists": one per country
                if actor.country != country and not actor.name:
                    variants.append(dataclasses.replace(actor, country=country, code=country + actor.agent))
            for variant in variants:
                key = (variant.start, variant.end, variant.code)
                if key not in seen:
                    seen.add(key)
                    actors.append(variant)
    actors.sort(key=lambda a: (a.start, a.end))
    ctx.actors = actors


def _in_boilerplate(ctx: Context, tok: Token) -> bool:
    """Page furniture and the dateline ("GAZA CITY, Palestinian Territories:") hold no actors."""
    s, _ = ctx.raw_span(tok)
    if any(b.start <= s < b.end for b in ctx.document.boilerplate) or in_furniture(ctx, s):
        return True
    dateline = ctx.document.dateline
    if dateline:
        pos = _dateline_offset(ctx, dateline)
        if pos >= 0 and pos <= s < pos + len(dateline):
            return True
    sent = ctx.sentence_at(s)
    if sent is not None and sent.zone == "body":
        return s < _opening_dateline_end(ctx, sent)
    return False


def _opening_dateline_end(ctx: Context, sent: Any) -> int:
    """Raw end of a dateline opening the body at this sentence (-1 if none); once per sentence."""
    cache = ctx.exposed.setdefault("_actors_dateline_ends", {})
    found = cache.get(sent.index)
    if found is None:
        m = DATELINE_RE.match(ctx.raw, sent.start, sent.end)
        opens_body = sent.index == 0 or ctx.sentences[sent.index - 1].zone != "body"
        found = cache[sent.index] = m.end() if m and opens_body else -1
    return found


def _dateline_offset(ctx: Context, dateline: str) -> int:
    """Raw offset of the dateline in the body (-1 if absent), searched once per context."""
    pos = ctx.exposed.get("_actors_dateline_offset")
    if pos is None:
        body_start = ctx.document.body.get("start", 0) if ctx.document.body else 0
        pos = ctx.exposed["_actors_dateline_offset"] = ctx.raw.find(dateline, body_start)
    return pos


def actor_for_token(ctx: Context, token: Token) -> Actor | None:
    """Code the noun phrase headed by token (subtree, compounds, appositions, coreference)."""
    if _in_boilerplate(ctx, token):
        return None
    return code_token(ctx, token, weak=True)


def actor_for_span(ctx: Context, start: int, end: int) -> Actor | None:
    """Code the mention at raw [start, end): a noun phrase, a name, a pronoun, a capital."""
    found = _actor_index(ctx).get((start, end))
    if found is not None:
        return dataclasses.replace(found)
    actor = _code_raw_span(ctx, start, end, weak=True)
    if actor is not None:
        return actor
    return _code_name_string(ctx, ctx.raw[start:end], start, end)


def _actor_index(ctx: Context) -> dict[tuple[int, int], Actor]:
    """(start, end) -> the first coded mention there, rebuilt only when ctx.actors changes (a scan
    of every actor per question from the events stage was quadratic)."""
    cached = ctx.exposed.get("_actors_index")
    if cached is None or cached[0] is not ctx.actors or cached[1] != len(ctx.actors):
        index: dict[tuple[int, int], Actor] = {}
        for actor in ctx.actors:
            index.setdefault((actor.start, actor.end), actor)
        cached = ctx.exposed["_actors_index"] = (ctx.actors, len(ctx.actors), index)
    return cached[2]


def actor_for_name(ctx: Context, name: str) -> Actor | None:
    """Code a name string such as a quote's speaker ("Korean Central News Agency", "Moon").
    Memoized per context like code_token: reused only while the coder has learned nothing new."""
    name = (name or "").strip()
    if not name:
        return None
    cache = ctx.exposed.setdefault("_actors_by_name", {})
    key = (name, _learned_size(ctx))
    if key in cache:
        return None if cache[key] is None else dataclasses.replace(cache[key])
    actor = _actor_for_name(ctx, name)
    if _learned_size(ctx) == key[1]:
        cache[key] = None if actor is None else dataclasses.replace(actor)
    return actor


def _actor_for_name(ctx: Context, name: str) -> Actor | None:
    pos = ctx.raw.find(name)
    while pos >= 0:
        sent = ctx.sentence_at(pos)
        if sent is not None and sent.zone in LEXICAL_ZONES:
            actor = _code_raw_span(ctx, pos, pos + len(name))
            if actor is not None:
                return actor
        pos = ctx.raw.find(name, pos + 1)
    return _code_name_string(ctx, name, 0, 0)


def _code_name_string(ctx: Context, name: str, start: int, end: int) -> Actor | None:
    """Code a bare string against the knowledge, without a parse (a speaker string that is not
    verbatim in the text): longest matches over its words, read as title + name or as a
    nationality + role ("South Korean president's office" -> KOR GOV)."""
    words = [w for w in re.findall(r"[\w'’.-]+", name) if w]
    matches = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 7), i, -1):
            text = " ".join(words[i:j])
            entries = _knowledge_entries(ctx, text)
            if not entries and text.endswith(("s", "'s", "’s")):
                entries = _knowledge_entries(ctx, re.sub(r"(?:'s|’s|s)$", "", text))
            if entries:
                matches.append(entries)
                i = j
                break
        else:
            i += 1
    if not matches:
        known = _surname_person(ctx, [_Word(w) for w in words]) if words else None  # type: ignore[list-item]
        if known and known[0]:
            return Actor(name, start, end, known[0], known[1], known[0] + known[1], known[2])
        return None
    for entries in matches:  # a person or organization named in the string is the actor
        for entry in entries:
            if entry.kind in {PERSON, ORG, GROUP, SEAT}:
                code = _entry_code(ctx, entry)
                if code and code[0]:
                    return Actor(name, start, end, code[0], code[1], code[0] + code[1], entry.name)
    country, agent, found_role = "", "", False
    for entries in matches:
        for entry in entries:
            if entry.kind in NAME_KINDS | {DEMONYM} and not country:
                code = _entry_code(ctx, entry)
                if code and code[0]:
                    country = code[0]
                    if entry.kind in NAME_KINDS:
                        agent = agent or code[1]
            if entry.kind == ROLE:
                found_role = True
                role_agent = load_knowledge().role_overrides.get(normalize(entry.phrase), entry.agent)
                agent = role_agent if role_agent or not agent else agent
    if found_role and not country and agent:
        country = state(ctx).focus or ""
    if not country or (found_role and not agent and name.strip().lower().endswith(tuple(phrase_words()["topic_speaker_heads"]))):
        return None
    return Actor(name, start, end, country, agent, country + agent, None)


class _Word:
    """A stand-in token for the surname lookup, which needs only .text."""

    def __init__(self, text: str) -> None:
        self.text = text


__all__ = ["actor_for_name", "actor_for_span", "actor_for_token", "run"]
