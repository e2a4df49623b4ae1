from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonneesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "donnees"
    verbose_name = _("Données ouvertes")
