"""Admin listings for the shared reference data: organisations, themes, territories."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from projets.forms import OrganisationForm
from projets.models import Organisation, Territory, Theme


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
    copy_view_enabled = False


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "parent", "slug"]
    list_export = ["name", "parent", "slug", "description"]
    list_filter = ["parent"]
    search_fields = ["name", "description"]
    search_backend_name = None
    export_filename = "themes"


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Territoires")
    list_display = ["name", "code", "kind", "region"]
    list_export = ["name", "code", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    export_filename = "territoires"
    list_per_page = 50


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ThemeViewSet, TerritoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Référentiels")
    menu_name = "referentiels"
