"""PostgreSQL full text search through coop_search_text (search/postgres_text.py, migration 0004).

The table is a trigger-kept copy of the backend's index entries for case studies; the service matches the
words through it once per search and ranks on title and summary. On SQLite neither exists: the tests check
that the service does not take that path there.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from projets import choices
from projets.factories import OrganisationFactory
from projets.indexing import reindex
from projets.models import ProjectPage
from search import postgres_text
from search.config import FALLBACK_ALIAS
from search.query import parse_request
from search.service import _text_query, search

pytestmark = pytest.mark.django_db


def database_alias() -> str:
    """The alias of the database backend in this run: the fallback beside an engine, else the default."""
    return FALLBACK_ALIAS if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else "default"


def on_postgresql() -> bool:
    """True on PostgreSQL; on SQLite, checks that migrations 0004 and 0005 created nothing there."""
    if connection.vendor == "postgresql":
        return True
    tables = set(connection.introspection.table_names())
    assert not tables & {"coop_search_text", "coop_search_facetpages"}
    return False


def table_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_id FROM coop_search_text")
        return {row[0] for row in cursor.fetchall()}


def index_ids() -> set[int]:
    """Case studies in the backend's own index table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id::integer FROM wagtailsearch_indexentry e JOIN django_content_type t "
            "ON t.id = e.content_type_id WHERE t.app_label = 'projets' AND t.model = 'projectpage'"
        )
        return {row[0] for row in cursor.fetchall()}


def test_the_service_uses_the_table_only_on_postgresql(search_backend):
    backend = get_search_backend(database_alias())
    assert postgres_text.handles(backend) == on_postgresql()


def test_the_table_follows_the_index_through_edits_removal_and_rebuild(make_project, search_backend):
    if not on_postgresql():  # no such table on SQLite (on_postgresql checks it)
        return
    first = make_project(title="Jardins partagés et recherche", slug="jardins")
    second = make_project(title="Cantines scolaires", slug="cantines")
    assert {first.pk, second.pk} <= table_ids() == index_ids()

    first.title = "Vergers partagés et recherche"
    first.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document @@ plainto_tsquery('coop_french', 'vergers'), "
            "rank_vector @@ plainto_tsquery('coop_french', 'vergers') FROM coop_search_text WHERE page_id = %s",
            [first.pk],
        )
        assert cursor.fetchone() == (True, True)

    ProjectPage.objects.get(pk=second.pk).delete()
    assert second.pk not in table_ids()
    assert table_ids() == index_ids()

    reindex(backend_name=database_alias())
    assert first.pk in table_ids()
    assert table_ids() == index_ids()

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign key checks
        cursor.execute("TRUNCATE wagtailsearch_indexentry")
    assert table_ids() == set() == index_ids()


def test_relevance_ranks_title_then_summary_then_the_newest(make_project, search_backend):
    kept = OrganisationFactory(name="Collectif Potagers", kind=choices.OrganisationKind.ASSOCIATION)
    make_project(title="Cuisine collective", slug="partenaire-ancien", partners=[(kept, choices.PartnerRole.LEAD)])
    make_project(title="Cuisine solidaire", slug="partenaire-recent", partners=[(kept, choices.PartnerRole.LEAD)])
    make_project(title="Ateliers de quartier", slug="resume", summary="Des potagers partagés avec un laboratoire.")
    make_project(title="Potagers urbains et sciences du sol", slug="titre")

    outcome = search(parse_request({"q": "potagers"}), backend=database_alias())
    slugs = [hit.page.slug for hit in outcome.hits]
    assert outcome.count == 4
    assert slugs[:2] == ["titre", "resume"]
    # Only a partner's name has the word: equal rank, the newest page first.
    assert slugs[2:] == ["partenaire-recent", "partenaire-ancien"]


def test_the_words_are_matched_once_per_search(make_project, search_backend):
    for number in range(3):
        make_project(title=f"Potagers partagés {number}", slug=f"potagers-{number}")
    with CaptureQueriesContext(connection) as queries:
        outcome = search(parse_request({"q": "potagers partagés"}), backend=database_alias())
    assert outcome.count == 3
    statements = [query["sql"] for query in queries.captured_queries]
    if on_postgresql():
        assert sum("coop_search_id_array" in sql for sql in statements) == 1
        assert not any('"title" || "wagtailsearch_indexentry"."body"' in sql for sql in statements)
    else:
        assert not any("coop_search_id" in sql or "coop_search_matches" in sql for sql in statements)


