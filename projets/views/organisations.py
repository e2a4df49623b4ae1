"""The public page of an organisation: what it is, its identifiers, its case studies and partners."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from projets.models import Organisation
from projets.organisation_page import case_study_regions, frequent_partners, partnerships_page
from projets.territory_map import territories_map

# Public registries where each identifier can be checked by anyone.
REGISTRIES = {
    "rna": (_("Numéro RNA"), "https://annuaire-entreprises.data.gouv.fr/rechercher?terme={}"),
    "siren": (_("SIREN"), "https://annuaire-entreprises.data.gouv.fr/entreprise/{}"),
    "rnsr": (_("RNSR"), "https://appliweb.dgri.education.fr/rnsr/PresenteStruct.jsp?numNatStruct={}"),
    "ror": (_("ROR"), "https://ror.org/{}"),
}


def identifiers_of(organisation) -> list[tuple[str, str, str]]:
    rows = []
    for field, (label, pattern) in REGISTRIES.items():
        value = getattr(organisation, field)
        if value:
            rows.append((label, value, pattern.format(value)))
    return rows


def organisation_detail(request, slug: str):
    """404 for an organisation met only in drafts or private case studies, whoever asks (the admin lists it)."""
    organisation = get_object_or_404(Organisation.objects.publicly_visible().select_related("territory"), slug=slug)
    partners, partner_count = frequent_partners(organisation)
    regions = case_study_regions(organisation)
    context = {
        "organisation": organisation,
        "identifiers": identifiers_of(organisation),
        "projects": partnerships_page(organisation, request.GET.get("page")),
        "partners": partners,
        "other_partner_count": partner_count - len(partners),
        "regions": regions,
        "regions_map": territories_map(regions),
        "meta_title": str(organisation),
        "meta_description": organisation.description or organisation.get_kind_display(),
    }
    return TemplateResponse(request, "projets/organisation_detail.html", context)
