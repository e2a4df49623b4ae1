from django.core.management.base import BaseCommand

from projets.programme_table import sync_all


class Command(BaseCommand):
    help = "Réécrit la table des lignes de financement par programme (après un import en masse)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=1000)

    def handle(self, *args, chunk_size: int, **options):
        done = sync_all(chunk_size, progress=lambda n: self.stdout.write(f"{n} études de cas…", ending="\r"))
        self.stdout.write(self.style.SUCCESS(f"Programmes réécrits pour {done} études de cas publiées."))
