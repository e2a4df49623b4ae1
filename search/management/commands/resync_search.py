"""`manage.py resync_search`: make the search indexes equal to the database (after an engine outage).

`--every N` repeats it every N seconds (the `resync` service of docker-compose.yml); a round that fails
(engine still down) is reported and retried at the next one.
"""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from search.resync import DEFAULT_CHUNK_SIZE, resync

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Resynchronise les index de recherche avec la base : ajoute les documents manquants, met à jour "
        "les périmés, supprime ceux en trop. Par défaut : les moteurs (OpenSearch/Elasticsearch)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", action="append", dest="backends", help="Nom du moteur (répétable) ; défaut : les moteurs."
        )
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)
        parser.add_argument("--dry-run", action="store_true", help="Compter l'écart sans rien écrire.")
        parser.add_argument("--every", type=float, default=0, help="Recommencer toutes les N secondes.")

    def handle(self, *args, backends, chunk_size, dry_run, every, **options):
        if chunk_size < 1 or every < 0:
            raise CommandError("--chunk-size doit être positif et --every positif ou nul.")
        if not every:
            self.run_once(backends, chunk_size, dry_run)
            return
        while True:  # pragma: no cover (the periodic service; one round is what the tests run)
            try:
                self.run_once(backends, chunk_size, dry_run)
            except Exception as error:  # noqa: BLE001 (engine still down: try again next round)
                logger.warning("resync_search failed: %r", error)
                self.stderr.write(f"Échec de la resynchronisation ({error!r}) ; nouvel essai dans {every:g} s.")
            close_old_connections()
            time.sleep(every)

    def run_once(self, backends, chunk_size, dry_run):
        started = time.perf_counter()
        drifts = resync(backends, chunk_size=chunk_size, dry_run=dry_run)
        for drift in drifts:
            self.stdout.write(("[essai] " if dry_run else "") + drift.summary())
        total = sum(drift.drift for drift in drifts)
        verb = "trouvés" if dry_run else "corrigés"
        self.stdout.write(self.style.SUCCESS(f"{total} écarts {verb} en {time.perf_counter() - started:.1f} s."))
