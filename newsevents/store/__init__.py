"""The event store: readings as tables in DuckDB (default) or PostgreSQL, one schema (schema.sql).

`open_store(target)` gives a Store for a path (DuckDB) or a postgresql:// URL. Only the process
that runs `newsevents run` writes; each batch goes in one transaction, so a killed run leaves
whole batches and a rerun skips what is stored.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa


class Store:
    """What the runner, dedup, export and stats need from a database."""

    kind = "store"

    def done_ids(self) -> tuple[set[str], set[str]]:
        """Ids of the stored documents, and of the stored error rows."""
        raise NotImplementedError

    def write_batch(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Insert the rows of all tables in one transaction; rows already present are kept."""
        raise NotImplementedError

    def replace_rows(self, tables: dict[str, pa.Table]) -> None:
        """Empty the given tables and fill them, in one transaction (for derived tables)."""
        raise NotImplementedError

    def query(self, sql: str) -> pa.Table:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str, read_only: bool = False) -> Store:
    """A Store for a DuckDB file path or a PostgreSQL URL; creates the tables if missing."""
    if is_postgres(target):
        from newsevents.store.postgres import PostgresStore

        return PostgresStore(target)
    from newsevents.store.duckdb import DuckDBStore

    return DuckDBStore(target, read_only=read_only)
