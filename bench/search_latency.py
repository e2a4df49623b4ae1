"""`python -m bench.search_latency`: the search API and page over varied queries with filters, SQL counted.

Run it in the environment of one benchmark database, e.g.
    DATABASE_URL=postgres://coop:coop@127.0.0.1:55433/coop_perf2_bench_10000 SEARCH_URL= \\
        .venv/bin/python -m bench.search_latency --count 60
Each request of `--count` varied queries (a bench query, one to three filters taken from the facet values
present in the database, a sort, a page size) goes once to /api/recherche and once to /recherche/ (Django
test client, warmed up first); p50/p95/p99, the CPU time of this process and the SQL query counts are printed.
"""

import argparse
import json
import os
import random
import time
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.queries import QUERIES  # noqa: E402
from bench.stats import summary_ms  # noqa: E402

HOST = "localhost"
FILTER_NAMES = ("theme", "region", "departement", "partner_kind", "funding_kind", "contract_kind", "status")


def facet_values() -> dict[str, list[str]]:
    """The values each facet takes (read once from the search facet table)."""
    from search.models import SearchFacet

    values: dict[str, list[str]] = {}
    for name, value in SearchFacet.objects.filter(facet__in=FILTER_NAMES).values_list("facet", "value").distinct():
        values.setdefault(name, []).append(value)
    return {name: sorted(found) for name, found in values.items()}


def varied_queries(count: int, seed: int = 8) -> list[dict]:
    rng = random.Random(seed)
    values = facet_values()
    names = sorted(values)
    params = []
    for number in range(count):
        query: dict = {"q": QUERIES[number % len(QUERIES)]} if number % 6 else {}
        for name in rng.sample(names, k=min(len(names), 1 + number % 3)):
            query[name] = rng.choice(values[name])
        if number % 4 == 1:
            query["sort"] = rng.choice(["recent", "debut"])
        query["page_size"] = rng.choice([10, 20, 50])
        params.append(query)
    return params


def measure(client: Client, url: str, queries: list[dict]) -> dict:
    client.get(f"{url}?{urlencode(queries[0], doseq=True)}", HTTP_HOST=HOST)  # warm
    times, cpu, counts, statuses, sql = [], [], [], set(), []
    for params in queries:
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(f"{url}?{urlencode(params, doseq=True)}", HTTP_HOST=HOST)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        statuses.add(response.status_code)
        counts.append(len(captured.captured_queries))
        sql.append(sum(float(query["time"]) for query in captured.captured_queries))
    return {
        "url": url,
        **summary_ms(times),
        "cpu_p50": summary_ms(cpu)["p50"],
        "cpu_p95": summary_ms(cpu)["p95"],
        "sql_queries_min_max": [min(counts), max(counts)],
        "sql_p50": summary_ms(sql)["p50"],
        "sql_p95": summary_ms(sql)["p95"],
        "statuses": sorted(statuses),
        "slowest": [
            {"ms": round(times[i] * 1000), "sql_ms": round(sql[i] * 1000), "params": queries[i]}
            for i in sorted(range(len(times)), key=times.__getitem__)[-5:]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--urls", nargs="+", default=["/api/recherche", "/recherche/"])
    parser.add_argument("--out", help="Also write the figures as JSON to this file.")
    args = parser.parse_args()
    from wagtail.search.backends import get_search_backend

    queries = varied_queries(args.count)
    client = Client()
    report = {
        "backend": type(get_search_backend()).__name__,
        "queries": len(queries),
        "load_before": os.getloadavg()[0],
        "results": [measure(client, url, queries) for url in args.urls],
        "load_after": os.getloadavg()[0],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
