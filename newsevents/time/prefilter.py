"""Run a time rule only where it can match, with exactly the matches of a scan of the whole text.

Most of the time stage's cost was ~28 rule regexes each tried at every position of the text.
Every rule here has words it cannot match without ("ago", a unit, a month name...): this module
reads them out of the compiled pattern itself (so the lexicon and the patterns stay the only
place that says what a rule matches) together with how many letters a match can hold around
them.
`finditer` then looks for those words with `str.find` and runs the regex only on the stretches
of text around them, keeping the semantics of `pattern.finditer(text)`: same matches, same
order, same non-overlapping resolution.

Why it is exact:
- every match contains one of the rule's required strings (case folded like `re.I` does);
- letters are taken only by the pattern's bounded parts (its unbounded repeats, `\\s+`, `\\d+`,
  `[\\s-]+`, take no letter), so a match holds at most `before` letters ahead of its required
  string, and the engine, deciding a match that holds it, reads at most `after` letters from
  it on (lookaheads and a `\\b` after it included, +2 for the peeks);
- so a match starts after the (before+1)-th letter ahead of a required string; searching from
  there, with the text cut at the (after+3)-th letter from the last required string of the
  stretch, sees exactly what a full scan sees (a path that would read past the cut holds a
  required string too far on to start here), and searching with `pos` (not slicing) keeps
  lookbehinds and `\\b` at the start intact. Spaces and digits do not count, so blanked
  furniture costs nothing.
A rule without required strings, or with an unbounded repeat that may take letters, is simply
scanned whole.
"""

from __future__ import annotations

import bisect
import functools
import re
import re._constants as sre
import re._parser as sre_parse
import unicodedata
from dataclasses import dataclass

# Characters that `re.IGNORECASE` equates with an ASCII letter although `str.lower` does not
# (İ also lowers to two characters, which would shift offsets); and every decimal digit, which
# `\d` matches, as its ASCII digit (a few extra places to look, never one missed).
_SPECIAL_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_DIGITS = frozenset("0123456789")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_MAX_STRINGS = 400  # a finite language larger than this is treated as unknown
_MARGIN = 2  # letters a \b may peek at beyond what the pattern takes


def fold(text: str) -> str:
    """Lower case with the same length, matching what `re.I` treats as equal to ASCII letters."""
    if not text.isascii():
        table = dict(_SPECIAL_FOLD)
        for digit in set(_NON_ASCII_DIGIT.findall(text)):
            table[ord(digit)] = str(unicodedata.decimal(digit))
        text = text.translate(table)
    return text.lower()


class LetterIndex:
    """Where the letters of a text are: to count them before an offset, and find the n-th."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.before: list[int] = [0]  # letters before each run of letters, then the total
        for m in _LETTER_RUN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.before.append(self.before[-1] + m.end() - m.start())

    def count_before(self, offset: int) -> int:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k < 0:
            return 0
        return self.before[k] + min(offset, self.ends[k]) - self.starts[k]

    def position(self, n: int) -> int | None:
        """Offset of the n-th letter (from 0); None before the first or past the last."""
        if n < 0 or n >= self.before[-1]:
            return None
        k = bisect.bisect_right(self.before, n) - 1
        return self.starts[k] + n - self.before[k]

    def start_bound(self, offset: int, letters: int) -> int:
        """The first offset p such that [p, offset) holds at most `letters` letters."""
        at = self.position(self.count_before(offset) - letters - 1)
        return 0 if at is None else at + 1

    def end_bound(self, offset: int, letters: int) -> int:
        """The offset e such that [offset, e) holds exactly `letters` letters (else the text's end)."""
        at = self.position(self.count_before(offset) + letters)
        return self.length if at is None else at


@dataclass(frozen=True)
class Plan:
    """How to find one rule's matches: strings every match contains, and how many letters a
    match can hold around them (with what the engine peeks at while deciding it)."""

    required: tuple[str, ...]
    before: int  # letters a match holds ahead of a required string
    after: int  # letters the engine may read from a required string on


def plan(pattern: re.Pattern[str]) -> Plan | None:
    """The plan of a compiled rule pattern, or None when it must be scanned whole.

    With the required strings coming from items a..b of the pattern's top-level sequence, a
    match holds at most `before` letters ahead of a required string (items 0..b), and the engine
    reads at most `after` letters from it (items a.., or one lookahead of an earlier item)."""
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    placed = _placed_requirement(items)
    groups: dict[int, tuple[int, int]] = {}
    widths = []
    for item in items:
        w = _width([item], groups)
        if w is None:
            return None
        widths.append(w[0])
    if placed is None or any(not s for s in placed[0]):
        return None
    required, a, b = placed
    before = sum(widths[:b + 1])
    after = max(max(widths[:a], default=0), sum(widths[a:]))
    return Plan(tuple(sorted(required)), before, after)


def finditer(pattern: re.Pattern[str], the_plan: Plan | None, text: str, folded: str,
             letters: LetterIndex) -> list[re.Match[str]]:
    """The matches of `pattern.finditer(text)` (non-empty ones), searching only near the
    required strings of `the_plan`. `folded` is `fold(text)`, `letters` its LetterIndex."""
    if the_plan is None:
        return [m for m in pattern.finditer(text) if m.end() > m.start()]
    hits: list[int] = []
    for word in the_plan.required:
        i = folded.find(word)
        while i >= 0:
            hits.append(i)
            i = folded.find(word, i + 1)
    if not hits:
        return []
    hits.sort()
    # the possible starts of a match holding each hit, [start bound, hit], merged
    ranges: list[list[int]] = []
    for h in hits:
        lo = letters.start_bound(h, the_plan.before)
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1][1] = h
        else:
            ranges.append([lo, h])
    out: list[re.Match[str]] = []
    pos = 0
    for lo, last_start in ranges:
        at = max(lo, pos)
        endpos = letters.end_bound(last_start, the_plan.after + _MARGIN)
        while at <= last_start:
            m = pattern.search(text, at, endpos)
            if m is None or m.start() > last_start:
                break
            if m.end() <= m.start():  # an empty match: a full scan would step on by one
                at = m.start() + 1
                continue
            out.append(m)
            pos = at = m.end()
    return out


