"""Organisations, themes and territories: identifier checks, duplicates, the COG reference, admin listings."""

import html as html_lib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projets import choices
from projets.models import Organisation, Territory, Theme
from tests.factories import OrganisationFactory, ThemeFactory

ORGANISATION_FORM = {
    "name": "Groupe ornithologique",
    "acronym": "",
    "kind": "association",
    "description": "",
    "website": "",
    "city": "",
    "country": "FR",
    "territory": "",
    "rna": "",
    "siren": "",
    "rnsr": "",
    "ror": "",
    "slug": "",
}


def create_organisation(client, **fields):
    return client.post(reverse("wagtailsnippets_projets_organisation:add"), {**ORGANISATION_FORM, **fields})


def errors(response) -> list[str]:
    return [str(error) for form_errors in response.context["form"].errors.values() for error in form_errors]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rna", "W12345", "« W12345 » n'est pas un numéro RNA : un W suivi de 9 chiffres (ex. W623001234)."),
        ("siren", "12345678", "« 12345678 » n'est pas un SIREN : 9 chiffres attendus."),
        ("siren", "123456789", "Le SIREN « 123456789 » est invalide (clé de contrôle incorrecte)."),
        ("rnsr", "20091845", "« 20091845 » n'est pas un identifiant RNSR : 9 chiffres et une lettre"),
        ("ror", "02kzqn939", "« 02kzqn939 » n'est pas un identifiant ROR valide"),
    ],
)
def test_malformed_identifier_is_refused_in_french(admin_client, field, value, message):
    response = create_organisation(admin_client, **{field: value})
    assert response.status_code == 200
    assert message in html_lib.unescape(response.content.decode())
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_valid_identifiers_are_normalised_and_saved(admin_client):
    response = create_organisation(
        admin_client, rna="w 623001234", siren="732 829 320", rnsr="200918451e", ror="https://ror.org/02kzqn938"
    )
    assert response.status_code == 302, errors(response)
    organisation = Organisation.objects.get()
    assert (organisation.rna, organisation.siren, organisation.rnsr, organisation.ror) == (
        "W623001234",
        "732829320",
        "200918451E",
        "02kzqn938",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("existing", "posted"),
    [
        ({"name": "Coin de Terre", "siren": "732829320"}, {"siren": "732 829 320"}),
        ({"name": "Coin de Terre", "ror": "02kzqn938"}, {"ror": "https://ror.org/02kzqn938"}),
        ({"name": "Coin de Terre Halluinois"}, {"name": "COIN DE TERRE  halluinois !"}),
        ({"name": "Écologie sans Frontière"}, {"name": "Ecologie sans frontiere"}),
    ],
)
def test_duplicate_organisation_links_to_the_existing_record(admin_client, existing, posted):
    original = OrganisationFactory(**existing)
    response = create_organisation(admin_client, **posted)
    assert response.status_code == 200
    html = html_lib.unescape(response.content.decode())
    edit_url = reverse("wagtailsnippets_projets_organisation:edit", args=[original.pk])
    assert "Cette organisation existe déjà :" in html
    assert f'<a href="{edit_url}">{original}</a>' in html
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_territory_reference_is_complete():
    regions = Territory.objects.filter(kind=choices.TerritoryKind.REGION)
    departements = Territory.objects.filter(kind=choices.TerritoryKind.DEPARTEMENT)
    assert regions.count() == 18
    assert departements.count() == 101
    assert not departements.filter(region__isnull=True).exists()
    hauts_de_france = regions.get(code="32")
    assert hauts_de_france.name == "Hauts-de-France"
    assert sorted(hauts_de_france.departements.values_list("code", flat=True)) == ["02", "59", "60", "62", "80"]
    assert sorted(hauts_de_france.neighbours.values_list("code", flat=True)) == ["11", "28", "44"]
    assert departements.get(code="2A").region.name == "Corse"
    assert departements.get(code="976").region.code == "06"
    assert set(Territory.objects.filter(kind=choices.TerritoryKind.SCOPE).values_list("code", flat=True)) >= {
        "EU",
        "BE-WAL",
        "BE-VLG",
    }


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [str(obj) for obj in response.context["object_list"]]


@pytest.mark.django_db
def test_organisation_listing_searches_filters_and_exports(admin_client):
    OrganisationFactory(name="Halluin 3R", city="Halluin")
    OrganisationFactory(name="INERIS", kind=choices.OrganisationKind.RESEARCH_BODY)
    url = reverse("wagtailsnippets_projets_organisation:list")

    assert listed(admin_client.get(url, {"q": "halluin"})) == ["Halluin 3R"]
    assert listed(admin_client.get(url, {"kind": "organisme_recherche"})) == ["INERIS"]

    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    csv_text = b"".join(response.streaming_content).decode()
    assert "Halluin 3R" in csv_text and "INERIS" in csv_text
    assert admin_client.get(url, {"kind": "inconnu"}).status_code == 200


@pytest.mark.django_db
def test_theme_listing_searches_filters_and_exports(admin_client):
    parent = ThemeFactory(name="Environnement", slug="environnement")
    ThemeFactory(name="Biodiversité", slug="biodiversite", parent=parent)
    ThemeFactory(name="Vie associative", slug="vie-associative")
    url = reverse("wagtailsnippets_projets_theme:list")

    assert listed(admin_client.get(url, {"q": "biodiversité"})) == ["Environnement > Biodiversité"]
    assert listed(admin_client.get(url, {"parent": parent.pk})) == ["Environnement > Biodiversité"]
    assert admin_client.get(url, {"parent": "abc"}).status_code == 200

    csv_text = b"".join(admin_client.get(url, {"export": "csv"}).streaming_content).decode()
    assert "Environnement" in csv_text and "biodiversite" in csv_text


