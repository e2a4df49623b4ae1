"""No shared passwords; private documents only through Wagtail's view, never straight from /media/."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from .conftest import png_file

CONTRACT = b"%PDF-1.4\nConvention de partenariat confidentielle\n%%EOF\n"


def restriction_choices(html: str) -> set[str]:
    from bs4 import BeautifulSoup

    return {radio["value"] for radio in BeautifulSoup(html, "html.parser").select("input[name=restriction_type]")}


def test_the_page_privacy_modal_offers_no_password(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/{home_page.pk}/privacy/")
    assert response.status_code == 200
    choices = restriction_choices(response.json()["html"])
    assert choices == {"none", "login", "groups"}


def test_the_collection_privacy_modal_offers_no_password(admin_client, db):
    collection = Collection.get_first_root_node().add_child(name="Contrats")
    response = admin_client.get(f"/admin/collections/{collection.pk}/privacy/")
    assert response.status_code == 200
    assert restriction_choices(response.json()["html"]) == {"none", "login", "groups"}


def test_a_forged_password_restriction_is_refused(admin_client, home_page):
    from wagtail.models import PageViewRestriction

    admin_client.post(f"/admin/pages/{home_page.pk}/privacy/", {"restriction_type": "password", "password": "secret"})
    assert not PageViewRestriction.objects.filter(restriction_type="password").exists()


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Contrats réservés aux membres")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return Document.objects.create(
        title="Convention", collection=collection, file=ContentFile(CONTRACT, name="convention.pdf")
    )


def test_anonymous_readers_are_sent_to_the_login_page(client, private_document, home_page):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/?next=")
    assert client.get(response["Location"]).status_code == 200
    # The direct file path is not served at all.
    assert private_document.file.url.startswith("/media/documents/")
    direct = client.get(private_document.file.url)
    assert direct.status_code == 404
    assert CONTRACT not in direct.content


def test_members_get_the_file_through_the_view(client, private_document, django_user_model):
    client.force_login(django_user_model.objects.create_user("membre", password="x"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTRACT


@pytest.fixture
def debug_urls(settings):
    """cms.urls as `manage.py runserver` builds it (DEBUG on: media routes for images)."""
    import cms.urls

    settings.DEBUG = True
    importlib.reload(cms.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(cms.urls)
    clear_url_caches()


def test_even_in_debug_only_images_are_served_from_media(client, private_document, debug_urls):
    image = Image.objects.create(title="Photo", file=ContentFile(png_file(), name="photo.png"))
    assert client.get(image.file.url).status_code == 200
    assert client.get(private_document.file.url).status_code == 404


def test_a_document_below_a_restricted_collection_is_named_only_to_those_it_is_served_to(
    private_document, rf, django_user_model
):
    """The rule every answer uses (cms.document_access): the restriction of any ancestor collection counts."""
    from django.contrib.auth.models import AnonymousUser

    from cms.document_access import DocumentAccess

    below = private_document.collection.add_child(name="Annexes")
    annex = Document.objects.create(title="Annexe", collection=below, file=ContentFile(b"annexe", name="annexe.txt"))
    public = Document.objects.create(title="Guide", file=ContentFile(b"guide", name="guide.txt"))
    anonymous, signed_in = rf.get("/"), rf.get("/")
    anonymous.user = AnonymousUser()
    signed_in.user = django_user_model.objects.create_user("lectrice", "l@example.org", "mot-de-passe-solide-42")
    for access, expected in ((DocumentAccess(), False), (DocumentAccess(anonymous), False)):
        assert [access.readable(d) for d in (private_document, annex, public)] == [expected, expected, True]
    assert DocumentAccess(signed_in).readable(annex) and DocumentAccess(signed_in).is_restricted(annex)
    assert not DocumentAccess().is_restricted(public)
