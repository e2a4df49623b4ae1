"""GET /api/precedents: same filters as the table, documented, bounded page size, French errors."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/precedents"


def test_api_lists_public_precedents_with_the_same_filters(graph, client):
    response = client.get(URL, {"kind": ["collaboration_recherche", "convention_cifre"], "region": "32"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert sorted(item["id"] for item in body["results"]) == sorted([graph.c1.pk, graph.c2.pk])
    first = next(item for item in body["results"] if item["id"] == graph.c1.pk)
    assert first["intellectual_property"] == {"value": "copropriete", "label": "Copropriété au prorata des apports"}
    assert first["project"]["title"] == "Jardins et dioxines"
    assert first["regions"] == ["Hauts-de-France"]
    assert first["document"]["members_only"] is True
    assert {f["value"] for f in first["funding_kinds"]} == {"subvention", "cifre"}
    ip = next(facet for facet in body["facets"] if facet["param"] == "ip")
    assert {v["value"]: v["count"] for v in ip["values"] if v["count"]} == {"copropriete": 1, "laboratoire": 1}


def test_api_agrees_with_the_html_table(graph, client):
    params = {"publication": "libre", "q": "oeuvre"}
    html_ids = [record["id"] for record in client.get("/precedents/", params).context["records"]]
    api_ids = [item["id"] for item in client.get(URL, params).json()["results"]]
    assert api_ids == html_ids == [graph.c3.pk]


def test_api_pages(graph, client):
    body = client.get(URL, {"page_size": "4", "page": "2", "sort": "recent"}).json()
    assert (body["count"], body["page"], body["page_size"], body["num_pages"]) == (6, 2, 4, 2)
    assert len(body["results"]) == 2


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "cent"}, "nombre entier"),
        ({"page": "9"}, "page"),
        ({"kind": "inconnu"}, "Valeur inconnue"),
        ({"year_from": "x"}, "nombre entier"),
        ({"q": "charte\x0e"}, "caractères non autorisés"),  # found by Schemathesis: the schema refuses it
        ({"q": "charte\ue000"}, "caractères non autorisés"),
    ],
)
def test_api_bad_parameters_are_a_french_400(graph, client, params, fragment):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_api_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/precedents"]["get"]
    params = {param["name"]: param for param in operation["parameters"]}
    assert {"q", "kind", "ip", "publication", "data", "compensation", "governance", "party_kind", "funding"} <= set(
        params
    )
    assert {"region", "year_from", "year_to", "sort", "page", "page_size"} <= set(params)
    assert "collaboration_recherche" in str(params["kind"]["schema"])


def test_api_has_a_constant_number_of_queries(graph, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        assert client.get(URL, {"page_size": "100"}).status_code == 200
