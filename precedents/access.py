"""Where a visitor refused a members' document is sent to sign in (the rule itself: cms.document_access)."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import urlencode


def login_url(request) -> str:
    url = resolve_url(getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or "wagtailcore_login")
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
