"""The Reading model: the one JSON object every stage fills in (see reading-format.md).

Plain dataclasses so that stages can build them cheaply; `to_dict` gives the JSON contract.
Optional fields that "apply only where they apply" (a time's `mod`, a place's `geonameid`)
are dropped when they are None; fields the format fixes (an event's `target`) stay as null.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

FORMAT = "newsevents.reading/1"


@dataclass
class Caption:
    text: str
    credit: str
    start: int
    end: int


@dataclass
class Boilerplate:
    text: str
    why: str
    start: int
    end: int


@dataclass
class Paragraph:
    """A block of the text and what kind of block it is (body, caption, title, ...)."""

    start: int
    end: int
    zone: str


@dataclass
class Document:
    id: str | None = None
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    title_missing_reason: str | None = None
    published: str | None = None
    published_from: str = "unknown"
    page_header_date: str | None = None
    dateline: str | None = None
    dateline_place: str | None = None
    standfirst: str | None = None
    captions: list[Caption] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    body: dict[str, int] = field(default_factory=lambda: {"start": 0, "end": 0})
    paragraphs: list[Paragraph] = field(default_factory=list)
    url: str | None = None
    source_format: str = "text"
    text: str | None = None  # the extracted text, for HTML input (offsets refer to it)


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    begin: str | None = None
    end_date: str | None = None
    anchor: str | None = None


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None = None


@dataclass
class Actor:
    text: str
    start: int
    end: int
    country: str
    agent: str
    code: str
    name: str | None = None


@dataclass
class Mention:
    evidence: str
    start: int
    end: int


@dataclass
class Quantity:
    text: str
    value: float | int | None
    unit: str | None


@dataclass
class Event:
    id: str
    evidence: str
    start: int
    end: int
    trigger: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    date: str | None
    time: str | None = None
    place: dict[str, Any] | None = None
    modality: str = "asserted"
    background: bool = False
    from_caption: bool = False
    reported_by: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.5
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass
class Reading:
    document: Document
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return reading_to_dict(self)

    def to_json(self, pretty: bool = False) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2 if pretty else None)


# Optional keys dropped when None, per record type: they apply only to some records.
_DROP_WHEN_NONE = {
    "Document": {"id", "title_start", "title_end", "title_missing_reason", "dateline", "dateline_place",
                 "url", "text"},
    "TimeExpr": {"mod", "begin", "end_date", "anchor"},
    "Place": {"geonameid"},
    "Quote": set(),
    "Actor": {"name"},
    "Event": {"trigger_start", "trigger_end"},
}


# CAMEO writes international actors with a pseudo-country (IGOUNO, NGOAMN, IMGMUSISI, MNCUSA...); a
# reading's `country` is ISO 3166 only, so these are written with country "" and the slot as agent
# (the UN is {"country": "", "agent": "UNO"}, as the reference readings write it). `code` keeps CAMEO's
# full code for exports and PETRARCH-style comparisons.
# A role agent (UN troops: MIL) is kept; an organization's own suffix (UNO, AMN, NAT...) gives way to the slot.
INTERNATIONAL_SLOTS = frozenset({"IGO", "IMG", "MNC", "NGO"})
ROLE_AGENTS = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "REF", "LAB",
    "LEG", "HLH", "HRI", "ELI", "AGR", "DEV", "ENV", "MOD", "RAD", "REL", "SET", "INS", "SEP", "UAF",
})


def written_actor(actor: Actor) -> dict[str, Any]:
    """An actor as the reading format writes it (rule international_slot)."""
    out = _prune_fields(actor)
    if actor.country in INTERNATIONAL_SLOTS:
        out["country"] = ""
        out["agent"] = actor.agent if actor.agent in ROLE_AGENTS else actor.country
    return out


def _prune_fields(obj: Any) -> dict[str, Any]:
    drop = _DROP_WHEN_NONE.get(type(obj).__name__, set())
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None and f.name in drop:
            continue
        out[f.name] = _prune(value)
    return out


def _prune(obj: Any) -> Any:
    if isinstance(obj, Actor):
        return written_actor(obj)
    if hasattr(obj, "__dataclass_fields__"):
        return _prune_fields(obj)
    if isinstance(obj, list):
        return [_prune(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _prune(v) for k, v in obj.items()}
    return obj


def reading_to_dict(reading: Reading) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT}
    out.update(_prune(reading))
    return out


__all__ = [
    "FORMAT", "Actor", "Boilerplate", "Caption", "Document", "Event", "Mention", "Paragraph", "Place",
    "Quantity", "Quote", "Reading", "TimeExpr", "reading_to_dict",
]
