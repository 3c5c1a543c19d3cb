"""read many articles (files, folders, globs, JSONL feeds, -) into an event store, resumably

    newsevents run corpus/ feed.jsonl --store events.duckdb --workers 2
    newsevents run 'news/**/*.html' --store postgresql://user@host/db
    newsevents run corpus/ --store events.duckdb --engine dask --scheduler tcp://host:8786

Inputs: a file (.txt, .html, .htm: one article; .jsonl: a feed, one story per line as
`newsevents read --format jsonl` takes it), a folder (recursively *.txt *.html *.htm *.jsonl), a
glob, or `-` (standard input: a feed if it starts with `{`, else one article).

Published dates of plain files: a sidecar `meta.jsonl` in the file's folder, one JSON object
per line with `id` (the file name without extension) and `published` (YYYY-MM-DD; `url` is
used too when present), wins; `--published` is the fallback for files the sidecar does not date.

Every document is keyed by a content hash (input bytes + published date + format). A story's
documents, events, times, places, quotes, sources and error rows are written in one
transaction (with those of other finished batches, `--commit-every` stories at a time), and a
rerun skips every hash already stored, so a run killed at any moment and
started again ends with exactly the rows of an uninterrupted run. Each input becomes a document
(table `documents`, and `sources` names every input that gave it) or an error row (`errors`).

Exit status: 0 every input was read; 3 the run finished but some inputs are error rows;
1 fatal (the store cannot be opened, no inputs, the cluster is unreachable).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import glob
import json
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.document import DocumentInput
from newsevents.errors import InputError
from newsevents.nlp import DEFAULT_MODEL
from newsevents.store.rows import content_id, error_id, error_row, reading_rows

EXIT_OK, EXIT_FATAL, EXIT_SOME_ERRORS = 0, 1, 3
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FEED_SUFFIX = ".jsonl"
SIDECAR = "meta.jsonl"
COMMIT_EVERY = 64  # stories per transaction by default on the command line
COMMIT_SECONDS = 10.0  # and at least this often


# ---------------------------------------------------------------- inputs


@dataclass
class FileTask:
    """An article file, read when its batch is formed (so a huge folder is never all in memory)."""

    path: Path
    published: str | None
    url: str | None = None
    data: bytes | None = None  # standard input, already read
    source: str | None = None  # how error rows and `sources` name it (default: the path)


@dataclass
class FeedTask:
    """A JSONL feed (a file, or standard input already read)."""

    source: str
    path: Path | None = None
    data: bytes | None = None


Task = FileTask | FeedTask | InputError


def _sidecar(folder: Path, cache: dict[Path, dict[str, dict]]) -> dict[str, dict]:
    """id -> {published, url} from the folder's meta.jsonl (bad lines are ignored)."""
    if folder not in cache:
        entries: dict[str, dict] = {}
        meta = folder / SIDECAR
        if meta.is_file():
            for line in meta.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(obj, dict) and obj.get("id") is not None:
                    entries[str(obj["id"])] = obj
        cache[folder] = entries
    return cache[folder]


def _file_task(path: Path, published: str | None, cache: dict[Path, dict[str, dict]]) -> Task:
    if path.suffix.lower() == FEED_SUFFIX:
        return FeedTask(source=str(path), path=path)
    meta = _sidecar(path.parent, cache).get(path.stem, {})
    return FileTask(path=path, published=meta.get("published") or published, url=meta.get("url"))


