"""Geometry of the explorer's server-rendered SVG: a tile-grid cartogram of the 18 regions and bar charts.

No openly licensed region outlines are shipped by the package registries in a form we could use
quickly, so the map is a tile grid: one square per region placed roughly where it lies.
"""

# INSEE region code -> (column, row, short label). Overseas regions sit on their own row.
TILE_GRID = {
    "32": (2, 0, "HDF"),
    "53": (0, 1, "BRE"),
    "28": (1, 1, "NOR"),
    "11": (2, 1, "IDF"),
    "44": (3, 1, "GES"),
    "52": (0.5, 2, "PDL"),
    "24": (1.5, 2, "CVL"),
    "27": (2.5, 2, "BFC"),
    "75": (1, 3, "NAQ"),
    "84": (2, 3, "ARA"),
    "93": (3, 3, "PAC"),
    "76": (1.5, 4, "OCC"),
    "94": (4, 4, "COR"),
    "01": (0, 5.5, "GUA"),
    "02": (1, 5.5, "MTQ"),
    "03": (2, 5.5, "GUF"),
    "04": (3, 5.5, "REU"),
    "06": (4, 5.5, "MAY"),
}
TILE = 84
GAP = 6
# Five steps of blue; text colour chosen for a contrast ratio of at least 4.5:1 on each.
SCALE = [
    ("#f1f4f9", "#1b1b1f"),
    ("#c6d6ec", "#1b1b1f"),
    ("#8fb0da", "#1b1b1f"),
    ("#2f67b1", "#ffffff"),
    ("#123560", "#ffffff"),
]


def step_of(count: int, maximum: int) -> int:
    if count <= 0 or maximum <= 0:
        return 0
    return min(4, 1 + (count * 4 - 1) // maximum)


def region_tiles(regions: list[tuple]) -> dict:
    """Positioned tiles for (region, count) pairs, with the legend of the colour scale."""
    maximum = max((count for _region, count in regions), default=0)
    tiles = []
    for region, count in regions:
        if region.code not in TILE_GRID:
            continue
        column, row, short = TILE_GRID[region.code]
        fill, ink = SCALE[step_of(count, maximum)]
        x, y = int(column * (TILE + GAP)), int(row * (TILE + GAP))
        tiles.append(
            {
                "region": region,
                "count": count,
                "short": short,
                "x": x,
                "y": y,
                "fill": fill,
                "ink": ink,
                "cx": x + TILE // 2,
                "cy": y + TILE // 2 - 2,
                "count_y": y + TILE // 2 + 20,
            }
        )
    width = 5 * (TILE + GAP)
    height = int(6.5 * (TILE + GAP))
    return {
        "tiles": tiles,
        "tile": TILE,
        "width": width,
        "height": height,
        "outremer_y": int(5.5 * (TILE + GAP)) - 8,
        "maximum": maximum,
    }


def bar_chart(rows: list[tuple]) -> dict:
    """Horizontal bars for (label, count) rows, as a share of the largest count.

    Labels and counts are HTML text beside the bars (templates/projets/includes/bar_chart.html): they keep
    the body size at every width, where text inside a scaled-down SVG shrank to 7 px on a phone.
    """
    maximum = max((count for _label, count in rows), default=0)
    bars = [
        {"label": str(label), "count": count, "percent": round(100 * count / maximum, 1) if maximum else 0}
        for label, count in rows
    ]
    return {"bars": bars, "maximum": maximum}
