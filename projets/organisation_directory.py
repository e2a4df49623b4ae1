"""/organisations/: the organisations of public case studies, filtered and paged by the database.

Only what `Organisation.objects.publicly_visible()` lists (an organisation met only in drafts or private case
studies does not exist for visitors). Every filter is a condition on the organisation or a correlated EXISTS,
the total comes from one COUNT and a page of rows from one query: the same queries at any catalogue size.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projets import identifiers
from projets import params as params_module
from projets.choices import OrganisationKind, TerritoryKind
from projets.models import FundingLine, Organisation, ProjectPartner
from projets.models.organisations import IDENTIFIER_FIELDS
from projets.params import Options
from projets.restrictions import public_q

PAGE_SIZE = 30

# Public registers where anyone can check an identifier: (label, address pattern). Links only, nothing fetched.
REGISTRIES = {
    "rna": (gettext_lazy("Numéro RNA"), "https://annuaire-entreprises.data.gouv.fr/rechercher?terme={}"),
    "siren": (gettext_lazy("SIREN"), "https://annuaire-entreprises.data.gouv.fr/entreprise/{}"),
    "rnsr": (gettext_lazy("RNSR"), "https://appliweb.dgri.education.fr/rnsr/PresenteStruct.jsp?numNatStruct={}"),
    "ror": (gettext_lazy("ROR"), "https://ror.org/{}"),
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    region: str = ""
    theme: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q or self.kind or self.region or self.theme)


def parse_filters(params, options: Options) -> Filters:
    """Validate GET parameters; raise BadParameter (French message) for a value that cannot be understood."""
    params_module.reject_nul(params)
    return Filters(
        q=params_module.text(params),
        kind=params_module.choice(params, "type", set(OrganisationKind.values), _("Type de structure")),
        region=options.region(params),
        theme=options.theme(params),
    )


def identifier_q(text: str) -> Q:
    """Organisations whose RNA, SIREN, RNSR or ROR is `text`, written as people copy it (spaces, ror.org/…)."""
    condition = Q(pk__in=[])
    for field, (normalise, validate) in IDENTIFIER_FIELDS.items():
        value = normalise(text)
        try:
            validate(value)
        except ValidationError:
            continue  # not this identifier's format
        condition |= Q(**{field: value})
    return condition


def search_q(text: str) -> Q:
    """By name (accents, case and punctuation ignored), acronym or public identifier."""
    name = identifiers.normalise_name(text)
    condition = identifier_q(text)
    if name:
        condition |= Q(normalised_name__contains=name)
    if re.search(r"\w", text):
        condition |= Q(acronym__icontains=text)
    return condition


def theme_q(slug: str) -> Q:
    """Partner or funder of a public case study on this theme (a parent theme includes its sub-themes)."""
    themes = Q(page__themes__slug=slug) | Q(page__themes__parent__slug=slug)
    visible = public_q("page")
    partners = ProjectPartner.objects.filter(themes, visible, organisation_id=OuterRef("pk"))
    funders = FundingLine.objects.filter(themes, visible, funder_id=OuterRef("pk"))
    return Q(Exists(partners)) | Q(Exists(funders))


def region_q(code: str) -> Q:
    """Located in the région: its territory is the région or one of its départements."""
    return Q(territory__kind=TerritoryKind.REGION, territory__code=code) | Q(
        territory__region__kind=TerritoryKind.REGION, territory__region__code=code
    )


def selection(filters: Filters):
    organisations = Organisation.objects.publicly_visible()
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.region:
        organisations = organisations.filter(region_q(filters.region))
    if filters.theme:
        organisations = organisations.filter(theme_q(filters.theme))
    if filters.q:
        organisations = organisations.filter(search_q(filters.q))
    return organisations.order_by("normalised_name", "pk")


def identifiers_of(organisation) -> list[tuple[str, str, str]]:
    """(label, value, register address) of each identifier it has."""
    rows = []
    for field, (label, pattern) in REGISTRIES.items():
        value = getattr(organisation, field)
        if value:
            rows.append((label, value, pattern.format(value)))
    return rows


def directory_page(filters: Filters, number):
    """One page of organisations (paginator page of (organisation, identifiers)); any bad page number gives the
    first page, too large a number the last (Paginator.get_page), never an error."""
    paginator = Paginator(selection(filters).select_related("territory"), PAGE_SIZE)
    page = paginator.get_page(number)
    page.object_list = [(organisation, identifiers_of(organisation)) for organisation in page.object_list]
    return page
