"""Anonymous page cache: public pages served from a shared cache, emptied when published content changes.

A response is stored only when it says so itself (`Cache-Control: public`, which BasePage sends to
anonymous visitors), answers 200, sets no cookie and touched neither the CSRF token nor the session.
Requests that may belong to someone (a session or messages cookie, an Authorization header), the
admin and documents (privacy checks) always go through. The key holds a generation number kept in
the same cache: publishing, unpublishing, moving or deleting a page, or editing a snippet, an image,
a document, a site or a setting, or saving or deleting a view restriction (page or collection, or
changing its groups), draws a new generation, so every worker stops serving the old
copies at once (they expire with their timeout). Switched on by PAGE_CACHE_SECONDS > 0.

Kept hand-written because no maintained library does this for Wagtail 8: wagtail-cache declares
wagtail < 8 and empties its cache only on page (un)publication, not on a view restriction, a snippet or
a setting; Django's cache middleware keys copies on the URL and the Vary headers (one copy per cookie
value) and cannot tell a response that touched the CSRF token or the session; Wagtail's frontend cache
purges proxies and CDNs in front of the site, by URL, whereas a renamed organisation changes pages at
many URLs, which one new generation covers.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/django-admin/")
# Snippets the public never sees on a page: saving them must not empty the cache (anyone can propose).
EXEMPT_SNIPPETS = {"projets.projectproposal"}
HEADER = "X-Page-Cache"


def page_cache():
    return caches[CACHE_ALIAS]


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def generation() -> str:
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    """Forget every cached page (a new generation); old copies are never served again."""
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate_now_and_on_commit() -> None:
    # Now, so this process sees it at once; after commit, so a page rendered from the data that was
    # still committed in between is not kept under the new generation.
    invalidate()
    transaction.on_commit(invalidate)


def cache_key(request, gen: str) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{gen}:{language}:{hashlib.sha256(raw.encode()).hexdigest()}"


def may_use_cache(request) -> bool:
    if request.method != "GET" or seconds() <= 0:
        return False
    if request.path.startswith(EXCLUDED_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").lower().split(",")}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to this visitor
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "added_new", False)


def _restore(entry: tuple):
    from django.http import HttpResponse

    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve and store anonymous public pages; placed after LocaleMiddleware (the key holds the language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        key = cache_key(request, generation())
        entry = page_cache().get(key)
        if entry is not None:
            response = _restore(entry)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if may_store(request, response):
            patch_vary_headers(response, ("Cookie",))
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            page_cache().set(key, (response.status_code, headers, response.content), seconds())
            response[HEADER] = "miss"
        return response


def _invalidating_model(sender) -> bool:
    from wagtail.models import BaseViewRestriction, Page, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(sender, Page):
        return False  # drafts are saved too; publication has its own signals
    if issubclass(sender, BaseViewRestriction):
        return True  # a page or collection made private must stop being served from the cache at once
    label = sender._meta.label_lower
    if label in EXEMPT_SNIPPETS:
        return False
    if sender in get_snippet_models() or issubclass(sender, Site):
        return True
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return issubclass(sender, BaseGenericSetting | BaseSiteSetting) or sender in {
        get_image_model(),
        get_document_model(),
    }


def _on_model_change(sender, **kwargs) -> None:
    if seconds() > 0 and not kwargs.get("raw") and _invalidating_model(sender):
        if kwargs.get("created") and _is_setting(sender):
            # Wagtail creates a site's setting row on its first read (for_site), holding the defaults the page
            # being rendered already shows; an edit in the admin saves the existing row and empties the cache.
            return
        invalidate_now_and_on_commit()


def _is_setting(sender) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(sender, BaseGenericSetting | BaseSiteSetting)


def _on_page_change(sender, **kwargs) -> None:
    if seconds() > 0:
        invalidate_now_and_on_commit()


def _on_delete(sender, **kwargs) -> None:
    from wagtail.models import Page

    if seconds() > 0 and (issubclass(sender, Page) or _invalidating_model(sender)):
        invalidate_now_and_on_commit()


def _on_restriction_groups_change(sender, action, **kwargs) -> None:
    if seconds() > 0 and action in ("post_add", "post_remove", "post_clear"):
        invalidate_now_and_on_commit()


def connect_signals() -> None:
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_page_change, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="pagecache-moved")
    post_save.connect(_on_model_change, dispatch_uid="pagecache-saved")
    post_delete.connect(_on_delete, dispatch_uid="pagecache-deleted")
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            _on_restriction_groups_change,
            sender=restriction.groups.through,
            dispatch_uid=f"pagecache-groups-{restriction._meta.label_lower}",
        )
