"""A small site holding one secret of each kind, each carrying a unique marker word.

Public, draft, private, "unpublished changes", members-only document and proposal contact: the
permission matrix looks for these words in every response, so a leak is a failing assertion. The
members' documents carry one more word in their titles and file names: whoever may not download
them must not see them named or linked either.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from projets import choices
from projets.documents import members_collection
from projets.models import ProjectOutput, ProjectProposal
from tests.factories import (
    ContractFactory,
    FundingLineFactory,
    LessonFactory,
    OrganisationFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
    ThemeFactory,
    region,
)

# Unique words: lower case ASCII, so they survive HTML/JSON/CSV escaping and are easy to find.
PUBLIC = "publimarqueur"  # a published case study (must be visible: proves each endpoint works)
DRAFT = "brouillonzyx"  # a case study never published
PRIVATE = "privezyx"  # a published case study under a view restriction (Membres, Modérateurs)
CHANGES = "retouchezyx"  # unpublished changes saved on the published case study
MEMBERS = "membrezyx"  # the bytes of a members-only contract document
RESTRICTED_DOC = "docreservezyx"  # title and file name of the documents in the members' collection
CONTACT = "contactzyx"  # a proposal's private contact
HIDDEN_ORG = "cacheorgzyx"  # met only in the draft (funder) and the private case study (partner, party)
SECRETS = (DRAFT, PRIVATE, CHANGES, MEMBERS, CONTACT, HIDDEN_ORG)
# The hidden pages' addresses carry no marker (a 404 page repeats the address it was asked for).
HIDDEN_ORG_PATH = "/organisations/collectif-cache/"
HIDDEN_PATHS = ("/projets/etude-brouillon/", "/projets/etude-privee/", HIDDEN_ORG_PATH)

PASSWORD = "mot-de-passe-solide-42"
ROLES = ("anonyme", "membre", "contributeur", "moderateur", "administrateur")
GROUP_OF_ROLE = {"membre": "Membres", "contributeur": "Contributeurs", "moderateur": "Modérateurs"}


@dataclass
class World:
    published: object
    draft: object
    private: object
    document: Document
    annex: Document
    proposal: ProjectProposal
    hidden_organisation: object


def add_parts(page, word: str, association, lab, document=None):
    """Partners, funding, a contract and lessons whose free texts carry the marker word."""
    ProjectPartnerFactory(page=page, organisation=association, role=choices.PartnerRole.LEAD)
    ProjectPartnerFactory(page=page, organisation=lab, role=choices.PartnerRole.RESEARCH)
    FundingLineFactory(page=page, programme=f"Programme {word}", amount=1000)
    contract = ContractFactory(
        page=page,
        title=f"Accord {word}",
        what_worked=f"Ce qui a marché : {word}.",
        what_to_change=f"À changer : {word}.",
        document=document,
        visibility=choices.Visibility.MEMBERS if document else choices.Visibility.PUBLIC,
    )
    contract.parties.set([association, lab])
    LessonFactory(page=page, kind=choices.LessonKind.LEVER, text=f"Un levier {word}.")
    LessonFactory(page=page, kind=choices.LessonKind.OBSTACLE, text=f"Un frein {word}.")


def case_study(index, word: str, slug: str, theme, **fields):
    return ProjectPageFactory(
        parent=index,
        title=f"Étude {word}",
        slug=slug,
        summary=f"Résumé {word} d'une coopération.",
        body=[("paragraph", f"<p>Récit {word}.</p>")],
        themes=[theme],
        territories=[region("32")],
        **fields,
    )


def build_world(project_index) -> World:
    theme = ThemeFactory(name="Éducation populaire", slug="education-populaire")
    association = OrganisationFactory(name="Maison des associations", kind=choices.OrganisationKind.ASSOCIATION)
    lab = OrganisationFactory(name="Laboratoire Territoires", kind=choices.OrganisationKind.RESEARCH_UNIT)

    document = Document.objects.create(
        title=f"Convention {RESTRICTED_DOC}",
        file=ContentFile(f"%PDF-1.4\n{MEMBERS}\n%%EOF\n".encode(), name=f"convention-{RESTRICTED_DOC}.pdf"),
    )
    # Another members' document, shown by what may point at any document: a contract marked public,
    # a result and a story block of the published case study.
    annex = Document.objects.create(
        title=f"Annexe {RESTRICTED_DOC}",
        file=ContentFile(b"annexe", name=f"annexe-{RESTRICTED_DOC}.txt"),
        collection=members_collection(),
    )
    published = case_study(project_index, PUBLIC, f"etude-{PUBLIC}", theme)
    add_parts(published, PUBLIC, association, lab, document=document)
    ContractFactory(page=published, title="Accord public", visibility=choices.Visibility.PUBLIC, document=annex)
    ProjectOutput.objects.create(page=published, kind=choices.OutputKind.REPORT, title="Rapport final", document=annex)
    published.body = [("paragraph", f"<p>Récit {PUBLIC}.</p>"), ("document", annex)]
    published.save_revision().publish()
    # Changes saved (not published) on the live page: the public keeps seeing the published version.
    published.refresh_from_db()
    published.title = f"Étude {CHANGES}"
    published.summary = f"Résumé {CHANGES}."
    published.save_revision()

    hidden = OrganisationFactory(
        name=f"Collectif {HIDDEN_ORG}", slug="collectif-cache", kind=choices.OrganisationKind.ASSOCIATION
    )
    draft = case_study(project_index, DRAFT, "etude-brouillon", theme, live=False)
    add_parts(draft, DRAFT, association, lab)
    FundingLineFactory(page=draft, funder=hidden, programme="Programme du collectif", amount=500)
    draft.save_revision()

    private = case_study(project_index, PRIVATE, "etude-privee", theme)
    add_parts(private, PRIVATE, association, lab)
    ProjectPartnerFactory(page=private, organisation=hidden, role=choices.PartnerRole.ASSOCIATION)
    private.contracts.get().parties.add(hidden)  # so the contract precedents and their export are checked too
    private.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name__in=["Membres", "Modérateurs"]))

    proposal = ProjectProposal.objects.create(
        page=draft,
        submitter_kind=choices.OrganisationKind.ASSOCIATION,
        organisation_name="Association proposante",
        contact_name=f"Camille {CONTACT}",
        contact_email=f"{CONTACT}@example.org",
        consent_at="2026-01-01T00:00:00Z",
    )
    document.refresh_from_db()
    return World(
        published=published,
        draft=draft,
        private=private,
        document=document,
        annex=annex,
        proposal=proposal,
        hidden_organisation=hidden,
    )


def user_for(role: str, django_user_model):
    if role == "anonyme":
        return None
    if role == "administrateur":
        return django_user_model.objects.create_superuser("administrateur", "admin@example.org", PASSWORD)
    user = django_user_model.objects.create_user(role, f"{role}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[role]))
    return user