def expand_inputs(inputs: list[str], published: str | None, stdin: Any = None) -> list[Task]:
    """The tasks named by the command line, in a stable order (folders sorted)."""
    cache: dict[Path, dict[str, dict]] = {}
    tasks: list[Task] = []
    for spec in inputs:
        if spec == "-":
            data = (stdin or sys.stdin.buffer).read()
            if data.lstrip()[:1] == b"{":
                tasks.append(FeedTask(source="<stdin>", data=data))
            else:
                tasks.append(FileTask(path=Path("-"), published=published, data=data, source="<stdin>"))
            continue
        path = Path(spec)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.name != SIDECAR and p.suffix.lower() in ARTICLE_SUFFIXES + (FEED_SUFFIX,):
                    tasks.append(_file_task(p, published, cache))
        elif path.is_file():
            tasks.append(_file_task(path, published, cache))
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and Path(m).name != SIDECAR]
            if not files:
                tasks.append(InputError(spec, "no such file, folder or glob match", stage="input"))
            tasks.extend(_file_task(p, published, cache) for p in files)
    return tasks


def count_items(tasks: list[Task]) -> int:
    """How many stories the tasks hold (feed lines counted), for the progress bar."""
    n = 0
    for t in tasks:
        if isinstance(t, FeedTask):
            data = t.data if t.data is not None else _read_bytes(t.path)
            n += sum(1 for line in (data or b"").splitlines() if line.strip())
        else:
            n += 1
    return n


def _read_bytes(path: Path | None) -> bytes | None:
    try:
        return path.read_bytes() if path else None
    except OSError:
        return None


def iter_items(tasks: list[Task], fmt: str, max_bytes: int | None,
               published: str | None) -> Iterator[DocumentInput | InputError]:
    """Stories (DocumentInput) or the InputError standing for an input that has none."""
    from newsevents.cli import feed_items

    for task in tasks:
        if isinstance(task, InputError):
            yield task
        elif isinstance(task, FeedTask):
            data = task.data if task.data is not None else _read_bytes(task.path)
            if data is None:
                yield InputError(task.source, "cannot be read", stage="input")
                continue
            for item in feed_items(data, task.source, max_bytes):
                if isinstance(item, DocumentInput):
                    item.published = item.published or published
                    if fmt != "auto" and item.format == "auto":
                        item.format = fmt
                yield item
        else:
            source = task.source or str(task.path)
            try:
                data = task.data if task.data is not None else task.path.read_bytes()
            except OSError as err:
                yield InputError(source, f"cannot be read: {err.strerror or err}", stage="input")
                continue
            yield DocumentInput(data=data, source=source, format=fmt, published=task.published,
                                id=None if task.data is not None else task.path.stem,
                                url=task.url, max_bytes=max_bytes)


# ---------------------------------------------------------------- workers


@dataclass
class BatchResult:
    rows: dict[str, list[dict]]
    n_documents: int = 0
    n_errors: int = 0
    n_events: int = 0
    pid: int = 0
    peak_rss_mib: float = 0.0


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def warm_worker(model: str) -> None:
    """Load the model and the stages' data once per worker process, before the first batch, by
    reading a two-line story (so lazy loads do not count against a story's time limit)."""
    from newsevents.pipeline import read

    try:
        read("Talks in Geneva\n\nThe minister met his counterpart in Geneva on Monday.\n", "2020-01-06", model=model)
    except Exception:  # noqa: BLE001 - a broken stage shows up, with its story, in the error rows
        pass


