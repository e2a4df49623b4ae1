"""Rate limits (django-ratelimit): N requests per period per client address in one scope, else 429 in French.

Usage on a view (function or django-ninja operation; the signature is kept):

    @rate_limit("search-api", limit=60, period=60)
    def search(request, ...): ...

or inside a view: `if (response := check_rate(request, "proposal", 5, 3600)): return response`.

Counters live in the cache named by RATELIMIT_USE_CACHE, which every worker shares: the database cache
table (created by `migrate`) or Redis (CACHE_URL). The database cache increments by read-then-write, so
requests racing within the same instant may each pass; Redis counts exactly. RATELIMIT_ENABLE = False
switches every limit off (e.g. for a load test).

The client address is found in one place, `client_ip`, for the limits and for the login lockout.
"""

import functools
import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

# Password reset mails: per client address, and per address the mail goes to (whoever asks).
RESET_PER_CLIENT = (5, 3600)
RESET_PER_EMAIL = (3, 3600)
RESET_URL_NAME = "wagtailadmin_password_reset"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client address used by the rate limits and by the login lockout (AXES_CLIENT_IP_CALLABLE).

    With TRUSTED_PROXY_COUNT = 0 (the default) REMOTE_ADDR: a forwarded header can be forged by anyone.
    Behind N reverse proxies that each append to X-Forwarded-For, the client is the N-th address from
    the right: those were written by our proxies, anything to their left by the client. A header with
    fewer addresses, or an invalid one, falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def address_key(group: str, request: HttpRequest) -> str:
    """The counter's key: the client address, an IPv6 client by its /64 (one subscriber's network)."""
    address = client_ip(request)
    if not address or not _valid(address):
        return "unknown"
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


def too_many_requests(request: HttpRequest, retry_after: int, limit: int | None = None) -> HttpResponse:
    message = _("Trop de requêtes : merci de patienter %(seconds)s secondes avant de réessayer.") % {
        "seconds": retry_after
    }
    if wants_json(request):
        response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
    else:
        html = render_to_string("cms/rate_limited.html", {"message": message}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    if limit is not None:  # the IETF RateLimit fields, for clients that read them rather than Retry-After
        response["RateLimit-Limit"] = str(limit)
        response["RateLimit-Remaining"] = "0"
        response["RateLimit-Reset"] = str(retry_after)
    return response


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def check_rate(request: HttpRequest, scope: str, limit: int, period: int, key=address_key) -> HttpResponse | None:
    """Count this request; None when it may proceed, else the 429 response to return."""
    usage = get_usage(request, group=scope, key=key, rate=(limit, period), method=ALL, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return too_many_requests(request, max(usage["time_left"], 1), limit)


def rate_limit(scope: str, limit: int, period: int, methods: tuple[str, ...] | None = None):
    """Decorator: at most `limit` requests per `period` seconds per client address in `scope`.

    `methods` restricts counting to those HTTP methods (e.g. ("POST",) for a form).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                response = check_rate(request, scope, limit, period)
                if response is not None:
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def reset_email_key(group: str, request: HttpRequest) -> str:
    email = request.POST.get("email", "").strip().lower()
    return hashlib.sha256(email.encode()).hexdigest()


class PasswordResetLimitMiddleware(MiddlewareMixin):
    """Limits the admin's password reset form (a view of Wagtail's): each request may send a mail."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or match.url_name != RESET_URL_NAME:
            return None
        return check_rate(request, "password-reset", *RESET_PER_CLIENT) or check_rate(
            request, "password-reset-email", *RESET_PER_EMAIL, key=reset_email_key
        )
