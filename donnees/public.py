"""What may go out: live case studies without view restrictions, and what they reference."""

from django.db.models import Prefetch
from wagtail.models import Collection, CollectionViewRestriction

from projets.choices import Visibility
from projets.models import Contract, FundingLine, Organisation, ProjectPage, ProjectPartner


def public_projects():
    """Live, public case studies with every relation an export needs (prefetched per chunk)."""
    return (
        ProjectPage.objects.live()
        .public()
        .order_by("pk")
        .prefetch_related(
            "themes",
            "territories",
            "tags",
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
            Prefetch("funding_lines", queryset=FundingLine.objects.select_related("funder")),
            Prefetch(
                "contracts",
                queryset=Contract.objects.select_related("document").prefetch_related("parties"),
            ),
        )
    )


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
    return request.build_absolute_uri(document.url) if request else document.url
