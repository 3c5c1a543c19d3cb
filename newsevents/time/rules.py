"""The tagging rules: one compiled regex per named rule, and the function that normalizes it.

Each rule finds candidate spans in the NLP view text; overlaps are settled by length, then by
rule priority (tagger.py). A rule's normalizer turns a match into a TIMEX3 type and value,
using the reference date, the tense of the governing verb and the story's narrative day (all
provided by the `Env` of tagger.py). The words come from data/lexicon.yaml; the section used by
each rule is named there.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from newsevents.time import dates
from newsevents.time.lexicon import DATA, alternation, lookup, section
from newsevents.time.prefilter import Plan, plan


@dataclass
class Found:
    """A normalized time expression in view offsets."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    begin: str | None = None
    end_date: str | None = None
    anchor: str | None = None
    local_clock: bool = False  # a clock time whose UTC offset comes from the place of action
    day: dt.date | None = None  # the calendar day it pins down (anchors later relative times)
    rule: str = ""


class Env(Protocol):
    text: str
    dct: dt.date

    def tense(self, start: int, end: int, scheduling_present: bool = True) -> str | None: ...

    def narrative_day(self, start: int) -> dt.date: ...

    def has_object(self, start: int, end: int) -> bool: ...

    def counts_a_noun(self, start: int) -> bool: ...

    def narrative_value(self, start: int) -> str: ...

    def last_quarter(self, start: int) -> str | None: ...


@dataclass
class Rule:
    name: str
    pattern: re.Pattern[str]
    priority: int
    normalize: Callable[[re.Match[str], Env], Found | None]
    plan: Plan | None = None  # where the rule can match at all (prefilter.py)


# ---------------------------------------------------------------- shared pieces of patterns

def _words(name: str) -> list[str]:
    data = section(name)
    return list(data.keys()) if isinstance(data, dict) else list(data)


@functools.lru_cache(maxsize=1)
def _pieces() -> dict[str, str]:
    months = _words("months")
    abbreviations = _words("month_abbreviations")
    units = _words("units")
    numbers = [w for w in _words("number_words")]
    p = {
        "MONTH": alternation(months, capitalised=True),
        "MONTH_ANY": "(?:" + alternation(months, capitalised=True) + "|"
                     + alternation(abbreviations, capitalised=True) + r"\b\.?)",
        "WEEKDAY": alternation(_words("weekdays"), capitalised=True),
        "UNIT": alternation(units),
        "NUMWORD": alternation(numbers),
        "VAGUE": alternation(_words("vague_quantities")),
        "QMOD": alternation(_words("quantity_modifiers")),
        "PMOD": alternation(_words("point_modifiers")),
        "POD": alternation(_words("parts_of_day")),
        "SEASON": alternation(_words("seasons")),
        "PART": alternation(_words("period_parts")),
        "DEICTIC": alternation(_words("period_deictics")),
        "RELDAY": alternation(_words("relative_days")),
        "TZ": alternation(_words("time_zone_abbreviations"), capitalised=True),
        "NAMED_TIME": alternation(_words("named_times")),
        "FREQ": alternation(_words("frequency_words")),
        "REFWORD": alternation(_words("reference_words")),
        "HOLIDAY": alternation(_words("holidays") + _words("floating_holidays") + _words("easter_holidays")
                               + _words("calendar_holidays")),
        "DECADE_WORD": alternation(_words("decade_words")),
        "ORDINAL": alternation(_words("ordinal_words")),
    }
    tens = alternation([w for w, v in section("number_words").items() if isinstance(v, int) and v >= 20
                        and v % 10 == 0 and v < 100])
    ones = alternation([w for w, v in section("number_words").items() if isinstance(v, int) and 1 <= v <= 9
                        and w not in ("a", "an")])
    p["NUM"] = (r"(?:\d+\s+1/2|\d+(?:[.,]\d+)?|" + tens + r"[\s-]+" + ones + "|" + p["NUMWORD"] + ")")
    p["YEAR"] = r"(?:1[6-9]\d\d|20\d\d)"
    return p


def _compile(template: str) -> re.Pattern[str]:
    pattern = template
    for key, value in sorted(_pieces().items(), key=lambda kv: -len(kv[0])):
        pattern = pattern.replace("{" + key + "}", value)
    return re.compile(pattern, re.I)


# ---------------------------------------------------------------- small helpers

def _number(text: str) -> float | None:
    """A number written in digits or words ("12", "two", "twenty-five", "a couple of")."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+ 1/2", t):
        return float(t.split()[0]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return float(t.replace(",", ""))
    if t in {w.lower() for w in _words("vague_quantities")}:
        return None
    value = lookup("number_words", t)
    if value is not None:
        return float(value)
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2:
        a, b = lookup("number_words", parts[0]), lookup("number_words", parts[1])
        if a is not None and b is not None and a >= 20 and b < 10:
            return float(a + b)
        if a is not None and b == 100:
            return float(a * 100)
    return None


def _num_text(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


def _unit_code(word: str) -> str:
    return str(lookup("units", re.sub(r"s$", "", word.lower().rstrip("'"))) or
               lookup("units", word.lower()) or "")


def _duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration: P3Y, PT2H, PXW; decades and centuries as years."""
    if unit == "2W":  # fortnight
        return "P" + (_num_text(n * 2) if n is not None else "X") + "W"
    if unit == "DE":
        return "P" + (_num_text(n * 10) if n is not None else "X") + ("Y" if n is not None else "DE")
    if unit == "CE":
        return "P" + (_num_text(n * 100) if n is not None else "X") + ("Y" if n is not None else "CE")
    if unit == "ML":
        return "P" + (_num_text(n * 1000) if n is not None else "X") + ("Y" if n is not None else "ML")
    if unit in ("H", "MIN") and n is not None and n != int(n):
        small = "M" if unit == "H" else "S"
        rest = int(round((n - int(n)) * 60))
        return "PT" + (f"{int(n)}{'H' if unit == 'H' else 'M'}" if int(n) else "") + f"{rest}{small}"
    if unit in ("H", "S"):
        return "PT" + _num_text(n) + unit
    if unit == "MIN":
        return "PT" + _num_text(n) + "M"
    if n is not None and n != int(n):
        half = {"Y": ("Y", 12, "M"), "M": ("M", 30, "D"), "D": ("D", 24, "H"), "W": ("W", 7, "D")}
        if unit in half:
            big, per, small = half[unit]
            whole, frac = int(n), n - int(n)
            rest = int(round(frac * per))
            if unit == "D":
                return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
            return f"P{whole}{big}{rest}{small}" if whole else f"P{rest}{small}"
    return "P" + _num_text(n) + unit


