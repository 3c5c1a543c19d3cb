"""Serve readings over HTTP with a page to look at them, and browse the event store.

`newsevents serve [--store PATH.duckdb|postgresql://...] [--host 127.0.0.1] [--port 8000]`

- `POST /read` takes `{"text"|"html", "published"?}` and answers exactly the JSON that
  `newsevents read` prints for the same input (both call `newsevents.read`).
- `GET /events`, `GET /events/series`, `GET /documents/{doc_id}` read the store.
- `GET /health` liveness; `GET /docs` a local API page; `GET /` the offline web page.

Limits keep one bad request from hurting the others: a body cap (413), a per-request time
limit (504), a bounded pool of reader threads with a bounded queue in front of it (503 when
full), and every input error answered as a 4xx with `{"error": ...}`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newsevents.errors import InputError
from newsevents.nlp import DEFAULT_MODEL
from newsevents.serve.events_query import EventFilters, StoreError, event_series, get_document, query_events

STATIC = Path(__file__).resolve().parent / "static"
DEMO_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "demo-article.txt"
LOG = logging.getLogger("newsevents.serve")

# A sentence of our own, read once at start-up so that the model and every stage's lazily
# loaded data are in memory before the first real request (and before memory is measured).
WARM_UP_TEXT = ("The foreign minister of Norway met his Swedish counterpart in Oslo on Monday "
                "and said the two governments would sign a trade agreement next week.")


@dataclass
class ServeSettings:
    """Service limits and where the store is; each is a `newsevents serve` option too."""

    store: str | None = None
    model: str = DEFAULT_MODEL
    max_body_bytes: int = 5 * 1024 * 1024
    timeout_seconds: float = 60.0
    queue_timeout_seconds: float = 300.0
    threads: int = 2
    queue: int = 64
    warm_up: bool = True

    @classmethod
    def from_env(cls) -> ServeSettings:
        """Settings passed to uvicorn worker processes (`--workers`) through the environment."""
        raw = os.environ.get("NEWSEVENTS_SERVE_SETTINGS")
        return cls(**json.loads(raw)) if raw else cls()


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over the cap with 413 before they are read into memory.

    A declared Content-Length over the cap is refused at once; a chunked body is counted as it
    arrives. The excess is drained (up to a bound) rather than buffered so that the client
    sees the 413 instead of a reset connection.
    """

    DRAIN_FACTOR = 16

    def __init__(self, app: Callable, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._refuse(send, 400, "Content-Length is not a number")
                    return
        if declared is not None and declared > self.max_bytes:
            await self._drain(receive, declared)
            await self._refuse(send, 413, f"request body is {declared:,} bytes, over the "
                                          f"{self.max_bytes:,}-byte limit")
            return
        received = 0
        body_done = False

        async def counting_receive() -> dict:
            nonlocal received, body_done
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > self.max_bytes:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _BodyTooLarge:
            if not body_done:
                await self._drain(receive, None)
            await self._refuse(send, 413, f"request body is over the {self.max_bytes:,}-byte limit")

    async def _drain(self, receive: Callable, declared: int | None) -> None:
        """Read and drop what is left of the body, up to a bound, so the answer can be sent."""
        budget = self.max_bytes * self.DRAIN_FACTOR
        seen = 0
        while seen < budget:
            message = await receive()
            if message["type"] != "http.request":
                return
            seen += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    @staticmethod
    async def _refuse(send: Callable, status: int, message: str) -> None:
        body = json.dumps({"error": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


class QueueTimeout(Exception):
    """No reader thread came free in time (answered with 503)."""


class ReadGate:
    """Bounded concurrency for reads: `threads` run at once, `queue` more may wait, the rest get 503.

    A read that overruns its time limit is answered with 504 but its thread cannot be killed;
    it keeps its slot until it really ends, so a run of slow inputs cannot pile up threads.
    """

    def __init__(self, threads: int, queue: int) -> None:
        self.threads = max(1, threads)
        self.capacity = self.threads + max(0, queue)
        self.pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="newsevents-read")
        self._slots: asyncio.Semaphore | None = None
        self.admitted = 0
        self.lock = threading.Lock()
        self.served = 0
        self.timed_out = 0
        self.refused = 0

    def admit(self) -> bool:
        """Take a place in the queue; False when it is full (answer 503)."""
        with self.lock:
            if self.admitted >= self.capacity:
                self.refused += 1
                return False
            self.admitted += 1
            return True

    def leave(self) -> None:
        with self.lock:
            self.admitted -= 1

    async def run(self, job: Callable[[], Any], timeout: float, queue_timeout: float | None = None,
                  admitted: bool = True) -> Any:
        """Run job on the pool once a slot is free. Raises QueueTimeout when no slot frees up within
        `queue_timeout` seconds, TimeoutError when the job runs over `timeout` seconds; the place in
        the queue is given back only when the job really ends."""
        loop = asyncio.get_running_loop()
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.threads)
        slots = self._slots
        try:
            await asyncio.wait_for(slots.acquire(), timeout=queue_timeout)
        except asyncio.TimeoutError:
            if admitted:
                self.leave()
            with self.lock:
                self.refused += 1
            raise QueueTimeout from None

        def work() -> Any:
            try:
                return job()
            finally:
                loop.call_soon_threadsafe(slots.release)
                if admitted:
                    self.leave()

        future = loop.run_in_executor(self.pool, work)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=timeout)
        except asyncio.TimeoutError:
            self._count_timeout()
            raise TimeoutError from None

    def _count_timeout(self) -> None:
        with self.lock:
            self.timed_out += 1

    def stats(self) -> dict[str, int]:
        with self.lock:
            return {"threads": self.threads, "capacity": self.capacity, "in_flight": self.admitted,
                    "served": self.served, "timed_out": self.timed_out, "refused": self.refused}


