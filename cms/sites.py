"""Which Wagtail Site serves a request, decided once per host and process rather than once per request.

Wagtail looks the Site up at every request (`Site.find_for_request`: one query with a CASE ranking the
candidates, ~3.5 ms of a ~40 ms case-study page at 100,000 case studies). Sites change only when an
administrator edits them. The middleware below keeps, per (host, port), the field values of Wagtail's own
answer and of the site's root page, and gives each request fresh instances built from them (no object is
shared between requests). A saved or deleted Site, a saved root page or a moved page drops the memo in
the process that made the change; other workers follow within MEMO_SECONDS, as Wagtail's own cache of
site root paths does with a per-process cache.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

MEMO_SECONDS = 60

_lock = threading.Lock()
_memo: dict[tuple[str, int], tuple[float, tuple | None]] = {}


def _values(instance) -> tuple:
    names = [field.attname for field in instance._meta.concrete_fields]
    return names, [getattr(instance, name) for name in names]


def _snapshot(site) -> tuple | None:
    if site is None:
        return None
    return (*_values(site), *_values(site.root_page))


def _rebuild(snapshot: tuple | None):
    from wagtail.models import Page, Site

    if snapshot is None:
        return None
    site_names, site_values, page_names, page_values = snapshot
    site = Site.from_db("default", site_names, site_values)
    site.root_page = Page.from_db("default", page_names, page_values)
    return site


def site_for(request):
    """Wagtail's Site for this request (`Site._find_for_request`), memoised per host and port."""
    from wagtail.models import Site

    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    cached = _memo.get(key)
    if cached is None or cached[0] < now:
        snapshot = _snapshot(Site._find_for_request(request))
        with _lock:
            _memo[key] = (now + MEMO_SECONDS, snapshot)
        return _rebuild(snapshot)
    return _rebuild(cached[1])


def forget(**_kwargs) -> None:
    with _lock:
        _memo.clear()


def _forget_root(sender, instance, **_kwargs) -> None:
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return
    root_ids = {snapshot[3][snapshot[2].index("id")] for _expiry, snapshot in list(_memo.values()) if snapshot}
    if instance.pk in root_ids:
        forget()


class SiteMiddleware:
    """Sets `request._wagtail_site`, where Wagtail's `Site.find_for_request` looks first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for(request)
        return self.get_response(request)


def connect() -> None:
    from wagtail.models import Site
    from wagtail.signals import post_page_move

    post_save.connect(forget, sender=Site, dispatch_uid="site-memo-saved")
    post_delete.connect(forget, sender=Site, dispatch_uid="site-memo-deleted")
    post_save.connect(_forget_root, dispatch_uid="site-memo-root-saved")
    post_delete.connect(_forget_root, dispatch_uid="site-memo-root-deleted")
    post_page_move.connect(forget, dispatch_uid="site-memo-page-moved")
