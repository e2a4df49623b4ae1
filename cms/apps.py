from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from cms import collation
        from cms.pagecache import connect_signals
        from cms.site_url import apply_to_default_site

        connect_signals()
        collation.connect()
        post_migrate.connect(apply_to_default_site, sender=self, dispatch_uid="cms.site_url")
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="cms.cache_tables")


def create_cache_tables(sender, using="default", **kwargs):
    """The database cache's table (rate limits shared by the workers) follows every migrate, test databases too."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
