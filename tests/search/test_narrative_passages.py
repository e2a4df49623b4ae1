"""Passages stored at publication (search.narrative_passages): written, dropped and rebuilt with the narrative
they come from, and read in one query."""

import pytest
from wagtail.rich_text import RichText

from search.highlight import query_stems
from search.models import NarrativePassages
from search.narrative_passages import stored_passages, sync_all
from search.passages import first_passages

pytestmark = pytest.mark.django_db


def wanted(*words: str) -> frozenset[str]:
    return query_stems(list(words), [])


def paragraph(html: str):
    return ("paragraph", RichText(html))


def stored_pieces(page) -> list[str] | None:
    row = NarrativePassages.objects.filter(page=page).first()
    return row and row.pieces


def test_publishing_stores_them_and_a_narrative_saved_otherwise_drops_them(make_project, django_assert_num_queries):
    heading = ("heading", {"text": "Méthodes", "level": "h2"})
    page = make_project(
        title="Tiers-lieux", slug="tiers-lieux", body=[heading, paragraph("<p>Une mutualisation.</p>")]
    )
    assert stored_pieces(page) == ["Méthodes", "Une mutualisation."]
    with django_assert_num_queries(1):  # the stored passages only: no narrative read
        assert first_passages([page.pk], wanted("mutualiser", "methode")) == {page.pk: "Méthodes"}
    assert first_passages([page.pk], wanted("mutualiser")) == {page.pk: "Une mutualisation."}
    assert stored_passages([page.pk], wanted("absent")) == {page.pk: None}
    assert first_passages([page.pk], wanted("absent")) == {}

    # A draft leaves the live narrative, and its passages, as they are.
    page.body = [paragraph("<p>Un brouillon sur la coopération.</p>")]
    page.save_revision()
    assert stored_pieces(page) == ["Méthodes", "Une mutualisation."]

    # Saved without publishing: the passages go, and the narrative itself is read.
    page.save()
    assert stored_pieces(page) is None
    with django_assert_num_queries(2):
        assert first_passages([page.pk], wanted("cooperation")) == {page.pk: "Un brouillon sur la coopération."}

    page.save_revision().publish()
    assert stored_pieces(page) == ["Un brouillon sur la coopération."]


def test_sync_all_rebuilds_the_live_case_studies(make_project):
    live = make_project(title="Publiée", slug="publiee", body=[paragraph("<p>Une évaluation.</p>")])
    draft = make_project(title="Brouillon", slug="brouillon", body=[paragraph("<p>Rien.</p>")], publish=False)
    NarrativePassages.objects.all().delete()
    assert sync_all(chunk_size=1) >= 1
    assert stored_pieces(live) == ["Une évaluation."]
    assert stored_pieces(draft) is None
    assert first_passages([live.pk, draft.pk], wanted("evaluer")) == {live.pk: "Une évaluation."}
