"""In-process measurements, run with the environment of one (size, backend) pair.

`python -m bench.measure --out file.json`: search API latency (Django test client) beside the raw
engine time for the same queries, and case-study/catalogue latency with SQL query counts.
"""

import argparse
import json
import os
import time
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Exists, OuterRef  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from bench.queries import API_VARIANTS, QUERIES  # noqa: E402
from bench.stats import summary_ms  # noqa: E402
from cms.startup import freeze_startup_objects  # noqa: E402
from projets.catalogue import public_projects  # noqa: E402
from projets.models import Contract, ProjectIndexPage, ProjectPage, ProjectPartner  # noqa: E402

HOST = "localhost"
OWN_PARTNERS_LOOKED_AT = 200
NO_SEARCH = {"available": False, "note": "not measured (--pages-only: no index for this size)"}


def search_latency(client: Client, url: str, repeat: int) -> tuple[dict, dict]:
    """(API report, raw engine report): each query timed through the API and on the engine alone, in turn.

    The two used to be timed in separate passes, the raw engine after every API variant: on this shared
    machine their p50 difference (what the issue bounds at +15 ms) then moved by ±10 ms from one run to the
    next, each pass having met a different machine. Paired, both see the same one, and the median of the
    paired differences (`overhead_p50`) is reported beside the two p50s. Which of the pair goes first
    alternates from round to round, so neither always finds the caches the other warmed.
    """
    probe = client.get(url, {"q": QUERIES[0]}, HTTP_HOST=HOST)
    if probe.status_code != 200:
        note = f"{url} not available ({probe.status_code})"
        return {"available": False, "status": probe.status_code, "note": note}, {}
    backend = get_search_backend()
    api_report, raw_report = {"available": True}, {"engine": type(backend).__module__}
    for name, params in API_VARIANTS.items():
        # One pass untimed: the first request of a query after the previous section's load found the engine's
        # caches cold (OpenSearch p95 175 ms in the harness against 70 on the next pass).
        for text in QUERIES:
            client.get(f"{url}?{urlencode({'q': text, **params})}", HTTP_HOST=HOST)
        api_times, raw_times, took, differences, statuses = [], [], [], [], set()
        for round_number in range(repeat):
            for text in QUERIES:
                api_first = round_number % 2 == 0
                if api_first:
                    api_time, status = _api_time(client, url, text, params)
                raw_time, engine_took = _raw_time(backend, _api_query(text, params))
                if not api_first:
                    api_time, status = _api_time(client, url, text, params)
                api_times.append(api_time)
                raw_times.append(raw_time)
                differences.append(api_time - raw_time)
                statuses.add(status)
                if engine_took is not None:
                    took.append(engine_took)
        overhead = summary_ms(differences)["p50"]
        api_report[name] = {**summary_ms(api_times), "statuses": sorted(statuses), "overhead_p50": overhead}
        raw_report[name] = summary_ms(raw_times)
        if took:
            raw_report[name]["engine_took"] = summary_ms(took)
    return api_report, raw_report


def _api_time(client: Client, url: str, text: str, params: dict) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(f"{url}?{urlencode({'q': text, **params})}", HTTP_HOST=HOST)
    return time.perf_counter() - started, response.status_code


def _api_query(text: str, params: dict):
    """The SearchQuery the API builds for these query-string parameters."""
    from django.http import QueryDict

    from search.query import parse_request

    return parse_request(QueryDict(urlencode({"q": text, **params})))


def _raw_time(backend, query) -> tuple[float, float | None]:
    """(seconds, the engine's own `took` in seconds or None) for the engine alone on the API's very query.

    OpenSearch: the `_search` body the search service builds (hits, total and every facet), sent
    directly. PostgreSQL: the SQL the search service runs for that query, captured then re-run on a cursor.
    """
    from search import engine_query

    if not hasattr(backend, "es"):
        return _sql_time(query), None
    body = engine_query.build_body(backend, ProjectPage, public_projects(), query)
    index = backend.get_index_for_model(ProjectPage).name
    started = time.perf_counter()
    answer = backend.es.search(index=index, body=body)
    return time.perf_counter() - started, answer["took"] / 1000


