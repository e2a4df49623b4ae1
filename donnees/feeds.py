"""Atom feeds of case studies: the latest ones, or any search or catalogue URL as a feed.

/flux/projets.atom takes the query string of /recherche/ or /projets/ as it is (words, themes, regions,
départements, kinds, years… repeated or not) and runs it through the same search service, newest first.
"""

from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cms.site_url import absolute
from projets.facets import FACETS_BY_NAME
from projets.models import ProjectIndexPage
from search.query import QueryError, parse_request
from search.results import SearchOutcome
from search.service import search

FEED_SIZE = 50
# The feeds carry French content (titles and summaries as written): their text and xml:lang are French
# whatever the visitor's interface language.
CONTENT_LANGUAGE = "fr"
# Who signs the entries: the site's editorial team (editors' own names are never published).
AUTHOR_NAME = "Coopérathèque"
# Parameters of a results page that mean nothing for a feed (always page 1, newest first).
PAGE_PARAMETERS = ("page", "page_size", "sort")


def feed_params(params: QueryDict) -> QueryDict:
    """The filters and words of a search or catalogue query string, without its paging and sort."""
    params = params.copy()
    for name in PAGE_PARAMETERS:
        params.pop(name, None)
    return params


def feed_url(params: QueryDict) -> str:
    """The feed that follows these search or catalogue results."""
    query = feed_params(params).urlencode()
    url = reverse("donnees:projects_feed")
    return f"{url}?{query}" if query else url


def describe(outcome: SearchOutcome) -> str:
    """« thème « Santé », région « Hauts-de-France », recherche « jardin » » for the feed title."""
    query = outcome.query
    parts = []
    for name, values in outcome.facets.items():
        labels = [value.label for value in values if value.selected and name != "year"]
        if labels:
            parts.append(f"{str(FACETS_BY_NAME[name].label).lower()} : {', '.join(labels)}")
    if query.year_from or query.year_to:
        parts.append(
            _("début entre %(start)s et %(end)s") % {"start": query.year_from or "…", "end": query.year_to or "…"}
        )
    if query.text:
        parts.append(_("recherche « %(q)s »") % {"q": query.text})
    return " ; ".join(parts)


class TextSummaryAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (type="text"), as summaries are typed, never markup.

    Django sends them as type="html": a reader would take a visitor's « <script> », escaped once for
    XML, as markup to render.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ProjectsFeed(Feed):
    feed_type = TextSummaryAtomFeed
    language = CONTENT_LANGUAGE
    author_name = AUTHOR_NAME
    item_author_name = AUTHOR_NAME

    def __call__(self, request, *args, **kwargs):
        with translation.override(CONTENT_LANGUAGE):
            try:
                return super().__call__(request, *args, **kwargs)
            except QueryError as error:
                return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def author_link(self):
        return absolute("/")

    def item_author_link(self):
        return absolute("/")

    def get_object(self, request):
        self.request = request
        query = parse_request(feed_params(request.GET))
        return search(replace(query, sort="recent", page=1, page_size=FEED_SIZE))

    def title(self, outcome):
        described = describe(outcome)
        base = _("Coopérathèque : dernières études de cas")
        return f"{base} ({described})" if described else base

    def subtitle(self, outcome):
        return _("Études de cas de coopérations entre associations et recherche publique.")

    def link(self, outcome):
        index = ProjectIndexPage.objects.live().public().first()
        url = index.get_url(self.request) if index else "/"
        query = feed_params(self.request.GET).urlencode()
        return absolute(f"{url}?{query}" if query else url)

    def feed_url(self, outcome):
        return absolute(self.request.get_full_path())

    def items(self, outcome):
        return [hit.page for hit in outcome.hits]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_guid(self, item):
        return absolute(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return item.theme_names  # read with the hits (search.hit_loading)
