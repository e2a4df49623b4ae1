"""Organisations: associations, labs, funders… shared by every case study."""

import uuid
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from projets import identifiers
from projets.choices import ChoiceLabels, OrganisationKind
from projets.forms import OrganisationForm

IDENTIFIER_FIELDS = {
    "rna": (identifiers.normalise_rna, identifiers.validate_rna),
    "siren": (identifiers.normalise_siren, identifiers.validate_siren),
    "rnsr": (identifiers.normalise_rnsr, identifiers.validate_rnsr),
    "ror": (identifiers.normalise_ror, identifiers.validate_ror),
}


@lru_cache(maxsize=8192)
def organisation_url(slug: str, _urlconf: str, _script_prefix: str) -> str:
    """An organisation's address, reversed once per slug and URL configuration: a case-study page with 20
    partners asked for ~40 of them (its list and its JSON-LD), ~2 ms of `reverse()`."""
    try:
        return reverse("organisation_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        return ""


def organisation_label(name: str, acronym: str) -> str:
    """How an organisation is named everywhere, also from rows read without the model (search hits)."""
    return f"{name} ({acronym})" if acronym else name


def public_id_field(help_text) -> models.UUIDField:
    """A stable public identifier: drawn at creation, never edited, never reused (a random UUID)."""
    return models.UUIDField(
        _("identifiant public"), default=uuid.uuid4, unique=True, editable=False, help_text=help_text
    )


class OrganisationQuerySet(models.QuerySet):
    def publicly_visible(self):
        """Organisations the public may see: partners or funders of a live case study without view restriction.

        The one rule for every public output (organisation page, autocomplete, partner finder, exports,
        API, sitemap): an organisation met only in drafts or private case studies does not exist for
        visitors. Two correlated EXISTS, each stopping at the organisation's first visible case study
        through the index on the organisation: no DISTINCT, a constant number of queries, and no walk of
        the partners table in page order (the semi-join over every public page read 15,806 partner rows,
        17 ms, to clear the 21 organisations of one case study at 100,000; ~1,000,000 for an organisation
        met only in the newest one).
        """
        from projets.models import FundingLine, ProjectPartner
        from projets.restrictions import public_q

        visible = public_q("page")
        partners = ProjectPartner.objects.filter(visible, organisation_id=models.OuterRef("pk"))
        funders = FundingLine.objects.filter(visible, funder_id=models.OuterRef("pk"))
        return self.filter(models.Exists(partners) | models.Exists(funders))


# `publicly_visible` for a handful of known organisations, as raw SQL: a case-study page asks it for its
# 2 to 40 organisations, and the ORM spent ~5 ms of Python building the two correlated EXISTS.
VISIBLE_AMONG_SQL = """
SELECT organisation.id FROM {organisation} organisation
 WHERE organisation.id IN ({ids})
   AND (EXISTS (SELECT 1 FROM {partner} partner JOIN {page} page ON page.id = partner.page_id
                 WHERE partner.organisation_id = organisation.id AND {public})
        OR EXISTS (SELECT 1 FROM {funding_line} line JOIN {page} page ON page.id = line.page_id
                    WHERE line.funder_id = organisation.id AND {public}))
"""


def publicly_visible_among(ids) -> set[int]:
    """Which of these organisations `Organisation.objects.publicly_visible()` would list: the same rule
    (tests/security/test_organisation_visibility.py holds the two to the same answers), in one query."""
    from django.db import connection
    from wagtail.models import Page

    from cms.sql import placeholders, table
    from projets.models import FundingLine, ProjectPartner
    from projets.restrictions import public_sql

    ids = sorted(set(ids))
    if not ids:
        return set()
    public, public_params = public_sql("page")
    sql = VISIBLE_AMONG_SQL.format(
        organisation=table(Organisation),
        partner=table(ProjectPartner),
        funding_line=table(FundingLine),
        page=table(Page),
        ids=placeholders(ids),
        public=public,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *public_params, *public_params])
        return {row[0] for row in cursor.fetchall()}