def _found(m: re.Match[str], type_: str, value: str, rule: str, group: int | str = 0, **kw) -> Found:
    return Found(m.start(group), m.end(group), type_, value, rule=rule, **kw)


def _day_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return lookup("months", w) or lookup("month_abbreviations", w)


def _part_mod(part: str | None) -> str | None:
    if not part:
        return None
    p = re.sub(r"^(?:at|in|by|until|towards?)\s+", "", part.strip().lower())
    p = p.rstrip("- ")
    return lookup("period_parts", p)


def _with_part(found: Found, part: str | None) -> Found:
    mod = _part_mod(part)
    if mod:
        found.mod = mod
        bounds = dates.period_part_bounds(found.value, mod)
        if bounds:
            found.begin, found.end_date = bounds
    return found


def _preceding(env: Env, start: int, chars: int = 30) -> str:
    return env.text[max(0, start - chars):start]


def _following(env: Env, end: int, chars: int = 30) -> str:
    return env.text[end:end + chars]


# ---------------------------------------------------------------- normalizers

def _iso_date(m: re.Match[str], env: Env) -> Found | None:
    day = _day_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["hh"]:
        return _found(m, "TIME", f"{day.isoformat()}T{m['hh']}:{m['mm']}", "iso_date", day=day)
    return _found(m, "DATE", day.isoformat(), "iso_date", day=day)


def _numeric_date(m: re.Match[str], env: Env) -> Found | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        year += 2000 if year < 50 else 1900
    if m["sep"] == "/" and a <= 12:  # US order month/day/year
        month, day_n = a, b
    else:
        day_n, month = a, b
    day = _day_or_none(year, month, day_n)
    if day is None:
        return None
    return _found(m, "DATE", day.isoformat(), "numeric_date", day=day)


def _month_day(m: re.Match[str], env: Env) -> Found | None:
    month = _month_number(m["mon"])
    groups = m.groupdict()
    # a range of days in one month ("April 14-25", "14-25 April"): the first day, with both ends
    first, last = (groups["day0"], m["day"]) if groups.get("day0") else (m["day"], groups.get("day2"))
    day_n = int(first)
    if not month or not 1 <= day_n <= 31:
        return None
    last_n = int(last) if last else None
    if last_n is not None and not day_n < last_n <= 31:
        return None  # "May 5-4": a score or a count, not days
    if m["year"]:
        year = int(m["year"])
    else:
        weekday = _weekday_number(m["wdp"]) if m["wdp"] else None
        tense = env.tense(m.start("mon"), m.end("mon"), scheduling_present=False)
        year = dates.day_year_near(env.dct, month, day_n, tense, weekday)
    day = _day_or_none(year, month, day_n)
    if day is None:
        return None
    found = _found(m, "DATE", day.isoformat(), "month_day", day=day)
    if last_n is not None:
        final = _day_or_none(year, month, last_n)
        if final is not None:
            found.begin, found.end_date = day.isoformat(), final.isoformat()
    return found


def _month_year(m: re.Match[str], env: Env) -> Found | None:
    month = _month_number(m["mon"])
    if not month:
        return None
    if m["year"]:
        year = int(m["year"])
    else:  # "July last year"
        year = env.dct.year + int(lookup("period_deictics", m["rel"].lower()) or 0)
    found = _found(m, "DATE", f"{year:04d}-{month:02d}", "month_year")
    return _with_part(found, m["part"])


def _bare_month(m: re.Match[str], env: Env) -> Found | None:
    month = _month_number(m["mon"])
    if not month:
        return None
    det = (m["det"] or "").lower().strip()
    part = m["part"]
    if m["mon"].lower() in section("ambiguous_month_names") and not (det or part):
        cue = alternation(section("month_cue_words"))
        if not re.search(r"\b" + cue + r"\s*-?\s*$", _preceding(env, m.start()), re.I):
            return None
    if not (det or part) and m.start() > 0 and re.match(r"\s*\d", _following(env, m.end())):
        return None  # "May 5" is the month_day rule's; a bare month never runs into a number
    offset = lookup("period_deictics", det) if det else None
    if det in ("last", "past", "previous"):
        year = env.dct.year if month < env.dct.month else env.dct.year - 1
    elif det in ("next", "coming"):
        year = env.dct.year if month > env.dct.month else env.dct.year + 1
    elif det == "this" or offset == 0:
        year = env.dct.year
    else:
        year = dates.month_year(env.dct, month, env.tense(m.start(), m.end(), scheduling_present=False))
    found = _found(m, "DATE", f"{year:04d}-{month:02d}", "bare_month")
    return _with_part(found, part)


_NOT_A_YEAR_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|[-–]?\s*(?:mm|cm|km|m|kg|tons?|tonnes?|"
                               r"feet|foot|meters?|metres?|miles?|yards?|pounds?|dollars?|euros?)\b)", re.I)


def _year(m: re.Match[str], env: Env) -> Found | None:
    before = _preceding(env, m.start("year"), 3)
    if re.search(r"[$€£#]\s*$|\d[,.]?$", before):
        return None
    if _NOT_A_YEAR_AFTER.match(_following(env, m.end("year"))):
        return None
    if env.counts_a_noun(m.start("year")):
        return None  # "2000 people"
    found = _found(m, "DATE", m["year"], "year")
    return _with_part(found, m["part"])