class StoryTimeout(Exception):
    """A story's reading went over the time limit (raised from a SIGALRM timer)."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise StoryTimeout in this thread after `seconds`; a no-op off the main thread (Dask
    worker threads) or without a limit, where signals cannot interrupt the reading."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise StoryTimeout(f"reading took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read_timed(docs: list[DocumentInput], limit: float | None, **options: Any) -> list[Any]:
    """read_many with a time limit per story: the pipeline turns a limit hit inside a story's
    stages into that story's InputError; the first story's limit also covers parsing the batch."""
    from newsevents.pipeline import read_many

    results: list[Any] = []
    stories = read_many(docs, batch_size=max(1, len(docs)), **options)
    while True:
        budget = None if not limit else limit * (len(docs) if not results else 1)
        with time_limit(budget):
            try:
                results.append(next(stories))
            except StopIteration:
                return results


def read_batch(items: list[tuple[str, DocumentInput]], model: str = DEFAULT_MODEL,
               actor_dictionaries: tuple[str, ...] = (), story_seconds: float | None = None) -> BatchResult:
    """Read a batch in this (worker) process and flatten it to table rows.

    Nothing escapes: a story that fails or runs over `story_seconds`, or a failure of the whole
    batch, becomes error rows (after retrying the batch's stories one at a time, so one bad
    story costs only itself).
    """
    docs = [it for _, it in items]
    options = {"model": model, "actor_dictionaries": actor_dictionaries}
    try:
        results: list[Any] = _read_timed(docs, story_seconds, **options)
    except Exception:
        results = []
        for it in docs:
            try:
                results.extend(_read_timed([it], story_seconds, **options))
            except Exception as err:  # noqa: BLE001 - any failure becomes an error row naming the input
                results.append(InputError(it.source, f"internal error: {type(err).__name__}: {err}",
                                          stage="pipeline"))
    rows: dict[str, list[dict]] = {"documents": [], "sources": [], "events": [], "times": [], "places": [],
                                   "quotes": [], "errors": []}
    out = BatchResult(rows=rows, pid=os.getpid())
    for (doc_id, it), res in zip(items, results, strict=True):
        if isinstance(res, InputError):
            rows["errors"].append(error_row(doc_id, res))
            out.n_errors += 1
            continue
        try:
            for table, table_rows in reading_rows(doc_id, it.source, res.to_dict(), model).items():
                rows[table].extend(table_rows)
            out.n_documents += 1
            out.n_events += len(res.events)
        except Exception as err:  # noqa: BLE001
            rows["errors"].append(error_row(doc_id, InputError(
                it.source, f"internal error while storing: {type(err).__name__}: {err}", stage="store")))
            out.n_errors += 1
    out.peak_rss_mib = _peak_rss_mib()
    return out


# ---------------------------------------------------------------- engines


class InlineEngine:
    """Reads in this process (--workers 1): no pickling, same code path."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        warm_worker(options.get("model", DEFAULT_MODEL))

    def submit(self, items: list[tuple[str, DocumentInput]]) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(read_batch(items, **self.options))
        except BaseException as err:  # noqa: BLE001
            fut.set_exception(err)
        return fut

    def wait_any(self, futures: list) -> list:
        return list(futures)

    def close(self) -> None:
        pass


