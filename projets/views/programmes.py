"""/financements/: the directory of funding programmes, and the page of each with the case studies it funded."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from projets import programme_directory as directory
from projets.views.organisations import directory_view


def programme_list(request):
    """Unknown filter values or years are a 400 with a French message; a bad page number is ignored."""
    return directory_view(request, directory.parse_filters, "projets/programme_list.html", programme_context)


def programme_context(filters, number) -> dict:
    return {
        "programmes": directory.directory_page(filters, number),
        "shown": directory.CASE_STUDIES_SHOWN,
        "limit": directory.COUNT_LIMIT,
        "meta_title": _("Financements"),
        "meta_description": _("Les programmes qui financent des coopérations entre associations et recherche."),
    }


def programme_detail(request, slug: str):
    """404 for a programme met only in drafts or private case studies."""
    programme = directory.related(directory.visible_programmes()).filter(slug=slug).first()
    if programme is None:
        raise Http404(_("Ce programme n'existe pas ou n'est pas public."))
    entry, page = directory.programme_page(programme, request.GET.get("page"))
    context = {
        "entry": entry,
        "lines": page,
        "meta_title": programme.name,
        "meta_description": programme.description or _("Un programme de financement et les études de cas financées."),
    }
    return TemplateResponse(request, "projets/programme_detail.html", context)
