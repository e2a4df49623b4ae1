"""Helpers for the data tests: build import files in memory."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group

from donnees.importer import import_tables, read_tables
from tests.factories import ThemeFactory


def csv_bytes(rows: list[dict], delimiter=",", encoding="utf-8") -> bytes:
    header = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def run_json(projects, **options):
    return import_tables(read_tables(("import.json", json.dumps(projects).encode())), **options)


def run_csv(rows, companions=None, **options):
    files = {name: (f"{name}.csv", csv_bytes(companion)) for name, companion in (companions or {}).items()}
    return import_tables(read_tables(("projets.csv", csv_bytes(rows)), files), **options)


@pytest.fixture
def themes(db):
    parent = ThemeFactory(name="Santé", slug="sante")
    child = ThemeFactory(name="Santé environnementale", slug="sante-environnementale", parent=parent)
    other = ThemeFactory(name="Économie sociale", slug="ess")
    return {"parent": parent, "child": child, "other": other}


def vises(**overrides) -> dict:
    project = {
        "reference": "VISES",
        "titre": "VISES : valoriser l'impact social de l'entrepreneuriat social",
        "resume": "Chercheurs, fédérations et entreprises co-construisent un cadre d'évaluation de l'impact social.",
        "annee_debut": 2016,
        "mois_debut": 1,
        "annee_fin": 2019,
        "mois_fin": 12,
        "etat": "termine",
        "echelle": "transfrontalier",
        "forme_cooperation": "evaluation_impact",
        "themes": ["ess"],
        "territoires": ["region:32", "perimetre:BE-WAL"],
        "mots_cles": ["impact social"],
        "partenaires": [
            {"organisation": "ConcertES", "type_structure": "reseau", "role": "chef_de_file"},
            {"organisation": "COORACE Hauts-de-France", "type_structure": "reseau", "role": "partenaire_associatif"},
        ],
        "financements": [
            {"financeur": "", "programme": "Interreg V France-Wallonie-Vlaanderen", "type": "fonds_europeens"}
        ],
        "contrats": [{"type": "accord_partenariat", "parties": ["ConcertES", "COORACE Hauts-de-France"]}],
    }
    project.update(overrides)
    return project


@pytest.fixture
def indexed(catalogue, search_backend):
    """The catalogue in the configured search backend (the feed runs through the search service)."""
    from projets.models import ProjectPage

    for page in ProjectPage.objects.live():
        search_backend.add(page)
    search_backend.refresh_indexes()
    return catalogue


@pytest.fixture
def catalogue(make_project, themes):
    """Public case studies with every part, plus a draft, a private page and a members-only document."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, PageViewRestriction

    from projets import choices
    from projets.documents import members_collection
    from tests.factories import (
        ContractFactory,
        FundingLineFactory,
        OrganisationFactory,
        ProjectPartnerFactory,
        departement,
        region,
    )

    Document = get_document_model()
    lab = OrganisationFactory(name="Laboratoire d'essai", acronym="LABE", kind="laboratoire", siren="732829320")
    association = OrganisationFactory(name="Association des jardins", kind="association", rna="W623001234")
    funder = OrganisationFactory(name="Fondation d'essai", kind="fondation")
    secret_funder = OrganisationFactory(name="Financeur d'un brouillon", kind="fondation")
    public_doc = Document.objects.create(
        title="Modèle public",
        file=ContentFile(b"modele", name="modele-public.txt"),
        collection=Collection.get_first_root_node(),
    )
    members_doc = Document.objects.create(
        title="Modèle membres", file=ContentFile(b"secret", name="modele-membres.txt"), collection=members_collection()
    )

    def full(reference, title, **fields):
        page = make_project(
            title=title,
            reference=reference,
            themes=[themes["child"]],
            territories=[region("32"), departement("59")],
            publish=False,
            **fields,
        )
        ProjectPartnerFactory(page=page, organisation=lab, role=choices.PartnerRole.RESEARCH, contribution="temps")
        ProjectPartnerFactory(page=page, organisation=association, role=choices.PartnerRole.LEAD)
        FundingLineFactory(page=page, funder=funder, kind="fondation", amount="15000.50", year_from=2018, year_to=2019)
        page.tags.add("jardins", "sols")
        page.save()
        return page

    first = full("JARDINS", "Des chercheurs au jardin", end_year=2020, end_month=6, status="termine")
    contract = ContractFactory(
        page=first,
        title="Convention",
        document=public_doc,
        signed_on="2018-03-01",
        what_worked="=1+1 est une formule",
        duration_months=24,
    )
    contract.parties.set([lab, association])
    contract.save()
    second = full("SOLS", "@Sols vivants", cooperation_format="recherche_participative", scale="local")
    members = ContractFactory(page=second, title="Accord réservé", document=members_doc, visibility="membres")
    members.parties.set([lab])
    members.save()
    for page in (first, second):
        page.save_revision().publish()

    draft = make_project(title="Brouillon secret", reference="BROUILLON", publish=False)
    FundingLineFactory(page=draft, funder=secret_funder, kind="fondation")
    draft.save_revision()
    private = make_project(title="Page privée secrète", reference="PRIVEE")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {
        "public": [first, second],
        "draft": draft,
        "private": private,
        "members_doc": members_doc,
        "public_doc": public_doc,
        "secret_funder": secret_funder,
    }


SECRETS = (
    "Brouillon secret",
    "BROUILLON",
    "Page privée secrète",
    "PRIVEE",
    "modele-membres",
    "Financeur d'un brouillon",
)


@pytest.fixture
def moderator(client, django_user_model):
    """A user of the Modérateurs group, logged in on `client`."""
    user = django_user_model.objects.create_user("moderatrice", password="x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    client.force_login(user)
    return user
