"""Members-only documents live in a collection whose view is restricted to the Membres group."""

from django.db import transaction
from wagtail.models import Collection

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
