import json
from pathlib import Path

import feedparser
from django.conf import settings
from django.utils.html import escape
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
    assert data["foundingDate"] == "2018" and data["dissolutionDate"] == "2020-06"
    [expanded] = expand(data)
    assert expanded["@type"] == [SCHEMA + "ResearchProject"]
    members = {m[SCHEMA + "member"][0][SCHEMA + "name"][0]["@value"] for m in expanded[SCHEMA + "member"]}
    assert members == {"Laboratoire d'essai", "Association des jardins"}
    assert expanded[SCHEMA + "funder"][0][SCHEMA + "name"][0]["@value"] == "Fondation d'essai"
    areas = {a[SCHEMA + "name"][0]["@value"] for a in expanded[SCHEMA + "areaServed"]}
    assert areas == {"Hauts-de-France", "Nord"}
    assert {k["@value"] for k in expanded[SCHEMA + "keywords"]} == {"Santé environnementale", "jardins", "sols"}
    assert expanded[SCHEMA + "url"][0]["@value"].endswith(page.url)


def page_jsonld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


def test_the_page_shows_the_jsonld_built_from_what_it_already_read(client, catalogue):
    """The page hands project_jsonld its partners, themes, keywords... read once: the same metadata."""
    page = catalogue["public"][0]
    shown, direct = page_jsonld(client, page), project_jsonld(page)
    assert sorted(shown["keywords"]) == sorted(direct["keywords"]) == ["Santé environnementale", "jardins", "sols"]
    for key in ("name", "areaServed", "foundingDate", "dissolutionDate"):
        assert shown[key] == direct[key]
    grants = [[(g["name"], g["funder"]["name"], g["amount"]) for g in data["funding"]] for data in (shown, direct)]
    assert grants[0] == grants[1]
    members = [[role["member"]["name"] for role in data["member"]] for data in (shown, direct)]
    assert members[0] == members[1]
    assert [org["name"] for org in shown["funder"]] == [org["name"] for org in direct["funder"]]


def test_organisation_jsonld_expands(catalogue):
    lab = Organisation.objects.get(acronym="LABE")
    [expanded] = expand(organisation_jsonld(lab))
    assert expanded["@type"] == [SCHEMA + "Organization"]
    values = {item[SCHEMA + "value"][0]["@value"] for item in expanded[SCHEMA + "identifier"]}
    assert values == {"732829320", str(lab.public_id)}


