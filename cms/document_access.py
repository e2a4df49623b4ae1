"""Which documents an answer may name and link: the view restrictions of their collections decide.

The one rule for every answer (pages, JSON APIs, exports, feeds, JSON-LD): a document whose collection,
or an ancestor of it, has a view restriction is named, linked or sized only for a request Wagtail's
document view would serve it to (wagtail.documents.wagtail_hooks.check_view_restrictions). Public
outputs, which are the same for whoever asks, never show it.
"""

from wagtail.models import CollectionViewRestriction


class DocumentAccess:
    """The verdicts of one answer, one per collection, so the queries do not grow with the documents.

    Without a request (exports, data APIs): what anyone may read. With one: what Wagtail would serve it.
    """

    def __init__(self, request=None):
        self.request = request
        self.restrictions: dict[int, list[CollectionViewRestriction]] = {}

    @property
    def signed_in(self) -> bool:
        return self.request is not None and self.request.user.is_authenticated

    def restrictions_of(self, document) -> list[CollectionViewRestriction]:
        """The view restrictions of the document's collection and its ancestors."""
        if document.collection_id not in self.restrictions:
            ancestors = document.collection.get_ancestors(inclusive=True)
            restrictions = CollectionViewRestriction.objects.filter(collection__in=ancestors)
            self.restrictions[document.collection_id] = list(restrictions.prefetch_related("groups"))
        return self.restrictions[document.collection_id]

    def is_restricted(self, document) -> bool:
        return bool(self.restrictions_of(document))

    def readable(self, document) -> bool:
        if document is None:
            return False
        restrictions = self.restrictions_of(document)
        if self.request is None:
            return not restrictions
        return all(restriction.accept_request(self.request) for restriction in restrictions)


def access_for(request) -> DocumentAccess:
    """The request's verdicts, kept on it so every part of one page shares them."""
    if request is None:
        return DocumentAccess()
    access = getattr(request, "_document_access", None)
    if access is None:
        access = request._document_access = DocumentAccess(request)
    return access