# -- Facet id lists (migration 0005) ------------------------------------------------------------------


def facet_lists() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT facet, value, pages FROM coop_search_facetpages WHERE icount(pages) > 0")
        return {(facet, value): sorted(pages) for facet, value, pages in cursor.fetchall()}


def facet_universe() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pages FROM coop_search_facetuniverse")
        (pages,) = cursor.fetchone()  # one row, always
        return pages


def assert_the_universe_holds_every_listed_page() -> None:
    universe = facet_universe()
    assert universe == sorted(set(universe))
    assert set(universe) >= {page for pages in facet_lists().values() for page in pages}


def facet_rows() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet, value, array_agg(page_id ORDER BY page_id) FROM coop_search_searchfacet GROUP BY 1, 2"
        )
        return {(facet, value): pages for facet, value, pages in cursor.fetchall()}


def test_facet_lists_follow_the_facet_rows(corpus, make_project):
    if not on_postgresql():  # no such table on SQLite (on_postgresql checks it)
        return
    assert facet_lists() == facet_rows() != {}
    assert_the_universe_holds_every_listed_page()

    fete = ProjectPage.objects.get(pk=corpus.fete.pk)
    fete.themes.set([corpus.education.themes.first()])
    fete.status = choices.Status.FINISHED
    fete.save_revision().publish()
    assert (corpus.fete.pk in facet_lists()[("status", choices.Status.FINISHED)]) is True
    assert facet_lists() == facet_rows()
    assert_the_universe_holds_every_listed_page()

    ProjectPage.objects.get(pk=corpus.boutique.pk).delete()
    assert not any(corpus.boutique.pk in pages for pages in facet_lists().values())
    assert facet_lists() == facet_rows()
    assert_the_universe_holds_every_listed_page()

    from search.facets import sync_all

    sync_all(chunk_size=2)
    assert facet_lists() == facet_rows()
    assert_the_universe_holds_every_listed_page()

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign key checks
        cursor.execute("TRUNCATE coop_search_searchfacet")
    assert facet_universe() == []
    sync_all(chunk_size=3)
    assert facet_lists() == facet_rows()
    assert_the_universe_holds_every_listed_page()
    assert facet_universe() == sorted(ProjectPage.objects.values_list("pk", flat=True))


def outcome_facets(outcome) -> dict:
    return {name: {value.value: value.count for value in values} for name, values in outcome.facets.items()}


def test_large_searches_count_the_same_facets_from_the_id_lists(corpus, monkeypatch):
    if not on_postgresql():  # one way of counting on SQLite
        return
    for params in (
        {"q": "economie"},  # matches a draft and a private page too: not counted
        {"q": "cooperer", "sort": "recent"},
        {"q": "quartier", "region": "32"},
        {"q": "economie -sociale"},
    ):
        monkeypatch.setattr(postgres_text, "FACET_ROWS_UP_TO", 5000)
        from_rows = search(parse_request(params), backend=database_alias())
        monkeypatch.setattr(postgres_text, "FACET_ROWS_UP_TO", 0)
        # The matched pages in each list, then the list minus its unmatched pages (migration 0006).
        for ratio in (0, 1_000_000):
            monkeypatch.setattr(postgres_text, "UNMATCHED_RATIO", ratio)
            from_lists = search(parse_request(params), backend=database_alias())
            assert from_rows.count == from_lists.count > 0, (params, ratio)
            assert outcome_facets(from_lists) == outcome_facets(from_rows), (params, ratio)
            assert sum(outcome_facets(from_lists)["status"].values()) == from_rows.count, (params, ratio)
            assert [hit.page.pk for hit in from_lists.hits] == [hit.page.pk for hit in from_rows.hits], (params, ratio)


# -- Relevance from the RUM index (migration 0007) ---------------------------------------------------------