def _year_range(m: re.Match[str], env: Env) -> Found | None:
    a = m["a"]
    b = m["b"]
    if len(b) == 2:
        b = a[:2] + b
    if int(b) <= int(a):
        return None
    if m["conj"].lower() == "and" and not m["prep"]:
        return None  # "2018 and 2019" alone lists two years; "in/between 2018 and 2019" is a span
    start = m.start("prep") if m["prep"] and m["prep"].lower() == "between" else m.start("a")
    return Found(start, m.end(), "DATE", f"{a}/{b}", rule="year_range")


def _weekday_number(word: str) -> int | None:
    return lookup("weekdays", word.lower())


def _tense_from_det(det: str) -> str | None:
    if det in ("last", "past", "previous"):
        return "past"
    if det in ("next", "coming", "this coming"):
        return "future"
    return None


def _weekday(m: re.Match[str], env: Env) -> Found | None:
    weekday = _weekday_number(m["wd"])
    if not weekday:
        return None
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    tense = _tense_from_det(det) or env.tense(m.start("wd"), m.end("wd"))
    if re.search(r"as\s+(?:early|soon)\s+as\s*$", _preceding(env, m.start()), re.I):
        tense = "future"
    offset = 0
    ref = env.dct
    if det == "next":
        offset = 1
    elif det == "last":
        offset = -1
    elif det in ("the previous", "the preceding"):
        ref, offset = env.narrative_day(m.start()), -1
    elif det in ("the following", "the next"):
        ref, offset = env.narrative_day(m.start()), 1
    day = dates.weekday_date(ref, weekday, tense, offset)
    if not det and re.search(r"\b(?:later|earlier)\s+(?:on\s+)?$", _preceding(env, m.start()), re.I):
        # "speaks later Monday", "said earlier Friday": the same day as the story's, whatever
        # the tense, so the one nearest the reference date
        before, after = dates.weekday_date(ref, weekday, "past"), dates.weekday_date(ref, weekday, "future")
        day = before if (ref - before) <= (after - ref) else after
    value = day.isoformat()
    type_ = "DATE"
    if m["pod"]:
        value += "T" + str(lookup("parts_of_day", m["pod"].lower()))
        type_ = "TIME"
    found = _found(m, type_, value, "weekday", day=day)
    if det in ("early", "late"):
        found.mod = "START" if det == "early" else "END"
    return found


def _relative_day(m: re.Match[str], env: Env) -> Found | None:
    rel = m["rd"].lower()
    offset = lookup("relative_days", rel)
    if offset is None:
        return None
    day = env.dct + dt.timedelta(days=int(offset))
    value, type_ = day.isoformat(), "DATE"
    pod = m["pod"]
    if rel == "tonight":
        pod = pod or "night"
    if pod:
        value += "T" + str(lookup("parts_of_day", pod.lower()))
        type_ = "TIME"
    found = _found(m, type_, value, "relative_day", day=day)
    if m["part"]:
        found.mod = "START" if m["part"].lower() == "early" else "END"
    return found


def _this_part_of_day(m: re.Match[str], env: Env) -> Found | None:
    det = m["det"].lower()
    pod = str(lookup("parts_of_day", m["pod"].lower()))
    day = env.dct if det == "this" else env.dct - dt.timedelta(days=1)
    return _found(m, "TIME", f"{day.isoformat()}T{pod}", "relative_day", day=day)


def _relative_period(m: re.Match[str], env: Env) -> Found | None:
    det = re.sub(r"\s+", " ", m["det"].lower())
    unit_word = re.sub(r"^fiscal\s+", "", m["unit"].lower())
    offset = 0 if det == "the" else lookup("period_deictics", det)
    if offset is None or (det == "the" and not m["part"] and unit_word != "weekend"):
        return None
    if unit_word in ("weekend",):
        monday = env.dct - dt.timedelta(days=env.dct.isoweekday() - 1)
        if offset == 0 and env.tense(m.start(), m.end()) == "past" and env.dct.isoweekday() < 6:
            offset = -1
        week = dates.iso_week(monday + dt.timedelta(weeks=offset))
        return _found(m, "DATE", week + "-WE", "relative_period")
    season = lookup("seasons", unit_word)
    if season:
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
        year = env.dct.year
        if offset == 0 and season == "WI" and env.dct.month <= 2:
            year -= 1
        elif offset < 0 and env.dct.month < starts + 3:  # that season has not ended yet this year
            year -= 1
        elif offset > 0 and env.dct.month >= starts:  # that season has begun: the next is next year's
            year += 1
        return _found(m, "DATE", f"{year:04d}-{season}", "relative_period")
    unit = _unit_code(unit_word)
    if unit not in ("D", "W", "M", "Q", "Y", "DE", "CE"):
        return None
    # "the past year" names the year before, as "last year" does (TimeML practice); only "the
    # next/coming year" is read as a stretch of time starting now
    if det in ("the next", "the coming") and unit in ("W", "M", "Y", "DE", "CE", "D"):
        found = _found(m, "DURATION", _duration_value(1, unit), "relative_period")
        if offset < 0:
            found.end_date = env.dct.isoformat()
        else:
            found.begin = env.dct.isoformat()
        return found
    day = dates.shift(env.dct, offset, unit)
    found = _found(m, "DATE", dates.value_at_granularity(day, unit), "relative_period",
                   day=day if unit == "D" else None)
    return _with_part(found, m["part"])


def _number_and_unit(m: re.Match[str]) -> tuple[float | None, str, bool]:
    """(number or None for vague, unit code, vague?) of a NUM UNIT match."""
    num = m["num"]
    unit = _unit_code(m["unit"])
    if num is None:
        return None, unit, True
    n = _number(num)
    vague = n is None
    if n is not None and (m.groupdict().get("half") or m.groupdict().get("half2")):
        n += 0.5
    return n, unit, vague


