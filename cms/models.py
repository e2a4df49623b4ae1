"""Site pages (the abstract BasePage every page inherits, the home page, plain content pages) and the
site's contact setting."""

from django.db import models
from django.db.models import DEFERRED
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import StoryBlock
from cms.rows import NumberedRowsMixin

# Wagtail hooks through which the rooms above cms fill the home page (cms never imports them):
# functions (home page, request, path components) returning a child's route, or None to pass;
HOME_ROUTE_HOOK = "cms_home_page_route"
# functions of the request returning entries of the home page's context.
HOME_CONTEXT_HOOK = "cms_home_page_context"


class BasePage(NumberedRowsMixin, Page):
    """Shared behaviour: SEO helpers and the cache policy of public pages."""

    # Anonymous visitors may get a cached copy; pages behind a login never are.
    public_cache_seconds = 300

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """A page read from the database, built without modelcluster's constructor (Django's from_db otherwise).

        ClusterableModel.__init__ lists the model's child relations (two walks over its ~80 fields) for every
        instance, only to find child rows passed as keyword arguments, which loading never passes: ~0.1 ms a
        page, 2 ms of a search answer's 20 hits. The other constructors of a page's classes act only on a new
        page (no id): tests/cms/test_page_loading.py checks that list and that both ways build the same page.
        """
        if len(values) != len(cls._meta.concrete_fields):
            given = iter(values)
            values = [next(given) if f.attname in field_names else DEFERRED for f in cls._meta.concrete_fields]
        page = cls.__new__(cls)
        models.Model.__init__(page, *values)
        page._state.adding = False
        page._state.db = db
        return page

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    def get_canonical_url(self, request=None) -> str:
        return self.get_full_url(request)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Restricted pages always require a login (shared passwords are off), so an
        # authenticated request is the only case that may carry private content.
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, no-cache"
        else:
            response.setdefault("Cache-Control", f"public, max-age={self.public_cache_seconds}")
        return response


class HomePage(BasePage):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Ce qu'est Coopérathèque, en deux ou trois phrases.")
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage", "projets.ProjectIndexPage", "projets.EventPage"]
    max_count = 1

    def route(self, request, path_components):
        """The catalogue and every case study under it are routed to with their own fields in one query each.

        Wagtail's route reads the generic child page, then its specific fields: one query more on each
        case-study page. Other children (content pages, events) pay one query more instead, and are rarer.
        A case study's own address usually never gets here: projets.routing routes it in one statement first;
        this route serves the catalogue and whatever that middleware leaves to Wagtail. The catalogue's route
        is registered by projets under HOME_ROUTE_HOOK.
        """
        if path_components:
            for route_child in hooks.get_hooks(HOME_ROUTE_HOOK):
                found = route_child(self, request, path_components)
                if found is not None:
                    return found
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The catalogue's figures and latest case studies, registered by search and projets (HOME_CONTEXT_HOOK)."""
        context = super().get_context(request, *args, **kwargs)
        for home_context in hooks.get_hooks(HOME_CONTEXT_HOOK):
            context.update(home_context(request))
        return context

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")


class ContentPage(BasePage):
    """A plain page: about, legal notice, accessibility statement..."""

    intro = models.TextField(_("chapô"), blank=True, help_text=_("Résumé affiché en tête de page (texte simple)."))
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage", "projets.EventPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """The team's public address: in the footer and in the proposal form's consent. Never a submitter's."""

    email = models.EmailField(
        _("courriel de contact"),
        blank=True,
        help_text=_(
            "Adresse publique de l'équipe, affichée en pied de page et dans le consentement du formulaire "
            "de proposition (pour demander l'effacement de ses données). Laisser vide la retire du site."
        ),
    )

    panels = [FieldPanel("email")]

    @classmethod
    def email_for(cls, request) -> str:
        """The address for the request's site; empty when none is set or no site matches."""
        try:
            return cls.for_request(request).email
        except cls.DoesNotExist:
            return ""

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contact")
