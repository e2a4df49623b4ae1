"""The outlines of the map of France (projets/data/france_map.json) against the COG territories."""

import json
import re

from projets.territories import DATA_FILE
from projets.territory_map import france_map

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def absolute_points(path: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written as relative moves ("m x y dx dy ... z"), in absolute coordinates."""
    rings, x, y = [], 0.0, 0.0
    for ring in path.split("z")[:-1]:
        assert ring.startswith("m"), ring[:20]
        numbers = [float(n) for n in NUMBER.findall(ring[1:])]
        assert numbers and len(numbers) % 2 == 0
        points = []
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        x, y = points[0]  # after "z" the current point is the ring's first
        rings.append(points)
    return rings


def test_every_cog_region_and_departement_has_exactly_one_path():
    cog = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    outlines = france_map()
    for layer in ("regions", "departements"):
        codes = [item["code"] for item in cog[layer]]
        assert sorted(outlines[layer]) == sorted(codes), layer
        for code, path in outlines[layer].items():
            assert re.fullmatch(r"(m[^a-z]+z)+", path), (layer, code)
    assert outlines["source"]["outlines"]["licence"].startswith("Natural Earth data: public domain")


def test_shapes_lie_in_the_view_box_and_the_drom_in_their_insets():
    outlines = france_map()
    metro = outlines["metropole"]
    insets = {inset["departement"]: inset for inset in outlines["insets"]}
    assert [inset["region"] for inset in outlines["insets"]] == ["01", "02", "03", "04", "06"]
    for code, path in outlines["departements"].items():
        box = insets.get(code, metro)
        points = [point for ring in absolute_points(path) for point in ring]
        assert len(points) >= 4, code
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        assert box["x"] <= min(xs) and max(xs) <= box["x"] + box["width"] + 0.05, code
        assert box["y"] <= min(ys) and max(ys) <= box["y"] + box["height"] + 0.05, code
    # Paris keeps a recognisable outline (its arcs are not simplified away).
    assert len(absolute_points(outlines["departements"]["75"])[0]) >= 10


def test_a_region_covers_the_span_of_its_departements():
    """Merged from its départements: the région's outline spans exactly theirs."""
    cog = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    outlines = france_map()

    def span(paths):
        points = [point for path in paths for ring in absolute_points(path) for point in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))

    for region in cog["regions"]:
        codes = [d["code"] for d in cog["departements"] if d["region"] == region["code"]]
        expected = span([outlines["departements"][code] for code in codes])
        got = span([outlines["regions"][region["code"]]])
        assert all(abs(a - b) < 0.3 for a, b in zip(got, expected, strict=True)), region["name"]
