"""The PostgreSQL statements of each benchmark query, timed alone: where the raw SQL time of a variant goes.

`python -m bench.sql_per_query [plain|filters|facets] [rounds]`, with the environment of a (size, PostgreSQL)
pair (bench/README.md): prints the variant's p50 and p95 over every query and round, then each query's median
and maximum, slowest first. The harness's figures are per variant only; this tells which queries make its p95.
"""

import os
import statistics
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from bench.measure import _api_query, _sql_time  # noqa: E402
from bench.queries import API_VARIANTS, QUERIES  # noqa: E402
from bench.stats import summary_ms  # noqa: E402


def main() -> None:
    variant = sys.argv[1] if len(sys.argv) > 1 else "plain"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    params = API_VARIANTS[variant]
    for text in QUERIES:  # once untimed: the first run of a statement plans it and warms the buffers
        _sql_time(_api_query(text, params))
    times: dict[str, list[float]] = {text: [] for text in QUERIES}
    for _ in range(rounds):
        for text in QUERIES:
            times[text].append(_sql_time(_api_query(text, params)))
    overall = summary_ms([seconds for values in times.values() for seconds in values])
    print(f"{variant}: p50 {overall['p50']} ms, p95 {overall['p95']} ms ({rounds} rounds of {len(QUERIES)} queries)")
    for text, values in sorted(times.items(), key=lambda item: -statistics.median(item[1])):
        print(f"  {text:40s} median {statistics.median(values) * 1000:6.1f}  max {max(values) * 1000:6.1f}")


if __name__ == "__main__":
    main()
