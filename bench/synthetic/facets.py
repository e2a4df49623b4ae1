"""The facet rows of synthetic case studies, computed from the composed data.

Publishing fills search.SearchFacet through `projets.facets.facet_values(page)`, which reads each page's
themes, territories, partners, funding lines and contracts. Re-reading every generated batch that way
cost a third of the generation time; the same values are derived here from what was just composed, with
one lookup table per pool. tests/bench checks that both give the same rows.
"""

from bench.synthetic.compose import Case
from bench.synthetic.pools import Pools
from projets.choices import TerritoryKind
from projets.models import Territory, Theme
from search.models import SearchFacet


class FacetLookups:
    """What facet_values reads through relations, as dictionaries keyed by id (read once per run)."""

    def __init__(self, pools: Pools):
        self.theme_slugs = {
            theme.pk: {theme.slug, theme.parent.slug} if theme.parent_id else {theme.slug}
            for theme in Theme.objects.filter(pk__in=pools.themes).select_related("parent")
        }
        self.regions, self.departements = {}, {}
        for territory in Territory.objects.filter(pk__in=pools.territories).select_related("region"):
            if territory.kind == TerritoryKind.REGION:
                self.regions[territory.pk] = territory.code
            elif territory.kind == TerritoryKind.DEPARTEMENT:
                self.departements[territory.pk] = territory.code
                if territory.region_id:
                    self.regions[territory.pk] = territory.region.code
        self.organisation_kinds = dict(pools.organisations)  # every partner is drawn from this pool

    def values(self, case: Case) -> dict[str, set]:
        """The same values as projets.facets.facet_values for the page this case becomes."""
        fields = case.fields
        return {
            "theme": set().union(*(self.theme_slugs[pk] for pk in case.themes)),
            "region": {self.regions[pk] for pk in case.territories if pk in self.regions},
            "departement": {self.departements[pk] for pk in case.territories if pk in self.departements},
            "partner_kind": {self.organisation_kinds[pk] for pk, _role, _contribution in case.partners},
            "funding_kind": {line["kind"] for line in case.funding},
            "contract_kind": {contract["kind"] for contract, _parties in case.contracts},
            "format": {fields.get("cooperation_format")},
            "status": {fields.get("status")},
            "year": {fields.get("start_year")},
        }


def facet_rows(page_ids: list[int], cases: list[Case], lookups: FacetLookups) -> list[SearchFacet]:
    return [
        SearchFacet(page_id=page_id, facet=name, value=str(value))
        for page_id, case in zip(page_ids, cases, strict=True)
        for name, values in lookups.values(case).items()
        for value in values
        if value is not None and value != ""
    ]
