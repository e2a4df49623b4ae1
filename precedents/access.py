"""Who may download members-only documents: the rule of the private collection itself."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from wagtail.models import CollectionViewRestriction

from projets.documents import MEMBERS_COLLECTION_NAME


def is_member(request) -> bool:
    """True when Wagtail's document view would serve this visitor a members-only document."""
    if not request.user.is_authenticated:
        return False
    restrictions = CollectionViewRestriction.objects.filter(collection__name=MEMBERS_COLLECTION_NAME)
    return all(restriction.accept_request(request) for restriction in restrictions)


def login_url(request) -> str:
    url = resolve_url(getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or "wagtailcore_login")
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
