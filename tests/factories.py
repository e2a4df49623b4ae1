"""Factories for the tests (wagtail-factories / factory_boy)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from projets import choices
from projets.models import (
    Contract,
    FundingLine,
    Lesson,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectSource,
    Territory,
    Theme,
)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = choices.OrganisationKind.ASSOCIATION


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Projets"
    slug = "projets"


class ProjectPageFactory(wagtail_factories.PageFactory):
    """A live case study. Pass `parent=` (a ProjectIndexPage) and relations after creation."""

    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Étude de cas {n}")
    slug = factory.Sequence(lambda n: f"etude-de-cas-{n}")
    summary = "Une coopération entre une association et un laboratoire."
    start_year = 2018
    status = choices.Status.ONGOING

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if create and extracted:
            self.territories.set(extracted)


class ProjectPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    organisation = factory.SubFactory(OrganisationFactory)
    role = choices.PartnerRole.ASSOCIATION


class FundingLineFactory(DjangoModelFactory):
    class Meta:
        model = FundingLine

    kind = choices.FundingKind.PUBLIC_GRANT
    programme = "Chercheurs-citoyens"


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    kind = choices.ContractKind.COLLABORATION


class LessonFactory(DjangoModelFactory):
    class Meta:
        model = Lesson

    kind = choices.LessonKind.LEVER
    category = choices.LessonCategory.FINDING
    text = "Un médiateur a aidé les partenaires à se comprendre."


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = ProjectSource

    title = "Page du projet"
    url = "https://example.org/projet"


def region(code: str) -> Territory:
    return Territory.objects.get(kind=choices.TerritoryKind.REGION, code=code)


def departement(code: str) -> Territory:
    return Territory.objects.get(kind=choices.TerritoryKind.DEPARTEMENT, code=code)
