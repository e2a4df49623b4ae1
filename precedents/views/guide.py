"""The contract guide page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from precedents import guide
from precedents.selection import FACETS_BY_PARAM, whole_table_counts
from precedents.views.contracts import bad_request


def contract_guide(request):
    try:
        answers = guide.parse_answers(request.GET)
    except guide.BadAnswer as error:
        return bad_request(request, str(error))
    recommendations = guide.recommend(answers)
    list_url = reverse("precedents:list")
    counts = whole_table_counts()  # the table's own counts: "Voir les N précédents" says what the link shows
    kind_counts = counts.get("kind", {})
    for item in recommendations:
        item["count"] = kind_counts.get(item["kind"], 0)
        item["url"] = f"{list_url}?{urlencode({'kind': item['kind']})}"
    clauses = []
    for param, value in guide.clause_links(answers):
        facet = FACETS_BY_PARAM[param]
        clauses.append(
            {
                "label": f"{facet.label} : {facet.choices(value).label}",
                "count": counts.get(param, {}).get(value, 0),
                "url": f"{list_url}?{urlencode({param: value})}",
            }
        )
    questions = [
        {"param": q.param, "label": q.label, "options": q.options, "answer": answers.get(q.param, "")}
        for q in guide.QUESTIONS
    ]
    return render(
        request,
        "precedents/guide.html",
        {
            "questions": questions,
            "answered": bool(answers),
            "recommendations": recommendations,
            "clauses": clauses,
            "rules": guide.rules_table(),
            "sources": guide.SOURCES,
        },
    )
