"""`python -m bench.chunks`: index chunks taken at the start, middle and end of the table, timed.

When a full rebuild does not fit (a shared machine), this shows what a rebuild costs and whether its
time per chunk stays flat as the keyset moves through 100,000 case studies: each sample reads one
chunk `pk > x LIMIT n` with its relations (as `reindex_projects` does) and sends it to the backend's
index (the bulk path on PostgreSQL), wall and CPU time apart. Prints JSON; --out writes it too.
"""

import argparse
import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from wagtail.search.backends import get_search_backend  # noqa: E402

from projets.models import ProjectPage  # noqa: E402
from search.indexing import indexed_queryset, rss_mb, with_long_timeout  # noqa: E402
from search.indexing_pg import bulk_add_items, is_postgres_index  # noqa: E402


def sample(index, start_after: int, size: int) -> dict:
    add = (lambda objs: bulk_add_items(index, ProjectPage, objs)) if is_postgres_index(index) else None
    started, cpu = time.perf_counter(), time.process_time()
    chunk = list(indexed_queryset(ProjectPage).filter(pk__gt=start_after)[:size])
    read_s = time.perf_counter() - started
    if add:
        add(chunk)
    else:
        index.add_items(ProjectPage, chunk)
    return {
        "after_pk": start_after,
        "last_pk": chunk[-1].pk if chunk else start_after,
        "size": len(chunk),
        "read_ms": round(read_s * 1000),
        "ms": round((time.perf_counter() - started) * 1000),
        "cpu_ms": round((time.process_time() - cpu) * 1000),
        "rss_mb": round(rss_mb(), 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="Chunks in a row at each position.")
    parser.add_argument("--out")
    args = parser.parse_args()
    backend = with_long_timeout(get_search_backend())
    index = backend.get_index_for_model(ProjectPage)
    if hasattr(index, "exists") and not index.exists():
        index.put()
        index.add_model(ProjectPage)
    pks = list(ProjectPage.objects.order_by("pk").values_list("pk", flat=True))
    positions = {"start": 0, "middle": len(pks) // 2, "end": max(0, len(pks) - args.size * args.repeat)}
    samples = {}
    for name, position in positions.items():
        after = pks[position - 1] if position else 0
        samples[name] = []
        for _ in range(args.repeat):
            samples[name].append(sample(index, after, args.size))
            after = samples[name][-1]["last_pk"]
    flat = [entry for entries in samples.values() for entry in entries]
    result = {
        "backend": type(backend).__module__,
        "case_studies": len(pks),
        "chunk_size": args.size,
        "samples": samples,
        "estimated_rebuild_s": round(sum(e["ms"] for e in flat) / len(flat) * len(pks) / args.size / 1000),
        "estimated_rebuild_cpu_s": round(sum(e["cpu_ms"] for e in flat) / len(flat) * len(pks) / args.size / 1000),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
