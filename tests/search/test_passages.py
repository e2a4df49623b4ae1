"""The narrative passage of a hit's snippet on the database backends (search/passages.py): read from the stored
JSON, the same passage as walking the narrative's StreamValue block by block."""

import random

import pytest

from projets.models import ProjectPage
from search.highlight import matches, query_stems
from search.passages import first_passage, first_passages

STREAM_BLOCK = ProjectPage._meta.get_field("body").stream_block


def walked(stored: list, wanted) -> str | None:
    """The reference: every block's searchable text through Wagtail's StreamValue, in order."""
    body = ProjectPage._meta.get_field("body").to_python(stored)
    for child in body:
        for text in child.block.get_searchable_content(child.value):
            if isinstance(text, str) and matches(text, wanted):
                return text
    return None


def block(kind: str, value, number: int = 0) -> dict:
    return {"type": kind, "value": value, "id": f"00000000-0000-0000-0000-{number:012d}"}


def wanted(*words: str) -> frozenset[str]:
    return query_stems(list(words), [])


NARRATIVE = [
    block("heading", {"text": "Méthodes et terrains", "level": "h2"}, 1),
    block("paragraph", "<p>Les rencontres ont eu lieu au centre social.</p><p>Un <b>labo</b>ratoire.</p>", 2),
    block("quote", {"text": "Nous avons co-construit les questions.", "attribution": "Une bénévole"}, 3),
    block("paragraph", "<p>Une co<i>opération</i> durable&nbsp;: l&#x27;&eacute;conomie solidaire.</p>", 4),
    block("video", {"url": "https://example.org/mutualisation", "title": "Film des tiers-lieux"}, 5),
    block("gone", "<p>Un type de bloc retiré : mutualisation.</p>", 6),
    block("paragraph", "<ul><li>mesure</li><li>d'impact</li></ul>a &lt; b et c &gt; d", 7),
]


@pytest.mark.parametrize(
    "words",
    [
        ["lieu"],  # in the first paragraph
        ["laboratoire"],  # split by inline markup: one word once the markup is removed
        ["cooperation"],  # idem, in a later block
        ["economie"],  # written as an HTML entity
        ["benevole"],  # a quote's attribution
        ["tiers-lieux"],  # a video's title
        ["mutualisation"],  # only in a URL and in a block type the narrative no longer has: no passage
        ["paragraph"],  # only a block type: no passage
        ["000000000004"],  # only a block id: no passage
        ["impact"],  # a list, then text with angle brackets that are no markup
        ["b"],
        ["absent"],
    ],
)
def test_the_passage_is_the_one_the_stream_value_gives(words):
    stems = wanted(*words)
    assert first_passage(NARRATIVE, STREAM_BLOCK, stems) == walked(NARRATIVE, stems)


def test_passages_found_and_not_found():
    assert first_passage(NARRATIVE, STREAM_BLOCK, wanted("laboratoire")).endswith("Un laboratoire.")
    assert "coopération durable" in first_passage(NARRATIVE, STREAM_BLOCK, wanted("economie"))
    assert first_passage(NARRATIVE, STREAM_BLOCK, wanted("mutualisation")) is None
    assert first_passage([], STREAM_BLOCK, wanted("lieu")) is None
    assert first_passage(["not a block", block("paragraph", None)], STREAM_BLOCK, wanted("lieu")) is None


def test_random_narratives_give_the_stream_values_passage():
    draw = random.Random(3)
    vocabulary = ["lieu", "tiers", "co", "opération", "économie", "é", "social", "&amp;", "&eacute;", "mesure"]
    markup = ["", "", " ", "<b>", "</b>", "<i>", "</i>", "</p><p>", "<br/>", "<li>", "</li>", " < ", " > ", "&"]
    for _ in range(400):
        stored = []
        for number in range(draw.randint(1, 5)):
            text = "".join(draw.choice(vocabulary) + draw.choice(markup) for _ in range(draw.randint(1, 8)))
            kind = draw.choice(["paragraph", "heading", "quote"])
            value = {
                "paragraph": f"<p>{text}</p>",
                "heading": {"text": text, "level": "h2"},
                "quote": {"text": text, "attribution": draw.choice(vocabulary)},
            }[kind]
            stored.append(block(kind, value, number))
        stems = wanted(draw.choice(["lieu", "cooperation", "economie", "social", "mesure", "opération"]))
        assert first_passage(stored, STREAM_BLOCK, stems) == walked(stored, stems), stored


@pytest.mark.django_db
def test_passages_of_stored_pages(make_project):
    from wagtail.rich_text import RichText

    body = [("heading", {"text": "Intro", "level": "h2"}), ("paragraph", RichText("<p>Une <b>mutualisation</b>.</p>"))]
    with_word = make_project(title="Avec", slug="avec", body=body)
    without = make_project(title="Sans", slug="sans", body=[("paragraph", RichText("<p>Rien.</p>"))])
    empty = make_project(title="Vide", slug="vide")
    found = first_passages([with_word.pk, without.pk, empty.pk], wanted("mutualiser"))
    assert found == {with_word.pk: "Une mutualisation."}
