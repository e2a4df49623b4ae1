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

from cms.collation import Alphabetical
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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_only_partners_and_funders()

    def _offer_only_partners_and_funders(self) -> None:
        """Contract parties are chosen among the case study's partners and funders, not the whole database.

        Those saved with the page, and on a post those the partner and funding rows name, so that an
        organisation just chosen (or created) in the partner chooser can sign.
        """
        formset = self.formsets.get("contracts")
        if formset is None:
            return
        from projets.models import Organisation

        ids = {row.organisation_id for row in self.instance.partners.all()}
        ids |= {row.funder_id for row in self.instance.funding_lines.all() if row.funder_id}
        for name, field in (("partners", "organisation"), ("funding_lines", "funder")):
            rows = self.formsets.get(name)
            if rows is not None and self.is_bound:
                for form in rows.forms:
                    value = str(form.data.get(form.add_prefix(field), ""))
                    if value.isdigit() and not form.data.get(form.add_prefix("DELETE")):
                        ids.add(int(value))
        offered = [
            (org.pk, str(org)) for org in Organisation.objects.filter(pk__in=ids).order_by(Alphabetical("name"))
        ]
        formset.form_kwargs = {**formset.form_kwargs, "offered_parties": offered}
        for form in formset.forms:
            form.offer_parties(offered)

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
        funding = self.formsets.get("funding_lines")
        funder_ids = {
            form.cleaned_data["funder"].pk
            for form in (_live_forms(funding) if funding is not None else [])
            if form.cleaned_data.get("funder")
        }
        for form in _live_forms(formset):
            signers = partner_ids | funder_ids
            strangers = [org for org in form.cleaned_data.get("parties") or [] if org.pk not in signers]
            if strangers:
                names = ", ".join(str(org) for org in strangers)
                form.add_error(
                    "parties",
                    ValidationError(
                        _(
                            "Partie absente des partenaires et financeurs du projet : %(names)s. "
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


class ContractForm(WagtailAdminModelForm):
    """A contract row: its parties offered as checkboxes among the case study's partners and funders."""

    def __init__(self, *args, offered_parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offered_parties is not None:
            self.offer_parties(offered_parties)

    def offer_parties(self, offered: list[tuple[int, str]]) -> None:
        """Show only these organisations; validation still knows them all, so a stranger gets a clear message."""
        field = self.fields.get("parties")
        if field is not None:
            field.widget = forms.CheckboxSelectMultiple(attrs={"class": "contract-parties"})
            field.widget.choices = offered
            field.help_text = gettext_lazy(
                "Les partenaires et financeurs de l'étude de cas ; une organisation ajoutée dans les onglets "
                "Partenaires ou Financements apparaît ici après l'enregistrement du brouillon."
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
