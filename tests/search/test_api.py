"""The JSON API: the documented answer shape, and a French 400 for every bad parameter."""

import pytest

from search.api import SearchOut

pytestmark = pytest.mark.django_db


def test_search_answer_has_the_documented_shape(corpus, client):
    response = client.get("/api/recherche", {"q": "coopérer", "page_size": 1})
    assert response.status_code == 200
    data = response.json()
    assert {"count", "page", "results", "facets", "degraded"} <= set(data)
    assert data["count"] == 2 and data["page"] == 1 and data["degraded"] is False
    result = data["results"][0]
    assert set(result) == {
        "title", "url", "summary", "start_year", "end_year", "status", "themes", "regions", "partners",
        "matching_partners", "highlight",
    }  # fmt: skip
    assert result["url"] == "/projets/cooperations/"
    assert result["regions"] == ["Auvergne-Rhône-Alpes"]
    # Every partner, whatever the words; those whose name holds the words apart.
    # In their editor's order, whether the card comes from the engine's document or from the database.
    assert (result["partners"], result["matching_partners"]) == (["La Boîte Sans Projet", "Curapp-ESS"], [])
    assert "<mark>" in result["highlight"]
    assert set(data["facets"]) >= {"theme", "region", "departement", "partner_kind", "funding_kind", "contract_kind"}
    assert {"value", "label", "count"} == set(data["facets"]["theme"][0])
    # The answer is not validated by ninja on its way out: it must match the documented schema as it is.
    assert SearchOut.model_validate(data).model_dump() == data
    assert response["Content-Type"] == "application/json"


def test_results_give_full_addresses_when_the_project_has_several_sites(corpus, client, home_page):
    from wagtail.models import Site

    Site.objects.create(hostname="autre.example", port=443, root_page=home_page, is_default_site=False)
    result = client.get("/api/recherche", {"q": "coopérer", "page_size": 1}).json()["results"][0]
    assert result["url"] == corpus.cooperations.get_full_url()
    assert result["url"].startswith("http") and result["url"].endswith("/projets/cooperations/")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": "nexiste-pas"}, "Thème inconnu"),
        ({"region": "99"}, "Région inconnue"),
        ({"page": "abc"}, "nombre entier"),
        ({"page_size": "10000"}, "compris entre"),
        ({"q": "x" * 5000}, "trop longue"),
        ({"q": "bonjour\x00\x07"}, "caractères non autorisés"),
        ({"sort": "prix"}, "Tri inconnu"),
        ({"status": "perdu"}, "Valeur inconnue"),
        ({"year_from": "2020", "year_to": "2010"}, "période"),
        ({"page": "600", "page_size": "20"}, "trop loin"),
    ],
)
def test_bad_parameters_get_a_french_400(home_page, client, params, message):
    response = client.get("/api/recherche", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_autocomplete_folds_accents(corpus, client):
    labels = [item["label"] for item in client.get("/api/autocomplete", {"q": "econ"}).json()["results"]]
    assert "Tiers-lieux et économie circulaire" in labels
    assert "Économie sociale et solidaire" in labels  # a theme
    assert client.get("/api/autocomplete", {"q": "e"}).json() == {"results": []}
    assert client.get("/api/autocomplete", {"q": "\x00"}).status_code == 400


@pytest.mark.parametrize("text", ["\U00025a70\u00a8\u00a8", "¨¨", "«»", "-–"])
def test_text_without_a_latin_word_suggests_and_finds_nothing(corpus, client, text):
    """Schemathesis found a 500 on SQLite: the analysis kept no word and the backend built an empty query."""
    from wagtail.search.backends import get_search_backend

    from projets.models import ProjectPage

    assert client.get("/api/autocomplete", {"q": text}).json() == {"results": []}
    assert client.get("/api/recherche", {"q": text}).status_code == 200
    backend = get_search_backend()  # what the admin's searches call, on each backend
    assert list(backend.search(text, ProjectPage)) == []
    assert list(backend.autocomplete(text, ProjectPage)) == []


def test_openapi_schema_lists_the_search_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/recherche" in schema["paths"] and "/api/autocomplete" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/recherche"]["get"]["parameters"]}
    assert {"q", "theme", "region", "departement", "year_from", "sort", "page", "page_size"} <= parameters
