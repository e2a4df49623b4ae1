"""Funding programmes and calls (Chercheurs-citoyens, PICRI, CO3…): reference records with their sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from cms.rows import NumberedRowsMixin
from projets.models.parts import YEAR_VALIDATORS


class FundingProgramme(NumberedRowsMixin, ClusterableModel):
    """A programme or call of a funder: what the public sources say about it, and the case studies it funded
    (their funding lines point to it)."""

    name = models.CharField(_("nom"), max_length=255, help_text=_("Ex. « Chercheurs-citoyens »."))
    slug = models.SlugField(_("identifiant d'URL"), max_length=255, unique=True, blank=True)
    funder = models.ForeignKey(
        "projets.Organisation",
        verbose_name=_("financeur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("L'organisation qui porte le programme ; vide si elle n'est pas connue."),
    )
    territory = models.ForeignKey(
        "projets.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        help_text=_("La région (ou le département) où il s'applique ; vide pour un programme national."),
    )
    description = models.TextField(
        _("présentation"), blank=True, help_text=_("Ce que le programme finance, selon les sources.")
    )
    amounts = models.TextField(
        _("montants"),
        blank=True,
        help_text=_("Les montants que les sources donnent (plafonds, enveloppes) ; vide s'ils ne sont pas connus."),
    )
    year_from = models.PositiveSmallIntegerField(
        _("depuis l'année"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Facultatif.")
    )
    year_to = models.PositiveSmallIntegerField(
        _("jusqu'à l'année"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Facultatif.")
    )
    # Its page changed: the programme saved, or a case study naming it published or unpublished (sitemap).
    modified_at = models.DateTimeField(_("modifié le"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("territory")]),
        FieldPanel("description"),
        FieldPanel("amounts"),
        FieldRowPanel([FieldPanel("year_from"), FieldPanel("year_to")]),
        InlinePanel("sources", label=_("Source"), heading=_("Sources")),
        FieldPanel("slug"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme de financement")
        verbose_name_plural = _("programmes de financement")

    def __str__(self):
        return self.name

    def clean(self):
        if self.year_from and self.year_to and self.year_to < self.year_from:
            raise ValidationError({"year_to": _("L'année de fin précède l'année de début.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:240] or "programme"
            slug, suffix = base, 2
            while FundingProgramme.objects.exclude(pk=self.pk).filter(slug=slug).exists():
                slug, suffix = f"{base}-{suffix}", suffix + 1
            self.slug = slug
        self.modified_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "modified_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programme_detail", kwargs={"slug": self.slug})


class ProgrammeSource(Orderable):
    programme = ParentalKey(FundingProgramme, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("titre"), max_length=255, help_text=_("Le titre de la page ou du document cité."))
    url = models.URLField(_("adresse"), max_length=500, help_text=_("Une source publique, consultable par tous."))
    secondary = models.BooleanField(
        _("source secondaire"),
        default=False,
        help_text=_("Cochée quand la page rapporte le fait de seconde main (blog, copie, site militant)."),
    )

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("url"), FieldPanel("secondary")])]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class ProgrammeLine(models.Model):
    """A funding line of a live case study that names a programme, once for each filter of /financements/ it
    passes: every région and theme of its case study (a parent theme included), each alone, both together, or
    neither (""). Rewritten at publication, so that a filtered listing reads a programme's lines by key."""

    line = models.ForeignKey("projets.FundingLine", on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(FundingProgramme, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=10, blank=True)
    theme = models.CharField(max_length=120, blank=True)
    # The line's years, else its case study's (None when neither gives one).
    start = models.PositiveSmallIntegerField(null=True)
    end = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["programme", "region", "theme", "page", "line"], name="projets_programme_line_key")
        ]

    def __str__(self):
        return f"{self.programme_id} {self.region}/{self.theme} {self.line_id}"
