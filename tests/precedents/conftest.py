"""A small graph of case studies, contracts, lessons and organisations shared by the precedents tests."""

import copy
import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from projets import choices
from tests.conftest import forget_memory, project_maker, shared_data
from tests.factories import ContractFactory, LessonFactory, OrganisationFactory, ThemeFactory, departement, region

K = choices.OrganisationKind
R = choices.PartnerRole
F = choices.FundingKind


def contract(page, parties, **fields):
    item = ContractFactory(page=page, **fields)
    item.parties.set(parties)
    item.save()
    return item


@pytest.fixture(scope="module")
def graph_once(django_db_setup, django_db_blocker):
    """Built once for the module; each test's own writes are rolled back (tests/conftest.py: shared_data)."""
    from cms.demo import build_site_tree
    from tests.factories import ProjectIndexPageFactory

    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            forget_memory()
            graph = build_graph(project_maker(ProjectIndexPageFactory(parent=build_site_tree())))
        yield graph


@pytest.fixture
def graph(graph_once, db):
    """Three live public case studies, one draft and one private; six public contracts (a copy per test)."""
    return copy.deepcopy(graph_once)


def build_graph(make_project) -> SimpleNamespace:
    g = SimpleNamespace()
    g.health = ThemeFactory(name="Santé", slug="sante")
    g.food = ThemeFactory(name="Alimentation", slug="alimentation", parent=g.health)
    g.nature = ThemeFactory(name="Biodiversité", slug="biodiversite")

    g.assoc_nord = OrganisationFactory(name="Jardins du Nord", kind=K.ASSOCIATION, territory=departement("59"))
    g.assoc_paris = OrganisationFactory(name="Quartiers solidaires", kind=K.ASSOCIATION, territory=departement("75"))
    g.lab_nord = OrganisationFactory(name="Laboratoire Lille", kind=K.RESEARCH_UNIT, territory=departement("59"))
    g.lab_arras = OrganisationFactory(name="Laboratoire Arras", kind=K.RESEARCH_UNIT, territory=departement("62"))
    g.univ_paris = OrganisationFactory(name="Université Paris", kind=K.UNIVERSITY, territory=departement("75"))
    g.lab_lyon = OrganisationFactory(name="Laboratoire Lyon", kind=K.RESEARCH_UNIT, territory=departement("69"))
    g.lab_far = OrganisationFactory(name="Laboratoire Marseille", kind=K.RESEARCH_UNIT, territory=region("93"))
    g.lab_nowhere = OrganisationFactory(name="Réseau national de recherche", kind=K.RESEARCH_BODY)
    g.foundation = OrganisationFactory(name="Fondation Exemple", kind=K.FOUNDATION, territory=region("11"))

    g.p1 = make_project(
        title="Jardins et dioxines",
        start_year=2018,
        end_year=2020,
        cooperation_format=choices.CooperationFormat.PARTICIPATORY,
        themes=[g.food],
        territories=[departement("59")],
        partners=[(g.assoc_nord, R.LEAD), (g.lab_nord, R.RESEARCH), (g.lab_arras, R.RESEARCH)],
        funding=[(F.PUBLIC_GRANT, 1000), (F.CIFRE, 2000)],
    )
    g.p2 = make_project(
        title="Jeunesse des quartiers",
        start_year=2021,
        cooperation_format=choices.CooperationFormat.ACTION_RESEARCH,
        themes=[g.health],
        territories=[region("11")],
        partners=[
            (g.assoc_paris, R.LEAD),
            (g.univ_paris, R.RESEARCH),
            (g.lab_nord, R.RESEARCH),
            (g.foundation, R.FUNDER),
        ],
        funding=[(F.RESEARCH_CALL, 5000)],
    )
    g.p3 = make_project(
        title="Oiseaux des champs",
        start_year=2015,
        end_year=2016,
        cooperation_format=choices.CooperationFormat.SCIENCE_SHOP,
        themes=[g.nature, g.health],
        territories=[region("84")],
        partners=[(g.lab_lyon, R.RESEARCH), (g.lab_far, R.RESEARCH), (g.lab_nowhere, R.RESEARCH)],
    )
    g.draft = make_project(title="Brouillon", publish=False, themes=[g.health], territories=[region("32")])
    g.private = make_project(
        title="Section privée", themes=[g.health], territories=[region("32")], partners=[(g.lab_far, R.RESEARCH)]
    )
    PageViewRestriction.objects.create(page=g.private, restriction_type=PageViewRestriction.LOGIN)

    g.document = Document.objects.create(title="Modèle de contrat", file=ContentFile(b"modele", name="modele.txt"))
    g.c1 = contract(
        g.p1,
        [g.assoc_nord, g.lab_nord],
        kind=choices.ContractKind.COLLABORATION,
        title="Contrat de collaboration Jardins",
        signed_on=datetime.date(2019, 3, 1),
        duration_months=24,
        intellectual_property=choices.IntellectualProperty.CO_OWNERSHIP,
        publication=choices.Publication.PRIOR_REVIEW,
        publication_review_days=30,
        data=choices.DataClause.PERSONAL,
        compensation=choices.Compensation.COSTS_COVERED,
        governance=choices.Governance.STEERING_COMMITTEE,
        what_worked="La réunion mensuelle a évité les malentendus.",
        what_to_change="Écrire plus tôt la clause sur les données.",
        document=g.document,
        visibility=choices.Visibility.MEMBERS,
    )
    g.c2 = contract(
        g.p1,
        [g.assoc_nord, g.lab_nord],
        kind=choices.ContractKind.CIFRE,
        duration_months=36,
        intellectual_property=choices.IntellectualProperty.LAB_OWNS,
        publication=choices.Publication.FREE,
        what_worked='=HYPERLINK("http://exemple.invalid")',
    )
    g.c3 = contract(
        g.p2,
        [g.assoc_paris, g.univ_paris, g.lab_nord],
        kind=choices.ContractKind.CONSORTIUM,
        signed_on=datetime.date(2022, 1, 10),
        intellectual_property=choices.IntellectualProperty.CO_OWNERSHIP,
        publication=choices.Publication.FREE,
        data=choices.DataClause.OPEN,
        what_to_change="Prévoir l'ŒUVRE commune dès le départ.",
    )
    g.c4 = contract(
        g.p2,
        [g.assoc_paris],
        kind=choices.ContractKind.CHARTER,
        governance=choices.Governance.MEDIATOR,
        compensation=choices.Compensation.PAID,
    )
    g.c5 = contract(
        g.p3,
        [g.lab_lyon],
        kind=choices.ContractKind.COLLABORATION,
        duration_months=12,
        intellectual_property=choices.IntellectualProperty.OPEN_LICENCE,
        publication=choices.Publication.FREE,
        data=choices.DataClause.OPEN,
    )
    g.c6 = contract(g.p3, [], kind=choices.ContractKind.SERVICE, compensation=choices.Compensation.PAID)
    g.hidden_draft = contract(g.draft, [g.assoc_nord], kind=choices.ContractKind.COLLABORATION, what_worked="réunion")
    g.hidden_private = contract(g.private, [g.lab_far], kind=choices.ContractKind.SERVICE, what_worked="réunion")
    g.public = [g.c1, g.c2, g.c3, g.c4, g.c5, g.c6]

    g.lessons = [
        LessonFactory(page=g.p1, kind="frein", category="temporalites", text="Les calendriers divergent."),
        LessonFactory(page=g.p1, kind="levier", category="temporalites", text="Un rétroplanning partagé."),
        LessonFactory(page=g.p2, kind="levier", category="financement", text="Un appel dédié."),
        LessonFactory(page=g.p3, kind="frein", category="se_trouver", text="Se connaître prend du temps."),
        LessonFactory(page=g.draft, kind="frein", category="financement", text="Texte de brouillon."),
        LessonFactory(page=g.private, kind="frein", category="financement", text="Texte privé."),
    ]
    return g
