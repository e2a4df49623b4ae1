"""A small rate limiter: N requests per period for one client IP in one scope, else 429 in French.

Usage on a view (function or django-ninja operation; the signature is kept):

    @rate_limit("search-api", limit=60, period=60)
    def search(request, ...): ...

or inside a view: `if (response := check_rate(request, "proposal", 5, 3600)): return response`.

Counters live in the cache named by RATELIMIT_CACHE (fixed windows). With several server processes
the cache must be shared (database or Redis cache) for the limit to be global; LocMemCache counts
per process. RATELIMIT_ENABLED = False switches every limit off (e.g. for a load test).
"""

import functools
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# The windows' clock: a test moves it by hand, so that its requests fall in one window whatever their speed.
clock = time.time


def client_ip(request: HttpRequest) -> str | None:
    """The client address used by the rate limits and by the login lockout (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR only: forwarded headers can be forged by the client. Behind a reverse proxy, have the
    proxy (or gunicorn's --forwarded-allow-ips with a WSGI fix-up) set REMOTE_ADDR to the real client.
    """
    return request.META.get("REMOTE_ADDR") or None


def hit(scope: str, key: str, limit: int, period: int) -> tuple[bool, int]:
    """Count one request; return (allowed, seconds until the window resets)."""
    now = int(clock())
    window = now // period
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache = caches[getattr(settings, "RATELIMIT_CACHE", "default")]
    # add() is a no-op when the key exists; incr() is atomic in the shared cache backends.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    retry_after = (window + 1) * period - now
    return count <= limit, max(retry_after, 1)


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


def check_rate(request: HttpRequest, scope: str, limit: int, period: int) -> HttpResponse | None:
    """None when the request may proceed, else the 429 response to return."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return None
    allowed, retry_after = hit(scope, client_ip(request) or "unknown", limit, period)
    return None if allowed else too_many_requests(request, retry_after, limit)


def rate_limit(scope: str, limit: int, period: int, methods: tuple[str, ...] | None = None):
    """Decorator: at most `limit` requests per `period` seconds per client IP in `scope`.

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
