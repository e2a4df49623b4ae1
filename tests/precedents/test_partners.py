"""Partner suggestions on the fixture graph: nearest first, then number and recency of cooperations."""

import pytest
from django.urls import reverse

from projets.choices import PartnerRole
from tests.factories import OrganisationFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db
URL = reverse("precedents:partners")


def names(response):
    return [suggestion.organisation.name for suggestion in response.context["suggestions"]]


def test_association_in_the_nord_looking_for_a_lab(graph, client):
    response = client.get(URL, {"themes": "sante", "looking_for": "laboratoire", "departement": "59"})
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    assert names(response) == [
        "Laboratoire Lille",  # same département, two cooperations (p1, p2)
        "Laboratoire Arras",  # same region (Pas-de-Calais)
        "Université Paris",  # Île-de-France neighbours Hauts-de-France
        "Laboratoire Lyon",  # elsewhere, seat in a département; p3 ended 2016
        "Laboratoire Marseille",  # elsewhere, seat given as a region
        "Réseau national de recherche",  # no seat: national
    ]
    assert [s.tier for s in suggestions] == [0, 1, 2, 3, 3, 3]
    assert suggestions[0].count == 2
    assert set(suggestions[0].projects) == {graph.p1.pk, graph.p2.pk}
    assert suggestions[0].latest_year == 2021
    assert "Section privée" not in response.text  # Marseille's private case study is not a justification
    assert set(suggestions[4].projects) == {graph.p3.pk}
    assert f'href="{graph.p1.url}"' in response.text


def test_ranking_by_number_then_recency_within_a_tier(graph, client, make_project):
    # The national body gets a recent second cooperation, Marseille an old one, Lyon stays at one.
    recent = make_project(title="Nouvelle étude", start_year=2024, themes=[graph.nature])
    make_project(
        title="Autre étude", start_year=2010, themes=[graph.nature], partners=[(graph.lab_far, PartnerRole.RESEARCH)]
    )
    ProjectPartnerFactory(page=recent, organisation=graph.lab_nowhere, role=PartnerRole.RESEARCH)
    response = client.get(URL, {"themes": "biodiversite", "looking_for": "laboratoire", "region": "32"})
    # Equal tiers (none is near the Hauts-de-France); national body and Marseille both have 2, the most recent wins.
    assert names(response) == ["Réseau national de recherche", "Laboratoire Marseille", "Laboratoire Lyon"]


def test_lab_looking_for_an_association_sees_the_other_kind_only(graph, client):
    response = client.get(URL, {"themes": "sante", "looking_for": "association", "region": "11"})
    assert names(response) == ["Quartiers solidaires", "Jardins du Nord"]
    assert [s.tier for s in response.context["suggestions"]] == [1, 2]


def test_looking_for_a_funder(graph, client):
    response = client.get(URL, {"themes": "sante", "looking_for": "financeur", "region": "32"})
    assert names(response) == ["Fondation Exemple"]


def test_child_theme_only_matches_its_projects(graph, client):
    response = client.get(URL, {"themes": "alimentation", "looking_for": "laboratoire", "region": "32"})
    assert names(response) == ["Laboratoire Arras", "Laboratoire Lille"]  # same tier, one each, same year: by name


def test_empty_form_shows_no_suggestions(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["suggestions"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"themes": "sante"},
        {"looking_for": "laboratoire"},
        {"themes": "sante", "looking_for": "mecene"},
        {"themes": "inconnu", "looking_for": "laboratoire"},
        {"themes": "sante", "looking_for": "laboratoire", "region": "99"},
        {"themes": "sante", "looking_for": "laboratoire", "departement": "999"},
        {"themes": "sante", "looking_for": "laboratoire", "departement": "59", "region": "11"},
        {"themes": "sa\x00nte", "looking_for": "laboratoire"},
    ],
)
def test_bad_parameters_are_a_french_400(graph, client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.context["error"]
    assert '<form method="get" action="/trouver-un-partenaire/" class="filters" aria-describedby="partner-error">' in (
        response.text
    )
    assert response.context["suggestions"] is None


def test_a_refused_search_shows_the_form_again_with_the_choices_kept(graph, client):
    response = client.get(URL, {"looking_for": "laboratoire", "region": "32", "departement": ""})
    assert response.status_code == 400
    assert "<p>Choisissez au moins un thème.</p>" in response.text
    assert '<input type="radio" name="looking_for" value="laboratoire" checked>' in response.text
    assert '<option value="32" selected>' in response.text
    response = client.get(URL, {"themes": ["sante", "inconnu"], "looking_for": "financeur"})
    assert "Thème inconnu : inconnu." in response.text
    assert '<option value="sante" selected>' in response.text
    assert '<input type="radio" name="looking_for" value="financeur" checked>' in response.text


def test_suggestions_have_a_constant_number_of_queries(graph, client, make_project, django_assert_max_num_queries):
    params = {"themes": "sante", "looking_for": "laboratoire", "departement": "59"}
    with django_assert_max_num_queries(25) as first:
        client.get(URL, params)
    for index in range(3):
        lab = OrganisationFactory(name=f"Labo {index}", kind="laboratoire", territory=graph.lab_lyon.territory)
        make_project(title=f"Étude {index}", themes=[graph.health], partners=[(lab, PartnerRole.RESEARCH)])
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(client.get(URL, params).context["suggestions"]) == 9
