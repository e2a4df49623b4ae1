"""Pages read from the database skip modelcluster's constructor (cms.models.BasePage.from_db)."""

import pytest
from django.apps import apps
from django.db import models
from modelcluster.models import ClusterableModel

from cms.models import BasePage
from projets.models import ProjectPage

pytestmark = pytest.mark.django_db

# Every constructor a page's classes define, besides modelcluster's, and why skipping past them is safe for a
# page that has an id: a Wagtail upgrade that adds one fails here and asks for a look at what it does.
ALLOWED_CONSTRUCTORS = {
    "wagtail.models.pages.AbstractPage",  # sets the content type of a new page (no id)
    "wagtail.models.pages.ShowInMenusMixin",  # sets show_in_menus on a new page (no id)
    "modelcluster.models.ClusterableModel",  # child rows passed as keyword arguments: never when loading
    "django.db.models.base.Model",
}


def constructors(model) -> set[str]:
    return {f"{cls.__module__}.{cls.__qualname__}" for cls in model.__mro__ if "__init__" in vars(cls)} - {
        "builtins.object"
    }


@pytest.mark.parametrize("model", [model for model in apps.get_models() if issubclass(model, BasePage)])
def test_page_constructors_are_the_known_ones(model):
    assert constructors(model) == ALLOWED_CONSTRUCTORS


def test_a_loaded_page_is_the_one_the_stock_constructor_builds(make_project):
    page = make_project(title="Jardins partagés", slug="jardins")
    loaded = ProjectPage.objects.get(pk=page.pk)
    partly = ProjectPage.objects.only("title", "summary").get(pk=page.pk)
    assert loaded.title == "Jardins partagés" and not loaded._state.adding and loaded._state.db == "default"
    for fast in (loaded, partly):
        # Page's constructor reads `id`, which a deferred parent field takes from the parent link (no query).
        assert fast.id == page.pk
        values = [
            getattr(fast, f.attname) if f.attname in vars(fast) else models.DEFERRED
            for f in fast._meta.concrete_fields
        ]
        stock = ClusterableModel.__new__(ProjectPage)
        ProjectPage.__init__(stock, *values)  # the whole chain of constructors
        assert vars(stock).keys() == vars(fast).keys()
        assert {k: v for k, v in vars(stock).items() if k != "_state"} == {
            k: v for k, v in vars(fast).items() if k != "_state"
        }
    assert partly.get_deferred_fields() >= {"body", "reference"}
    assert loaded.partners.count() == 0 and loaded.get_parent().specific_class.__name__ == "ProjectIndexPage"
