"""Public identifiers: every case study and organisation has one, for good, and every export is keyed by it."""

import io
import json
import uuid

import pandas as pd

from projets.models import Organisation, ProjectPage
from tests.factories import OrganisationFactory

CSV_EXPORTS = ["partenaires", "financements", "contrats", "organisations"]


def read_export(client, name: str) -> pd.DataFrame:
    response = client.get(f"/donnees/{name}.csv")
    assert response.status_code == 200
    return pd.read_csv(io.BytesIO(b"".join(response.streaming_content)), dtype=str, keep_default_na=False)


def test_a_case_study_keeps_its_identifier_through_renames_and_a_copy_gets_its_own(make_project):
    page = make_project(title="Des chercheurs au jardin")
    identifier = page.public_id
    assert isinstance(identifier, uuid.UUID)
    page.title, page.slug = "Des chercheuses au jardin", "chercheuses"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.public_id == identifier

    copy = page.copy(update_attrs={"slug": "copie", "title": "Copie"}, copy_revisions=True)
    copy.refresh_from_db()
    assert copy.public_id != identifier
    copy.get_latest_revision().publish()  # a copied revision must not bring the original's identifier back
    assert ProjectPage.objects.get(pk=copy.pk).public_id == copy.public_id


def test_an_organisation_keeps_its_identifier_through_renames(db):
    organisation = OrganisationFactory(name="Laboratoire d'essai")
    identifier = organisation.public_id
    organisation.name = "Laboratoire d'essais"
    organisation.save()
    assert Organisation.objects.get(pk=organisation.pk).public_id == identifier
    assert OrganisationFactory(name="Autre").public_id != identifier


def test_every_export_reads_with_pandas_and_joins_projets_csv(client, catalogue):
    projects = read_export(client, "projets")
    assert projects["identifiant"].is_unique
    expected = {str(page.public_id) for page in catalogue["public"]}
    assert set(projects["identifiant"]) == expected

    for name in ("partenaires", "financements", "contrats"):
        rows = read_export(client, name)
        assert len(rows), name
        joined = rows.merge(
            projects, left_on="projet", right_on="identifiant", how="left", validate="many_to_one", indicator=True
        )
        assert (joined["_merge"] == "both").all(), name
        assert len(joined) == len(rows)

    organisations = read_export(client, "organisations")
    assert organisations["identifiant"].is_unique
    known = set(organisations["identifiant"])
    partners = read_export(client, "partenaires")
    assert set(partners["organisation_identifiant"]) <= known
    funding = read_export(client, "financements")
    assert set(funding["financeur_identifiant"]) - {""} <= known
    contracts = read_export(client, "contrats")
    parties = {key for cell in contracts["parties_identifiants"] for key in cell.split("|") if key}
    assert parties and parties <= known
    # Registry identifiers are columns of their own, when known.
    lab = organisations.set_index("nom").loc["Laboratoire d'essai"]
    assert lab["siren"] == "732829320"
    assert organisations.set_index("nom").loc["Association des jardins"]["rna"] == "W623001234"


def test_the_workbook_and_the_json_are_keyed_the_same_way(client, catalogue):
    response = client.get("/donnees/projets.xlsx")
    workbook = pd.read_excel(io.BytesIO(b"".join(response.streaming_content)), sheet_name=None)
    keys = set(workbook["projets"]["identifiant"])
    assert keys == {str(page.public_id) for page in catalogue["public"]}
    for sheet in ("partenaires", "financements", "contrats"):
        assert set(workbook[sheet]["projet"]) <= keys, sheet

    response = client.get("/donnees/projets.json")
    document = pd.json_normalize(json.loads(b"".join(response.streaming_content)), record_path="projets", max_level=0)
    assert set(document["identifiant"]) == keys


def test_the_content_api_gives_the_identifier(client, catalogue):
    for endpoint in ("projets", "organisations"):
        listing = client.get(f"/api/v2/{endpoint}/").json()["items"]
        assert listing and all(uuid.UUID(item["identifier"]) for item in listing)
    listing = client.get("/api/v2/projets/").json()["items"]
    assert {item["identifier"] for item in listing} == {str(page.public_id) for page in catalogue["public"]}


def test_the_jsonld_identifier_is_the_public_identifier(client, catalogue):
    from donnees.jsonld import project_jsonld

    page = catalogue["public"][0]
    data = project_jsonld(page)
    assert data["identifier"]["value"] == str(page.public_id)
