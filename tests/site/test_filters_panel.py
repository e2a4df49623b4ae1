"""The filters of the search page and the catalogue fold into one <details> that names how many are active."""

import re

import pytest

from tests.cms.test_pagecache import page_cache_on  # noqa: F401 (fixture)
from tests.factories import region


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


@pytest.mark.parametrize("url", ["/projets/?region=32", "/recherche/?q=jardin&region=32"])
def test_filter_regions_the_script_swaps_are_in_the_page(client, indexed, url):
    """filters.js fetches the same page and swaps these regions by id: one server path, no fragment view."""
    html = client.get(url).content.decode()
    for region_id in ("filtres", "resultats", "search-params", "suivre", "results-status"):
        assert html.count(f'id="{region_id}"') == 1, region_id
    assert '<script src="/static/search/filters.js" defer></script>' in html
    assert 'data-small-screen="(max-width: 48em)"' in html
    assert 'data-facet="region" data-value="32"' in html
    assert 'aria-live="polite"' in html and "onclick" not in html and "<script>" not in html


@pytest.mark.usefixtures("page_cache_on")
def test_each_filtered_address_has_its_own_cached_copy(client, indexed):
    """What the script fetches is the normal page: the anonymous cache keys it by its full address."""
    first = client.get("/projets/")
    filtered = client.get("/projets/?region=32")
    again = client.get("/projets/?region=32")
    assert (first["X-Page-Cache"], filtered["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "miss", "hit")
    assert again.content == filtered.content != first.content
    assert summary(again.content.decode()) == "Filtres (1 actif)"
