"""The precedents table: visibility, filters and facet counts against ground truth, sort, pagination."""

import itertools
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from precedents import selection
from projets.choices import TerritoryKind
from projets.models import Contract, ProjectPage
from tests.precedents.conftest import contract

pytestmark = pytest.mark.django_db
URL = reverse("precedents:list")


def ids(response):
    return [record["id"] for record in response.context["records"]]


def public_contracts_truth():
    """Every public contract, found without the code under test: live pages outside restricted sections."""
    restricted = [page for page in ProjectPage.objects.all() if page.get_view_restrictions().exists()]
    return [
        c
        for c in Contract.objects.select_related("page").prefetch_related("parties", "page__territories__region")
        if c.page.live and c.page not in restricted
    ]


def regions_of(contract):
    codes = set()
    for territory in contract.page.territories.all():
        codes.add(territory.code if territory.kind == TerritoryKind.REGION else territory.region.code)
    return codes


VALUES = {
    "kind": lambda c: {c.kind},
    "ip": lambda c: {c.intellectual_property},
    "publication": lambda c: {c.publication},
    "data": lambda c: {c.data},
    "compensation": lambda c: {c.compensation},
    "governance": lambda c: {c.governance},
    "party_kind": lambda c: {party.kind for party in c.parties.all()},
    "funding": lambda c: {line.kind for line in c.page.funding_lines.all()},
    "region": regions_of,
}


def truth_select(contracts, chosen: dict, exclude=None):
    return [
        c
        for c in contracts
        if all(VALUES[param](c) & set(values) for param, values in chosen.items() if param != exclude)
    ]


def test_only_live_public_contracts_are_listed(graph, client):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(ids(response)) == sorted(c.pk for c in graph.public)
    assert sorted(ids(response)) == sorted(c.pk for c in public_contracts_truth())
    assert "Section privée" not in response.text
    assert "Brouillon" not in response.text


SELECTIONS = [
    {},
    {"kind": ["collaboration_recherche"]},
    {"kind": ["collaboration_recherche", "accord_consortium"], "publication": ["libre"]},
    {"ip": ["copropriete"], "party_kind": ["universite"]},
    {"funding": ["cifre"]},
    {"region": ["32"]},
    {"region": ["11", "84"], "data": ["ouvertes"]},
    {"party_kind": ["association", "laboratoire"], "compensation": ["non_traite"]},
]


def test_filters_and_facet_counts_match_ground_truth(graph, client):
    # One fixture graph, many selections (building the graph is the slow part).
    for chosen in SELECTIONS:
        check_selection(client, chosen)


def check_selection(client, chosen):
    response = client.get(URL, chosen)
    assert response.status_code == 200
    truth = public_contracts_truth()
    assert sorted(ids(response)) == sorted(c.pk for c in truth_select(truth, chosen))
    assert response.context["paginator"].count == len(truth_select(truth, chosen))
    for facet in response.context["facets"]:
        expected = Counter(
            itertools.chain.from_iterable(
                VALUES[facet["param"]](c) for c in truth_select(truth, chosen, exclude=facet["param"])
            )
        )
        shown = {item["value"]: item["count"] for item in facet["values"]}
        assert {value: n for value, n in shown.items() if n} == dict(expected), facet["param"]
        for item in facet["values"]:
            assert item["selected"] == (item["value"] in chosen.get(facet["param"], []))


def test_facet_answers_how_many_collaboration_contracts_chose_co_ownership(graph, client):
    response = client.get(URL, {"kind": "collaboration_recherche"})
    ip = next(facet for facet in response.context["facets"] if facet["param"] == "ip")
    counts = {item["value"]: item["count"] for item in ip["values"]}
    assert counts["copropriete"] == 1
    assert counts["licence_ouverte"] == 1
    # No collaboration contract gives the results to the lab: the option is folded away with a count of 0.
    assert "laboratoire" not in counts
    assert {item["value"]: item["count"] for item in ip["folded"]}["laboratoire"] == 0


def test_free_text_is_accent_and_case_insensitive(graph, client):
    cases = [
        ("reunion", [graph.c1]),  # accent in the text, none in the query
        ("RÉUNION mensuelle", [graph.c1]),
        ("oeuvre", [graph.c3]),  # ligature Œ in the text
        ("écrire données", [graph.c1]),  # words from what_to_change
        ("reunion oeuvre", []),  # every word must match
    ]
    for query, expected in cases:
        assert ids(client.get(URL, {"q": query})) == [c.pk for c in expected], query


def test_free_text_never_finds_hidden_contracts(graph, client):
    assert ids(client.get(URL, {"q": "réunion"})) == [graph.c1.pk]


def test_year_filter_uses_signature_then_project_start(graph, client):
    # c1 signed 2019, c2 none (project 2018), c3 signed 2022, c4 none (2021), c5/c6 none (2015).
    response = client.get(URL, {"year_from": "2019", "year_to": "2021"})
    assert sorted(ids(response)) == sorted([graph.c1.pk, graph.c4.pk])


def test_sorts(graph, client):
    assert ids(client.get(URL, {"sort": "recent"}))[0] == graph.c3.pk
    durations = [r["duration_months"] for r in client.get(URL, {"sort": "-duree"}).context["records"]]
    assert durations[:3] == [36, 24, 12]


def test_pagination_keeps_the_filters(graph, client, monkeypatch):
    monkeypatch.setattr(selection, "PAGE_SIZE", 2)
    response = client.get(URL, {"publication": "libre"})
    assert response.context["paginator"].num_pages == 2
    assert "publication=libre&amp;page=2" in response.text
    second = client.get(URL, {"publication": "libre", "page": "2"})
    assert len(ids(second)) == 1


def test_a_page_past_the_last_says_so_with_a_link_to_the_last(graph, client, monkeypatch):
    monkeypatch.setattr(selection, "PAGE_SIZE", 2)
    response = client.get(URL, {"publication": "libre", "page": "50"})
    assert response.status_code == 200
    assert "La page 50 n'existe pas : il y a 2 pages." in response.text
    assert 'href="?publication=libre&amp;page=2">Aller à la dernière page (2)</a>' in response.text
    assert "Page 50 sur" not in response.text and not response.context["records"]


BAD_PARAMS = [
    {"kind": "inconnu"},
    {"region": "99"},
    {"page": "abc"},
    {"page": "0"},
    {"year_from": "deux-mille"},
    {"year_from": "2020", "year_to": "2010"},
    {"sort": "; drop table"},
    {"q": "x" * 201},
    {"q": "a\x00b"},
]


def test_bad_parameters_are_a_french_400(graph, client):
    for params in BAD_PARAMS:
        for url in (URL, reverse("precedents:csv")):
            response = client.get(url, params)
            assert response.status_code == 400, params
            assert "Requête invalide" in response.text
            assert response.context["message"]


def test_listing_has_a_constant_number_of_queries(graph, client, make_project, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for index in range(5):
        page = make_project(title=f"Étude {index}", territories=graph.p1.territories.all())
        contract(page, [graph.assoc_nord, graph.lab_nord], kind="prestation")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.context["paginator"].count == 11


def test_members_only_document_is_locked_for_visitors(graph, client, django_user_model):
    response = client.get(URL)
    assert "Document réservé aux membres" in response.text
    assert graph.document.url not in response.text
    assert "/_util/login/?next=" in response.text
    assert client.get(graph.document.url).status_code != 200

    member = django_user_model.objects.create_user("membre", password="secret")
    member.groups.add(Group.objects.get(name="Membres"))
    client.force_login(member)
    response = client.get(URL)
    assert graph.document.url in response.text
    assert client.get(graph.document.url).status_code == 200
