"""The contract guide: each route gives the documented answer, and says it is not legal advice."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from precedents import guide

pytestmark = pytest.mark.django_db
URL = reverse("precedents:guide")


def kinds(response):
    return [item["kind"] for item in response.context["recommendations"]]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"financement": "cifre"}, ["convention_cifre", "collaboration_recherche"]),
        ({"financement": "subvention", "doctorant": "salarie"}, ["collaboration_recherche", "convention_cifre"]),
        ({"financement": "anr", "resultats": "partages"}, ["collaboration_recherche", "accord_consortium"]),
        ({"financement": "commande", "publication": "reserve"}, ["prestation"]),
        ({"donnees": "oui", "valeurs": "oui"}, ["charte"]),
        ({"resultats": "libres", "publication": "libre"}, ["charte", "collaboration_recherche"]),
        ({"doctorant": "non", "donnees": "non"}, []),
    ],
)
def test_routes_give_the_documented_answers(graph, client, answers, expected):
    response = client.get(URL, answers)
    assert response.status_code == 200
    assert kinds(response) == expected
    for item in response.context["recommendations"]:
        assert escape(item["explanation"]) in response.text
        assert item["url"] == f"/precedents/?kind={item['kind']}"


def test_every_rule_is_shown_and_has_an_explanation(client, db):
    response = client.get(URL)
    assert "pas un conseil juridique" in response.text
    assert len(response.context["rules"]) == len(guide.RULES)
    for targets in guide.RULES.values():
        for kind in targets:
            assert kind in guide.EXPLANATIONS
    assert 5 <= len(guide.QUESTIONS) <= 8


def test_cifre_explanation_states_the_public_facts(graph, client):
    text = client.get(URL, {"financement": "cifre"}).text
    for fact in ("trois ans", "36 mois", "14 000 euros", "six mois", "2005"):
        assert fact in text


def test_answers_link_to_matching_precedents_with_counts(graph, client):
    response = client.get(URL, {"financement": "cifre", "resultats": "partages", "donnees": "oui"})
    counts = {item["kind"]: item["count"] for item in response.context["recommendations"]}
    assert counts == {"collaboration_recherche": 2, "convention_cifre": 1, "charte": 1}
    clauses = {clause["url"]: clause["count"] for clause in response.context["clauses"]}
    assert clauses == {"/precedents/?ip=copropriete": 2, "/precedents/?data=personnelles": 1}


@pytest.mark.parametrize("params", [{"financement": "loto"}, {"donnees": "peut-etre"}])
def test_unknown_answer_is_a_french_400(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Réponse inconnue" in response.context["message"]
