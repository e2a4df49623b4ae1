"""Login lockout (django-axes): the backend and the French 429 answer.

Axes counts failed logins in the database (shared by every worker) twice over: per client address
(cms.ratelimit.client_ip, whatever the user names tried) and per user name (whatever the addresses).
After AXES_FAILURE_LIMIT failures on either, that address or that account is refused for
AXES_COOLOFF_TIME, on the admin login and on the front-end login alike (both call authenticate()).
"""

from axes.backends import AxesBackend
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cms.ratelimit import wants_json


class LockoutBackend(AxesBackend):
    """Axes' lockout check, first in AUTHENTICATION_BACKENDS (ModelBackend authenticates after it).

    It inherits ModelBackend's get_user and permissions because tools log in with the first backend
    (Wagtail's assertPageIsEditable). A call without a request (test client's login(), scripts)
    carries no IP to lock out: it passes through to the next backend instead of raising. Every login
    view passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def cooloff_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a 429 with a French message (JSON for API or XHR callers)."""
    minutes = cooloff_minutes()
    message = _(
        "Trop de tentatives de connexion échouées. Par sécurité, la connexion à ce compte ou depuis votre "
        "adresse est bloquée pendant %(minutes)s minutes."
    ) % {"minutes": minutes}
    if wants_json(request) or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = JsonResponse({"detail": message, "retry_after": minutes * 60}, status=429)
    else:
        html = render_to_string("cms/lockout.html", {"message": message}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
