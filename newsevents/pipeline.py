"""Runs the stages in order over one shared context; loads models once per process.

Each stage is a plain function `run(ctx) -> None` that fills one part of the reading and
exposes, on the context, what later stages need (time anchors, places of action, speakers,
actor chains). The order is fixed: time, geo, quotes, actors, events.
"""

from __future__ import annotations

import bisect
import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.document import DocumentInput, read_document
from newsevents.errors import InputError
from newsevents.nlp import DEFAULT_MODEL, TextView, build_view, load_model
from newsevents.reading import (
    Actor,
    Document,
    Event,
    Place,
    Quote,
    Reading,
    TimeExpr,
)

# (module, function) in order. Times of day get their UTC offset only once geo knows the place.
STAGE_STEPS = (("newsevents.time", "run"), ("newsevents.geo", "run"), ("newsevents.time", "attach_utc_offsets"),
               ("newsevents.quotes", "run"), ("newsevents.actors", "run"), ("newsevents.events", "run"))


@dataclass
class Sentence:
    """One sentence of the NLP view: its raw span, the zone it sits in, and its spaCy span."""

    index: int
    start: int
    end: int
    zone: str
    span: Span


@dataclass
class Context:
    """Everything the stages share for one article."""

    raw: str
    document: Document
    view: TextView
    doc: Doc
    sentences: list[Sentence]
    published: dt.date | None
    options: dict[str, Any] = field(default_factory=dict)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # What each stage exposes to later ones; keys are documented in the stage that sets them:
    # "time_anchors", "place_of_action", "speakers", "actor_chains", ...
    exposed: dict[str, Any] = field(default_factory=dict)

    def raw_span(self, obj: Span | Token | tuple[int, int]) -> tuple[int, int]:
        """Raw offsets of a spaCy span or token, or of a (view_start, view_end) pair."""
        if isinstance(obj, Token):
            start = obj.idx
            end = start + len(obj)  # len(token) is the length of its text, without building it
        elif isinstance(obj, Span):
            start, end = obj.start_char, obj.end_char
        else:
            start, end = obj[0], obj[1]
        return self.view.to_raw(start, end)

    def sentence_at(self, raw_offset: int) -> Sentence | None:
        """The sentence that contains a raw offset."""
        starts = self.exposed.get("_sentence_starts")
        if starts is None:  # built once per article: setdefault would build the list on every call
            starts = self.exposed["_sentence_starts"] = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, raw_offset) - 1
        if 0 <= i < len(self.sentences) and raw_offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_of_token(self, token: Token) -> Sentence | None:
        return self.sentence_at(self.raw_span(token)[0])


def _zone_finder(document: Document) -> Callable[[int], str]:
    """The zone of the paragraph holding a raw offset ("body" between paragraphs), by bisection:
    a scan per sentence would be quadratic on long texts."""
    paragraphs = sorted(document.paragraphs, key=lambda p: p.start)
    starts = [p.start for p in paragraphs]

    def zone_at(raw_offset: int) -> str:
        i = bisect.bisect_right(starts, raw_offset) - 1
        if i >= 0 and raw_offset < paragraphs[i].end:
            return paragraphs[i].zone
        return "body"

    return zone_at


def _furniture_spans(document: Document) -> list[tuple[int, int]]:
    spans = [(b.start, b.end) for b in document.boilerplate if b.end > b.start]
    spans += [(p.start, p.end) for p in document.paragraphs if p.zone == "furniture"]
    return spans


def _stage_functions() -> list[Callable[[Context], None]]:
    stages = []
    for name, function in STAGE_STEPS:
        step = getattr(importlib.import_module(name), function, None)
        if step is not None:
            stages.append(step)
    return stages


def _published_date(document: Document) -> dt.date | None:
    if not document.published:
        return None
    try:
        return dt.date.fromisoformat(document.published[:10])
    except ValueError:
        return None


def _make_context(raw: str, document: Document, doc: Doc, view: TextView, options: dict[str, Any]) -> Context:
    sentences = []
    zone_at = _zone_finder(document)
    doc_text = view.text  # the text the doc was parsed from: doc.text would rebuild it from the tokens
    for sent in doc.sents:
        text = doc_text[sent.start_char:sent.end_char]  # = sent.text, without joining its tokens
        if not text.strip():
            continue
        # trim the whitespace tokens that sentence spans carry at their edges
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        s, e = view.to_raw(sent.start_char + lead, sent.end_char - trail)
        sentences.append(Sentence(len(sentences), s, e, zone_at(s), sent))
    return Context(raw=raw, document=document, view=view, doc=doc, sentences=sentences,
                   published=_published_date(document), options=options)


