"""A visitor's journeys, accessibility (axe-core), HTML validity (vnu) and screenshots."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import audit_pages, check_accessibility, html_errors, screenshot
from tests.public_site import build_case_study

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def case_study(seeded, make_project, search_backend):
    """The full case study (Hauts-de-France, éducation populaire) and a neighbour in another theme."""
    from projets import choices
    from tests.factories import ThemeFactory, region

    page, association, lab = build_case_study(make_project)
    make_project(
        title="Sciences participatives au jardin",
        themes=[ThemeFactory(name="Sciences participatives", slug="sciences-participatives")],
        territories=[region("32")],
        partners=[(lab, choices.PartnerRole.RESEARCH)],
    )
    search_backend.refresh_indexes()
    return page, association


@pytest.fixture
def make_project(seeded):
    from tests.factories import FundingLineFactory, ProjectPageFactory, ProjectPartnerFactory

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
    page.get_by_role("link", name="Hauts-de-France : 2 études de cas").click()
    expect(page).to_have_url(re.compile(r"/projets/\?region=32$"))


def test_visitor_searches_without_accents_and_filters_the_catalogue(page, seeded, case_study):
    project, _association = case_study
    page.goto(seeded["url"] + "/")
    page.get_by_label("Rechercher une coopération, une structure, un thème").fill("education populaire")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=education\+populaire$"))
    results = page.locator(".results")
    expect(page.locator("#results-title")).to_have_text("1 étude de cas")
    results.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Projets").click()
    cards = page.locator("ol.cards")
    expect(cards.get_by_role("listitem")).to_have_count(2)
    facets = page.get_by_role("complementary", name="Filtrer les résultats")
    facets.get_by_role("link", name=re.compile(r"^Hauts-de-France \(2\)")).click()
    expect(page).to_have_url(re.compile(r"\?region=32$"))
    facets.get_by_role("link", name=re.compile(r"^Éducation populaire \(1\)")).click()
    expect(page).to_have_url(re.compile(r"\?region=32&theme=education-populaire$"))
    expect(cards.get_by_role("listitem")).to_have_count(1)
    expect(cards.get_by_role("link", name=project.title)).to_be_visible()
    # The same results as a feed, from the link under them.
    feed = page.get_by_role("link", name="Suivre ces résultats dans un lecteur de flux (Atom)")
    expect(feed).to_have_attribute("href", "/flux/projets.atom?region=32&theme=education-populaire")


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
        "catalogue": "/projets/",
        "catalogue-filtre": "/projets/?region=32&theme=education-populaire",
        "recherche": "/recherche/?q=education+populaire",
        "recherche-vide": "/recherche/?q=introuvable",
    }
    violations, sources = audit_pages(page, seeded["url"], pages)
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


def test_demo_site_is_accessible_valid_and_photographed(page, site_tree, live_server):
    """The demo content (load_demo): every kind of public page, with real texts, at 1280 and 375 px."""
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from projets.models import EventPage, Organisation, ProjectPage

    call_command("load_demo", verbosity=0)
    get_search_backend().refresh_indexes()
    project = ProjectPage.objects.live().order_by("pk").first()
    organisation = Organisation.objects.filter(partnerships__page=project).first()
    pages = {
        "demo-accueil": "/",
        "demo-catalogue": "/projets/",
        "demo-recherche": "/recherche/?q=impact+social",
        "demo-etude-de-cas": project.url,
        "demo-organisation": organisation.get_absolute_url(),
        "demo-explorateur": "/explorer/",
        "demo-journee": EventPage.objects.live().get().url,
        "demo-a-propos": "/a-propos/",
        "demo-mentions-legales": "/mentions-legales/",
        "demo-accessibilite": "/accessibilite/",
        "demo-donnees": "/donnees/",
    }
    violations, sources = audit_pages(page, live_server.url, pages)
    assert violations == {}
    assert html_errors(sources) == []
