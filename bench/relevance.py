"""`python -m bench.relevance`: the relevance set (bench/relevance_queries.json) on the demo content.

For every search backend the configuration has (SQLite or PostgreSQL database search; with SEARCH_URL set,
the engine and the PostgreSQL database search it falls back to), each query is searched through the search
service as a visitor would (English labels from the English interface) and scored on its first ten results:
MRR (1 / rank of the first expected case study) and recall@10 (share of the expected case studies found),
with theme and region recall apart. `--setup` migrates, loads the demo and rebuilds the indexes first.

    DATABASE_URL=sqlite:///var/relevance.sqlite3 SEARCH_URL= python -m bench.relevance --setup
    DATABASE_URL=postgres://coop:coop@127.0.0.1:55432/coop_relevance SEARCH_URL=opensearch://127.0.0.1:9200 \
      INDEX_PREFIX=coop_relevance_ python -m bench.relevance --setup
"""

import argparse
import json
import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402

from search.config import FALLBACK_ALIAS  # noqa: E402
from search.query import parse_request  # noqa: E402
from search.service import search  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "relevance_queries.json"
TOP = 10


def backends() -> list[tuple[str, str]]:
    """(alias, label) of every configured backend."""
    default = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    database = f"{connection.vendor}-database"
    if "opensearch" in default or "elasticsearch" in default:
        found = [("default", "opensearch" if "opensearch" in default else "elasticsearch")]
        return found + ([(FALLBACK_ALIAS, database)] if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else [])
    return [("default", database)]


def score(found: list[str], expected: list[str]) -> tuple[float, float]:
    """(reciprocal rank of the first expected slug, recall) over the first TOP slugs found."""
    top = found[:TOP]
    rank = next((position for position, slug in enumerate(top, 1) if slug in expected), None)
    return (1 / rank if rank else 0.0), len(set(top) & set(expected)) / len(expected)


def run(alias: str, queries: list[dict]) -> list[dict]:
    rows = []
    for item in queries:
        language = "en" if item["kind"] == "english" else "fr"
        with translation.override(language):
            outcome = search(parse_request({"q": item["q"], "page_size": str(TOP)}), backend=alias)
        found = [hit.page.slug for hit in outcome.hits]
        reciprocal, recall = score(found, item["expected"])
        rows.append({**item, "found": found, "rr": reciprocal, "recall": recall})
    return rows


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summary(rows: list[dict]) -> dict:
    of_kind = lambda *kinds: [row["recall"] for row in rows if row["kind"] in kinds]  # noqa: E731
    return {
        "mrr": mean([row["rr"] for row in rows]),
        "recall": mean([row["recall"] for row in rows]),
        "theme_recall": mean(of_kind("theme")),
        "region_recall": mean(of_kind("region", "place")),
    }


def setup(stdout) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, stdout=stdout)
    for alias in settings.WAGTAILSEARCH_BACKENDS:
        call_command("update_index", backend_name=alias, verbosity=0)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="store_true", help="migrate, load the demo and rebuild the indexes")
    parser.add_argument("--details", action="store_true", help="print every query that misses")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    options = parser.parse_args(argv)
    if options.setup:
        setup(sys.stderr)
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    results = {}
    sys.stdout.write("| backend | MRR | recall@10 | theme recall | region recall |\n|---|---|---|---|---|\n")
    for alias, label in backends():
        rows = run(alias, queries)
        results[label] = {"summary": summary(rows), "rows": rows}
        figures = summary(rows)
        sys.stdout.write(
            f"| {label} | {figures['mrr']:.2f} | {figures['recall']:.2f} | {figures['theme_recall']:.2f} "
            f"| {figures['region_recall']:.2f} |\n"
        )
    if options.details:
        for label, result in results.items():
            for row in result["rows"]:
                if row["rr"] < 1 or row["recall"] < 1:
                    missing = [slug for slug in row["expected"] if slug not in row["found"][:TOP]]
                    sys.stdout.write(
                        f"{label:20} {row['kind']:8} {row['q']!r}: rr {row['rr']:.2f} recall {row['recall']:.2f}"
                        f" missing {missing} found {row['found'][:5]}\n"
                    )
    if options.json:
        options.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
