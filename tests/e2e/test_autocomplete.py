"""The search box suggests titles, organisations and themes while typing, in a real browser (Chromium)."""

import pytest
from playwright.sync_api import expect

from projets.choices import PartnerRole
from tests.e2e.conftest import check_accessibility
from tests.factories import OrganisationFactory, ProjectPageFactory, ProjectPartnerFactory, ThemeFactory

pytestmark = [pytest.mark.e2e]


def test_search_box_suggests_while_typing_and_opens_the_choice(page, seeded, search_backend):
    project = ProjectPageFactory(parent=seeded["index"], title="Tiers-lieux et économie circulaire", slug="tiers")
    # An organisation is suggested only once a public case study names it (Organisation.publicly_visible).
    network = OrganisationFactory(name="Économie solidaire en réseau")
    ProjectPartnerFactory(page=project, organisation=network, role=PartnerRole.LEAD)
    project.save_revision().publish()
    ThemeFactory(name="Économie sociale et solidaire", slug="ess")
    search_backend.refresh_indexes()

    page.goto(seeded["url"] + "/recherche/")
    box = page.get_by_role("combobox", name="Mots-clés, organisation, thème…")
    box.press_sequentially("econ", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(listbox).to_contain_text("Économie sociale et solidaire (thème)")
    assert options.all_inner_texts() == [
        "Tiers-lieux et économie circulaire (étude de cas)",
        "Économie solidaire en réseau (organisation)",
        "Économie sociale et solidaire (thème)",
    ]
    expect(page.get_by_role("status").filter(has_text="suggestions disponibles")).to_have_count(1)
    assert check_accessibility(page) == []

    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")  # closed: nothing happens until the next letters
    box.press_sequentially("omie circ", delay=30)
    expect(options).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(seeded["url"] + project.url)
