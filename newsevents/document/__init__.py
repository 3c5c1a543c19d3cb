"""The document stage: raw input (text capture, HTML) -> clean Document with true offsets.

The publication date comes from, in order: the caller (`given`), the dateline, a metadata line
in the text or the HTML metadata, and only as a last resort the page header date, which is
usually the capture date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsevents.document.capture import read_capture
from newsevents.document.dates import parse_date_text, parse_month_day
from newsevents.document.decode import check_text, decode_bytes, looks_like_html
from newsevents.document.html import read_html
from newsevents.errors import InputError
from newsevents.reading import Document

FORMATS = ("auto", "text", "html")
_METADATA_LINE = re.compile(
    r"^\s*(?:[^|\n]{1,60}\|\s*)?(?:published|posted|updated|last updated|first published|date|this story is from)\s*(?:on|:)?\s*(?P<date>.{6,40})$",
    re.I | re.M)
# Rule "update stamp": "Updated: 2021-03-04 09:15" anywhere near the top, the time a page was
# last changed. It dates the story only when no dateline, publication line or story name does.
_UPDATE_STAMP = re.compile(r"\b(?:last\s+)?updated\s*(?:on|at)?\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})", re.I)
_UPDATE_KEYWORD = re.compile(r"^\s*(?:[^|\n]{1,60}\|\s*)?(?:last\s+)?updated\b", re.I)
# Rule "date in the story's name": year, month, day in a URL or file name, separated or compact.
_NAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-_./]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?=\D|$|\d)"
    # a wire id with a two-digit year between letters ("SAP140527S1814")
    r"|(?<=[A-Z])(?P<yy>\d{2})(?P<mm>[01]\d)(?P<dd>[0-3]\d)(?=[A-Z])")


@dataclass
class DocumentInput:
    """One story to read: its text or bytes, where it came from, and what the caller knows."""

    data: str | bytes
    source: str = "<text>"
    format: str = "auto"
    published: str | dt.date | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    max_bytes: int | None = None


def normalize_published(value: str | dt.date | None, source: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(source, f"published date {value!r} is not YYYY-MM-DD", stage="arguments") from None


def read_document(item: DocumentInput) -> tuple[str, Document, list[int]]:
    """Decode and take apart one input. Returns the raw text (offset space), the Document,
    and the raw offsets where the NLP view must break glued segments."""
    if item.format not in FORMATS:
        raise InputError(item.source, f"unknown format {item.format!r} (expected one of {', '.join(FORMATS)})")
    given = normalize_published(item.published, item.source)
    if isinstance(item.data, bytes):
        text = decode_bytes(item.data, item.source, item.max_bytes)
    else:
        text = item.data
        check_text(text, item.source, item.max_bytes)
    fmt = item.format
    if fmt == "auto":
        fmt = "html" if looks_like_html(text) else "text"
    breaks: list[int] = []
    if fmt == "html":
        raw, doc = read_html(text, item.source)
    else:
        raw = text
        doc, breaks = read_capture(raw)
        if doc.body["end"] <= doc.body["start"]:
            raise InputError(item.source, "no article body found (the text is all page furniture)")
    doc.id = item.id
    if item.url:
        doc.url = item.url
    if item.title and not doc.title:
        doc.title = item.title
    _set_published(doc, raw, given, _date_in_name(item.url, item.source))
    return raw, doc, breaks


def _date_in_name(*names: str | None) -> str | None:
    """A publication date written in the story's URL or file name ("/2017/06/05/",
    "2015-11-19_...", "SAPAP_20160220181206000"): metadata the publisher stamped on the story."""
    for name in names:
        if not name or name.startswith("<"):
            continue
        tail = name.rsplit("://", 1)[-1]
        for m in _NAME_DATE.finditer(tail):
            try:
                if m.group("yy"):
                    day = dt.date(2000 + int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
                else:
                    day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            if 1990 <= day.year <= dt.date.today().year:
                return day.isoformat()
    return None


def _set_published(doc: Document, raw: str, given: str | None, name_date: str | None = None) -> None:
    if given:
        doc.published, doc.published_from = given, "given"
        return
    dateline_date = _date_from_dateline(doc, raw, name_date)
    if dateline_date:
        doc.published, doc.published_from = dateline_date, "dateline"
        return
    if doc.published and doc.published_from == "metadata":
        return
    # an update stamp is later than publication: read only when no publication line or story
    # name dates the story, but before the page header date (the capture date)
    date = _metadata_date(raw, updates=False) or name_date or _metadata_date(raw, updates=True)
    if date:
        doc.published, doc.published_from = date, "metadata"
        return
    if doc.page_header_date:
        doc.published, doc.published_from = doc.page_header_date, "header"
        return
    doc.published, doc.published_from = None, "unknown"


def _metadata_date(raw: str, updates: bool) -> str | None:
    """The first date of a metadata line near the top: publication lines, or (with `updates`)
    update stamps, also one run onto another line ("... Updated: 2021-03-04 09:15")."""
    head = raw[:3000]
    lines = [m for m in _METADATA_LINE.finditer(head) if bool(_UPDATE_KEYWORD.match(m.group())) == updates]
    if updates:
        lines = sorted([*lines, *_UPDATE_STAMP.finditer(head)], key=lambda m: m.start())
    return next((d for d in (parse_date_text(m.group("date")) for m in lines) if d), None)


def _date_from_dateline(doc: Document, raw: str, name_date: str | None = None) -> str | None:
    """A dateline date; when it has no year, the year is the latest one that puts the day on or
    before the date stamped in the story's name, else on or before the page header date."""
    if not doc.dateline:
        return None
    full = parse_date_text(doc.dateline)
    if full:
        return full
    md = parse_month_day(doc.dateline)
    if not md:
        return None
    reference = name_date or doc.page_header_date
    if not reference:
        return None  # a month and day with no year to put them in
    # the stamp may be in UTC or the capture a day off: a dateline day may run two days past it
    ceiling = dt.date.fromisoformat(reference) + dt.timedelta(days=2)
    for year in (ceiling.year, ceiling.year - 1):
        try:
            day = dt.date(year, *md)
        except ValueError:
            continue
        if day <= ceiling:
            return day.isoformat()
    return None


__all__ = ["DocumentInput", "FORMATS", "read_document"]
