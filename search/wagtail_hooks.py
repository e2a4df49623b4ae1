"""Registration only: what search renders in pages of the rooms below it."""

from wagtail import hooks

from cms.models import HOME_CONTEXT_HOOK
from projets.models.pages import CATALOGUE_CONTEXT_HOOK
from search import catalogue_cache
from search.catalogue_figures import catalogue_figures
from search.views import listing_context


@hooks.register(CATALOGUE_CONTEXT_HOOK)
def catalogue_listing(request) -> dict:
    """The catalogue page's filters, facets, sort and pages: the search service without words nor promotions."""
    return listing_context(request, promotions=False)


@hooks.register(HOME_CONTEXT_HOOK)
def home_figures(request) -> dict:
    """Counts over the whole catalogue, kept a minute and dropped at each content change (catalogue_cache)."""
    return {"figures": catalogue_cache.figures(catalogue_figures)}
