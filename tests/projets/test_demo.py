"""The demo content: idempotent, faithful to the facts, and every page renders."""

import html
from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms.demo import build_site_tree
from projets import choices
from projets.demo_projects import PROJECTS
from projets.models import (
    Contract,
    EventPage,
    FundingLine,
    FundingProgramme,
    Lesson,
    Organisation,
    ProgrammeSource,
    ProjectPage,
    ProjectPartner,
    ProjectSource,
    Theme,
    WorkshopLesson,
)
from tests.conftest import forget_memory, shared_data

COUNTED = (
    Page,
    Revision,
    Organisation,
    Theme,
    ProjectPartner,
    FundingLine,
    Contract,
    Lesson,
    ProjectSource,
    FundingProgramme,
    ProgrammeSource,
)


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED} | {
        "sessions": EventPage.objects.get().sessions.count(),
        "workshop lessons": WorkshopLesson.objects.count(),
    }


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module: its tests read it, each in a savepoint of its own."""
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            forget_memory()
            build_site_tree()
            call_command("load_demo", verbosity=0)
        yield


@pytest.fixture
def demo(shared_demo, db):
    """The module's demo, for a test that may write: its writes are undone after it."""


@pytest.mark.django_db
def test_load_demo_is_idempotent(demo):
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first, "a second run changes nothing, not even a revision"
    assert first["Page"] == 20  # root, home, 3 content pages, catalogue, 13 case studies, the founding day
    assert ProjectPage.objects.live().count() == len(PROJECTS) == 13


@pytest.mark.django_db
def test_demo_rows_keep_the_order_of_the_facts(demo):
    """Rows without a position come back from PostgreSQL in any order: every row is numbered."""
    rows = (ProjectPartner, FundingLine, Contract, Lesson, ProjectSource, WorkshopLesson)
    for model in rows:
        assert not model.objects.filter(sort_order__isnull=True).exists(), model.__name__
    assert not EventPage.objects.get().sessions.filter(sort_order__isnull=True).exists()
    for spec in PROJECTS:
        page = ProjectPage.objects.get(slug=spec["slug"])
        assert [p.role for p in page.partners.order_by("sort_order")] == [role for _, role in spec["partners"]]
        assert [s.title for s in page.sources.order_by("sort_order")] == [title for title, _ in spec["sources"]]