def _ago_or_relative(m: re.Match[str], env: Env) -> Found | None:
    n, unit, vague = _number_and_unit(m)
    if not unit:
        return None
    rel = m["rel"].lower()
    qmod = lookup("quantity_modifiers", m["qmod"]) if m["qmod"] else None
    if rel in ("ago", "from now", "hence"):
        if vague or n is None:
            return _found(m, "DATE", "PAST_REF" if rel == "ago" else "FUTURE_REF", "ago_or_relative")
        sign = -1 if rel == "ago" else 1
        if unit in ("H", "MIN", "S"):
            return _found(m, "DURATION", _duration_value(n, unit), "ago_or_relative",
                          end_date=env.dct.isoformat() if sign < 0 else None)
        if unit == "2W":
            unit, n = "W", n * 2
        if unit == "Y" and n == 1 and sign < 0 and env.last_quarter(m.start()):
            last = env.last_quarter(m.start()) or ""
            return _found(m, "DATE", f"{int(last[:4]) - 1:04d}-Q{last[6]}", "ago_or_relative")
        if n != int(n):
            n_days = {"D": 1, "W": 7, "M": 30, "Q": 91, "Y": 365}.get(unit, 365) * n
            day = env.dct + dt.timedelta(days=sign * round(n_days))
        else:
            day = dates.shift(env.dct, sign * int(n), unit)
        found = _found(m, "DATE", dates.value_at_granularity(day, unit), "ago_or_relative",
                       day=day if unit == "D" else None)
        if qmod:
            found.mod = "APPROX" if qmod in ("APPROX", "LESS_THAN") else qmod
        return found
    # earlier / later / before / after: relative to the story's narrative day
    anchor = env.narrative_day(m.start())
    if vague or n is None:
        return _found(m, "DURATION", _duration_value(None, unit), "ago_or_relative",
                      anchor=anchor.isoformat())
    if rel in ("before", "after") and env.has_object(m.start("rel"), m.end("rel")):
        # "four days before the anniversary": the span is a length; the clause is anchored
        return _found(m, "DURATION", _duration_value(n, unit), "ago_or_relative",
                      anchor=anchor.isoformat())
    if unit in ("H", "MIN", "S") or n != int(n):
        return _found(m, "DURATION", _duration_value(n, unit), "ago_or_relative",
                      anchor=anchor.isoformat())
    sign = -1 if rel in ("earlier", "before", "previously") else 1
    if unit == "Y" and n == 1 and sign < 0 and env.last_quarter(m.start()):
        last = env.last_quarter(m.start()) or ""  # quarterly results against the year before
        return _found(m, "DATE", f"{int(last[:4]) - 1:04d}-Q{last[6]}", "ago_or_relative")
    if unit == "2W":
        unit, n = "W", n * 2
    if unit in ("M", "Y"):  # "eight months later": after the month or year the story last named
        last = env.narrative_value(m.start())
        if len(last) >= 7 or (unit == "Y" and len(last) >= 4):
            anchor = dt.date(int(last[:4]), int(last[5:7]) if len(last) >= 7 else 1, 1)
    day = dates.shift(anchor, sign * int(n), unit)
    found = _found(m, "DATE", dates.value_at_granularity(day, unit), "ago_or_relative",
                   anchor=anchor.isoformat(), day=day if unit == "D" else None)
    if qmod:
        found.mod = qmod
    return found


_MONEY_OR_COUNT_BEFORE = re.compile(
    r"(?:\d|%|\b(?:once|twice|thrice|times|billion|million|trillion|thousand|dollars?|euros?|"
    r"pounds?|yuan|yen|cents?|percent|hours|days|meals|shifts))\s*$", re.I)


def _duration(m: re.Match[str], env: Env) -> Found | None:
    n, unit, vague = _number_and_unit(m)
    if not unit:
        return None
    num_text = (m["num"] or "").lower()
    if n is not None and n >= 1000 and unit not in ("S", "MIN", "H"):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if num_text in ("a", "an", "one") and _MONEY_OR_COUNT_BEFORE.search(_preceding(env, m.start(), 25)):
        value = _duration_value(1, unit)
        return _found(m, "SET", value, "set_frequency")
    if unit == "S" and num_text in ("a", "an", "one"):
        return None  # "a second attack": the ordinal, not a length of one second
    if num_text == "one" and m["unit"].lower() == "day" and not m["det"]:
        return None  # "one day" is a vague future or past, not a length (reference_word)
    value = _duration_value(n, unit)
    found = _found(m, "DURATION", value, "duration")
    if m["qmod"]:
        found.mod = lookup("quantity_modifiers", m["qmod"])
    det = (m["det"] or "").lower()
    if re.search(r"\b(?:past|last|previous|recent)\b", det):
        found.end_date = env.dct.isoformat()
    elif re.search(r"\b(?:next|coming|following)\b", det):
        found.begin = env.dct.isoformat()
    elif re.search(r"\bin\s*$", _preceding(env, m.start(), 5), re.I) and m["time"]:
        found.begin = env.dct.isoformat()  # "in a few weeks' time"
    return found


def _hyphen_duration(m: re.Match[str], env: Env) -> Found | None:
    if m["old"]:
        return None  # ages ("a 16-year-old") are not times
    n = _number(m["num"])
    unit = _unit_code(m["unit"])
    if not unit or (n is not None and n >= 1000):
        return None
    return _found(m, "DURATION", _duration_value(n, unit), "duration")


