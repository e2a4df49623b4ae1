"""HTTP as reusers' clients expect it: HEAD, conditional GETs (304), gzip, CORS, JSON 405s, RateLimit fields."""

import gzip
from types import SimpleNamespace

from django.core.cache import caches
from django.test import RequestFactory
from django_ratelimit import core as ratelimit_core

from cms import pagecache, ratelimit

EXPORTS = [
    "/donnees/projets.csv",
    "/donnees/projets.json",
    "/donnees/projets.xlsx",
    "/donnees/partenaires.csv",
    "/donnees/financements.csv",
    "/donnees/contrats.csv",
    "/donnees/organisations.csv",
    "/donnees/projets-excel.csv",
    "/donnees/datapackage.json",
]
JSON_APIS = [
    "/api/v2/projets/",
    "/api/v2/organisations/",
    "/api/v2/themes/",
    "/api/v2/territoires/",
    "/api/v2/pages/",
    "/api/recherche?q=jardin",
    "/api/autocomplete?q=jar",
    "/api/precedents",
    "/api/openapi.json",
]
FEED = "/flux/projets.atom"
ORIGIN = "https://reutilisateur.example"


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# One catalogue per test, every address in a loop: the fixture costs more than the requests.
def test_head_answers_like_get_without_a_body(client, catalogue):
    for url in [*EXPORTS, *JSON_APIS, FEED]:
        get = client.get(url)
        head = client.head(url)
        assert get.status_code == head.status_code == 200, url
        assert content(head) == b"", url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head["ETag"] == get["ETag"], url


def test_a_conditional_get_answers_304_while_nothing_changed(client, catalogue):
    for url in [*EXPORTS, *JSON_APIS, FEED]:
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert content(again) == b"", url
        assert client.head(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url


def test_last_modified_gives_304_until_a_publication(client, catalogue, indexed, search_backend):
    firsts = {url: client.get(url) for url in [*EXPORTS, FEED]}
    for url, first in firsts.items():
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304, url

    page = catalogue["public"][0]
    page.title = "Des chercheurs au jardin, suite"
    page.save_revision().publish()
    # The feed reads the engine's documents: on OpenSearch a publication shows once the index refreshes.
    search_backend.refresh_indexes()
    for url, first in firsts.items():
        changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert changed.status_code == 200, url
        assert changed["ETag"] != first["ETag"], url


def test_an_organisation_edit_changes_the_exports_etag(client, catalogue):
    from wagtail.log_actions import log

    first = client.get("/donnees/organisations.csv")
    organisation = catalogue["public"][0].partners.first().organisation
    organisation.city = "Lille"
    organisation.save()
    log(instance=organisation, action="wagtail.edit")  # as the snippet editor does
    again = client.get("/donnees/organisations.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Lille" in content(again)


def test_a_page_made_private_changes_the_exports_etag(client, catalogue):
    from wagtail.models import PageViewRestriction

    first = client.get("/donnees/projets.csv")
    PageViewRestriction.objects.create(page=catalogue["public"][1], restriction_type=PageViewRestriction.LOGIN)
    again = client.get("/donnees/projets.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Sols vivants" not in content(again).decode()


def test_data_answers_are_gzipped_when_asked(client, catalogue):
    for url in ["/donnees/projets.csv", "/donnees/projets.json", "/api/v2/projets/", FEED]:
        plain = content(client.get(url))
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"], url
        assert gzip.decompress(content(response)) == plain, url


def test_html_pages_are_never_gzipped_by_the_application(client, catalogue):
    """BREACH: a page may reflect what a visitor typed beside a secret; only data answers are compressed."""
    for url in ("/donnees/", catalogue["public"][0].url, "/recherche/?q=jardin"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert not response.has_header("Content-Encoding"), url


def test_cross_origin_get_is_allowed_on_the_api_and_the_exports(client, catalogue):
    for url in [*EXPORTS, *JSON_APIS]:
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url


def test_cross_origin_is_get_only_and_nowhere_else(client, catalogue):
    preflight = client.options("/api/v2/projets/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    allowed = {method.strip() for method in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    for url in ("/donnees/", catalogue["public"][0].url, "/admin/login/", FEED):
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response, url


def test_method_not_allowed_is_json_on_json_endpoints(client, catalogue):
    for url in ["/api/v2/projets/", "/api/recherche?q=jardin", "/api/autocomplete?q=jar"]:
        response = client.post(url)
        assert response.status_code == 405, url
        assert response["Content-Type"].startswith("application/json"), url
        assert "GET" in response["Allow"], url
        assert "POST" in response.json()["detail"], url


def test_the_export_json_405_is_json_and_the_feed_refuses_post(client, catalogue):
    response = client.post("/donnees/projets.json")
    assert response.status_code == 405 and response.json()["detail"]
    assert client.post(FEED).status_code == 405


def test_a_429_carries_the_ratelimit_fields_beside_retry_after(db, settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    caches[settings.RATELIMIT_USE_CACHE].clear()
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: 1_000_040))  # one window
    request = RequestFactory().get("/api/recherche", REMOTE_ADDR="203.0.113.9")
    assert ratelimit.check_rate(request, "opendata-test", 1, 60) is None
    response = ratelimit.check_rate(request, "opendata-test", 1, 60)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["RateLimit-Limit"] == "1"
    assert response["RateLimit-Remaining"] == "0"
    assert response["RateLimit-Reset"] == response["Retry-After"]


def test_the_page_cache_keeps_serving_and_answers_conditional_gets(client, settings, tmp_path, catalogue):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }
    pagecache.invalidate()
    url = catalogue["public"][0].url
    first = client.get(url)
    second = client.get(url)
    assert first[pagecache.HEADER] == "miss" and second[pagecache.HEADER] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
