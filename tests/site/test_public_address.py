"""One public address (SITE_URL) for every absolute URL; sane meta tags; a favicon; HEAD wherever GET is."""

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Site

from tests.public_site import build_case_study

pytestmark = pytest.mark.django_db

PUBLIC = "https://cooperatheque.example"
URL = re.compile(r"https?://[^\s\"'<>\\]+")
# Where the site's own absolute URLs pointed before: the request's host, the Site record's default.
OTHER_SITE_HOSTS = {"testserver", "localhost", "127.0.0.1"}


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC
    settings.WAGTAILAPI_BASE_URL = PUBLIC
    return PUBLIC


@pytest.fixture
def site(public_address, make_project, search_backend):
    """A site on PUBLIC with a complete case study, indexed (the feed runs through the search service)."""
    page, association, _lab = build_case_study(make_project)
    search_backend.refresh_indexes()
    return page, association


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def site_urls(text: str) -> list[str]:
    """The absolute URLs of a text that point to this site, on whatever host."""
    return [url for url in URL.findall(text) if urlsplit(url).hostname in OTHER_SITE_HOSTS | {"cooperatheque.example"}]


def test_load_demo_and_migrate_put_the_site_on_the_public_address(public_address, home_page):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("cooperatheque.example", 443, PUBLIC)
    site.hostname, site.port = "localhost", 80
    site.save()
    call_command("load_demo", verbosity=0)
    site.refresh_from_db()
    assert site.root_url == PUBLIC
    site.hostname, site.port = "localhost", 80
    site.save()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what every `migrate` ends with
    site.refresh_from_db()
    assert site.root_url == PUBLIC


def test_every_absolute_url_is_on_the_public_address(client, site):
    page, association = site
    reads = {
        "case study": page.url,
        "organisation": association.get_absolute_url(),
        "home": "/",
        "catalogue": "/projets/",
        "search": "/recherche/?q=populaire",
        "precedents": "/precedents/",
        "data": "/donnees/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "feed": "/flux/projets.atom",
        "projects.csv": "/donnees/projets.csv",
        "projects.json": "/donnees/projets.json",
        "contracts.csv": "/donnees/contrats.csv",
        "precedents.csv": "/precedents/export.csv",
        "api v2 list": "/api/v2/projets/",
        "api v2 detail": f"/api/v2/projets/{page.pk}/",
        "api v2 pages": "/api/v2/pages/",
        "api search": "/api/recherche?q=populaire",
    }
    texts = {}
    for name, path in reads.items():
        response = client.get(path)
        assert response.status_code == 200, name
        texts[name] = body(response)
    for section in re.findall(r"<loc>([^<]+)</loc>", texts["sitemap"]):
        assert section.startswith(PUBLIC + "/sitemap-")
        parts = urlsplit(section.replace("&amp;", "&"))
        texts[section] = body(client.get(parts.path, dict([parts.query.split("=")]) if parts.query else {}))
    found = {name: site_urls(text) for name, text in texts.items()}
    elsewhere = {name: [url for url in urls if not url.startswith(PUBLIC + "/")] for name, urls in found.items()}
    assert not any(elsewhere.values()), elsewhere
    # And each of these outputs does carry its absolute URLs.
    html = texts["case study"]
    full = PUBLIC + page.url
    assert f'<link rel="canonical" href="{full}">' in html
    assert f'<meta property="og:url" content="{full}">' in html
    assert f". {unquote(full)} (consulté le" in html  # "Citer cette page", readable
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["url"] == full
    assert f'<link rel="canonical" href="{PUBLIC}/precedents/">' in texts["precedents"]
    assert f"<loc>{full}</loc>" in "".join(texts.values())
    assert f"<id>{full}</id>" in texts["feed"] and f'<link href="{full}"' in texts["feed"]
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in texts["robots"]
    assert full in texts["projects.csv"] and full in texts["precedents.csv"]
    assert f'"url": "{full}"' in texts["projects.json"].replace('":"', '": "')
    detail = json.loads(texts["api v2 detail"])
    assert detail["meta"]["html_url"] == full
    assert detail["meta"]["detail_url"] == f"{PUBLIC}/api/v2/projets/{page.pk}/"


def test_the_admin_address_follows_the_public_address():
    from django.conf import settings

    assert settings.WAGTAILADMIN_BASE_URL == settings.SITE_URL == "http://127.0.0.1:8000"


REPR = ("Proxy(", "object at 0x", "<bound method", "__proxy__")


def test_meta_tags_carry_text_not_python_objects(client, site):
    page, _association = site
    page.search_description = ""
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    tags = re.findall(r"<meta\b[^>]*>", html)
    assert tags and not [tag for tag in tags if any(marker in tag for marker in REPR) or 'content=""' in tag]
    description = "La base de connaissances des coopérations entre associations et recherche publique."
    summary = page.get_meta_description() or description
    assert f'<meta name="description" content="{summary[:300]}' in html.replace("&#x27;", "'")
    assert f'<meta property="og:description" content="{summary[:300]}' in html.replace("&#x27;", "'")


def test_home_title_names_the_site_once(client, home_page):
    html = client.get("/").content.decode()
    assert "<title>Coopérathèque</title>" in html
    about = client.get("/a-propos/").content.decode()
    assert "<title>À propos – Coopérathèque</title>" in about


def test_favicon_is_served_by_the_site(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/donnees/",
        "/donnees/projets.csv",
        "/donnees/projets.xlsx",
        "/donnees/projets.json",
        "/donnees/partenaires.csv",
        "/donnees/financements.csv",
        "/donnees/contrats.csv",
        "/donnees/organisations.csv",
        "/precedents/export.csv",
        "/robots.txt",
        "/favicon.ico",
        "/sitemap.xml",
        "/flux/projets.atom",
        "/api/recherche?q=populaire",
        "/api/autocomplete?q=popu",
        "/api/precedents",
        "/api/openapi.json",
        "/api/v2/projets/",
    ],
)
def test_head_is_answered_wherever_get_is(client, site, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b"" if not head.streaming else b"".join(head.streaming_content) == b""
