"""The admin listing of case studies: its columns, sorts, filters and export, at a constant cost."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projets.choices import TerritoryKind
from projets.models import ProjectPage, Territory
from tests.projets.bulk_pages import add_case_studies

URL = "/admin/etudes-de-cas/"


def place_in_territories(prefix: str) -> None:
    """Every bulk case study of this prefix in a département and a region, written in bulk."""
    departement = Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, code="59").get()
    region = Territory.objects.filter(kind=TerritoryKind.REGION, code="84").get()
    through = ProjectPage.territories.through
    pages = ProjectPage.objects.filter(slug__startswith=f"etude-{prefix}-").values_list("pk", flat=True)
    through.objects.bulk_create(
        [through(projectpage_id=pk, territory=territory) for pk in pages for territory in (departement, region)],
        batch_size=1000,
    )


def listing_queries(client, **params) -> tuple[int, str]:
    client.get(URL, params)  # sessions, caches and site lookups settle on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    territory_reads = [q for q in queries.captured_queries if 'FROM "projets_territory" INNER JOIN' in q["sql"]]
    assert len(territory_reads) <= 2, "territories are read once per listing, not once per row"
    for query in queries.captured_queries:
        sql = query["sql"]
        # A user who may explore every catalogue is not filtered by `pk IN (every explorable page)`, and the
        # count reads the case-study table alone: both would join every case study to Wagtail's page table.
        assert 'IN (SELECT U0."id" AS "pk" FROM "wagtailcore_page" U0' not in sql, sql[:300]
        if sql.startswith("SELECT COUNT(*)") and '"projets_projectpage"' in sql:
            assert '"wagtailcore_page"' not in sql, f"the count joins the page table: {sql[:300]}"
    return len(queries.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_listing_costs_the_same_with_60_and_3000_case_studies(client, user_in, project_index):
    client.force_login(user_in("Modérateurs"))
    hauts_de_france = Territory.objects.get(kind=TerritoryKind.REGION, code="32")
    views = {
        "default": {},
        "by reference": {"ordering": "reference"},
        "by completeness": {"ordering": "-missing_parts"},
        "by region": {"ordering": "region_names"},
        "in a region": {"region": hauts_de_france.pk},
        "page 2": {"p": 2},
    }
    add_case_studies(project_index, 60, prefix="a")
    place_in_territories("a")
    small = {name: listing_queries(client, **params)[0] for name, params in views.items()}
    add_case_studies(project_index, 2940, prefix="b")
    place_in_territories("b")
    for name, params in views.items():
        count, html = listing_queries(client, **params)
        assert count == small[name], f"{name}: {small[name]} queries at 60, {count} at 3,000"
        assert "Hauts-de-France, Auvergne-Rhône-Alpes" in html or "Auvergne-Rhône-Alpes, Hauts-de-France" in html
        assert "Il manque : partenaires, financements, sources, thèmes" in html


@pytest.mark.django_db
def test_listing_columns_sorts_filters_and_export(client, user_in, make_project):
    nord = Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="59")
    bretagne = Territory.objects.get(kind=TerritoryKind.REGION, code="53")
    north = make_project(title="Étude du Nord", reference="REF-B")
    north.territories.set([nord])
    north.save_revision().publish()
    west = make_project(title="Étude de l'Ouest", reference="REF-A", publish=False)
    west.territories.set([bretagne])
    west.save()
    client.force_login(user_in("Modérateurs"))

    html = client.get(URL).content.decode()
    for heading in ("Référence", "Région", "Complétude", "État", "Dernière modification"):
        assert heading in html
    assert "REF-A" in html and "Hauts-de-France" in html and "Bretagne" in html
    assert reverse("wagtailadmin_pages:edit", args=[north.pk]) in html
    assert f'href="{north.url}"' in html and "Voir en ligne" in html, "a published case study links to its page"
    assert reverse("wagtailadmin_pages:history", args=[west.pk]) in html
    by_reference = client.get(URL, {"ordering": "reference"}).content.decode()
    assert by_reference.index("REF-A") < by_reference.index("REF-B")
    by_reference = client.get(URL, {"ordering": "-reference"}).content.decode()
    assert by_reference.index("REF-B") < by_reference.index("REF-A")

    hauts_de_france = Territory.objects.get(kind=TerritoryKind.REGION, code="32")
    in_north = client.get(URL, {"region": hauts_de_france.pk}).content.decode()
    assert "Étude du Nord" in in_north and "Ouest" not in in_north
    drafts = client.get(URL, {"live": "draft"}).content.decode()
    assert "Ouest" in drafts and "Étude du Nord" not in drafts
    assert "Étude du Nord" in client.get(URL, {"missing": "funding"}).content.decode()
    assert "Étude du Nord" not in client.get(URL, {"missing": "complete"}).content.decode()
    for bad in ({"region": "abc"}, {"missing": "n-importe-quoi"}, {"ordering": "nope"}, {"p": "x"}):
        assert client.get(URL, bad).status_code in (200, 404), bad

    response = client.get(URL, {"export": "csv", "ordering": "reference"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Référence"] for row in rows] == ["REF-A", "REF-B"]
    assert rows[1]["Région"] == "Hauts-de-France"
    assert rows[1]["Complétude"].startswith("Il manque : partenaires")


@pytest.mark.django_db
def test_contributors_see_the_listing_and_the_menu(client, user_in, make_project):
    make_project(title="Étude visible", reference="REF-V")
    client.force_login(user_in("Contributeurs"))
    assert "REF-V" in client.get(URL).content.decode()
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_listing_sorts_by_region_and_keeps_the_stored_regions_current(client, user_in, make_project):
    nord = Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="59")
    bretagne = Territory.objects.get(kind=TerritoryKind.REGION, code="53")
    corse = Territory.objects.get(kind=TerritoryKind.REGION, code="94")
    north = make_project(title="Étude du Nord", reference="REF-N")
    north.territories.set([nord])
    north.save_revision().publish()
    west = make_project(title="Étude de l'Ouest", reference="REF-O")
    west.territories.set([bretagne, corse])
    west.save_revision().publish()
    nowhere = make_project(title="Étude sans lieu", reference="REF-Z")
    north.refresh_from_db()
    west.refresh_from_db()
    nowhere.refresh_from_db()
    assert (north.region_names, west.region_names, nowhere.region_names) == ("Hauts-de-France", "Bretagne, Corse", "")
    client.force_login(user_in("Modérateurs"))

    html = client.get(URL).content.decode()
    assert "?ordering=region_names" in html, "the Région column is sortable"
    by_region = client.get(URL, {"ordering": "region_names"}).content.decode()
    assert by_region.index("REF-Z") < by_region.index("REF-O") < by_region.index("REF-N")
    by_region = client.get(URL, {"ordering": "-region_names"}).content.decode()
    assert by_region.index("REF-N") < by_region.index("REF-O") < by_region.index("REF-Z")

    # A renamed region is shown and sorted by its new name, on its own pages and its départements'.
    hauts_de_france = Territory.objects.get(kind=TerritoryKind.REGION, code="32")
    hauts_de_france.name = "Aaa-de-France"
    hauts_de_france.save()
    north.refresh_from_db()
    assert north.region_names == "Aaa-de-France"
    by_region = client.get(URL, {"ordering": "region_names"}).content.decode()
    assert by_region.index("REF-Z") < by_region.index("REF-N") < by_region.index("REF-O")


@pytest.mark.django_db
def test_sorted_pages_do_not_overlap(client, user_in, project_index):
    """Rows with the same sort value are ordered by their key: page 2 continues page 1."""
    add_case_studies(project_index, 120, prefix="a")
    client.force_login(user_in("Modérateurs"))
    for ordering in ("missing_parts", "-region_names", "live", "-latest_revision_created_at"):
        pages = [
            set(re.findall(r"Étude a \d+", client.get(URL, {"ordering": ordering, "p": number}).content.decode()))
            for number in (1, 2, 3)
        ]
        assert [len(page) for page in pages] == [50, 50, 20], ordering
        assert len(set().union(*pages)) == 120, f"{ordering}: a case study shows on two pages, another on none"


@pytest.mark.django_db
def test_users_who_may_not_explore_the_catalogue_see_only_their_pages(client, make_project, home_page):
    """Without rights on the catalogue, Wagtail's explorable pages still filter the listing."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from cms.models import ContentPage

    make_project(title="Étude cachée", reference="REF-H")
    group = Group.objects.create(name="Pages de contenu")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    legal = home_page.add_child(instance=ContentPage(title="Mentions", slug="mentions-test"))
    GroupPagePermission.objects.create(
        group=group, page=legal, permission=Permission.objects.get(codename="change_page")
    )
    user = get_user_model().objects.create_user("pages-de-contenu", password="x")
    user.groups.add(group)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "REF-H" not in response.content.decode()


@pytest.mark.django_db
def test_a_case_study_regions_are_read_in_one_query(make_project):
    from projets.page_regions import region_names_of

    departements = Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, code__in=["59", "62", "35"])
    page = make_project(title="Étude en trois départements", reference="REF-T")
    page.territories.set(list(departements))  # held in memory, as a form or a revision leaves them
    with CaptureQueriesContext(connection) as in_memory:
        assert region_names_of(page) == "Bretagne, Hauts-de-France"
    page.save()
    saved = ProjectPage.objects.get(pk=page.pk)
    assert saved.region_names == "Bretagne, Hauts-de-France"
    with CaptureQueriesContext(connection) as from_database:
        assert region_names_of(saved) == "Bretagne, Hauts-de-France"
    assert (len(in_memory.captured_queries), len(from_database.captured_queries)) == (1, 1)
