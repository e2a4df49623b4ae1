"""/proposer/: the public form that sends a cooperation to the moderators."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.models import ContactSettings
from projets.models import ProjectIndexPage
from projets.proposals import ProposalForm, create_proposal, rate_limited


def propose(request):
    index = ProjectIndexPage.objects.live().first()
    if index is None:
        raise Http404(_("Le catalogue n'est pas encore ouvert."))
    status = 200
    contact_email = ContactSettings.email_for(request)
    if request.method == "POST":
        form = ProposalForm(request.POST, contact_email=contact_email)
        if rate_limited(request):
            form.add_error(None, _("Trop de propositions envoyées depuis votre adresse : réessayez dans une heure."))
            status = 429
        elif form.is_valid():
            create_proposal(form, index)
            return redirect("proposal_thanks")
        else:
            status = 400
    else:
        form = ProposalForm(contact_email=contact_email)
    context = {
        "form": form,
        "meta_title": _("Proposer une coopération"),
        "meta_description": _("Faites connaître une coopération entre une association et un laboratoire."),
    }
    return TemplateResponse(request, "projets/proposal_form.html", context, status=status)


def thanks(request):
    context = {"meta_title": _("Proposition envoyée"), "meta_description": _("Merci pour votre proposition.")}
    return TemplateResponse(request, "projets/proposal_thanks.html", context)
