"""What may go out: live case studies without view restrictions, and what they reference."""

import gc

from django.db.models import Prefetch, prefetch_related_objects

from cms.document_access import DocumentAccess
from cms.site_url import absolute
from projets.documents import contract_document
from projets.models import Contract, FundingLine, Organisation, ProjectPage, ProjectPartner

# Every relation an export reads, fetched once per chunk of case studies (a constant number of queries).
EXPORT_PREFETCHES = (
    "themes",
    "territories",
    "tags",
    Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
    Prefetch("funding_lines", queryset=FundingLine.objects.select_related("funder")),
    Prefetch(
        "contracts", queryset=Contract.objects.select_related("document__collection").prefetch_related("parties")
    ),
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


def public_document_url(contract, access: DocumentAccess, request=None) -> str:
    """The template document's URL, only when anyone may read it (access: a DocumentAccess() per export)."""
    document = contract_document(contract, access)
    if document is None:
        return ""
    return absolute(document.url) if request else document.url
