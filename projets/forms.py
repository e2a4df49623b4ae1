"""Admin forms: the case study (checks that span its inline parts), its funding lines (French amounts)
and organisations (identifiers)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model

from projets import identifiers
from projets.amounts import format_amount, parse_amount

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
    def clean_slug(self):
        """ASCII only, as the admin generates them (WAGTAIL_ALLOW_UNICODE_SLUGS) and the importer writes them."""
        slug = self.cleaned_data.get("slug")
        if slug and not slug.isascii():
            raise ValidationError(
                _("L'adresse ne peut contenir que des lettres sans accents, des chiffres et des tirets (ex. %(ex)s).")
                % {"ex": slugify(slug)}
            )
        return slug

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


class AmountField(forms.Field):
    """An amount typed the French way ("12 500,50 €"), shown back the same way; ambiguity is refused."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        return parse_amount(value)

    def prepare_value(self, value):
        if isinstance(value, int | Decimal):
            return format_amount(Decimal(value))
        if isinstance(value, str):
            try:
                return format_amount(parse_amount(value))
            except ValidationError:
                return value  # shown as typed, beside its error
        return value


class FundingLineForm(WagtailAdminModelForm):
    amount = AmountField(
        label=capfirst(gettext_lazy("montant (euros)")),
        required=False,
        help_text=gettext_lazy("Facultatif ; laisser vide si inconnu. Ex. « 12 500,50 »."),
    )


class RowFormInlinePanel(InlinePanel):
    """An InlinePanel whose rows are built on `form_class`, for fields Wagtail's field overrides cannot give."""

    def __init__(self, relation_name, *args, form_class, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.form_class = form_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form_class": self.form_class}

    def get_form_options(self):
        options = super().get_form_options()
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields", [])
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=self.form_class, defer_required_on_fields=deferred
        )
        return options
