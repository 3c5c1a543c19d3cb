"""count the stored documents and events by day, country, QuadClass and PLOVER type

    newsevents stats --store events.duckdb [--json] [--top 20]
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

# name -> SQL giving (key, count) rows; the same SQL runs on DuckDB and PostgreSQL.
QUERIES = {
    "documents by published day": "SELECT published AS k, COUNT(*) AS n FROM documents GROUP BY published",
    "events by day": "SELECT date AS k, COUNT(*) AS n FROM events GROUP BY date",
    "events by source country": "SELECT source_country AS k, COUNT(*) AS n FROM events GROUP BY source_country",
    "events by target country": "SELECT target_country AS k, COUNT(*) AS n FROM events GROUP BY target_country",
    "events by place country": "SELECT place_country AS k, COUNT(*) AS n FROM events GROUP BY place_country",
    "events by QuadClass": "SELECT CAST(quad_class AS TEXT) AS k, COUNT(*) AS n FROM events GROUP BY quad_class",
    "events by PLOVER type": "SELECT plover AS k, COUNT(*) AS n FROM events GROUP BY plover",
}
TOTALS = {
    "documents": "SELECT COUNT(*) AS n FROM documents",
    "events": "SELECT COUNT(*) AS n FROM events",
    "distinct events (cross-story dedup)": "SELECT COUNT(*) AS n FROM events_dedup",
    "error rows": "SELECT COUNT(*) AS n FROM errors",
}
_BY_KEY = {"events by day", "documents by published day", "events by QuadClass"}


def collect(store: Any) -> dict[str, Any]:
    """Totals and the count tables; days and QuadClass sorted by key, the others by count."""
    out: dict[str, Any] = {"totals": {name: store.query(sql).to_pylist()[0]["n"] for name, sql in TOTALS.items()}}
    for name, sql in QUERIES.items():
        rows = [(r["k"], r["n"]) for r in store.query(sql).to_pylist()]
        if name in _BY_KEY:
            rows.sort(key=lambda kv: (kv[0] is None, kv[0] or ""))
        else:
            rows.sort(key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))
        out[name] = rows
    return out


def render(stats: dict[str, Any], top: int = 20) -> str:
    lines = [f"{name}: {n}" for name, n in stats["totals"].items()]
    for name in QUERIES:
        rows = stats[name]
        lines.append("")
        lines.append(f"{name} ({len(rows)} values{f', first {top}' if len(rows) > top else ''})")
        for key, n in rows[:top]:
            lines.append(f"  {'(none)' if key in (None, '') else key:<24} {n:>8}")
    return "\n".join(lines)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", required=True, help="PATH.duckdb or postgresql://...")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.add_argument("--top", type=int, default=20, help="rows per table in the text view")


def main(args: argparse.Namespace) -> int:
    from newsevents.store import open_store

    try:
        store = open_store(args.store, read_only=True)
    except Exception as err:  # noqa: BLE001
        print(f"newsevents stats: cannot open the store {args.store}: {err}", file=sys.stderr)
        return 1
    try:
        stats = collect(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps({k: (v if k == "totals" else [{"key": a, "count": b} for a, b in v])
                          for k, v in stats.items()}, ensure_ascii=False, indent=2))
    else:
        print(render(stats, args.top))
    return 0
