"""The search page and the catalogue: escaping, zero-result help, promotions, constant SQL queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.query import parse_request
from search.service import search

pytestmark = pytest.mark.django_db


def test_search_page_highlights_and_escapes(corpus_to_change, client, make_project, search_backend):
    make_project(title="<script>alert(1)</script> économie", slug="xss", summary="<b>économie</b> & <i>x</i>")
    search_backend.refresh_indexes()  # OpenSearch shows a new document only after a refresh
    body = client.get("/recherche/", {"q": "économie <script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    response = client.get("/recherche/", {"q": "économie"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;b&gt;<mark>économie</mark>&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;" in body


def test_snippet_comes_from_the_narrative_when_the_summary_lacks_the_words(
    corpus_to_change, make_project, search_backend
):
    from wagtail.rich_text import RichText

    body = [("paragraph", RichText("<p>Intro.</p>")), ("paragraph", RichText("<p>Une <b>mutualisation</b> & co.</p>"))]
    make_project(title="Savoirs partagés", slug="savoirs", summary="Un résumé sans le mot.", body=body)
    search_backend.refresh_indexes()
    hit = search(parse_request({"q": "mutualiser"})).hits[0]
    assert hit.page.slug == "savoirs"
    assert "<mark>mutualisation</mark> &amp; co." in hit.highlight
    assert "<b>" not in hit.highlight


def test_zero_results_suggest_removing_a_filter_and_proposing(corpus, client):
    body = client.get("/recherche/", {"q": "zzzqqq", "theme": "ess"}).content.decode()
    assert "Aucune étude de cas ne correspond" in body
    assert "Retirer le filtre « Thèmes »" in body
    assert 'href="/proposer/"' in body
    years = client.get("/recherche/", {"year_from": "2019", "year_to": "2021"})
    assert years.context["outcome"].count == 3
    assert 'name="year_from" min="1900" max="2100" inputmode="numeric" value="2019"' in years.content.decode()


def test_bad_parameter_on_the_page_is_a_400_with_a_french_message(home_page, client):
    response = client.get("/recherche/", {"page": "abc"})
    assert response.status_code == 400
    assert "nombre entier" in response.content.decode()


def test_catalogue_lists_with_filters_and_never_500(corpus, client):
    body = client.get("/projets/", {"region": "32"}).content.decode()
    assert "Valoriser l&#x27;impact social" in body or "Valoriser l'impact social" in body
    assert "Boutique des sciences" not in body
    assert client.get("/projets/", {"page": "abc", "theme": "<x>"}).status_code == 200


def test_promotions_come_first_and_are_not_repeated(corpus, client):
    query = Query.get("économie")
    SearchPromotion.objects.create(query=query, page=corpus.circulaire, sort_order=0)
    response = client.get("/recherche/", {"q": "économie"})
    promoted = response.context["promoted"]
    assert [page.pk for page in promoted] == [corpus.circulaire.pk]
    assert corpus.circulaire.pk not in [hit.page.pk for hit in response.context["outcome"].hits]


def test_sql_queries_are_constant_per_results_page(corpus, client, django_assert_max_num_queries):
    def count(page_size):
        with CaptureQueriesContext(connection) as queries:
            outcome = search(parse_request({"page_size": str(page_size)}))
            assert len(outcome.hits) == page_size
        return len(queries)

    count(1)  # warm: labels and the whole catalogue's counts are read once, then kept (search.labels, catalogue_cache)
    assert count(1) == count(6)
    with django_assert_max_num_queries(15):
        search(parse_request({"q": "cooperer", "region": "84", "theme": "sciences-participatives"}))
    with django_assert_max_num_queries(25):
        assert client.get("/recherche/", {"q": "association"}).status_code == 200
