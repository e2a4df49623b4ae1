from django import template

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
