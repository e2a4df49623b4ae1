"""Choosers that scale: territories searchable with regions first, contract parties among the case study's own."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.panels import FieldRowPanel

from projets.models import Contract, Territory
from tests.factories import OrganisationFactory, ProjectPageFactory, ProjectPartnerFactory, region
from tests.projets.admin_data import contract, form_errors, funding_line, partner, project_form_data


@pytest.mark.django_db
def test_case_study_territories_are_grouped_under_their_region_with_a_filter(admin_client, project_index):
    html = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["projets", "projectpage", project_index.pk])
    ).content.decode()
    ticks = re.findall(r'<input type="checkbox" name="territories" value="(\d+)"', html)
    assert len(ticks) == Territory.objects.count(), "every territory is offered once"
    first = Territory.objects.get(pk=ticks[0])
    assert first.kind == "region", f"regions come first, not {first}"
    hauts = region("32")
    group = html.split(f'value="{hauts.pk}"', 1)[1].split("</fieldset>", 1)[0]
    assert "Nord (59)" in group and "Pas-de-Calais (62)" in group, "départements sit under their region"
    assert "Filtrer les territoires" in html


@pytest.mark.django_db
def test_the_territory_chooser_searches_by_name_or_code_regions_first(admin_client, home_page):
    url = reverse("wagtailsnippetchoosers_projets_territory:choose")
    html = admin_client.get(url).json()["html"]
    assert 'name="q"' in html, "the chooser has a search box"
    results = reverse("wagtailsnippetchoosers_projets_territory:choose_results")
    listed = admin_client.get(results).content.decode()
    first_row = listed.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert any(t.name in first_row for t in Territory.objects.filter(kind="region")), "regions first"
    by_code = admin_client.get(results, {"q": "59"}).content.decode()
    assert "Nord" in by_code and "Aisne" not in by_code
    by_name = admin_client.get(results, {"q": "hauts-de"}).content.decode()
    assert "Hauts-de-France" in by_name and "Bretagne" not in by_name


@pytest.mark.django_db
def test_contract_parties_are_the_case_studys_partners_and_funders(admin_client, project_index):
    gon, lab = OrganisationFactory(name="GON"), OrganisationFactory(name="Laboratoire LOG")
    region_council = OrganisationFactory(name="Conseil régional")
    stranger = OrganisationFactory(name="Organisation sans lien")
    page = ProjectPageFactory(parent=project_index, title="Oiseaux des champs", slug="oiseaux-des-champs")
    ProjectPartnerFactory(page=page, organisation=gon)
    ProjectPartnerFactory(page=page, organisation=lab)
    page.funding_lines.create(kind="subvention", funder=region_council)
    page.save_revision().publish()

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    offered = re.findall(r'name="contracts-__prefix__-parties" value="(\d+)"', html)
    assert sorted(map(int, offered)) == sorted([gon.pk, lab.pk, region_council.pk])

    url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", project_index.pk])
    just_chosen = OrganisationFactory(name="Association créée à l'instant")
    data = project_form_data(
        title="Convention tripartite",
        partners=[partner(gon), partner(just_chosen)],
        funding=[funding_line(funder=region_council)],
        contracts=[contract([gon, just_chosen, region_council])],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)

    data = project_form_data(title="Partie étrangère", partners=[partner(gon)], contracts=[contract([gon, stranger])])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Partie absente des partenaires et financeurs du projet : Organisation sans lien." in str(
        form_errors(response)
    )


def test_contract_rows_hold_two_fields_at_most():
    rows = [panel for panel in Contract.panels if isinstance(panel, FieldRowPanel)]
    assert all(len(row.children) <= 2 for row in rows), [[c.field_name for c in row.children] for row in rows]
    duration_row = next(row for row in rows if "duration_months" in [c.field_name for c in row.children])
    assert [c.field_name for c in duration_row.children] == ["signed_on", "duration_months"]