def _finish(ctx: Context, stages: list[Callable[[Context], None]]) -> Reading:
    for stage in stages:
        stage(ctx)
    return Reading(document=ctx.document, times=ctx.times, places=ctx.places, quotes=ctx.quotes,
                   actors=ctx.actors, events=ctx.events)


def _prepare(item: DocumentInput) -> tuple[str, Document, TextView]:
    raw, document, breaks = read_document(item)
    view = build_view(raw, _furniture_spans(document), breaks)
    if not view.text.strip():
        raise InputError(item.source, "no readable text after removing page furniture")
    return raw, document, view


def read(
    data: str | bytes,
    published: str | dt.date | None = None,
    *,
    format: str = "auto",
    model: str = DEFAULT_MODEL,
    source: str = "<text>",
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    max_bytes: int | None = None,
    actor_dictionaries: Iterable[str] = (),
) -> Reading:
    """Read one article (plain-text capture or HTML) into a Reading. Raises InputError."""
    item = DocumentInput(data=data, source=source, format=format, published=published, id=id,
                         title=title, url=url, max_bytes=max_bytes)
    raw, document, view = _prepare(item)  # a bad input fails before the model is loaded
    doc = load_model(model)(view.text)
    options = {"model": model, "actor_dictionaries": tuple(actor_dictionaries)}
    return _finish(_make_context(raw, document, doc, view, options), _stage_functions())


def build_context(
    data: str | bytes,
    published: str | dt.date | None = None,
    *,
    format: str = "auto",
    model: str = DEFAULT_MODEL,
    until: str | None = None,
    actor_dictionaries: Iterable[str] = (),
) -> Context:
    """A parsed context with the stages run in order up to and including `until` ("time", "geo",
    "quotes", "actors", "events"; None runs none). For tests and benchmarks of one stage."""
    item = DocumentInput(data=data, format=format, published=published)
    raw, document, view = _prepare(item)
    ctx = _make_context(raw, document, load_model(model)(view.text), view,
                        {"model": model, "actor_dictionaries": tuple(actor_dictionaries)})
    if until is None:
        return ctx
    names = [name.rsplit(".", 1)[1] for name, _ in STAGE_STEPS]
    if until not in names:
        raise ValueError(f"unknown stage {until!r} (expected one of {', '.join(dict.fromkeys(names))})")
    last = max(i for i, name in enumerate(names) if name == until)
    for name, function in STAGE_STEPS[: last + 1]:
        step = getattr(importlib.import_module(name), function, None)
        if step is not None:
            step(ctx)
    return ctx


def read_many(
    items: Iterable[DocumentInput],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    actor_dictionaries: Iterable[str] = (),
) -> Iterator[Reading | InputError]:
    """Read many stories in input order, parsing them in batches with one loaded model.

    A story that fails yields its InputError in its place; the others go on.
    """
    nlp = load_model(model)
    stages = _stage_functions()
    options = {"model": model, "actor_dictionaries": tuple(actor_dictionaries)}
    batch: list[tuple[DocumentInput, Any]] = []

    def parse_all(texts: list[str]) -> list[Doc | Exception]:
        """Parse a batch; if the batch fails, parse story by story so one text cannot sink the rest."""
        try:
            return list(nlp.pipe(texts, batch_size=batch_size))
        except Exception:
            out: list[Doc | Exception] = []
            for text in texts:
                try:
                    out.append(nlp(text))
                except Exception as err:  # noqa: BLE001 - becomes this story's error row
                    out.append(err)
            return out

    def flush() -> Iterator[Reading | InputError]:
        ready = [p for _, p in batch if not isinstance(p, InputError)]
        docs = iter(parse_all([p[2].text for p in ready]))
        for it, prepared in batch:
            if isinstance(prepared, InputError):
                yield prepared
                continue
            raw, document, view = prepared
            doc = next(docs)
            if isinstance(doc, Exception):
                yield InputError(it.source, f"could not be parsed: {type(doc).__name__}: {doc}", stage="nlp")
                continue
            try:
                yield _finish(_make_context(raw, document, doc, view, options), stages)
            except InputError as err:
                yield err
            except Exception as err:  # a bug in a stage must not end the batch
                yield InputError(it.source, f"internal error while reading: {type(err).__name__}: {err}",
                                 stage="pipeline")
        batch.clear()

    for item in items:
        try:
            batch.append((item, _prepare(item)))
        except InputError as err:
            batch.append((item, err))
        except Exception as err:  # an unexpected failure of the document stage is this story's error
            batch.append((item, InputError(item.source, f"internal error in the document stage: "
                                                        f"{type(err).__name__}: {err}")))
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()
