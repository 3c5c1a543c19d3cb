"""Queries the service runs against the event store (DuckDB file or PostgreSQL URL).

The store is written by `newsevents.store` (its schema is newsevents/store/schema.sql); the
service only reads it, through short-lived read-only connections with bound parameters (the
store's own `query(sql)` takes no parameters, and filters come from the network). The queries
are kept here, in one place, against that schema: `documents` keyed by `id`; `events`, `times`,
`places`, `quotes` keyed by `doc_id` (+ `event_id` / `idx`), events with `source_code`,
`source_country`, `target_code`, `target_country`, `cameo`, `cameo_root`, `quad_class`, `plover`,
`date` (ISO text), `place_name`, `place_lat`, `place_lon`, ... A filter whose column the store lacks is refused with a clear reason rather than
silently ignored, so a schema change shows up as an error and not as wrong numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.store import is_postgres

PLACEHOLDER = "\x00?"  # replaced by the driver's parameter marker when the SQL is run


class StoreError(Exception):
    """The store is missing, unreadable, or lacks what a query needs (answered with 4xx/503)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class EventFilters:
    """What GET /events filters on; every field is optional."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    actor: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    doc_id: str | None = None

    def normalized(self) -> EventFilters:
        """Check and canonicalize the values (dates ISO, codes upper case, CAMEO root 2 digits)."""
        out = EventFilters(**self.__dict__)
        for name in ("date_from", "date_to"):
            value = getattr(out, name)
            if value:
                try:
                    setattr(out, name, dt.date.fromisoformat(value.strip()[:10]).isoformat())
                except ValueError:
                    raise StoreError(f"{name} {value!r} is not a date YYYY-MM-DD", 422) from None
        if out.country:
            out.country = out.country.strip().upper()
            if not re.fullmatch(r"[A-Z]{3}", out.country):
                raise StoreError(f"country {out.country!r} is not an ISO 3166 alpha-3 code", 422)
        if out.actor:
            out.actor = out.actor.strip().upper()
            if not re.fullmatch(r"[A-Z0-9]{1,30}", out.actor):
                raise StoreError(f"actor {out.actor!r} is not a CAMEO actor code", 422)
        if out.cameo_root:
            root = out.cameo_root.strip()
            if not re.fullmatch(r"\d{1,2}", root) or not 1 <= int(root) <= 20:
                raise StoreError(f"cameo_root {root!r} is not a CAMEO root code 01-20", 422)
            out.cameo_root = f"{int(root):02d}"
        if out.plover:
            out.plover = out.plover.strip().upper()
        if out.quad_class is not None and out.quad_class not in (1, 2, 3, 4):
            raise StoreError(f"quad_class {out.quad_class} is not one of 1, 2, 3, 4", 422)
        return out


@contextmanager
def _connect(store: str) -> Iterator[tuple[Any, str]]:
    """A short-lived read-only connection and the driver's parameter marker."""
    if is_postgres(store):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a declared dependency
            raise StoreError("PostgreSQL store given but psycopg is not installed", 503) from None
        try:
            conn = psycopg.connect(store)
        except Exception as err:  # noqa: BLE001 - any driver error means the store is unreachable
            raise StoreError(f"cannot connect to the store: {err}", 503) from None
        try:
            yield conn, "%s"
        finally:
            conn.close()
        return
    import duckdb

    if not Path(store).exists():
        raise StoreError(f"store {store} does not exist", 503)
    try:
        conn = duckdb.connect(store, read_only=True)
    except Exception as err:  # noqa: BLE001 - locked or not a DuckDB file
        raise StoreError(f"cannot open the store: {err}", 503) from None
    try:
        yield conn, "?"
    finally:
        conn.close()


