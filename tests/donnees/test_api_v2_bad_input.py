"""The content API (Wagtail API v2) answers a 400 with a French message to input it cannot take, never a 500.

Its ?search= goes through the same checks as every other search of the site (search.query.check_text).
"""

import pytest

pytestmark = pytest.mark.django_db

SEARCHES = ("/api/v2/pages/", "/api/v2/projets/")


def refused(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    return response.json()["message"]


@pytest.fixture
def indexed(catalogue, search_backend):
    search_backend.refresh_indexes()
    return catalogue


def test_a_search_of_hundreds_of_words_is_refused(client, indexed):
    words = " ".join(f"mot{i}" for i in range(500))
    longest = " ".join("abcdefghij"[i % 10] for i in range(100))  # 199 characters, 100 words: accepted
    for endpoint in SEARCHES:
        assert "trop longue" in refused(client, f"{endpoint}?search={words}")
        assert client.get(f"{endpoint}?search={longest}").status_code == 200


def test_an_unknown_search_operator_is_refused(client, indexed):
    for endpoint in SEARCHES:
        assert "search_operator" in refused(client, f"{endpoint}?search=jardin&search_operator=xx")
        assert client.get(f"{endpoint}?search=jardin&search_operator=or").status_code == 200


def test_control_characters_are_refused(client, indexed):
    for endpoint in SEARCHES:
        assert "caractères non autorisés" in refused(client, f"{endpoint}?search=jar%00din")
        assert "caractères non autorisés" in refused(client, f"{endpoint}find/?html_path=/projets/%00/")


def test_an_id_no_row_can_have_is_refused(client, indexed):
    """Beyond a bigint, SQLite raised an OverflowError (a 500) on the case studies' detail."""
    big = "9" * 20
    for endpoint in (*SEARCHES, "/api/v2/organisations/", "/api/v2/themes/"):
        assert "id" in refused(client, f"{endpoint}{big}/")
        assert "id" in refused(client, f"{endpoint}find/?id={big}")
        assert "id" in refused(client, f"{endpoint}find/?id=abc")
        assert client.get(f"{endpoint}{2**63 - 1}/").status_code == 404


def test_plain_searches_still_work(client, indexed):
    page = indexed["public"][0]
    for endpoint in SEARCHES:
        listing = client.get(f"{endpoint}?search=jardin")
        assert listing.status_code == 200
        found = client.get(f"{endpoint}find/?html_path={page.url}")
        assert found.status_code == 302
