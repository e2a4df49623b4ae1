"""The page of what cooperations teach."""

from django.shortcuts import render

from precedents import lessons
from precedents.selection import BadParameter
from precedents.views.contracts import bad_request


def lesson_list(request):
    known = lessons.options()
    try:
        filters = lessons.parse_lesson_filters(request.GET, known)
    except BadParameter as error:
        return bad_request(request, str(error))
    items = lessons.collect(filters, request)
    return render(
        request,
        "precedents/lesson_list.html",
        {"filters": filters, "groups": lessons.by_category(items), "total": len(items), **known},
    )
