"""The import page of the Wagtail admin, for moderators: same reader, same report as the command."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .importer import ImportFileError, import_tables, read_tables

MODERATORS = "Modérateurs"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def can_import(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier des études de cas"), help_text=_("CSV, XLSX ou JSON (modèle : docs/import/).")
    )
    partenaires = forms.FileField(label=_("CSV des partenaires"), required=False)
    financements = forms.FileField(label=_("CSV des financements"), required=False)
    contrats = forms.FileField(label=_("CSV des contrats"), required=False)
    dry_run = forms.BooleanField(label=_("Simulation : valider sans rien enregistrer"), required=False, initial=True)
    publish = forms.BooleanField(label=_("Publier les études de cas (sinon brouillons)"), required=False)
    force = forms.BooleanField(
        label=_("Remplacer les modifications faites dans l'administration"),
        required=False,
        help_text=_(
            "Sans cette case, une étude de cas modifiée dans l'administration depuis le dernier import est "
            "signalée comme conflit et rien n'est enregistré."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("file", "partenaires", "financements", "contrats"):
            upload = cleaned.get(name)
            if upload and upload.size > MAX_UPLOAD_BYTES:
                self.add_error(name, _("Fichier trop volumineux (20 Mo au plus)."))
        return cleaned


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    report, file_error = None, None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        companions = {
            name: (form.cleaned_data[name].name, form.cleaned_data[name].read())
            for name in ("partenaires", "financements", "contrats")
            if form.cleaned_data.get(name)
        }
        try:
            tables = read_tables((upload.name, upload.read()), companions)
        except ImportFileError as error:
            file_error = str(error)
        else:
            report = import_tables(
                tables,
                dry_run=form.cleaned_data["dry_run"],
                publish=form.cleaned_data["publish"],
                force=form.cleaned_data["force"],
                user=request.user,
            )
    return render(request, "donnees/admin/import.html", {"form": form, "report": report, "file_error": file_error})
