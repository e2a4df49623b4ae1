"""One OpenSearch / Elasticsearch request for a page of results, the total and every facet count.

The words go to `_all_text` (every SearchField, French analysis, so all words must appear somewhere in
the case study, as on the database backends); the boosted copies (`_all_text_boost_*`) only add to the
score. Filters are the FilterFields Wagtail indexes, including the facet_* values of ProjectPage.
The hits come back with their cards (search.cards) and, for the snippet of a hit whose summary lacks the
words, the passage of its narrative the engine's highlighter finds them in.
"""

from django.db.models import Model
from modelsearch.index import FilterField, SearchField
from modelsearch.query import MATCH_ALL

from projets.facets import FACETS, FACETS_BY_NAME, split_facet_key
from search.backends.matching import Match
from search.cards import CARD_FIELD
from search.highlight import SNIPPET_LENGTH
from search.query import SearchQuery

# Enough buckets for every value of every facet (101 départements, 18 regions, every theme, every year,
# the kinds: about 250 today); the default is only 10.
FACET_BUCKETS = 5000
FACETS_AGGREGATION = "facets"
# Short per-request timeout: a slow engine degrades to the database backend instead of hanging.
SEARCH_TIMEOUT_SECONDS = 2


def filter_column(mapping, model: type[Model], attname: str) -> str:
    for field in model.get_search_fields():
        if isinstance(field, FilterField) and field.field_name == attname:
            return mapping.get_field_column_name(field)
    raise LookupError(f"{model.__name__} has no FilterField {attname!r}")


def search_column(mapping, model: type[Model], name: str) -> str:
    for field in model.get_search_fields():
        if isinstance(field, SearchField) and field.field_name == name:
            return mapping.get_field_column_name(field)
    raise LookupError(f"{model.__name__} has no SearchField {name!r}")


def boost_fields(compiler) -> list[tuple[str, float]]:
    return [(field.field_name, field.boost) for field in compiler.remapped_fields if field.field_name != "_all_text"]


def text_clauses(query: SearchQuery, compiler, fuzzy=(), any_words: bool = False) -> tuple[list, list, list]:
    """Every word and phrase; the `fuzzy` words with typo tolerance; with `any_words`, any of them."""
    must, should, must_not = [], [], []
    fuzzy = query.terms if fuzzy is True else tuple(fuzzy)
    exact = [term for term in query.terms if term not in fuzzy]
    if exact:
        match = {"query": " ".join(exact), "operator": "or" if any_words else "and"}
        must.append({"match": {"_all_text": match}})
        should.extend({"match": {name: {**match, "boost": boost}}} for name, boost in boost_fields(compiler))
    if fuzzy:
        # Stems are often too short to be compared letter by letter: fuzzy matching runs on the folded,
        # unstemmed title words (Wagtail's autocomplete field), where "cooperatoin" is one edit
        # (a transposition) away from "cooperation"; or on the stems of every field ("biodiverstié").
        fuzzy_match = {"query": " ".join(fuzzy), "operator": "and", "fuzziness": "AUTO", "prefix_length": 1}
        either = [{"match": {"_edgengrams": fuzzy_match}}, {"match": {"_all_text": fuzzy_match}}]
        must.append({"bool": {"should": either, "minimum_should_match": 1}})
    for phrase in query.phrases:
        must.append({"match_phrase": {"_all_text": phrase}})
        should.extend(
            {"match_phrase": {name: {"query": phrase, "boost": boost}}} for name, boost in boost_fields(compiler)
        )
    if any_words and must:
        must = [{"bool": {"should": must, "minimum_should_match": 1}}]
    for excluded in query.excluded:
        kind = "match_phrase" if " " in excluded else "match"
        must_not.append({kind: {"_all_text": excluded}})
    return must, should, must_not


