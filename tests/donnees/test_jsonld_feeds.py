import json
from pathlib import Path

import feedparser
from pyld import jsonld

from donnees.jsonld import organisation_jsonld, project_jsonld
from projets.models import Organisation

SCHEMA = "https://schema.org/"
LOCAL_CONTEXT = json.loads((Path(__file__).parent / "data" / "schemaorg-context.jsonld").read_text())


def offline_loader(url, options=None):
    """No network here: serve schema.org's context from a small local copy."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}


def expand(data):
    return jsonld.expand(data, {"documentLoader": offline_loader})


def test_case_study_jsonld_expands_to_a_research_project(catalogue):
    page = catalogue["public"][0]
    data = project_jsonld(page)
    assert data["startDate"] == "2018" and data["endDate"] == "2020-06"
    [expanded] = expand(data)
    assert expanded["@type"] == [SCHEMA + "ResearchProject"]
    members = {m[SCHEMA + "name"][0]["@value"] for m in expanded[SCHEMA + "member"]}
    assert members == {"Laboratoire d'essai", "Association des jardins"}
    assert expanded[SCHEMA + "funder"][0][SCHEMA + "name"][0]["@value"] == "Fondation d'essai"
    areas = {a[SCHEMA + "name"][0]["@value"] for a in expanded[SCHEMA + "areaServed"]}
    assert areas == {"Hauts-de-France", "Nord"}
    assert {k["@value"] for k in expanded[SCHEMA + "keywords"]} == {"Santé environnementale", "jardins", "sols"}
    assert expanded[SCHEMA + "url"][0]["@value"].endswith(page.url)


def test_organisation_jsonld_expands(catalogue):
    lab = Organisation.objects.get(acronym="LABE")
    [expanded] = expand(organisation_jsonld(lab))
    assert expanded["@type"] == [SCHEMA + "Organization"]
    assert expanded[SCHEMA + "identifier"][0][SCHEMA + "value"][0]["@value"] == "732829320"


def test_case_study_page_carries_escaped_jsonld(client, make_project):
    page = make_project(title="Titre </script><script>alert(1)</script> & co")
    html = client.get(page.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    payload = html[start : html.index("</script>", start)]
    assert "<" not in payload and "&" not in payload
    assert json.loads(payload)["name"] == page.title


def entries(client, query=""):
    response = client.get("/flux/projets.atom" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, sorted(entry.title for entry in feed.entries)


def test_latest_feed_lists_public_case_studies_only(client, catalogue):
    feed, titles = entries(client)
    assert titles == ["@Sols vivants", "Des chercheurs au jardin"]
    assert feed.feed.title.startswith("Coopérathèque")
    assert feed.entries[0].link.startswith("http://testserver/")


def test_feed_honours_catalogue_filters(client, catalogue, make_project, themes):
    from projets.factories import region

    make_project(
        title="Économie de la société", themes=[themes["other"]], territories=[region("11")], status="preparation"
    )
    assert entries(client, "?theme=sante")[1] == ["@Sols vivants", "Des chercheurs au jardin"]
    assert entries(client, "?theme=ess")[1] == ["Économie de la société"]
    assert entries(client, "?region=32")[1] == ["@Sols vivants", "Des chercheurs au jardin"]
    assert entries(client, "?region=11&status=preparation")[1] == ["Économie de la société"]
    assert entries(client, "?format=recherche_participative")[1] == ["@Sols vivants"]
    assert entries(client, "?q=SOCIETE")[1] == ["Économie de la société"]
    feed, _titles = entries(client, "?theme=sante&region=32")
    assert "Santé" in feed.feed.title and "Hauts-de-France" in feed.feed.title
    assert "theme=sante" in feed.feed.link


def test_feed_rejects_unknown_filters_in_french(client, catalogue):
    for query in ("?theme=nulle-part", "?region=99", "?status=fini", "?format=x"):
        response = client.get("/flux/projets.atom" + query)
        assert response.status_code == 400
        assert "inconnu" in response.content.decode()
