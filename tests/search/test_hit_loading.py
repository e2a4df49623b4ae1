"""A page of hits carries its organisations' names as rows, in order, without loading the organisations."""

import pytest

from projets import choices
from projets.factories import FundingLineFactory, OrganisationFactory
from projets.models import ProjectPage
from search.highlight import query_stems
from search.hit_loading import load_hits, matching_partners

pytestmark = pytest.mark.django_db


def test_names_in_order_and_funders_matched(corpus, django_assert_num_queries):
    anr = OrganisationFactory(name="Agence nationale de la recherche", acronym="ANR")
    FundingLineFactory(page=corpus.impact, kind=choices.FundingKind.RESEARCH_CALL, funder=anr)
    FundingLineFactory(page=corpus.impact, kind=choices.FundingKind.EUROPEAN, funder=None)
    with django_assert_num_queries(5):  # pages, themes, territories, partners' names, funders' names
        pages = load_hits(ProjectPage.objects.filter(pk__in=[corpus.impact.pk, corpus.fete.pk]).order_by("pk"))
    impact = next(page for page in pages if page.pk == corpus.impact.pk)
    assert [name.label for name in impact.partner_names] == ["ConcertES", "Université de Lille"]
    assert [name.label for name in impact.funder_names] == ["Agence nationale de la recherche (ANR)"]
    assert matching_partners(impact, query_stems(["anr"], [])) == ["Agence nationale de la recherche (ANR)"]
    assert matching_partners(impact, query_stems(["lille"], [])) == ["Université de Lille"]
    assert matching_partners(impact, frozenset()) == []


def test_result_cards_list_the_partners(corpus, client):
    html = client.get("/recherche/", {"q": "impact social"}).content.decode()
    assert "ConcertES, Université de Lille" in html