def _read_job(payload: dict[str, Any], settings: ServeSettings) -> dict[str, Any]:
    """The same call `newsevents read FILE` makes: bytes of the article, format auto unless html."""
    from newsevents import read

    if isinstance(payload.get("html"), str) and not isinstance(payload.get("text"), str):
        body, fmt = payload["html"], "html"
    else:
        body, fmt = payload["text"], payload.get("format") or "auto"
    reading = read(body.encode("utf-8"), payload.get("published"), format=fmt, model=settings.model,
                   source=str(payload.get("id") or "<request>"), id=payload.get("id"), title=payload.get("title"),
                   url=payload.get("url"))
    return reading.to_dict()


def _check_payload(payload: Any) -> str | None:
    """Why a /read body is unusable, or None when it is fine."""
    if not isinstance(payload, dict):
        return 'body must be a JSON object {"text": ..., "published": ...}'
    text, html = payload.get("text"), payload.get("html")
    if text is None and html is None:
        return 'body needs a "text" or an "html" string'
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return f'"{name}" must be a string'
    if not (text or html or "").strip():
        return "the article text is empty"
    try:
        (text or html).encode("utf-8")
    except UnicodeEncodeError:
        return "the article text has unpaired surrogate characters (not valid Unicode text)"
    for name in ("published", "id", "title", "url", "format"):
        if payload.get(name) is not None and not isinstance(payload[name], str):
            return f'"{name}" must be a string'
    if payload.get("format") not in (None, "auto", "text", "html"):
        return '"format" must be one of auto, text, html'
    return None


