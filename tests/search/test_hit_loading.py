"""A page of hits carries the names of its themes, territories and organisations as rows, in order, without
loading those models."""

import re

import pytest

from projets import choices
from projets.catalogue import public_projects
from projets.models import ProjectPage
from projets.restrictions import read_once
from search.highlight import query_stems
from search.hit_loading import HIT_FIELDS, load_hits, load_public_hits, matching_partners
from tests.factories import FundingLineFactory, OrganisationFactory, departement

pytestmark = pytest.mark.django_db


def test_names_in_order_and_funders_matched(corpus_to_change, django_assert_num_queries):
    anr = OrganisationFactory(name="Agence nationale de la recherche", acronym="ANR")
    FundingLineFactory(page=corpus_to_change.impact, kind=choices.FundingKind.RESEARCH_CALL, funder=anr)
    FundingLineFactory(page=corpus_to_change.impact, kind=choices.FundingKind.EUROPEAN, funder=None)
    with django_assert_num_queries(2):  # the pages, then their names in one UNION ALL
        pages = load_hits(
            ProjectPage.objects.filter(pk__in=[corpus_to_change.impact.pk, corpus_to_change.fete.pk]).order_by("pk")
        )
    impact = next(page for page in pages if page.pk == corpus_to_change.impact.pk)
    assert [name.label for name in impact.partner_names] == ["ConcertES", "Université de Lille"]
    assert [name.label for name in impact.funder_names] == ["Agence nationale de la recherche (ANR)"]
    assert matching_partners(impact, query_stems(["anr"], [])) == ["Agence nationale de la recherche (ANR)"]
    assert matching_partners(impact, query_stems(["lille"], [])) == ["Université de Lille"]
    assert matching_partners(impact, frozenset()) == []


def test_themes_and_territories_named_as_the_models_name_them(corpus_to_change, django_assert_num_queries):
    from tests.factories import ThemeFactory

    corpus_to_change.education.themes.add(ThemeFactory(name="Alphabétisation", slug="alpha"))
    corpus_to_change.education.territories.add(departement("59"))
    corpus_to_change.education.save()  # parental relations are written on save
    with django_assert_num_queries(2):  # the pages, the names from the relations
        (education,) = load_hits(ProjectPage.objects.filter(pk=corpus_to_change.education.pk))
    page = ProjectPage.objects.get(pk=corpus_to_change.education.pk)
    assert education.theme_names == [theme.name for theme in page.themes.all()]
    assert education.theme_names[0] == "Alphabétisation"
    assert education.territory_labels == [str(territory) for territory in page.territories.all()]
    assert education.territory_labels == ["Nord (59)", "Somme (80)", "Hauts-de-France"]  # by kind, then code
    # A département names its region, once.
    assert education.region_names == ["Hauts-de-France"]


def test_result_cards_list_the_partners_themes_and_territories(corpus, client):
    response = client.get("/recherche/", {"q": "impact social"})
    html = response.content.decode()
    # The results as a visitor reads them, so that a failure shows what the page said instead.
    results = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1].split("</main>", 1)[0]))
    assert "ConcertES, Université de Lille" in html, (response.status_code, results)
    assert "Évaluation de l&#x27;impact social" in html
    assert "Hauts-de-France" in html


NAME_LISTS = ("theme_names", "territory_labels", "region_names", "partner_names", "funder_names")


def test_hits_by_id_follow_the_public_rule_and_load_as_the_orm_loads_them(corpus, django_assert_num_queries):
    """The engines' hits are loaded in raw SQL: the same pages as public_projects(), with the same values."""
    every = list(ProjectPage.objects.values_list("pk", flat=True))
    assert {corpus.draft.pk, corpus.private.pk} <= set(every)  # unpublished, and under a view restriction
    with read_once():
        expected = {page.pk: page for page in load_hits(public_projects().filter(pk__in=every))}
        with django_assert_num_queries(2):  # the pages, their names (restrictions: read once a request)
            loaded = load_public_hits([*reversed(every), 10**9])  # any order, and an id that is no page
    assert sorted(page.pk for page in loaded) == sorted(expected)
    assert corpus.draft.pk not in expected and corpus.private.pk not in expected
    assert len(expected) >= 6
    with django_assert_num_queries(0):  # what cards and API read is loaded
        for page in loaded:
            same = expected[page.pk]
            assert type(page) is ProjectPage and page.id == page.page_ptr_id == page.pk
            for name in (*HIT_FIELDS, *NAME_LISTS):
                assert getattr(page, name) == getattr(same, name), (page.pk, name)
            assert page.first_published_at.tzinfo is not None  # dates converted on every database
            assert page.get_deferred_fields() == same.get_deferred_fields() - {"id"}  # the ORM leaves out its copy
    assert load_public_hits([]) == []
