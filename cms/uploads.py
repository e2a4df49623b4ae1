"""Upload checks for documents: the content must match the extension (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail already checks the extension (WAGTAILDOCS_EXTENSIONS) and the size
(WAGTAILDOCS_MAX_UPLOAD_SIZE); it does not look inside the file, so a program renamed `rapport.pdf`
would be accepted and served to readers. This form reads the first bytes (magic numbers, with
`filetype`) and refuses a file whose content is not what its extension says.

Images (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail reads only their header, so a truncated PNG or a GIF
header followed by junk passed the header check and then failed in Pillow, a 500 at upload or at the
first thumbnail. The image form decodes the whole picture and refuses a broken one in French.
"""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 8192
TEXT_EXTENSIONS = {"csv", "txt"}
# Executables and scripts' containers are refused whatever their name.
EXECUTABLE_KINDS = {"exe", "elf", "swf", "crx", "deb", "rpm", "cab", "wasm"}


def sniff_head(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    return bytes(head)


def looks_like_text(head: bytes) -> bool:
    """Text files have no NUL byte and no known binary signature."""
    return b"\x00" not in head and filetype.guess(head) is None


def content_matches(extension: str, head: bytes) -> bool:
    if extension in TEXT_EXTENSIONS:
        return looks_like_text(head)
    expected = filetype.get_type(ext=extension)
    # An allowed extension that filetype cannot recognise is refused rather than trusted blindly.
    return expected is not None and bool(expected.match(head))


def check_document_content(uploaded_file) -> None:
    """Raise a French ValidationError when the file's content contradicts its extension."""
    extension = os.path.splitext(uploaded_file.name)[1].lower().lstrip(".")
    head = sniff_head(uploaded_file)
    if not head:
        raise ValidationError(_("Le fichier est vide."), code="empty_file")
    detected = filetype.guess(head)
    if detected is not None and detected.extension in EXECUTABLE_KINDS:
        raise ValidationError(
            _("Ce fichier est un programme exécutable (%(kind)s) : il est refusé.") % {"kind": detected.extension},
            code="executable_file",
        )
    if not content_matches(extension, head):
        raise ValidationError(
            _(
                "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s » : "
                "vérifiez le fichier ou enregistrez-le dans le bon format."
            )
            % {"extension": extension},
            code="content_mismatch",
        )


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single, multiple and chooser uploads) with content sniffing."""

    def clean_file(self):
        uploaded_file = self.cleaned_data.get("file")
        # Only a newly uploaded file is read; an unchanged file on edit was checked when uploaded.
        if uploaded_file and "file" in self.changed_data:
            # The allow-list first, so that a refused extension is named (the model checks it too late).
            allowed_extensions = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
            if allowed_extensions:
                FileExtensionValidator(allowed_extensions)(uploaded_file)
            check_document_content(uploaded_file)
        return uploaded_file

    def _post_clean(self):
        # A refused upload never reaches the instance, so the model's own extension check (Document.clean)
        # would then read an empty file name and add "L'extension « » n'est pas autorisée".
        refused = len(self._errors.get("file", ()))
        super()._post_clean()
        if refused:
            del self._errors["file"][refused:]


def decode_image(uploaded_file) -> None:
    """Decode every pixel of the first frame; Pillow raises OSError (and kin) on a broken file."""
    uploaded_file.seek(0)
    with PILImage.open(uploaded_file) as picture:
        picture.load()
    uploaded_file.seek(0)


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the picture before accepting it."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            decode_image(f)
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise ValidationError(
                _(
                    "Cette image est illisible (fichier tronqué ou endommagé) : "
                    "ouvrez-la dans un logiciel d'images et enregistrez-la de nouveau."
                ),
                code="broken_image",
            ) from error


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (single, multiple and chooser uploads) with a fully decoded file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # The same field, configured by Wagtail (label, limits, widget), with the decoding check.
            field.__class__ = DecodedImageField