READ_BODY_SCHEMA = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "the article as plain text (a page capture)"},
            "html": {"type": "string", "description": "the article as an HTML page"},
            "published": {"type": "string", "format": "date", "description": "true publication date YYYY-MM-DD"},
            "format": {"type": "string", "enum": ["auto", "text", "html"]},
            "id": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
        },
        "example": {"text": "The president of Chile met the Peruvian foreign minister in Lima on Monday.",
                    "published": "2024-03-05"},
    }}},
}


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The service; with no settings, they come from the environment (uvicorn workers)."""
    settings = settings or ServeSettings.from_env()
    gate = ReadGate(settings.threads, settings.queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.warm_up:
            try:
                await gate.run(lambda: _read_job({"text": WARM_UP_TEXT}, settings), settings.timeout_seconds * 4,
                               admitted=False)
            except Exception as err:  # noqa: BLE001 - a broken stage must not stop the server from starting
                LOG.warning("warm-up read failed: %s", err)
        yield
        gate.pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="newsevents", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read news articles into political events (CAMEO/PLOVER) and browse the event store.")
    app.state.settings = settings
    app.state.gate = gate
    app.state.started = time.time()

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                             for e in exc.errors())
        return error(422, problems or "invalid request")

    @app.exception_handler(StoreError)
    async def store_problem(request: Request, exc: StoreError) -> JSONResponse:
        return error(exc.status, exc.reason)

    @app.get("/health", summary="Liveness", tags=["service"])
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": _version(), "model": settings.model, "store": bool(settings.store),
                "uptime_seconds": round(time.time() - app.state.started, 1), "reads": gate.stats()}

    @app.post("/read", summary="Read one article", tags=["reading"], openapi_extra={"requestBody": READ_BODY_SCHEMA},
              responses={200: {"description": "the reading (the JSON `newsevents read` prints)"},
                         400: {"description": "body is not JSON"}, 413: {"description": "body over the cap"},
                         422: {"description": "not an article (empty, binary, bad date ...)"},
                         503: {"description": "too many reads waiting"}, 504: {"description": "read took too long"}})
    async def read_article(request: Request) -> Response:
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as err:
            return error(400, f"body is not valid JSON: {err}")
        except RecursionError:
            return error(400, "body is not valid JSON: nested too deeply")
        problem = _check_payload(payload)
        if problem:
            return error(422, problem)
        if not gate.admit():
            return error(503, "too many articles are being read; try again shortly")
        try:
            result = await gate.run(lambda: _read_job(payload, settings), settings.timeout_seconds,
                                    settings.queue_timeout_seconds)
        except QueueTimeout:
            return error(503, f"no reader was free within {settings.queue_timeout_seconds:g} s; try again shortly")
        except TimeoutError:
            return error(504, f"reading took longer than {settings.timeout_seconds:g} s")
        except InputError as err:
            return error(422, err.reason)
        except Exception as err:  # noqa: BLE001 - a bug in a stage is the server's fault, not a crash
            LOG.exception("read failed")
            return error(500, f"internal error while reading: {type(err).__name__}")
        gate.served += 1
        return Response(json.dumps(result, ensure_ascii=False), media_type="application/json")

    def _store() -> str:
        if not settings.store:
            raise StoreError("no store configured: start the service with --store PATH.duckdb", 503)
        return settings.store

    def _filters(date_from: str | None, date_to: str | None, country: str | None, actor: str | None,
                 cameo_root: str | None, plover: str | None, quad_class: int | None, doc_id: str | None) -> EventFilters:
        return EventFilters(date_from=date_from, date_to=date_to, country=country, actor=actor,
                            cameo_root=cameo_root, plover=plover, quad_class=quad_class, doc_id=doc_id)

    @app.get("/events", summary="Query stored events", tags=["store"])
    def events(date_from: str | None = Query(None, description="first event date, YYYY-MM-DD"),
               date_to: str | None = Query(None, description="last event date, YYYY-MM-DD"),
               country: str | None = Query(None, description="ISO3 of the source or target"),
               actor: str | None = Query(None, description="CAMEO actor code prefix of the source or target"),
               cameo_root: str | None = Query(None, description="CAMEO root code 01-20"),
               plover: str | None = Query(None, description="PLOVER event type"),
               quad_class: int | None = Query(None, ge=1, le=4),
               doc_id: str | None = Query(None),
               limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        filters = _filters(date_from, date_to, country, actor, cameo_root, plover, quad_class, doc_id)
        return query_events(_store(), filters, limit=limit, offset=offset)

    @app.get("/events/series", summary="Event counts per period by QuadClass or PLOVER type", tags=["store"])
    def series(by: str = Query("quad_class", description="quad_class, plover or cameo_root"),
               interval: str = Query("month", description="day, month or year"),
               date_from: str | None = None, date_to: str | None = None, country: str | None = None,
               actor: str | None = None, cameo_root: str | None = None, plover: str | None = None,
               quad_class: int | None = Query(None, ge=1, le=4), doc_id: str | None = None) -> dict[str, Any]:
        filters = _filters(date_from, date_to, country, actor, cameo_root, plover, quad_class, doc_id)
        return event_series(_store(), filters, by=by, interval=interval)

    @app.get("/documents/{doc_id}", summary="One stored document", tags=["store"])
    def document(doc_id: str) -> dict[str, Any]:
        return get_document(_store(), doc_id)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.api_route("/demo-article", methods=["GET", "HEAD"], include_in_schema=False)
    async def demo_article() -> Response:
        """The repository's demo article for the page's Demo button (absent in an installed wheel)."""
        if not DEMO_ARTICLE.is_file():
            return error(404, "no demo article in this installation")
        return FileResponse(DEMO_ARTICLE, media_type="text/plain; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app


def _version() -> str:
    from newsevents import __version__

    return __version__


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ServeSettings()
    parser.add_argument("--store", help="event store: PATH.duckdb or postgresql://... (for /events)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline to use")
    parser.add_argument("--workers", type=int, default=1, help="server processes (each loads the model once)")
    parser.add_argument("--threads", type=int, default=defaults.threads, help="reads run at once per process")
    parser.add_argument("--queue", type=int, default=defaults.queue, help="reads that may wait; beyond: 503")
    parser.add_argument("--timeout", type=float, default=defaults.timeout_seconds, help="seconds per read (504)")
    parser.add_argument("--queue-timeout", type=float, default=defaults.queue_timeout_seconds,
                        help="seconds a read may wait for a free reader (503)")
    parser.add_argument("--max-body-bytes", type=int, default=defaults.max_body_bytes, help="request cap (413)")
    parser.add_argument("--no-warm-up", action="store_true", help="do not read a sample sentence at start-up")


def main(args: argparse.Namespace) -> int:
    import uvicorn

    settings = ServeSettings(store=args.store, model=args.model, max_body_bytes=args.max_body_bytes,
                             timeout_seconds=args.timeout, queue_timeout_seconds=args.queue_timeout, threads=args.threads, queue=args.queue,
                             warm_up=not args.no_warm_up)
    if settings.store and not settings.store.startswith(("postgresql://", "postgres://")) \
            and not Path(settings.store).exists():
        print(f"newsevents: warning: store {settings.store} does not exist yet; /events answers 503 until it does")
    os.environ["NEWSEVENTS_SERVE_SETTINGS"] = json.dumps({f.name: getattr(settings, f.name) for f in fields(settings)})
    logging.basicConfig(level=logging.INFO)
    if args.workers > 1:
        uvicorn.run("newsevents.serve.app:create_app", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="info")
    else:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0
