"""Cross-story dedup: the same event told by many stories becomes one event with its mentions.

Rule (GDELT's Mentions idea): events with the same source actor code, target actor code and
CAMEO code whose dates fall within `window_days` of the first report of the group are one
event. Within each (source, target, cameo) group the events are sorted by date; a new event
starts when a date is more than the window after the current event's first date (so a month of
daily protests is not chained into one). An event without a date takes its story's published
date; with neither it stands alone. The raw per-story events stay in `events`; the result is in
`events_dedup` (one row per distinct event, its mention count and its documents) and
`events_dedup_members` (which raw event belongs to which).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pyarrow as pa

from newsevents.store.schema import arrow_schema

_SQL = """
SELECT e.doc_id, e.event_id, e.source_code, e.target_code, e.cameo, e.date, e.n_mentions, d.published
FROM events e LEFT JOIN documents d ON d.id = e.doc_id
"""


def _day(value: Any) -> dt.date | None:
    if not value or len(str(value)) < 10:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def cluster_events(rows: list[dict[str, Any]], window_days: float = 1.0) -> tuple[list[dict], list[dict]]:
    """(events_dedup rows, events_dedup_members rows) for raw event rows."""
    keyed = []
    for r in rows:
        day = _day(r.get("date")) or _day(r.get("published"))
        key = (r.get("source_code") or "", r.get("target_code") or "", r.get("cameo") or "")
        keyed.append((key, day, r))
    # dated events first by key and date; undated ones sort last and stand alone
    keyed.sort(key=lambda k: (k[0], k[1] is None, k[1] or dt.date.min, k[2]["doc_id"], k[2]["event_id"]))
    groups: list[list[tuple]] = []
    for key, day, r in keyed:
        last = groups[-1] if groups else None
        if (last and day is not None and last[0][0] == key and last[0][1] is not None
                and (day - last[0][1]).days <= window_days):
            last.append((key, day, r))
        else:
            groups.append([(key, day, r)])
    dedup, members = [], []
    for group in groups:
        key, first_day, rep = group[0]
        dedup_id = hashlib.sha256(f"{rep['doc_id']}\0{rep['event_id']}".encode()).hexdigest()[:24]
        docs = sorted({r["doc_id"] for _, _, r in group})
        days = [d for _, d, _ in group if d is not None]
        dedup.append({
            "dedup_id": dedup_id, "source_code": key[0] or None, "target_code": key[1] or None,
            "cameo": key[2] or None, "first_date": first_day.isoformat() if first_day else None,
            "last_date": max(days).isoformat() if days else None, "window_days": int(window_days),
            "n_events": len(group), "n_documents": len(docs),
            "n_mentions": sum(int(r.get("n_mentions") or 1) for _, _, r in group),
            "doc_id": rep["doc_id"], "event_id": rep["event_id"], "documents": json.dumps(docs),
        })
        members += [{"dedup_id": dedup_id, "doc_id": r["doc_id"], "event_id": r["event_id"]} for _, _, r in group]
    return dedup, members


def build_dedup(store: Any, window_days: float = 1.0) -> int:
    """Rebuild events_dedup and events_dedup_members from the raw events; returns the event count."""
    rows = store.query(_SQL).to_pylist()
    dedup, members = cluster_events(rows, window_days)
    store.replace_rows({
        "events_dedup": pa.Table.from_pylist(dedup, schema=arrow_schema("events_dedup")),
        "events_dedup_members": pa.Table.from_pylist(members, schema=arrow_schema("events_dedup_members")),
    })
    return len(dedup)
