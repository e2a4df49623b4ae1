"""The catalogue page and the case study page."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import StoryBlock
from cms.models import BasePage
from projets.choices import ChoiceLabels, CooperationFormat, Scale, Status, TerritoryKind
from projets.completeness import missing_parts_of
from projets.facets import facet_keys, facet_values
from projets.forms import ContractForm, FundingLineForm, ProjectPageForm, RowFormInlinePanel
from projets.models.organisations import public_id_field
from projets.page_regions import region_names_of
from projets.widgets import TerritoryChooserWidget, ThemeChooserWidget

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
# Wagtail hook: functions of the request returning the catalogue's listing context (registered by search).
CATALOGUE_CONTEXT_HOOK = "projets_catalogue_context"


class ProjectIndexPage(BasePage):
    """The catalogue (/projets/): every case study lives under it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["projets.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue des projets")
        verbose_name_plural = _("catalogues des projets")

    @classmethod
    def route_from_home(cls, home, request, path_components):
        """The catalogue under the home page, read with its own fields in one query (see HomePage.route)."""
        catalogue = cls.objects.child_of(home).filter(slug=path_components[0]).first()
        if catalogue is None:
            return None
        catalogue._cached_parent_obj = home  # as Wagtail does: get_parent() needs no query
        return catalogue.route(request, path_components[1:])

    def route(self, request, path_components):
        """A case study's page is read with its own fields in one query.

        Wagtail's route reads the generic child page, then its specific fields in a second query; every
        child here is a ProjectPage (subpage_types). Anything else falls back to Wagtail's own route.
        Reached only for what projets.routing leaves to Wagtail (it routes a case study's address first).
        """
        if path_components:
            try:
                child = ProjectPage.objects.child_of(self).get(slug=path_components[0])
            except ProjectPage.DoesNotExist:
                return super().route(request, path_components)
            child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
            return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The catalogue is the search service without words: filters, facets, sort and pages.

        The search room registers that listing under CATALOGUE_CONTEXT_HOOK: the domain never imports search.
        """
        context = super().get_context(request, *args, **kwargs)
        for listing_context in hooks.get_hooks(CATALOGUE_CONTEXT_HOOK):
            context.update(listing_context(request))
        return context


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="tagged_items")


class ProjectPage(ChoiceLabels, BasePage):
    """A cooperation case study, with its structured partners, funding, contracts and lessons."""

    public_id = public_id_field(
        _("Donné à la création, jamais réutilisé ni modifié : la clé de l'étude de cas dans les données ouvertes.")
    )
    reference = models.CharField(
        _("référence"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifiant stable du projet (utilisé par les imports) ; facultatif."),
    )
    summary = models.TextField(_("résumé"), max_length=300, help_text=_("Texte simple, 300 caractères au plus."))
    body = StreamField(
        StoryBlock(),
        blank=True,
        verbose_name=_("récit"),
        help_text=_(
            "Le déroulé de la coopération, avec ses sources ; citations attribuées, images avec texte alternatif."
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de début"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Vide si les sources ne la donnent pas."),
    )
    start_month = models.PositiveSmallIntegerField(
        _("mois de début"), null=True, blank=True, validators=MONTH_VALIDATORS, help_text=_("Facultatif (1 à 12).")
    )
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Vide pour un projet en cours ou si les sources ne la donnent pas."),
    )
    end_month = models.PositiveSmallIntegerField(
        _("mois de fin"), null=True, blank=True, validators=MONTH_VALIDATORS, help_text=_("Facultatif (1 à 12).")
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=Status.choices,
        default=Status.ONGOING,
        help_text=_("« Non précisé » si les sources ne disent pas où en est le projet."),
    )
    themes = ParentalManyToManyField(
        "projets.Theme",
        verbose_name=_("thèmes"),
        blank=True,
        related_name="projects",
        help_text=_("Un sous-thème suffit : la recherche par son thème parent trouve aussi l'étude de cas."),
    )
    territories = ParentalManyToManyField(
        "projets.Territory",
        verbose_name=_("territoires"),
        blank=True,
        related_name="projects",
        help_text=_("Régions ou départements où la coopération a lieu ; « Europe » ou « International » au-delà."),
    )
    scale = models.CharField(
        _("échelle"),
        max_length=20,
        choices=Scale.choices,
        blank=True,
        help_text=_("L'échelle géographique du projet."),
    )
    cooperation_format = models.CharField(
        _("forme de coopération"),
        max_length=30,
        choices=CooperationFormat.choices,
        blank=True,
        help_text=_("Comment associations et chercheurs ont travaillé ensemble."),
    )
    tags = ClusterTaggableManager(through=ProjectTag, blank=True, verbose_name=_("mots-clés"))
    missing_parts = models.CharField(
        _("éléments manquants"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Calculé à l'enregistrement : ce qui manque à l'étude de cas (partenaires, sources…)."),
    )

    region_names = models.CharField(
        _("régions"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Calculé à l'enregistrement : les régions des territoires de l'étude de cas, pour le tri."),
    )

    base_form_class = ProjectPageForm
    # A copy is another case study: it draws its own public identifier.
    exclude_fields_in_copy = ["public_id"]
    parent_page_types = ["projets.ProjectIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("start_month")]),
                FieldRowPanel([FieldPanel("end_year"), FieldPanel("end_month")]),
                FieldPanel("status"),
            ],
            heading=_("Période"),
        ),
        FieldPanel("themes", widget=ThemeChooserWidget),
        FieldRowPanel([FieldPanel("cooperation_format"), FieldPanel("scale")]),
        FieldPanel("territories", widget=TerritoryChooserWidget),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    partners_panels = [InlinePanel("partners", label=_("Partenaire"), heading=_("Partenaires"))]
    funding_panels = [
        RowFormInlinePanel(
            "funding_lines",
            form_class=FundingLineForm,
            label=_("Ligne de financement"),
            heading=_("Financements"),
        )
    ]
    contract_panels = [
        RowFormInlinePanel("contracts", form_class=ContractForm, label=_("Contrat"), heading=_("Contrats"))
    ]
    lesson_panels = [InlinePanel("lessons", label=_("Frein ou levier"), heading=_("Freins et leviers"))]
    output_panels = [
        InlinePanel("outputs", label=_("Résultat"), heading=_("Résultats")),
        InlinePanel("sources", label=_("Source"), heading=_("Sources")),
    ]
    promote_panels = [*BasePage.promote_panels, FieldPanel("reference")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(partners_panels, heading=_("Partenaires")),
            ObjectList(funding_panels, heading=_("Financements")),
            ObjectList(contract_panels, heading=_("Contrats")),
            ObjectList(lesson_panels, heading=_("Freins et leviers")),
            ObjectList(output_panels, heading=_("Résultats et sources")),
            ObjectList(promote_panels, heading=_("Promotion")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("title", boost=4),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        # The site's own words, weighted below the title: partner, funder and programme names, themes with
        # their parent and English labels, territories with their region.
        index.RelatedFields(
            "partners",
            [index.RelatedFields("organisation", [index.SearchField("name"), index.SearchField("acronym")])],
        ),
        index.RelatedFields(
            "funding_lines",
            [
                index.SearchField("programme"),
                index.RelatedFields("funder", [index.SearchField("name"), index.SearchField("acronym")]),
            ],
        ),
        index.RelatedFields(
            "contracts",
            [index.SearchField("what_worked"), index.SearchField("what_to_change"), index.FilterField("kind")],
        ),
        # The contract kinds in words ("Accord de consortium"), so that people can search by kind of agreement.
        index.SearchField("contract_kinds_text"),
        index.RelatedFields("lessons", [index.SearchField("text")]),
        index.RelatedFields(
            "themes",
            [
                index.SearchField("name"),
                index.SearchField("english_name"),
                index.FilterField("slug"),
                index.RelatedFields("parent", [index.SearchField("name"), index.SearchField("english_name")]),
            ],
        ),
        index.RelatedFields(
            "territories",
            [
                index.SearchField("name"),
                index.FilterField("code"),
                index.RelatedFields("region", [index.SearchField("name")]),
            ],
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("cooperation_format"),
        index.FilterField("scale"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
        # Denormalised facet values (see facet_values), for engines that filter and aggregate them.
        index.FilterField("facet_theme"),
        index.FilterField("facet_region"),
        index.FilterField("facet_departement"),
        index.FilterField("facet_partner_kind"),
        index.FilterField("facet_funding_kind"),
        index.FilterField("facet_contract_kind"),
        # Every facet value as "facet:value": the engines count all facets with one aggregation.
        index.FilterField("facet_keys"),
    ]

    class Meta:
        verbose_name = _("étude de cas")
        verbose_name_plural = _("études de cas")
        # The admin listing's sorts read a page of rows from these (the key breaks ties, for stable pages).
        indexes = [
            models.Index(fields=["missing_parts", "page_ptr"], name="projets_missing_parts_order"),
            models.Index(fields=["region_names", "page_ptr"], name="projets_region_names_order"),
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "missing_parts" in update_fields:
            self.missing_parts = missing_parts_of(self)
        if update_fields is None or "region_names" in update_fields:
            self.region_names = region_names_of(self)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.summary and len(self.summary) > 300:
            raise ValidationError({"summary": _("Le résumé dépasse 300 caractères.")})
        start = (self.start_year or 0, self.start_month or 1)
        end = (self.end_year or 9999, self.end_month or 12)
        if self.start_year and self.end_year and end < start:
            raise ValidationError({"end_year": _("La fin du projet ne peut pas précéder son début.")})
        if self.end_month and not self.end_year:
            raise ValidationError({"end_month": _("Indiquez l'année de fin avec le mois.")})
        if self.start_month and not self.start_year:
            raise ValidationError({"start_month": _("Indiquez l'année de début avec le mois.")})

    def get_context(self, request, *args, **kwargs):
        from projets.page_context import project_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_context(self, request))
        return context

    # -- Facet values, read from prefetched relations where available --------------------------

    def facet_theme(self) -> list[str]:
        """Theme slugs, with each parent's slug so that a parent theme finds its children's projects."""
        slugs = set()
        for theme in self.themes.all():
            slugs.add(theme.slug)
            if theme.parent_id:
                slugs.add(theme.parent.slug)
        return sorted(slugs)

    def facet_region(self) -> list[str]:
        codes = set()
        for territory in self.territories.all():
            if territory.kind == TerritoryKind.REGION:
                codes.add(territory.code)
            elif territory.kind == TerritoryKind.DEPARTEMENT and territory.region_id:
                codes.add(territory.region.code)
        return sorted(codes)

    def facet_departement(self) -> list[str]:
        return sorted(t.code for t in self.territories.all() if t.kind == TerritoryKind.DEPARTEMENT)

    def facet_partner_kind(self) -> list[str]:
        return sorted({partner.organisation.kind for partner in self.partners.all()})

    def facet_funding_kind(self) -> list[str]:
        return sorted({line.kind for line in self.funding_lines.all()})

    def facet_contract_kind(self) -> list[str]:
        return sorted({contract.kind for contract in self.contracts.all()})

    def facet_keys(self) -> list[str]:
        """Every facet value of this case study as "facet:value" (projets.facets.facet_keys)."""
        return facet_keys(facet_values(self))

    def contract_kinds_text(self) -> str:
        return " ".join(sorted({str(contract.get_kind_display()) for contract in self.contracts.all()}))

    @property
    def period_label(self) -> str:
        def point(year, month):
            return f"{month:02d}/{year}" if month else str(year)

        if self.start_year and self.end_year:
            return f"{point(self.start_year, self.start_month)} – {point(self.end_year, self.end_month)}"
        if self.start_year:
            return _("depuis %(start)s") % {"start": point(self.start_year, self.start_month)}
        return ""

    def funding_table(self):
        """Funding lines with each one's share of the known total; the total is None when no amount is known."""
        lines = list(self.funding_lines.select_related("funder", "funding_programme"))
        known = [line.amount for line in lines if line.amount is not None]
        total = sum(known, start=0) if known else None
        rows = [(line, (line.amount / total * 100) if total and line.amount is not None else None) for line in lines]
        return rows, total
