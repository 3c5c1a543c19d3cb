"""Loads PETRARCH / Phoenix actor and agent dictionaries that users own (`--actors PATH`).

Format (see the PETRARCH-2 dictionaries README): one entry a line, `#` comments, `_` joins the
words of a phrase, `+` lines are synonyms of the root above, `[CODE]` or `[CODE 090120-170120]`
(also `>YYMMDD`, `<YYMMDD`, YYYYMMDD) give codes valid in a date range, an undated code is the
default. Agent files map common nouns to `[~AGT]` suffixes, with `!SET! = A, B` substitution sets
and `{PLURALS}` irregular forms. Each file is parsed once per process and path.

The entries are added on top of our own knowledge: `code.py` consults them where our knowledge
has no entry of the same length for a phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from newsevents.actors.knowledge import (
    AGENT_TYPES,
    COUNTRY,
    ORG,
    PERSON,
    ROLE,
    Entry,
    keep_out_of_collector,
    normalize,
    phrase_words,
)

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_AGENT_FILE_HINT = re.compile(r"\[~?[A-Z]{3,}~?\]")
_FUNCTION_WORDS = phrase_words()["petrarch_function_words"]


def _yymmdd(text: str) -> dt.date | None:
    digits = re.sub(r"\D", "", text)
    try:
        if len(digits) == 6:
            yy = int(digits[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return dt.date(year, int(digits[2:4]) or 1, int(digits[4:6]) or 1)
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]) or 1, int(digits[6:8]) or 1)
    except ValueError:
        return None
    return None


def parse_code(spec: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """`USAGOV 090120-170120` -> ("USAGOV", 2009-01-20, 2017-01-20); `X >140608`; `X <990101`."""
    spec = spec.strip()
    if not spec:
        return None
    parts = spec.split(None, 1)
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z~\-+]{3,}", code):
        return None
    if len(parts) == 1:
        return code, None, None
    restriction = parts[1].replace(" ", "")
    if restriction.startswith(">"):
        start = _yymmdd(restriction[1:])
        return (code, start, None) if start else None
    if restriction.startswith("<"):
        end = _yymmdd(restriction[1:])
        return (code, None, end) if end else None
    if "-" in restriction:
        a, b = restriction.split("-", 1)
        start, end = _yymmdd(a), _yymmdd(b)
        return (code, start, end) if start and end else None
    return code, None, None


def _phrase(token: str) -> str:
    return normalize(token.strip().strip("+").replace("_", " "))


def _name_constraints(phrase: str) -> tuple[int, ...]:
    return tuple(i for i, w in enumerate(phrase.split(" ")) if len(w) > 1 and w not in _FUNCTION_WORDS)


def _actor_entry(phrase: str, codes: list[tuple[str, dt.date | None, dt.date | None]], root: str) -> Entry:
    """A dated entry is a person; one whose only code is a bare country (`GENEVA [CHE]`) names a
    place or country, a place in a locative phrase like our own country names; others are organizations."""
    if any(c[1] or c[2] for c in codes):
        kind = PERSON
    elif all(len(c[0]) == 3 and c[0].isalpha() for c in codes):
        kind = COUNTRY
    else:
        kind = ORG
    return Entry(phrase=phrase, kind=kind, rule="petrarch_actor_dictionary", name=root.title(), codes=tuple(codes),
                 capitalized_words=_name_constraints(phrase), source="petrarch")


def parse_actor_file(text: str) -> dict[str, list[Entry]]:
    """Actor dictionary text -> normalized phrase -> entries (with their dated codes)."""
    out: dict[str, list[Entry]] = {}
    root: str | None = None
    phrases: list[str] = []
    codes: list[tuple[str, dt.date | None, dt.date | None]] = []

    def flush() -> None:
        if root is not None and codes:
            for phrase in phrases:
                if phrase:
                    out.setdefault(phrase, []).append(_actor_entry(phrase, list(codes), root))

    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        found = [c for c in (parse_code(m) for m in _CODE_RE.findall(stripped)) if c]
        head = _CODE_RE.sub(" ", stripped).strip()
        if stripped.startswith("["):
            codes += found
            continue
        if stripped.startswith("+"):
            phrases.append(_phrase(head))
            codes += found
            continue
        flush()
        root, phrases, codes = head, [_phrase(head)], list(found)
    flush()
    return out


def parse_agent_file(text: str) -> dict[str, list[Entry]]:
    """Agent dictionary text -> normalized phrase -> role entries (`[~GOV]` -> agent GOV)."""
    sets: dict[str, list[str]] = {}
    out: dict[str, list[Entry]] = {}
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_RE.findall(line)
        if not codes:
            continue
        agent_code = codes[0].strip().replace("~", "")
        if agent_code[:3] not in AGENT_TYPES:
            continue  # religion and other non-agent blocks (~MUS, ~CHRPRO) say nothing of the role
        body = _CODE_RE.sub(" ", line)
        irregular = re.findall(r"\{([^}]*)\}", body)
        body = re.sub(r"\{[^}]*\}", " ", body).strip()
        forms = [body]
        for name, members in sets.items():
            if name in body:
                forms = [f.replace(name, member) for f in forms for member in members]
        for extra in irregular:
            forms += [w for w in extra.split() if w]
        for form in forms:
            phrase = _phrase(form)
            if phrase:
                out.setdefault(phrase, []).append(Entry(phrase=phrase, kind=ROLE, rule="petrarch_agent_dictionary",
                                                        agent=agent_code[:3], source="petrarch"))
    return out


def _is_agent_file(text: str) -> bool:
    sample = [ln for ln in text.splitlines()[:400] if _CODE_RE.search(ln) and not ln.lstrip().startswith("#")]
    return bool(sample) and sum("~" in ln for ln in sample) > len(sample) / 2


@lru_cache(maxsize=32)
def load_dictionary(path: str) -> dict[str, list[Entry]]:
    """One dictionary file (actors or agents, told apart by its codes), cached per path."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    entries = parse_agent_file(text) if _is_agent_file(text) else parse_actor_file(text)
    keep_out_of_collector()
    return entries


def dated_match(entry: Entry, date: dt.date | None) -> bool:
    """Does one of the entry's date-restricted codes hold at the date? A phrase listed under
    several people ("PRESIDENT_BUSH" under both Bushes) names the one in office then."""
    return date is not None and any((start or end) and (start is None or start <= date) and (end is None or date <= end)
                                    for _, start, end in entry.codes)


def code_at(entry: Entry, date: dt.date | None) -> str | None:
    """The PETRARCH code of an entry valid at a date: a dated code containing it, else the default."""
    default = None
    for code, start, end in entry.codes:
        if start is None and end is None:
            default = default or code
            continue
        if date is not None and (start is None or start <= date) and (end is None or date <= end):
            return code
    if default:
        return default
    return entry.codes[0][0] if entry.codes and date is None else None
