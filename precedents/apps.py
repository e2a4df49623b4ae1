from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrecedentsConfig(AppConfig):
    name = "precedents"
    verbose_name = _("Précédents, enseignements et partenaires")

    def ready(self):
        from django.db.backends.signals import connection_created

        from precedents import signals
        from precedents.textsearch import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="precedents_sqlite_unaccent")
        signals.connect()