def test_matches_lacking_a_word_in_the_rank_vector_rank_with_the_unranked(make_project, search_backend):
    """RUM scores 0 a match whose rank vector (title and start of the text) lacks one of the words: it goes
    with the newest of the matches scored 0, not before them. (The index scan once read the vectors with one
    of the words: a page of 3 or 4 then ended on the newest of those, and the next page repeated a match.)"""
    if not on_postgresql():
        return
    assert postgres_text.has_ranking_index()
    garden = OrganisationFactory(name="Jardins du Coin", kind=choices.OrganisationKind.ASSOCIATION)
    vegetable = OrganisationFactory(name="Collectif Potagers", kind=choices.OrganisationKind.ASSOCIATION)
    lead = choices.PartnerRole.LEAD
    # 290 characters: the partners' names come after the first 300 of the text, out of the rank vector.
    long = "Des outils. " + "Une coopération entre une association et un laboratoire, décrite pas à pas. " * 3
    long += "Elle a duré trois ans et réuni des bénévoles."
    plan = [  # oldest first: (slug, title, summary, partners)
        ("seul-1", "Cuisine", long, [(vegetable, lead), (garden, lead)]),  # both words out of the rank vector
        ("moitie-1", "Jardins", long, [(vegetable, lead)]),  # one word in the title, the other out of the vector
        ("seul-2", "Cuisine", long, [(vegetable, lead), (garden, lead)]),
        ("moitie-2", "Cuisine", long.replace("outils", "jardins"), [(vegetable, lead)]),  # one in the summary
        ("complet-1", "Jardins potagers", long, []),
        ("seul-3", "Cuisine", long, [(vegetable, lead), (garden, lead)]),
        ("complet-2", "Jardins potagers", long, []),
        ("seul-4", "Cuisine", long, [(vegetable, lead), (garden, lead)]),
    ]
    for slug, title, summary, partners in plan:
        make_project(title=title, slug=slug, summary=summary, partners=partners)

    with connection.cursor() as cursor:  # the plan holds what it says: 2 matches with one word, 4 with none
        cursor.execute(
            "SELECT count(*) FILTER (WHERE rank_vector @@ to_tsquery('coop_french', 'jardin | potager')), count(*) "
            "FROM coop_search_text WHERE rank_vector <=> plainto_tsquery('coop_french', 'jardins potagers') "
            "= 'Infinity'"
        )
        assert cursor.fetchone() == (2, 6)
    expected = reference_order("jardins potagers", "t.rank_vector <=> q")
    assert len(expected) == len(plan)
    for size in (1, 2, 3, 4, 20):  # a page of 3 or 4 ends on the first match scored 0: the newest of them all
        assert pages_of("jardins potagers", size) == expected, size


