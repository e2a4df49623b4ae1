"""Proposals sent through the public form: the submitter's contact, kept apart from the public page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projets.choices import ChoiceLabels, OrganisationKind

MODERATORS_GROUP = "Modérateurs"


class ProjectProposal(ChoiceLabels, models.Model):
    """Private: never indexed, never shown on a public page (only to moderators in the admin)."""

    page = models.OneToOneField(
        "projets.ProjectPage",
        verbose_name=_("étude de cas créée"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    submitter_kind = models.CharField(
        _("la personne écrit pour"),
        max_length=30,
        choices=[
            (OrganisationKind.ASSOCIATION, _("Une association")),
            (OrganisationKind.RESEARCH_UNIT, _("Un laboratoire")),
        ],
    )
    organisation_name = models.CharField(_("structure"), max_length=255)
    partner_name = models.CharField(_("structure partenaire"), max_length=255, blank=True)
    contact_name = models.CharField(_("nom du contact"), max_length=120)
    contact_email = models.EmailField(_("courriel du contact"))
    consent_at = models.DateTimeField(_("consentement donné le"))
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition de coopération")
        verbose_name_plural = _("propositions de coopération")
        default_permissions = ("view", "delete")

    def __str__(self):
        return f"{self.organisation_name} — {self.created_at:%d/%m/%Y}" if self.created_at else self.organisation_name

    @staticmethod
    def moderator_emails() -> list[str]:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
        return sorted({email for email in users.values_list("email", flat=True) if email})
