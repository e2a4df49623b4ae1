"""Themes (two levels) and the territory reference (regions, départements, wider scopes)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from projets.choices import ChoiceLabels, TerritoryKind
from projets.page_regions import store_region_names


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thème parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Vide pour un thème de premier niveau ; sinon le thème qui le contient (deux niveaux au plus)."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("parent"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("slug"),
        index.FilterField("parent_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    def clean(self):
        """Two levels at most ("Économie sociale et solidaire > Impact social"), and no theme its own ancestor."""
        super().clean()
        if not self.parent_id:
            return
        if self.pk and self.pk in self.ancestor_ids():
            raise ValidationError(
                {"parent": _("Un thème ne peut pas être son propre ancêtre : choisissez un autre thème parent.")},
                code="cycle",
            )
        if self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Les thèmes ont deux niveaux au plus : choisissez un thème de premier niveau.")},
                code="third_level",
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {
                    "parent": _(
                        "Ce thème a des sous-thèmes : il ne peut pas devenir lui-même un sous-thème "
                        "(deux niveaux au plus)."
                    )
                },
                code="third_level",
            )

    @property
    def english_name(self) -> str:
        """The name in the English catalogue (locale/en), "" when it has none: searchable in English."""
        with translation.override("en"):
            english = translation.gettext(self.name)
        return english if english != self.name else ""

    def ancestor_ids(self) -> list[int]:
        """The chosen parent, its parent… (stops on a loop already in the database)."""
        ids, theme = [], self.parent
        while theme is not None and theme.pk not in ids:
            ids.append(theme.pk)
            theme = theme.parent
        return ids


def territory_label(kind: str, code: str, name: str) -> str:
    """How a territory is named everywhere, also from rows read without the model (search hits)."""
    return f"{name} ({code})" if kind == TerritoryKind.DEPARTEMENT else name


class Territory(ChoiceLabels, models.Model):
    """A French region or département (INSEE code from the COG), or a wider scope such as Europe."""

    kind = models.CharField(_("type"), max_length=20, choices=TerritoryKind.choices)
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Code INSEE pour une région ou un département (uniques par type).")
    )
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    region = models.ForeignKey(
        "self",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departements",
        limit_choices_to={"kind": TerritoryKind.REGION},
    )
    neighbours = models.ManyToManyField("self", verbose_name=_("régions voisines"), blank=True, symmetrical=True)

    panels = [FieldPanel("kind"), FieldPanel("code"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("region")]

    class Meta:
        ordering = ["kind", "code"]
        # INSEE codes overlap across kinds: region 11 is Île-de-France, département 11 is Aude.
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code")]
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")

    def __str__(self):
        return territory_label(self.kind, self.code, self.name)

    def save(self, *args, **kwargs):
        before = type(self).objects.filter(pk=self.pk).values("name", "kind", "region_id").first() if self.pk else None
        super().save(*args, **kwargs)
        if before and before != {"name": self.name, "kind": self.kind, "region_id": self.region_id}:
            # The case studies placed here (or in its départements) show and sort by its region's name.
            pages = self.projects.model.objects.filter(models.Q(territories=self) | models.Q(territories__region=self))
            store_region_names(pages.distinct())

    @property
    def region_or_self(self):
        return self.region if self.kind == TerritoryKind.DEPARTEMENT else self
