"""HTTP for reusers of the open data and the JSON APIs: validators for conditional GETs, compression, JSON errors.

- `public_data_condition`: Django's `condition` decorator fed with the state of everything an export shows
  (live case studies, page and snippet edits as Wagtail logs them, view restrictions, organisations,
  documents): an unchanged catalogue answers 304 before a single row is read.
- `DataGZipMiddleware`: Django's GZipMiddleware for data answers only (JSON, CSV, Atom, XML, plain text).
  HTML pages are never compressed by the application: a page that reflects what a visitor typed next to a
  secret (a CSRF token) would open the door to BREACH; JSON and CSV answers hold no secret.
- `JsonMethodNotAllowedMiddleware`: a 405 from a JSON endpoint (/api/…, *.json) is JSON, like its other errors.
"""

import hashlib

from django.db.models import Count, Max
from django.http import JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, ModelLogEntry, PageLogEntry, PageViewRestriction

from projets.models import Organisation, ProjectPage

# Content types worth compressing and free of per-visitor secrets.
COMPRESSED_TYPES = {
    "application/json",
    "application/ld+json",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/csv",
    "text/plain",
}


def _state(request=None) -> tuple[list, list]:
    """(fingerprint values, modification dates) of everything the public data is made of.

    Read once per request (the ETag and Last-Modified both need it): seven aggregate queries.
    """
    if request is not None:
        if not hasattr(request, "_public_data_state"):
            request._public_data_state = _state()
        return request._public_data_state
    pages = ProjectPage.objects.live().aggregate(n=Count("pk"), last=Max("last_published_at"), top=Max("pk"))
    page_log = PageLogEntry.objects.aggregate(top=Max("pk"), last=Max("timestamp"))
    model_log = ModelLogEntry.objects.aggregate(top=Max("pk"), last=Max("timestamp"))
    counted = [
        model.objects.aggregate(n=Count("pk"), top=Max("pk"))
        for model in (Organisation, PageViewRestriction, CollectionViewRestriction, get_document_model())
    ]
    values = [pages, page_log, model_log, *counted]
    dates = [date for date in (pages["last"], page_log["last"], model_log["last"]) if date]
    return values, dates


def data_fingerprint(request=None) -> str:
    """A short digest of the public data's state: it changes with every publication, edit, restriction,
    organisation or document change, so a figure kept under it is never stale."""
    values, _dates = _state(request)
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def data_last_modified(request, *args, **kwargs):
    """The last change of the public data (a publication, or an edit Wagtail logged)."""
    return max(_state(request)[1], default=None)


def public_data_condition(version: str):
    """`condition` for a view whose answer depends only on the public data and on `version` (its layout)."""

    def etag(request, *args, **kwargs):
        values, _dates = _state(request)
        raw = repr((version, request.path, sorted(request.GET.lists()), values))
        return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'

    return condition(etag_func=etag, last_modified_func=data_last_modified)


def _media_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


class DataGZipMiddleware(GZipMiddleware):
    """GZip for JSON, CSV, Atom, XML and plain text; HTML and already compressed files go as they are."""

    def process_response(self, request, response):
        if _media_type(response) not in COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)


def is_json_endpoint(path: str) -> bool:
    return path.startswith("/api/") or path.endswith(".json")


class JsonMethodNotAllowedMiddleware:
    """A JSON endpoint's 405 in JSON ({"detail": …}, the Allow header kept), not an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or not is_json_endpoint(request.path):
            return response
        if _media_type(response) == "application/json":
            return response
        message = _("Méthode %(method)s non autorisée ici (lecture seule : GET ou HEAD).") % {"method": request.method}
        answer = JsonResponse({"detail": message}, status=405)
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
