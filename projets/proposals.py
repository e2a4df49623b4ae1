"""The public proposal form: validation, spam guards and the draft it creates for moderators."""

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from cms.collation import Alphabetical
from cms.ratelimit import address_key
from projets.choices import OrganisationKind, TerritoryKind
from projets.models import ProjectIndexPage, ProjectPage, ProjectProposal, Territory

RATE_LIMIT = 10  # attempts per address...
RATE_WINDOW = 3600  # ...per hour


class ProposalForm(forms.Form):
    submitter_kind = forms.ChoiceField(
        label=_("Vous écrivez pour"),
        choices=[
            (OrganisationKind.ASSOCIATION, _("Une association")),
            (OrganisationKind.RESEARCH_UNIT, _("Un laboratoire")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez si vous écrivez pour une association ou un laboratoire.")},
    )
    organisation_name = forms.CharField(
        label=_("Nom de votre structure"),
        max_length=255,
        error_messages={"required": _("Indiquez le nom de votre structure.")},
    )
    partner_name = forms.CharField(label=_("Structure partenaire (facultatif)"), max_length=255, required=False)
    title = forms.CharField(
        label=_("Titre de la coopération"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la coopération.")},
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que fait la coopération, en 300 caractères au plus."),
        error_messages={
            "required": _("Résumez la coopération en quelques phrases."),
            "max_length": _("Le résumé dépasse 300 caractères (il en compte %(show_value)d)."),
        },
    )
    region = forms.ModelChoiceField(
        label=_("Région (facultatif)"),
        required=False,
        empty_label=_("— Choisir une région —"),
        queryset=Territory.objects.filter(kind=TerritoryKind.REGION).order_by(Alphabetical("name")),
        error_messages={"invalid_choice": _("Choisissez une région de la liste.")},
    )
    start_year = forms.IntegerField(
        label=_("Année de début (facultatif)"),
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": _("Indiquez une année en chiffres, par exemple 2019."),
            "min_value": _("L'année doit être postérieure à 1900."),
            "max_value": _("L'année doit être antérieure à 2100."),
        },
    )
    contact_name = forms.CharField(
        label=_("Votre nom"), max_length=120, error_messages={"required": _("Indiquez votre nom.")}
    )
    contact_email = forms.EmailField(
        label=_("Votre courriel"),
        help_text=_("Pour que l'équipe de modération vous réponde ; jamais publié."),
        error_messages={
            "required": _("Indiquez votre courriel."),
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que Coopérathèque conserve mon nom et mon courriel pour traiter cette proposition "
            "(ils ne sont jamais publiés)."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour que nous traitions la proposition.")},
    )
    # Honeypot: hidden from people, filled by robots.
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)

    def __init__(self, *args, contact_email: str = "", **kwargs):
        """`contact_email`: the team's address (cms.ContactSettings), named in the consent when there is one."""
        super().__init__(*args, **kwargs)
        if contact_email:
            self.fields["consent"].label = gettext(
                "J'accepte que Coopérathèque conserve mon nom et mon courriel pour traiter cette proposition "
                "(ils ne sont jamais publiés ; écrivez-nous à %(email)s pour les faire effacer)."
            ) % {"email": contact_email}

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(gettext("Votre envoi ressemble à celui d'un robot."), code="spam")
        return ""


def rate_limited(request) -> bool:
    """Count this attempt; True once a client has sent RATE_LIMIT proposals within the window.

    The counter lives in the cache every worker shares and is keyed on the client address of
    cms.ratelimit (which knows the trusted proxies), like the site's other limits.
    """
    usage = get_usage(
        request, group="proposal", key=address_key, rate=(RATE_LIMIT, RATE_WINDOW), method=ALL, increment=True
    )
    return usage is not None and usage["should_limit"]


def unique_slug(index: ProjectIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "proposition"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def create_proposal(form: ProposalForm, index: ProjectIndexPage) -> ProjectProposal:
    """A draft case study submitted to the moderation workflow, and the private contact beside it."""
    data = form.cleaned_data
    page = ProjectPage(
        title=data["title"],
        slug=unique_slug(index, data["title"]),
        summary=data["summary"],
        start_year=data.get("start_year"),
        live=False,
    )
    index.add_child(instance=page)
    if data.get("region"):
        page.territories.set([data["region"]])
    revision = page.save_revision(log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, None)
    proposal = ProjectProposal.objects.create(
        page=page,
        submitter_kind=data["submitter_kind"],
        organisation_name=data["organisation_name"],
        partner_name=data["partner_name"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        consent_at=timezone.now(),
    )
    transaction.on_commit(lambda: notify_moderators(proposal, revision.object_id))
    return proposal


def notify_moderators(proposal: ProjectProposal, page_id) -> None:
    recipients = ProjectProposal.moderator_emails()
    if not recipients:
        return
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page_id])
    body = gettext(
        "Une nouvelle coopération a été proposée par le formulaire public.\n\n"
        "Titre : %(title)s\nStructure : %(organisation)s\n\n"
        "Le brouillon attend votre relecture : %(url)s\n"
        "Les coordonnées de la personne sont dans l'administration (Propositions de coopération)."
    ) % {
        "title": proposal.page.title if proposal.page else "",
        "organisation": proposal.organisation_name,
        "url": edit_url,
    }
    send_mail(gettext("Nouvelle proposition de coopération"), body, None, recipients)
