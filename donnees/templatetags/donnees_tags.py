from django import template
from django.urls import reverse

from donnees.feeds import feed_url
from donnees.jsonld import jsonld_script, organisation_jsonld, project_jsonld
from projets.models import Organisation, ProjectPage

register = template.Library()


@register.simple_tag(takes_context=True)
def jsonld_for(context, obj):
    """{% jsonld_for page %}: schema.org metadata of a case study or an organisation."""
    request = context.get("request")
    obj = getattr(obj, "specific", obj)
    if isinstance(obj, ProjectPage):
        return jsonld_script(project_jsonld(obj, request, loaded=context.get("jsonld_loaded")))
    if isinstance(obj, Organisation):
        return jsonld_script(organisation_jsonld(obj, request))
    return ""


def _follows_results(context) -> bool:
    """Is this page a list of results (the search page or the catalogue) that a feed can follow?"""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match and match.url_name == "search":
        return True
    # Wagtail puts the specific page in the context: no need to ask for .specific (a query at worst).
    return type(context.get("page")).__name__ == "ProjectIndexPage"


@register.simple_tag(takes_context=True)
def results_feed_url(context) -> str:
    """The Atom feed of the results shown (same words and filters), or "" on other pages."""
    if not _follows_results(context) or context.get("error"):
        return ""
    return feed_url(context["request"].GET)


@register.inclusion_tag("donnees/includes/feed_link.html", takes_context=True)
def feed_alternate(context):
    """<link rel="alternate"> of the results' feed on search and catalogue pages, else the latest."""
    return {
        "url": results_feed_url(context) or reverse("donnees:projects_feed"),
        "filtered": _follows_results(context),
    }


@register.simple_tag
def active_filter_count(query) -> int:
    """Filters chosen on a results page (each facet value, plus the start-year range): « Filtres (n actifs) »."""
    if query is None:
        return 0
    values = sum(len(values) for values in query.filters.values())
    return values + (1 if query.year_from or query.year_to else 0)
