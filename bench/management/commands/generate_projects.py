"""`manage.py generate_projects --count N --seed S`: synthetic case studies for benchmarks."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.synthetic import writer
from precedents.contract_table import sync_all as sync_precedents
from projets.programme_table import sync_all as sync_programmes

ALLOWED_SETTINGS = {"cms.settings.dev", "cms.settings.test"}


class ProgressBar:
    """A one-line progress bar on stdout: bar, count, rate and time left."""

    def __init__(self, stdout, width: int = 30):
        self.stdout, self.width, self.started = stdout, width, time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed else 0
        left = (total - done) / rate if rate else 0
        filled = int(self.width * done / total)
        bar = "█" * filled + "·" * (self.width - filled)
        self.stdout.write(
            f"\r[{bar}] {done}/{total}  {rate:,.0f}/s  reste {left:,.0f} s", ending="\n" if done == total else ""
        )
        self.stdout.flush()


class Command(BaseCommand):
    help = (
        "Crée N études de cas synthétiques (référence SYN-, mot-clé « synthétique ») pour mesurer les "
        "performances ; jamais dans load_demo. Refusé hors DEBUG ou réglages de test sans --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Nombre d'études de cas à créer.")
        parser.add_argument("--seed", type=int, default=1, help="Graine : même graine, mêmes données.")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--purge", action="store_true", help="Supprime d'abord les cas synthétiques de la graine.")
        parser.add_argument("--no-index", action="store_true", help="N'indexe pas les pages créées.")
        parser.add_argument("--force", action="store_true", help="Autorise l'exécution hors DEBUG/test.")

    def handle(self, *args, count, seed, batch_size, purge: bool, no_index: bool, force: bool, **options):
        if not (settings.DEBUG or settings.SETTINGS_MODULE in ALLOWED_SETTINGS or force):
            raise CommandError(
                "Données synthétiques refusées : ni DEBUG ni réglages de test. Ajoutez --force si c'est voulu."
            )
        if count < 1 or batch_size < 1:
            raise CommandError("--count et --batch-size doivent être positifs.")
        if purge:
            self.stdout.write(f"Supprimé : {writer.purge(seed)} études de cas synthétiques (graine {seed}).")
        try:
            result = writer.generate(count, seed, batch_size=batch_size, progress=ProgressBar(self.stdout))
        except writer.SyntheticDataError as error:
            raise CommandError(str(error)) from None
        rows = ", ".join(f"{table}={n}" for table, n in sorted(result.rows.items()))
        self.stdout.write(
            self.style.SUCCESS(f"{result.created} études de cas créées en {result.seconds:.1f} s ({rows}).")
        )
        # Pages are written in bulk, without the publication signals that keep the precedents' tables.
        done = sync_precedents()
        self.stdout.write(f"Précédents réécrits pour {done} études de cas publiées.")
        sync_programmes()
        if not no_index:
            from search.indexing import reindex

            report = reindex(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Indexé : {report.documents} documents en {report.seconds:.1f} s."))
