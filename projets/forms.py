"""Admin forms: the case study (checks that span its inline parts) and organisations (identifiers)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from projets import identifiers

IDENTIFIER_NORMALISERS = {
    "rna": identifiers.normalise_rna,
    "siren": identifiers.normalise_siren,
    "rnsr": identifiers.normalise_rnsr,
    "ror": identifiers.normalise_ror,
}
IDENTIFIER_INPUT_LENGTH = 64


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


class OrganisationForm(WagtailAdminModelForm):
    """Accept identifiers as people paste them ("732 829 320", a ror.org URL), then store them normalised.

    The model's max_length fits the normalised value only, so the length check waits for normalisation.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in IDENTIFIER_NORMALISERS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.max_length = IDENTIFIER_INPUT_LENGTH
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(IDENTIFIER_INPUT_LENGTH))
            field.widget.attrs["maxlength"] = str(IDENTIFIER_INPUT_LENGTH)

    def _clean_fields(self):
        super()._clean_fields()
        for name, normalise in IDENTIFIER_NORMALISERS.items():
            if self.cleaned_data.get(name):
                self.cleaned_data[name] = normalise(self.cleaned_data[name])
