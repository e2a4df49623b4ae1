"""Security headers on every response; no inline script or style on the public site."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

REPO = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def public_response(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_public_pages_have_a_strict_csp(public_response):
    policy = directives(public_response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    for sources in policy.values():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        # 'self' only: no third-party host, no scheme wildcard.
        assert all(source.startswith("'") or source in ("data:",) for source in sources), sources


def test_public_pages_have_the_other_security_headers(public_response):
    assert public_response["X-Content-Type-Options"] == "nosniff"
    assert public_response["Referrer-Policy"] == "same-origin"
    assert public_response["X-Frame-Options"] == "DENY"
    permissions = public_response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_not_found_pages_carry_the_policy_too(client, home_page):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_the_admin_gets_a_relaxed_policy_scoped_to_admin(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    # The page editor still renders under that policy.
    edit = admin_client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert edit.status_code == 200
    assert "Content-Security-Policy" in edit


def test_served_documents_keep_wagtail_sandboxing_policy(admin_client, db):
    document = Document.objects.create(title="Note", file=ContentFile(b"Bonjour\n", name="note.txt"))
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def inline_code(html: str) -> list[str]:
    """Inline scripts (except JSON data blocks), <style> elements, style= and on*= attributes."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") not in ("application/ld+json", "application/json"):
            found.append(str(script)[:80])
    found += [str(style)[:80] for style in soup.find_all("style")]
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            if attribute == "style" or attribute.startswith("on"):
                found.append(f"<{tag.name} {attribute}=…>")
    return found


def test_rendered_public_pages_have_no_inline_script_or_style(client, admin_client, home_page):
    for url in ("/", "/a-propos/", "/nulle-part/"):
        assert inline_code(client.get(url).content.decode()) == [], url
    # An editor sees Wagtail's user bar on the public site: it loads its code from files too.
    page = admin_client.get("/").content.decode()
    assert "wagtail-userbar" in page
    assert inline_code(page) == []


def test_public_templates_have_no_inline_script_or_style():
    """Every template of the public site (not the admin's) passes the strict CSP."""
    offenders = []
    for path in (REPO / "templates").rglob("*.html"):
        if "admin" in path.relative_to(REPO / "templates").parts:
            continue
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and "application/ld+json" not in tag and "application/json" not in tag:
                offenders.append(f"{path.name}: {tag}")
        if re.search(r"<style\b", text) or re.search(r"\sstyle\s*=", text) or re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: style or event handler attribute")
    assert offenders == []


def test_language_switch_still_works_under_the_policy(client, home_page):
    page = client.get("/")
    assert 'action="/langue/"' in page.content.decode()
    response = client.post("/langue/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").headers["Content-Language"] == "en"


PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; media-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'; worker-src 'self' blob:"
)
FEATURES_OFF = (
    "accelerometer autoplay camera display-capture geolocation gyroscope magnetometer microphone midi payment usb"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", PUBLIC_POLICY),
        ("/nulle-part/", PUBLIC_POLICY),
        ("/admin/", ADMIN_POLICY),
        ("/admin/login/", ADMIN_POLICY),
    ],
)
def test_each_policy_is_exactly_the_one_we_set(admin_client, home_page, url, expected):
    """The whole policy, directive by directive (their order in the header carries no meaning)."""
    response = admin_client.get(url)
    assert directives(response["Content-Security-Policy"]) == directives(expected)
    features = sorted(part.strip() for part in response["Permissions-Policy"].split(","))
    assert features == [f"{feature}=()" for feature in FEATURES_OFF.split()]


def test_a_rate_limited_or_locked_answer_carries_the_policy(client, db, settings):
    settings.RATELIMIT_ENABLE = True
    for _ in range(6):
        response = client.post("/admin/password_reset/", {"email": "x@example.org"}, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 429
    assert directives(response["Content-Security-Policy"]) == directives(ADMIN_POLICY)
