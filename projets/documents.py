"""Members-only documents live in a collection whose view is restricted to the Membres group."""

from django.db import transaction
from wagtail.models import Collection

from cms.document_access import DocumentAccess

MEMBERS_COLLECTION_NAME = "Documents réservés aux membres"


def members_collection() -> Collection:
    """The private collection, created with its restriction by a data migration."""
    return Collection.objects.get(name=MEMBERS_COLLECTION_NAME)


@transaction.atomic
def protect_members_document(document) -> None:
    collection = members_collection()
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])


def contract_document(contract, access: DocumentAccess):
    """The contract's document when this answer may name and link it, else None.

    A members-only contract's document is for signed-in visitors only; any document, only when its
    collection's view restrictions let the answer's reader have it (see cms.document_access).
    """
    if not contract.document_id or (contract.is_members_only and not access.signed_in):
        return None
    return contract.document if access.readable(contract.document) else None
