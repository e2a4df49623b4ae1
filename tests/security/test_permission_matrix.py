"""Who may see what: five roles × every kind of protected content, and zero leaks in public outputs.

A cell is ✓ when the role gets the resource (HTTP 200 and, where the resource carries a marker word,
that word in the answer), ✗ otherwise. Every answer is checked for 5xx. The public outputs (search,
APIs, exports, feeds, sitemap…) show public content only, whoever asks: the published marker must be
there (the endpoint works) and no secret marker anywhere.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from wagtail.documents.models import Document
from wagtail.models import Collection

from projets.documents import members_collection

from .world import (
    CHANGES,
    CONTACT,
    DRAFT,
    HIDDEN_ORG,
    HIDDEN_ORG_PATH,
    HIDDEN_PATHS,
    MEMBERS,
    PRIVATE,
    PUBLIC,
    RESTRICTED_DOC,
    ROLES,
    SECRETS,
    build_world,
    user_for,
)

pytestmark = pytest.mark.django_db
Y, N = "✓", "✗"

# (resource, address from the world, marker that proves access or None for "HTTP 200 is access",
#  expected cells in the order of ROLES: anonyme, membre, contributeur, moderateur, administrateur)
MATRIX = [
    ("étude de cas publiée", lambda w: w.published.url, PUBLIC, (Y, Y, Y, Y, Y)),
    ("… ses modifications non publiées", lambda w: w.published.url, CHANGES, (N, N, N, N, N)),
    ("étude de cas brouillon", lambda w: "/projets/etude-brouillon/", DRAFT, (N, N, N, N, N)),
    ("aperçu du brouillon (admin)", lambda w: f"/admin/pages/{w.draft.pk}/view_draft/", DRAFT, (N, N, Y, Y, Y)),
    ("édition du brouillon (admin)", lambda w: f"/admin/pages/{w.draft.pk}/edit/", DRAFT, (N, N, Y, Y, Y)),
    ("page privée (Membres, Modérateurs)", lambda w: w.private.url, PRIVATE, (N, Y, N, Y, Y)),
    ("organisation d'une étude publiée", lambda w: "/organisations/maison-des-associations/", None, (Y, Y, Y, Y, Y)),
    ("organisation des seules études cachées", lambda w: HIDDEN_ORG_PATH, HIDDEN_ORG, (N, N, N, N, N)),
    ("document réservé, vue de Wagtail", lambda w: w.document.url, MEMBERS, (N, Y, N, Y, Y)),
    ("document réservé, fichier sous /media/", lambda w: w.document.file.url, MEMBERS, (N, N, N, N, N)),
    ("administration : accueil", lambda w: "/admin/", None, (N, N, Y, Y, Y)),
    ("administration : documents", lambda w: "/admin/documents/", None, (N, N, Y, Y, Y)),
    ("document réservé, édition (admin)", lambda w: f"/admin/documents/edit/{w.document.pk}/", None, (N, N, N, Y, Y)),
    ("administration : import", lambda w: "/admin/donnees/import/", None, (N, N, N, Y, Y)),
    ("administration : propositions", lambda w: "/admin/snippets/projets/projectproposal/", CONTACT, (N, N, N, Y, Y)),
    ("administration : utilisateurs", lambda w: "/admin/users/", None, (N, N, N, N, Y)),
]

# Public outputs: (address, whether the published case study must show there, expected status).
PUBLIC_OUTPUTS = [
    ("/", True, 200),
    ("/projets/", True, 200),
    ("/projets/?theme=education-populaire&region=32", True, 200),
    ("/recherche/?q=etude", True, 200),
    ("/recherche/?q=levier", True, 200),
    ("/recherche/?q=programme", True, 200),
    ("/explorer/", False, 200),
    ("/organisations/maison-des-associations/", True, 200),
    ("/precedents/", True, 200),
    ("/precedents/?q=marche", True, 200),
    ("/precedents/export.csv", True, 200),
    ("/enseignements/", True, 200),
    ("/trouver-un-partenaire/?theme=education-populaire", False, 200),
    ("/trouver-un-partenaire/?themes=education-populaire&looking_for=association", True, 200),
    ("/trouver-un-partenaire/?themes=education-populaire&looking_for=financeur", False, 200),
    ("/api/autocomplete?q=collectif", False, 200),
    ("/api/autocomplete?q=cacheorg", False, 200),
    ("/api/recherche", True, 200),
    ("/api/recherche?q=etude&page_size=100", True, 200),
    ("/api/recherche?q=marche", True, 200),
    ("/api/autocomplete?q=etud", True, 200),
    ("/api/precedents", True, 200),
    ("/api/precedents?q=marche", True, 200),
    ("/api/openapi.json", False, 200),
    ("/api/v2/projets/?fields=*", True, 200),
    ("/api/v2/pages/?fields=*", True, 200),
    ("/api/v2/pages/?search=etude", True, 200),
    ("/api/v2/organisations/?fields=*", False, 200),
    ("/api/v2/themes/", False, 200),
    ("/api/v2/territoires/?limit=20", False, 200),
    ("/donnees/projets.csv", True, 200),
    ("/donnees/projets.json", True, 200),
    ("/donnees/projets.xlsx", True, 200),
    ("/donnees/partenaires.csv", False, 200),
    ("/donnees/financements.csv", True, 200),
    ("/donnees/contrats.csv", True, 200),
    ("/donnees/organisations.csv", False, 200),
    ("/flux/projets.atom", True, 200),
    ("/flux/projets.atom?theme=education-populaire", True, 200),
    ("/sitemap.xml", False, 200),  # the index: it points to the files, which list the pages
    ("/sitemap-pages.xml", True, 200),
    ("/sitemap-organisations.xml", False, 200),
    ("/robots.txt", False, 200),
    ("/donnees/", False, 200),
]


def text_of(response) -> str:
    """The whole answer as lower-case text: streamed bodies joined, workbooks read cell by cell."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"PK") and "spreadsheetml" in response.get("Content-Type", ""):
        workbook = load_workbook(io.BytesIO(raw), read_only=True)
        cells = (str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
        return " ".join(cells).lower()
    assert not zipfile.is_zipfile(io.BytesIO(raw)), "an archive this test cannot read"
    return raw.decode("utf-8", "replace").lower()


@pytest.fixture
def world(project_index, search_backend):
    built = build_world(project_index)
    search_backend.refresh_indexes()
    return built


@pytest.fixture
def as_role(client, django_user_model):
    def login(role):
        user = user_for(role, django_user_model)
        if user is not None:
            client.force_login(user)
        return client

    return login


def render(table: dict) -> str:
    return "\n".join(f"{cell}  {label}" for label, cell in table.items())


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what(role, world, as_role):
    client = as_role(role)
    column = ROLES.index(role)
    expected, seen = {}, {}
    for label, address, marker, cells in MATRIX:
        response = client.get(address(world))
        assert response.status_code < 500, (label, response.status_code)
        text = text_of(response)
        granted = response.status_code == 200 and (marker is None or marker in text)
        seen[label] = Y if granted else N
        expected[label] = cells[column]
        if not granted and marker is not None:
            assert marker not in text, f"{label}: refused, yet the marker is in the answer"
    assert render(seen) == render(expected)


# Roles Wagtail serves the members' documents to (the matrix row « document réservé, vue de Wagtail »).
READERS_ROW = next(cells for label, _address, _marker, cells in MATRIX if label == "document réservé, vue de Wagtail")
DOCUMENT_READERS = {role for role, cell in zip(ROLES, READERS_ROW, strict=True) if cell == Y}


def document_traces(world) -> tuple[str, ...]:
    """What names or links a members' document: title and file name words, addresses, file sizes."""
    traces = [RESTRICTED_DOC]
    for document in (world.document, world.annex):
        traces += [f"/documents/{document.pk}/", f'"file_size": {document.file_size}']
    return tuple(traces)


@pytest.mark.parametrize("role", ROLES)
def test_public_outputs_show_only_public_content(role, world, as_role):
    client = as_role(role)
    # Exports and data APIs are the same for everyone: members' documents are never in them.
    documents = document_traces(world)
    pages = {world.published.url, "/precedents/", "/precedents/?q=marche"}
    for address, shows_public, status in [*PUBLIC_OUTPUTS, (world.published.url, True, 200)]:
        response = client.get(address)
        assert response.status_code == status, (address, response.status_code)
        text = text_of(response)
        if shows_public:
            assert PUBLIC in text, f"{address}: the published case study is missing"
        secrets = (*SECRETS, *HIDDEN_PATHS)
        if role not in DOCUMENT_READERS or address not in pages:
            secrets += documents
        leaked = [secret for secret in secrets if secret in text]
        assert leaked == [], f"{address} leaks {leaked} to {role}"
    # The content API answers 404 for hidden pages, even to those who may open them on the site.
    for page in (world.draft, world.private):
        for endpoint in ("projets", "pages"):
            response = client.get(f"/api/v2/{endpoint}/{page.pk}/")
            assert response.status_code == 404, (endpoint, page.title)
            assert DRAFT not in text_of(response) and PRIVATE not in text_of(response)
    # …and for an organisation met only in hidden case studies.
    response = client.get(f"/api/v2/organisations/{world.hidden_organisation.pk}/")
    assert response.status_code == 404
    assert HIDDEN_ORG not in text_of(response)


def test_members_get_the_links_the_public_does_not(world, as_role):
    """Those Wagtail serves the members' documents to see them named and linked, on the site only."""
    compare = f"/precedents/comparer/?ids={','.join(str(c.pk) for c in world.published.contracts.all())}"
    for role in ROLES:
        client = as_role(role)
        for address in (world.published.url, "/precedents/", compare):
            text = text_of(client.get(address))
            shown = [trace for trace in (RESTRICTED_DOC, world.annex.url.lower()) if trace in text]
            expected = [RESTRICTED_DOC, world.annex.url.lower()] if role in DOCUMENT_READERS else []
            assert shown == expected, (role, address)
        client.logout()


def test_the_anonymous_login_redirects_carry_no_content(world, client):
    """Refusals for anonymous visitors are redirects to the login page, never the content."""
    for address in (world.private.url, world.document.url, "/admin/", f"/admin/pages/{world.draft.pk}/edit/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert "login" in response["Location"]
        assert response.content == b""


def test_a_contributor_cannot_move_a_members_only_document_out(world, as_role):
    """Wagtail's "change" on the root collection used to reach the members-only collection below it."""
    client = as_role("contributeur")
    response = client.post(
        f"/admin/documents/edit/{world.document.pk}/",
        {"title": "Déplacé", "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code in (302, 403)  # Wagtail sends them back to the dashboard
    world.document.refresh_from_db()
    assert world.document.collection == members_collection()
    assert world.document.title == f"Convention {RESTRICTED_DOC}"
    # Their own uploads stay theirs to edit.
    added = client.post(
        "/admin/documents/add/",
        {
            "title": "Compte rendu",
            "file": SimpleUploadedFile("compte-rendu.txt", "Réunion à Arras.\n".encode()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert added.status_code == 302
    own = Document.objects.get(title="Compte rendu")
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