def _vague_plural(m: re.Match[str], env: Env) -> Found | None:
    unit = _unit_code(m["unit"])
    if not unit:
        return None
    lead = (m["lead"] or "").lower()
    adj = (m["adj"] or "").lower()
    if not adj and lead not in ("for", "over", "within", "throughout"):
        return None  # a bare "years" is no time expression; "for years", "in recent weeks" are
    if adj == "recent" and unit in ("Y", "DE"):
        # "in recent years" is TimeML's vague past (PAST_REF); recent weeks and months stay
        # stretches of time (PXW) ending on the publication date
        return Found(m.start("span"), m.end("span"), "DATE", "PAST_REF", end_date=env.dct.isoformat(),
                     rule="duration")
    found = Found(m.start("span"), m.end("span"), "DURATION", _duration_value(None, unit), rule="duration")
    lead = lead + " " + adj
    if re.search(r"recent|past|last|for|over", lead):
        found.end_date = env.dct.isoformat()
    elif re.search(r"coming|next", lead):
        found.begin = env.dct.isoformat()
    return found


def _set_frequency(m: re.Match[str], env: Env) -> Found | None:
    if m["freq"]:
        return _found(m, "SET", str(lookup("frequency_words", m["freq"].lower())), "set_frequency")
    if m["wd"]:
        weekday = _weekday_number(m["wd"])
        return _found(m, "SET", f"XXXX-WXX-{weekday}", "set_frequency")
    unit = _unit_code(m["unit"])
    if not unit:
        season = lookup("seasons", m["unit"].lower())
        if season:
            return _found(m, "SET", f"XXXX-{season}", "set_frequency")
        month = _month_number(m["unit"])
        if month:
            return _found(m, "SET", f"XXXX-{month:02d}", "set_frequency")
        return None
    n = _number(m["num"]) if m["num"] else 1.0
    if m["other"]:
        n = 2.0
    return _found(m, "SET", _duration_value(n, unit), "set_frequency")


def _reference_word(m: re.Match[str], env: Env) -> Found | None:
    word = re.sub(r"\s+", " ", m["ref"].lower())
    value = lookup("reference_words", word)
    if not value:
        return None
    if word in ("current", "recent") and not re.match(r"\s+[a-z]", _following(env, m.end())):
        return None  # adjectives only: "current leaders", not "the current" (electric)
    if word == "one day" and env.tense(m.start(), m.end()) != "future":
        return _found(m, "DURATION", "P1D", "reference_word", "ref")
    if word == "now" and re.match(r"[-‑]", _following(env, m.end(), 1)):
        return None  # "now-defunct"
    return _found(m, "DATE", str(value), "reference_word", "ref")


def _clock(m: re.Match[str], env: Env) -> Found | None:
    if m["named"]:
        clock = str(lookup("named_times", m["named"].lower()))
    else:
        hour = int(m["h"])
        minute = int(m["mi"] or 0)
        ap = (m["ap"] or "").lower()
        if ap:
            if not 1 <= hour <= 12:
                return None
            if ap == "p" and hour != 12:
                hour += 12
            if ap == "a" and hour == 12:
                hour = 0
        elif not m["mi"]:
            return None
        if hour > 24 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    day: dt.date | None = None
    if m["cmon"]:  # "5 p.m. EST, Nov. 6"
        month, day_n = _month_number(m["cmon"]), int(m["cday"])
        if month:
            weekday = _weekday_number(m["wd"]) if m["wd"] else None
            year = int(m["cyear"]) if m["cyear"] else dates.day_year_near(
                env.dct, month, day_n, env.tense(m.start(), m.end()), weekday)
            day = _day_or_none(year, month, day_n)
    if day is not None:
        pass
    elif m["wd"]:
        weekday = _weekday_number(m["wd"])
        if weekday:
            day = dates.weekday_date(env.dct, weekday, env.tense(m.start("wd"), m.end("wd")))
    elif m["rd"]:
        offset = lookup("relative_days", m["rd"].lower())
        if offset is not None:
            day = env.dct + dt.timedelta(days=int(offset))
    if day is None:
        day = env.narrative_day(m.start())
    value = f"{day.isoformat()}T{clock}"
    local = True
    if m["tz"]:
        offset_text = lookup("time_zone_abbreviations", m["tz"].lower())
        if offset_text and m["tz"].lower() in section("us_daylight_saving_zones") and _us_daylight(day):
            offset_text = f"{int(offset_text[:3]) + 1:+03d}{offset_text[3:]}"
        if offset_text:
            value += offset_text
            local = False
    found = _found(m, "TIME", value, "time_of_day", local_clock=local, day=day)
    if m["pmod"]:
        found.mod = lookup("point_modifiers", m["pmod"])
    return found


def _quarter(m: re.Match[str], env: Env) -> Found | None:
    ordinal = m["ord"].lower()
    half = m["q"].lower() == "half"
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "last": 2 if half else 4, "final": 2 if half else 4}.get(ordinal)
    if half and number and number > 2:
        return None
    year_text = m["year"] or m["year0"]
    rel = m["rel"] or m["rel2"]
    if year_text:
        year = int(year_text)
    elif rel:
        year = env.dct.year + int(lookup("period_deictics", rel.lower()) or 0)
    else:
        year = env.dct.year
        if number is None:
            return None
        current = dates.quarter_of(env.dct) if not half else (1 if env.dct.month <= 6 else 2)
        tense = env.tense(m.start(), m.end())
        if number > current and tense != "future":
            year -= 1
    if number is None:
        return None
    value = f"{year:04d}-{'H' if half else 'Q'}{number}"
    return _found(m, "DATE", value, "quarter")


def _floating_holiday(year: int, spec: list[int]) -> dt.date:
    month, nth, weekday = spec
    if nth == 0:  # the Tuesday after the first Monday
        first_monday = dates.weekday_date(dt.date(year, month, 7), 1, "past")
        return first_monday + dt.timedelta(days=1)
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dates.add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return dates.weekday_date(last, weekday, "past")


def _us_daylight(day: dt.date) -> bool:
    """Whether US daylight-saving time is in force on `day` (second Sunday of March to the
    first Sunday of November, the rule since 2007)."""
    start = _floating_holiday(day.year, [3, 2, 7])
    end = _floating_holiday(day.year, [11, 1, 7])
    return start <= day < end


