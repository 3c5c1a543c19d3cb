"""The time stage's knowledge, loaded once per process from `data/` (editable YAML and TSV).

Code never lists words; it asks this module for the lexicon sections that its rules name, and
for regex alternations built from them, so that a domain expert can extend the vocabulary
without touching the patterns.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from newsevents.data_files import read_yaml

DATA = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The sections of data/lexicon.yaml (loaded once)."""
    return read_yaml(DATA / "lexicon.yaml")


@functools.lru_cache(maxsize=1)
def utc_offsets() -> dict[str, str]:
    """ISO3 country -> standard UTC offset ("+09:00"), from data/utc_offsets.tsv."""
    out: dict[str, str] = {}
    with open(DATA / "utc_offsets.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "iso3" or len(cols) < 2:
                continue
            out[cols[0].strip().upper()] = cols[1].strip()
    return out


def section(name: str) -> Any:
    return lexicon()[name]


def alternation(words: Any, capitalised: bool = False) -> str:
    """A regex alternation of lexicon phrases, longest first; spaces match any whitespace.

    With `capitalised`, only the Capitalised and UPPER CASE forms match, whatever the
    surrounding flags ("May" the month, not "may" the verb).
    """
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    parts = []
    for w in items:
        if capitalised:
            forms = {w[:1].upper() + w[1:], w.upper()}
            parts.extend(sorted(forms, key=len, reverse=True))
        else:
            parts.append(w)
    escaped = [re.escape(p).replace(r"\ ", r"\s+") for p in parts]
    body = "|".join(escaped)
    return f"(?-i:{body})" if capitalised else f"(?:{body})"


def lookup(name: str, phrase: str) -> Any:
    """Value of a phrase in a lexicon section, folding case and inner whitespace."""
    key = re.sub(r"\s+", " ", phrase.strip().lower())
    return section(name).get(key)
