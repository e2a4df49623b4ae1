"""Keep precedents.PublishedContract and ContractFacet in step with what is published.

A case study's rows are rewritten when it is published and dropped when it is unpublished (a deleted
page or contract takes its rows with it). `manage.py sync_precedents` rebuilds them all (after a bulk
import, or a change of an organisation's kind or a territory's region made outside publication).
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch

from precedents.models import ContractFacet, PublishedContract
from projets.live_pages import sync_live_in_chunks
from projets.models import Contract, FundingLine, Territory

# The clause facets: (parameter, Contract field).
CLAUSE_FACETS = (
    ("kind", "kind"),
    ("ip", "intellectual_property"),
    ("publication", "publication"),
    ("data", "data"),
    ("compensation", "compensation"),
    ("governance", "governance"),
)
PREFETCH = (
    Prefetch("contracts", queryset=Contract.objects.prefetch_related("parties")),
    Prefetch("funding_lines", queryset=FundingLine.objects.only("id", "page_id", "kind")),
    Prefetch("territories", queryset=Territory.objects.select_related("region")),
)
# Each facet's column of precedents.models.PublishedContract; a facet of SEVERAL holds "|a|b|".
FACET_COLUMNS = {
    **dict(CLAUSE_FACETS),
    "party_kind": "party_kinds",
    "funding": "fundings",
    "region": "regions",
}
SEVERAL = {"party_kind", "funding", "region"}
SEPARATOR = "|"
# The whole table's counts (precedents.selection), dropped whenever rows are rewritten.
COUNTS_KEY = "precedents:whole-table-counts"


def facet_values(contract, page, regions: set[str], funding: set[str]) -> dict[str, set[str]]:
    values = {param: {getattr(contract, field)} for param, field in CLAUSE_FACETS}
    values["party_kind"] = {party.kind for party in contract.parties.all()}
    values["funding"] = funding
    values["region"] = regions
    return values


def joined(values) -> str:
    """Several values as one column: "|a|b|" (sorted), so that "|a|" finds a; "" for none."""
    values = sorted(value for value in values if value)
    return f"{SEPARATOR}{SEPARATOR.join(values)}{SEPARATOR}" if values else ""


def split(column: str) -> list[str]:
    return [value for value in column.split(SEPARATOR) if value]


def contract_value(values: set[str]) -> str:
    return next(iter(values), "") or ""


def rows_of(page) -> tuple[list[PublishedContract], list[ContractFacet]]:
    """The rows of a live case study read with PREFETCH."""
    published, facets = [], []
    regions = set(page.facet_region())  # the case study's regions, as the catalogue's facet has them
    funding = {line.kind for line in page.funding_lines.all()}
    for contract in page.contracts.all():
        year = contract.signed_on.year if contract.signed_on else page.start_year
        row = PublishedContract(
            contract_id=contract.pk,
            page_id=page.pk,
            year=year,
            recent_key=year or 0,
            oldest_key=year or 9999,
            kind=contract.kind,
            duration_months=contract.duration_months,
            page_title=page.title[:255],
            sort_order=contract.sort_order,
        )
        values = facet_values(contract, page, regions, funding)
        for param, column in FACET_COLUMNS.items():
            if param != "kind":
                setattr(row, column, joined(values[param]) if param in SEVERAL else contract_value(values[param]))
        published.append(row)
        for param, chosen in values.items():
            facets += [ContractFacet(contract_id=contract.pk, facet=param, value=value) for value in chosen if value]
    return published, facets


def sync_pages(pages: Iterable) -> None:
    """Rewrite the rows of these case studies (prefetch PREFETCH for bulk use); a page not live has none."""
    pages = list(pages)
    published, facets = [], []
    for page in pages:
        if page.live:
            page_rows, page_facets = rows_of(page)
            published += page_rows
            facets += page_facets
    with transaction.atomic():
        PublishedContract.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        PublishedContract.objects.bulk_create(published, batch_size=2000)
        ContractFacet.objects.bulk_create(facets, batch_size=2000)
    clear_counts()


def drop_pages(page_ids: list[int]) -> None:
    PublishedContract.objects.filter(page_id__in=page_ids).delete()
    clear_counts()


def sync_all(chunk_size: int = 1000, progress=None) -> int:
    """Rebuild the whole table in chunks of case studies (keyset pagination); returns how many were read."""
    with transaction.atomic():
        PublishedContract.objects.all().delete()
        return sync_live_in_chunks(PREFETCH, sync_pages, chunk_size, progress)


def clear_counts(**kwargs) -> None:
    cache.delete(COUNTS_KEY)
