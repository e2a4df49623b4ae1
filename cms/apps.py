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
        cap_image_pixels()
        post_migrate.connect(apply_to_default_site, sender=self, dispatch_uid="cms.site_url")
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="cms.cache_tables")


def cap_image_pixels() -> None:
    """Pillow refuses, wherever it opens a picture (uploads, renditions, imports), one of more pixels than
    WAGTAILIMAGES_MAX_IMAGE_PIXELS. Pillow errors past twice its MAX_IMAGE_PIXELS (and only warns past it,
    which a warnings filter may or may not turn into an error), so that is half the setting."""
    from django.conf import settings
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 2


def create_cache_tables(sender, using="default", **kwargs):
    """The database cache's table (rate limits shared by the workers) follows every migrate, test databases too."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
