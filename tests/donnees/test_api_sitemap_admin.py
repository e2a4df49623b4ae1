import io
import json
import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from projets.models import ProjectPage

from .conftest import SECRETS, csv_bytes, vises


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_api_lists_public_case_studies_with_structured_fields(client, catalogue):
    listing = get_json(client, "/api/v2/projets/")
    assert listing["meta"]["total_count"] == 2
    page = catalogue["public"][0]
    detail = get_json(client, f"/api/v2/projets/{page.pk}/")
    assert detail["reference"] == "JARDINS"
    assert detail["themes"] == ["sante-environnementale"]
    assert sorted(p["organisation"] for p in detail["partners"]) == ["Association des jardins", "Laboratoire d'essai"]
    assert detail["funding"][0]["montant"] == "15000.50"
    assert detail["contracts"][0]["parties"] and "/documents/" in detail["contracts"][0]["document_url"]
    second = get_json(client, f"/api/v2/projets/{catalogue['public'][1].pk}/?fields=contracts")
    assert second["contracts"][0]["document_url"] == ""


def test_api_hides_drafts_private_pages_and_their_organisations(client, catalogue):
    for key in ("draft", "private"):
        get_json(client, f"/api/v2/projets/{catalogue[key].pk}/", status=404)
        get_json(client, f"/api/v2/pages/{catalogue[key].pk}/", status=404)
    texts = [
        json.dumps(get_json(client, url))
        for url in ("/api/v2/projets/?fields=*", "/api/v2/pages/", "/api/v2/organisations/?fields=*")
    ]
    for secret in SECRETS:
        assert all(secret not in text for text in texts), secret


def test_api_taxonomies_and_bad_parameters(client, catalogue):
    themes = get_json(client, "/api/v2/themes/?fields=slug,parent")
    assert {item["slug"] for item in themes["items"]} == {"sante", "sante-environnementale", "ess"}
    territories = get_json(client, "/api/v2/territoires/?limit=5")
    assert territories["meta"]["total_count"] > 100
    assert "message" in get_json(client, "/api/v2/projets/?inconnu=1", status=400)
    # Values a relation or the database cannot take: a 400 with a message, never a 500.
    for url in ["/api/v2/projets/", "/api/v2/pages/", "/api/v2/organisations/"]:
        bad_values = ["themes=", "themes=abc", "territories=x", "partners=", "contracts="]
        for bad in [*bad_values, f"offset={10**20}", "offset=²"]:
            assert "message" in get_json(client, f"{url}?{bad}", status=400), (url, bad)
    assert get_json(client, "/api/v2/projets/?offset=1000000000")["items"] == []
    assert client.post("/api/v2/projets/").status_code == 405


def test_ninja_api_still_answers(client, db):
    assert client.get("/api/openapi.json").status_code == 200


def whole_sitemap(client) -> str:
    """Every file the index at /sitemap.xml points to, read as a crawler would, one after the other."""
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    files = re.findall(rf"<loc>{re.escape(settings.SITE_URL)}(/[^<]+)</loc>", index)
    assert files
    return "".join(client.get(unescape(path)).content.decode() for path in files)


def test_sitemap_and_robots(client, catalogue):
    sitemap = whole_sitemap(client)
    for page in catalogue["public"]:
        assert page.url in sitemap
    for key in ("draft", "private"):
        assert catalogue[key].slug not in sitemap
    # The organisations of public case studies and the pages served by views are listed too.
    partners = catalogue["public"][0].partners.all()
    for partner in partners:
        assert f"<loc>{settings.SITE_URL}{partner.organisation.get_absolute_url()}</loc>" in sitemap
    assert catalogue["secret_funder"].slug not in sitemap
    for path in ("/explorer/", "/proposer/", "/donnees/"):
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


