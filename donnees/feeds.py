"""Atom feeds of case studies: the latest ones, or any catalogue filter (?theme=…&region=…&q=…)."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from projets.models import ProjectIndexPage, ProjectPage

from .filters import InvalidFilter, filter_projects, parse_filters

FEED_SIZE = 50


class ProjectsFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilter as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def get_object(self, request):
        self.request = request
        return parse_filters(request.GET)

    def title(self, filters):
        described = filters.describe()
        base = _("Coopérathèque : dernières études de cas")
        return f"{base} ({described})" if described else base

    def subtitle(self, filters):
        return _("Études de cas de coopérations entre associations et recherche publique.")

    def link(self, filters):
        index = ProjectIndexPage.objects.live().public().first()
        url = index.get_url(self.request) if index else "/"
        query = {key: value for key, value in self.request.GET.items() if value}
        return f"{url}?{urlencode(query)}" if query else url

    def items(self, filters):
        queryset = ProjectPage.objects.live().public()
        return filter_projects(queryset, filters).order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