# ---------------------------------------------------------------- reading the pattern


def _strings(item: tuple) -> set[str] | None:
    """The finite set of (folded) strings an item matches, or None if unknown or too large."""
    op, av = item
    if op is sre.LITERAL:
        ch = chr(av)
        return {fold(ch)} if ch.isascii() else None
    if op is sre.IN:
        return _class_strings(av)
    if op is sre.SUBPATTERN:
        return _sequence_strings(list(av[3]))
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            s = _sequence_strings(list(branch))
            if s is None:
                return None
            out |= s
            if len(out) > _MAX_STRINGS:
                return None
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] is not sre.MAXREPEAT and av[1] <= 4:
        inner = _sequence_strings(list(av[2]))
        if inner is None:
            return None
        out = set()
        power = {""}
        for count in range(av[1] + 1):
            if count >= av[0]:
                out |= power
            power = {a + b for a in power for b in inner}
            if len(out) + len(power) > _MAX_STRINGS:
                return None
        return out
    return None


def _class_strings(av: list) -> set[str] | None:
    """The characters of a small class ([ap], [0-5], \\d), folded; None for other classes."""
    out: set[str] = set()
    for o, a in av:
        if o is sre.LITERAL:
            chars = {chr(a)}
        elif o is sre.RANGE and a[1] - a[0] < 30:
            chars = {chr(c) for c in range(a[0], a[1] + 1)}
        elif o is sre.CATEGORY and a in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
            chars = set(_DIGITS)  # fold() writes every decimal digit as its ASCII digit
        else:
            return None
        if not all(c.isascii() for c in chars):
            return None
        out |= {fold(c) for c in chars}
    return out


def _sequence_strings(items: list) -> set[str] | None:
    out = {""}
    for item in items:
        if item[0] is sre.AT:
            continue  # \b and friends match no characters
        s = _strings(item)
        if s is None:
            return None
        out = {a + b for a in out for b in s}
        if len(out) > _MAX_STRINGS:
            return None
    return out


# Rough share of each character in English news text, to prefer the rarest required strings.
_LETTER_SHARE = dict(zip("etaoinsrhldcumfpgwybvkxjqz", (
    .10, .075, .065, .06, .058, .057, .053, .05, .04, .033, .03, .025, .023, .02, .018, .016, .015, .014,
    .013, .012, .008, .005, .0015, .001, .001, .0006), strict=True))


def _char_share(c: str) -> float:
    if c in _LETTER_SHARE:
        return _LETTER_SHARE[c]
    if c == " ":
        return .16
    if c in _DIGITS:
        return .004
    return .002