@pytest.mark.django_db
def test_every_demo_page_renders(demo, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() == 19
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html.escape(page.title) in response.content.decode()
    for url in ("/projets/", "/journee-2019-04-26/", "/mentions-legales/", "/accessibilite/", "/a-propos/"):
        assert client.get(url).status_code == 200, url
    assert "non conforme" in client.get("/accessibilite/").content.decode()
    halluin = client.get("/projets/halluin-3r-dioxines/").content.decode()
    assert "Non précisé" in halluin and "En cours" not in halluin


@pytest.mark.django_db
def test_case_studies_state_only_what_the_facts_state(demo, client):
    """One load for every fact check: the demo takes seconds to build."""
    check_vises_facts()
    check_other_case_study_facts()
    check_founding_day_programme(client)
    for page in ProjectPage.objects.all():
        assert len(page.summary) <= 300, page.slug
        assert page.sources.exists(), page.slug
        assert all(source.read_on is None for source in page.sources.all())
        page.full_clean()
    assert not Organisation.objects.exclude(rna="", siren="", rnsr="", ror="").exists(), "no invented identifier"


def check_vises_facts():
    vises = ProjectPage.objects.get(slug="vises")
    assert (vises.start_year, vises.start_month, vises.end_year, vises.end_month) == (2016, 1, 2019, 12)
    assert vises.status == choices.Status.FINISHED
    assert sorted(t.code for t in vises.territories.all()) == ["32", "BE-VLG", "BE-WAL", "EU"]
    assert vises.partners.get(role=choices.PartnerRole.LEAD).organisation.name == "ConcertES"
    rows, total = vises.funding_table()
    assert total == Decimal("3264794.68")
    assert rows[0][0].kind == choices.FundingKind.EUROPEAN
    assert "Interreg V France-Wallonie-Vlaanderen" in rows[0][0].programme
    assert vises.sources.filter(url="https://interreg5.interreg-fwvl.eu/fr/vises").exists()
    body = str(vises.body)
    assert "21" in body and "23" in body, "the differing partner counts are all given"


def check_other_case_study_facts():
    halluin = ProjectPage.objects.get(slug="halluin-3r-dioxines")
    assert halluin.funding_lines.count() == 4
    assert not halluin.funding_lines.exclude(amount=None).exists(), "the 600 000 € are not split by funder"
    assert "600 000 €" in str(halluin.body)

    atd = ProjectPage.objects.get(slug="quart-monde-universite")
    assert (atd.start_year, atd.end_year, atd.status) == (1996, 1998, choices.Status.FINISHED)
    assert atd.outputs.filter(kind=choices.OutputKind.EVENT, year=1999).exists()

    pop_part = ProjectPage.objects.get(slug="pop-part")
    assert {line.funder.acronym for line in pop_part.funding_lines.all()} == {"ANR", "SSHRC"}

    repere = ProjectPage.objects.get(slug="repere-voce-picaso")
    assert not repere.contracts.exists(), "the facts name no contract for REPERE"
    assert "introduit" in repere.lessons.get().text
    lille = ProjectPage.objects.get(slug="boutique-des-sciences-lille")
    assert lille.contracts.get().kind == choices.ContractKind.CHARTER

    vigie = ProjectPage.objects.get(slug="vigie-nature")
    assert (vigie.start_year, vigie.status) == (1989, choices.Status.ONGOING)
    # Where the sources give no state, the page says so instead of claiming "en cours".
    unknown = set(ProjectPage.objects.filter(status=choices.Status.UNKNOWN).values_list("slug", flat=True))
    assert unknown == {"halluin-3r-dioxines", "boutique-des-sciences-lille", "repere-voce-picaso", "univasso"}
    assert halluin.partners.get(organisation__name="Halluin 3R").role == choices.PartnerRole.ASSOCIATION
    assert "sols" not in halluin.summary
    assert Theme.objects.filter(parent__isnull=False).count() >= 8


@pytest.mark.django_db
def test_contracts_and_programmes_state_only_what_their_sources_state(demo, client):
    not_addressed = "non_traite"
    halluin = ProjectPage.objects.get(slug="halluin-3r-dioxines").contracts.get()
    assert halluin.governance == choices.Governance.STEERING_COMMITTEE
    lyon = ProjectPage.objects.get(slug="boutique-des-sciences-lyon").contracts.get()
    assert lyon.intellectual_property == choices.IntellectualProperty.OPEN_LICENCE
    for contract in (halluin, lyon):  # unknown clauses stay "non traité"
        unstated = ["publication", "data", "compensation"] + (["intellectual_property"] if contract == halluin else [])
        assert all(getattr(contract, name) == not_addressed for name in unstated), contract
        assert not contract.signed_on and not contract.duration_months and not contract.what_worked

    programmes = {programme.slug: programme for programme in FundingProgramme.objects.all()}
    assert {"chercheurs-citoyens", "picri", "asosc", "co3", "fonjep-recherche", "cifre"} <= set(programmes)
    assert all(programme.sources.exists() for programme in programmes.values())
    assert programmes["picri"].funder is None, "the sources name no funder"
    assert programmes["asosc"].sources.filter(secondary=True).exists()
    assert "14 328 €" in programmes["fonjep-recherche"].amounts
    creacit = FundingLine.objects.get(page__slug="creacit")
    assert creacit.funding_programme == programmes["chercheurs-citoyens"]
    assert (creacit.year_from, creacit.year_to) == (2015, 2017)

    directory = client.get("/financements/").text
    assert "source secondaire" in directory and "50 000 € par an au plus" in directory
    assert "CREACIT" in directory
    url = programmes["chercheurs-citoyens"].get_absolute_url()
    assert f'href="{url}"' in client.get("/projets/creacit/").text
    assert "source secondaire" in client.get("/precedents/guide/").text


def check_founding_day_programme(client):
    event = EventPage.objects.get(slug="journee-2019-04-26")
    assert str(event.date) == "2019-04-26"
    assert (event.start_time.hour, event.end_time.hour) == (10, 0 + 17)
    assert "5 rue Maurice Schuman" in event.address
    assert event.organisers.count() == 3
    sessions = list(event.sessions.all())
    assert [s.time.strftime("%H:%M") for s in sessions] == ["09:30", "10:00", "12:30", "14:00", "16:00"]
    assert {p.slug for p in sessions[1].projects.all()} == {"vises", "renouvelons-les-pratiques-education-populaire"}
    assert "Lionel Larqué" in sessions[-1].speakers
    assert [w.title for w in event.workshops.all()] == [
        "Comment chercher ensemble",
        "Leviers administratifs et financiers",
    ]
    content = client.get(event.url).content.decode()
    assert "Comment chercher ensemble" in content and "Lionel Larqué" in content


def test_every_demo_case_study_has_a_territory_unless_national_or_international():
    from projets.demo import UNPLACED_SCALES, check_territories

    check_territories(PROJECTS)
    assert all(spec["territories"] or spec["scale"] in UNPLACED_SCALES for spec in PROJECTS)
    unplaced = {**PROJECTS[1], "territories": [], "scale": ""}
    with pytest.raises(ValueError, match="renouvelons-les-pratiques-education-populaire"):
        check_territories([unplaced])
    check_territories([{**unplaced, "scale": choices.Scale.INTERNATIONAL}])


@pytest.mark.django_db
def test_demo_organisations_are_placed_where_the_facts_say(demo):
    ulco = Organisation.objects.get(acronym="ULCO")
    assert (ulco.territory.kind, ulco.territory.code) == ("region", "32")  # Dunkerque, Calais
    boite = Organisation.objects.get(name="La Boîte Sans Projet")
    assert (boite.territory.code, boite.territory.region.code) == ("80", "32")
    assert ProjectPage.objects.get(slug="renouvelons-les-pratiques-education-populaire").territories.get().code == "80"
