"""Refresh the territory reference from projets/data/territories.json (idempotent)."""

from django.core.management.base import BaseCommand

from projets.models import Territory
from projets.territories import load_territories


class Command(BaseCommand):
    help = "Charge ou met à jour les régions, départements et périmètres (COG)."

    def handle(self, *args, **options):
        counts = load_territories(Territory)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{kind} : {count}" for kind, count in counts.items())))
