"""The explorer: the catalogue seen as a map of France and a few charts."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from search import catalogue_cache
from search.catalogue_figures import catalogue_figures
from search.explorer_geometry import bar_chart, choropleth

# ?carte= values: the map's layer. Anything else shows the régions (an ignored parameter, never an error).
LAYERS = ("regions", "departements")


def explorer(request):
    figures = catalogue_cache.figures(catalogue_figures)
    layer = request.GET.get("carte")
    layer = layer if layer in LAYERS else "regions"
    context = {
        "figures": figures,
        "layer": layer,
        "map": choropleth(layer, figures[layer]),
        "charts": [
            (
                "themes",
                _("Études de cas par thème"),
                _("Thème"),
                bar_chart([(t.name, n) for t, n in figures["themes"]]),
            ),
            ("annees", _("Études de cas par année de début"), _("Année"), bar_chart(figures["years"])),
            (
                "financements",
                _("Études de cas par type de financement"),
                _("Type de financement"),
                bar_chart(figures["funding"]),
            ),
        ],
        "meta_title": _("Explorer"),
        "meta_description": _("Les études de cas par région, par thème, par année et par type de financement."),
    }
    return TemplateResponse(request, "search/explorer.html", context)