def test_every_page_is_in_a_sitemap_file_however_many(client, catalogue, monkeypatch):
    from donnees.sitemaps import OrganisationsSitemap, PagesSitemap

    # One address per file: what 100,000 case studies do to files of 2,000 (Django stopped at the first).
    monkeypatch.setattr(PagesSitemap, "limit", 1)
    monkeypatch.setattr(OrganisationsSitemap, "limit", 1)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-pages.xml?p=2</loc>" in index and "/sitemap-organisations.xml?p=2</loc>" in index
    sitemap = whole_sitemap(client)
    for page in catalogue["public"]:
        assert page.url in sitemap
    assert catalogue["draft"].slug not in sitemap and catalogue["private"].slug not in sitemap
    for path in ("/sitemap-pages.xml?p=abc", "/sitemap-pages.xml?p=100000", "/sitemap-inconnu.xml"):
        assert client.get(path).status_code == 404, path


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatrice", password="x")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def test_admin_import_page_for_moderators(client, moderator, project_index, themes):
    client.force_login(moderator)
    assert client.get("/admin/donnees/import/").status_code == 200
    upload = io.BytesIO(json.dumps([vises()]).encode())
    upload.name = "import.json"
    response = client.post("/admin/donnees/import/", {"file": upload, "dry_run": "on"})
    assert "1 étude(s) de cas créée(s)" in response.content.decode()
    assert "Simulation" in response.content.decode()
    assert not ProjectPage.objects.filter(reference="VISES").exists()
    upload.seek(0)
    response = client.post("/admin/donnees/import/", {"file": upload, "publish": "on"}, follow=True)
    assert ProjectPage.objects.get(reference="VISES").live
    upload = io.BytesIO(b"reference,titre\nX,Y\n")
    upload.name = "x.csv"
    response = client.post("/admin/donnees/import/", {"file": upload}, follow=True)
    assert "colonne « resume » absente." in response.content.decode()


def test_admin_import_page_is_for_moderators_only(client, django_user_model, project_index):
    user = django_user_model.objects.create_user("contributrice", password="x")
    user.groups.add(Group.objects.get(name="Contributeurs"))
    client.force_login(user)
    assert client.get("/admin/donnees/import/").status_code in (302, 403)
    client.logout()
    assert client.get("/admin/donnees/import/").status_code == 302


def test_command_reads_csv_companions_by_convention_with_a_progress_bar(tmp_path, project_index):
    rows = [{"reference": f"R{n}", "titre": f"Projet {n}", "resume": "Résumé."} for n in range(3)]
    (tmp_path / "lot.csv").write_bytes(csv_bytes(rows, delimiter=";", encoding="cp1252"))
    partners = [{"reference": "R1", "organisation": "Société d'essai", "type_structure": "autre", "role": "appui"}]
    (tmp_path / "lot_partenaires.csv").write_bytes(csv_bytes(partners, delimiter=";", encoding="cp1252"))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_projects", str(tmp_path / "lot.csv"), "--dry-run", stdout=out, stderr=err)
    assert "3 étude(s) de cas créée(s)" in out.getvalue() and "Simulation" in out.getvalue()
    assert "3/3" in err.getvalue()
    assert ProjectPage.objects.count() == 0
    call_command("import_projects", str(tmp_path / "lot.csv"), stdout=out, stderr=err)
    page = ProjectPage.objects.get(reference="R1")
    assert not page.live
    assert page.get_latest_revision_as_object().partners.get().organisation.name == "Société d'essai"
    out = io.StringIO()
    call_command("import_projects", str(tmp_path / "lot.csv"), stdout=out, stderr=io.StringIO())
    assert "3 inchangée(s)" in out.getvalue()


def test_command_fails_on_errors(tmp_path, project_index):
    (tmp_path / "bad.csv").write_bytes(b"reference,titre,resume,annee_debut\nR,T,S,deux mille\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 erreur"):
        call_command("import_projects", str(tmp_path / "bad.csv"), stdout=io.StringIO(), stderr=err)
    assert "ligne 2, colonne « annee_debut » : « deux mille » n'est pas une année (AAAA)." in err.getvalue()
    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_projects", str(tmp_path / "absent.csv"))


def test_api_listing_queries_do_not_grow_with_rows(client, catalogue, make_project, django_assert_max_num_queries):
    for number in range(5):
        make_project(title=f"Supplément {number}", reference=f"SUP{number}")
    with django_assert_max_num_queries(30):
        assert get_json(client, "/api/v2/projets/?fields=*")["meta"]["total_count"] == 7


def test_dry_run_leaves_the_search_index_as_it_was(project_index, search_backend, themes):
    from .conftest import run_json

    assert run_json([vises()], dry_run=True).ok
    if hasattr(search_backend, "refresh_indexes"):
        search_backend.refresh_indexes()
    # count() asks the engine itself, so a stale document of a rolled-back page would show.
    assert search_backend.search("VISES", ProjectPage).count() == 0
