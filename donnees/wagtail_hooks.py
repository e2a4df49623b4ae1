from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import can_import, import_job_view, import_template_view, import_view


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("donnees/import/", import_view, name="donnees_import"),
        path("donnees/import/modele/<slug:kind>/", import_template_view, name="donnees_import_template"),
        path("donnees/import/<int:pk>/", import_job_view, name="donnees_import_job"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Importer des études de cas"), reverse("donnees_import"), icon_name="upload", order=900)
