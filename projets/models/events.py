"""Events such as the founding day: programme sessions and workshops with their synthesis."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import StoryBlock
from cms.models import BasePage
from cms.rows import NumberedRowsMixin
from projets.models.parts import LessonBase


class EventPage(BasePage):
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    organisers = ParentalManyToManyField(
        "projets.Organisation", verbose_name=_("organisateurs"), blank=True, related_name="events"
    )
    intro = models.TextField(_("présentation"), blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
                FieldPanel("organisers"),
            ],
            heading=_("Date et lieu"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Séquence du programme"), heading=_("Programme")),
        InlinePanel("workshops", label=_("Atelier"), heading=_("Ateliers")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("place"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")


class EventSession(NumberedRowsMixin, Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    time = models.TimeField(_("heure"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=255)
    speakers = models.CharField(_("intervenants"), max_length=500, blank=True)
    projects = ParentalManyToManyField(
        "projets.ProjectPage", verbose_name=_("études de cas présentées"), blank=True, related_name="event_sessions"
    )

    panels = [FieldRowPanel([FieldPanel("time"), FieldPanel("title")]), FieldPanel("speakers"), FieldPanel("projects")]

    class Meta(Orderable.Meta):
        verbose_name = _("séquence")
        verbose_name_plural = _("programme")


class Workshop(NumberedRowsMixin, Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("titre"), max_length=255)
    synthesis = models.TextField(_("synthèse"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("synthesis"), InlinePanel("lessons", label=_("Frein ou levier"))]

    class Meta(Orderable.Meta):
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")


class WorkshopLesson(index.Indexed, LessonBase):
    """An obstacle or lever that a workshop brought out (same categories as case-study lessons)."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="lessons")

    # The site search finds them with the case studies' lessons, among the workshops of public events.
    search_fields = [
        index.SearchField("text"),
        index.FilterField("workshop"),
        index.FilterField("kind"),
        index.FilterField("category"),
    ]

    class Meta(LessonBase.Meta):
        verbose_name = _("frein ou levier d'atelier")
        verbose_name_plural = _("freins et leviers d'atelier")
