import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import ContentPage, HomePage


@pytest.mark.django_db
def test_home_page_renders_in_french(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Associations &amp; recherche : quelles coopérations ?" in html


@pytest.mark.django_db
def test_about_page_renders(client, home_page):
    response = client.get("/a-propos/")
    assert response.status_code == 200
    assert "<h1>À propos</h1>" in response.content.decode()


@pytest.mark.django_db
def test_unknown_url_is_a_french_404(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_english_interface_is_available(client, home_page):
    client.post("/langue/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


@pytest.mark.django_db
def test_admin_login_page_renders(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


@pytest.mark.django_db
def test_load_demo_is_idempotent(home_page):
    call_command("load_demo", verbosity=0)
    counts = (Page.objects.count(), Site.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), Site.objects.count()) == counts
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert ContentPage.objects.live().filter(slug="a-propos").count() == 1


@pytest.mark.django_db
def test_demo_admin_is_refused_outside_development():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEMO_ADMIN_ALLOWED"):
        call_command("load_demo", "--admin", verbosity=0)


@pytest.mark.django_db
def test_anonymous_pages_are_cacheable_and_logged_in_pages_are_not(client, home_page, django_user_model):
    assert client.get("/").headers["Cache-Control"].startswith("public")
    user = django_user_model.objects.create_user("visiteur", password="x")
    client.force_login(user)
    assert client.get("/").headers["Cache-Control"].startswith("private")
