"""Case-study pages routed in one statement instead of four.

Wagtail finds a page in steps, each an ORM query: the site (hostname, port, default), the home page's own
fields, the catalogue by slug, then the case study by slug. On this machine each step costs 3-6 ms of
Python to build and read (the SQL itself ~0.5 ms): ~18 ms of a ~60 ms case-study page at 100,000 (issue 8).

For a two-part address (/<catalogue>/<case study>/) this middleware asks once for the site and for the live
case study whose `url_path` is the site root's plus the address, then reads that page by key. It hands
Wagtail the two answers it looks for before doing the work itself: `request._wagtail_site` (what
`Site.find_for_request` sets) and `request._wagtail_route_for_request` (what `Page.route_for_request`
sets). Anything else (another address, a page of another type, a draft, several candidate sites, the
multilingual tree) leaves the request to Wagtail's own routing, unchanged. The answers are the same as
Wagtail's: its route only checks that the last page is live, and every case study sits directly under the
one catalogue (ProjectPage.parent_page_types, ProjectIndexPage.max_count); tests/projets/test_routing.py
compares both for the cases Wagtail distinguishes.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from cms.sql import table
from projets.models import ProjectPage

# Wagtail's order of preference (wagtail.models.sites.get_site_for_hostname): hostname and port, then
# hostname of the default site, then the default site, then another site of that hostname.
SITE_AND_PAGE_SQL = """
SELECT site.id, site.hostname, site.port, site.site_name, site.root_page_id, site.is_default_site,
       CASE WHEN site.hostname = %s AND site.port = %s THEN 0
            WHEN site.hostname = %s AND site.is_default_site THEN 1
            WHEN site.is_default_site THEN 2
            ELSE 3 END AS site_match,
       page.id
  FROM {site} site
  JOIN {page} root ON root.id = site.root_page_id
  LEFT JOIN {page} page ON page.url_path = root.url_path || %s AND page.live AND page.content_type_id = %s
 WHERE site.hostname = %s OR site.is_default_site
 ORDER BY site_match
"""
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
# Wagtail's own answer when a site is found by hostname and port, or as the default of that hostname.
DECISIVE_MATCHES = (0, 1)


def case_study_path(path: str) -> str | None:
    """'projets/x/' for the address of a case study under the catalogue, else None."""
    components = [component for component in path.split("/") if component]
    return "/".join(components) + "/" if len(components) == 2 else None


def site_and_case_study(request, relative_path: str):
    """(site, case study id or None) as Wagtail would find them, or None when Wagtail must decide itself."""
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        return None
    content_type = ContentType.objects.get_for_model(ProjectPage)  # kept in memory by Django
    sql = SITE_AND_PAGE_SQL.format(site=table(Site), page=table(Page))
    with connection.cursor() as cursor:
        cursor.execute(sql, [hostname, port, hostname, relative_path, content_type.pk, hostname])
        rows = cursor.fetchall()
    # Several sites for one hostname and no decisive match: Wagtail's tie-break reads them all.
    if not rows or (len(rows) > 1 and rows[0][6] not in DECISIVE_MATCHES):
        return None
    site = Site(**dict(zip(SITE_FIELDS, rows[0][:6], strict=True)))
    site._state.adding = False
    site._state.db = connection.alias
    return site, rows[0][7]


class CaseStudyRouteMiddleware:
    """Route case-study addresses in one statement before Wagtail's serve view runs (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return None
        # Wagtail's URL pattern passes the address positionally.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        relative_path = case_study_path(path)
        if relative_path is None or hasattr(request, "_wagtail_route_for_request"):
            return None
        found = site_and_case_study(request, relative_path)
        if found is None:
            return None
        site, page_id = found
        request._wagtail_site = site
        if page_id is not None:
            _route_to(request, page_id)
        return None


def _route_to(request, page_id: int) -> None:
    page = ProjectPage.objects.filter(pk=page_id).first()
    if page is None:  # deleted since the statement above: Wagtail routes it (to a 404)
        return
    try:
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None
