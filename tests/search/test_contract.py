"""The contract: the same French queries on the same case studies give the same answers on every backend.

Every test is parametrised over the backends the run has: `make test`'s PostgreSQL + OpenSearch run checks
OpenSearch ("default") and PostgreSQL full text search (the "database" alias the service falls back to, kept
in sync by the same signals); its SQLite run checks SQLite FTS5. So the three backends we ship answer the
same queries in every `make test`. Facet counts are checked against SQL ground truth computed from the
relations, not from the facet table.
"""

import pytest
from django.db import connection
from django.db.models import Q

from projets.choices import TerritoryKind
from projets.models import ProjectPage
from search.query import parse_request
from search.service import search
from tests.conftest import engine_in_use
from tests.factories import region

pytestmark = pytest.mark.django_db


def label_of(alias: str) -> str:
    if alias == "default" and engine_in_use() != "database":
        return engine_in_use()
    return f"{connection.vendor}-database"


# query -> (the set of case studies found, the one expected first or None when ranking may differ)
HARD_QUERIES = {
    "economie": ({"impact-social", "circulaire"}, None),  # no accent
    "ÉCONOMIE": ({"impact-social", "circulaire"}, None),  # capitals and accent
    "cooperations": ({"cooperations", "boutique"}, "cooperations"),  # plural, no accent
    "coopérer": ({"cooperations", "boutique"}, "cooperations"),  # verb
    "l'impact": ({"impact-social"}, "impact-social"),  # elision
    "l’impact social": ({"impact-social"}, "impact-social"),  # typographic apostrophe
    '"éducation populaire"': ({"education-populaire"}, "education-populaire"),  # exact phrase
    "education populaire": ({"education-populaire", "fete"}, "education-populaire"),  # both words, anywhere
    "economie -sociale": ({"circulaire"}, "circulaire"),  # minus excludes
    "ConcertES": ({"impact-social"}, "impact-social"),  # a partner's name
    "accords de consortium": ({"impact-social"}, "impact-social"),  # a kind of contract, in words
    "charte": ({"cooperations"}, "cooperations"),
    "concertes evaluer": ({"impact-social"}, "impact-social"),
    "le la les": ({"impact-social", "education-populaire", "cooperations", "fete", "boutique", "circulaire"}, None),
    "zzzqqq": (set(), None),
}


def run(params, backend="default"):
    return search(parse_request(params), backend=backend)


def slugs(outcome):
    return [hit.page.slug for hit in outcome.hits]


def test_hard_french_queries(corpus, backend):
    """One fixture build for every query (it is the slow part); every mismatch is reported at once."""
    mismatches = []
    for text, (expected, first) in HARD_QUERIES.items():
        outcome = run({"q": text}, backend)
        found = slugs(outcome)
        print(f"{label_of(backend)}: {text!r} -> {found}")
        if outcome.degraded or set(found) != expected or outcome.page.paginator.count != len(expected):
            mismatches.append((text, found, expected))
        elif first and found[0] != first:
            mismatches.append((text, found, first))
    assert mismatches == []


def test_typo_tolerance_on_every_backend(corpus, backend):
    outcome = run({"q": "coopératoin"}, backend)
    print(f"{label_of(backend)}: 'coopératoin' -> {slugs(outcome)} (fuzzy={outcome.fuzzy}, {outcome.corrected})")
    assert "cooperations" in slugs(outcome)
    if label_of(backend) == "sqlite-database":
        # FTS5 has no fuzzy matching: the word is corrected from the index's vocabulary, and the page says so.
        assert outcome.corrected and outcome.corrected[0][0] == "cooperatoin"
    else:
        assert outcome.fuzzy


# query -> (the case studies found, the words named as missing): no case study holds every word.
PARTIAL_QUERIES = {
    "concertes charte": ({"impact-social", "cooperations"}, ()),  # each word in another case study
    "concertes zzzqqq": ({"impact-social"}, ("zzzqqq",)),  # a word no case study holds, nor a near one
    '"fête populaire" zzzqqq': ({"fete"}, ("zzzqqq",)),  # a phrase and an absent word
}