def _reported_quarter(env: Env) -> tuple[int, int]:
    """The quarter business news reports on: the last one that ended before publication."""
    q = dates.quarter_of(env.dct) - 1
    return (env.dct.year, q) if q >= 1 else (env.dct.year - 1, 4)


def _the_quarter(m: re.Match[str], env: Env) -> Found | None:
    plain = not re.search(r"latest|recent|ended|current", m.group(0), re.I)
    last = env.last_quarter(m.start()) if plain else None
    year, q = (int(last[:4]), int(last[6])) if last else _reported_quarter(env)
    return _found(m, "DATE", f"{year:04d}-Q{q}", "quarter")


def easter_sunday(year: int, calendar: str = "western") -> dt.date:
    """Easter Sunday of a year: the Gregorian computus (anonymous algorithm), or for "orthodox"
    the Julian computus (Meeus) moved onto the Gregorian calendar (valid 1900-2099)."""
    if calendar == "orthodox":
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return dt.date(year, month, day + 1) + dt.timedelta(days=13)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@functools.lru_cache(maxsize=1)
def _calendar_days() -> dict[str, list[dt.date]]:
    """Holiday key -> its days, from data/calendar_holidays.tsv."""
    out: dict[str, list[dt.date]] = {}
    for line in (DATA / "calendar_holidays.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[0] == "date":
            continue
        out.setdefault(cols[1], []).append(dt.date.fromisoformat(cols[0]))
    return out


def _computed_holiday(name: str, year: int) -> dt.date | None:
    """The day in `year` of a holiday that moves from year to year (lexicon sections
    floating_holidays, easter_holidays, calendar_holidays), else None (not such a holiday, or
    a year the calendar table does not cover)."""
    spec = lookup("floating_holidays", name)
    if spec:
        return _floating_holiday(year, spec)
    easter = lookup("easter_holidays", name)
    if easter:
        calendar, offset = easter
        return easter_sunday(year, calendar) + dt.timedelta(days=int(offset))
    key = lookup("calendar_holidays", name)
    if key:
        days = [d for d in _calendar_days().get(key, []) if d.year == year]
        return days[0] if days else None
    return None


def _is_moving_holiday(name: str) -> bool:
    return any(lookup(s, name) for s in ("floating_holidays", "easter_holidays", "calendar_holidays"))


def _holiday(m: re.Match[str], env: Env) -> Found | None:
    if not m["hol"][:1].isupper():
        return None  # "christmas" in running text is not written lower case; a name is
    if re.match(r"\s+(?:" + alternation(section("holiday_name_followers")) + r")\b", env.text[m.end("hol"):], re.I):
        return None  # "the Easter Rising": a name, not the holiday
    if not m["year"] and not m["week"] and _holiday_as_modifier(m, env):
        return None
    name = re.sub(r"\s+", " ", m["hol"].lower())
    if _is_moving_holiday(name):
        if m["year"]:
            day = _computed_holiday(name, int(m["year"]))
        else:
            this = _computed_holiday(name, env.dct.year)
            if this is None:
                return None
            tense = env.tense(m.start(), m.end()) if abs((this - env.dct).days) > 31 else None
            if this > env.dct and tense == "past":
                this = _computed_holiday(name, env.dct.year - 1)
            elif this < env.dct and tense == "future":
                this = _computed_holiday(name, env.dct.year + 1)
            day = this
        if day is None:
            return None
        return _holiday_found(m, day)
    mm_dd = str(lookup("holidays", name) or "")
    if not mm_dd:
        return None
    month, day_n = int(mm_dd[:2]), int(mm_dd[3:5])
    # the nearest one when it lies within a month ("on New Year's Eve" read on 6 January),
    # else by tense, as for a month and day
    year = int(m["year"]) if m["year"] else dates.day_year_near(env.dct, month, day_n,
                                                                env.tense(m.start(), m.end()))
    day = _day_or_none(year, month, day_n)
    if day is None:
        return None
    return _holiday_found(m, day)


def _holiday_as_modifier(m: re.Match[str], env: Env) -> bool:
    """A holiday's name that is no date: in a greeting ("Merry Christmas") or naming a kind of
    thing ("a Christmas staff party", "their Christmas gifts"), which need not happen on the
    day; "Christmas morning" and "the Christmas holidays" stay dates (lexicon sections
    holiday_greetings, holiday_time_nouns)."""
    before = env.text[max(0, m.start("hol") - 12):m.start("hol")].split()
    if before and before[-1].lower() in section("holiday_greetings"):
        return True
    token_at = getattr(env, "token_at", None)
    last = token_at(m.end("hol") - 1) if token_at else None
    if last is None or last.dep_ not in ("compound", "nmod", "amod") or last.head.i <= last.i:
        return False
    head = last.head
    return head.pos_ == "NOUN" and head.lemma_.lower() not in section("holiday_time_nouns")


def _holiday_found(m: re.Match[str], day: dt.date) -> Found:
    """The holiday's day, or with "week" after it ("Easter week") the ISO week holding it."""
    if m["week"]:
        year, week, _ = day.isocalendar()
        return _found(m, "DATE", f"{year:04d}-W{week:02d}", "holiday")
    return _found(m, "DATE", day.isoformat(), "holiday", day=day)


def _anchored_day(m: re.Match[str], env: Env) -> Found | None:
    rel = m["rel"].lower()
    unit_word = m["unit"].lower()
    if rel in ("before", "after", "earlier", "later") and env.has_object(m.start("rel"), m.end("rel")):
        return None
    anchor = env.narrative_day(m.start())
    sign = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "preceding": -1,
            "before": -1, "earlier": -1, "same": 0, "": 0}.get(rel)
    if sign is None:
        return None
    pod = lookup("parts_of_day", unit_word)
    unit = "D" if pod else _unit_code(unit_word)
    if unit not in ("D", "W", "M", "Y"):
        return None
    if unit in ("M", "Y"):  # "the following year": the year the story last named
        last = env.narrative_value(m.start())
        if unit == "Y" or len(last) >= 7:
            anchor = dt.date(int(last[:4]), int(last[5:7]) if len(last) >= 7 else 1, 1)
    day = dates.shift(anchor, sign, unit)
    value = dates.value_at_granularity(day, unit)
    type_ = "DATE"
    if pod:
        value += "T" + str(pod)
        type_ = "TIME"
    return _found(m, type_, value, "anchored_day", anchor=anchor.isoformat(),
                  day=day if unit == "D" else None)


