"""The structured, orderable parts of a case study: partners, funding, contracts, lessons, outputs, sources."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.rows import NumberedRowsMixin
from projets.choices import (
    ChoiceLabels,
    Compensation,
    ContractKind,
    Contribution,
    DataClause,
    FundingKind,
    Governance,
    IntellectualProperty,
    LessonCategory,
    LessonKind,
    OutputKind,
    PartnerRole,
    Publication,
    Visibility,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]

# Parts written outside the admin (factories, scripts) may have no sort_order: they come after the ordered
# ones, in creation order, on every database (whose NULLs sort first or last) and in the engine's cards alike.
UNORDERED_LAST = 2**31 - 1


def in_editor_order(parts) -> list:
    """Orderable parts (partners, funding lines) in the order their editor gave them."""
    return sorted(parts, key=lambda part: (UNORDERED_LAST if part.sort_order is None else part.sort_order, part.pk))


class ProjectPartner(ChoiceLabels, Orderable):
    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "projets.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("Cherchez-la ; si elle n'existe pas encore, créez-la depuis la fenêtre de choix."),
    )
    role = models.CharField(
        _("rôle"), max_length=30, choices=PartnerRole.choices, help_text=_("Sa place dans la coopération.")
    )
    contribution = models.CharField(
        _("apport principal"),
        max_length=20,
        choices=Contribution.choices,
        blank=True,
        help_text=_("Ce qu'elle a apporté."),
    )
    contribution_details = models.CharField(
        _("précisions sur l'apport"), max_length=255, blank=True, help_text=_("Facultatif, en quelques mots.")
    )

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("contribution")]),
        FieldPanel("contribution_details"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        # Case studies of these organisations read from the index alone (related case studies, partner pages).
        indexes = [models.Index(fields=["organisation", "page"], name="projets_partner_org_page")]


class FundingLine(ChoiceLabels, Orderable):
    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="funding_lines")
    funder = models.ForeignKey(
        "projets.Organisation",
        verbose_name=_("financeur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fundings",
        help_text=_("L'organisation qui finance ; vide si elle n'est pas connue."),
    )
    programme = models.CharField(
        _("programme ou appel"),
        max_length=255,
        blank=True,
        help_text=_("Ex. « Interreg V France-Wallonie-Vlaanderen »."),
    )
    funding_programme = models.ForeignKey(
        "projets.FundingProgramme",
        verbose_name=_("fiche du programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_lines",
        help_text=_("Le programme du répertoire des financements (/financements/), s'il y figure."),
    )
    kind = models.CharField(
        _("type de financement"), max_length=30, choices=FundingKind.choices, help_text=_("D'où vient l'argent.")
    )
    amount = models.DecimalField(
        _("montant (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Le montant ne peut pas être négatif."))],
        help_text=_("Facultatif ; laisser vide si inconnu."),
    )
    year_from = models.PositiveSmallIntegerField(
        _("de l'année"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Facultatif.")
    )
    year_to = models.PositiveSmallIntegerField(
        _("à l'année"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Facultatif.")
    )

    panels = [
        FieldRowPanel([FieldPanel("funder"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("programme"), FieldPanel("funding_programme")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("year_from"), FieldPanel("year_to")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ligne de financement")
        verbose_name_plural = _("financements")
        # The case studies of a programme read from the index (/financements/).
        indexes = [models.Index(fields=["funding_programme", "page"], name="projets_funding_prog_page")]


class Contract(ChoiceLabels, NumberedRowsMixin, index.Indexed, Orderable, ClusterableModel):
    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="contracts")
    kind = models.CharField(
        _("type de contrat"),
        max_length=30,
        choices=ContractKind.choices,
        help_text=_("Le guide des contrats (/precedents/guide/) explique chaque type."),
    )
    title = models.CharField(
        _("intitulé"), max_length=255, blank=True, help_text=_("Facultatif ; sinon le type de contrat est affiché.")
    )
    parties = ParentalManyToManyField(
        "projets.Organisation",
        verbose_name=_("parties"),
        blank=True,
        related_name="contracts",
        help_text=_("Les signataires : ils doivent figurer parmi les partenaires du projet."),
    )
    signed_on = models.DateField(_("date de signature"), null=True, blank=True, help_text=_("Facultatif."))
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(600)],
        help_text=_("Facultatif, en mois."),
    )
    intellectual_property = models.CharField(
        _("propriété intellectuelle"),
        max_length=20,
        choices=IntellectualProperty.choices,
        default=IntellectualProperty.NOT_ADDRESSED,
        help_text=_("À qui reviennent les résultats selon le contrat."),
    )
    publication = models.CharField(
        _("publication"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.NOT_ADDRESSED,
        help_text=_("Ce que le contrat prévoit pour publier les résultats."),
    )
    publication_review_days = models.PositiveSmallIntegerField(
        _("délai de relecture (jours)"), null=True, blank=True, help_text=_("Si relecture préalable.")
    )
    data = models.CharField(
        _("données"),
        max_length=20,
        choices=DataClause.choices,
        default=DataClause.NOT_ADDRESSED,
        help_text=_("Ce que le contrat prévoit pour les données."),
    )
    compensation = models.CharField(
        _("compensation de l'association"),
        max_length=20,
        choices=Compensation.choices,
        default=Compensation.NOT_ADDRESSED,
        help_text=_("Rémunération ou prise en charge des frais de l'association."),
    )
    governance = models.CharField(
        _("gouvernance"),
        max_length=20,
        choices=Governance.choices,
        default=Governance.NOT_ADDRESSED,
        help_text=_("Les instances prévues : comité de pilotage, tiers-veilleur."),
    )
    what_worked = models.TextField(
        _("ce qui a marché"), blank=True, help_text=_("Retour d'expérience, cherchable dans les précédents.")
    )
    what_to_change = models.TextField(
        _("ce que nous changerions"), blank=True, help_text=_("Retour d'expérience, cherchable dans les précédents.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("modèle de document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Facultatif : le contrat type ou anonymisé."),
    )
    visibility = models.CharField(
        _("visibilité du document"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("« Réservé aux membres » range le document dans une collection privée."),
    )

    # Two fields a row at most: three in a row cut the values of the narrower inputs ("3" for 30 months).
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("duration_months")]),
        FieldPanel("parties"),
        FieldRowPanel([FieldPanel("intellectual_property"), FieldPanel("data")]),
        FieldRowPanel([FieldPanel("publication"), FieldPanel("publication_review_days")]),
        FieldRowPanel([FieldPanel("compensation"), FieldPanel("governance")]),
        FieldPanel("what_worked"),
        FieldPanel("what_to_change"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("visibility")]),
    ]

    # A precedent is found by its kind, its clauses (their labels) and what the partners said of it; the
    # document is never indexed (it may be members-only). Visibility is its case study's, read from the database.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("clause_labels", boost=2),
        index.SearchField("what_worked"),
        index.SearchField("what_to_change"),
        index.FilterField("page"),
        index.FilterField("kind"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contrat")
        verbose_name_plural = _("contrats")

    def clause_labels(self) -> str:
        """The kind and every clause the contract addresses, as visitors read them (French labels)."""
        labels = [self.get_kind_display()]
        for name in ("intellectual_property", "publication", "data", "compensation", "governance"):
            if getattr(self, name) != IntellectualProperty.NOT_ADDRESSED:  # the same value for every clause
                labels.append(getattr(self, f"get_{name}_display")())
        return " ".join(str(label) for label in labels)

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    def save(self, *args, **kwargs):
        from projets.documents import protect_members_document

        if self.is_members_only and self.document_id:
            protect_members_document(self.document)
        super().save(*args, **kwargs)


class LessonBase(ChoiceLabels, Orderable):
    """An obstacle or a lever ("freins et leviers"): the fields and panels case studies and workshops share."""

    kind = models.CharField(
        _("frein ou levier"),
        max_length=10,
        choices=LessonKind.choices,
        help_text=_("Un frein a gêné la coopération ; un levier l'a aidée."),
    )
    category = models.CharField(
        _("catégorie"),
        max_length=20,
        choices=LessonCategory.choices,
        help_text=_("Regroupe les enseignements sur la page « Ce que les coopérations enseignent »."),
    )
    text = models.TextField(_("texte"), help_text=_("Une ou deux phrases, telles que les sources les rapportent."))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_category_display()}) : {self.text[:60]}"


class Lesson(index.Indexed, LessonBase):
    """An obstacle or a lever of a case study, as the founding day's workshops listed them."""

    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="lessons")

    search_fields = [
        index.SearchField("text"),
        index.FilterField("page"),
        index.FilterField("kind"),
        index.FilterField("category"),
    ]

    class Meta(LessonBase.Meta):
        verbose_name = _("frein ou levier")
        verbose_name_plural = _("freins et leviers")


class ProjectOutput(ChoiceLabels, Orderable):
    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("type"), max_length=20, choices=OutputKind.choices, help_text=_("Nature du résultat."))
    title = models.CharField(_("titre"), max_length=255, help_text=_("Le titre du rapport, de l'article, du guide…"))
    year = models.PositiveSmallIntegerField(
        _("année"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Facultatif.")
    )
    url = models.URLField(_("lien"), blank=True, help_text=_("Adresse publique du résultat, si elle existe."))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ou le document lui-même, s'il peut être diffusé."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")


class ProjectSource(Orderable):
    page = ParentalKey("projets.ProjectPage", on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("titre"), max_length=255, help_text=_("Le titre de la page ou du document cité."))
    url = models.URLField(_("adresse"), max_length=500, help_text=_("Une source publique, consultable par tous."))
    read_on = models.DateField(
        _("consultée le"), null=True, blank=True, help_text=_("Date de consultation ; vide si inconnue.")
    )

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("url"), FieldPanel("read_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
