"""The contract: the same French queries on the same case studies give the same answers on every backend.

`make test` runs this file on PostgreSQL + OpenSearch and on SQLite + the database backend; run it on
PostgreSQL + the database backend with DATABASE_URL=postgres://… SEARCH_URL= COOP_EXPECT_SEARCH=database.
Facet counts are checked against SQL ground truth computed from the relations, not from the facet table.
"""

import pytest
from django.db.models import Q

from projets.choices import TerritoryKind
from projets.factories import region
from projets.models import ProjectPage
from search.query import parse_request
from search.service import search
from tests.conftest import engine_in_use

pytestmark = pytest.mark.django_db

# query -> (the set of case studies found, the one expected first or None when ranking may differ)
HARD_QUERIES = {
    "economie": ({"impact-social", "circulaire"}, None),  # no accent
    "ÉCONOMIE": ({"impact-social", "circulaire"}, None),  # capitals and accent
    "cooperations": ({"cooperations", "boutique"}, "cooperations"),  # plural, no accent
    "coopérer": ({"cooperations", "boutique"}, "cooperations"),  # verb
    "l'impact": ({"impact-social"}, "impact-social"),  # elision
    "l’impact social": ({"impact-social"}, "impact-social"),  # typographic apostrophe
    '"éducation populaire"': ({"education-populaire"}, "education-populaire"),  # exact phrase
    "education populaire": ({"education-populaire", "fete"}, None),  # both words, anywhere
    "economie -sociale": ({"circulaire"}, "circulaire"),  # minus excludes
    "ConcertES": ({"impact-social"}, "impact-social"),  # a partner's name
    "concertes evaluer": ({"impact-social"}, "impact-social"),
    "le la les": ({"impact-social", "education-populaire", "cooperations", "fete", "boutique", "circulaire"}, None),
    "zzzqqq": (set(), None),
}


def run(params):
    return search(parse_request(params))


def slugs(outcome):
    return [hit.page.slug for hit in outcome.hits]


def test_hard_french_queries(corpus):
    """One fixture build for every query (it is the slow part); every mismatch is reported at once."""
    mismatches = []
    for text, (expected, first) in HARD_QUERIES.items():
        outcome = run({"q": text})
        found = slugs(outcome)
        print(f"{engine_in_use()}/{_vendor()}: {text!r} -> {found}")
        if outcome.degraded or set(found) != expected or outcome.page.paginator.count != len(expected):
            mismatches.append((text, found, expected))
        elif first and found[0] != first:
            mismatches.append((text, found, first))
    assert mismatches == []


def test_typo_tolerance_where_the_backend_allows_it(corpus):
    outcome = run({"q": "coopératoin"})
    if engine_in_use() == "database" and _is_sqlite():
        # SQLite FTS5 has no fuzzy matching: an honest zero, with the spelling hint shown by the page.
        assert outcome.count == 0
    else:
        assert outcome.fuzzy
        assert "cooperations" in slugs(outcome)


def _vendor():
    from django.db import connection

    return connection.vendor


def _is_sqlite():
    return _vendor() == "sqlite"


def test_drafts_and_private_pages_never_come_back(corpus):
    for text in ("économie sociale", "brouillon", "réservée", ""):
        found = {hit.page.pk for hit in run({"q": text}).hits}
        assert corpus.draft.pk not in found
        assert corpus.private.pk not in found


def test_filters_combine_and_a_parent_theme_includes_its_children(corpus):
    assert set(slugs(run({"theme": "ess"}))) == {"impact-social"}  # through its child theme
    assert set(slugs(run({"region": "32"}))) == {"impact-social", "education-populaire"}
    # A département counts for its region (Rhône is in Auvergne-Rhône-Alpes).
    assert set(slugs(run({"region": "84"}))) == {"cooperations"}
    assert set(slugs(run({"departement": "80"}))) == {"education-populaire"}
    assert set(slugs(run({"region": ["32", "53"], "status": "termine"}))) == {"impact-social", "education-populaire"}
    assert set(slugs(run({"q": "cooperer", "partner_kind": "laboratoire"}))) == {"cooperations"}
    assert set(slugs(run({"funding_kind": "fonds_europeens", "contract_kind": "accord_consortium"}))) == {
        "impact-social"
    }
    assert set(slugs(run({"format": "recherche_action"}))) == {"education-populaire"}
    assert set(slugs(run({"year_from": "2019", "year_to": "2021"}))) == {"cooperations", "fete", "circulaire"}
    assert run({"theme": "sante", "region": "32"}).count == 0