# ---------------------------------------------------------------- the rule table

_YEAR_GUARD = r"(?![\d,.]\d)(?!\s*%)"


@functools.lru_cache(maxsize=1)
def rules() -> list[Rule]:
    """All rules, compiled once per process. Higher priority wins a tie in span length."""
    wd_prefix = r"(?:(?P<wdp>{WEEKDAY})\s*,?\s+)?"
    day_suffix = r"(?:st|nd|rd|th)?\b"
    table = [
        ("iso_date", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b",
         9, _iso_date),
        ("numeric_date", r"(?<![\d.:/])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)\b",
         9, _numeric_date),
        ("month_day", wd_prefix + r"\b(?P<mon>{MONTH_ANY})\s*(?P<day>[0-3]?\d)" + day_suffix
         + r"(?:\s*(?:[-–]|to|through|until|till)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![-–.:/,]\d)"
         + r"(?!\s*(?:%|percent|per\s+cent)))?"
         + r"(?:(?:\s*,\s*|\s+)(?P<year>{YEAR})" + _YEAR_GUARD + ")?", 8, _month_day),
        ("month_day", wd_prefix + r"(?:\bthe\s+)?(?:\b(?P<day0>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:[-–]|to|through|until|till)"
         + r"\s*(?:the\s+)?)?\b(?P<day>[0-3]?\d)" + day_suffix
         + r"\s+(?:of\s+)?(?P<mon>{MONTH_ANY})(?:\s*,?\s*(?P<year>{YEAR})" + _YEAR_GUARD + ")?",
         8, _month_day),
        ("month_year", r"(?:\b(?P<part>{PART})\s*-?\s*)?\b(?P<mon>{MONTH_ANY}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})"
         + _YEAR_GUARD + r"|(?P<rel>last|this|next)\s+year\b)", 7, _month_year),
        ("bare_month", r"(?:\b(?P<part>{PART})\s*-?\s*|\b(?P<det>last|next|this|past|coming)\s+)?"
         r"\b(?P<mon>{MONTH})\b", 3, _bare_month),
        ("year_range", r"(?:\b(?P<prep>between|from|in|during|since)\s+)?\b(?P<a>{YEAR})\s*"
         r"(?P<conj>[-–]|to|and|through|until|till)\s*(?P<b>{YEAR}|\d\d)\b" + _YEAR_GUARD, 6, _year_range),
        ("decade", r"(?:\bthe\s+)?(?:\b(?P<part>early|mid|late)\s*-?\s*)?(?:\b(?P<dec>1[5-9]\d0|20\d0)|'(?P<dec2>\d0))'?s\b",
         6, _decade_any),
        ("decade", r"\bthe\s+(?:(?P<part>early|mid|late)\s*-?\s*)?(?P<decw>{DECADE_WORD})\b(?P<dec>)(?P<dec2>)",
         6, _decade_any),
        ("century", r"(?:\bthe\s+)?(?:\b(?P<part>early|mid|late)\s*-?\s*)?\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|"
         r"(?P<word>{ORDINAL}))[\s-]+century\b", 6, _century),
        ("year", r"(?:\b(?P<part>{PART})\s*-?\s*|\b(?:fiscal|calendar)\s+)?\b(?P<year>{YEAR})\b" + _YEAR_GUARD,
         4, _year),
        ("weekday", r"(?:\b(?P<det>last|next|this|coming|past|early|late|the\s+previous|the\s+preceding|"
         r"the\s+following|the\s+next)\s+)?\b(?P<wd>{WEEKDAY})\b(?:'s)?"
         r"(?:\s+(?P<pod>{POD}))?\b", 5, _weekday),
        ("time_of_day", r"(?:\b(?P<pmod>{PMOD})\s+)?(?:\b(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*"
         r"(?P<ap>[ap])\.?\s?m\b\.?|\b(?P<h2>[01]?\d|2[0-4]):(?P<mi2>[0-5]\d)\b|\b(?P<named>{NAMED_TIME})\b)"
         r"(?:\s*(?P<local>local\s+time)|\s*\(?(?P<tz>{TZ})\b\)?)?"
         r"(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY})\b|\s+(?P<rd>today|yesterday|tomorrow)\b)?"
         r"(?:\s*,?\s+(?:on\s+)?(?P<cmon>{MONTH_ANY})\s*(?P<cday>[0-3]?\d)\b(?:\s*,\s*(?P<cyear>{YEAR})\b)?)?",
         7, _clock_any),
        ("relative_day", r"(?:\b(?P<part>early|late)\s+)?\b(?P<rd>{RELDAY})\b(?:\s+(?P<pod>{POD})\b)?",
         6, _relative_day),
        ("relative_day", r"\b(?P<det>this|last)\s+(?P<pod>morning|afternoon|evening|night)\b", 6, _this_part_of_day),
        ("relative_period", r"(?:\b(?P<part>{PART})\s*-?\s*)?\b(?P<det>{DEICTIC}|the)\s+"
         r"(?P<unit>week|month|(?:fiscal\s+)?year|quarter|weekend|decade|century|{SEASON})\b", 5, _relative_period),
        ("ago_or_relative", r"(?:\b(?P<qmod>{QMOD})\s+)?\b(?:(?P<num>{NUM}|{VAGUE})\s+)?(?:(?P<half>and\s+a\s+half)\s+)?"
         r"(?P<unit>{UNIT})s?\s+(?:or\s+so\s+)?(?P<rel>ago|earlier|later|before|after|from\s+now|hence)\b",
         6, _ago_or_relative),
        ("duration", r"(?:\b(?P<qmod>{QMOD})\s+|\b(?P<det>(?:the\s+)?(?:past|last|next|coming|first|previous|final|"
         r"latest|following|recent|remaining)|the)\s+)?\b(?P<num>{NUM}|{VAGUE})\s+(?:more\s+|full\s+|straight\s+|"
         r"consecutive\s+|(?P<half>and\s+a\s+half)\s+)?(?P<unit>{UNIT})s?\b(?:'s?)?(?:\s+(?P<half2>and\s+a\s+half)\b)?(?:\s+(?P<time>time)\b)?",
         5, _duration),
        ("duration", r"\b(?P<num>\d+|{NUMWORD})[-‑](?P<unit>{UNIT})(?:(?P<old>[-‑]old)|[-‑]long)?\b", 5, _hyphen_duration),
        ("duration", r"(?:\b(?P<lead>for|over|within|in|during|throughout)\s+)?(?P<span>(?:\b(?P<adj>recent|"
         r"the\s+past|the\s+last|past|the\s+coming|coming|the\s+next)\s+)?\b(?P<unit>years|months|weeks|days|"
         r"decades|hours|minutes|centuries))\b", 4, _vague_plural),
        ("set_frequency", r"\b(?P<freq>{FREQ})\b|\b(?:every|each)\s+(?P<wd>{WEEKDAY})\b|"
         r"(?:\b(?:once|twice|thrice|(?:\d+|{NUMWORD})\s+times)\s+(?:a|an|per|every|each)\s+|"
         r"\b(?:every|each|per)\s+)(?:(?P<other>other)\s+|(?P<num>\d+|{NUMWORD})\s+)?"
         r"(?P<unit>{UNIT}|{SEASON}|{MONTH})s?\b", 5, _set_frequency),
        ("reference_word", r"(?:\b(?:until|till|up\s+to|by|for|from)\s+)?\b(?P<ref>{REFWORD})\b", 2, _reference_word),
        ("quarter", r"(?:\b(?P<rel2>this|last|next)\s+year's\s+|\bthe\s+(?P<year0>{YEAR})\s+|\bthe\s+)?"
         r"(?:\bfiscal\s+)?\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)"
         r"(?:\s+|[-‑])(?P<q>quarter|half)\b(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year))?",
         6, _quarter),
        ("quarter", r"\bthe\s+(?:(?:latest|most\s+recent|recent|just[-\s]ended|current|same)\s+)?(?:fiscal\s+)?"
         r"quarter\b", 5, _the_quarter),
        ("holiday", r"\b(?P<hol>{HOLIDAY})\b(?:\s+(?P<week>week)\b)?(?:\s*,?\s*(?P<year>{YEAR})" + _YEAR_GUARD + ")?", 5, _holiday),
        ("anchored_day", r"\b(?:the\s+|that\s+)?(?P<rel>next|following|previous|preceding|same)\s+"
         r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b", 5, _anchored_day),
        ("anchored_day", r"\bthe\s+(?P<unit>day|week|month|year|night)\s+(?P<rel>before|after|earlier|later)\b",
         5, _anchored_day),
        ("anchored_day", r"(?:\b(?:later|earlier)\s+(?:in\s+)?)?\bthat\s+(?P<rel>)(?P<unit>day|week|month|year|"
         r"morning|afternoon|evening|night)\b", 5, _anchored_day),
        # "on the night he left", "the morning they were arrested": the part of the story's day that
        # a clause right after it names
        ("anchored_day", r"\bthe\s+(?P<rel>)(?P<unit>morning|afternoon|evening|night)(?=\s+(?:that|when|he|she|they|"
         r"we|I|you|it|his|her|their|its)\s)", 5, _anchored_day),
    ]
    compiled = [(name, _compile(pattern), priority, fn) for name, pattern, priority, fn in table]
    return [Rule(name, regex, priority, fn, plan(regex)) for name, regex, priority, fn in compiled]


def _decade_any(m: re.Match[str], env: Env) -> Found | None:
    """Decades written "1950s", "'90s" (group dec2) or "the nineties" (group decw)."""
    if m.groupdict().get("decw"):
        first3 = lookup("decade_words", m["decw"].lower())
        found = _found(m, "DATE", f"{first3}X", "decade")
        mod = _part_mod(m["part"])
        if mod:
            found.mod = mod
        return found
    digits = m["dec"] or m["dec2"]
    if not digits:
        return None
    if len(digits) == 2:
        digits = ("19" if int(digits) >= 30 else "20") + digits
    found = _found(m, "DATE", digits[:3] + "X", "decade")
    mod = _part_mod(m["part"])
    if mod:
        found.mod = mod
    return found


def _century(m: re.Match[str], env: Env) -> Found | None:
    """"the 20th century" -> 19XX (TimeML writes the first two digits of its years)."""
    n = int(m["n"]) if m["n"] else lookup("ordinal_words", m["word"].lower())
    if not n or n > 30:
        return None
    found = _found(m, "DATE", f"{n - 1:02d}XX", "century")
    mod = _part_mod(m["part"])
    if mod:
        found.mod = mod
    return found


def _clock_any(m: re.Match[str], env: Env) -> Found | None:
    """Clock times: "2:50 p.m.", "7 a.m.", "14:50", "noon" (24-hour form in groups h2/mi2)."""
    return _clock(_ClockMatch(m), env)


class _ClockMatch:
    """Presents the two alternative clock groups of the time_of_day rule under one name."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        m = self._m
        if key == "h":
            return m["h"] or m["h2"]
        if key == "mi":
            return m["mi"] if m["h"] else m["mi2"]
        return m[key]

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def groupdict(self) -> dict[str, str | None]:
        return self._m.groupdict()
