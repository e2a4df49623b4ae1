from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjetsConfig(AppConfig):
    name = "projets"
    verbose_name = _("Projets de coopération")

    def ready(self):
        from projets import moderation, programme_table, restrictions

        restrictions.connect()
        moderation.connect()
        programme_table.connect(self)
