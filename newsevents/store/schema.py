"""The store's tables and columns, read from schema.sql so the DDL stays the one definition."""

from __future__ import annotations

import functools
import re
from importlib import resources

import pyarrow as pa

_CREATE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", re.S)
_COLUMN = re.compile(r"^\s*(\w+)\s+(TEXT|BIGINT|DOUBLE PRECISION|BOOLEAN)\b", re.M)
_ARROW = {"TEXT": pa.string(), "BIGINT": pa.int64(), "DOUBLE PRECISION": pa.float64(), "BOOLEAN": pa.bool_()}

# Tables a batch writes, in the order they are written.
BATCH_TABLES = ("documents", "sources", "events", "times", "places", "quotes", "errors")


@functools.cache
def schema_sql() -> str:
    return resources.files("newsevents.store").joinpath("schema.sql").read_text(encoding="utf-8")


@functools.cache
def tables() -> dict[str, list[tuple[str, str]]]:
    """Table name -> [(column, SQL type)] in schema order."""
    out = {}
    for name, body in _CREATE.findall(schema_sql()):
        out[name] = [(m.group(1), m.group(2)) for m in _COLUMN.finditer(body)]
    return out


def columns(table: str) -> list[str]:
    return [c for c, _ in tables()[table]]


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(c, _ARROW[t]) for c, t in tables()[table]])


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) as an Arrow table with the store's column types; missing keys are null."""
    return pa.Table.from_pylist(rows, schema=arrow_schema(table))


def statements() -> list[str]:
    """The CREATE statements of schema.sql, comments removed."""
    text = re.sub(r"--[^\n]*", "", schema_sql())
    return [s.strip() for s in text.split(";") if s.strip()]
