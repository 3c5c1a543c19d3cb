"""Dates written in page furniture, datelines and metadata lines."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MD = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})\b")


def _month(name: str) -> int | None:
    return MONTHS.get(name[:3].lower()) if name[:3].lower() in MONTHS else None


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date_text(text: str) -> str | None:
    """An ISO date from a written date with a year ("28.03.2023", "June 16, 2020", "2020-06-16")."""
    m = _ISO.search(text)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MDY.search(text)
    if m and _month(m.group(1)):
        return _safe(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    m = _DMY.search(text)
    if m and _month(m.group(2)):
        return _safe(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    m = _NUMERIC_DMY.search(text)
    if m:
        year = int(m.group(3))
        year += 2000 if year < 100 else 0
        return _safe(year, int(m.group(2)), int(m.group(1)))
    return None


def parse_month_day(text: str) -> tuple[int, int] | None:
    """Month and day from a dateline date without a year ("Nov. 19", "February 25")."""
    m = _MD.search(text)
    if m and _month(m.group(1)):
        return _month(m.group(1)), int(m.group(2))
    return None
