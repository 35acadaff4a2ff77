"""Build the world map's geometry (ccmctl/render/geo/) from Natural Earth via world-atlas.

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_geometry.py "$PWD/package"          # from the repository root

Reads ``countries-50m.json`` (the shapes) and ``countries-10m.json`` (only for the
centroids of states that 1:50m lacks: Tuvalu), maps world-atlas's ids (ISO 3166-1
numeric, the same as the UN M49 country codes) to alpha-3 with
``provenance/reference/iso3166-m49.csv``, projects with the Natural Earth projection of
:mod:`ccmctl.render.worldmap`, rounds to 0.1 map unit (the world is 1000 units wide) and
writes ``ccmctl/render/geo/countries.json`` and ``ccmctl/render/geo/centroids.csv``.
Deterministic: the same package gives the same bytes. See ccmctl/render/geo/PROVENANCE.md.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ccmctl.render.worldmap import natural_earth  # noqa: E402

OUT = ROOT / "ccmctl" / "render" / "geo"
M49 = ROOT / "provenance" / "reference" / "iso3166-m49.csv"
DROP = {"010"}  # Antarctica: no state, and half the map's height
MERGE_BY_NAME = {
    # Shapes Natural Earth draws apart from the state the United Nations recognises.
    "Somaliland": "SOM",
    "N. Cyprus": "CYP",
}
PRECISION = 10  # 0.1 map unit


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as longitude/latitude points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points if not out else points[1:])
    return out


def polygons(geom: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geom["type"] == "Polygon":
        polys = [[ring(arcs, r) for r in geom["arcs"]]]
    elif geom["type"] == "MultiPolygon":
        polys = [[ring(arcs, r) for r in poly] for poly in geom["arcs"]]
    else:
        return []
    out = []
    for poly in polys:
        if any(crosses(r) for r in poly):
            # Cut at the antimeridian: each ring becomes its eastern and western parts
            # (holes are dropped: the rings that cross it here, Russia's and Fiji's, have none).
            east, west = cut(unwrap(poly[0]))
            out += [[r] for r in (east, west) if len(r) >= 3]
        else:
            out.append(poly)
    return out


def crosses(r: list[tuple[float, float]]) -> bool:
    return any(abs(a - b) > 180 for (a, _), (b, _) in zip(r, r[1:], strict=False))


def unwrap(r: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous (a ring across 180 degrees reaches past it)."""
    out = [r[0]]
    for lon, lat in r[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(r: list[tuple[float, float]], keep_east: bool, at: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the meridian ``at``."""
    inside = (lambda p: p[0] >= at) if keep_east else (lambda p: p[0] <= at)
    out: list[tuple[float, float]] = []
    for a, b in zip(r, r[1:] + r[:1], strict=True):
        if inside(b):
            if not inside(a):
                out.append(meet(a, b, at))
            out.append(b)
        elif inside(a):
            out.append(meet(a, b, at))
    return out


def meet(a: tuple[float, float], b: tuple[float, float], at: float) -> tuple[float, float]:
    t = (at - a[0]) / (b[0] - a[0])
    return (at, a[1] + t * (b[1] - a[1]))


def cut(r: list[tuple[float, float]]) -> tuple[list, list]:
    """An unwrapped ring's parts inside [-180, 180]: one side of the cut as is, the
    other shifted by 360 degrees."""
    lons = [p[0] for p in r]
    at = 180.0 if max(lons) > 180 else -180.0
    near = clip(r, keep_east=at < 0, at=at)
    far = [(lon - 360 if at > 0 else lon + 360, lat) for lon, lat in clip(r, at > 0, at)]
    return near, far


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a projected ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a /= 2
    if abs(a) < 1e-12:
        n = len(points)
        return 0.0, sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    return a, cx / (6 * a), cy / (6 * a)


def path(rings: list[list[tuple[float, float]]]) -> str:
    """Rings as a compact SVG path: rounded absolute start, then relative moves."""
    parts = []
    for r in rings:
        q = []
        for x, y in r:
            p = (round(x * PRECISION), round(y * PRECISION))
            if not q or q[-1] != p:
                q.append(p)
        if len(q) > 1 and q[0] == q[-1]:
            q.pop()
        if len(set(q)) < 3:
            continue
        head = f"M{fmt(q[0][0])} {fmt(q[0][1])}"
        prev = q[0]
        steps = []
        for p in q[1:]:
            dx, dy = p[0] - prev[0], p[1] - prev[1]
            steps.append(f"h{fmt(dx)}" if dy == 0 else f"v{fmt(dy)}" if dx == 0 else pair(dx, dy))
            prev = p
        parts.append(_join(head, steps) + "z")
    return "".join(parts)


def pair(dx: int, dy: int) -> str:
    sy = fmt(dy)
    return fmt(dx) + ("" if sy.startswith("-") else " ") + sy


def _join(head: str, steps: list[str]) -> str:
    text = head
    mode = ""
    for s in steps:
        if s[0] in "hv":
            text += s
            mode = s[0]
        else:
            if mode != "l":
                text += "l" + s
            else:
                text += s if s.startswith("-") else " " + s
            mode = "l"
    return text


def fmt(v: int) -> str:
    """An integer number of tenths as the shortest decimal."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    whole, tenth = divmod(v, PRECISION)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{tenth}" if whole else f"{sign}.{tenth}"


def main(package: Path) -> None:
    codes = {r["country-code"]: r["alpha-3"] for r in csv.DictReader(M49.open(encoding="utf-8"))}
    states = sorted(p.stem for p in (ROOT / "data" / "states").glob("*.yaml"))
    topo = json.loads((package / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    by_state: dict[str, list] = {}
    others: list[tuple[str, list]] = []
    for g in topo["objects"]["countries"]["geometries"]:
        gid = g.get("id")
        if gid in DROP:
            continue
        name = g.get("properties", {}).get("name", "")
        iso3 = codes.get(gid) if gid else None
        iso3 = MERGE_BY_NAME.get(name, iso3)
        polys = polygons(g, arcs)
        if iso3 in states:
            by_state.setdefault(iso3, []).extend(polys)
        else:
            others.append((iso3 or name, polys))
    for polys in list(by_state.values()) + [p for _, p in others]:
        for poly in polys:
            for r in poly:
                for (a, _), (b, _) in zip(r, r[1:], strict=False):
                    if abs(a - b) > 180:
                        raise SystemExit("a ring crosses the antimeridian: cut it first")

    xs: list[float] = []
    ys: list[float] = []
    shapes = {}
    for iso3 in sorted(by_state):
        projected = [
            [[natural_earth(lon, lat) for lon, lat in r] for r in poly] for poly in by_state[iso3]
        ]
        total = 0.0
        best = (-1.0, 0.0, 0.0)
        for poly in projected:
            a, cx, cy = area_centroid(poly[0])
            holes = sum(abs(area_centroid(h)[0]) for h in poly[1:])
            total += abs(a) - holes
            if abs(a) > best[0]:
                best = (abs(a), cx, cy)
            for x, y in poly[0]:
                xs.append(x)
                ys.append(y)
        rings = [r for poly in projected for r in poly]
        shapes[iso3] = {
            "d": path(rings),
            "a": round(total, 2),
            "c": [round(best[1], 1), round(best[2], 1)],
        }
    other_paths = []
    for _key, polys in sorted(others, key=lambda kv: kv[0]):
        rings = [[natural_earth(lon, lat) for lon, lat in r] for poly in polys for r in poly]
        d = path(rings)
        if d:
            other_paths.append(d)
        for r in rings:
            xs += [x for x, _ in r]
            ys += [y for _, y in r]
    pad = 6.0
    view = [
        round(min(xs) - pad, 1),
        round(min(ys) - pad, 1),
        round(max(xs) - min(xs) + 2 * pad, 1),
        round(max(ys) - min(ys) + 2 * pad, 1),
    ]
    missing = [s for s in states if s not in shapes]
    centroids = []
    if missing:
        topo10 = json.loads((package / "countries-10m.json").read_text(encoding="utf-8"))
        arcs10 = decode_arcs(topo10)
        inverse = {v: k for k, v in codes.items()}
        for iso3 in missing:
            found = [
                g
                for g in topo10["objects"]["countries"]["geometries"]
                if g.get("id") == inverse.get(iso3)
            ]
            if not found:
                raise SystemExit(f"{iso3}: in neither the 1:50m nor the 1:10m countries")
            pts = [p for poly in polygons(found[0], arcs10) for p in poly[0]]
            lon = sum(p[0] for p in pts) / len(pts)
            lat = sum(p[1] for p in pts) / len(pts)
            centroids.append((iso3, round(lon, 2), round(lat, 2)))
    doc = {
        "source": "Natural Earth 1:50m Admin 0 - Countries (v4.1.0, public domain), "
        "from the npm package world-atlas 2.0.2 (countries-50m.json); "
        "Natural Earth projection, 1000 map units wide, rounded to 0.1",
        "view": view,
        "shapes": shapes,
        "others": other_paths,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (OUT / "countries.json").write_text(text + "\n", encoding="utf-8")
    with (OUT / "centroids.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# States the 1:50m geometry has no shape for, drawn as a dot here (longitude,\n"
            "# latitude in degrees). Written by scripts/make_geometry.py: the mean of the\n"
            "# outer-ring vertices of the state's Natural Earth 1:10m shapes (world-atlas 2.0.2,\n"
            "# countries-10m.json).\n"
        )
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "lon", "lat", "source"])
        for iso3, lon, lat in centroids:
            w.writerow([iso3, lon, lat, "Natural Earth 1:10m Admin 0 (world-atlas 2.0.2)"])
    print(
        f"{len(shapes)} states with shapes, {len(other_paths)} other territories, "
        f"{len(centroids)} centroids ({', '.join(c[0] for c in centroids)}); "
        f"{len(text) / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
