"""Public URLs of the data room: exports and their dictionary, feeds, sitemap, robots.txt, API v2."""

from django.urls import path
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap

from . import exports, views
from .api import api_router
from .feeds import ProjectsFeed
from .sitemaps import SITEMAP_TEMPLATE, SITEMAPS, index

app_name = "donnees"

data_urls = [
    path("donnees/", views.dictionary, name="dictionary"),
    path("donnees/datapackage.json", views.datapackage, name="datapackage"),
    path("donnees/projets.csv", exports.projects_csv, name="projects_csv"),
    path("donnees/projets.xlsx", exports.projects_xlsx, name="projects_xlsx"),
    path("donnees/projets.json", exports.projects_json, name="projects_json"),
    path("donnees/partenaires.csv", exports.partners_csv, name="partners_csv"),
    path("donnees/financements.csv", exports.funding_csv, name="funding_csv"),
    path("donnees/contrats.csv", exports.contracts_csv, name="contracts_csv"),
    path("donnees/organisations.csv", exports.organisations_csv, name="organisations_csv"),
    # The same files for French Excel (semicolons, decimal commas, UTF-8 with a BOM).
    *[
        path(f"donnees/{name}-excel.csv", view, {"excel": True}, name=f"{url_name}_excel")
        for name, view, url_name in (
            ("projets", exports.projects_csv, "projects_csv"),
            ("partenaires", exports.partners_csv, "partners_csv"),
            ("financements", exports.funding_csv, "funding_csv"),
            ("contrats", exports.contracts_csv, "contracts_csv"),
            ("organisations", exports.organisations_csv, "organisations_csv"),
        )
    ],
    path("flux/projets.atom", require_safe(ProjectsFeed()), name="projects_feed"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

urlpatterns = [
    *data_urls,
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "donnees:sitemap_section"}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": SITEMAP_TEMPLATE},
        name="sitemap_section",
    ),
]

# Mounted by cms/urls.py before the django-ninja API at /api/ (whose routes do not start with v2/).
api_v2_urls = api_router.urls
