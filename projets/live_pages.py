"""Live case studies read in chunks, for the tables kept at publication that a command rebuilds whole."""

from projets.models import ProjectPage


def sync_live_in_chunks(prefetch, sync, chunk_size: int = 1000, progress=None) -> int:
    """Call `sync(chunk)` on every live case study, `chunk_size` at a time in key order (keyset pagination),
    with `prefetch` read; `progress(done)` after each chunk. Returns how many were read."""
    done, last_pk = 0, 0
    while True:
        chunk = list(
            ProjectPage.objects.live().filter(pk__gt=last_pk).order_by("pk").prefetch_related(*prefetch)[:chunk_size]
        )
        if not chunk:
            return done
        sync(chunk)
        done += len(chunk)
        last_pk = chunk[-1].pk
        if progress:
            progress(done)
