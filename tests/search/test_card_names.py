"""The names on result cards, stored at publication (search.card_names) and read by search.hit_loading."""

import json

import pytest

from projets.models import ProjectPage
from projets.restrictions import read_once
from search.card_names import rows_for
from search.hit_loading import attach_names_from_relations, load_public_hits, names_to_store
from search.models import CardNames
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def stored_names(page) -> dict | None:
    row = CardNames.objects.filter(page_id=page.pk).first()
    return json.loads(row.names) if row else None


def names_from_relations(page) -> dict:
    [row] = rows_for([page.pk])
    return json.loads(row.names)


def card(page):
    [hit] = load_public_hits([page.pk])
    return hit.theme_names, hit.territory_labels, hit.region_names, hit.partner_names, hit.funder_names


def test_publishing_stores_what_the_relations_give(corpus):
    for page in corpus.public_pages():
        assert stored_names(page) == names_from_relations(page)
    impact = stored_names(corpus.impact)
    assert impact["themes"] == ["Évaluation de l'impact social"]
    assert impact["regions"] == ["Hauts-de-France"]
    assert impact["partners"] == [["ConcertES", ""], ["Université de Lille", ""]]
    education = stored_names(corpus.education)
    assert set(education["territories"]) == {"Hauts-de-France", "Somme (80)"}


def test_hits_read_the_stored_names_or_else_the_relations(corpus, django_assert_num_queries):
    pages = corpus.public_pages()
    ids = [page.pk for page in pages]
    with read_once(), django_assert_num_queries(3):  # the view restrictions, the pages, their stored names
        stored = {hit.pk: (hit.theme_names, hit.region_names, hit.partner_names) for hit in load_public_hits(ids)}
    CardNames.objects.filter(page_id__in=ids[:2]).delete()
    with read_once(), django_assert_num_queries(4):  # and the relations of the two without
        read = {hit.pk: (hit.theme_names, hit.region_names, hit.partner_names) for hit in load_public_hits(ids)}
    assert read == stored
    for page in ProjectPage.objects.filter(pk__in=ids):
        attach_names_from_relations([page])
        assert json.loads(names_to_store(page)) == names_from_relations(page)


def test_a_partner_changed_outside_a_publication_is_shown_at_once(corpus_to_change):
    partner = corpus_to_change.fete.partners.get()
    partner.organisation = OrganisationFactory(name="Les Petits Débrouillards")
    partner.save()
    assert stored_names(corpus_to_change.fete) is None
    assert [name.label for name in card(corpus_to_change.fete)[3]] == ["Les Petits Débrouillards"]


def test_a_draft_keeps_the_published_names_and_publishing_writes_the_new_ones(corpus_to_change):
    page = ProjectPage.objects.get(pk=corpus_to_change.fete.pk)
    published = stored_names(page)
    page.themes.set([*page.themes.all(), *corpus_to_change.impact.themes.all()])
    revision = page.save_revision()
    assert stored_names(page) == published  # a draft is not what cards show
    revision.publish()
    assert set(stored_names(page)["themes"]) == {"Santé", "Évaluation de l'impact social"}
    assert stored_names(page) == names_from_relations(page)


def test_sync_all_rebuilds_the_rows_of_live_case_studies_only(corpus):
    from search.card_names import sync_all

    CardNames.objects.all().delete()
    live = set(ProjectPage.objects.live().values_list("pk", flat=True))
    assert corpus.draft.pk not in live and corpus.private.pk in live
    assert sync_all(chunk_size=2) == len(live)  # several chunks
    assert set(CardNames.objects.values_list("page_id", flat=True)) == live
    for page in corpus.public_pages():
        assert stored_names(page) == names_from_relations(page)
