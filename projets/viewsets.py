"""Admin listings for the shared reference data: organisations, themes, territories."""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms.collation import Alphabetical
from projets.choices import TerritoryKind
from projets.forms import OrganisationForm
from projets.models import FundingProgramme, Organisation, Territory, Theme


class AlphabeticalIndexView(IndexView):
    """A listing sorted by name as a French reader expects (cms.collation), up or down."""

    def order_queryset(self, queryset):
        ordering = self.ordering
        if isinstance(ordering, list | tuple) and len(ordering) == 1:
            ordering = ordering[0]
        if ordering in ("name", "-name"):
            name = Alphabetical("name")
            return queryset.order_by(name.desc() if ordering == "-name" else name.asc(), "pk")
        return super().order_queryset(queryset)


class ThemeFilterSet(WagtailFilterSet):
    parent = django_filters.ModelChoiceFilter(
        label=_("thème parent"), queryset=Theme.objects.order_by(Alphabetical("name"))
    )

    class Meta:
        model = Theme
        fields = ["parent"]


class OrganisationFilterSet(WagtailFilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class OrganisationCreationForm(OrganisationForm):
    """The fields an editor knows when a partner is missing; the same checks as the full form."""

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "city", "territory", "website", "rna", "siren", "rnsr", "ror"]


class OrganisationChooserViewSet(SnippetChooserViewSet):
    """The organisation chooser, with a tab to create the organisation without leaving the case study."""

    creation_form_class = OrganisationCreationForm
    creation_tab_label = _("Nouvelle organisation")
    create_action_label = _("Créer et choisir cette organisation")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "kind", "city", "territory"]
    list_export = ["name", "acronym", "kind", "city", "territory", "rna", "siren", "rnsr", "ror", "website"]
    export_filename = "organisations"
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "acronym", "city"]
    # The listing filters with the ORM: the same answers on every backend, and no stale index.
    search_backend_name = None
    ordering = ["name"]
    index_view_class = AlphabeticalIndexView
    copy_view_enabled = False


class TerritorySearchForm(BaseFilterForm):
    """The territory chooser's search box: name or code, in the database (territories are not indexed)."""

    q = forms.CharField(
        label=_("Nom ou code"),
        widget=forms.TextInput(attrs={"placeholder": _("Nom ou code (ex. Nord, 59, 32)")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(code__iexact=query))
            self.is_searching, self.search_query = True, query
        return objects


def regions_first(territories):
    kind_order = Case(
        When(kind=TerritoryKind.REGION, then=Value(0)),
        When(kind=TerritoryKind.DEPARTEMENT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return territories.order_by(kind_order, Alphabetical("name"))


class TerritoryChooseView(ChooseView):
    filter_form_class = TerritorySearchForm

    def get_object_list(self):
        return regions_first(super().get_object_list())


class TerritoryChooseResultsView(ChooseResultsView):
    filter_form_class = TerritorySearchForm

    def get_object_list(self):
        return regions_first(super().get_object_list())


class TerritoryChooserViewSet(SnippetChooserViewSet):
    """The organisation's territory chooser: searchable by name or code, regions first."""

    choose_view_class = TerritoryChooseView
    choose_results_view_class = TerritoryChooseResultsView


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "parent", "slug"]
    list_export = ["name", "parent", "slug", "description"]
    filterset_class = ThemeFilterSet
    search_fields = ["name", "description"]
    search_backend_name = None
    export_filename = "themes"
    ordering = ["name"]
    index_view_class = AlphabeticalIndexView


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    chooser_viewset_class = TerritoryChooserViewSet
    icon = "site"
    menu_label = _("Territoires")
    list_display = ["name", "code", "kind", "region"]
    list_export = ["name", "code", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    export_filename = "territoires"
    list_per_page = 50


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "money"
    menu_label = _("Programmes de financement")
    list_display = ["name", "funder", "territory", "year_from", "year_to"]
    list_export = ["name", "funder", "territory", "year_from", "year_to", "amounts", "description"]
    search_fields = ["name", "description"]
    search_backend_name = None
    export_filename = "programmes"


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ThemeViewSet, TerritoryViewSet, FundingProgrammeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Référentiels")
    menu_name = "referentiels"
