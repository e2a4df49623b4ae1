"""The data dictionary's row counts: counted once per state of the public data, recounted when it changes."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory


def catalogue_counts(client) -> dict[str, int]:
    html = client.get("/donnees/").content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    return {item["name"]: item["size"]["value"] for item in data["dataset"][0]["distribution"] if "size" in item}


def test_an_unchanged_catalogue_is_not_counted_again(client, catalogue):
    client.get("/donnees/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/donnees/").status_code == 200
    whole_tables = [query["sql"] for query in queries if "projets_projectpartner" in query["sql"]]
    assert whole_tables == []


def test_a_publication_recounts_the_rows(client, catalogue, make_project):
    before = catalogue_counts(client)
    association = OrganisationFactory(name="Nouvelle association")
    make_project(title="Une étude de plus", partners=[(association, "chef_de_file")])
    after = catalogue_counts(client)
    assert after["projets.csv"] == before["projets.csv"] + 1
    assert after["partenaires.csv"] == before["partenaires.csv"] + 1
    assert after["organisations.csv"] == before["organisations.csv"] + 1
