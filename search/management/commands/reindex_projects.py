"""`manage.py reindex_projects`: rebuild the search index in flat keyset chunks, atomically."""

from django.core.management.base import BaseCommand, CommandError

from search.indexing import DEFAULT_CHUNK_SIZE, reindex


class Command(BaseCommand):
    help = (
        "Reconstruit l'index de recherche par paquets (pagination par clé, relations préchargées), "
        "dans un nouvel index qui remplace l'ancien à la fin ; affiche le temps et la mémoire par paquet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)
        parser.add_argument("--backend", default="default", help="Nom du moteur dans WAGTAILSEARCH_BACKENDS.")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Processus qui remplissent l'index OpenSearch/Elasticsearch en parallèle (1 avec PostgreSQL).",
        )

    def handle(self, *args, chunk_size: int, backend: str, workers: int, **options):
        if chunk_size < 1 or workers < 1:
            raise CommandError("--chunk-size et --workers doivent être positifs.")
        report = reindex(stdout=self.stdout, chunk_size=chunk_size, backend_name=backend, workers=workers)
        summary = report.as_dict()
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.documents} documents indexés en {report.seconds:.1f} s ({summary['chunks']} paquets, "
                f"paquet max {summary['chunk_seconds_max']} s, RSS max {summary['rss_mb_max']} Mo) → "
                + ", ".join(report.indexes)
            )
        )
