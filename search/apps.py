from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "coop_search"
    verbose_name = _("Recherche")

    def ready(self):
        from search import catalogue_cache, labels, renames, signals  # noqa: F401

        labels.connect()
        catalogue_cache.connect()
        renames.connect()
