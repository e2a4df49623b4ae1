"""The search service: a SearchQuery in, a page of case studies with facet counts out.

One function for the search page, the catalogue and the JSON API, on every backend: the whole catalogue's
total and facets from search.catalogue_cache, the rest from the configured backend's matcher
(search.backends); if a remote engine fails or times out, the database matcher answers and the outcome says
`degraded=True`; search.results loads the page of hits. SQL queries per call are constant.
"""

import logging
from collections.abc import Iterable

from django.urls import reverse
from django.utils.http import urlencode

from projets.catalogue import public_projects
from projets.models import Organisation, Theme
from projets.restrictions import public_q
from search import breaker, catalogue_cache, groups
from search.backends.matching import Found, Matcher
from search.backends.selection import fallback_matcher, matcher_for
from search.french import words
from search.query import SearchQuery
from search.results import SearchOutcome, outcome

logger = logging.getLogger(__name__)


def search(query: SearchQuery, *, backend: str = "default", exclude_ids: Iterable[int] = ()) -> SearchOutcome:
    """Run `query` on the backend alias; fall back to the database backend if the engine fails."""
    exclude_ids = tuple(exclude_ids)
    matcher = matcher_for(backend)
    base = public_projects()  # reads the view restrictions: once per request (projets.restrictions)
    if matcher.remote and not breaker.is_resting(matcher.backend):
        try:
            return _search(matcher, query, exclude_ids, base)
        except Exception as error:  # noqa: BLE001 (any engine failure: answer from the database instead)
            logger.warning("Search engine %r failed (%r); answering from the database backend", backend, error)
            breaker.trip(matcher.backend)
    if matcher.remote:
        answer = _search(fallback_matcher(), query, exclude_ids, base)
        answer.degraded = True
        return answer
    return _search(matcher, query, exclude_ids, base)


def _search(matcher: Matcher, query: SearchQuery, exclude_ids: tuple, base) -> SearchOutcome:
    kind = "engine" if matcher.remote else "database"
    # No words, no filter: the total and facet counts are the whole catalogue's, the same for every visitor.
    whole = not (query.has_text or query.excluded or query.is_filtered or exclude_ids)
    cached = catalogue_cache.get() if whole else None
    if cached:
        found = matcher.match(query, base, exclude_ids, counted=False)
        found.total, found.counts = cached
        return outcome(query, found, backend=kind)
    found = matcher.match(query, base, exclude_ids)
    if whole:
        catalogue_cache.put(found.total, found.counts)
    answer = outcome(query, found, backend=kind)
    answer.partial, answer.missing_words, answer.corrected = found.partial, found.missing, found.corrected
    return answer


def search_groups(
    query: SearchQuery, wanted: dict[str, slice], *, backend: str = "default"
) -> tuple[dict[str, Found], bool]:
    """Precedents and lessons holding the words (search.groups), each group's window and total; and whether
    the engine failed and the database backend answered instead (degraded)."""
    if not query.has_text:
        return {key: Found([], 0) for key in wanted}, False
    matcher = matcher_for(backend)
    public = public_q()  # the view restrictions: read once per request (projets.restrictions)
    if matcher.remote and not breaker.is_resting(matcher.backend):
        try:
            return groups.find(matcher, query, wanted, public), False
        except Exception as error:  # noqa: BLE001 (any engine failure: answer from the database instead)
            logger.warning("Search engine %r failed on precedents and lessons (%r)", backend, error)
            breaker.trip(matcher.backend)
    if matcher.remote:
        return groups.find(fallback_matcher(), query, wanted, public), True
    return groups.find(matcher, query, wanted, public), False


# -- Autocomplete -------------------------------------------------------------------------------------

# Organisations matched by the index before keeping the publicly visible ones (the index knows nothing of
# publication): more candidates than shown, so hidden organisations rarely crowd out visible ones.
ORGANISATION_CANDIDATES = 10


def autocomplete(text: str, *, backend: str = "default", limit: int = 5) -> list[dict]:
    """Titles of case studies, organisations and themes starting with what was typed (accents ignored)."""
    if not words(text):
        # Nothing the analysis keeps (symbols, scripts other than Latin): every search below would match
        # nothing, so none is sent.
        return []
    matcher = matcher_for(backend)
    if not matcher.remote:
        return _suggestions(matcher, text, limit)
    if not breaker.is_resting(matcher.backend):
        try:
            return _suggestions(matcher, text, limit)
        except Exception as error:  # noqa: BLE001 (engine down: suggestions from the database backend)
            logger.warning("Search engine %r failed on autocomplete (%r)", backend, error)
            breaker.trip(matcher.backend)
    return _suggestions(fallback_matcher(), text, limit)


def _suggestions(matcher: Matcher, text: str, limit: int) -> list[dict]:
    search_url = reverse("search")
    suggestions = [
        {"label": page.title, "url": page.url, "kind": "projet"}
        for page in matcher.autocomplete(text, public_projects(), limit)
    ]
    suggestions += [
        {"label": str(org), "url": f"{search_url}?{urlencode({'q': org.name})}", "kind": "organisation"}
        for org in _public_organisations(matcher, text, limit)
    ]
    suggestions += [
        {"label": theme.name, "url": f"{search_url}?{urlencode({'theme': theme.slug})}", "kind": "theme"}
        for theme in matcher.autocomplete(text, Theme, limit)
    ]
    return suggestions


def _public_organisations(matcher: Matcher, text: str, limit: int) -> list:
    """Organisations starting with the text, only those Organisation.objects.publicly_visible() allows."""
    candidates = matcher.autocomplete(text, Organisation, limit * ORGANISATION_CANDIDATES)
    if not candidates:
        return []
    visible = set(
        Organisation.objects.publicly_visible()
        .filter(pk__in=[org.pk for org in candidates])
        .values_list("pk", flat=True)
    )
    return [org for org in candidates if org.pk in visible][:limit]
