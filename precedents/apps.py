from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrecedentsConfig(AppConfig):
    name = "precedents"
    verbose_name = _("Précédents, enseignements et partenaires")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from precedents import signals
        from precedents.textsearch import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="precedents_sqlite_unaccent")
        signals.connect()
        post_migrate.connect(fill_published_contracts, sender=self, dispatch_uid="precedents_fill_after_migrate")


def fill_published_contracts(using="default", **kwargs):
    """After `migrate`, with every migration applied: the table of published contracts filled if it is empty
    while contracts are published (a database migrated from before the table existed)."""
    from django.db import connections

    from precedents.contract_table import sync_all
    from precedents.models import PublishedContract
    from projets.models import Contract

    if PublishedContract._meta.db_table not in connections[using].introspection.table_names():
        return
    published = Contract.objects.using(using).filter(page__live=True)
    if PublishedContract.objects.using(using).exists() or not published.exists():
        return
    sync_all()