def reference_order(word: str, ranking: str) -> list[int]:
    """Every public case study matching `word`, ordered in SQL by `ranking` then the newest."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.page_id FROM coop_search_text t JOIN wagtailcore_page p ON p.id = t.page_id, "  # noqa: S608
            f"plainto_tsquery('coop_french', %s) q WHERE t.document @@ q AND p.live ORDER BY {ranking}, 1 DESC",
            [word],
        )
        return [row[0] for row in cursor.fetchall()]


def pages_of(word: str, size: int) -> list[int]:
    """The matches of `word` by relevance, page after page of `size`, as the service asks for them."""
    engine = get_search_backend(database_alias())
    text = _text_query(parse_request({"q": word}))
    ids, offset = [], 0
    while True:
        total, _counts, page = postgres_text.matches(engine, text, None, page=(offset, size))
        ids += page
        offset += size
        if offset >= total:
            return ids


def test_relevance_pages_follow_the_ranking_index_then_the_newest(make_project, search_backend, monkeypatch):
    if not on_postgresql():  # no ranking in SQL on SQLite
        return
    assert postgres_text.has_ranking_index()  # scripts/postgres.sh installs rum: this path is the one tested
    kept = OrganisationFactory(name="Collectif Potagers", kind=choices.OrganisationKind.ASSOCIATION)
    for number in range(4):  # the word only in a partner's name: not ranked, the newest first
        make_project(title=f"Cuisine {number}", slug=f"cuisine-{number}", partners=[(kept, choices.PartnerRole.LEAD)])
    for number in range(3):  # equal titles: equal distances, the newest first
        make_project(title="Potagers urbains", slug=f"pareil-{number}")
    make_project(title="Ateliers", slug="resume", summary="Des potagers, encore des potagers partagés.")
    make_project(title="Potagers et potagers", slug="deux-fois")
    make_project(title="Potagers cachés", slug="brouillon", publish=False)

    expected = reference_order("potagers", "t.rank_vector <=> q")
    assert len(expected) == 9
    for size in (1, 2, 3, 4, 20):  # pages that end inside the ties and across the ranked / unranked edge
        assert pages_of("potagers", size) == expected, size

    # Without the index (a server without rum): every match ranked by ts_rank, the same rule after it.
    monkeypatch.setitem(postgres_text._ranking_index, connection.settings_dict["NAME"], False)
    expected = reference_order("potagers", "ts_rank(t.rank_vector, q) DESC")
    for size in (2, 20):
        assert pages_of("potagers", size) == expected, size


def test_a_page_by_relevance_holds_public_matches_of_the_whole_query_only(make_project, search_backend):
    """The index scan gives out rank vectors (title and start of the text) with every word of the query; each is
    kept only if its whole document matches the query (a phrase, not the words apart) and its page is public."""
    if not on_postgresql():
        return
    assert postgres_text.has_ranking_index()
    make_project(title="Jardins potagers", slug="phrase")
    make_project(title="Des potagers et des jardins", slug="mots-epars")  # both words, not the phrase
    make_project(title="Jardins potagers en brouillon", slug="brouillon", publish=False)
    private = make_project(title="Jardins potagers réservés", slug="reservee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # The phrase only in a partner's name, after the summary's 290 characters: out of the rank vector.
    long = "Des ateliers. " + "Une coopération entre une association et un laboratoire, décrite pas à pas. " * 3
    long += "Elle a duré trois ans et réuni des bénévoles."
    partner = OrganisationFactory(name="Jardins Potagers du Nord", kind=choices.OrganisationKind.ASSOCIATION)
    make_project(title="Cuisine", slug="plus-loin", summary=long, partners=[(partner, choices.PartnerRole.LEAD)])

    phrase = search(parse_request({"q": '"jardins potagers"'}), backend=database_alias())
    assert [hit.page.slug for hit in phrase.hits] == ["phrase", "plus-loin"]  # ranked, then not ranked
    assert phrase.count == 2
    words = search(parse_request({"q": "jardins potagers"}), backend=database_alias())
    assert sorted(hit.page.slug for hit in words.hits) == ["mots-epars", "phrase", "plus-loin"]
    assert words.count == 3
    for size in (1, 2, 3):
        assert pages_of("jardins potagers", size) == [hit.page.pk for hit in words.hits], size


def test_a_word_cut_at_the_rank_vectors_end_does_not_make_a_match(make_project, search_backend):
    """The rank vector keeps the text's first 300 characters: a word cut there can stem as a query word the
    document lacks ("Jardin|age"). The index scan gives that vector out; the page must not take it."""
    if not on_postgresql():
        return
    make_project(title="Jardins partagés", slug="jardins")
    summary = ("Une coopération entre une association et un laboratoire, décrite pas à pas. " * 4)[:292] + "."
    partner = OrganisationFactory(name="Jardinage Solidaire", kind=choices.OrganisationKind.ASSOCIATION)
    cut = make_project(title="Cuisine", slug="coupe", summary=summary, partners=[(partner, choices.PartnerRole.LEAD)])
    with connection.cursor() as cursor:  # the plan holds: the vector has the word, the document has not
        cursor.execute(
            "SELECT rank_vector @@ q, document @@ q FROM coop_search_text, "
            "plainto_tsquery('coop_french', 'jardins') q WHERE page_id = %s",
            [cut.pk],
        )
        assert cursor.fetchone() == (True, False)

    outcome = search(parse_request({"q": "jardins"}), backend=database_alias())
    assert [hit.page.slug for hit in outcome.hits] == ["jardins"]
    assert outcome.count == 1
