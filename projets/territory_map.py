"""The outlines of the French régions and départements as SVG paths, with their view box and DROM insets.

The data file (data/france_map.json) is generated from public-domain Natural Earth outlines by
data/build_map.sh (see data/README.md) and committed: the site draws the map with no library, tile server
or network access.
"""

import json
from functools import cache
from pathlib import Path

MAP_FILE = Path(__file__).resolve().parent / "data" / "france_map.json"
LAYERS = ("regions", "departements")


@cache
def france_map() -> dict:
    """{"width", "height", "insets": [...], "regions": {code: path}, "departements": {code: path}, ...}."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))
