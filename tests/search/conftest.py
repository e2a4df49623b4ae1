"""A small French corpus of case studies for the search tests, the same on every backend.

`corpus` is built and indexed once per test module and only read by its tests: each test runs in a savepoint,
so what it writes to the database is undone, but what it writes to a search engine would stay for the next
ones, and the fixture fails such a test. A test that changes the corpus (saves, publishes, indexes) asks for
`corpus_to_change`, built for it alone.
"""

from dataclasses import dataclass, fields

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from projets import choices
from search.config import FALLBACK_ALIAS
from tests.conftest import (
    empty_search_backend,
    engine_in_use,
    engine_write_counts,
    forget_memory,
    project_maker,
    shared_data,
)
from tests.factories import ContractFactory, OrganisationFactory, ThemeFactory, departement, region

Kind = choices.OrganisationKind


@dataclass
class Corpus:
    impact: object
    education: object
    cooperations: object
    fete: object
    boutique: object
    circulaire: object
    draft: object
    private: object

    def public_pages(self):
        return [self.impact, self.education, self.cooperations, self.fete, self.boutique, self.circulaire]


@pytest.fixture
def corpus_to_change(make_project, search_backend, home_page):
    """The corpus built for this test alone: it may write to the database and to the search engine."""
    return build_corpus(make_project, search_backend)


@pytest.fixture(scope="module")
def shared_corpus(django_db_setup, django_db_blocker):
    """The corpus built and indexed once for the module (see the module docstring)."""
    from cms.demo import build_site_tree
    from tests.factories import ProjectIndexPageFactory

    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            forget_memory()
            backend = empty_search_backend()
            index = ProjectIndexPageFactory(parent=build_site_tree())
            built = build_corpus(project_maker(index), backend)
            pages = {field.name: getattr(built, field.name).pk for field in fields(Corpus)}
            writes = engine_writes(backend)
        yield pages, writes


@pytest.fixture
def corpus(shared_corpus, db, request):
    """The module's corpus, read only; its pages fetched again for each test."""
    from wagtail.search.backends import get_search_backend

    from projets.models import ProjectPage

    writers = {"search_backend", "make_project"} & set(request.fixturenames)
    if writers:
        pytest.fail(f"corpus is shared by the module's tests, read only: with {sorted(writers)} use corpus_to_change")
    pages, writes = shared_corpus
    fetched = ProjectPage.objects.in_bulk(pages.values())
    yield Corpus(**{name: fetched[pk] for name, pk in pages.items()})
    now = engine_writes(get_search_backend())
    if now != writes:
        writes.clear()
        writes.update(now)  # only the test that wrote fails
        pytest.fail(
            "this test wrote to the search engine (saved an indexed model, published...) the corpus its module "
            "shares: use corpus_to_change"
        )


def engine_writes(backend) -> dict:
    """What the engine counted of writes to this run's indexes; nothing for a database backend, which the
    database's rollback restores."""
    from search.engine_indexes import prefixed_indexes

    if engine_in_use() == "database":
        return {}
    return engine_write_counts(backend, sorted(prefixed_indexes(backend)))


