"""The public page of an organisation: what it is, its identifiers, its case studies and partners."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from projets.catalogue import partners_across, partnerships_of
from projets.models import Organisation

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
    projects = partnerships_of(organisation)
    context = {
        "organisation": organisation,
        "identifiers": identifiers_of(organisation),
        "projects": projects,
        "partners": partners_across(organisation, [page for page, _roles in projects]),
        "meta_title": str(organisation),
        "meta_description": organisation.description or organisation.get_kind_display(),
    }
    return TemplateResponse(request, "projets/organisation_detail.html", context)
