"""The site's one public address (settings.SITE_URL): absolute URLs and the Wagtail Site record.

Every absolute URL the site writes (canonical, og:url, JSON-LD, citations, sitemaps, feeds, exports, APIs)
is built on SITE_URL, never on the Host header of the request that asked for it.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute(url: str | None) -> str:
    """A path (or an absolute URL on any host) as an absolute URL on SITE_URL; "" for no URL."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{site_url()}{path}{query}{fragment}"


def scheme() -> str:
    return urlsplit(site_url()).scheme


def host() -> str:
    """host[:port] of SITE_URL, as in a URL."""
    return urlsplit(site_url()).netloc


def site_fields() -> dict:
    """hostname and port of the Wagtail Site record that serves SITE_URL."""
    parts = urlsplit(site_url())
    return {"hostname": parts.hostname, "port": parts.port or (443 if parts.scheme == "https" else 80)}


def apply_to_site(site) -> bool:
    """Set a Site record's hostname and port from SITE_URL; True if it changed (and was saved)."""
    fields = site_fields()
    if all(getattr(site, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(site, name, value)
    site.save()
    return True


def apply_to_default_site(**_kwargs) -> None:
    """The default Site answers on SITE_URL (after every `migrate`; load_demo too)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and settings.SITE_URL:
        apply_to_site(site)


def context_processor(request) -> dict:
    return {"site_url": site_url()}
