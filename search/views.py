"""The search page (/recherche/) and the helpers the catalogue shares with it."""

from dataclasses import replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from projets.facets import FACETS_BY_NAME
from search import groups
from search.explorer_geometry import facet_map
from search.query import SORTS, QueryError, SearchQuery, parse_request
from search.service import search, search_groups

SORT_LABELS = {"pertinence": _("pertinence"), "recent": _("ajout le plus récent"), "debut": _("date de début")}


def _link(params: QueryDict, **changes) -> str:
    """The current query string with some parameters replaced (None removes) and the page reset.

    Built from pairs rather than QueryDict.copy(): it runs once per facet value (hundreds per page).
    """
    kept = [(name, values) for name, values in params.lists() if name != "page" and name not in changes]
    pairs = [(name, value) for name, values in kept for value in values]
    for name, values in changes.items():
        if values is not None:
            pairs += [(name, value) for value in (values if isinstance(values, list) else [values])]
    return "?" + urlencode(pairs) if pairs else "?"


def facet_groups(outcome, params: QueryDict) -> list[dict]:
    """Facets ready for the template: each value with the link that toggles it."""
    groups = []
    for name, values in outcome.facets.items():
        if name == "year" or not values:
            continue
        current = params.getlist(name)
        items = []
        for value in values:
            chosen = [v for v in current if v != value] if value.selected else [*current, value.value]
            items.append({"item": value, "url": _link(params, **{name: chosen or None})})
        group = {"name": name, "label": FACETS_BY_NAME[name].label, "values": items}
        if name == "region":
            group["map"] = facet_map(items)
        groups.append(group)
    return groups


def removal_suggestions(query: SearchQuery, params: QueryDict) -> list[dict]:
    """For a search without results: one link per active filter, without it."""
    suggestions = [
        {"label": FACETS_BY_NAME[name].label, "url": _link(params, **{name: None})} for name in query.filters
    ]
    if query.year_from or query.year_to:
        suggestions.append({"label": _("Période"), "url": _link(params, year_from=None, year_to=None)})
    return suggestions


def listing_context(request, *, promotions=True, with_groups=False) -> dict:
    """Everything the results template needs; a bad parameter gives `error` (and a 400 on /recherche/).

    `with_groups`: the precedents and lessons found by the same words too (search.groups), each with its
    count; `?onglet=` chooses the group paged through (unknown values show the case studies).
    """
    params = request.GET
    try:
        query = parse_request(params)
    except QueryError as error:
        return {"error": str(error), "query": SearchQuery(), "params": params}
    with_groups = with_groups and query.has_text
    tab = params.get("onglet") if with_groups and params.get("onglet") in groups.TABS else None
    found_groups = []
    if with_groups:
        found, degraded_groups = search_groups(query, groups.windows(tab, query.page))
        found_groups = groups.groups(found, tab, query.page, params, request)
        if tab:  # the case studies' count for their tab: their first page
            query = replace(query, page=1)
    else:
        degraded_groups = False
    promoted = _promotions(query) if promotions and not tab else []
    outcome = search(query, exclude_ids=[page.pk for page in promoted])
    outcome.degraded = outcome.degraded or degraded_groups
    return {
        "tab": tab,
        "groups": found_groups,
        "studies_url": groups.tab_url(params, None),
        "query": query,
        "params": params,
        "outcome": outcome,
        "promoted": promoted,
        "facet_groups": facet_groups(outcome, params),
        "sorts": [{"value": s, "label": SORT_LABELS[s], "url": _link(params, sort=s)} for s in SORTS],
        "suggestions": removal_suggestions(query, params) if not outcome.count else [],
        "proposal_url": "/proposer/",
    }


def _promotions(query: SearchQuery) -> list[Page]:
    """Editors' picks for these words (first page only), live and public, in their order."""
    if not query.text or query.page != 1:
        return []
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query.text), page__isnull=False
    ).order_by("sort_order")
    ids = list(picks.values_list("page_id", flat=True))
    pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids).specific()}
    return [pages[pk] for pk in ids if pk in pages]


def search_view(request):
    context = listing_context(request, with_groups=True)
    context["search_url"] = reverse("search")
    return render(request, "search/search.html", context, status=400 if "error" in context else 200)
