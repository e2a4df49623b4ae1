"""The page of what cooperations teach: counts and a few lessons per category, or one category's list."""

from django.shortcuts import render

from precedents import lessons
from precedents.selection import BadParameter, reject_nul, unknown_value
from precedents.views.contracts import bad_request
from projets.choices import LessonCategory


def lesson_list(request):
    known = lessons.options()
    try:
        reject_nul(request.GET)
        filters = lessons.parse_lesson_filters(request.GET, known)
        category = (request.GET.get("categorie") or "").strip()
        if category and category not in LessonCategory.values:
            raise unknown_value("categorie", category)
    except BadParameter as error:
        return bad_request(request, str(error))
    sources = lessons.counts_by_source(filters)
    totals = lessons.counts(filters, sources)
    context = {"filters": filters, "total": sum(totals.values()), **known}
    groups = lessons.by_category([], totals)
    if category:
        context |= lessons.category_page(filters, category, request.GET.get("page"), request, sources)
        context["category"] = next(group for group in groups if group["category"] == category)
        context["groups"] = groups  # the categories' counts, for the navigation
    else:
        context["groups"] = lessons.by_category(lessons.preview(filters, request), totals)
    return render(request, "precedents/lesson_list.html", context)