def _run(conn: Any, marker: str, sql: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    cur = conn.cursor() if hasattr(conn, "cursor") else conn
    cur.execute(sql.replace(PLACEHOLDER, marker), params)
    columns = [d[0] for d in cur.description]
    return columns, cur.fetchall()


def _columns(conn: Any, marker: str, table: str) -> set[str]:
    _, rows = _run(conn, marker, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                   + PLACEHOLDER, [table])
    if not rows:
        raise StoreError(f"the store has no table {table!r}", 503)
    return {r[0] for r in rows}


def _where(filters: EventFilters, columns: set[str]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    p = PLACEHOLDER

    def need(*names: str) -> None:
        missing = [n for n in names if n not in columns]
        if missing:
            raise StoreError(f"the store's events table has no column {', '.join(missing)}", 400)

    if filters.date_from:
        need("date")
        clauses.append(f"substr(CAST(date AS VARCHAR), 1, 10) >= {p}")
        params.append(filters.date_from)
    if filters.date_to:
        need("date")
        clauses.append(f"substr(CAST(date AS VARCHAR), 1, 10) <= {p}")
        params.append(filters.date_to)
    if filters.country:
        need("source_country", "target_country")
        clauses.append(f"(source_country = {p} OR target_country = {p})")
        params += [filters.country, filters.country]
    if filters.actor:  # a prefix: "PRK" matches PRKGOV and PRKMIL
        need("source_code", "target_code")
        clauses.append(f"(source_code LIKE {p} OR target_code LIKE {p})")
        params += [filters.actor + "%", filters.actor + "%"]
    if filters.cameo_root:
        need("cameo_root")
        clauses.append(f"lpad(CAST(cameo_root AS VARCHAR), 2, '0') = {p}")
        params.append(filters.cameo_root)
    if filters.plover:
        need("plover")
        clauses.append(f"upper(plover) = {p}")
        params.append(filters.plover)
    if filters.quad_class is not None:
        need("quad_class")
        clauses.append(f"quad_class = {p}")
        params.append(filters.quad_class)
    if filters.doc_id:
        need("doc_id")
        clauses.append(f"CAST(doc_id AS VARCHAR) = {p}")
        params.append(filters.doc_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


JSON_COLUMNS = {"mentions", "reported_by", "documents"}  # TEXT columns that hold JSON lists


def _jsonable(value: Any, column: str = "") -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "as_integer_ratio") and not isinstance(value, (int, float)):  # Decimal
        return float(value)
    if column in JSON_COLUMNS and isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _rows(columns: list[str], rows: list[tuple]) -> list[dict[str, Any]]:
    return [{c: _jsonable(v, c) for c, v in zip(columns, row, strict=True)} for row in rows]


def query_events(store: str, filters: EventFilters, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """One page of events matching the filters, newest first, and the total count."""
    filters = filters.normalized()
    with _connect(store) as (conn, marker):
        columns = _columns(conn, marker, "events")
        where, params = _where(filters, columns)
        order = [c for c in ("date", "doc_id", "event_id") if c in columns]
        order_sql = " ORDER BY " + ", ".join(f"{c} {'DESC' if c == 'date' else 'ASC'}" for c in order) if order else ""
        _, total = _run(conn, marker, f"SELECT count(*) FROM events{where}", params)
        names, rows = _run(conn, marker,
                           f"SELECT * FROM events{where}{order_sql} LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return {"total": int(total[0][0]), "limit": limit, "offset": offset, "events": _rows(names, rows)}


SERIES_KEYS = {"quad_class": "quad_class", "plover": "plover", "cameo_root": "cameo_root"}
INTERVALS = {"day": 10, "month": 7, "year": 4}


def event_series(store: str, filters: EventFilters, by: str = "quad_class", interval: str = "month") -> dict[str, Any]:
    """Event counts per period (day/month/year of the event date) and per QuadClass or PLOVER type."""
    if by not in SERIES_KEYS:
        raise StoreError(f"by must be one of {', '.join(SERIES_KEYS)}", 422)
    if interval not in INTERVALS:
        raise StoreError(f"interval must be one of {', '.join(INTERVALS)}", 422)
    filters = filters.normalized()
    width = INTERVALS[interval]
    with _connect(store) as (conn, marker):
        columns = _columns(conn, marker, "events")
        if "date" not in columns or SERIES_KEYS[by] not in columns:
            raise StoreError(f"the store's events table lacks date or {by}", 400)
        where, params = _where(filters, columns)
        dated = " AND date IS NOT NULL" if where else " WHERE date IS NOT NULL"
        key = SERIES_KEYS[by]
        _, rows = _run(conn, marker,
                       f"SELECT substr(CAST(date AS VARCHAR), 1, {width}) AS period, CAST({key} AS VARCHAR) AS key, "
                       f"count(*) AS n FROM events{where}{dated} GROUP BY 1, 2 ORDER BY 1, 2", params)
    return {"by": by, "interval": interval,
            "series": [{"period": r[0], "key": r[1], "count": int(r[2])} for r in rows]}


def get_document(store: str, doc_id: str) -> dict[str, Any]:
    """The stored document row with its times, places and quotes (the text itself is not stored)."""
    with _connect(store) as (conn, marker):
        key = "id" if "id" in _columns(conn, marker, "documents") else "doc_id"
        names, rows = _run(conn, marker,
                           f"SELECT * FROM documents WHERE CAST({key} AS VARCHAR) = {PLACEHOLDER} LIMIT 1", [doc_id])
        if not rows:
            raise StoreError(f"no document {doc_id!r} in the store", 404)
        out: dict[str, Any] = {"document": _rows(names, rows)[0]}
        for table in ("times", "places", "quotes"):
            try:
                columns = _columns(conn, marker, table)
            except StoreError:
                continue
            order = " ORDER BY idx" if "idx" in columns else ""
            t_names, t_rows = _run(conn, marker, f"SELECT * FROM {table} WHERE CAST(doc_id AS VARCHAR) = "
                                                 f"{PLACEHOLDER}{order}", [doc_id])
            out[table] = _rows(t_names, t_rows)
    return out
