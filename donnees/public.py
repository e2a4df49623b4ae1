"""What may go out: live case studies without view restrictions, and what they reference."""

import gc

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.models import Collection, CollectionViewRestriction

from cms.site_url import absolute
from projets.choices import Visibility
from projets.models import Contract, FundingLine, Organisation, ProjectPage, ProjectPartner

# Every relation an export reads, fetched once per chunk of case studies (a constant number of queries).
EXPORT_PREFETCHES = (
    "themes",
    "territories",
    "tags",
    Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
    Prefetch("funding_lines", queryset=FundingLine.objects.select_related("funder")),
    Prefetch("contracts", queryset=Contract.objects.select_related("document").prefetch_related("parties")),
)


def public_projects():
    """Live, public case studies with every relation an export needs."""
    return ProjectPage.objects.live().public().order_by("pk").prefetch_related(*EXPORT_PREFETCHES)


def iter_public_projects(size: int):
    """Public case studies read in keyset chunks (pk > last one seen), relations prefetched per chunk.

    No server-side cursor stays open for the whole download and each chunk costs the same queries
    (one for the pages, one per relation), whatever the number of rows.
    """
    pages = ProjectPage.objects.live().public().order_by("pk")  # .public() reads the restrictions once
    last = 0
    while True:
        chunk = list(pages.filter(pk__gt=last)[:size])
        if not chunk:
            return
        prefetch_related_objects(chunk, *EXPORT_PREFETCHES)
        yield from chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk
        # Prefetched relations form reference cycles: free the finished chunk now, not at Python's
        # next full collection, so memory stays flat (measured on 10,000 case studies).
        del chunk
        gc.collect()


def public_organisations():
    """Organisations taking part in, or funding, at least one public case study (Organisation's one rule)."""
    return Organisation.objects.publicly_visible().select_related("territory").order_by("pk")


def restricted_collection_ids() -> set[int]:
    """Collections under a view restriction (members-only documents), descendants included."""
    ids = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        ids.update(
            Collection.objects.descendant_of(restriction.collection, inclusive=True).values_list("pk", flat=True)
        )
    return ids


def public_document_url(contract, restricted_ids: set[int], request=None) -> str:
    """The template document's URL, only when nothing restricts it."""
    document = contract.document
    if not document or contract.visibility != Visibility.PUBLIC or document.collection_id in restricted_ids:
        return ""
    return absolute(document.url) if request else document.url
