"""The machine-readable catalogue: a Frictionless Data Package that validates, and schema.org DataCatalog JSON-LD."""

import csv
import io
import json

import pytest
from frictionless import validate

from projets import choices

FILES = ["projets", "partenaires", "financements", "contrats", "organisations"]


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def package_dir(client, catalogue, tmp_path):
    """/donnees/datapackage.json and its files, downloaded as a reuser would, side by side."""
    response = client.get("/donnees/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    (tmp_path / "datapackage.json").write_bytes(response.content)
    for resource in response.json()["resources"]:
        (tmp_path / resource["path"]).write_bytes(content(client.get(f"/donnees/{resource['path']}")))
    return tmp_path


def test_frictionless_validates_the_package(package_dir):
    report = validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_key(package_dir):
    """The foreign keys are checked: a partner row whose case study is missing from projets.csv fails."""
    projects = (package_dir / "projets.csv").read_text().splitlines()
    (package_dir / "projets.csv").write_text("\n".join(projects[:-1]) + "\n")
    report = validate(str(package_dir / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_each_schema_is_its_file_header_with_types_enums_and_keys(client, catalogue):
    package = client.get("/donnees/datapackage.json").json()
    assert [resource["name"] for resource in package["resources"]] == FILES
    assert package["licenses"][0]["name"] == "etalab-2.0"
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(content(client.get(f"/donnees/{resource['path']}")).decode())))
        assert [field["name"] for field in resource["schema"]["fields"]] == header, resource["name"]
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"]}
    fields = {field["name"]: field for field in schemas["projets"]["fields"]}
    assert schemas["projets"]["primaryKey"] == ["identifiant"]
    assert fields["identifiant"]["format"] == "uuid" and fields["identifiant"]["constraints"]["unique"]
    assert fields["etat"]["constraints"]["enum"] == list(choices.Status.values)
    assert fields["titre"]["constraints"]["required"] and "required" not in fields["reference"].get("constraints", {})
    assert fields["annee_debut"]["type"] == "integer" and fields["date_publication"]["type"] == "date"
    assert {"fields": ["projet"], "reference": {"resource": "projets", "fields": ["identifiant"]}} in schemas[
        "partenaires"
    ]["foreignKeys"]


def test_the_dictionary_page_carries_a_data_catalog(client, catalogue):
    html = client.get("/donnees/").content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "DataCatalog"
    dataset = data["dataset"][0]
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith("https://www.etalab.gouv.fr/")
    assert dataset["dateModified"]
    downloads = {item["name"]: item for item in dataset["distribution"]}
    for name in FILES:
        rows = list(csv.reader(io.StringIO(content(client.get(f"/donnees/{name}.csv")).decode())))
        item = downloads[f"{name}.csv"]
        assert item["@type"] == "DataDownload" and item["encodingFormat"] == "text/csv"
        assert item["size"]["value"] == len(rows) - 1, name
        assert item["dateModified"] == dataset["dateModified"]
    assert downloads["datapackage.json"]["contentUrl"].endswith("/donnees/datapackage.json")
    assert 'href="/donnees/datapackage.json"' in html


def test_the_package_answers_head_and_conditional_gets(client, catalogue):
    first = client.get("/donnees/datapackage.json")
    assert client.head("/donnees/datapackage.json").status_code == 200
    assert client.get("/donnees/datapackage.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/donnees/datapackage.json", HTTP_ORIGIN="https://a.example")["Access-Control-Allow-Origin"]
