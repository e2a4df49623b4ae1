"""/sitemap.xml: an index of sections (the public pages of the tree, the organisations of public case studies, the
funding programmes of /financements/, the site's views), each cut into files of SECTION_SIZE addresses
(/sitemap-pages.xml?p=2…). Each file reads addresses and dates only, as plain values.

One file used to hold everything: Django cuts a sitemap at 50,000 addresses and nothing pointed to the rest, so
at 100,000 case studies half were never listed, and the file took 10.7 s to build (7.8 MB).
"""

from dataclasses import replace

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils.timezone import get_current_timezone, localtime
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_views
from wagtail.models import Page

from cms import site_url
from projets.models import ProjectPage
from projets.programme_directory import visible_programmes

from .public import public_organisations

# Pages served by views rather than by the page tree; those that show case studies' content are dated by the
# latest publication of a case study.
VIEW_NAMES = (
    "explorer",
    "precedents:list",
    "precedents:guide",
    "precedents:lessons",
    "organisation_list",
    "programme_list",
    "propose",
    "donnees:dictionary",
)
DATED_BY_CASE_STUDIES = {"explorer", "precedents:list", "precedents:lessons", "organisation_list", "programme_list"}

# Addresses per file (the protocol allows 50,000).
SECTION_SIZE = 2000
# Dates are given as dates and written with isoformat(): Django's template converted each datetime to the
# time zone and formatted it through the active language, most of the time of a file of 2,000 addresses.
SITEMAP_TEMPLATE = "donnees/sitemap.xml"


class OnSiteUrl:
    """Addresses on SITE_URL rather than on the host the sitemap was asked from (Wagtail's pages already are)."""

    @property
    def protocol(self):
        return site_url.scheme()

    def get_domain(self, site=None):
        return site_url.host()


class PagesSitemap(OnSiteUrl, WagtailSitemap):
    """The site's live public pages: their address and date only, read as plain values in path order.

    Wagtail's sitemap read each page whole (`.specific()`, one query per page type) and asked each for its
    URL: ~1 s for a file of 2,000 addresses. A page's address is its `url_path` below the site's root page.
    """

    limit = SECTION_SIZE

    def items(self):
        root = self.get_wagtail_site().root_page
        self.time_zone = get_current_timezone()
        self.root_path_length = len(root.url_path) - 1  # the root's url_path ends with "/": keep that slash
        return (
            Page.objects.descendant_of(root, inclusive=True)
            .live()
            .public()
            .order_by("path")
            .values_list("url_path", "last_published_at", "latest_revision_created_at")
        )

    def location(self, item):
        return item[0][self.root_path_length :]

    def lastmod(self, item):
        """The day of the last publication in the site's time zone, as a date (see SITEMAP_TEMPLATE)."""
        moment = item[1] or item[2]
        return moment.astimezone(self.time_zone).date() if moment else None

    def get_latest_lastmod(self):
        """None: Django would otherwise read every page of the site to date the index's entry."""
        return None

    def _urls(self, page, protocol, domain):
        # Django's: Wagtail's asks each page object for its sitemap entries.
        return Sitemap._urls(self, page, protocol, domain)


class OrganisationsSitemap(OnSiteUrl, Sitemap):
    limit = SECTION_SIZE

    def items(self):
        return public_organisations().values_list("slug", flat=True)

    def location(self, slug):
        return reverse("organisation_detail", args=[slug])


class ProgrammesSitemap(OnSiteUrl, Sitemap):
    """The programmes /financements/ lists, dated by their last change (the programme edited, or a case study
    naming it published or unpublished): slug and date read as plain values."""

    limit = SECTION_SIZE

    def items(self):
        self.time_zone = get_current_timezone()
        return visible_programmes().order_by("name", "pk").values_list("slug", "modified_at")

    def location(self, item):
        return reverse("programme_detail", args=[item[0]])

    def lastmod(self, item):
        return item[1].astimezone(self.time_zone).date()

    def get_latest_lastmod(self):
        return None


class ViewsSitemap(OnSiteUrl, Sitemap):
    def items(self):
        return list(VIEW_NAMES)

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name not in DATED_BY_CASE_STUDIES:
            return None
        if not hasattr(self, "_latest_publication"):
            latest = ProjectPage.objects.live().aggregate(latest=Max("last_published_at"))["latest"]
            self._latest_publication = localtime(latest).date() if latest else None
        return self._latest_publication

    def get_latest_lastmod(self):
        return None


SITEMAPS = {
    "pages": PagesSitemap,
    "organisations": OrganisationsSitemap,
    "programmes": ProgrammesSitemap,
    "vues": ViewsSitemap,
}


def index(request, sitemaps, **kwargs):
    """Wagtail's (Django's) sitemap index, its files' addresses on SITE_URL (Django writes the request's host)."""
    response = wagtail_views.index(request, sitemaps, **kwargs)
    response.context_data["sitemaps"] = [
        replace(item, location=site_url.absolute(item.location)) for item in response.context_data["sitemaps"]
    ]
    return response
