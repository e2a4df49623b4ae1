import pytest

from projets import choices
from tests.factories import OrganisationFactory, ThemeFactory, region


@pytest.mark.django_db
def test_make_project_builds_a_live_case_study_with_its_parts(make_project, client):
    lab = OrganisationFactory(
        name="Laboratoire d'Océanologie et Géosciences", kind=choices.OrganisationKind.RESEARCH_UNIT
    )
    theme = ThemeFactory(name="Biodiversité", slug="biodiversite")
    page = make_project(
        title="Oiseaux des champs",
        partners=[(lab, choices.PartnerRole.RESEARCH)],
        funding=[(choices.FundingKind.PUBLIC_GRANT, 1000)],
        themes=[theme],
        territories=[region("32")],
    )
    assert page.live
    assert page.facet_partner_kind() == ["laboratoire"]
    assert page.facet_region() == ["32"]
    assert page.facet_theme() == ["biodiversite"]
    assert client.get(page.url).status_code == 200
