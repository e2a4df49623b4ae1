"""Uploads through the admin: extension allow-list, size cap, content sniffing (cms/uploads.py)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from .conftest import PDF, docx_file, elf_binary, odt_file, pe_binary, png_file, xlsx_file

MISMATCH = "ne correspond pas à son extension"
EXECUTABLE = "programme exécutable"


def add_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def form_errors(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", PDF),
        ("budget.xlsx", xlsx_file()),
        ("convention.docx", docx_file()),
        ("compte-rendu.odt", odt_file()),
        ("partenaires.csv", "nom;rôle\nLaboratoire;chef de file\n".encode()),
        ("notes.txt", "Réunion du 26 avril 2019 à Arras.\n".encode("cp1252")),
    ],
)
def test_real_documents_are_accepted(admin_client, name, content):
    response = add_document(admin_client, name, content)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    document = Document.objects.get(title=name)
    with document.open_file() as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", elf_binary(), EXECUTABLE),
        ("report.pdf", pe_binary(), EXECUTABLE),
        ("notes.txt", elf_binary(), EXECUTABLE),
        ("budget.xlsx", pe_binary(), EXECUTABLE),
        ("convention.docx", PDF, MISMATCH),
        ("rapport.pdf", docx_file(), MISMATCH),
        ("donnees.csv", b"\x00\x01\x02binary", MISMATCH),
        ("tableur.ods", odt_file(), MISMATCH),
    ],
)
def test_renamed_files_are_refused_in_french(admin_client, name, content, message):
    response = add_document(admin_client, name, content)
    assert message in form_errors(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["installeur.exe", "page.html", "image.svg", "script.sh", "archive.zip"])
def test_extensions_outside_the_allow_list_are_refused(admin_client, name):
    response = add_document(admin_client, name, b"contenu")
    assert "n’est pas autorisée" in form_errors(response) or "n'est pas autorisée" in form_errors(response)
    assert not Document.objects.exists()


def test_documents_over_the_size_cap_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(admin_client, "gros.pdf", PDF + b"%" * 2048)
    assert "trop" in form_errors(response)
    assert not Document.objects.exists()


def test_the_multiple_uploader_refuses_a_renamed_executable(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("report.pdf", elf_binary()), "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert EXECUTABLE in answer["error_message"]
    assert not Document.objects.exists()


def test_the_multiple_uploader_accepts_a_real_pdf(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("rapport.pdf", PDF), "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert json.loads(response.content)["success"] is True
    assert Document.objects.count() == 1


def add_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def test_a_real_image_is_accepted(admin_client):
    assert add_image(admin_client, "photo.png", png_file()).status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", elf_binary()), ("photo.jpg", png_file()), ("dessin.svg", b"<svg/>"), ("photo.heic", png_file())],
)
def test_images_are_checked_too(admin_client, name, content):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_images_over_the_size_cap_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(admin_client, "photo.png", png_file() + b"\x00" * 200)
    assert "trop" in " ".join(response.context["form"].errors["file"])
