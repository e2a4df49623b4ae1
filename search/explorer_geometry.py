"""Geometry of the server-rendered maps (the explorer, the catalogue's region filter) and bar charts.

The outlines (régions and départements, with insets for the five DROM) come from projets/data/france_map.json,
drawn from Natural Earth's public-domain polygons at build time; the page draws them as links with no script.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from projets.territory_map import france_map

# Five steps of blue, the lightest for "none"; each next to white or its neighbours is told apart.
SCALE = ["#f1f4f9", "#c6d6ec", "#8fb0da", "#2f67b1", "#123560"]
STEPS = len(SCALE) - 1  # classes of counts above zero
# The catalogue's filter parameter for each layer of the map.
FILTER = {"regions": "region", "departements": "departement"}


def step_of(count: int, maximum: int) -> int:
    """0 for none, then 1 to STEPS: equal shares of the largest count, the last holding it."""
    if count <= 0 or maximum <= 0:
        return 0
    return min(STEPS, 1 + (count * STEPS - 1) // maximum)


def legend(maximum: int) -> list[dict]:
    """The classes of step_of() that can hold a count: (step, colour, lowest, highest), none empty."""
    classes = [{"step": 0, "fill": SCALE[0], "low": 0, "high": 0}]
    for step in range(1, STEPS + 1):
        low = ((step - 1) * maximum + 1 + STEPS - 1) // STEPS  # ceil(((step - 1) * maximum + 1) / STEPS)
        high = step * maximum // STEPS
        if low <= high:
            classes.append({"step": step, "fill": SCALE[step], "low": low, "high": high})
    return classes


def choropleth(layer: str, rows: list[tuple]) -> dict:
    """Shapes of a layer ("regions" or "departements") coloured by the counts of (territory, count) rows.

    Each shape links to the catalogue filtered on its territory. Territories the outlines do not know are
    left out of the map (the table beside it still lists them).
    """
    outlines = france_map()
    paths = outlines[layer]
    maximum = max((count for _territory, count in rows), default=0)
    shapes = []
    for territory, count in rows:
        if territory.code not in paths:
            continue
        step = step_of(count, maximum)
        shapes.append(
            {
                "territory": territory,
                "count": count,
                "path": paths[territory.code],
                "step": step,
                "fill": SCALE[step],
                "href": f"/projets/?{FILTER[layer]}={territory.code}",
            }
        )
    # The five DROM are drawn apart, each in its inset (not to scale), after metropolitan France.
    key = "region" if layer == "regions" else "departement"
    by_code = {shape["territory"].code: shape for shape in shapes}
    insets = [{**inset, "shape": by_code[inset[key]]} for inset in outlines["insets"] if inset[key] in by_code]
    overseas = {inset[key] for inset in outlines["insets"]}
    return {
        "layer": layer,
        "shapes": shapes,
        "metropole": [shape for shape in shapes if shape["territory"].code not in overseas],
        "metropole_box": outlines["metropole"],
        "insets": insets,
        "legend": legend(maximum),
        "maximum": maximum,
    }


def facet_map(entries: list[dict]) -> dict:
    """The catalogue's region filter as a map: the entries of search.views.facet_groups' region group.

    A region with case studies among the results is a link that toggles its filter, coloured by its count,
    named by a tooltip; the others are drawn, unlinked, in the lightest step. Every catalogue page draws
    them: the markup is written here in one pass rather than by a template loop and its translations.
    """
    outlines = france_map()
    by_code = {entry["item"].value: entry for entry in entries}
    maximum = max((entry["item"].count for entry in entries), default=0)
    drom = {inset["region"] for inset in outlines["insets"]}

    def shape(code: str) -> SafeString:
        # Paths hold only "m", "z", digits, ".", "-" and spaces (tests/projets/test_france_map.py): nothing to escape.
        path, entry = mark_safe(outlines["regions"][code]), by_code.get(code)  # noqa: S308
        if entry is None:
            return format_html('<path d="{}" fill="{}"/>', path, SCALE[0])
        item = entry["item"]
        label = ngettext("%(name)s : %(counter)s étude de cas", "%(name)s : %(counter)s études de cas", item.count) % {
            "name": item.label,
            "counter": item.count,
        }
        return format_html(
            '<a href="{}" tabindex="-1" class="facet-map__link{}" data-value="{}"><path d="{}" fill="{}">'
            "<title>{}</title></path></a>",
            entry["url"],
            " is-selected" if item.selected else "",
            item.value,
            path,
            SCALE[step_of(item.count, maximum)],
            label,
        )

    return {
        "box": outlines["metropole"],
        "metropole": format_html_join("", "{}", ((shape(code),) for code in outlines["regions"] if code not in drom)),
        "insets": [{**inset, "shape": shape(inset["region"])} for inset in outlines["insets"]],
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
