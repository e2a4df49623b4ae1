from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from donnees.importer import companion_paths, import_tables, read_tables
from projets.models import Organisation, ProjectPage

from .conftest import run_json, vises


def test_json_import_creates_a_draft_with_its_parts(project_index, themes):
    report = run_json([vises()])
    assert report.ok, report.errors
    assert report.created == ["VISES"]
    page = ProjectPage.objects.get(reference="VISES")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert [p.organisation.name for p in draft.partners.all()] == ["ConcertES", "COORACE Hauts-de-France"]
    parties = draft.contracts.all()[0].parties.all()
    assert sorted(c.pk for c in parties) == sorted(p.organisation_id for p in draft.partners.all())
    assert sorted(t.code for t in page.territories.all()) == ["32", "BE-WAL"]


def test_reimport_changes_nothing(project_index, themes):
    assert run_json([vises()], publish=True).ok
    page = ProjectPage.objects.get(reference="VISES")
    revisions = page.revisions.count()
    report = run_json([vises()], publish=True)
    assert report.unchanged == ["VISES"] and report.created == [] and report.updated == []
    assert page.revisions.count() == revisions
    assert Organisation.objects.values("normalised_name").annotate(n=Count("pk")).filter(n__gt=1).count() == 0
    assert Organisation.objects.count() == 2


def test_change_updates_and_publishes(project_index, themes):
    assert run_json([vises()], publish=True).ok
    project = vises(financements=[{"type": "fonds_europeens", "montant": "1 000,50"}])
    report = run_json([project], publish=True)
    assert report.updated == ["VISES"], report.errors
    page = ProjectPage.objects.get(reference="VISES")
    assert page.live
    assert [line.amount for line in page.funding_lines.all()] == [Decimal("1000.50")]


@pytest.mark.parametrize("name", ["exemple.json", "exemple.xlsx", "exemple.csv"])
def test_shipped_examples_import(project_index, name):
    path = Path(settings.BASE_DIR) / "docs" / "import" / name
    companions = {t: (p.name, p.read_bytes()) for t, p in companion_paths(path).items()}
    report = import_tables(read_tables((name, path.read_bytes()), companions), dry_run=True)
    assert report.ok, report.errors
    assert len(report.created) == 2 and report.organisations_created == 7


def test_organisations_are_matched_by_identifier_then_by_normalised_name(project_index, themes):
    from tests.factories import OrganisationFactory

    known = OrganisationFactory(name="Réseau des économies solidaires", kind="reseau", siren="732829320")
    named = OrganisationFactory(name="COORACE Hauts-de-France", kind="reseau")
    project = vises(
        partenaires=[
            # Another spelling, the same SIREN: the identifier wins over the name.
            {"organisation": "ConcertES", "type_structure": "reseau", "role": "chef_de_file", "siren": "732 829 320"},
            # No identifier, the same name once case, accents and spaces are set aside.
            {"organisation": "  coorace HAUTS-DE-FRANCE ", "role": "partenaire_associatif"},
        ],
        contrats=[],
    )
    report = run_json([project])
    assert report.ok, report.errors
    assert report.organisations_created == 0
    draft = ProjectPage.objects.get(reference="VISES").get_latest_revision_as_object()
    assert [p.organisation_id for p in draft.partners.all()] == [known.pk, named.pk]
    assert Organisation.objects.count() == 2
