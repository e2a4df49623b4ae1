"""{% readable_document document as shown %}: the document when this page may link it, else None."""

from django import template

from cms.document_access import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def readable_document(context, document):
    access = access_for(context.get("request"))
    return document if access.readable(document) else None
