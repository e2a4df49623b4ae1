"""What the site search finds beside the case studies: precedents (contracts) and lessons, each group counted.

Each group searches its own indexed models of the domain through the backend's matcher (Matcher.find), among
the objects of public pages only; the search page shows a few of each, or one group a page at a time (its tab).
Lessons are the workshops' (of public events) first, as /enseignements/ lists them, then the case studies'.
Links lead to the case study's section (or the event's workshop) and to the precedents' table or the lessons'
page.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from projets.models import Contract, Lesson, Workshop, WorkshopLesson
from search.backends.matching import Found, Matcher
from search.query import SearchQuery
from search.results import _Window

PREVIEW_SIZE = 3  # results of each group under the case studies
PAGE_SIZE = 10  # results per page of a group's own tab


@dataclass(frozen=True)
class Source:
    key: str  # the tab's value of ?onglet=
    label: str
    anchor: str  # the case study's section that shows them

    def queryset(self):
        if self.key == "precedents":
            return Contract.objects.select_related("page").defer("page__body")
        return Lesson.objects.select_related("page").defer("page__body")


SOURCES = (
    Source("precedents", _("Précédents"), "contrats"),
    Source("enseignements", _("Enseignements"), "freins-leviers"),
)
TABS = tuple(source.key for source in SOURCES)


@dataclass
class Group:
    key: str
    label: str
    total: int
    items: list[dict]
    page: PaginatorPage | None = None  # the group's tab: its page of results
    url: str = ""  # the group's tab for the same words


def windows(tab: str, page: int) -> dict[str, slice]:
    """What each group reads: a page of the chosen tab, a preview of the others."""
    start = (page - 1) * PAGE_SIZE
    return {
        source.key: slice(start, start + PAGE_SIZE) if source.key == tab else slice(0, PREVIEW_SIZE)
        for source in SOURCES
    }


def counts_only() -> dict[str, slice]:
    """Each group's total without its results (the JSON API)."""
    return {source.key: slice(0, 0) for source in SOURCES}


def find(matcher: Matcher, query: SearchQuery, wanted: dict[str, slice], public) -> dict[str, Found]:
    """Each group's window and total for the words of `query`; `public`: the condition a visible page meets."""
    # Wagtail's page table alone (no join to the case studies' table): keys of hidden pages of any type.
    visible = matcher.visible_pages(Page, public)
    found = {
        source.key: matcher.find(query, source.queryset(), "page", visible, wanted[source.key])
        for source in SOURCES
        if source.key != "enseignements"  # searched once, with the workshops' lessons first
    }
    found["enseignements"] = with_workshop_lessons(matcher, query, visible, wanted["enseignements"])
    return found


def with_workshop_lessons(matcher: Matcher, query: SearchQuery, visible, window: slice) -> Found:
    """The lessons group: the workshops' lessons holding the words, then the case studies' (`window` over both)."""
    workshops = matcher.find(
        query,
        WorkshopLesson.objects.select_related("workshop__page"),
        "workshop",
        visible.through(Workshop, "page"),
        window,
    )
    rest = slice(max(window.start - workshops.total, 0), max(window.stop - workshops.total, 0))
    lessons = matcher.find(query, SOURCES[1].queryset(), "page", visible, rest)
    return Found(workshops.objects + lessons.objects, workshops.total + lessons.total)


def groups(found: dict[str, Found], tab: str, page: int, params, request=None) -> list[Group]:
    """The groups ready for the template, in their fixed order."""
    built = []
    for source in SOURCES:
        result = found[source.key]
        items = [item(source, obj, request) for obj in result.objects]
        group = Group(source.key, str(source.label), result.total, items, url=tab_url(params, source.key))
        if source.key == tab:
            paginator = Paginator(_Window(result.total, (page - 1) * PAGE_SIZE, items), PAGE_SIZE)
            try:
                group.page = paginator.page(page)
            except EmptyPage:
                group.page = PaginatorPage([], page, paginator)
        built.append(group)
    return built


def tab_url(params, tab: str | None) -> str:
    """The search page for the same words and filters, on tab `tab` (None: the case studies), first page."""
    pairs = [(name, value) for name, values in params.lists() if name not in ("page", "onglet") for value in values]
    if tab:
        pairs.append(("onglet", tab))
    return f"{reverse('search')}?{urlencode(pairs)}"


def item(source: Source, obj, request) -> dict:
    if isinstance(obj, WorkshopLesson):  # an event's workshop, not a case study
        event = obj.workshop.page
        page_url, anchor = event.get_url(request) or "", f"atelier-{obj.workshop_id}"
        source_title = f"{event.title} · {obj.workshop.title}"
    else:
        page_url, anchor, source_title = obj.page.get_url(request) or "", source.anchor, obj.page.title
    if source.key == "precedents":
        return {
            "title": str(obj),
            "source": source_title,
            "url": f"{page_url}#{anchor}",
            "clauses": obj.clause_labels(),
            "text": obj.what_worked or obj.what_to_change,
            "list_url": f"{reverse('precedents:list')}?{urlencode({'kind': obj.kind})}",
            "list_label": _("Les précédents de ce type"),
        }
    return {
        "title": f"{obj.get_kind_display()} · {obj.get_category_display()}",
        "source": source_title,
        "url": f"{page_url}#{anchor}",
        "text": obj.text,
        "list_url": f"{reverse('precedents:lessons')}?{urlencode({'categorie': obj.category})}",
        "list_label": _("Les enseignements de cette catégorie"),
    }
