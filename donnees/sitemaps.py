"""/sitemap.xml: the public pages of the tree, the organisations of public case studies and the site's views."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as PagesSitemap

from .public import public_organisations

# Pages served by views rather than by the page tree.
VIEW_NAMES = ("explorer", "propose", "donnees:dictionary")


class OrganisationsSitemap(Sitemap):
    def items(self):
        return public_organisations()


class ViewsSitemap(Sitemap):
    def items(self):
        return list(VIEW_NAMES)

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PagesSitemap, "organisations": OrganisationsSitemap, "vues": ViewsSitemap}
