"""The filters of the search page and the catalogue fold into one <details> that names how many are active."""

import re

import pytest

from projets.factories import region


@pytest.fixture
def indexed(make_project, search_backend):
    page = make_project(title="Des chercheurs au jardin", territories=[region("32")], start_year=2018)
    search_backend.add(page)
    search_backend.refresh_indexes()
    return page


def summary(html: str) -> str:
    pattern = r'<details class="facets__panel" open>\s*<summary class="facets__summary">([^<]*)</summary>'
    panel = re.search(pattern, html)
    assert panel, "the filters are not in an open <details>"
    return panel.group(1)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/recherche/?q=jardin", "Filtres"),
        ("/recherche/?q=jardin&region=32", "Filtres (1 actif)"),
        ("/recherche/?region=32&region=11&year_from=2015&page=1&sort=debut", "Filtres (3 actifs)"),
        ("/projets/", "Filtres"),
        ("/projets/?region=32&year_to=2020", "Filtres (2 actifs)"),
    ],
)
def test_filters_fold_under_a_summary_counting_active_ones(client, indexed, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert summary(html) == expected
    # Every filter stays inside the panel (the facets and the year form), before the results.
    panel = html[html.index('<details class="facets__panel"') : html.index('<section class="results"')]
    assert 'class="facet"' in panel and 'name="year_from"' in panel
    assert panel.count("<details") == panel.count("</details>")