@pytest.mark.django_db
def test_territory_listing_searches_filters_and_exports(admin_client):
    url = reverse("wagtailsnippets_projets_territory:list")

    assert listed(admin_client.get(url, {"q": "Somme"})) == ["Somme (80)"]
    regions = listed(admin_client.get(url, {"kind": "region"}))
    assert len(regions) == 18 and "Hauts-de-France" in regions

    csv_text = b"".join(admin_client.get(url, {"export": "csv", "kind": "departement"}).streaming_content).decode()
    assert "Gironde" in csv_text and csv_text.count("\n") == 102  # header + 101 départements


@pytest.mark.django_db
def test_contributor_finds_or_creates_an_organisation_from_the_chooser(client, django_user_model, search_backend):
    from django.contrib.auth.models import Group

    contributor = django_user_model.objects.create_user("contributrice", password="x")
    contributor.groups.add(Group.objects.get(name="Contributeurs"))
    client.force_login(contributor)
    OrganisationFactory(name="Halluin 3R", city="Halluin")
    search_backend.refresh_indexes()

    results = client.get(reverse("wagtailsnippetchoosers_projets_organisation:choose_results"), {"q": "halluin"})
    assert results.status_code == 200 and "Halluin 3R" in results.content.decode()

    modal = client.get(reverse("wagtailsnippetchoosers_projets_organisation:choose"))
    assert "Nouvelle organisation" in modal.json()["html"]

    url = reverse("wagtailsnippetchoosers_projets_organisation:create")
    fields = {"name": "Coin de Terre Halluinois", "acronym": "", "kind": "association", "city": "Halluin"}
    fields |= {"territory": "", "website": "", "rna": "", "siren": "", "rnsr": "", "ror": ""}
    created = client.post(url, fields).json()
    assert created["step"] == "chosen"
    organisation = Organisation.objects.get(name="Coin de Terre Halluinois")
    assert created["result"]["id"] == str(organisation.pk)

    duplicate = client.post(url, {**fields, "name": "coin de terre HALLUINOIS"}).json()
    assert duplicate["step"] == "reshow_creation_form"
    assert "Cette organisation existe déjà" in html_lib.unescape(duplicate["htmlFragment"])
    malformed = client.post(url, {**fields, "name": "Autre", "rna": "W12"}).json()
    assert "n'est pas un numéro RNA" in html_lib.unescape(malformed["htmlFragment"])
    assert Organisation.objects.count() == 2


THEME_ERRORS = {
    "third_level": "Les thèmes ont deux niveaux au plus : choisissez un thème de premier niveau.",
    "cycle": "Un thème ne peut pas être son propre ancêtre : choisissez un autre thème parent.",
    "has_children": (
        "Ce thème a des sous-thèmes : il ne peut pas devenir lui-même un sous-thème (deux niveaux au plus)."
    ),
}


@pytest.fixture
def two_levels(db):
    parent = ThemeFactory(name="Économie sociale et solidaire", slug="ess")
    child = ThemeFactory(name="Impact social", slug="impact-social", parent=parent)
    return parent, child


def post_theme(client, theme=None, **fields):
    data = {"name": "Mesure d'impact", "slug": "mesure-impact", "parent": "", "description": "", **fields}
    if theme is None:
        url = reverse("wagtailsnippets_projets_theme:add")
    else:
        data = {"name": theme.name, "slug": theme.slug, "description": theme.description, **fields}
        url = reverse("wagtailsnippets_projets_theme:edit", args=[theme.pk])
    return client.post(url, data)


def refused_with(response, error: str) -> bool:
    return response.status_code == 200 and THEME_ERRORS[error] in html_lib.unescape(response.content.decode())


def test_a_sub_theme_is_created_under_a_first_level_theme(admin_client, two_levels):
    parent, _child = two_levels
    response = post_theme(admin_client, parent=parent.pk)
    assert response.status_code == 302
    assert str(Theme.objects.get(slug="mesure-impact")) == "Économie sociale et solidaire > Mesure d'impact"


def test_a_third_level_is_refused_in_the_admin(admin_client, two_levels):
    _parent, child = two_levels
    response = post_theme(admin_client, parent=child.pk)
    assert refused_with(response, "third_level")
    assert not Theme.objects.filter(slug="mesure-impact").exists()


def test_a_theme_with_sub_themes_cannot_become_a_sub_theme(admin_client, two_levels):
    parent, _child = two_levels
    other = ThemeFactory(name="Environnement", slug="environnement")
    assert refused_with(post_theme(admin_client, parent, parent=other.pk), "has_children")
    parent.refresh_from_db()
    assert parent.parent_id is None


@pytest.mark.parametrize("which", ["itself", "its_child"])
def test_a_theme_cannot_be_its_own_ancestor(admin_client, two_levels, which):
    parent, child = two_levels
    chosen = parent if which == "itself" else child
    assert refused_with(post_theme(admin_client, parent, parent=chosen.pk), "cycle")
    assert refused_with(post_theme(admin_client, child, parent=child.pk), "cycle")
    parent.refresh_from_db()
    child.refresh_from_db()
    assert (parent.parent_id, child.parent_id) == (None, parent.pk)


def test_clean_refuses_a_loop_already_in_the_database(two_levels):
    """Rows written around the admin (an import, a shell) cannot make clean() loop forever."""
    parent, child = two_levels
    Theme.objects.filter(pk=parent.pk).update(parent=child)
    parent.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        parent.full_clean()
    assert raised.value.message_dict["parent"] == [THEME_ERRORS["cycle"]]
