"""What a result card shows: the published case study's fields and names, in the models' order, on every backend.

On OpenSearch / Elasticsearch they come back with the hits, from the engine's document (search.cards); on the
database backends they are read from the page tables by key (search.hit_loading).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from projets.models import ProjectPage, Theme
from projets.restrictions import read_once
from search.hit_loading import HIT_FIELDS, load_public_hits
from search.shared_backends import shared_backend
from tests.conftest import engine_in_use
from tests.search.test_contract import run

pytestmark = pytest.mark.django_db
on_an_engine = pytest.mark.skipif(engine_in_use() == "database", reason="an engine's documents")

NAMES = ("theme_names", "territory_labels", "region_names", "partner_names", "funder_names")


def card(page) -> dict:
    return {name: getattr(page, name) for name in (*HIT_FIELDS, *NAMES)}


def shown(outcome) -> dict[int, dict]:
    """{page id: what its card shows}, read without a query (what cards, API and feed read is loaded)."""
    with CaptureQueriesContext(connection) as captured:
        cards = {hit.page.pk: card(hit.page) for hit in outcome.hits}
    assert not captured.captured_queries
    return cards


def from_relations(ids) -> dict[int, dict]:
    with read_once():
        return {page.pk: card(page) for page in load_public_hits(ids)}


def test_cards_show_what_the_relations_give(corpus_to_change, backend):
    cards = shown(run({"page_size": "100"}, backend))
    assert set(cards) == {page.pk for page in corpus_to_change.public_pages()}
    assert cards == from_relations(list(cards))
    impact = cards[corpus_to_change.impact.pk]
    assert impact["theme_names"] == ["Évaluation de l'impact social"]
    assert impact["region_names"] == ["Hauts-de-France"]
    assert [name.label for name in impact["partner_names"]] == ["ConcertES", "Université de Lille"]
    assert cards[corpus_to_change.education.pk]["territory_labels"] == [
        "Somme (80)",
        "Hauts-de-France",
    ]  # by kind, then code


def test_a_draft_is_not_shown_and_its_publication_is(corpus_to_change, search_backend, backend):
    page = ProjectPage.objects.get(pk=corpus_to_change.fete.pk)
    page.themes.set([*page.themes.all(), Theme.objects.get(slug="impact-social")])
    revision = page.save_revision()
    search_backend.refresh_indexes()
    assert shown(run({"q": "fête"}, backend))[page.pk]["theme_names"] == ["Santé"]
    revision.publish()
    search_backend.refresh_indexes()
    themes = shown(run({"q": "fête"}, backend))[page.pk]["theme_names"]
    assert sorted(themes) == ["Santé", "Évaluation de l'impact social"]
    assert shown(run({"q": "fête"}, backend)) == from_relations([page.pk])


def test_a_renamed_theme_is_shown_by_its_new_name(corpus_to_change, search_backend, backend):
    theme = Theme.objects.get(slug="sante")
    theme.name = "Santé communautaire"
    theme.save()  # its case studies are indexed again (search.renames)
    search_backend.refresh_indexes()
    assert shown(run({"q": "fête"}, backend))[corpus_to_change.fete.pk]["theme_names"] == ["Santé communautaire"]


def test_a_page_no_longer_public_shows_no_card_even_if_the_index_still_has_it(
    corpus_to_change, search_backend, backend
):
    """Unpublished while the engine missed the update (no signal here): its document still matches."""
    assert corpus_to_change.circulaire.pk in shown(run({"q": "économie circulaire"}, backend))
    Page.objects.filter(pk=corpus_to_change.circulaire.pk).update(live=False)
    assert corpus_to_change.circulaire.pk not in shown(run({"q": "économie circulaire"}, backend))


@on_an_engine
def test_on_an_engine_cards_come_back_with_the_hits(corpus_to_change):
    """Only the page table is read, by key, to check the hits are still public: no case study's row."""
    with CaptureQueriesContext(connection) as captured:
        cards = shown(run({"q": "économie sociale"}))
    assert corpus_to_change.impact.pk in cards
    read = [query["sql"] for query in captured.captured_queries if ProjectPage._meta.db_table in query["sql"]]
    assert not read


@on_an_engine
def test_documents_indexed_before_the_cards_are_read_from_the_page_tables(corpus_to_change, search_backend):
    engine = shared_backend()
    index = engine.get_index_for_model(ProjectPage).name
    # update_by_query reads what the last refresh shows: a document written since would keep its card.
    engine.es.indices.refresh(index=index)
    engine.es.update_by_query(
        index=index, body={"script": {"source": "ctx._source.remove('_card')"}}, refresh=True, conflicts="proceed"
    )
    cards = shown(run({"page_size": "100"}))
    assert set(cards) == {page.pk for page in corpus_to_change.public_pages()}
    assert cards == from_relations(list(cards))