def build_corpus(make_project, search_backend) -> Corpus:
    ess = ThemeFactory(name="Économie sociale et solidaire", slug="ess")
    impact_theme = ThemeFactory(name="Évaluation de l'impact social", slug="impact-social", parent=ess)
    education_theme = ThemeFactory(name="Éducation populaire", slug="education-populaire")
    science_theme = ThemeFactory(name="Sciences participatives", slug="sciences-participatives")
    places_theme = ThemeFactory(name="Tiers-lieux", slug="tiers-lieux")
    health_theme = ThemeFactory(name="Santé", slug="sante")

    concertes = OrganisationFactory(name="ConcertES", kind=Kind.NETWORK)
    lille = OrganisationFactory(name="Université de Lille", kind=Kind.UNIVERSITY)
    boite = OrganisationFactory(name="La Boîte Sans Projet", kind=Kind.ASSOCIATION)
    curapp = OrganisationFactory(name="Curapp-ESS", kind=Kind.RESEARCH_UNIT)
    fondation = OrganisationFactory(name="Fondation pour les sciences", kind=Kind.FOUNDATION)

    def project(**fields):
        contracts = fields.pop("contract_kinds", ())
        page = make_project(publish=False, **fields)
        for kind in contracts:
            ContractFactory(page=page, kind=kind)
        return page

    impact = project(
        title="Valoriser l'impact social de l'économie sociale",
        slug="impact-social",
        summary="Des chercheurs et des fédérations coopèrent pour évaluer l'impact social des entreprises.",
        themes=[impact_theme],
        territories=[region("32")],
        partners=[(concertes, choices.PartnerRole.LEAD), (lille, choices.PartnerRole.RESEARCH)],
        funding=[(choices.FundingKind.EUROPEAN, 1000)],
        contract_kinds=[choices.ContractKind.CONSORTIUM],
        cooperation_format=choices.CooperationFormat.IMPACT_EVALUATION,
        status=choices.Status.FINISHED,
        start_year=2016,
        end_year=2019,
    )
    education = project(
        title="Renouveler les pratiques de l'éducation populaire dans les quartiers",
        slug="education-populaire",
        summary="Une recherche-action sur les pratiques d'éducation populaire avec des militants.",
        themes=[education_theme],
        territories=[region("32"), departement("80")],
        partners=[(boite, choices.PartnerRole.ASSOCIATION), (curapp, choices.PartnerRole.RESEARCH)],
        funding=[(choices.FundingKind.PUBLIC_GRANT, None)],
        cooperation_format=choices.CooperationFormat.ACTION_RESEARCH,
        status=choices.Status.FINISHED,
        start_year=2018,
    )
    cooperations = project(
        title="Coopérations entre associations et laboratoires",
        slug="cooperations",
        summary="Un guide des coopérations réussies entre associations et laboratoires de recherche.",
        themes=[science_theme],
        territories=[departement("69")],
        partners=[(boite, choices.PartnerRole.ASSOCIATION), (curapp, choices.PartnerRole.RESEARCH)],
        funding=[(choices.FundingKind.RESEARCH_CALL, 5000)],
        contract_kinds=[choices.ContractKind.COLLABORATION, choices.ContractKind.CHARTER],
        cooperation_format=choices.CooperationFormat.PARTICIPATORY,
        status=choices.Status.ONGOING,
        start_year=2020,
    )
    fete = project(
        title="Une fête de quartier",
        slug="fete",
        summary="Un projet d'éducation à la santé pendant une fête populaire de quartier.",
        themes=[health_theme],
        territories=[region("11")],
        partners=[(boite, choices.PartnerRole.ASSOCIATION)],
        cooperation_format=choices.CooperationFormat.OTHER,
        status=choices.Status.ONGOING,
        start_year=2021,
    )
    boutique = project(
        title="Boutique des sciences",
        slug="boutique",
        summary="Coopérer avec des étudiants pour répondre aux questions des associations.",
        themes=[science_theme],
        territories=[departement("75")],
        partners=[(lille, choices.PartnerRole.RESEARCH)],
        funding=[(choices.FundingKind.FOUNDATION, 2000)],
        status=choices.Status.PREPARATION,
        start_year=2022,
    )
    circulaire = project(
        title="Tiers-lieux et économie circulaire",
        slug="circulaire",
        summary="Des ateliers de réparation étudiés avec une équipe de recherche en Bretagne.",
        themes=[places_theme],
        territories=[region("53")],
        partners=[(fondation, choices.PartnerRole.FUNDER)],
        status=choices.Status.ONGOING,
        start_year=2019,
    )
    draft = project(title="Économie sociale : brouillon", slug="brouillon", summary="Économie sociale, coopérations.")
    private = project(
        title="Économie sociale réservée", slug="reservee", summary="Économie sociale et coopérations privées."
    )
    for page in (impact, education, cooperations, fete, boutique, circulaire, private):
        page.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft.unpublish()
    search_backend.refresh_indexes()
    return Corpus(impact, education, cooperations, fete, boutique, circulaire, draft, private)


def _database_vendor() -> str:
    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


def _backends() -> list:
    """(alias, label) of every search backend this run configures."""
    default = engine_in_use()
    aliases = [("default", default if default != "database" else f"{_database_vendor()}-database")]
    if default != "database" and FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS:
        aliases.append((FALLBACK_ALIAS, f"{_database_vendor()}-database"))
    return [pytest.param(alias, id=label) for alias, label in aliases]


@pytest.fixture(params=_backends())
def backend(request):
    """Every search backend this run configures, by alias (the contract suite and its companions)."""
    return request.param
