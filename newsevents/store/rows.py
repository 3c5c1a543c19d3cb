"""A Reading (as its JSON dict) flattened into the store's table rows.

Runs inside the workers, so the main process only concatenates and loads.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from newsevents.errors import InputError


def content_id(data: str | bytes, published: Any, fmt: str) -> str:
    """The document key: sha256 of the input bytes, the given published date and the format.

    The same bytes read with another date or format are another reading, hence in the key.
    """
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    h = hashlib.sha256(raw)
    h.update(b"\0" + str(published or "").encode() + b"\0" + fmt.encode())
    return h.hexdigest()


def error_id(source: str, message: str) -> str:
    """Key of an error row for an input with no content to hash (missing file, bad feed line)."""
    return hashlib.sha256(f"error\0{source}\0{message}".encode("utf-8", errors="replace")).hexdigest()


def error_row(row_id: str, err: InputError) -> dict[str, Any]:
    return {"id": row_id, "source": err.source, "stage": err.stage, "message": err.reason}


def _actor(prefix: str, actor: dict | None) -> dict[str, Any]:
    actor = actor or {}
    return {f"{prefix}_{k}": actor.get(k) for k in ("text", "start", "end", "country", "agent", "code", "name")}


def _lead_end(document: dict) -> int:
    """End of the first body paragraph: events before it are the story's lead (GDELT IsRootEvent)."""
    for p in document.get("paragraphs") or []:
        if p.get("zone") == "body":
            return int(p["end"])
    return int((document.get("body") or {}).get("end") or 0)


def _place_kind(place: dict | None, places: list[dict]) -> str | None:
    if not place:
        return None
    if place.get("kind"):
        return place["kind"]
    for p in places:
        if p.get("name") == place.get("name") and p.get("country") == place.get("country"):
            return p.get("kind")
    return None


def event_row(doc_id: str, ev: dict, lead_end: int, places: list[dict]) -> dict[str, Any]:
    place = ev.get("place") or {}
    quantity = ev.get("quantity") or {}
    mentions = ev.get("mentions") or []
    start = ev.get("start")
    row = {"doc_id": doc_id, "event_id": ev.get("id")}
    row |= _actor("source", ev.get("source"))
    row |= _actor("target", ev.get("target"))
    row |= {
        "trigger": ev.get("trigger"), "cameo": ev.get("cameo"), "cameo_root": ev.get("cameo_root"),
        "quad_class": ev.get("quad_class"), "goldstein": _float(ev.get("goldstein")),
        "plover": ev.get("plover"), "date": ev.get("date"), "time": ev.get("time"),
        "place_name": place.get("name"), "place_country": place.get("country"),
        "place_lat": _float(place.get("lat")), "place_lon": _float(place.get("lon")),
        "place_kind": _place_kind(ev.get("place"), places),
        "modality": ev.get("modality"), "background": bool(ev.get("background")),
        "from_caption": bool(ev.get("from_caption")),
        "in_lead": start is not None and start < lead_end and not ev.get("from_caption"),
        "reported_by": json.dumps(ev.get("reported_by") or [], ensure_ascii=False),
        "quantity_text": quantity.get("text"), "quantity_value": _float(quantity.get("value")),
        "quantity_unit": quantity.get("unit"), "confidence": _float(ev.get("confidence")),
        "evidence": ev.get("evidence"), "start_char": start, "end_char": ev.get("end"),
        "n_mentions": 1 + len(mentions), "mentions": json.dumps(mentions, ensure_ascii=False),
    }
    return row


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def reading_rows(doc_id: str, source: str, reading: dict, model: str) -> dict[str, list[dict]]:
    """Table name -> rows for one reading."""
    d = reading.get("document") or {}
    body = d.get("body") or {}
    places = reading.get("places") or []
    doc = {
        "id": doc_id, "source": source, "title": d.get("title"), "published": d.get("published"),
        "published_from": d.get("published_from"), "page_header_date": d.get("page_header_date"),
        "dateline": d.get("dateline"), "dateline_place": d.get("dateline_place"), "url": d.get("url"),
        "source_format": d.get("source_format"), "body_start": body.get("start"), "body_end": body.get("end"),
        "n_events": len(reading.get("events") or []), "n_times": len(reading.get("times") or []),
        "n_places": len(places), "n_quotes": len(reading.get("quotes") or []),
        "n_actors": len(reading.get("actors") or []), "model": model,
    }
    lead_end = _lead_end(d)
    times = [{"doc_id": doc_id, "idx": i, "text": t.get("text"), "start_char": t.get("start"),
              "end_char": t.get("end"), "type": t.get("type"), "value": t.get("value"), "mod": t.get("mod"),
              "begin_value": t.get("begin"), "end_date": t.get("end_date"), "anchor": t.get("anchor")}
             for i, t in enumerate(reading.get("times") or [])]
    place_rows = [{"doc_id": doc_id, "idx": i, "text": p.get("text"), "start_char": p.get("start"),
                   "end_char": p.get("end"), "name": p.get("name"), "kind": p.get("kind"),
                   "country": p.get("country"), "lat": _float(p.get("lat")), "lon": _float(p.get("lon")),
                   "geonameid": p.get("geonameid")}
                  for i, p in enumerate(places)]
    quotes = [{"doc_id": doc_id, "idx": i, "text": q.get("text"), "start_char": q.get("start"),
               "end_char": q.get("end"), "kind": q.get("kind"), "speaker": q.get("speaker"),
               "speaker_start": q.get("speaker_start"), "speaker_end": q.get("speaker_end"), "cue": q.get("cue")}
              for i, q in enumerate(reading.get("quotes") or [])]
    events = [event_row(doc_id, ev, lead_end, places) for ev in reading.get("events") or []]
    return {"documents": [doc], "sources": [{"doc_id": doc_id, "source": source}], "events": events,
            "times": times, "places": place_rows, "quotes": quotes}
