"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import importlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.wagtail_roots import ensure_wagtail_roots

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test body
# (building data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(__file__).resolve().parent / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = REPO / "var" / "screenshots"
HTML_DUMPS = REPO / "var" / "e2e-html"

pytestmark = pytest.mark.e2e

# The machine is shared (2 cores): give assertions on the page the same patience as page actions.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable : {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site_tree(live_server, transactional_db, search_backend):
    """What the migrations create (groups, workflow, rights, territories) — flushed by transactional tests —
    the home page, and empty search indexes."""
    from django.apps import apps
    from django.core.cache import cache

    from cms.demo import build_site_tree
    from projets.models import Territory
    from projets.territories import load_territories

    cache.clear()
    ensure_wagtail_roots()
    if not Territory.objects.exists():
        load_territories(Territory)
    # The groups, workflow and rights as the migrations leave them: 0011 moves contributors' rights from the
    # root to the catalogue (given to them when a catalogue is created).
    importlib.import_module("projets.migrations.0002_groups_workflow_members_collection").setup(apps, None)
    importlib.import_module("projets.migrations.0011_moderation_rights").restrict(apps, None)
    return build_site_tree()


@pytest.fixture
def seeded(site_tree, live_server):
    """The site tree with an empty catalogue."""
    from tests.factories import ProjectIndexPageFactory

    index = ProjectIndexPageFactory(parent=site_tree)
    return {"home": site_tree, "index": index, "url": live_server.url}


def check_accessibility(page) -> list[dict]:
    """Serious or critical axe-core violations on the current page."""
    # Evaluated through the DevTools protocol: the site's CSP (script-src 'self') forbids an inline tag.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sideways_overflow(page) -> list[str]:
    """What sticks out past the right edge of the window, if the page scrolls sideways (else nothing)."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return [];
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                .slice(0, 8)
                .map(el => `${el.tagName.toLowerCase()}.${el.className} `
                           + `right=${Math.round(el.getBoundingClientRect().right)}`);
            return [`scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`, ...wide];
        }"""
    )


def assert_no_sideways_scroll(page) -> None:
    """The page is no wider than the window: nothing to scroll sideways (a wide table scrolls in its own box)."""
    overflow = sideways_overflow(page)
    assert overflow == [], f"{page.url} scrolls sideways: {overflow}"


def audit_pages(page, base_url: str, pages: dict[str, str]) -> tuple[dict, dict]:
    """Open each page: axe-core's serious or critical violations, the HTML served, and screenshots."""
    violations, sources = {}, {}
    for name, path in pages.items():
        response = page.goto(base_url + path)
        assert response.status == 200, path
        sources[name] = response.text()
        found = check_accessibility(page)
        if found:
            violations[name] = found
        screenshot(page, name)
    return violations, sources


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def html_errors(documents: dict[str, str]) -> list[dict]:
    """Errors reported by the Nu Html Checker (vnu.jar, Java) on these HTML sources."""
    import json

    if HTML_DUMPS.exists():
        shutil.rmtree(HTML_DUMPS)
    HTML_DUMPS.mkdir(parents=True)
    paths = []
    for name, html in documents.items():
        path = HTML_DUMPS / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    java = shutil.which("java") or "java"
    completed = subprocess.run(  # noqa: S603
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    return [
        {"file": Path(m.get("url", "")).name, "line": m.get("lastLine"), "message": m.get("message")}
        for m in messages
        if m.get("type") == "error"
    ]
