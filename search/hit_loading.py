"""Loading a page of search hits: the pages, and the names of their themes, territories and organisations.

Themes, territories, partners and funders are read as (page, name, ...) rows rather than model instances:
a page of 20 hits holds ~500 of them at 100,000 case studies, and building those objects was, beside the
engine, the largest cost of the search API (profiles in the closing note of issue 8). The pages and four
queries, whatever the number of hits. The result card (components/project_card.html), the API and the
feed read `theme_names`, `territory_labels`, `region_names` and `partner_names`: pages shown as hits
come through `load_hits`.
"""

from dataclasses import dataclass

from search.highlight import matches


@dataclass(frozen=True)
class OrganisationName:
    label: str  # as Organisation.__str__ gives it
    searchable: str  # what the words searched are matched against

    @classmethod
    def of(cls, name: str, acronym: str) -> "OrganisationName":
        from projets.models.organisations import organisation_label

        return cls(label=organisation_label(name, acronym), searchable=f"{name} {acronym}")


def load_hits(queryset) -> list:
    """The pages of `queryset` (already sliced or filtered to one page of results), ready for cards and API."""
    pages = list(queryset)
    _attach_taxonomy_names(pages)
    _attach_organisation_names(pages)
    return pages


def _attach_taxonomy_names(pages) -> None:
    """Sets `theme_names`, `territory_labels` (as Territory.__str__) and `region_names` (regions, or the
    territory itself when it is no département: Europe, International), each in the models' order."""
    from projets.choices import TerritoryKind
    from projets.models import ProjectPage
    from projets.models.taxonomy import territory_label

    by_pk = {page.pk: page for page in pages}
    for page in pages:
        page.theme_names, page.territory_labels, page.region_names = [], [], []
    if not by_pk:
        return
    themes = (
        ProjectPage.themes.through.objects.filter(projectpage_id__in=by_pk)
        .order_by("theme__name", "theme_id")
        .values_list("projectpage_id", "theme__name")
    )
    for page_id, name in themes:
        by_pk[page_id].theme_names.append(name)
    territories = (
        ProjectPage.territories.through.objects.filter(projectpage_id__in=by_pk)
        .order_by("territory__kind", "territory__code")
        .values_list(
            "projectpage_id", "territory__kind", "territory__code", "territory__name", "territory__region__name"
        )
    )
    for page_id, kind, code, name, region_name in territories:
        page = by_pk[page_id]
        page.territory_labels.append(territory_label(kind, code, name))
        region = region_name if kind == TerritoryKind.DEPARTEMENT else name
        if region and region not in page.region_names:
            page.region_names.append(region)


def _attach_organisation_names(pages) -> None:
    """Sets `partner_names` (partners in their order) and `funder_names` (funding lines with a funder)."""
    from projets.models import FundingLine, ProjectPartner

    by_pk = {page.pk: page for page in pages}
    for page in pages:
        page.partner_names, page.funder_names = [], []
    if not by_pk:
        return
    partners = (
        ProjectPartner.objects.filter(page_id__in=by_pk)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "organisation__name", "organisation__acronym")
    )
    for page_id, name, acronym in partners:
        by_pk[page_id].partner_names.append(OrganisationName.of(name, acronym))
    funders = (
        FundingLine.objects.filter(page_id__in=by_pk, funder__isnull=False)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "funder__name", "funder__acronym")
    )
    for page_id, name, acronym in funders:
        by_pk[page_id].funder_names.append(OrganisationName.of(name, acronym))


def matching_partners(page, wanted) -> list[str]:
    """Partners and funders of a loaded hit whose name or acronym holds the words searched, each once."""
    if not wanted:
        return []
    names = [*page.partner_names, *page.funder_names]
    return list(dict.fromkeys(org.label for org in names if matches(org.searchable, wanted)))
