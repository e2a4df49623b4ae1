"""Builders shared by the public-site tests (unit and browser): a complete case study."""

from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from projets import choices
from projets.models import Organisation
from tests.factories import (
    ContractFactory,
    LessonFactory,
    OrganisationFactory,
    SourceFactory,
    ThemeFactory,
    region,
)


def build_case_study(make_project, *, partner_count=2, title="Recherche-action sur l'éducation populaire", slug=None):
    """A published case study with partners, funding, a members-only contract, lessons and a source."""
    theme = ThemeFactory(name="Éducation populaire", slug="education-populaire")
    association = Organisation.objects.filter(rna="W622000001").first() or OrganisationFactory(
        name="Maison des associations d'Arras", kind=choices.OrganisationKind.ASSOCIATION, rna="W622000001"
    )
    lab = Organisation.objects.filter(ror="02kzqn938").first() or OrganisationFactory(
        name="Laboratoire Territoires", kind=choices.OrganisationKind.RESEARCH_UNIT, ror="02kzqn938"
    )
    others = [OrganisationFactory() for _ in range(max(0, partner_count - 2))]
    partners = [(association, choices.PartnerRole.LEAD), (lab, choices.PartnerRole.RESEARCH)]
    partners += [(org, choices.PartnerRole.ASSOCIATED) for org in others]
    page = make_project(
        title=title,
        slug=slug or None,
        themes=[theme],
        territories=[region("32")],
        start_year=2019,
        end_year=2021,
        partners=partners[:partner_count],
        funding=[
            (choices.FundingKind.PUBLIC_GRANT, Decimal("30000")),
            (choices.FundingKind.OWN_FUNDS, Decimal("10000")),
        ],
        publish=False,
    )
    document = Document(title="Modèle d'accord")
    document.file.save("accord.txt", ContentFile(b"accord"), save=False)
    document.save()
    contract = ContractFactory(
        page=page,
        title="Accord de partenariat",
        intellectual_property=choices.IntellectualProperty.CO_OWNERSHIP,
        publication=choices.Publication.PRIOR_REVIEW,
        publication_review_days=30,
        document=document,
        visibility=choices.Visibility.MEMBERS,
    )
    contract.parties.set([association, lab])
    LessonFactory(page=page, kind=choices.LessonKind.OBSTACLE, text="Des calendriers différents.")
    LessonFactory(page=page, kind=choices.LessonKind.LEVER, text="Un comité de pilotage mensuel.")
    SourceFactory(page=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, association, lab


def moderators_group():
    return Group.objects.get(name="Modérateurs")
