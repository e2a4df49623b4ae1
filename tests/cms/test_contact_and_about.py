"""The team's contact address (a site setting) and the About and legal pages: real, editable, not by contributors."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from cms.demo import build_legal_pages, set_demo_contact
from cms.models import ContactSettings, ContentPage
from projets.models import ProjectProposal

pytestmark = pytest.mark.django_db


def set_contact(email: str) -> None:
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.email = email
    contact.save()


def consent_label(html: str) -> str:
    return html.split('for="id_consent"', 1)[1].split("</label>", 1)[0]


def test_the_contact_address_is_in_the_footer_and_the_consent(client, project_index):
    set_contact("equipe@exemple.fr")
    home = client.get("/").content.decode()
    assert 'href="mailto:equipe@exemple.fr"' in home.split("<footer", 1)[1]
    form = client.get(reverse("propose")).content.decode()
    assert "écrivez-nous à equipe@exemple.fr pour les faire effacer" in consent_label(form)
    assert 'href="mailto:equipe@exemple.fr"' in form.split("<footer", 1)[1]


def test_without_an_address_nothing_promises_one(client, project_index):
    form = client.get(reverse("propose")).content.decode()
    assert "écrivez-nous" not in consent_label(form)
    assert "mailto:" not in form


def test_a_submitters_contact_never_reaches_the_public_pages(client, project_index):
    set_contact("equipe@exemple.fr")
    data = {
        "title": "Jardins partagés et sols",
        "summary": "Une association de jardiniers et un laboratoire mesurent la qualité des sols.",
        "submitter_kind": "association",
        "organisation_name": "Les Jardins du Nord",
        "contact_name": "Dominique Secret",
        "contact_email": "dominique.secret@exemple.fr",
        "consent": "on",
    }
    assert client.post(reverse("propose"), data).status_code == 302
    assert ProjectProposal.objects.filter(contact_email="dominique.secret@exemple.fr").exists()
    for url in ("/", reverse("propose"), "/a-propos/"):
        html = client.get(url).content.decode()
        assert "dominique.secret" not in html and "Dominique Secret" not in html


def test_the_demo_about_and_legal_pages_say_what_the_sources_say(client, home_page):
    build_legal_pages()
    set_demo_contact()
    about = client.get("/a-propos/").content.decode()
    for fact in (
        "26 avril 2019",
        "Institut régional du travail social d&#x27;Arras",
        "Le Mouvement associatif Hauts-de-France",
        "Observatoire régional de la vie associative",
        "Lionel Larqué",
        'href="/journee-2019-04-26/"',
        'href="/trouver-un-partenaire/"',
    ):
        assert fact in about, fact
    legal = client.get("/mentions-legales/").content.decode()
    for fact in ("Éditeur", "Hébergement", "à compléter par l&#x27;exploitant", "Données personnelles", "traceur"):
        assert fact in legal, fact
    footer = legal.split("<footer", 1)[1]
    assert 'href="/a-propos/"' in footer and 'href="/mentions-legales/"' in footer
    assert "mailto:contact@cooperatheque.invalid" in footer


def test_the_demo_keeps_an_address_an_editor_has_set(home_page):
    set_contact("equipe@exemple.fr")
    set_demo_contact()
    assert ContactSettings.for_site(Site.objects.get(is_default_site=True)).email == "equipe@exemple.fr"


@pytest.mark.parametrize("slug", ["a-propos", "mentions-legales"])
def test_contributors_cannot_edit_the_site_pages_but_administrators_can(client, django_user_model, home_page, slug):
    build_legal_pages()
    page = ContentPage.objects.get(slug=slug)
    contributor = django_user_model.objects.create_user("redacteur", password="x")
    contributor.groups.add(Group.objects.get(name="Contributeurs"))
    assert not page.permissions_for_user(contributor).can_edit()
    assert not contributor.has_perm("cms.change_contactsettings")
    client.force_login(contributor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code in (302, 403)
    site = Site.objects.get(is_default_site=True)
    settings_url = reverse("wagtailsettings:edit", args=["cms", "contactsettings", site.pk])
    assert client.get(settings_url).status_code in (302, 403)

    admin = django_user_model.objects.create_superuser("admin", "admin@exemple.fr", "x")
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert client.get(settings_url).status_code == 200
