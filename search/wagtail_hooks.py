"""Registration only: what search renders in pages of the rooms below it."""

from wagtail import hooks

from projets.models.pages import CATALOGUE_CONTEXT_HOOK
from search.views import listing_context


@hooks.register(CATALOGUE_CONTEXT_HOOK)
def catalogue_listing(request) -> dict:
    """The catalogue page's filters, facets, sort and pages: the search service without words nor promotions."""
    return listing_context(request, promotions=False)
