"""Case-study lessons and workshop lessons share one abstract base: same fields, choices and panels."""

from projets.models import Lesson, WorkshopLesson
from projets.models.parts import LessonBase


def test_both_lesson_models_inherit_the_shared_fields_and_panels():
    assert LessonBase._meta.abstract
    for model in (Lesson, WorkshopLesson):
        assert issubclass(model, LessonBase)
        assert model.panels is LessonBase.panels
        for name in ("kind", "category", "text"):
            assert model._meta.get_field(name).choices == LessonBase._meta.get_field(name).choices
        assert model._meta.ordering == ["sort_order"]
    assert Lesson._meta.get_field("page").remote_field.related_name == "lessons"
    assert WorkshopLesson._meta.get_field("workshop").remote_field.related_name == "lessons"
    assert str(Lesson(kind="frein", category="financement", text="Le financement des projets.")) == (
        "Frein (Financement) : Le financement des projets."
    )
