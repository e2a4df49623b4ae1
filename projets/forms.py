"""Admin form of the case study: checks that span its inline parts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def _live_forms(formset):
    return [form for form in formset.forms if form.is_valid() and not form.cleaned_data.get("DELETE")]


class ProjectPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        partner_ids = self._check_partners()
        self._check_contract_parties(partner_ids)
        return cleaned_data

    def _check_partners(self) -> set[int]:
        formset = self.formsets.get("partners")
        seen = set()
        if formset is None:
            return seen
        for form in _live_forms(formset):
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if organisation.pk in seen:
                form.add_error(
                    "organisation", _("« %(name)s » figure déjà parmi les partenaires.") % {"name": organisation}
                )
            seen.add(organisation.pk)
        return seen

    def _check_contract_parties(self, partner_ids: set[int]) -> None:
        formset = self.formsets.get("contracts")
        if formset is None:
            return
        for form in _live_forms(formset):
            strangers = [org for org in form.cleaned_data.get("parties") or [] if org.pk not in partner_ids]
            if strangers:
                names = ", ".join(str(org) for org in strangers)
                form.add_error(
                    "parties",
                    ValidationError(
                        _(
                            "Partie absente des partenaires du projet : %(names)s. "
                            "Ajoutez-la d'abord dans l'onglet Partenaires."
                        )
                        % {"names": names}
                    ),
                )
