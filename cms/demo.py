"""Demo content for the site tree. Idempotent: running it twice changes nothing."""

from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

from cms.demo_pages import ABOUT_BODY, ABOUT_INTRO, LEGAL_INTRO, LEGAL_NOTICE, paragraph
from cms.models import ContactSettings, ContentPage, HomePage
from cms.site_url import apply_to_site, site_fields

HOME_INTRO = (
    "Le 26 avril 2019, à Arras, Le Mouvement associatif Hauts-de-France, l'Observatoire régional de la "
    "vie associative et un laboratoire d'innovation publique ont réuni associations et chercheurs autour "
    "d'une question : « Associations & recherche : quelles coopérations ? ». Coopérathèque poursuit cette "
    "démarche en rassemblant des études de cas de coopérations, leurs partenaires, leurs financements, "
    "leurs contrats et ce qu'elles ont appris."
)


def same_value(current, wanted) -> bool:
    """Field equality; a StreamField is compared on its blocks' content, not their random ids."""
    if isinstance(current, StreamValue):
        return [(child.block_type, child.block.get_prep_value(child.value)) for child in current] == [
            (block_type, current.stream_block.child_blocks[block_type].get_prep_value(value))
            for block_type, value in wanted
        ]
    return current == wanted


def paragraphs(*texts: str) -> list:
    return [paragraph(text) for text in texts]


def upsert_child(parent: Page, model, slug: str, **fields) -> Page:
    """Return the live child page with this slug, creating or updating it."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    changed = [name for name, value in fields.items() if not same_value(getattr(existing, name), value)]
    if changed:
        for name in changed:
            setattr(existing, name, fields[name])
        existing.save_revision().publish()
    return existing


@transaction.atomic
def build_site_tree() -> HomePage:
    """Make a HomePage the root of the default Site on SITE_URL, with an "À propos" page under it."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Coopérathèque", slug="accueil", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(root_page=home, is_default_site=True, site_name="Coopérathèque", **site_fields())
    apply_to_site(site)
    if site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = "Coopérathèque"
        site.save()
        # Wagtail's initial "Welcome" page is no longer reachable: remove it.
        if previous_root.specific_class is Page and previous_root.depth == 2:
            previous_root.delete()

    upsert_child(home, ContentPage, "a-propos", title="À propos", intro=ABOUT_INTRO, body=ABOUT_BODY)
    return home


ACCESSIBILITY_STATEMENT = paragraphs(
    "Coopérathèque s'engage à rendre son site accessible conformément à l'article 47 de la loi n° 2005-102 "
    "du 11 février 2005 et au référentiel général d'amélioration de l'accessibilité (RGAA).",
    "État de conformité : le site n'est pas encore conforme au RGAA (non conforme), faute d'audit. Un audit "
    "de conformité est à venir ; cette déclaration sera alors mise à jour avec ses résultats.",
    "Si vous ne parvenez pas à accéder à un contenu ou à un service, signalez-le aux responsables du site : "
    "une alternative accessible vous sera proposée. Vous pouvez aussi saisir le Défenseur des droits.",
)


DEMO_CONTACT_EMAIL = "contact@cooperatheque.invalid"  # reserved domain: the operator sets the real one


@transaction.atomic
def build_legal_pages() -> None:
    """The legal notice and the accessibility statement, under the home page."""
    home = HomePage.objects.get()
    upsert_child(
        home,
        ContentPage,
        "mentions-legales",
        title="Mentions légales",
        intro=LEGAL_INTRO,
        body=LEGAL_NOTICE,
    )
    upsert_child(
        home,
        ContentPage,
        "accessibilite",
        title="Déclaration d'accessibilité",
        intro="Accessibilité : non conforme, audit à venir.",
        body=ACCESSIBILITY_STATEMENT,
    )


def set_demo_contact() -> None:
    """A placeholder contact address on the default site, unless an editor has set one."""
    site = Site.objects.get(is_default_site=True)
    contact = ContactSettings.for_site(site)
    if not contact.email:
        contact.email = DEMO_CONTACT_EMAIL
        contact.save()
