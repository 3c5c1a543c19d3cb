"""Calendar arithmetic for TIMEX3 values: shifting by units, ISO weeks, resolving by tense.

Values are resolved against a reference date (the publication date, or the story's narrative
date for anchored expressions). A `tense` is "past", "future" or None (unknown / present).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift by whole months, clamping the day to the month's length."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = _cal.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """The date `amount` units (D, W, M, Q, Y, DE, CE) after `day` (negative: before)."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    if unit == "M":
        return add_months(day, amount)
    if unit == "Q":
        return add_months(day, 3 * amount)
    if unit == "Y":
        return add_months(day, 12 * amount)
    if unit == "DE":
        return add_months(day, 120 * amount)
    if unit == "CE":
        return add_months(day, 1200 * amount)
    raise ValueError(unit)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def value_at_granularity(day: dt.date, unit: str) -> str:
    """TIMEX3 value of the period of kind `unit` that contains `day`."""
    if unit in ("D", "H", "MIN", "S"):
        return day.isoformat()
    if unit == "W":
        return iso_week(day)
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "DE":
        return f"{day.year // 10:03d}X"
    if unit == "CE":
        return f"{day.year // 100:02d}XX"
    return day.isoformat()


def weekday_date(ref: dt.date, weekday: int, tense: str | None, offset: int = 0) -> dt.date:
    """The date of an ISO weekday (1 = Monday) seen from `ref`.

    Past or unknown tense: the latest such day on or before `ref`; future: the first on or
    after it. `offset` (+1 "next", -1 "last") moves to the following or previous week's day.
    """
    if offset > 0:
        days = (weekday - ref.isoweekday()) % 7 or 7
        return ref + dt.timedelta(days=days + 7 * (offset - 1))
    if offset < 0:
        days = (ref.isoweekday() - weekday) % 7 or 7
        return ref - dt.timedelta(days=days + 7 * (-offset - 1))
    if tense == "future":
        return ref + dt.timedelta(days=(weekday - ref.isoweekday()) % 7)
    return ref - dt.timedelta(days=(ref.isoweekday() - weekday) % 7)


def month_year(ref: dt.date, month: int, tense: str | None) -> int:
    """The year of a month named without one: past -> latest on or before ref's month; future ->
    first on or after; unknown -> the nearest."""
    here = ref.year * 12 + ref.month - 1
    before = ref.year if month <= ref.month else ref.year - 1
    after = ref.year if month >= ref.month else ref.year + 1
    if tense == "past":
        return before
    if tense == "future":
        return after
    d_before = here - (before * 12 + month - 1)
    d_after = (after * 12 + month - 1) - here
    return before if d_before <= d_after else after


def day_year(ref: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of a month-and-day named without one (same rule as `month_year`, by days)."""
    def make(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    this = make(ref.year)
    if this is None:  # 29 February
        return ref.year
    before = ref.year if this <= ref else ref.year - 1
    after = ref.year if this >= ref else ref.year + 1
    if tense == "past":
        return before
    if tense == "future":
        return after
    b, a = make(before), make(after)
    if b is None or a is None:
        return ref.year
    return before if (ref - b) <= (a - ref) else after


def day_year_near(ref: dt.date, month: int, day: int, tense: str | None, weekday: int | None = None) -> int:
    """The year of a month-and-day named without one, as news uses it.

    A weekday written with it ("Saturday, April 25") decides. Otherwise the date nearest to
    `ref`, unless the tense points the other way and the nearest lies more than a month off
    ("was signed on Dec. 20" read in early December is last year's).
    """
    if weekday:
        for year in (ref.year, ref.year - 1, ref.year + 1):
            try:
                if dt.date(year, month, day).isoweekday() == weekday:
                    return year
            except ValueError:
                continue
    nearest = day_year(ref, month, day, None)
    if tense is None:
        return nearest
    by_tense = day_year(ref, month, day, tense)
    try:
        gap = abs((dt.date(nearest, month, day) - ref).days)
    except ValueError:
        return by_tense
    return nearest if gap <= 31 else by_tense


def period_part_bounds(value: str, mod: str) -> tuple[str, str] | None:
    """begin and end dates of the START / MID / END third of a month or year value."""
    try:
        if len(value) == 7:  # YYYY-MM
            year, month = int(value[:4]), int(value[5:7])
            last = _cal.monthrange(year, month)[1]
            days = {"START": (1, 10), "MID": (11, 20), "END": (21, last)}.get(mod)
            if not days:
                return None
            return (dt.date(year, month, days[0]).isoformat(), dt.date(year, month, days[1]).isoformat())
        if len(value) == 4 and value.isdigit():
            year = int(value)
            months = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}.get(mod)
            if not months:
                return None
            last = _cal.monthrange(year, months[1])[1]
            return (dt.date(year, months[0], 1).isoformat(), dt.date(year, months[1], last).isoformat())
    except ValueError:
        return None
    return None


def period_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a day, week, month, quarter or year value."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            d = dt.date.fromisoformat(value[:10])
            return d, d
        if len(value) == 8 and value[5] == "W":
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return monday, monday + dt.timedelta(days=6)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:7])
            return dt.date(y, m, 1), dt.date(y, m, _cal.monthrange(y, m)[1])
        if len(value) == 7 and value[5] == "Q":
            y, q = int(value[:4]), int(value[6])
            first = dt.date(y, 3 * q - 2, 1)
            return first, add_months(first, 3) - dt.timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None
