"""PostgreSQL backend (psycopg 3): COPY into a session-temporary staging table, then one
INSERT ... ON CONFLICT DO NOTHING per table, all in the batch's transaction."""

from __future__ import annotations

from typing import Any

import psycopg
import pyarrow as pa

from newsevents.store import Store
from newsevents.store.duckdb import unique_rows
from newsevents.store.schema import BATCH_TABLES, arrow_schema, columns, statements


class PostgresStore(Store):
    kind = "postgres"

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.conn = psycopg.connect(dsn, autocommit=False)
        with self.conn.transaction():
            for stmt in statements():
                self.conn.execute(stmt)
        self._staged: set[str] = set()

    def done_ids(self) -> tuple[set[str], set[str]]:
        with self.conn.cursor() as cur:
            docs = {r[0] for r in cur.execute("SELECT id FROM documents")}
            errs = {r[0] for r in cur.execute("SELECT id FROM errors")}
        self.conn.commit()
        return docs, errs

    def _copy_in(self, table: str, rows: list[tuple]) -> None:
        cols = columns(table)
        stage = f"_stage_{table}"
        if stage not in self._staged:
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table}) ON COMMIT DELETE ROWS")
            self._staged.add(stage)
        names = ", ".join(cols)
        with self.conn.cursor() as cur:
            with cur.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cur.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING")
            cur.execute(f"DELETE FROM {stage}")

    def write_batch(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        with self.conn.transaction():
            for table in BATCH_TABLES:
                if rows.get(table):
                    cols = columns(table)
                    self._copy_in(table, [tuple(r.get(c) for c in cols) for r in unique_rows(table, rows[table])])

    def replace_rows(self, tables: dict[str, pa.Table]) -> None:
        with self.conn.transaction():
            for table, data in tables.items():
                self.conn.execute(f"DELETE FROM {table}")
                cols = columns(table)
                data = data.select(cols)
                self._copy_in(table, [tuple(r[c] for c in cols) for r in data.to_pylist()])

    def query(self, sql: str) -> pa.Table:
        with self.conn.cursor() as cur:
            cur.execute(sql)
            names = [d.name for d in cur.description]
            rows = cur.fetchall()
        self.conn.commit()
        data = {n: [r[i] for r in rows] for i, n in enumerate(names)}
        types = _known_types()
        schema = pa.schema([(n, types.get(n, _guess(data[n]))) for n in names])
        return pa.table(data, schema=schema)

    def close(self) -> None:
        self.conn.close()


def _known_types() -> dict[str, pa.DataType]:
    """Column name -> Arrow type over all tables (names are typed the same wherever they occur)."""
    out: dict[str, pa.DataType] = {}
    from newsevents.store.schema import tables

    for table in tables():
        for f in arrow_schema(table):
            out.setdefault(f.name, f.type)
    return out


def _guess(values: list) -> pa.DataType:
    for v in values:
        if v is not None:
            return pa.array([v]).type
    return pa.string()
