"""The outlines of the French régions and départements as SVG paths, with their view box and DROM insets.

The data file (data/france_map.json) is generated from public-domain Natural Earth outlines by
data/build_map.sh (see data/README.md) and committed: the site draws the map with no library, tile server
or network access.
"""

import json
from functools import cache
from pathlib import Path

from projets.choices import TerritoryKind
from projets.territories import DATA_FILE

MAP_FILE = Path(__file__).resolve().parent / "data" / "france_map.json"
# A small map's fills: the régions named (or holding a département named), the départements named, the rest.
NAMED_REGION, NAMED_DEPARTEMENT, OTHER = "#2f67b1", "#123560", "#f1f4f9"


@cache
def france_map() -> dict:
    """{"width", "height", "metropole", "insets": [...], "regions": {code: path}, "departements": {...}}."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@cache
def region_of_departement() -> dict[str, str]:
    """The COG's département code -> région code (data/territories.json), read with no query."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {departement["code"]: departement["region"] for departement in data["departements"]}


def territories_map(territories) -> dict | None:
    """A small map of France with these territories filled, or None when none of them is French.

    Régions named, or holding a département named, are filled; the départements named (and the DROM) are
    filled darker over them. Metropolitan France is drawn when one of them lies there; a DROM's inset only when named.
    """
    outlines, regions_of = france_map(), region_of_departement()
    departements = {t.code for t in territories if t.kind == TerritoryKind.DEPARTEMENT and t.code in regions_of}
    regions = {t.code for t in territories if t.kind == TerritoryKind.REGION and t.code in outlines["regions"]}
    regions |= {regions_of[code] for code in departements}
    if not regions:
        return None
    overseas = {inset["region"] for inset in outlines["insets"]}
    metropole = None
    if regions - overseas:
        metropole = {
            "box": outlines["metropole"],
            "regions": [
                (path, NAMED_REGION if code in regions else OTHER)
                for code, path in outlines["regions"].items()
                if code not in overseas
            ],
            "departements": [
                outlines["departements"][code] for code in sorted(departements) if regions_of[code] not in overseas
            ],
        }
    # A DROM is one région of one département: its inset is filled as a département.
    paths = outlines["regions"]
    insets = [{**inset, "path": paths[inset["region"]]} for inset in outlines["insets"] if inset["region"] in regions]
    names = [t.name for t in territories if t.kind in (TerritoryKind.REGION, TerritoryKind.DEPARTEMENT)]
    return {"metropole": metropole, "insets": insets, "names": names, "fill": NAMED_DEPARTEMENT}
