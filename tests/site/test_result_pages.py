"""Result lists past their last page: a French message with a link to the last page, never a 500."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_studies(make_project, search_backend):
    for number in range(3):
        make_project(title=f"Coopération numéro {number}", slug=f"cooperation-{number}")
    search_backend.refresh_indexes()


@pytest.mark.parametrize("path", ["/recherche/", "/projets/"])
@pytest.mark.parametrize("page", ["4", "7", "999"])
def test_a_page_past_the_last_says_so_and_links_to_the_last(client, three_studies, path, page):
    response = client.get(path, {"page_size": "1", "page": page})
    assert response.status_code == 200
    text = response.content.decode()
    assert f"La page {page} n'existe pas : il y a 3 pages." in text
    link = re.search(r'<a href="([^"]+)">Aller à la dernière page \(3\)</a>', text)
    assert link, text
    last = client.get(path + link.group(1).replace("&amp;", "&"))
    assert last.status_code == 200
    assert "Page 3 sur 3" in last.content.decode()


@pytest.mark.parametrize("path", ["/recherche/", "/projets/"])
def test_a_second_page_of_a_single_page_is_not_page_2_of_1(client, three_studies, path):
    text = client.get(path, {"page": "2"}).content.decode()
    assert "Page 2 sur 1" not in text
    assert "La page 2 n'existe pas : il n'y a qu'une page." in text
    assert 'href="?page=1">Aller à la dernière page (1)</a>' in text


def test_pages_inside_the_list_keep_their_links(client, three_studies):
    text = client.get("/projets/", {"page_size": "1", "page": "2", "sort": "recent"}).content.decode()
    assert "Page 2 sur 3" in text
    assert 'rel="prev" href="?page_size=1&amp;page=1&amp;sort=recent"' in text
    assert 'rel="next" href="?page_size=1&amp;page=3&amp;sort=recent"' in text
