"""The partner finder page."""

from django.shortcuts import render

from cms.collation import alphabetical
from precedents import partners
from precedents.selection import BadParameter
from projets.choices import TerritoryKind
from projets.models import Territory, Theme


def partner_finder(request):
    """The form, and the suggestions once it is filled; a refused value shows the form again with the error."""
    error = ""
    try:
        wanted = partners.parse_request(request.GET)
    except BadParameter as refused:
        wanted, error = None, str(refused)
    territories = Territory.objects.filter(kind__in=[TerritoryKind.REGION, TerritoryKind.DEPARTEMENT])
    return render(
        request,
        "precedents/partner_finder.html",
        {
            "wanted": wanted,
            "suggestions": partners.suggest(wanted, request) if wanted else None,
            "themes": Theme.objects.select_related("parent").order_by(*alphabetical("parent__name", "name")),
            "regions": [t for t in territories if t.kind == TerritoryKind.REGION],
            "departements": [t for t in territories if t.kind == TerritoryKind.DEPARTEMENT],
            "looking_for": list(partners.LOOKING_FOR.items()),
            "selected_themes": request.GET.getlist("themes"),
            "chosen": {
                name: (request.GET.get(name) or "").strip() for name in ("looking_for", "region", "departement")
            },
            "error": error,
        },
        status=400 if error else 200,
    )
