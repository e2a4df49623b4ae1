"""The precedents table, its CSV export and the side-by-side comparison."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.document_access import access_for
from precedents import selection
from precedents.access import login_url
from precedents.export import csv_lines
from precedents.records import CLAUSES, describe

MIN_COMPARED, MAX_COMPARED = 2, 4


def bad_request(request, message: str):
    return render(request, "precedents/bad_request.html", {"message": message}, status=400)


def read_filters(request):
    regions = selection.region_names()
    return selection.parse_filters(request.GET, regions), regions


def precedent_list(request, *, compare_error: str = "", ticked: tuple[int, ...] = ()):
    """The table; with `compare_error`, the comparison refused, shown on the table with the ticked rows kept."""
    try:
        filters, regions = read_filters(request)
    except selection.BadParameter as error:
        return bad_request(request, str(error))
    counts = selection.all_counts(filters)
    paginator = Paginator(selection.selection(filters, counts), selection.PAGE_SIZE)
    if filters.page > paginator.num_pages:
        # Past the last page: no rows, and the pagination says so with a link to the last page.
        page = PaginatorPage([], filters.page, paginator)
    else:
        page = paginator.page(filters.page)
    return render(
        request,
        "precedents/precedent_list.html",
        {
            "compare_error": compare_error,
            "ticked": ticked,
            "filters": filters,
            "facets": selection.facets(filters, regions, counts),
            "sorts": [(key, label) for key, (label, _ordering) in selection.SORTS.items()],
            "page_obj": page,
            "paginator": paginator,
            "records": [describe(contract, access_for(request), request) for contract in page.object_list],
            "clauses": CLAUSES,
            "login_url": login_url(request),
        },
        status=400 if compare_error else 200,
    )


def precedent_csv(request):
    try:
        filters, _regions = read_filters(request)
    except selection.BadParameter as error:
        return bad_request(request, str(error))
    response = StreamingHttpResponse(
        csv_lines(selection.selection(filters).iterate(), request), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="precedents.csv"'
    return response


def ticked_ids(values: list[str]) -> tuple[int, ...]:
    """The numbers among the ticked values, to tick them again on the table."""
    parts = (part.strip() for value in values for part in value.split(","))
    return tuple(int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 19)


def parse_ids(raw: str) -> list[int]:
    parts = [part.strip() for part in (raw or "").split(",") if part.strip()]
    try:
        ids = list(dict.fromkeys(int(part) for part in parts))
    except ValueError:
        raise selection.BadParameter(_("« ids » doit être une liste de numéros séparés par des virgules.")) from None
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise selection.BadParameter(
            _("Choisissez de %(min)s à %(max)s précédents différents à comparer.")
            % {"min": MIN_COMPARED, "max": MAX_COMPARED}
        )
    return ids


def comparison_rows(records: list[dict]) -> list[dict]:
    """Each compared line with its values and whether they differ."""

    def line(label, values):
        return {"label": label, "values": values, "differs": len(set(values)) > 1}

    rows = [line(label, [record["labels"][name] for record in records]) for name, label in CLAUSES]
    rows.append(
        line(
            _("Types des parties"),
            [", ".join(sorted({party["kind_label"] for party in record["parties"]})) for record in records],
        )
    )
    rows.append(line(_("Durée (mois)"), [record["duration_months"] or "—" for record in records]))
    rows.append(
        line(
            _("Financements du projet"),
            [", ".join(label for _code, label in record["funding_kinds"]) or "—" for record in records],
        )
    )
    rows.append(line(_("Régions"), [", ".join(record["regions"]) or "—" for record in records]))
    rows.append(line(_("Année"), [record["year"] or "—" for record in records]))
    return rows


def precedent_compare(request):
    try:
        # "?ids=1,2" from a link, or "?ids=1&ids=2" from the table's checkboxes.
        ids = parse_ids(",".join(request.GET.getlist("ids")))
    except selection.BadParameter as error:
        # Back to the table (filters and page kept, sent along by its form), the ticked rows still ticked.
        return precedent_list(request, compare_error=str(error), ticked=ticked_ids(request.GET.getlist("ids")))
    # A number no database key can hold is simply not found (SQLite refuses integers past 64 bits).
    storable = [pk for pk in ids if 0 < pk < 2**63]
    public_ids = selection.published_rows().filter(contract_id__in=storable).values_list("contract_id", flat=True)
    contracts = {contract.pk: contract for contract in selection.load_contracts(list(public_ids))}
    missing = [str(pk) for pk in ids if pk not in contracts]
    if missing:
        return bad_request(request, _("Précédent introuvable ou non public : %(ids)s.") % {"ids": ", ".join(missing)})
    records = [describe(contracts[pk], access_for(request), request) for pk in ids]
    return render(
        request,
        "precedents/precedent_compare.html",
        {
            "records": records,
            "rows": comparison_rows(records),
            "login_url": login_url(request),
        },
    )