def build_body(
    backend, model, base_queryset, query: SearchQuery, exclude_ids=(), fuzzy=(), counted=True, any_words=False
) -> dict:
    compiler = backend.query_compiler_class(base_queryset, MATCH_ALL)
    mapping = compiler.mapping
    must, should, must_not = text_clauses(query, compiler, fuzzy, any_words)
    filters = list(compiler.get_filters())  # content type, live, public (view restrictions)
    for name, values in query.filters.items():
        filters.append({"terms": {filter_column(mapping, model, FACETS_BY_NAME[name].engine_field): list(values)}})
    year_range = {}
    if query.year_from:
        year_range["gte"] = query.year_from
    if query.year_to:
        year_range["lte"] = query.year_to
    if year_range:
        filters.append({"range": {filter_column(mapping, model, "start_year"): year_range}})
    if exclude_ids:
        must_not.append({"terms": {"pk": [str(pk) for pk in exclude_ids]}})

    id_column = filter_column(mapping, model, "id")
    facet_keys_column = filter_column(mapping, model, "facet_keys")
    if query.sort == "recent":
        sort = [{filter_column(mapping, model, "first_published_at"): {"order": "desc"}}, {id_column: "desc"}]
    elif query.sort == "debut" or not query.has_text:
        start_year = filter_column(mapping, model, "start_year")
        sort = [{start_year: {"order": "desc", "missing": "_last"}}, {id_column: "desc"}]
    else:
        sort = ["_score", {id_column: "desc"}]

    body = {
        "query": {
            "bool": {"must": must or [{"match_all": {}}], "should": should, "must_not": must_not, "filter": filters}
        },
        "sort": sort,
        "from": (query.page - 1) * query.page_size,
        "size": query.page_size,
        "track_total_hits": counted,
        "_source": {"includes": [CARD_FIELD]},
        backend.results_class.fields_param_name: ["pk"],
    }
    if must and not fuzzy:
        body["highlight"] = passage_highlight(search_column(mapping, model, "body"), must)
    if counted:
        # One aggregation over the "facet:value" keys rather than one per facet (projets.facets.facet_keys).
        body["aggs"] = {FACETS_AGGREGATION: {"terms": {"field": facet_keys_column, "size": FACET_BUCKETS}}}
    return body


def passage_highlight(narrative_column: str, text_clauses: list) -> dict:
    """The narrative's passage that best holds the words, as it is (no tags: search.highlight marks it, as
    on the database backends); the words only, not the filters (`highlight_query`), matched in the narrative
    although the query searches `_all_text` (`require_field_match`)."""
    return {
        "pre_tags": [""],
        "post_tags": [""],
        "require_field_match": False,
        "highlight_query": {"bool": {"should": text_clauses}},
        "fields": {narrative_column: {"number_of_fragments": 1, "fragment_size": SNIPPET_LENGTH}},
    }


def run(
    backend, model, base_queryset, query: SearchQuery, exclude_ids=(), fuzzy=(), counted=True, any_words=False
) -> Match:
    """The page of hits (ids in order, with their cards and passages), the total and {facet: {value: count}}
    from a single engine request; with `counted` false, only the page is asked for (no total, no
    aggregation: both None). `fuzzy`: the words matched with typo tolerance; `any_words`: any of the
    words (search.backends.matching)."""
    body = build_body(backend, model, base_queryset, query, exclude_ids, fuzzy, counted, any_words)
    index = backend.get_index_for_model(model).name
    try:
        response = _send(backend, index, body)
    except Exception as error:
        if not _transient(error):
            raise
        response = _send(backend, index, body)  # once: an atomic rebuild just swapped the index
    hits = response["hits"]
    ids, cards, passages = [], {}, {}
    for hit in hits["hits"]:
        pk = int(hit["fields"]["pk"][0])
        ids.append(pk)
        card = hit.get("_source", {}).get(CARD_FIELD)
        if card is not None:  # none in an index built before the cards: read from the database
            cards[pk] = card
        for fragments in hit.get("highlight", {}).values():
            passages[pk] = fragments[0]
    if not counted:
        return Match(ids, None, None, cards=cards, passages=passages)
    total = hits["total"]["value"]
    counts = facet_counts(response["aggregations"][FACETS_AGGREGATION]["buckets"])
    return Match(ids, total, counts, cards=cards, passages=passages)


def facet_counts(buckets: list[dict]) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} from the buckets of "facet:value" keys, every facet present."""
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
    for bucket in buckets:
        name, value = split_facet_key(str(bucket["key"]))
        # An empty value (a case study without a cooperation format) is no facet value: the database
        # backends leave it out of the facet table, and a facet link without a label would be meaningless.
        if name in counts and value:
            counts[name][value] = bucket["doc_count"]
    return counts


def _send(backend, index: str, body: dict) -> dict:
    client = backend.es
    if hasattr(client, "options"):  # elasticsearch 8+: body keys as arguments ("from" is a keyword)
        body = {**body, "from_": body["from"]}
        del body["from"]
        return client.options(request_timeout=SEARCH_TIMEOUT_SECONDS).search(index=index, **body)
    if backend.use_new_elasticsearch_api:
        return client.search(index=index, request_timeout=SEARCH_TIMEOUT_SECONDS, **body)
    return client.search(index=index, body=body, request_timeout=SEARCH_TIMEOUT_SECONDS)


def _transient(error: Exception) -> bool:
    """The index was replaced under a running query (alias swap): all shards failed (503) or not found (404).

    Timeouts and refused connections are not retried: they go straight to the database backend.
    """
    status = getattr(error, "status_code", None)
    if status is None:
        status = getattr(getattr(error, "meta", None), "status", None)
    return status in (404, 503)
