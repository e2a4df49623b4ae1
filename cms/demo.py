"""Demo content for the site tree. Idempotent: running it twice changes nothing."""

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import ContentPage, HomePage

HOME_INTRO = (
    "Le 26 avril 2019, à Arras, Le Mouvement associatif Hauts-de-France, l'Observatoire régional de la "
    "vie associative et un laboratoire d'innovation publique ont réuni associations et chercheurs autour "
    "d'une question : « Associations & recherche : quelles coopérations ? ». Coopérathèque poursuit cette "
    "démarche en rassemblant des études de cas de coopérations, leurs partenaires, leurs financements, "
    "leurs contrats et ce qu'elles ont appris."
)

ABOUT_INTRO = (
    "Coopérathèque est la base de connaissances des projets de coopération entre associations et "
    "recherche publique : pour trouver des précédents, des partenaires et des leviers."
)


def upsert_child(parent: Page, model, slug: str, **fields) -> Page:
    """Return the live child page with this slug, creating or updating it."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    changed = [name for name, value in fields.items() if getattr(existing, name) != value]
    if changed:
        for name in changed:
            setattr(existing, name, fields[name])
        existing.save_revision().publish()
    return existing


@transaction.atomic
def build_site_tree() -> HomePage:
    """Make a HomePage the root of the default Site, with an "À propos" page under it."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Coopérathèque", slug="accueil", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Coopérathèque"
        )
    elif site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = "Coopérathèque"
        site.save()
        # Wagtail's initial "Welcome" page is no longer reachable: remove it.
        if previous_root.specific_class is Page and previous_root.depth == 2:
            previous_root.delete()

    upsert_child(home, ContentPage, "a-propos", title="À propos", intro=ABOUT_INTRO)
    return home
