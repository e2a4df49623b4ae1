"""Every public page type in Chromium at 390 and 1280 px: nothing scrolls sideways, no serious or critical
axe-core violation, no console error and no request to another host. The search page is checked with its
autocomplete list open. Demo content plus the complete case study, so every table and list has rows."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, sideways_overflow
from tests.public_site import build_case_study

pytestmark = [pytest.mark.e2e]

WIDTHS = (390, 1280)
# A refused form comes back with its error and the visitor's choices, answered as a bad request.
EXPECTED_STATUS = {
    "comparaison-refusee": 400,
    "partenaires-sans-theme": 400,
    "requete-invalide": 400,
    "introuvable": 404,
}


@pytest.fixture
def demo_site(site_tree, live_server, search_backend):
    """The demo content, a complete case study beside it, and the addresses of every page type."""
    from django.db.models import Count

    from projets import choices
    from projets.models import Contract, EventPage, ProjectIndexPage, ProjectPage
    from tests.factories import ProjectPageFactory, ProjectPartnerFactory

    call_command("load_demo", verbosity=0)
    index = ProjectIndexPage.objects.get()

    def make_project(partners=(), funding=(), publish=True, **fields):
        page = ProjectPageFactory(parent=index, **fields)
        for organisation, role in partners:
            ProjectPartnerFactory(page=page, organisation=organisation, role=role)
        return page

    project, association, _lab = build_case_study(make_project, partner_count=4, slug="etude-complete")
    search_backend.refresh_indexes()
    contracts = list(Contract.objects.filter(page__live=True).order_by("pk").values_list("pk", flat=True)[:3])
    assert len(contracts) >= 2
    # The demo case study with the most funding lines: its table is wider than a phone.
    funded = ProjectPage.objects.live().annotate(lines=Count("funding_lines")).order_by("-lines", "pk").first()

    pages = {
        "accueil": "/",
        "catalogue-filtre": "/projets/?theme=education-populaire&region=32",
        "recherche": "/recherche/?q=education",
        "recherche-partenaires": "/recherche/?q=sciences",
        "etude-de-cas": project.url,
        "etude-de-cas-financements": funded.url,
        "organisation": association.get_absolute_url(),
        "precedents": "/precedents/",
        "precedents-filtres": "/precedents/?region=32&sort=ancien",
        "comparaison": "/precedents/comparer/?ids=" + ",".join(str(pk) for pk in contracts),
        "comparaison-refusee": f"/precedents/comparer/?ids={contracts[0]}",
        "guide": "/precedents/guide/",
        "enseignements": "/enseignements/",
        "enseignements-categorie": f"/enseignements/?categorie={choices.LessonCategory.values[0]}",
        "explorer-regions": "/explorer/",
        "explorer-departements": "/explorer/?carte=departements",
        "partenaires": "/trouver-un-partenaire/?looking_for=laboratoire&themes=education-populaire&region=32",
        "partenaires-sans-theme": "/trouver-un-partenaire/?looking_for=laboratoire&region=32",
        "donnees": "/donnees/",
        "proposer": "/proposer/",
        "proposer-merci": "/proposer/merci/",
        "page-de-contenu": "/a-propos/",
        "evenement": EventPage.objects.live().get().url,
        "introuvable": "/cette-page-n-existe-pas/",
        "requete-invalide": "/precedents/comparer/?ids=999999,999998",
    }
    return live_server.url, pages


def open_page(page, base_url: str, name: str, path: str, problems: list[str]):
    response = page.goto(base_url + path)
    if name == "recherche":
        box = page.locator("#search-q")
        before = box.bounding_box()
        box.fill("")
        box.press_sequentially("édu", delay=30)
        suggestions = page.locator(".search-form__suggestions")
        expect(suggestions.locator("[role=option]").first).to_be_visible()
        after, listed = box.bounding_box(), suggestions.bounding_box()
        # The list opens under the box, as wide as it, and leaves the box its width.
        if after["width"] < before["width"] - 1 or listed["y"] < after["y"] + after["height"] - 1:
            problems.append(f"suggestions beside the box: box {before} -> {after}, list {listed}")
        if abs(listed["x"] - after["x"]) > 1 or abs(listed["width"] - after["width"]) > 1:
            problems.append(f"suggestions not under the box: box {after}, list {listed}")
    elif name == "guide":
        for question in page.locator("form fieldset").all():
            question.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Voir les contrats qui conviennent").click()
        page.wait_for_load_state()
    return response


def unreachable_scroll_boxes(page) -> list[str]:
    """Boxes that scroll sideways but that a keyboard cannot reach, or that a screen reader cannot name."""
    return page.evaluate(
        """() => [...document.querySelectorAll('*')]
            .filter(el => el.scrollWidth > el.clientWidth + 1)
            .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .filter(el => el.tabIndex < 0 || el.getAttribute('role') !== 'region'
                          || !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
            .map(el => el.tagName.toLowerCase() + '.' + el.className)"""
    )


def header_rows(page) -> list:
    """On a wide screen the brand, the menu and the language switch share one row: their tops, if not."""
    tops = page.evaluate(
        """() => ['.site-header__brand', '.site-nav li', '.language-switch']
            .map(selector => Math.round(document.querySelector(selector).getBoundingClientRect().top))"""
    )
    return tops if max(tops) - min(tops) > 12 else []


def test_every_page_type_fits_phone_and_desktop_and_passes_axe(browser, demo_site):
    base_url, pages = demo_site
    host = urlsplit(base_url).netloc
    problems = []
    for width in WIDTHS:
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors, foreign = [], []
        page.on("console", lambda message, errors=errors: message.type == "error" and errors.append(message))
        page.on("pageerror", lambda error, errors=errors: errors.append(error))
        page.on(
            "request",
            lambda request, foreign=foreign: (
                request.url.startswith(("http:", "https:"))
                and urlsplit(request.url).netloc != host
                and foreign.append(request.url)
            ),
        )
        for name, path in pages.items():
            errors.clear()
            foreign.clear()
            where = f"{name} at {width} px ({path})"
            found_here = []
            response = open_page(page, base_url, name, path, found_here)
            problems.extend(f"{where}: {problem}" for problem in found_here)
            expected = EXPECTED_STATUS.get(name, 200)
            if response.status != expected:
                problems.append(f"{where}: status {response.status}")
            if overflow := sideways_overflow(page):
                problems.append(f"{where} scrolls sideways: {overflow}")
            if unreachable := unreachable_scroll_boxes(page):
                problems.append(f"{where} scroll boxes without keyboard focus or name: {unreachable}")
            if width >= 1280 and (split := header_rows(page)):
                problems.append(f"{where} header on several rows: {split}")
            if found := check_accessibility(page):
                problems.append(f"{where} axe: {found}")
            # The browser logs an error page's own status (404, 400) as a failed load: expected there.
            messages = [
                str(getattr(e, "text", e))
                for e in errors
                if not (expected != 200 and f"status of {expected}" in str(getattr(e, "text", e)))
            ]
            if messages:
                problems.append(f"{where} console: {messages}")
            if foreign:
                problems.append(f"{where} requests another host: {foreign}")
        context.close()
    assert problems == [], "\n".join(problems)
