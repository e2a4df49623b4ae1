"""Loading a page of search hits: the pages, their themes and territories, and their organisations' names.

Partners and funders are read as (page, name, acronym) rows rather than model instances: a page of 20
hits holds ~500 of them at 100,000 case studies, and building those objects was, beside the engine, the
largest cost of the search API (profile in the closing note of issue 8). The pages and four queries,
whatever the number of hits. The result card (components/project_card.html) reads `partner_names`: pages
shown as cards come through `load_hits`.
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
    from django.db.models import Prefetch

    from projets.models import Territory

    pages = list(
        queryset.prefetch_related(
            "themes", Prefetch("territories", queryset=Territory.objects.select_related("region"))
        )
    )
    _attach_organisation_names(pages)
    return pages


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
