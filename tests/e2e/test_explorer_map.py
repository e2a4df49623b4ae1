"""The explorer's map of France in Chromium: no horizontal overflow at 390 and 1280 px, no serious axe-core
violation, a visible keyboard focus, the count on hover, and links that work without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, assert_no_sideways_scroll, check_accessibility
from tests.e2e.test_visitor import case_study, make_project  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e]

FOCUS = "rgb(179, 71, 0)"  # --focus in static/css/site.css


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("layer", "shapes"), [("regions", 18), ("departements", 101)])
def test_map_fits_the_screen_and_passes_axe(browser, seeded, case_study, width, layer, shapes):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    assert page.goto(f"{seeded['url']}/explorer/?carte={layer}").status == 200
    links = page.locator(".france-map a.france-map__link")
    expect(links).to_have_count(shapes)
    assert_no_sideways_scroll(page)
    box = page.locator(".france-map").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert check_accessibility(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".france-map").screenshot(path=str(SCREENSHOTS / f"explorer-map-{layer}-{width}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"explorer-{layer}-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_catalogue_region_filter_map_fits_and_passes_axe(browser, seeded, case_study, width):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    assert page.goto(seeded["url"] + "/projets/").status == 200
    page.locator(".facets__panel").evaluate("panel => panel.open = true")  # closed at first on a phone
    link = page.locator('.facet-map a[data-value="32"]')  # hidden from assistive technologies: the list has it
    expect(link).to_be_visible()
    assert_no_sideways_scroll(page)
    assert check_accessibility(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"catalogue-map-{width}.png"), full_page=True)
    link.click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))
    expect(page.locator('.facet-map a[data-value="32"]')).to_have_class(re.compile("is-selected"))
    context.close()


def test_keyboard_focus_is_visible_and_hover_shows_the_count(page, seeded, case_study):  # noqa: F811
    page.goto(seeded["url"] + "/explorer/")
    page.get_by_role("link", name="Départements", exact=True).focus()
    page.keyboard.press("Tab")  # the first shape of the map follows the layer switch
    focused = page.locator(".france-map a:focus")
    expect(focused).to_have_count(1)
    assert focused.evaluate("a => a.matches(':focus-visible')")
    assert focused.locator("path").evaluate("p => getComputedStyle(p).stroke") == FOCUS
    tip = page.locator(".france-map__tip")
    expect(tip).to_be_visible()
    expect(tip).to_have_text(focused.get_attribute("aria-label"))

    page.locator('.france-map a[data-code="32"] path').hover()
    expect(tip).to_have_text("Hauts-de-France : 2 études de cas")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    page.get_by_role("link", name="Hauts-de-France : 2 études de cas").click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))


def test_the_map_works_without_javascript(browser, seeded, case_study):  # noqa: F811
    context = browser.new_context(locale="fr-FR", java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(seeded["url"] + "/explorer/")
    page.get_by_role("link", name="Départements", exact=True).click()
    expect(page).to_have_url(re.compile(r"/explorer/\?carte=departements#carte$"))
    page.get_by_role("link", name="Pas-de-Calais : aucune étude de cas").click()
    expect(page).to_have_url(re.compile(r"/projets/\?departement=62$"))
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_small_maps_fit_and_pass_axe(browser, seeded, case_study, width):  # noqa: F811
    project, association = case_study
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url, name in [(project.url, "etude"), (association.get_absolute_url(), "organisation")]:
        assert page.goto(seeded["url"] + url).status == 200
        expect(page.get_by_role("img", name="Carte de France : Hauts-de-France")).to_be_visible()
        assert_no_sideways_scroll(page)
        assert check_accessibility(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"small-map-{name}-{width}.png"), full_page=True)
    context.close()