class Organisation(ChoiceLabels, index.Indexed, models.Model):
    public_id = public_id_field(
        _("Donné à la création, jamais réutilisé ni modifié : la clé de l'organisation dans les données ouvertes.")
    )
    name = models.CharField(
        _("nom"), max_length=255, help_text=_("Le nom complet ; deux organisations ne peuvent pas porter le même.")
    )
    acronym = models.CharField(_("sigle"), max_length=40, blank=True, help_text=_("Facultatif (ex. ANR)."))
    slug = models.SlugField(_("identifiant d'URL"), max_length=255, unique=True, blank=True)
    normalised_name = models.CharField(max_length=255, unique=True, editable=False)
    kind = models.CharField(
        _("type de structure"),
        max_length=30,
        choices=OrganisationKind.choices,
        help_text=_("« Autre » si les sources ne le disent pas."),
    )
    description = models.TextField(_("présentation"), blank=True, help_text=_("Ce que fait la structure, en bref."))
    website = models.URLField(_("site web"), blank=True, help_text=_("Facultatif."))
    city = models.CharField(
        _("ville"), max_length=120, blank=True, help_text=_("La ville du siège, si elle est publique.")
    )
    country = models.CharField(_("pays"), max_length=2, default="FR", help_text=_("Code ISO à deux lettres."))
    territory = models.ForeignKey(
        "projets.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Le département (ou, à défaut, la région) du siège."),
    )
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, help_text=_("Associations : W + 9 chiffres."))
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, help_text=_("9 chiffres."))
    rnsr = models.CharField(_("RNSR"), max_length=10, blank=True, help_text=_("Unités de recherche (ex. 200918451E)."))
    ror = models.CharField(_("ROR"), max_length=9, blank=True, help_text=_("Identifiant ROR (ex. 02kzqn938)."))

    objects = OrganisationQuerySet.as_manager()

    base_form_class = OrganisationForm
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("territory"), FieldPanel("country")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("rna"), FieldPanel("siren")]),
                FieldRowPanel([FieldPanel("rnsr"), FieldPanel("ror")]),
            ],
            heading=_("Identifiants publics"),
        ),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("name"),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("territory_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=[name], condition=~models.Q(**{name: ""}), name=f"organisation_unique_{name}"
            )
            for name in IDENTIFIER_FIELDS
        ]

    def __str__(self):
        return organisation_label(self.name, self.acronym)

    def save(self, *args, **kwargs):
        self.normalised_name = identifiers.normalise_name(self.name)
        for field, (normalise, _validate) in IDENTIFIER_FIELDS.items():
            setattr(self, field, normalise(getattr(self, field)))
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return organisation_url(self.slug, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())

    def clean(self):
        errors = {}
        for field, (normalise, validate) in IDENTIFIER_FIELDS.items():
            value = getattr(self, field)
            if not value:
                continue
            try:
                validate(value)
            except ValidationError as error:
                errors[field] = error
                continue
            setattr(self, field, normalise(value))
            duplicate = Organisation.objects.exclude(pk=self.pk).filter(**{field: getattr(self, field)}).first()
            if duplicate:
                errors[field] = self.duplicate_error(duplicate)
        if self.name:
            duplicate = (
                Organisation.objects.exclude(pk=self.pk)
                .filter(normalised_name=identifiers.normalise_name(self.name))
                .first()
            )
            if duplicate:
                errors["name"] = self.duplicate_error(duplicate)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def duplicate_error(existing):
        try:
            url = reverse("wagtailsnippets_projets_organisation:edit", args=[existing.pk])
        except NoReverseMatch:
            url = existing.get_absolute_url() or "#"
        return ValidationError(
            format_html('{} <a href="{}">{}</a>', _("Cette organisation existe déjà :"), url, existing),
            code="duplicate",
        )

    def unique_slug(self) -> str:
        base = slugify(self.acronym or self.name)[:240] or "organisation"
        slug, suffix = base, 2
        while Organisation.objects.exclude(pk=self.pk).filter(slug=slug).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug
