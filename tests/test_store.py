"""The event store without the NLP: schema, transactional idempotent writes, dedup, exports, stats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsevents.store import open_store
from newsevents.store.dedup import build_dedup, cluster_events
from newsevents.store.export import export, gdelt_columns, gdelt_row, plover_record
from newsevents.store.rows import content_id, reading_rows
from newsevents.store.schema import columns, tables
from newsevents.store.stats import collect
from tests.conftest import shared_path


def _event(n: int, source: str, target: str | None, cameo: str, date: str | None, plover: str = "ASSAULT") -> dict:
    def actor(code: str) -> dict:
        return {"text": f"actor {code}", "start": 0, "end": 5, "country": code[:3], "agent": code[3:], "code": code}

    return {"id": f"e{n}", "evidence": f"evidence {n}", "start": 2, "end": 20, "trigger": "did",
            "source": actor(source), "target": actor(target) if target else None, "cameo": cameo,
            "cameo_root": cameo[:2], "quad_class": 4, "goldstein": -9.0, "plover": plover, "date": date,
            "place": {"name": "Mosul", "country": "IRQ", "lat": 36.34, "lon": 43.13},
            "mentions": [{"evidence": "again", "start": 30, "end": 35}], "reported_by": ["a ministry"],
            "quantity": {"text": "12", "value": 12, "unit": "people"}, "confidence": 0.8}


def _reading(title: str, published: str | None, events: list[dict]) -> dict:
    return {"document": {"title": title, "published": published, "published_from": "given",
                         "paragraphs": [{"start": 0, "end": 25, "zone": "body"}], "body": {"start": 0, "end": 99}},
            "events": events, "places": [{"name": "Mosul", "country": "IRQ", "kind": "city"}],
            "times": [{"text": "Monday", "start": 3, "end": 9, "type": "DATE", "value": "2021-05-03"}],
            "quotes": [{"text": "no", "start": 40, "end": 42, "kind": "direct", "speaker": "X",
                        "speaker_start": 0, "speaker_end": 1}]}


STORIES = [
    ("doc-a", "2021-05-03", [_event(1, "IRQMIL", "IRQREB", "190", "2021-05-03")]),
    ("doc-b", "2021-05-04", [_event(1, "IRQMIL", "IRQREB", "190", "2021-05-04"),
                             _event(2, "USAGOV", None, "010", "2021-05-04", "CONSULT")]),
    ("doc-c", "2021-05-06", [_event(1, "IRQMIL", "IRQREB", "190", None)]),  # undated: takes published
]


def fill(store) -> None:
    for doc_id, published, events in STORIES:
        store.write_batch(reading_rows(doc_id, f"{doc_id}.txt", _reading(doc_id, published, events), "m"))


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "events.duckdb"))
    fill(s)
    yield s
    s.close()


def test_schema_sql_columns_are_the_created_columns(store):
    for table, cols in tables().items():
        got = [r["column_name"] for r in store.query(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' "
            "ORDER BY ordinal_position").to_pylist()]
        assert got == [c for c, _ in cols], table


def test_writes_are_idempotent(store):
    before = {t: store.query(f"SELECT COUNT(*) AS n FROM {t}").to_pylist()[0]["n"] for t in tables()}
    fill(store)  # the same batches again: nothing doubled
    after = {t: store.query(f"SELECT COUNT(*) AS n FROM {t}").to_pylist()[0]["n"] for t in tables()}
    assert after == before
    assert before["documents"] == 3 and before["events"] == 4 and before["times"] == 3


def test_a_failed_batch_leaves_nothing(store):
    bad = reading_rows("doc-z", "z.txt", _reading("z", None, [_event(1, "FRAGOV", None, "010", None)]), "m")
    bad["events"][0]["quad_class"] = "not a number"
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.write_batch(bad)
    assert store.query("SELECT COUNT(*) AS n FROM documents WHERE id = 'doc-z'").to_pylist()[0]["n"] == 0
    assert store.done_ids()[0] == {"doc-a", "doc-b", "doc-c"}


def test_event_row_flattens_actors_place_and_lead(store):
    row = store.query("SELECT * FROM events WHERE doc_id = 'doc-b' AND event_id = 'e2'").to_pylist()[0]
    assert row["source_code"] == "USAGOV" and row["target_code"] is None
    assert row["place_kind"] == "city" and row["in_lead"] is True
    assert row["n_mentions"] == 2 and json.loads(row["mentions"])[0]["evidence"] == "again"
    assert row["quantity_value"] == 12.0


def test_content_id_depends_on_bytes_date_and_format():
    base = content_id(b"text", "2021-01-01", "auto")
    assert base == content_id("text", "2021-01-01", "auto")
    assert len({base, content_id(b"text!", "2021-01-01", "auto"), content_id(b"text", "2021-01-02", "auto"),
                content_id(b"text", "2021-01-01", "html")}) == 4


def test_dedup_merges_reports_within_the_window_from_the_first():
    rows = [{"doc_id": d, "event_id": "e1", "source_code": "A", "target_code": "B", "cameo": "190",
             "date": day, "n_mentions": 1, "published": None}
            for d, day in [("d1", "2021-01-01"), ("d2", "2021-01-02"), ("d3", "2021-01-03"), ("d4", None)]]
    dedup, members = cluster_events(rows, window_days=1)
    # d3 is 2 days after the first report: a new event, not chained through d2; d4 has no date
    assert sorted(json.loads(d["documents"]) for d in dedup) == [["d1", "d2"], ["d3"], ["d4"]]
    assert len(members) == 4
    wide, _ = cluster_events(rows, window_days=3)
    assert sorted(json.loads(d["documents"]) for d in wide) == [["d1", "d2", "d3"], ["d4"]]


def test_dedup_table_keeps_raw_events(store):
    assert build_dedup(store, window_days=1) == 3  # a+b merged; c (May 6) apart; the USAGOV event
    merged = store.query("SELECT * FROM events_dedup WHERE n_documents = 2").to_pylist()
    assert len(merged) == 1 and merged[0]["n_mentions"] == 4 and merged[0]["doc_id"] == "doc-a"
    assert store.query("SELECT COUNT(*) AS n FROM events").to_pylist()[0]["n"] == 4
    assert build_dedup(store, window_days=5) == 2


def test_gdelt_export_has_the_codebook_columns_and_values(store):
    ref = shared_path("reference", "raw", "gdelt_schema", "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    with open(ref, encoding="utf-8") as fh:
        names = [r["tableId"] for r in csv.DictReader(fh)]
    assert [c for c, _ in gdelt_columns()] == names
    out = io.StringIO()
    assert export(store, "gdelt", out) == 4
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == names
    rows = [dict(zip(names, line.split("\t"), strict=True)) for line in lines[1:]]
    c = next(r for r in rows if r["SOURCEURL"] == "doc-c.txt")
    assert c["SQLDATE"] == "20210506" and c["EventCode"] == "190" and c["EventRootCode"] == "19"
    assert c["Actor1CountryCode"] == "IRQ" and c["Actor1Type1Code"] == "MIL" and c["Actor2Type1Code"] == "REB"
    assert c["ActionGeo_CountryCode"] == "IZ" and c["ActionGeo_Type"] == "4"  # FIPS, world city
    assert c["QuadClass"] == "4" and c["NumMentions"] == "2" and c["IsRootEvent"] == "1"


def test_gdelt_dedup_export_counts_articles(store):
    build_dedup(store)
    out = io.StringIO()
    assert export(store, "gdelt", out, dedup=True) == 3
    rows = [line.split("\t") for line in out.getvalue().splitlines()[1:]]
    names = [c for c, _ in gdelt_columns()]
    assert sorted(r[names.index("NumArticles")] for r in rows) == ["1", "1", "2"]


def test_gdelt_actor_split_of_a_known_group():
    row = {"doc_id": "d", "event_id": "e1", "source_code": "NGOAMN", "source_country": "", "source_agent": "NGO",
           "target_code": None, "cameo": "0231", "date": "2020-02-29"}
    fields = dict(zip([c for c, _ in gdelt_columns()], gdelt_row(row), strict=True))
    assert fields["EventBaseCode"] == "023" and fields["Actor1Type1Code"] == "NGO"
    assert fields["Actor1Type2Code"] == "AMN" and fields["Actor2Code"] == ""


def test_plover_record(store):
    out = io.StringIO()
    export(store, "plover", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    consult = next(r for r in records if r["event"] == ["CONSULT"])
    assert consult["actor"] == [{"code": "USA", "sector": "GOV", "entity_text": "actor USAGOV"}]
    assert "recipient" not in consult and consult["quad_code"] == 1 and consult["date"] == "2021-05-04"
    assert plover_record({"doc_id": "d", "event_id": "e", "plover": None, "date": "2021-01-01"}) is None


def test_jsonl_csv_and_parquet_exports(store, tmp_path):
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    export(store, "jsonl", out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert isinstance(first["mentions"], list) and first["reported_by"] == ["a ministry"]
    out = io.StringIO()
    export(store, "csv", out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(table) == 4 and set(columns("events")) <= set(table[0])
    build_dedup(store)
    path = tmp_path / "events.parquet"
    export(store, "parquet", str(path), dedup=True)
    frame = pd.read_parquet(path)
    assert len(frame) == 3 and frame["n_documents"].max() == 2


def test_stats_counts(store):
    build_dedup(store)
    stats = collect(store)
    assert stats["totals"]["events"] == 4 and stats["totals"]["distinct events (cross-story dedup)"] == 3
    assert dict(stats["events by PLOVER type"]) == {"ASSAULT": 3, "CONSULT": 1}
    assert dict(stats["events by day"])["2021-05-04"] == 2
    assert dict(stats["events by source country"])["IRQ"] == 3


def test_export_and_stats_commands(tmp_path, capsys):
    from newsevents.cli import main as cli_main

    path = str(tmp_path / "cli.duckdb")
    with open_store(path) as s:
        fill(s)
        build_dedup(s)
    out = tmp_path / "events.tsv"
    assert cli_main(["export", "--store", path, "--format", "gdelt", "--out", str(out), "--dedup"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and len(lines[1].split("\t")) == 61
    assert cli_main(["export", "--store", path, "--format", "parquet"]) == 2  # parquet needs --out
    capsys.readouterr()
    assert cli_main(["stats", "--store", path, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["totals"]["documents"] == 3
    assert {"key": "ASSAULT", "count": 3} in stats["events by PLOVER type"]
    assert cli_main(["stats", "--store", str(tmp_path / "missing.duckdb")]) == 1
