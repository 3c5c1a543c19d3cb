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
from typing import TYPE_CHECKING

from newsevents.actors.code import (
    DATELINE_RE,
    LEXICAL_ZONES,
    NAME_KINDS,
    _code_raw_span,
    _entry_code,
    _knowledge_entries,
    _surname_person,
    code_token,
    credit_start,
    head_kinds,
    is_place_use,
    modifier_countries,
    state,
)
from newsevents.reading import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.pipeline import Context

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
            if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.dep_ in INNER_DEPS:
                continue
            if ctx.raw_span(tok)[0] >= stop or _in_boilerplate(ctx, tok):
                continue
            if tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text == "-" and not tok.whitespace_:
                continue  # the first part of a hyphenated modifier ("military-ruled")
            actor = code_token(ctx, tok)
            if actor is None or is_place_use(tok, actor, head_kinds(ctx, tok)):
                continue
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
    if any(b.start <= s < b.end for b in ctx.document.boilerplate):
        return True
    dateline = ctx.document.dateline
    body_start = ctx.document.body.get("start", 0) if ctx.document.body else 0
    if dateline:
        pos = ctx.raw.find(dateline, body_start)
        if pos >= 0 and pos <= s < pos + len(dateline):
            return True
    sent = ctx.sentence_at(s)
    if sent is not None and sent.zone == "body":
        m = DATELINE_RE.match(ctx.raw, sent.start, sent.end)
        if m and s < m.end() and (sent.index == 0 or ctx.sentences[sent.index - 1].zone != "body"):
            return True
    return False


def actor_for_token(ctx: Context, token: Token) -> Actor | None:
    """Code the noun phrase headed by token (subtree, compounds, appositions, coreference)."""
    if _in_boilerplate(ctx, token):
        return None
    return code_token(ctx, token, weak=True)


def actor_for_span(ctx: Context, start: int, end: int) -> Actor | None:
    """Code the mention at raw [start, end): a noun phrase, a name, a pronoun, a capital."""
    for actor in ctx.actors:
        if actor.start == start and actor.end == end:
            return dataclasses.replace(actor)
    actor = _code_raw_span(ctx, start, end, weak=True)
    if actor is not None:
        return actor
    return _code_name_string(ctx, ctx.raw[start:end], start, end)


def actor_for_name(ctx: Context, name: str) -> Actor | None:
    """Code a name string such as a quote's speaker ("Korean Central News Agency", "Moon")."""
    name = (name or "").strip()
    if not name:
        return None
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
    """Code a bare string against the knowledge (no parse): a name, an org, a known surname."""
    text = name.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    for entry in _knowledge_entries(ctx, text):
        if entry.kind in NAME_KINDS:
            code = _entry_code(ctx, entry)
            if code and code[0]:
                return Actor(name, start, end, code[0], code[1], code[0] + code[1], entry.name)
    words = text.split()
    if words:
        class _Tok:  # the surname lookup needs only .text
            def __init__(self, t: str) -> None:
                self.text = t

        known = _surname_person(ctx, [_Tok(w) for w in words])  # type: ignore[list-item]
        if known and known[0]:
            return Actor(name, start, end, known[0], known[1], known[0] + known[1], known[2])
    return None


__all__ = ["actor_for_name", "actor_for_span", "actor_for_token", "run"]