class ProcessEngine:
    """N worker processes on this machine, each loading the model once.

    On Linux, workers are forked: they inherit the modules this process has
    already imported (spaCy and the package: a second or more per worker with "spawn"). They
    are started here, before the caller opens a store, so that no database thread or handle
    exists when they fork (they never touch the store); workers started again after one died
    are spawned.
    """

    def __init__(self, workers: int, options: dict[str, Any]) -> None:
        self.workers, self.options = workers, options
        self._start()

    def _start(self, restart: bool = False) -> None:
        # a restart happens mid-run, with the store open: those workers start afresh ("spawn")
        method = "fork" if sys.platform.startswith("linux") and not restart else "spawn"  # macOS: fork is unsafe
        self.pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context(method),
                                           initializer=warm_worker, initargs=(self.options["model"],))
        self.pool.submit(os.getpid)  # start the workers now (a forking pool starts them all at once)

    def submit(self, items: list[tuple[str, DocumentInput]]) -> cf.Future:
        if getattr(self.pool, "_broken", False):  # a worker died (BrokenProcessPool): a fresh pool
            self.pool.shutdown(wait=False, cancel_futures=True)
            self._start(restart=True)
        return self.pool.submit(read_batch, items, **self.options)

    def wait_any(self, futures: list) -> list:
        done, _ = cf.wait(futures, return_when=cf.FIRST_COMPLETED)
        return list(done)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Batches as tasks on a dask.distributed cluster; the model loads once per worker process."""

    def __init__(self, scheduler: str | Any, options: dict[str, Any]) -> None:
        from distributed import Client

        self.client = scheduler if hasattr(scheduler, "submit") else Client(scheduler, timeout="30s")
        self.own_client = not hasattr(scheduler, "submit")
        self.options = options
        self.client.run(warm_worker, options["model"])
        self.n_workers = len(self.client.scheduler_info().get("workers", {}))

    def submit(self, items: list[tuple[str, DocumentInput]]) -> Any:
        return self.client.submit(read_batch, items, pure=False, **self.options)

    def wait_any(self, futures: list) -> list:
        from distributed import wait

        done, _ = wait(futures, return_when="FIRST_COMPLETED")
        return list(done)

    def close(self) -> None:
        if self.own_client:
            self.client.close()


# ---------------------------------------------------------------- progress


class Progress:
    """A one-line progress bar on stderr with documents per second and ETA; silent unless a TTY."""

    def __init__(self, total: int, stream: Any = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.done, self.t0, self._last = total, 0, time.monotonic(), 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.2 and self.done < self.total):
            return
        self._last = now
        rate = self.done / max(now - self.t0, 1e-9)
        left = max(self.total - self.done, 0)
        eta = _clock(left / rate) if rate > 0 else "?"
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:.1f} docs/s ETA {eta}  ")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# ---------------------------------------------------------------- the run


@dataclass
class RunSummary:
    inputs: int = 0
    documents: int = 0
    events: int = 0
    errors: int = 0
    skipped_documents: int = 0
    skipped_errors: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    peak_rss_mib: dict[int, float] = field(default_factory=dict)
    dedup_events: int | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def exit_status(self) -> int:
        return EXIT_SOME_ERRORS if self.errors + self.skipped_errors else EXIT_OK

    def text(self) -> str:
        rss = max(self.peak_rss_mib.values(), default=0.0)
        lines = [f"newsevents run: {self.inputs} inputs: {self.documents} documents read "
                 f"({self.events} events), {self.errors} error rows; already stored: "
                 f"{self.skipped_documents} documents, {self.skipped_errors} error rows; "
                 f"{self.duplicates} duplicate inputs",
                 f"  {self.seconds:.1f} s, {self.docs_per_second:.1f} documents/s, "
                 f"peak RSS per worker {rss:.0f} MiB ({len(self.peak_rss_mib)} workers)"]
        if self.dedup_events is not None:
            lines.append(f"  cross-story dedup: {self.dedup_events} distinct events")
        return "\n".join(lines)


def run_corpus(tasks: list[Task], store: Any, engine: Any, *, fmt: str = "auto", published: str | None = None,
               max_bytes: int | None = None, batch_size: int = 16, in_flight: int = 4,
               progress: Progress | None = None,
               items: Iterable[DocumentInput | InputError] | None = None,
               commit_every: int | None = None, commit_seconds: float = COMMIT_SECONDS,
               total: int | None = None) -> RunSummary:
    """Read every story of the tasks (or the given items) into the store, skipping stored hashes.

    Finished batches are written together, in one transaction, once they hold `commit_every`
    stories (default: one batch) or `commit_seconds` have passed since the last commit: each
    transaction costs the store a fixed ~50 ms, which a run pays in the process that also
    shares the CPU with the workers. A killed run loses at most what was not committed, and the
    rerun reads it again.

    With `total` (the number of items), batches shrink as the end nears (a share of what is left
    for each batch in flight), so that the workers finish together instead of one of them
    reading a last full batch alone."""
    summary = RunSummary()
    t0 = time.monotonic()
    done_docs, done_errors = store.done_ids()
    claimed: set[str] = set()
    pending: dict[str, list[dict]] = {"sources": [], "errors": []}
    running: dict[Any, list[tuple[str, DocumentInput]]] = {}
    progress = progress or Progress(0, enabled=False)
    commit_every = commit_every or batch_size
    unwritten: dict[str, list[dict]] = {}
    unwritten_stories = 0
    last_commit = time.monotonic()

    def commit(force: bool = False) -> None:
        nonlocal unwritten_stories, last_commit
        if not unwritten or not (force or unwritten_stories >= commit_every
                                 or time.monotonic() - last_commit >= commit_seconds):
            return
        store.write_batch(unwritten)
        unwritten.clear()
        unwritten_stories = 0
        last_commit = time.monotonic()

    suspects: list[tuple[str, DocumentInput]] = []

    def collect(futures: list, alone: bool = False) -> None:
        nonlocal unwritten_stories
        for fut in futures:
            items = running.pop(fut)
            try:
                result = fut.result()
            except Exception as err:  # noqa: BLE001 - a worker died or the task failed
                # A dead worker also fails the innocent batches in flight: their stories are
                # read again at the end, one at a time with nothing else running, so that a
                # failure then is that story's own.
                if not alone:
                    suspects.extend(items)
                    continue
                result = BatchResult(rows={"errors": [error_row(i, InputError(
                    it.source, f"worker failed: {type(err).__name__}: {err}", stage="worker")) for i, it in items]},
                    n_errors=len(items))
            for table, table_rows in result.rows.items():
                unwritten.setdefault(table, []).extend(table_rows)
            for table in ("sources", "errors"):
                unwritten.setdefault(table, []).extend(pending[table])
                pending[table] = []
            unwritten_stories += len(items)
            commit()
            summary.documents += result.n_documents
            summary.errors += result.n_errors
            summary.events += result.n_events
            if result.pid:
                summary.peak_rss_mib[result.pid] = max(summary.peak_rss_mib.get(result.pid, 0.0),
                                                       result.peak_rss_mib)
            progress.update(len(items))

    batch: list[tuple[str, DocumentInput]] = []

    def target_size() -> int:
        if total is None:
            return batch_size
        left = total - summary.inputs + len(batch)
        return max(1, min(batch_size, -(-left // max(1, in_flight))))

    def submit() -> None:
        while len(running) >= in_flight:
            collect(engine.wait_any(list(running)))
        running[engine.submit(list(batch))] = list(batch)
        batch.clear()

    for item in items if items is not None else iter_items(tasks, fmt, max_bytes, published):
        summary.inputs += 1
        if isinstance(item, InputError):
            row_id = error_id(item.source, item.reason)
            if row_id in done_errors:
                summary.skipped_errors += 1
            else:
                pending["errors"].append(error_row(row_id, item))
                summary.errors += 1
            progress.update(1)
            continue
        doc_id = content_id(item.data, item.published, item.format)
        pending["sources"].append({"doc_id": doc_id, "source": item.source})
        if doc_id in done_docs or doc_id in done_errors:
            summary.skipped_documents += doc_id in done_docs
            summary.skipped_errors += doc_id in done_errors
            progress.update(1)
            continue
        if doc_id in claimed:
            summary.duplicates += 1
            progress.update(1)
            continue
        claimed.add(doc_id)
        batch.append((doc_id, item))
        if len(batch) >= target_size():
            submit()
    if batch:
        submit()
    while running:
        collect(engine.wait_any(list(running)))
    commit(force=True)
    for one in suspects:
        running[engine.submit([one])] = [one]
        while running:
            collect(engine.wait_any(list(running)), alone=True)
        commit(force=True)
    if pending["sources"] or pending["errors"]:
        store.write_batch(pending)
    progress.finish()
    summary.seconds = time.monotonic() - t0
    return summary


def batching(total: int, workers: int, batch_size: int = 16) -> tuple[int, int]:
    """(stories per batch, batches in flight) for a run of `total` stories on `workers`: two
    batches in flight per worker, so that none waits for the next; small runs get smaller
    batches, so that every worker gets some (at least 4 batches each)."""
    in_flight = 2 * max(1, workers)
    return max(1, min(batch_size, total // (4 * max(1, in_flight // 2)))), in_flight


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="files, folders, globs, JSONL feeds, or - for standard input")
    p.add_argument("--store", default="events.duckdb", help="PATH.duckdb (default events.duckdb) or postgresql://...")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for files that meta.jsonl does not date")
    p.add_argument("--format", default="auto", choices=["auto", "text", "html"], help="format of article files")
    p.add_argument("--workers", type=int, default=1, help="reading processes on this machine (default 1)")
    p.add_argument("--engine", default="local", choices=["local", "dask"])
    p.add_argument("--scheduler", help="dask scheduler address, tcp://HOST:PORT (with --engine dask)")
    p.add_argument("--batch-size", type=int, default=16, help="stories per batch sent to a worker")
    p.add_argument("--commit-every", type=int, default=COMMIT_EVERY,
                   help=f"stories per transaction (default {COMMIT_EVERY}; also at least every "
                        f"{COMMIT_SECONDS:g} s); a killed run reads the uncommitted ones again")
    p.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline")
    p.add_argument("--actors", action="append", default=[], metavar="PATH",
                   help="PETRARCH/Phoenix actor dictionary to load on top of ours (repeatable)")
    p.add_argument("--max-bytes", type=int, default=None, help="refuse inputs larger than this")
    p.add_argument("--story-seconds", type=float, default=120.0,
                   help="time limit per story (default 120; 0 = none); a story over it is an error row. "
                        "Local engine only: Dask runs tasks in threads, where no timer can interrupt them")
    p.add_argument("--dedup-window", type=float, default=1.0,
                   help="days within which the same source, target and CAMEO code are one event (default 1)")
    p.add_argument("--no-dedup", action="store_true", help="do not rebuild the cross-story dedup tables")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")


def main(args: argparse.Namespace) -> int:
    from newsevents.document import normalize_published
    from newsevents.store import open_store
    from newsevents.store.dedup import build_dedup

    try:
        published = normalize_published(args.published, "--published")
    except InputError as err:
        print(f"newsevents run: {err.reason}", file=sys.stderr)
        return EXIT_FATAL
    if args.engine == "dask" and not args.scheduler:
        print("newsevents run: --engine dask needs --scheduler tcp://HOST:PORT", file=sys.stderr)
        return EXIT_FATAL
    tasks = expand_inputs(args.inputs, published)
    options = {"model": args.model, "actor_dictionaries": tuple(args.actors),
               "story_seconds": args.story_seconds or None}
    # local worker processes start before the store opens (ProcessEngine forks them)
    engine: Any = ProcessEngine(args.workers, options) if args.engine != "dask" and args.workers > 1 else None
    try:
        store = open_store(args.store)
    except Exception as err:  # noqa: BLE001 - any failure to open the store is fatal
        print(f"newsevents run: cannot open the store {args.store}: {err}", file=sys.stderr)
        if engine is not None:
            engine.close()
        return EXIT_FATAL
    try:
        if args.engine == "dask":
            engine = DaskEngine(args.scheduler, options)
        elif engine is None:
            engine = InlineEngine(options)
        total = count_items(tasks)
        progress = Progress(total, enabled=None if not args.quiet else False)
        batch_size, in_flight = batching(total, max(args.workers, getattr(engine, "n_workers", 1)),
                                         args.batch_size)
        summary = run_corpus(tasks, store, engine, fmt=args.format, published=published,
                             max_bytes=args.max_bytes, batch_size=batch_size,
                             in_flight=in_flight, progress=progress,
                             commit_every=max(args.commit_every, 1), total=total)
        if not args.no_dedup:
            summary.dedup_events = build_dedup(store, window_days=args.dedup_window)
    except Exception as err:  # noqa: BLE001 - the run cannot go on: fatal, with the cause
        print(f"newsevents run: fatal: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        if engine is not None:
            engine.close()
        store.close()
    if not args.quiet:
        print(summary.text(), file=sys.stderr)
    return summary.exit_status()