# Relative costs per character of text: one `str.find` pass for a string, and one hit (a regex
# search over a window of some 60 characters).
_FIND_COST = 1.0
_HIT_COST = 12000.0


def _cost(required: set[str]) -> float:
    """Expected work per character of text to find the hits of `required` and search around them."""
    return len(required) * _FIND_COST + sum(map(_string_share, required)) * _HIT_COST


@functools.cache
def _string_share(s: str) -> float:
    """Expected occurrences of `s` per character of text."""
    p = 1.0
    for c in s:
        p *= _char_share(c)
    return p


def _cheapest(required: set[str]) -> set[str]:
    """`required` or a set of its prefixes or suffixes (every match still contains one), whichever
    costs least: 500 years "1600".."2099" are better looked for as "16".."20"."""
    longest = max(len(s) for s in required)
    options = [required]
    for k in range(1, longest):
        options.append({s[:k] for s in required})
        options.append({s[-k:] for s in required})
    return min(options, key=_cost)


def _requirement(items: list) -> set[str] | None:
    """A set of strings one of which every match of the sequence contains, the rarest found."""
    best = _placed_requirement(items)
    return best[0] if best else None


def _placed_requirement(items: list) -> tuple[set[str], int, int] | None:
    """The rarest requirement of the sequence, with the first and last item it comes from."""
    candidates: list[tuple[set[str], int, int]] = []
    run: set[str] = {""}
    run_start = 0
    for index, item in enumerate(items + [None]):
        s = _strings(item) if item is not None and item[0] is not sre.AT else (None if item is None else {""})
        if s is not None:
            joined = {a + b for a in run for b in s}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        if run and all(run) and run != {""}:
            candidates.append((run, run_start, index - 1))
        run, run_start = (s, index) if s is not None else ({""}, index + 1)
        if item is not None and s is None:
            inner = _item_requirement(item)
            if inner:
                candidates.append((inner, index, index))
    if not candidates:
        return None
    return min(((_cheapest(c), a, b) for c, a, b in candidates), key=lambda c: _cost(c[0]))


def _item_requirement(item: tuple) -> set[str] | None:
    """What a mandatory item requires (None for an optional one or one that requires nothing)."""
    op, av = item
    if op is sre.SUBPATTERN:
        return _requirement(list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _requirement(list(av))
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            r = _requirement(list(branch))
            if not r:
                return None
            out |= r
        return _cheapest(out)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _requirement(list(av[2]))
    return None


def _letterless_class(items: list) -> bool:
    """Whether a repeated item is one character of a class without letters (\\s, \\d, [.,-])."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is sre.LITERAL:
        return not _LETTER.match(chr(av))
    if op is not sre.IN:
        return False
    for o, a in av:
        if o is sre.LITERAL:
            if _LETTER.match(chr(a)):
                return False
        elif o is sre.RANGE:
            if any(_LETTER.match(chr(c)) for c in range(a[0], a[1] + 1)):
                return False
        elif o is sre.CATEGORY:
            if a not in (sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_SPACE, sre.CATEGORY_UNI_DIGIT):
                return False
        else:
            return False
    return True


def _width(items: list, groups: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """(fixed, per letterless run) bound on how far the engine reads from a match's start, or None."""
    fixed = per_run = 0
    for op, av in items:
        w: tuple[int, int] | None
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            w = (1, 0)
        elif op is sre.AT:
            w = (0, 0)
        elif op is sre.SUBPATTERN:
            w = _width(list(av[3]), groups)
            if w is not None and av[0] is not None:
                groups[av[0]] = w
        elif op is sre.ATOMIC_GROUP:
            w = _width(list(av), groups)
        elif op is sre.BRANCH:
            ws = [_width(list(b), groups) for b in av[1]]
            w = None if any(x is None for x in ws) else (max(x[0] for x in ws), max(x[1] for x in ws))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, inner = av
            if high is sre.MAXREPEAT:
                w = (0, 1) if _letterless_class(list(inner)) else None
            else:
                iw = _width(list(inner), groups)
                w = None if iw is None else (iw[0] * high, iw[1] * high)
        elif op is sre.ASSERT or op is sre.ASSERT_NOT:
            direction, inner = av
            w = (0, 0) if direction < 0 else _width(list(inner), groups)  # a lookahead reads ahead
        elif op is sre.GROUPREF:
            w = groups.get(av)
        else:
            w = None
        if w is None:
            return None
        fixed += w[0]
        per_run += w[1]
    return fixed, per_run
