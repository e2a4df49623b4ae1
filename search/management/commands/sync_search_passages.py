from django.core.management.base import BaseCommand

from search.narrative_passages import sync_all


class Command(BaseCommand):
    help = "Rebuild the stored narrative passages of the live case studies (after a bulk import or edit)."

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(f"{count} case studies synced.")
