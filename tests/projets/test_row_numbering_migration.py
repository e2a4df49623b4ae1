"""The data migration that numbers inline rows stored with a NULL sort_order (demo and importer, before
cms.rows.NumberedRowsMixin): per parent, in id order, only where no row of that parent is numbered."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from modelcluster.fields import ParentalKey

from cms.rows import NumberedRowsMixin
from projets.models import Lesson, ProjectPartner, ProjectSource
from tests.factories import LessonFactory, OrganisationFactory, ProjectPartnerFactory, SourceFactory

MIGRATION_KEY = ("projets", "0009_ui_number_unordered_rows")
migration = importlib.import_module("projets.migrations.0009_ui_number_unordered_rows")


def run_migration() -> int:
    return migration.number_all(apps, connection)


@pytest.mark.django_db
def test_null_rows_are_numbered_per_parent_in_id_order(make_project):
    first = make_project(title="Oiseaux des champs", publish=False)
    second = make_project(title="Jardins partagés", publish=False)
    partners = [ProjectPartnerFactory(page=first, organisation=OrganisationFactory()) for _ in range(3)]
    others = [ProjectPartnerFactory(page=second, organisation=OrganisationFactory()) for _ in range(2)]
    lessons = [LessonFactory(page=second) for _ in range(2)]
    ProjectPartner.objects.update(sort_order=None)
    Lesson.objects.update(sort_order=None)

    assert run_migration() == 7

    assert list(first.partners.order_by("id").values_list("sort_order", flat=True)) == [0, 1, 2]
    assert list(second.partners.order_by("id").values_list("sort_order", flat=True)) == [0, 1]
    assert list(second.lessons.order_by("id").values_list("sort_order", flat=True)) == [0, 1]
    # The ORM order (sort_order) is now the creation order.
    assert list(first.partners.all()) == partners
    assert list(second.partners.all()) == others
    assert list(second.lessons.all()) == lessons


@pytest.mark.django_db
def test_parents_with_a_numbered_row_are_left_alone_and_a_second_run_changes_nothing(make_project):
    page = make_project(title="Oiseaux des champs", publish=False)
    numbered = SourceFactory(page=page, sort_order=5)
    unnumbered = SourceFactory(page=page)
    ProjectSource.objects.filter(pk=unnumbered.pk).update(sort_order=None)
    partner = ProjectPartnerFactory(page=page, organisation=OrganisationFactory(), sort_order=3)

    assert run_migration() == 0

    assert dict(ProjectSource.objects.values_list("pk", "sort_order")) == {numbered.pk: 5, unnumbered.pk: None}
    partner.refresh_from_db()
    assert partner.sort_order == 3


@pytest.mark.django_db
def test_every_orderable_of_projets_is_covered():
    """Including WorkshopLesson, whose parent is a workshop (column workshop_id), not a page."""
    model = apps.get_model("projets", "WorkshopLesson")
    assert ("WorkshopLesson", "workshop") in migration.ROWS
    assert model._meta.get_field("workshop").column == "workshop_id"
    tables = {apps.get_model("projets", name)._meta.db_table for name, _parent in migration.ROWS}
    models = apps.get_app_config("projets").get_models()
    orderables = [m for m in models if "sort_order" in {f.name for f in m._meta.get_fields()}]
    # Rows of models made after the migration are numbered when their parent is saved (NumberedRowsMixin).
    existed = {name for app, name in MigrationLoader(None).project_state(MIGRATION_KEY).models if app == "projets"}
    older = {m._meta.db_table for m in orderables if m._meta.model_name in existed}
    assert older <= tables, older - tables
    for model in orderables:
        if model._meta.model_name not in existed:
            parent = next(f for f in model._meta.get_fields() if isinstance(f, ParentalKey)).related_model
            assert issubclass(parent, NumberedRowsMixin), model