def test_all_words_first_then_the_best_partial_matches_naming_the_missing_words(corpus, backend):
    mismatches = []
    for text, (expected, missing) in PARTIAL_QUERIES.items():
        outcome = run({"q": text}, backend)
        found = (set(slugs(outcome)), outcome.partial, outcome.missing_words, outcome.count)
        print(f"{label_of(backend)}: {text!r} -> {found}")
        if found != (expected, True, missing, len(expected)) or outcome.fuzzy:
            mismatches.append((text, found))
    # Every word first: a case study holding them all comes alone, not with partial matches.
    exact = run({"q": "concertes evaluer"}, backend)
    assert (slugs(exact), exact.partial, exact.missing_words) == (["impact-social"], False, ())
    # The case study holding the most words comes first.
    most = run({"q": "laboratoires charte guide fête"}, backend)
    assert most.partial and slugs(most)[0] == "cooperations"
    # No word anywhere: nothing, and no partial notice; filters still apply to partial matches.
    assert run({"q": "zzzqqq wwwkkk"}, backend).count == 0
    assert set(slugs(run({"q": "concertes charte", "region": "32"}, backend))) == {"impact-social"}
    assert mismatches == []


def test_drafts_and_private_pages_never_come_back(corpus, backend):
    for text in ("économie sociale", "brouillon", "réservée", ""):
        found = {hit.page.pk for hit in run({"q": text}, backend).hits}
        assert corpus.draft.pk not in found
        assert corpus.private.pk not in found


def test_filters_combine_and_a_parent_theme_includes_its_children(corpus, backend):
    def found(**params):
        return set(slugs(run(params, backend)))

    assert found(theme="ess") == {"impact-social"}  # through its child theme
    assert found(region="32") == {"impact-social", "education-populaire"}
    # A département counts for its region (Rhône is in Auvergne-Rhône-Alpes).
    assert found(region="84") == {"cooperations"}
    assert found(departement="80") == {"education-populaire"}
    assert found(region=["32", "53"], status="termine") == {"impact-social", "education-populaire"}
    assert found(q="cooperer", partner_kind="laboratoire") == {"cooperations"}
    assert found(funding_kind="fonds_europeens", contract_kind="accord_consortium") == {"impact-social"}
    assert found(format="recherche_action") == {"education-populaire"}
    assert found(year_from="2019", year_to="2021") == {"cooperations", "fete", "circulaire"}
    assert run({"theme": "sante", "region": "32"}, backend).count == 0


def test_sorts(corpus, backend):
    assert slugs(run({"sort": "debut"}, backend))[:3] == ["boutique", "fete", "cooperations"]
    assert slugs(run({"q": "economie", "sort": "debut"}, backend)) == ["circulaire", "impact-social"]
    recent = slugs(run({"sort": "recent"}, backend))
    assert len(recent) == 6
    assert set(recent) == {page.slug for page in corpus.public_pages()}


def test_pagination_uses_the_total(corpus, backend):
    first = run({"page_size": "4"}, backend)
    second = run({"page_size": "4", "page": "2"}, backend)
    assert first.count == second.count == 6
    assert first.page.paginator.num_pages == 2
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(slugs(first)) & set(slugs(second))
    assert run({"page_size": "4", "page": "9"}, backend).hits == []


