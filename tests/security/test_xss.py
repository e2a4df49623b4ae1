"""A corpus of XSS payloads stored in every free-text field comes out escaped, whatever the output.

HTML pages (case study, organisation, catalogue, search, precedents, lessons…), JSON-LD, the Atom
feed, the JSON API and the CSV/XLSX exports (where a cell starting like a formula is neutralised).
Payloads come in through the models, as an import or the admin would store them, and through the
public proposal form.
"""

import csv
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from projets import choices
from projets.models import ProjectPage, ProjectProposal
from tests.factories import (
    ContractFactory,
    FundingLineFactory,
    LessonFactory,
    OrganisationFactory,
    ProjectPageFactory,
    ProjectPartnerFactory,
    ThemeFactory,
    region,
)

pytestmark = pytest.mark.django_db

XSS = (
    '<script>alert("xss")</script>"><img src=x onerror=alert(1)>'
    '\'><svg onload=alert(1)></script><a href="javascript:alert(3)">lien</a><style>*{display:none}</style>'
)
SHORT = "<svg onload=alert(1)>"  # for fields limited to 40 characters
# Each field starts differently, so the CSV checks see every formula prefix a spreadsheet runs.
FIELDS = {
    "title": "=HYPERLINK(1) " + XSS,
    "summary": "+1 " + XSS,
    "organisation": "-2 " + XSS,
    "partner": "@SUM(1) " + XSS,
    "lesson": "\t=1 " + XSS,
    "what_worked": "\r=1 " + XSS,
    "what_to_change": XSS,
    "programme": "=2 " + XSS,
    "theme": XSS[:120],
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def dangerous(html: str) -> list[str]:
    """Elements or attributes a payload would have created had it not been escaped."""
    soup = BeautifulSoup(html, "html.parser")
    scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]  # data: see below
    found = [f"<script>{s.string[:40]}" for s in scripts if s.string and "alert(" in s.string]
    found += [f"<style>{s.string[:40]}" for s in soup.find_all("style") if s.string and "display:none" in s.string]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") and "alert(" in text:
                found.append(f"<{tag.name} {name}>")
            if name in ("href", "src") and text.strip().lower().startswith("javascript:"):
                found.append(f"<{tag.name} {name}=javascript:>")
        if tag.name == "img" and tag.get("src") == "x":
            found.append("<img src=x>")
    return found


def shows_escaped(html: str) -> bool:
    """The payload is on the page as text (so the field is rendered, and escaped)."""
    return "onerror=alert(1)" in BeautifulSoup(html, "html.parser").get_text()


@pytest.fixture
def poisoned(project_index, search_backend):
    theme = ThemeFactory(name=FIELDS["theme"], slug="theme-xss", description=XSS)
    association = OrganisationFactory(
        name=FIELDS["organisation"],
        slug="association-xss",
        acronym=SHORT,
        description=XSS,
        city=XSS[:120],
        kind=choices.OrganisationKind.ASSOCIATION,
    )
    lab = OrganisationFactory(name=FIELDS["partner"], kind=choices.OrganisationKind.RESEARCH_UNIT)
    page = ProjectPageFactory(
        parent=project_index,
        title=FIELDS["title"],
        slug="etude-xss",
        summary=FIELDS["summary"][:300],
        # What the rich-text editor stores when someone types the payload: escaped text.
        body=[("paragraph", f"<p>{BeautifulSoup('', 'html.parser').new_string(XSS).output_ready()}</p>")],
        themes=[theme],
        territories=[region("32")],
        start_year=2019,
    )
    ProjectPartnerFactory(page=page, organisation=association, role=choices.PartnerRole.LEAD, contribution_details=XSS)
    ProjectPartnerFactory(page=page, organisation=lab, role=choices.PartnerRole.RESEARCH)
    FundingLineFactory(page=page, programme=FIELDS["programme"], amount=Decimal("-5"))
    contract = ContractFactory(
        page=page, title=XSS, what_worked=FIELDS["what_worked"], what_to_change=FIELDS["what_to_change"]
    )
    contract.parties.set([association, lab])
    LessonFactory(page=page, kind=choices.LessonKind.LEVER, text=FIELDS["lesson"])
    LessonFactory(page=page, kind=choices.LessonKind.OBSTACLE, text=XSS)
    page.save_revision().publish()
    search_backend.refresh_indexes()
    page.refresh_from_db()
    return page


HTML_PAGES = [
    ("/projets/etude-xss/", True),
    ("/organisations/association-xss/", True),
    ("/projets/", False),
    ("/projets/?theme=theme-xss", False),
    ("/recherche/?q=alert", False),
    ("/recherche/?q=lien+onerror", False),
    ("/", False),
    ("/explorer/", False),
    ("/precedents/", True),
    ("/precedents/?q=alert", True),
    ("/enseignements/", True),
    ("/trouver-un-partenaire/?themes=theme-xss&looking_for=laboratoire", False),
]


def test_html_pages_escape_every_payload(client, poisoned):
    """One site build for every page (each check names its page when it fails)."""
    for url, text_shown in HTML_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert dangerous(html) == [], url
        if text_shown:
            assert shows_escaped(html), f"{url}: the payload should be on the page, as text"
        # The title is always somewhere a visitor can read it (pages that list case studies).
        if url != "/explorer/" and not url.startswith("/organisations/"):
            assert "HYPERLINK" in html, url


def test_the_case_study_page_shows_every_field_as_text(client, poisoned):
    text = BeautifulSoup(client.get(poisoned.url).content, "html.parser").get_text()
    for name in ("title", "summary", "organisation", "partner", "lesson", "what_worked", "programme", "theme"):
        visible = FIELDS[name].strip()[:60]
        assert visible in text, name
    assert text.count("onerror=alert(1)") >= 8  # body, partner details, lessons, contract texts…


def test_json_ld_keeps_the_payload_as_data(client, poisoned):
    for url in ("/projets/etude-xss/", "/organisations/association-xss/"):
        html = client.get(url).content.decode()
        blocks = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
        assert blocks, url
        for block in blocks:
            assert "</script" not in block.string and "<" not in block.string
            flat = json.dumps(json.loads(block.string), ensure_ascii=False)
            assert '<script>alert(\\"xss\\")</script>' in flat, url  # intact, as data


def test_the_atom_feed_is_well_formed_and_escapes(client, poisoned):
    response = client.get("/flux/projets.atom")
    assert response.status_code == 200
    assert b"<script>" not in response.content and b"<img src=x" not in response.content
    root = ElementTree.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    entry = root.find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == FIELDS["title"]
    assert XSS in entry.find(f"{atom}summary").text


def test_the_json_api_returns_the_payload_as_data(client, poisoned):
    data = client.get("/api/recherche", {"q": "alert"}).json()
    (result,) = data["results"]
    assert result["title"] == FIELDS["title"]
    # The highlight is HTML: only <mark> tags, the payload escaped.
    assert dangerous(result["highlight"]) == []
    soup = BeautifulSoup(result["highlight"], "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"mark"}
    precedents = client.get("/api/precedents").json()["results"]
    assert precedents[0]["what_worked"] == FIELDS["what_worked"]
    suggestions = client.get("/api/autocomplete", {"q": "hyperlink"}).json()["results"]
    assert FIELDS["title"] in [item["label"] for item in suggestions]


CSV_EXPORTS = [
    "/donnees/projets.csv",
    "/donnees/partenaires.csv",
    "/donnees/financements.csv",
    "/donnees/contrats.csv",
    "/donnees/organisations.csv",
    "/precedents/export.csv",
]


def read_csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_exports_neutralise_formulas(client, poisoned):
    for url in CSV_EXPORTS:
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [cell for row in read_csv(response)[1:] for cell in row]
        assert [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)] == [], url
        assert any("onerror=alert(1)" in cell for cell in cells), f"{url}: the payload should be exported"


def test_the_workbook_holds_no_formula(client, poisoned):
    response = client.get("/donnees/projets.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = [str(cell.value) for cell in cells if cell.value is not None]
    assert "'" + FIELDS["title"] in values


PROPOSAL = {
    "submitter_kind": choices.OrganisationKind.ASSOCIATION,
    "organisation_name": "=1+1 " + XSS[:200],
    "partner_name": XSS[:200],
    "title": "Proposition " + XSS[:150],
    "summary": XSS[:290],
    "contact_name": SHORT,
    "contact_email": "personne@example.org",
    "consent": "on",
}


def test_the_proposal_form_stores_payloads_that_come_out_escaped(client, project_index, django_user_model):
    response = client.post("/proposer/", PROPOSAL)
    assert response.status_code == 302, response.content.decode()[:500]
    proposal = ProjectProposal.objects.get()
    assert proposal.organisation_name == PROPOSAL["organisation_name"]
    # Moderators read it in the admin, whose policy allows inline scripts: it must be escaped there too.
    moderator = django_user_model.objects.create_user("moderatrice", password="x")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    client.force_login(moderator)
    for url in (
        "/admin/snippets/projets/projectproposal/",
        f"/admin/snippets/projets/projectproposal/inspect/{proposal.pk}/",
        f"/admin/pages/{proposal.page_id}/edit/",
        "/admin/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert dangerous(page.content.decode()) == [], url
    # Published, the draft shows the payload as text on the public site.
    draft = ProjectPage.objects.get(pk=proposal.page_id)
    draft.save_revision().publish()
    client.logout()
    html = client.get(draft.url).content.decode()
    assert dangerous(html) == [] and shows_escaped(html)
