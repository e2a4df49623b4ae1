"""The data dictionary page (/donnees/) and robots.txt."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cms.site_url import absolute

from .columns import CONTRACTS, FUNDING, ORGANISATIONS, PARTNERS, PROJECTS
from .exports import LAYOUT, LICENCE, LICENCE_URL
from .http import data_last_modified, public_data_condition
from .jsonld import jsonld_script
from .package import catalogue_jsonld, data_package


@require_safe
def dictionary(request):
    tables = [
        ("projets.csv", "donnees:projects_csv", PROJECTS),
        ("partenaires.csv", "donnees:partners_csv", PARTNERS),
        ("financements.csv", "donnees:funding_csv", FUNDING),
        ("contrats.csv", "donnees:contracts_csv", CONTRACTS),
        ("organisations.csv", "donnees:organisations_csv", ORGANISATIONS),
    ]
    context = {
        "tables": [
            {"name": name, "url": reverse(url), "excel_url": reverse(f"{url}_excel"), "columns": columns}
            for name, url, columns in tables
        ],
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "catalogue_jsonld": jsonld_script(catalogue_jsonld(data_last_modified(request), request)),
    }
    return render(request, "donnees/dictionary.html", context)


@require_safe
@public_data_condition(LAYOUT)
def datapackage(request):
    """The Frictionless Data Package of the CSV files (/donnees/datapackage.json)."""
    response = JsonResponse(data_package(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/json; charset=utf-8"
    return response


@require_safe
def robots_txt(request):
    # Disallow first: parsers that take the first matching rule (Python's robotparser) must not read
    # "Allow: /" as allowing /admin/.
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {absolute(reverse('donnees:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
