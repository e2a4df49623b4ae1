"""The directory of organisations and the public page of each: what it is, its identifiers, its case studies
and partners."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from projets import organisation_directory as directory
from projets.models import Organisation
from projets.organisation_page import case_study_regions, frequent_partners, partnerships_page
from projets.params import BadParameter, Options
from projets.territory_map import territories_map


def organisation_detail(request, slug: str):
    """404 for an organisation met only in drafts or private case studies, whoever asks (the admin lists it)."""
    organisation = get_object_or_404(Organisation.objects.publicly_visible().select_related("territory"), slug=slug)
    partners, partner_count = frequent_partners(organisation)
    regions = case_study_regions(organisation)
    context = {
        "organisation": organisation,
        "identifiers": directory.identifiers_of(organisation),
        "projects": partnerships_page(organisation, request.GET.get("page")),
        "partners": partners,
        "other_partner_count": partner_count - len(partners),
        "regions": regions,
        "regions_map": territories_map(regions),
        "meta_title": str(organisation),
        "meta_description": organisation.description or organisation.get_kind_display(),
    }
    return TemplateResponse(request, "projets/organisation_detail.html", context)


def bad_request(request, message: str):
    context = {"message": message, "meta_title": _("Requête invalide"), "meta_description": message}
    return TemplateResponse(request, "projets/bad_request.html", context, status=400)


def directory_view(request, parse_filters, template: str, page_context):
    """A public directory: GET parameters validated (a French 400 for what cannot be understood), then
    `page_context(filters, page number)` rendered with the filters and their options."""
    options = Options.read()
    try:
        filters = parse_filters(request.GET, options)
    except BadParameter as error:
        return bad_request(request, str(error))
    context = {"filters": filters, "options": options, **page_context(filters, request.GET.get("page"))}
    return TemplateResponse(request, template, context)


def organisation_list(request):
    """Unknown filter values and unreadable text are a 400 with a French message; a bad page number is ignored."""
    return directory_view(request, directory.parse_filters, "projets/organisation_list.html", organisation_context)


def organisation_context(filters, number) -> dict:
    return {
        "kinds": Organisation._meta.get_field("kind").choices,
        "organisations": directory.directory_page(filters, number),
        "meta_title": _("Organisations"),
        "meta_description": _("Les associations, laboratoires, financeurs et autres structures des études de cas."),
    }
