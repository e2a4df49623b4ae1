from django.core.management.base import BaseCommand

from search.card_names import sync_all


class Command(BaseCommand):
    help = "Rebuild the stored names of the live case studies' result cards (after a bulk import or edit)."

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(f"{count} case studies synced.")