def ground_truth(pages):
    """Facet counts of every facet computed straight from the relations, independently of the facet table."""
    pages = ProjectPage.objects.filter(pk__in=[page.pk for page in pages])
    truth = {name: {} for name in FACET_NAMES}

    def add(name, values):
        for value in {str(value) for value in values if value not in (None, "")}:
            truth[name][value] = truth[name].get(value, 0) + 1

    related = ("territories__region", "themes__parent", "partners__organisation", "funding_lines", "contracts")
    for page in pages.prefetch_related(*related):
        territories = list(page.territories.all())
        add("region", [t.code if t.kind == TerritoryKind.REGION else t.region.code for t in territories])
        add("departement", [t.code for t in territories if t.kind == TerritoryKind.DEPARTEMENT])
        themes = list(page.themes.all())
        add("theme", [t.slug for t in themes] + [t.parent.slug for t in themes if t.parent])
        add("partner_kind", [p.organisation.kind for p in page.partners.all()])
        add("funding_kind", [line.kind for line in page.funding_lines.all()])
        add("contract_kind", [contract.kind for contract in page.contracts.all()])
        add("format", [page.cooperation_format])
        add("status", [page.status])
        add("year", [page.start_year])
    return truth


FACET_NAMES = (
    "region", "departement", "theme", "partner_kind", "funding_kind", "contract_kind", "format", "status", "year"
)  # fmt: skip


def check_facet_counts(params, backend):
    outcome = run(params, backend)
    hits = run({**params, "page_size": "100"}, backend).hits
    matching = ProjectPage.objects.filter(pk__in=[hit.page.pk for hit in hits])
    truth = ground_truth(matching)
    assert all(value.value and value.label for values in outcome.facets.values() for value in values)
    for name, expected in truth.items():
        counted = {value.value: value.count for value in outcome.facets[name] if value.count}
        assert counted == expected, name
    # Direct SQL for one facet, as a second witness.
    regions_sql = matching.filter(
        Q(territories__kind=TerritoryKind.REGION, territories__code="32") | Q(territories__region__code="32")
    )
    counted_32 = {v.value: v.count for v in outcome.facets["region"]}.get("32", 0)
    assert counted_32 == regions_sql.distinct().count()


def test_facet_counts_equal_sql_ground_truth(corpus, backend):
    assert set(FACET_NAMES) == set(run({}, backend).facets)
    for params in (
        {},
        {"q": "cooperer"},
        {"region": "32"},
        {"q": "economie -sociale"},
        {"theme": "ess"},
        {"funding_kind": "fonds_europeens"},
        {"contract_kind": "charte", "status": "en_cours"},
        {"year_from": "2019"},
    ):
        check_facet_counts(params, backend)


def test_every_region_comes_back_in_the_facets(corpus_to_change, make_project, search_backend, backend):
    from projets.models import Territory

    codes = list(Territory.objects.filter(kind=TerritoryKind.REGION).values_list("code", flat=True))
    assert len(codes) == 18
    for code in codes:
        make_project(title=f"Coopération régionale {code}", slug=f"region-{code}", territories=[region(code)])
    search_backend.refresh_indexes()
    outcome = run({"q": "régionale"}, backend)
    assert outcome.count == 18
    assert {value.value for value in outcome.facets["region"]} == set(codes)
    assert all(value.count == 1 for value in outcome.facets["region"])
    labels = {value.value: value.label for value in outcome.facets["region"]}
    assert labels["32"] == "Hauts-de-France"


def test_a_headings_level_is_not_searched(corpus_to_change, make_project, search_backend, backend):
    heading = ("heading", {"text": "Méthodes partagées", "level": "h3"})
    page = make_project(title="Intertitres", slug="intertitres", body=[heading])
    search_backend.refresh_indexes()
    assert slugs(run({"q": "méthodes partagées"}, backend)) == ["intertitres"]
    for words in ("niveau", "titre de niveau 3"):  # the level's label
        assert page.pk not in {hit.page.pk for hit in run({"q": words}, backend).hits}, words


def test_highlight_and_matching_partners(corpus, backend):
    outcome = run({"q": "concertes cooperent"}, backend)
    hit = outcome.hits[0]
    assert hit.partners == ["ConcertES"]
    assert "<mark>coopèrent</mark>" in hit.highlight
