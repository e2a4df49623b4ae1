"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titre"), max_length=200)
    # Not searchable: its label ("Titre de niveau 2") made every narrative with a heading match "titre" and
    # "niveau", and gave that label as a hit's passage.
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de niveau 2")), ("h3", _("Titre de niveau 3"))],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation ou témoignage"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, help_text=_("Qui parle, et à quel titre."))

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "components/blocks/quote.html"


class VideoLinkBlock(blocks.StructBlock):
    """A public video shown as a link, not an iframe: no visitor data goes to the host."""

    url = blocks.URLBlock(label=_("Adresse de la vidéo"))
    title = blocks.CharBlock(label=_("Titre de la vidéo"), max_length=200)

    class Meta:
        icon = "media"
        label = _("Vidéo publique")
        template = "components/blocks/video_link.html"


class StoryBlock(blocks.StreamBlock):
    """Narrative body: paragraphs, headings, quotes, images, documents, links to public videos."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"), features=["bold", "italic", "link", "document-link", "ol", "ul"]
    )
    quote = QuoteBlock()
    image = ImageBlock(label=_("Image"))
    document = DocumentChooserBlock(label=_("Document"))
    video = VideoLinkBlock()

    class Meta:
        template = "components/blocks/story.html"
