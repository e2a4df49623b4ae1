"""/organisations/: the organisations of public case studies, filtered, searched and paged in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from projets import choices
from tests.factories import FundingLineFactory, OrganisationFactory, ThemeFactory, departement, region

pytestmark = pytest.mark.django_db
URL = reverse("organisation_list")
K, R = choices.OrganisationKind, choices.PartnerRole


@pytest.fixture
def catalogue(make_project):
    health = ThemeFactory(name="Santé", slug="sante")
    food = ThemeFactory(name="Alimentation", slug="alimentation", parent=health)
    assoc = OrganisationFactory(name="Jardins d'Été", acronym="JDE", kind=K.ASSOCIATION, territory=departement("59"))
    assoc.rna = "W595012345"
    assoc.siren = "732829320"
    assoc.save()
    lab = OrganisationFactory(name="Laboratoire Lyon", kind=K.RESEARCH_UNIT, territory=departement("69"))
    lab.ror = "02kzqn938"
    lab.rnsr = "200918451E"
    lab.save()
    funder = OrganisationFactory(name="Fondation Nord", kind=K.FOUNDATION, territory=region("32"))
    public = make_project(title="Publique", themes=[food], partners=[(assoc, R.ASSOCIATION), (lab, R.RESEARCH)])
    FundingLineFactory(page=public, funder=funder, programme="Appel santé")
    draft_only = OrganisationFactory(name="Secret du brouillon", kind=K.ASSOCIATION, territory=departement("59"))
    make_project(title="Brouillon", publish=False, partners=[(draft_only, R.ASSOCIATION)])
    private_only = OrganisationFactory(name="Secret du privé", kind=K.ASSOCIATION, territory=departement("59"))
    private = make_project(title="Privée", partners=[(private_only, R.ASSOCIATION)])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"assoc": assoc, "lab": lab, "funder": funder, "health": health, "make_project": make_project}


def names(response) -> list[str]:
    return [organisation.name for organisation, _identifiers in response.context["organisations"]]


def test_lists_only_organisations_of_public_case_studies(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Fondation Nord", "Jardins d'Été", "Laboratoire Lyon"]
    assert "Secret" not in response.text
    assert response.context["organisations"].paginator.count == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": K.RESEARCH_UNIT}, ["Laboratoire Lyon"]),
        ({"region": "32"}, ["Fondation Nord", "Jardins d'Été"]),  # a département of the région, or the région
        ({"region": "84"}, ["Laboratoire Lyon"]),
        ({"theme": "sante"}, ["Fondation Nord", "Jardins d'Été", "Laboratoire Lyon"]),  # parent includes children
        ({"theme": "alimentation", "type": K.FOUNDATION}, ["Fondation Nord"]),
        ({"q": "jardins d ete"}, ["Jardins d'Été"]),  # accents and punctuation ignored
        ({"q": "jde"}, ["Jardins d'Été"]),
        ({"q": "w595012345"}, ["Jardins d'Été"]),
        ({"q": "732 829 320"}, ["Jardins d'Été"]),
        ({"q": "https://ror.org/02kzqn938"}, ["Laboratoire Lyon"]),
        ({"q": "200918451e"}, ["Laboratoire Lyon"]),
        ({"q": "secret"}, []),
    ],
)
def test_filters_and_search(client, catalogue, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == expected


def test_identifiers_link_to_public_registers(client, catalogue):
    text = client.get(URL).text
    assert 'href="https://annuaire-entreprises.data.gouv.fr/rechercher?terme=W595012345"' in text
    assert 'href="https://annuaire-entreprises.data.gouv.fr/entreprise/732829320"' in text
    assert 'href="https://appliweb.dgri.education.fr/rnsr/PresenteStruct.jsp?numNatStruct=200918451E"' in text
    assert 'href="https://ror.org/02kzqn938"' in text


@pytest.mark.parametrize(
    "params",
    [
        {"type": "inconnu"},
        {"region": "99"},
        {"region": "59"},  # a département code is not a région
        {"theme": "<script>"},
        {"q": "x" * 201},
        {"q": "a\x00b"},
        {"type\x00": "x"},
    ],
)
def test_hostile_parameters_are_a_french_400(client, catalogue, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Requête invalide" in response.text


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9", "%00", "9" * 40])
def test_any_page_number_is_answered(client, catalogue, page):
    assert client.get(URL, {"page": page}).status_code == 200


def test_home_page_figure_links_to_the_directory(client, catalogue):
    assert f'href="{URL}"' in client.get("/").text


def test_sitemap_lists_the_directory_with_a_date(client, catalogue):
    text = client.get("/sitemap-vues.xml").content.decode()
    entry = text.split(f"{URL}</loc>")[1].split("</url>")[0]
    assert "<lastmod>" in entry


def query_counts(client, params_list) -> list[int]:
    counts = []
    for params in params_list:
        client.get(URL, params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        counts.append(len(captured.captured_queries))
    return counts


PARAMS = [{}, {"type": K.ASSOCIATION}, {"region": "32", "theme": "sante"}, {"q": "organisation"}, {"page": "2"}]


def test_queries_are_the_same_at_two_sizes(client, catalogue):
    make_project = catalogue["make_project"]

    def grow(start, number):
        for index in range(start, start + number):
            partners = [
                (OrganisationFactory(name=f"Organisation {index} a", territory=departement("59")), R.ASSOCIATION),
                (OrganisationFactory(name=f"Organisation {index} b", kind=K.RESEARCH_UNIT), R.RESEARCH),
            ]
            make_project(title=f"Étude {index}", themes=[catalogue["health"]], partners=partners)

    grow(0, 16)  # past one page of 30
    small = query_counts(client, PARAMS)
    grow(16, 30)
    large = query_counts(client, PARAMS)
    assert large == small
    assert max(small) <= 8, small