def _sql_time(query) -> float:
    """Capture the SQL the search service runs for `query`, re-run it timed (without Python around it)."""
    from projets import restrictions
    from search import service

    # Restrictions read once, as in the API's request (outside one, each reader would read them again).
    with CaptureQueriesContext(connection) as captured, restrictions.read_once():
        service.search(query)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for captured_query in captured.captured_queries:
            cursor.execute(captured_query["sql"])
            if cursor.description is not None:
                cursor.fetchall()
    return time.perf_counter() - started


def page_latency(client: Client, url: str, repeat: int) -> dict:
    client.get(url, HTTP_HOST=HOST)  # warm
    # Queries are counted on a request of their own: capturing them turns on Django's debug cursor, which
    # writes out every statement with its parameters (~1 ms a query here) and would be timed with the page.
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url, HTTP_HOST=HOST).status_code
    # Read now: each request empties Django's query log (reset_queries on request_started).
    count = len(captured.captured_queries)
    sql_ms = round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 1)
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url, HTTP_HOST=HOST)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    # CPU time of this process: what the page costs Python, whatever the load of a shared machine.
    cpu_ms = summary_ms(cpu)
    return {
        "url": url,
        "status": status,
        "sql_queries": [count],
        **summary_ms(times),
        "cpu_p50": cpu_ms["p50"],
        "sql_ms_counted": sql_ms,
    }


def case_study_urls() -> dict:
    """The case studies whose page is timed.

    With 2 and with 20 partners, each with a contract: both show every part of the page, so that their SQL
    query counts compare (a page without contracts runs one query less: no contract parties to read). And a
    case study whose partners are in no other one, as most of the demo's are: its related case studies are
    found the other way (projets.page_context.SIDE_SQL), which once cost 77 ms at 10,000.
    """
    live = ProjectPage.objects.live()
    with_contract = live.filter(Exists(Contract.objects.filter(page_id=OuterRef("pk"))))
    annotated = with_contract.annotate(partner_count=Count("partners", distinct=True))
    urls = {}
    for partners in (2, 20):
        page = annotated.filter(partner_count=partners).order_by("pk").first()
        urls[f"case_study_{partners}_partners"] = page.url if page else None
    urls["case_study_own_partners"] = None
    # Among the first case studies (the demo's, loaded first): one anti-join over every partner row of
    # 100,000 case studies took minutes.
    for page in live.filter(partners__isnull=False).distinct().order_by("pk")[:OWN_PARTNERS_LOOKED_AT]:
        organisations = page.partners.values("organisation_id")
        if not ProjectPartner.objects.filter(organisation_id__in=organisations).exclude(page=page).exists():
            urls["case_study_own_partners"] = page.url
            break
    return urls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--api-url", default="/api/recherche")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page-repeat", type=int, default=30)
    parser.add_argument("--no-search", action="store_true", help="Pages only (no index built for this size).")
    args = parser.parse_args()
    freeze_startup_objects()  # as cms/wsgi.py does in each web worker once the application is loaded
    client = Client()
    pages = {name: url for name, url in case_study_urls().items() if url}
    catalogue = ProjectIndexPage.objects.first()
    pages["catalogue"] = catalogue.url
    pages["catalogue_page_50"] = f"{catalogue.url}?page=50"
    api, raw = (NO_SEARCH, {}) if args.no_search else search_latency(client, args.api_url, args.repeat)
    result = {
        "case_studies": ProjectPage.objects.live().count(),
        "search_api": api,
        "raw_engine": raw,
        "pages": {name: page_latency(client, url, args.page_repeat) for name, url in pages.items()},
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
