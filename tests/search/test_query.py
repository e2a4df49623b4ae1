"""The query parser and the highlighter: pure functions, no database."""

import random
import unicodedata

import pytest

from search.french import analyse, fold
from search.highlight import highlight, query_stems
from search.query import QueryError, parse_params, parse_text


def test_text_is_split_into_words_phrases_and_exclusions():
    terms, phrases, excluded = parse_text('l\'impact «éducation populaire» -économie "le" -"tiers lieux" Coopérer')
    assert terms == ("impact", "cooperer")
    assert phrases == ("education populaire",)
    assert excluded == ("economie", "tiers lieux")


def test_french_analysis_conflates_forms():
    assert analyse("Coopérations") == analyse("coopérer") == analyse("COOPÉRATION") == "cooper"
    assert analyse("l'économie") == analyse("economie")
    assert analyse("le la les de") == ""


def test_parameters_are_validated():
    query = parse_params({"q": "  a  b ", "theme": ["x", "x"], "page": "2", "page_size": "50", "sort": "recent"})
    assert (query.text, query.filters, query.page, query.page_size) == ("a b", {"theme": ("x",)}, 2, 50)
    for bad in ({"page": "0"}, {"page": "-1"}, {"page_size": "1.5"}, {"theme": "a b"}, {"q": "\u202e\x1b"}):
        with pytest.raises(QueryError):
            parse_params(bad)


def test_any_input_parses_or_fails_with_a_query_error():
    rng = random.Random(4)
    alphabet = "aé'\"-« »0123456789 \x00\x1b\u202e\ud800xyz-_.,;:!?*()[]{}<>&%"
    for _ in range(2000):
        params = {
            name: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            for name in rng.sample(["q", "page", "page_size", "sort", "status", "year_from", "theme"], 3)
        }
        try:
            parse_params(params)
        except QueryError as error:
            assert str(error)


def test_highlight_escapes_user_text():
    html = highlight("<img src=x onerror=alert(1)> Coopérations & co", query_stems(("cooperer",), ()))
    assert html == "&lt;img src=x onerror=alert(1)&gt; <mark>Coopérations</mark> &amp; co"


def test_blank_values_count_towards_the_limit_of_a_filter():
    """The OpenAPI schema's maxItems counts every value: so does the parser (found by Schemathesis)."""
    import pytest
    from django.http import QueryDict

    from search.query import MAX_VALUES_PER_FILTER, QueryError, parse_params

    params = QueryDict(mutable=True)
    params.setlist("theme", [""] * (MAX_VALUES_PER_FILTER + 1))
    with pytest.raises(QueryError, match="Trop de valeurs"):
        parse_params(params)


def folded_whole(text: str) -> str:
    """fold() by its definition: the whole text decomposed (NFKD), its combining marks dropped."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    "text",
    [
        "Économie sociale et solidaire",
        "cœur, Æther, l’impact des tiers-lieux à Besançon",
        "e\u0301te\u0301 a\u0327\u0301b",  # accents typed as combining marks, in any order
        "ﬁn ½ Ⅻ ㎏ Straße ǅ İstanbul",  # compatibility forms, a capital that lowers into two characters
        "한국어 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",  # Hangul decomposes; characters past the kept table
        "plain ascii",
    ],
)
def test_fold_character_by_character_equals_folding_the_whole_text(text):
    assert fold(text) == folded_whole(text)
    assert fold(text) == folded_whole(text)  # second time: from the table of folded characters


def test_fold_equals_folding_the_whole_text_on_random_unicode():
    draw = random.Random(8)
    for _ in range(3000):
        text = "".join(
            chr(draw.choice([draw.randint(32, 0x2FF), draw.randint(0x300, 0x36F), draw.randint(0x370, 0x10FFFF)]))
            for _ in range(draw.randint(1, 12))
        )
        text = "".join(c for c in text if unicodedata.category(c) != "Cs")  # no lone surrogates
        assert fold(text) == folded_whole(text), text
