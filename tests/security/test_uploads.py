"""Uploads through the admin: extension allow-list, size cap, content sniffing (cms/uploads.py)."""

import io
import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, UploadedFile

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


def upload_many(client, kind: str, name: str, content: bytes) -> dict:
    """Post one file to the multiple uploader of "documents" or "images", as its script does; its JSON answer."""
    response = client.post(
        f"/admin/{kind}/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    return json.loads(response.content)


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
    errors = form_errors(response).replace("\u00a0", " ")
    assert "n’est pas autorisée" in errors or "n'est pas autorisée" in errors
    assert f"« {name.rsplit('.', 1)[1]} »" in errors, "the refused extension is named"
    assert not Document.objects.exists()


def test_documents_over_the_size_cap_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(admin_client, "gros.pdf", PDF + b"%" * 2048)
    assert "trop" in form_errors(response)
    assert not Document.objects.exists()


def test_the_multiple_uploader_refuses_a_renamed_executable(admin_client):
    answer = upload_many(admin_client, "documents", "report.pdf", elf_binary())
    assert answer["success"] is False
    assert EXECUTABLE in answer["error_message"]
    assert not Document.objects.exists()


def test_the_multiple_uploader_accepts_a_real_pdf(admin_client):
    assert upload_many(admin_client, "documents", "rapport.pdf", PDF)["success"] is True
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


def noisy_png() -> bytes:
    """A PNG whose pixel data spans many bytes, so cutting it in half cuts the picture, not just the end."""
    from PIL import Image as PILImage

    pixels = random.Random(28).randbytes(64 * 64 * 3)
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (64, 64), pixels).save(buffer, "PNG")
    return buffer.getvalue()


BROKEN_IMAGES = [
    pytest.param("coupee.png", png_file()[:40], id="png-cut-in-its-header"),
    pytest.param("coupee.png", noisy_png()[: len(noisy_png()) // 2], id="png-cut-in-its-pixels"),
    pytest.param("anime.gif", b"GIF89a" + b"\x13\x37junk" * 40, id="gif-header-then-junk"),
]
BROKEN = "Cette image est illisible"


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(("name", "content"), BROKEN_IMAGES)
def test_the_multiple_uploader_refuses_a_broken_image_in_french(admin_client, media_root, name, content):
    answer = upload_many(admin_client, "images", name, content)
    assert answer["success"] is False
    assert BROKEN in answer["error_message"]
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("name", "content"), BROKEN_IMAGES)
def test_the_image_form_refuses_a_broken_image_in_french(admin_client, media_root, name, content):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert BROKEN in " ".join(response.context["form"].errors["file"])
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_the_multiple_uploader_accepts_a_whole_image(admin_client):
    assert upload_many(admin_client, "images", "bruit.png", noisy_png())["success"] is True
    assert Image.objects.get().width == 64


def test_a_fake_pdf_is_refused_with_its_extension_named(admin_client):
    single = form_errors(add_document(admin_client, "rapport.pdf", b"pas un PDF"))
    multiple = upload_many(admin_client, "documents", "rapport.pdf", b"pas un PDF")["error_message"]
    for message in (single, multiple):
        assert "« .pdf »" in message
        assert "« »" not in message.replace("\u00a0", " ").replace("  ", " ")
        assert "n’est pas autorisée" not in message
    assert not Document.objects.exists()


def many_pixels_png(side: int) -> bytes:
    """A black square of side × side pixels, one bit each: a few kilobytes for tens of millions of pixels."""
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("1", (side, side)).save(buffer, "PNG")
    return buffer.getvalue()


def test_pillow_refuses_a_picture_over_the_pixel_cap_wherever_it_is_opened(settings):
    """49 million pixels: under Pillow's own default (89 million), over the site's cap (40 million)."""
    from PIL import Image as PILImage

    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000 == 2 * PILImage.MAX_IMAGE_PIXELS
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(many_pixels_png(7000)))
    assert PILImage.open(io.BytesIO(many_pixels_png(6000))).size == (6000, 6000)  # 36 million: opened


@pytest.mark.parametrize("side", [7000, 9500])  # 49 million pixels (Pillow warns), 90 million (Pillow refuses)
def test_an_upload_over_the_pixel_cap_is_refused_in_french(admin_client, media_root, side):
    response = add_image(admin_client, "immense.png", many_pixels_png(side))
    assert response.status_code == 200
    assert "40000000" in " ".join(response.context["form"].errors["file"]).replace("\u202f", "").replace(" ", "")
    assert not Image.objects.exists()
    assert stored_files(media_root) == []
