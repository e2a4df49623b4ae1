"""projets.page_lists: a case study's short lists in one statement, as the ORM would give them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projets import choices
from projets.models import Territory
from projets.page_lists import page_lists
from tests.factories import LessonFactory, SourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def departement(code: str) -> Territory:
    return Territory.objects.get(kind=choices.TerritoryKind.DEPARTEMENT, code=code)


def test_the_lists_are_those_of_the_orm_in_the_same_order(make_project):
    themes = [ThemeFactory(name=name, slug=slug) for name, slug in (("Santé", "sante"), ("Culture", "culture"))]
    territories = [departement("62"), Territory.objects.get(kind=choices.TerritoryKind.REGION, code="32")]
    page = make_project(title="Listes", themes=themes, territories=territories, publish=False)
    page.tags.add("sols", "jardins")
    LessonFactory(page=page, kind=choices.LessonKind.LEVER, text="Un levier.")
    LessonFactory(page=page, kind=choices.LessonKind.OBSTACLE, text="Un frein.")
    SourceFactory(page=page, title="Seconde", read_on=datetime.date(2024, 3, 1))
    SourceFactory(page=page, title="Sans date")
    page.save_revision().publish()
    page.refresh_from_db()
    other = make_project(title="Une autre", themes=[ThemeFactory(name="Autre", slug="autre")])
    LessonFactory(page=other, text="Pas la sienne.")

    with CaptureQueriesContext(connection) as captured:
        lists = page_lists(page)
        shown = (
            [(theme.pk, theme.name, theme.slug) for theme in lists.themes],
            [(territory.pk, str(territory), territory.get_kind_display()) for territory in lists.territories],
            [(lesson.pk, lesson.kind, lesson.get_category_display(), lesson.text) for lesson in lists.lessons],
            [(source.pk, source.title, source.url, source.read_on) for source in lists.sources],
        )
    assert len(captured) == 1  # and reading what the page shows of them asks nothing more

    assert shown[0] == [(theme.pk, theme.name, theme.slug) for theme in page.themes.all()]
    assert [name for _pk, name, _slug in shown[0]] == ["Culture", "Santé"]
    assert shown[1] == [(t.pk, str(t), t.get_kind_display()) for t in page.territories.all()]
    assert [label for _pk, label, _kind in shown[1]] == ["Pas-de-Calais (62)", "Hauts-de-France"]
    assert lists.tag_names == sorted(tag.name for tag in page.tags.all()) == ["jardins", "sols"]
    assert shown[2] == [(one.pk, one.kind, one.get_category_display(), one.text) for one in page.lessons.all()]
    assert [text for *_rest, text in shown[2]] == ["Un levier.", "Un frein."]
    assert shown[3] == [(s.pk, s.title, s.url, s.read_on) for s in page.sources.all()]
    assert shown[3][0][3] == datetime.date(2024, 3, 1) and shown[3][1][3] is None


def test_a_case_study_without_lists_has_empty_ones(make_project):
    page = make_project(title="Rien")
    page.themes.clear()
    lists = page_lists(page)
    assert (lists.themes, lists.territories, lists.tag_names, lists.lessons, lists.sources) == ([], [], [], [], [])


def test_a_preview_shows_the_lists_the_editor_has_not_saved(make_project):
    """A preview renders the page object the editor's form built: its lists are in memory, not in the database."""
    from projets.models import Lesson

    page = make_project(title="Aperçu")
    page.themes.add(ThemeFactory(name="Thème pas encore enregistré", slug="pas-encore"))
    page.lessons.add(
        Lesson(kind=choices.LessonKind.LEVER, category=choices.LessonCategory.FINDING, text="Levier neuf.")
    )
    page.tags.add("brouillon")
    html = page.make_preview_request().render().content.decode()
    assert "Thème pas encore enregistré" in html and "Levier neuf." in html
    assert '"brouillon"' in html  # in the JSON-LD keywords
    # The page as served still shows what is saved.
    assert page_lists(type(page).objects.get(pk=page.pk)).lessons == []
