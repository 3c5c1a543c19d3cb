"""DuckDB backend: bulk loads through Arrow, one transaction per batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.store import Store
from newsevents.store.schema import BATCH_TABLES, columns, statements, to_arrow


class DuckDBStore(Store):
    kind = "duckdb"

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"no store at {path}")
        if not read_only and Path(path).parent != Path(""):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(path, read_only=read_only)
        if not read_only:  # all tables or none, even if the process is killed here
            self.con.execute("BEGIN TRANSACTION")
            for stmt in statements():
                self.con.execute(stmt)
            self.con.execute("COMMIT")

    def done_ids(self) -> tuple[set[str], set[str]]:
        docs = {r[0] for r in self.con.execute("SELECT id FROM documents").fetchall()}
        errs = {r[0] for r in self.con.execute("SELECT id FROM errors").fetchall()}
        return docs, errs

    def _insert(self, table: str, data: pa.Table) -> None:
        cols = ", ".join(columns(table))
        self.con.register("_batch", data)
        try:
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def write_batch(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in BATCH_TABLES:
                if rows.get(table):
                    self._insert(table, to_arrow(table, _unique(table, rows[table])))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def replace_rows(self, tables: dict[str, pa.Table]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, data in tables.items():
                self.con.execute(f"DELETE FROM {table}")
                if data.num_rows:
                    self._insert(table, data)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def query(self, sql: str) -> pa.Table:
        result = self.con.sql(sql)
        for name in ("to_arrow_table", "fetch_arrow_table", "arrow"):  # the name moved across versions
            if hasattr(result, name):
                out = getattr(result, name)()
                return out.read_all() if isinstance(out, pa.RecordBatchReader) else out
        raise RuntimeError("this duckdb cannot return Arrow tables")

    def close(self) -> None:
        self.con.close()


_KEYS = {"documents": ("id",), "errors": ("id",), "sources": ("doc_id", "source"),
         "events": ("doc_id", "event_id"), "times": ("doc_id", "idx"), "places": ("doc_id", "idx"),
         "quotes": ("doc_id", "idx")}


def _unique(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop rows whose key repeats within one batch (INSERT OR IGNORE only sees stored rows)."""
    key = _KEYS.get(table)
    if not key:
        return rows
    seen: set[tuple] = set()
    out = []
    for row in rows:
        k = tuple(row.get(c) for c in key)
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


unique_rows = _unique