def test_case_study_page_carries_escaped_jsonld(client, make_project):
    page = make_project(title="Titre </script><script>alert(1)</script> & co")
    html = client.get(page.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    payload = html[start : html.index("</script>", start)]
    assert "<" not in payload and "&" not in payload
    assert page_jsonld(client, page)["name"] == page.title


def entries(client, query=""):
    response = client.get("/flux/projets.atom" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, sorted(entry.title for entry in feed.entries)


def test_latest_feed_lists_public_case_studies_only(client, indexed):
    feed, titles = entries(client)
    assert titles == ["@Sols vivants", "Des chercheurs au jardin"]
    assert feed.feed.title.startswith("Coopérathèque")
    assert feed.entries[0].link.startswith(settings.SITE_URL + "/")
    assert feed.feed.id.startswith(settings.SITE_URL + "/") and feed.entries[0].id.startswith(settings.SITE_URL + "/")
    assert feed.entries[0].tags[0].term == "Santé environnementale"


def test_feed_honours_every_catalogue_filter(client, indexed, make_project, themes, search_backend):
    from tests.factories import region

    make_project(
        title="Économie de la société", themes=[themes["other"]], territories=[region("11")], status="preparation"
    )
    search_backend.refresh_indexes()
    both = ["@Sols vivants", "Des chercheurs au jardin"]
    assert entries(client, "?theme=sante")[1] == both  # a parent theme includes its children
    assert entries(client, "?theme=ess")[1] == ["Économie de la société"]
    assert entries(client, "?region=32")[1] == both
    assert entries(client, "?departement=59")[1] == both
    assert entries(client, "?region=11&status=preparation")[1] == ["Économie de la société"]
    assert entries(client, "?format=recherche_participative")[1] == ["@Sols vivants"]
    assert entries(client, "?partner_kind=laboratoire&funding_kind=fondation")[1] == both
    assert entries(client, "?theme=ess&theme=sante-environnementale")[1] == [*both, "Économie de la société"]
    assert entries(client, "?q=SOCIETE")[1] == ["Économie de la société"]
    assert entries(client, "?q=jardin+-vivants")[1] == ["Des chercheurs au jardin"]  # the search syntax too
    # A results page's address as it is: its paging and sort do not narrow the feed.
    assert entries(client, "?region=32&page=2&sort=debut&page_size=1")[1] == both
    feed, _titles = entries(client, "?theme=sante&region=32")
    assert "Santé" in feed.feed.title and "Hauts-de-France" in feed.feed.title
    assert "theme=sante" in feed.feed.link and "/projets/" in feed.feed.link


def test_feed_rejects_unknown_filters_in_french(client, catalogue):
    for query in ("?theme=nulle-part", "?region=99", "?status=fini", "?format=x", "?year_from=abc"):
        response = client.get("/flux/projets.atom" + query)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert "inconnu" in text or "nombre entier" in text


def test_results_pages_link_to_their_feed(client, indexed):
    catalogue_page = client.get("/projets/?region=32&page=1").content.decode()
    assert 'href="/flux/projets.atom?region=32"' in catalogue_page
    assert 'rel="alternate" type="application/atom+xml" href="/flux/projets.atom?region=32"' in catalogue_page
    search_page = client.get("/recherche/?q=jardin&theme=sante").content.decode()
    assert 'rel="alternate" type="application/atom+xml" href="/flux/projets.atom?q=jardin&amp;theme=sante"' in (
        search_page
    )
    home = client.get("/").content.decode()
    assert 'rel="alternate" type="application/atom+xml" href="/flux/projets.atom"' in home


def test_search_page_offers_the_feed_of_its_results(client, indexed):
    query = "?q=jardin&theme=sante&region=32&region=11&page=1&sort=debut"
    page = client.get("/recherche/" + query).content.decode()
    feed = "/flux/projets.atom?q=jardin&amp;theme=sante&amp;region=32&amp;region=11"
    assert f'<a href="{feed}" type="application/atom+xml">Suivre ces résultats' in page
    alternate = f'<link rel="alternate" type="application/atom+xml" href="{feed}" title="Ces résultats (flux Atom)">'
    assert alternate in page
    # The link leads to a feed of the same results as the page.
    titles = entries(client, "?q=jardin&theme=sante&region=32&region=11")[1]
    assert titles and all(escape(title) in page for title in titles)
    # Without a filter it follows every case study; a rejected query offers no feed.
    assert 'href="/flux/projets.atom" type="application/atom+xml">Suivre' in client.get("/recherche/").content.decode()
    rejected = client.get("/recherche/?region=99")
    assert rejected.status_code == 400
    assert "Suivre ces résultats" not in rejected.content.decode()


def test_feed_sends_a_proposed_summary_as_text_never_as_markup(client, make_project, search_backend):
    """A summary typed by a visitor goes out as Atom text: a reader shows the tags, never runs them."""
    summary = 'Jardins <script>alert("x")</script> & <img src=x onerror=alert(1)> partagés'
    page = make_project(title="Jardins proposés", summary=summary)
    search_backend.add(page)
    search_backend.refresh_indexes()
    response = client.get("/flux/projets.atom")
    xml = response.content.decode()
    assert '<summary type="text">' in xml and 'type="html"' not in xml
    assert "<script>" not in xml  # escaped once, as XML text
    feed = feedparser.parse(response.content)
    [entry] = feed.entries
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary == summary
