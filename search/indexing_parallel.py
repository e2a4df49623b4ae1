"""Fill a new engine index from several processes at once.

On OpenSearch / Elasticsearch a rebuild's time is Python building documents (about 5.5 s of CPU per
1,000 case studies, on one core); the engine and the database have CPU to spare. With `workers` > 1
the case studies are split into contiguous primary-key ranges, each filled by a forked process with
its own database connection and engine client, into the same new index (by name). The parent then
refreshes, swaps the alias and catches up exactly as with one process. The PostgreSQL database
backend fills its index inside one transaction, so it always uses one process.
"""

import multiprocessing
import sys

from django.apps import apps
from django.db import connections


def pk_ranges(queryset, parts: int) -> list[tuple[int | None, int | None]]:
    """`parts` contiguous (after, up_to] ranges of primary keys holding about as many rows each."""
    total = queryset.count()
    if parts < 2 or total < parts:
        return [(None, None)]
    ids = queryset.order_by("pk").values_list("pk", flat=True)
    cuts = [ids[total * part // parts - 1] for part in range(1, parts)]  # one indexed read per cut
    bounds = [None, *cuts, None]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def fill_in_parallel(target, model, chunk_size: int, workers: int, backend_name: str, stdout) -> list:
    """Fill `target` (an engine index being rebuilt) with `model` from `workers` processes; chunk stats."""
    from search.indexing import indexed_queryset

    ranges = pk_ranges(indexed_queryset(model), workers)
    jobs = [(backend_name, target.name, model._meta.label, after, up_to, chunk_size) for after, up_to in ranges]
    connections.close_all()  # a forked child must not share the parent's database socket
    if stdout is not None:
        stdout.flush()
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        results = pool.map(_fill_range, jobs)
    return [stat for stats in results for stat in stats]


def _fill_range(job) -> list:
    """In a child process: index one primary-key range with the single-process loop; its chunk stats."""
    from django.core.management.base import OutputWrapper
    from wagtail.search.backends import get_search_backend

    from search.indexing import ReindexReport, add_model_items, indexed_queryset, with_long_timeout

    backend_name, index_name, model_label, after, up_to, chunk_size = job
    backend = with_long_timeout(get_search_backend(backend_name))  # a client of its own, not the parent's
    index = backend.index_class(backend, index_name)
    model = apps.get_model(model_label)
    queryset = indexed_queryset(model)
    if after is not None:
        queryset = queryset.filter(pk__gt=after)
    if up_to is not None:
        queryset = queryset.filter(pk__lte=up_to)
    report = ReindexReport(backend=type(backend).__module__)
    try:
        add_model_items(index, model, chunk_size, report, OutputWrapper(sys.stdout), None, queryset)
        return report.chunks
    finally:
        connections.close_all()