def test_sorts(corpus):
    assert slugs(run({"sort": "debut"}))[:3] == ["boutique", "fete", "cooperations"]
    assert slugs(run({"q": "economie", "sort": "debut"})) == ["circulaire", "impact-social"]
    recent = slugs(run({"sort": "recent"}))
    assert len(recent) == 6
    assert set(recent) == {page.slug for page in corpus.public_pages()}


def test_pagination_uses_the_total(corpus):
    first = run({"page_size": "4"})
    second = run({"page_size": "4", "page": "2"})
    assert first.count == second.count == 6
    assert first.page.paginator.num_pages == 2
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(slugs(first)) & set(slugs(second))
    assert run({"page_size": "4", "page": "9"}).hits == []


def ground_truth(pages):
    """Facet counts computed straight from the relations, independently of the facet table."""
    pages = ProjectPage.objects.filter(pk__in=[page.pk for page in pages])
    truth = {"region": {}, "departement": {}, "theme": {}, "partner_kind": {}, "status": {}}
    for page in pages.prefetch_related("territories__region", "themes__parent", "partners__organisation"):
        regions = {t.code if t.kind == TerritoryKind.REGION else t.region.code for t in page.territories.all()}
        for code in regions:
            truth["region"][code] = truth["region"].get(code, 0) + 1
        for territory in page.territories.filter(kind=TerritoryKind.DEPARTEMENT):
            truth["departement"][territory.code] = truth["departement"].get(territory.code, 0) + 1
        themes = {t.slug for t in page.themes.all()} | {t.parent.slug for t in page.themes.all() if t.parent}
        for slug in themes:
            truth["theme"][slug] = truth["theme"].get(slug, 0) + 1
        for kind in {p.organisation.kind for p in page.partners.all()}:
            truth["partner_kind"][kind] = truth["partner_kind"].get(kind, 0) + 1
        truth["status"][page.status] = truth["status"].get(page.status, 0) + 1
    return truth


def check_facet_counts(params):
    outcome = run(params)
    matching = ProjectPage.objects.filter(pk__in=[hit.page.pk for hit in run({**params, "page_size": "100"}).hits])
    truth = ground_truth(matching)
    for name, expected in truth.items():
        counted = {value.value: value.count for value in outcome.facets[name] if value.count}
        assert counted == expected, name
    # Direct SQL for one facet, as a second witness.
    regions_sql = matching.filter(
        Q(territories__kind=TerritoryKind.REGION, territories__code="32") | Q(territories__region__code="32")
    )
    counted_32 = {v.value: v.count for v in outcome.facets["region"]}.get("32", 0)
    assert counted_32 == regions_sql.distinct().count()


def test_facet_counts_equal_sql_ground_truth(corpus):
    for params in ({}, {"q": "cooperer"}, {"region": "32"}, {"q": "economie -sociale"}, {"theme": "ess"}):
        check_facet_counts(params)


def test_every_region_comes_back_in_the_facets(corpus, make_project, search_backend):
    from projets.models import Territory

    codes = list(Territory.objects.filter(kind=TerritoryKind.REGION).values_list("code", flat=True))
    assert len(codes) == 18
    for code in codes:
        make_project(title=f"Coopération régionale {code}", slug=f"region-{code}", territories=[region(code)])
    search_backend.refresh_indexes()
    outcome = run({"q": "régionale"})
    assert outcome.count == 18
    assert {value.value for value in outcome.facets["region"]} == set(codes)
    assert all(value.count == 1 for value in outcome.facets["region"])
    labels = {value.value: value.label for value in outcome.facets["region"]}
    assert labels["32"] == "Hauts-de-France"


def test_highlight_and_matching_partners(corpus):
    outcome = run({"q": "concertes cooperent"})
    hit = outcome.hits[0]
    assert hit.partners == ["ConcertES"]
    assert "<mark>coopèrent</mark>" in hit.highlight
