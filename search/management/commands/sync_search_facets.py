from django.core.management.base import BaseCommand

from search.facet_table import sync_all


class Command(BaseCommand):
    help = "Rebuild the facet table of the case studies (after a bulk import)."

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(f"{count} case studies synced.")
