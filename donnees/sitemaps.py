"""/sitemap.xml: an index of sections (the public pages of the tree, the organisations of public case studies, the
site's views), each cut into files of SECTION_SIZE addresses (/sitemap-pages.xml?p=2…).

One file used to hold everything: Django cuts a sitemap at 50,000 addresses and nothing pointed to the rest, so
at 100,000 case studies half were never listed, and the file took 10.7 s to build (7.8 MB).
"""

from dataclasses import replace

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_views

from cms import site_url

from .public import public_organisations

# Pages served by views rather than by the page tree.
VIEW_NAMES = ("explorer", "propose", "donnees:dictionary")


# Addresses per file: ~1 s to build (Wagtail reads each page whole; the protocol allows 50,000).
SECTION_SIZE = 2000


class PagesSitemap(WagtailSitemap):
    limit = SECTION_SIZE

    def get_latest_lastmod(self):
        """None: Django would otherwise read every page of the site to date the index's entry."""
        return None


class OnSiteUrl:
    """Addresses on SITE_URL rather than on the host the sitemap was asked from (Wagtail's pages already are)."""

    @property
    def protocol(self):
        return site_url.scheme()

    def get_domain(self, site=None):
        return site_url.host()


class OrganisationsSitemap(OnSiteUrl, Sitemap):
    limit = SECTION_SIZE

    def items(self):
        return public_organisations()


class ViewsSitemap(OnSiteUrl, Sitemap):
    def items(self):
        return list(VIEW_NAMES)

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PagesSitemap, "organisations": OrganisationsSitemap, "vues": ViewsSitemap}


def index(request, sitemaps, **kwargs):
    """Wagtail's (Django's) sitemap index, its files' addresses on SITE_URL (Django writes the request's host)."""
    response = wagtail_views.index(request, sitemaps, **kwargs)
    response.context_data["sitemaps"] = [
        replace(item, location=site_url.absolute(item.location)) for item in response.context_data["sitemaps"]
    ]
    return response
