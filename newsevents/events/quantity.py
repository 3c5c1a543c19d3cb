"""Quantities of an event (rule `quantity`): a counted noun in the event's clause
("about a half million leaflets" -> 500000 leaflets; "three ballistic missiles")."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.reading import Quantity

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
         "half": 0.5, "a": 1}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def parse_number(tokens: list[Token]) -> float | None:
    value: float | None = None
    for t in tokens:
        w = t.lower_.replace(",", "")
        if w in SCALES and value is not None:
            value *= SCALES[w]
        elif w in SCALES:
            value = SCALES[w]
        elif w in WORDS and w != "a":
            value = (value or 1) * WORDS[w] if value is not None and WORDS[w] < 1 else WORDS[w] if value is None else value + WORDS[w]
        else:
            try:
                value = float(w)
            except ValueError:
                continue
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def find_quantity(ctx, verb: Token) -> Quantity | None:
    """The first counted noun among the verb's arguments (object, subject, or a bare number)."""
    for arg in verb.children:
        if arg.dep_ not in ("dobj", "nsubj", "nsubjpass", "obj", "attr"):
            continue
        nums = [c for c in arg.subtree if c.dep_ in ("nummod", "quantmod") or c.like_num]
        nums = [n for n in nums if n.i <= arg.i]
        if not nums:
            continue
        span = verb.doc[nums[0].i: arg.i + 1]
        value = parse_number([t for t in span if t.i < arg.i or arg.like_num])
        if value is None:
            continue
        unit = None if arg.like_num else arg.text
        s, e = ctx.raw_span(span)
        return Quantity(text=ctx.raw[s:e], value=value, unit=unit)
    return None
