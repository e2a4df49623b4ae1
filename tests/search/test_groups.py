"""The site search finds precedents and lessons too, each group counted, never those of hidden case studies."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from projets import choices
from projets.models import EventPage, Workshop, WorkshopLesson
from search import groups
from search.api import SearchOut
from search.config import DATABASE_SEARCH, FALLBACK_ALIAS
from search.query import parse_request
from search.service import search_groups
from tests.factories import ContractFactory, LessonFactory
from tests.search.test_degraded import BROKEN

pytestmark = pytest.mark.backend

MANY = 12  # more precedents than a page of their tab holds
HIDDEN_SENTENCES = ("dispositif", "astuce", "tuteur", "rythme", "comité quetzalien", "méthode")


@pytest.fixture
def precedents(make_project, search_backend):
    """Public, private and draft case studies with contracts and lessons (what each test searches)."""
    public = make_project(title="Boutique des sciences de Lille", slug="boutique", summary="Une boutique.")
    ContractFactory(
        page=public,
        kind=choices.ContractKind.COLLABORATION,
        intellectual_property=choices.IntellectualProperty.CO_OWNERSHIP,
        governance=choices.Governance.MEDIATOR,
        what_worked="Les résultats restent en copropriétés, ce qui a rassuré les militants.",
    )
    LessonFactory(page=public, kind=choices.LessonKind.LEVER, text="Les bénévoles ont relu chaque questionnaire.")
    members = Document.objects.create(title="Convention zorglub", file=ContentFile(b"%PDF-1.4\n", name="zorglub.pdf"))
    ContractFactory(
        page=public, visibility=choices.Visibility.MEMBERS, document=members, what_worked="Un comité mensuel."
    )
    many = make_project(title="Laboratoire citoyen", slug="laboratoire", summary="Un laboratoire.")
    for number in range(MANY):
        ContractFactory(page=many, kind=choices.ContractKind.CHARTER, title=f"Charte du quartier {number}")
    private = make_project(title="Coopération réservée", slug="reservee", summary="Une coopération.")
    ContractFactory(page=private, kind=choices.ContractKind.CONFIDENTIALITY, what_worked="Un dispositif zéphyrin.")
    LessonFactory(page=private, text="Une astuce zéphyrine pour se retrouver.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = make_project(title="Coopération en brouillon", slug="brouillon", summary="Un brouillon.", publish=False)
    ContractFactory(page=draft, kind=choices.ContractKind.CIFRE, what_worked="Un tuteur xylophonique.")
    LessonFactory(page=draft, text="Un rythme xylophonique.")
    gone = make_project(title="Coopération retirée", slug="retiree", summary="Retirée.")
    ContractFactory(page=gone, kind=choices.ContractKind.SERVICE, what_worked="Un comité quetzalien.")
    LessonFactory(page=gone, text="Une méthode quetzalienne.")
    gone.unpublish()  # after its parts were indexed: the index still holds them
    search_backend.refresh_indexes()
    return public


def counts(text: str, backend: str = "default") -> tuple[dict[str, int], bool]:
    query = parse_request({"q": text})
    found, degraded = search_groups(query, groups.windows(None, 1), backend=backend)
    return {key: result.total for key, result in found.items()}, degraded


def test_accents_plurals_and_clause_labels_are_found(precedents):
    # "copropriete" without accent finds "copropriétés"; "bénévole" (singular) finds "bénévoles".
    assert counts("copropriete") == ({"precedents": 1, "enseignements": 0}, False)
    assert counts("benevole") == ({"precedents": 0, "enseignements": 1}, False)
    # The clauses' labels: "tiers-veilleur" is the governance clause of the Lille contract, "chartes" its kind.
    assert counts("tiers veilleurs")[0]["precedents"] == 1
    assert counts("chartes quartier")[0]["precedents"] == MANY


@pytest.mark.parametrize("word", ["zéphyrin", "xylophonique", "quetzalien"])
def test_hidden_case_studies_precedents_and_lessons_are_not_found(precedents, client, word):
    """Private section, draft never published, unpublished after indexing: no count, no text, no link."""
    assert counts(word) == ({"precedents": 0, "enseignements": 0}, False)
    for tab in ("", "precedents", "enseignements"):
        html = client.get("/recherche/", {"q": word, "onglet": tab}).content.decode()
        assert "Précédents (0)" in html and "Enseignements (0)" in html
        assert not any(sentence in html for sentence in HIDDEN_SENTENCES)
        assert "reservee" not in html and "brouillon" not in html and "retiree" not in html


def test_a_members_document_is_neither_searched_nor_shown(precedents, client):
    assert counts("zorglub")[0]["precedents"] == 0
    html = client.get("/recherche/", {"q": "comité mensuel", "onglet": "precedents"}).content.decode()
    assert "Précédents (1)" in html and "Un comité mensuel." in html
    assert "zorglub" not in html.lower() and "/documents/" not in html


def test_search_page_shows_each_group_with_its_count_and_links(precedents, client):
    html = client.get("/recherche/", {"q": "copropriétés"}).content.decode()
    assert "Études de cas (" in html
    assert "Précédents (1)" in html and "Enseignements (0)" in html
    assert 'href="/precedents/?kind=collaboration_recherche"' in html
    assert "/boutique/#contrats" in html
    lessons = client.get("/recherche/", {"q": "bénévoles", "onglet": "enseignements"}).content.decode()
    assert "Les bénévoles ont relu chaque questionnaire." in lessons
    assert "/enseignements/?categorie=se_trouver" in lessons
    assert 'aria-current="page">Enseignements (1)' in lessons


def test_a_group_tab_pages_through_its_results(precedents, client):
    first = client.get("/recherche/", {"q": "charte quartier"}).content.decode()
    assert f"Précédents ({MANY})" in first
    assert len(re.findall(r"Charte du quartier \d+", first)) == groups.PREVIEW_SIZE
    assert f"Voir les {MANY} résultats" in first
    tab = client.get("/recherche/", {"q": "charte quartier", "onglet": "precedents"}).content.decode()
    assert len(re.findall(r"Charte du quartier \d+", tab)) == groups.PAGE_SIZE
    assert "Page 1 sur 2" in tab
    second = client.get("/recherche/", {"q": "charte quartier", "onglet": "precedents", "page": 2})
    assert len(re.findall(r"Charte du quartier \d+", second.content.decode())) == MANY - groups.PAGE_SIZE
    assert client.get("/recherche/", {"q": "charte", "onglet": "inconnu"}).status_code == 200
    no_words = client.get("/recherche/", {"onglet": "precedents"}).content.decode()
    assert "Précédents (" not in no_words and "Laboratoire citoyen" in no_words  # the case studies, as before


def test_a_tab_page_costs_the_same_queries_for_few_and_many_results(precedents, client):
    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/recherche/", {"q": text, "onglet": "precedents"})
        assert response.status_code == 200
        return len(captured.captured_queries)

    queries("charte")  # warm: labels and site root paths read once
    assert counts("copropriete")[0]["precedents"] == 1
    assert queries("copropriete") == queries("charte quartier")


def test_the_api_gives_each_group_count(precedents, client):
    data = client.get("/api/recherche", {"q": "coproprietes"}).json()
    assert data["groups"] == {"precedents": 1, "enseignements": 0}
    assert SearchOut.model_validate(data).model_dump() == data
    assert client.get("/api/recherche", {"q": "zéphyrin"}).json()["groups"] == {"precedents": 0, "enseignements": 0}
    assert client.get("/api/recherche").json()["groups"] == {"precedents": 0, "enseignements": 0}
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(schema["GroupCountsOut"]["properties"]) == {"precedents", "enseignements"}
    assert "groups" in schema["SearchOut"]["required"]


def test_engine_down_groups_come_from_the_database(precedents):
    backends = {"default": BROKEN, FALLBACK_ALIAS: {**DATABASE_SEARCH, "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert counts("copropriete") == ({"precedents": 1, "enseignements": 0}, True)
        assert counts("zéphyrin") == ({"precedents": 0, "enseignements": 0}, True)
        response = Client().get("/recherche/", {"q": "copropriétés", "onglet": "precedents"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Recherche dégradée" in html and "Précédents (1)" in html
        data = Client().get("/api/recherche", {"q": "bénévoles"}).json()
        assert data["degraded"] is True and data["groups"] == {"precedents": 0, "enseignements": 1}


def add_event(home_page, title: str, text: str, live: bool = True):
    event = EventPage(title=title, slug=slugify(title), date=datetime.date(2019, 4, 26), live=live)
    home_page.add_child(instance=event)
    workshop = Workshop.objects.create(page=event, title="Freins et leviers")
    WorkshopLesson.objects.create(workshop=workshop, kind="levier", category="se_trouver", text=text)
    return event, workshop


def test_workshop_lessons_are_found_first_never_those_of_a_hidden_event(precedents, client, home_page):
    """The founding day's lessons (/enseignements/ lists them first) are searched on every backend."""
    event, workshop = add_event(home_page, "Journée d'Arras", "Les bénévoles des ludothèques ont relu les guides.")
    add_event(home_page, "Journée en brouillon", "Une ludothèque ornithorynque.", live=False)
    private, _ = add_event(home_page, "Journée réservée", "Un ornithorynque bénévole.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    get_search_backend().refresh_indexes()
    assert counts("ludotheques") == ({"precedents": 0, "enseignements": 1}, False)
    assert counts("ornithorynque") == ({"precedents": 0, "enseignements": 0}, False)
    # "bénévoles relu": the workshop's lesson, then the case study's, in one group.
    assert counts("benevoles relu")[0]["enseignements"] == 2
    html = client.get("/recherche/", {"q": "bénévoles relu", "onglet": "enseignements"}).content.decode()
    assert html.index("Les bénévoles des ludothèques") < html.index("Les bénévoles ont relu chaque questionnaire.")
    assert f'href="{event.url}#atelier-{workshop.pk}"' in html and "Journée d&#x27;Arras · Freins et leviers" in html
    assert f'id="atelier-{workshop.pk}"' in client.get(event.url).content.decode()
    # The API's count, and a window past the workshops' lessons.
    assert client.get("/api/recherche", {"q": "benevoles relu"}).json()["groups"]["enseignements"] == 2
    query = parse_request({"q": "benevoles relu"})
    second = search_groups(query, {"precedents": slice(0, 0), "enseignements": slice(1, 2)})[0]["enseignements"]
    assert [lesson.text for lesson in second.objects] == ["Les bénévoles ont relu chaque questionnaire."]
