"""The organisation page and the explorer."""

import pytest
from django.utils.html import escape

from projets import choices
from tests.factories import OrganisationFactory, region
from tests.public_site import build_case_study

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_case_studies_roles_identifiers_and_partners(client, make_project):
    page, association, lab = build_case_study(make_project)
    hidden = make_project(title="Brouillon privé", partners=[(association, choices.PartnerRole.LEAD)], publish=False)
    response = client.get(association.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(page.title) in html
    assert "Chef de file" in html
    assert hidden.title not in html
    assert "W622000001" in html and "annuaire-entreprises.data.gouv.fr" in html
    assert lab.get_absolute_url() in html
    assert "1 projet commun" in html
    lab_html = client.get(lab.get_absolute_url()).content.decode()
    assert "https://ror.org/02kzqn938" in lab_html


def test_unknown_organisation_is_a_404(client, home_page):
    assert client.get("/organisations/nexiste-pas/").status_code == 404
    # Without a public case study, an organisation has no public page (Organisation.objects.publicly_visible()).
    OrganisationFactory(name="Sans projet")
    assert client.get("/organisations/sans-projet/").status_code == 404


def test_a_funder_page_lists_the_case_studies_it_funded(client, make_project):
    from tests.factories import FundingLineFactory

    funder = OrganisationFactory(name="Fondation des territoires", kind=choices.OrganisationKind.FOUNDATION)
    page = make_project(title="Coopération financée", publish=False)
    FundingLineFactory(page=page, funder=funder, amount=1000)
    assert client.get(funder.get_absolute_url()).status_code == 404  # a draft funds nothing publicly
    page.save_revision().publish()
    html = client.get(funder.get_absolute_url()).content.decode()
    assert "Coopération financée" in html and "Rôle : Financeur" in html


def test_explorer_colours_regions_and_links_to_the_catalogue(client, make_project):
    build_case_study(make_project)
    make_project(title="Deuxième", territories=[region("32")], start_year=2020)
    make_project(title="En Bretagne", territories=[region("53")], start_year=2020)
    response = client.get("/explorer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('href="/projets/?region=') == 2 * 18  # map shapes and the table
    assert 'aria-label="Hauts-de-France : 2 études de cas"' in html
    assert 'aria-label="Bretagne : 1 étude de cas"' in html
    assert 'aria-label="Normandie : aucune étude de cas"' in html
    assert "#123560" in html  # the busiest region takes the darkest step
    assert "Études de cas par type de financement" in html and "Subvention publique" in html
    assert "<title" in html and "<table" in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")


def test_home_page_has_search_box_latest_figures_and_entry_points(client, make_project):
    page, *_ = build_case_study(make_project)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/recherche/"' in html and 'name="q"' in html
    assert escape(page.title) in html
    assert "26 avril 2019" in html
    assert "/projets/?theme=education-populaire" in html
    assert "/projets/?region=32" in html
    assert "<strong>1</strong> étude de cas" in html
    assert "<strong>2</strong> organisations" in html
    assert "<strong>1</strong> région couverte" in html
    assert '<link rel="canonical"' in html and 'property="og:title"' in html


def test_home_page_query_count_is_constant(client, make_project, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search import catalogue_cache

    build_case_study(make_project)
    client.get("/")
    catalogue_cache.clear()  # the figures computed, not read from memory, in both measures
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for index in range(6):
        make_project(title=f"Projet {index}", territories=[region("11")])
    catalogue_cache.clear()
    with django_assert_max_num_queries(len(few)):
        client.get("/")


def test_bar_chart_bars_are_shares_of_the_largest_count():
    from search.explorer_geometry import bar_chart

    chart = bar_chart([("Environnement", 4), ("Santé", 1), ("Vide", 0)])
    assert [(bar["label"], bar["count"], bar["percent"]) for bar in chart["bars"]] == [
        ("Environnement", 4, 100.0),
        ("Santé", 1, 25.0),
        ("Vide", 0, 0.0),
    ]
    assert bar_chart([]) == {"bars": [], "maximum": 0}
