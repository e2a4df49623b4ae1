"""A visitor's journeys, accessibility (axe-core), HTML validity (vnu) and screenshots."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, html_errors, screenshot
from tests.public_site import build_case_study

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def case_study(seeded, make_project):
    page, association, lab = build_case_study(make_project)
    return page, association


@pytest.fixture
def make_project(seeded):
    from projets.factories import FundingLineFactory, ProjectPageFactory, ProjectPartnerFactory

    def build(partners=(), funding=(), publish=True, **fields):
        page = ProjectPageFactory(parent=seeded["index"], **fields)
        for organisation, role in partners:
            ProjectPartnerFactory(page=page, organisation=organisation, role=role)
        for kind, amount in funding:
            FundingLineFactory(page=page, kind=kind, amount=amount)
        if publish:
            page.save_revision().publish()
        return page

    return build


def test_visitor_goes_from_home_to_case_study_organisation_and_explorer(page, seeded, case_study):
    project, association = case_study
    page.goto(seeded["url"] + "/")
    expect(page).to_have_title(re.compile("Coopérathèque"))
    page.get_by_role("link", name=project.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(page.get_by_text("Document réservé aux membres.")).to_be_visible()
    page.get_by_role("link", name=association.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(association.name)
    expect(page.get_by_text("Chef de file")).to_be_visible()
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Explorer").click()
    page.get_by_role("link", name=re.compile("Hauts-de-France, 1 étude de cas")).click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))


def test_visitor_proposes_a_cooperation(page, seeded):
    page.goto(seeded["url"] + "/proposer/")
    page.get_by_label("Une association").check()
    page.get_by_label("Nom de votre structure").fill("Les Amis du Quartier")
    page.get_by_label("Titre de la coopération").fill("Un atlas participatif des jardins")
    page.get_by_label("Résumé").fill("Habitants et laboratoire cartographient les jardins partagés.")
    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre courriel").fill("camille@example.org")
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_role("alert")).to_contain_text("Votre accord est nécessaire")
    expect(page.get_by_label("Votre courriel")).to_have_value("camille@example.org")
    page.get_by_label(re.compile("J'accepte que Coopérathèque")).check()
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre proposition est envoyée")


def test_pages_are_accessible_valid_and_photographed(page, seeded, case_study):
    project, association = case_study
    pages = {
        "accueil": "/",
        "etude-de-cas": project.url,
        "organisation": association.get_absolute_url(),
        "explorateur": "/explorer/",
        "proposition": "/proposer/",
    }
    violations, sources = {}, {}
    for name, path in pages.items():
        response = page.goto(seeded["url"] + path)
        assert response.status == 200, path
        sources[name] = response.text()
        found = check_accessibility(page)
        if found:
            violations[name] = found
        screenshot(page, name)
    # The proposal form with its errors shown.
    page.goto(seeded["url"] + "/proposer/")
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_role("alert")).to_be_visible()
    sources["proposition-erreurs"] = page.content()
    found = check_accessibility(page)
    if found:
        violations["proposition-erreurs"] = found
    screenshot(page, "proposition-erreurs")
    assert violations == {}
    assert html_errors(sources) == []
