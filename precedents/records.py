"""One description of a precedent, shared by the table, the comparison, the CSV and the API."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.collation import sort_key
from cms.document_access import DocumentAccess
from projets.choices import TerritoryKind
from projets.documents import contract_document

# The clause columns, in the order the table, the comparison and the CSV show them.
CLAUSES = [
    ("kind", gettext_lazy("Type de contrat")),
    ("intellectual_property", gettext_lazy("Propriété intellectuelle")),
    ("publication", gettext_lazy("Publication")),
    ("data", gettext_lazy("Données")),
    ("compensation", gettext_lazy("Compensation de l'association")),
    ("governance", gettext_lazy("Gouvernance")),
]


def contract_year(contract) -> int | None:
    return contract.signed_on.year if contract.signed_on else contract.page.start_year


def region_names(page) -> list[str]:
    names = []
    for territory in page.territories.all():
        region = territory if territory.kind == TerritoryKind.REGION else territory.region
        if region and region.name not in names:
            names.append(region.name)
    return sorted(names, key=sort_key)


def funding_kinds(page) -> list[tuple[str, str]]:
    kinds = {line.kind: line.get_kind_display() for line in page.funding_lines.all()}
    return sorted(kinds.items())


def publication_label(contract) -> str:
    label = contract.get_publication_display()
    if contract.publication_review_days:
        label = _("%(label)s (%(days)s jours)") % {"label": label, "days": contract.publication_review_days}
    return str(label)


def describe_document(contract, access: DocumentAccess) -> dict | None:
    """Title and address only when this answer may name the document; otherwise that it is for members."""
    if not contract.document_id:
        return None
    document = contract_document(contract, access)
    if document is None:
        return {"title": None, "url": None, "members_only": True}
    members_only = contract.is_members_only or access.is_restricted(document)
    return {"title": document.title, "url": document.url, "members_only": members_only}


def describe(contract, access: DocumentAccess, request=None) -> dict:
    """Plain values (codes and French labels) of a contract read with selection()'s prefetches.

    `access` says which documents may be named: access_for(request) on the site's pages, a public
    DocumentAccess() in the API and exports, which are the same for everyone.
    """
    page = contract.page
    document = describe_document(contract, access)
    clauses = {name: getattr(contract, name) for name, _label in CLAUSES}
    labels = {name: str(getattr(contract, f"get_{name}_display")()) for name, _label in CLAUSES}
    labels["publication"] = publication_label(contract)
    return {
        "id": contract.pk,
        "title": str(contract),
        "clauses": clauses,
        "labels": labels,
        "parties": [
            {"name": str(party), "kind": party.kind, "kind_label": str(party.get_kind_display())}
            for party in contract.parties.all()
        ],
        "duration_months": contract.duration_months,
        "signed_on": contract.signed_on,
        "year": contract_year(contract),
        "funding_kinds": funding_kinds(page),
        "regions": region_names(page),
        "project": {"id": page.pk, "title": page.title, "url": page.get_url(request)},
        "what_worked": contract.what_worked,
        "what_to_change": contract.what_to_change,
        "document": document,
    }
