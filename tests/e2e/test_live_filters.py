"""Catalogue filters applied without reloading the page (search/static/search/filters.js), the filter panel
folded on phones, and the explorer's charts readable at 1280 and 375 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, assert_no_sideways_scroll, check_accessibility, html_errors
from tests.e2e.test_visitor import case_study, make_project  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e]

MARKER = "window.__sansRechargement"


def cards(page):
    return page.locator("#resultats ol.cards > li")


def test_filters_apply_without_a_page_load_and_back_restores_the_results(page, seeded, case_study):  # noqa: F811
    project, _association = case_study
    page.goto(seeded["url"] + "/projets/")
    expect(cards(page)).to_have_count(2)
    page.evaluate(f"{MARKER} = true")
    facets = page.get_by_role("complementary", name="Filtrer les résultats")

    facets.get_by_role("link", name=re.compile(r"^Hauts-de-France \(2\)")).click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres (1 actif)")
    # Focus stays on the filter used (the new link, which now removes it).
    expect(facets.get_by_role("link", name=re.compile(r"Retirer le filtre Hauts-de-France"))).to_be_focused()

    facets.get_by_role("link", name=re.compile(r"^Éducation populaire \(1\)")).click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32&theme=education-populaire$"))
    expect(cards(page)).to_have_count(1)
    expect(cards(page).get_by_role("link", name=project.title)).to_be_visible()
    expect(page.locator("#results-status")).to_have_text("1 étude de cas")
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres (2 actifs)")
    assert page.evaluate(MARKER) is True, "the page was reloaded"
    # The regions around follow: the feed link, and the search box keeps the filters for the next words.
    feed = page.get_by_role("link", name="Suivre ces résultats dans un lecteur de flux (Atom)")
    expect(feed).to_have_attribute("href", "/flux/projets.atom?region=32&theme=education-populaire")
    hidden = page.locator("#search-params input")
    expect(hidden).to_have_count(2)
    assert page.evaluate("document.querySelectorAll('#search-params input[name=theme]').length") == 1

    assert check_accessibility(page) == []
    # The HTML the server sends for the address the script reached (the script's regions come from it).
    assert html_errors({"catalogue-apres-filtre": page.request.get(page.url).text()}) == []

    page.go_back()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))
    expect(cards(page)).to_have_count(2)
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres (1 actif)")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/projets/$"))
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres")
    assert page.evaluate(MARKER) is True


def test_year_filter_applies_when_the_field_changes(page, seeded, case_study):  # noqa: F811
    page.goto(seeded["url"] + "/projets/")
    page.evaluate(f"{MARKER} = true")
    year = page.get_by_label("de", exact=True)
    year.fill("2019")
    year.press("Tab")
    expect(page).to_have_url(re.compile(r"/projets/\?year_from=2019$"))
    expect(cards(page)).to_have_count(1)
    # Tab moved the focus to the next field before the change applied: it is still there, not lost.
    expect(page.get_by_label("à", exact=True)).to_be_focused()
    assert page.evaluate(MARKER) is True


def test_without_javascript_the_filters_are_links_and_the_panel_stays_open(browser, seeded, case_study):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded["url"] + "/projets/")
    assert page.locator(".facets__panel").evaluate("panel => panel.open") is True
    page.get_by_role("link", name=re.compile(r"^Hauts-de-France \(2\)")).click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres (1 actif)")
    context.close()


@pytest.mark.parametrize(("width", "starts_open"), [(375, False), (1280, True)])
def test_filter_panel_starts_closed_on_phones_only(browser, seeded, case_study, width, starts_open):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(seeded["url"] + "/projets/")
    panel = page.locator(".facets__panel")
    link = page.get_by_role("link", name=re.compile(r"^Hauts-de-France \(2\)"))
    if starts_open:
        expect(link).to_be_visible()
        assert_no_sideways_scroll(page)
    else:
        expect(link).to_be_hidden()
        assert panel.evaluate("panel => panel.open") is False
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "catalogue-chargee-375.png"), full_page=True)
        page.locator(".facets__summary").click()
        expect(link).to_be_visible()
        assert_no_sideways_scroll(page)
        # Open, it stays open while filters apply.
        link.click()
        expect(page).to_have_url(re.compile(r"\?region=32$"))
        expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres (1 actif)")
        assert page.locator(".facets__panel").evaluate("panel => panel.open") is True
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_explorer_labels_keep_the_body_size(browser, seeded, case_study, width):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    assert page.goto(seeded["url"] + "/explorer/").status == 200
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart__label, .bar-chart__value')]
                 .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes and min(sizes) >= 16, sizes
    # The map has no SVG text (it would shrink with the map): the names of its insets are HTML.
    assert page.evaluate("() => document.querySelectorAll('.france-map svg text').length") == 0
    rendered = page.evaluate(
        "() => [...document.querySelectorAll('.france-map__drom span')]"
        ".map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert len(rendered) == 5 and min(rendered) >= 14, rendered
    assert_no_sideways_scroll(page)
    labels = page.locator(".bar-chart__label")
    expect(labels.filter(has_text="Éducation populaire")).to_have_count(1)
    # A label is never cut: the whole text shows inside its box.
    assert page.evaluate(
        "() => [...document.querySelectorAll('.bar-chart__label')].every(el => el.scrollWidth <= el.clientWidth)"
    )
    assert check_accessibility(page) == []
    context.close()


def test_search_page_filters_apply_without_a_page_load(page, seeded, case_study):  # noqa: F811
    """The search page shares the include: words stay, the filter joins them, Back returns to the words alone."""
    page.goto(seeded["url"] + "/recherche/?q=jardin")
    page.evaluate(f"{MARKER} = true")
    expect(cards(page)).to_have_count(1)
    facets = page.get_by_role("complementary", name="Filtrer les résultats")
    facets.get_by_role("link", name=re.compile(r"^Hauts-de-France \(1\)")).click()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=jardin&region=32$"))
    expect(page.locator("#results-status")).to_have_text("1 étude de cas")
    expect(page.locator("#search-q")).to_have_value("jardin")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=jardin$"))
    expect(page.locator("#filtres .facets__summary")).to_have_text("Filtres")
    assert page.evaluate(MARKER) is True
