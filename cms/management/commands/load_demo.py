"""Load the demo content, idempotently: `manage.py load_demo`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

# Each app contributes its own step; order matters (the site tree first).
DEMO_STEPS = [
    "cms.demo.build_site_tree",
    "cms.demo.build_legal_pages",
    "cms.demo.set_demo_contact",
    "projets.demo.load_projects_demo",
]

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "cooperatheque-demo"  # noqa: S105 - dev-only account, refused outside DEBUG


class Command(BaseCommand):
    help = "Crée ou met à jour le contenu de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--admin", action="store_true", help="Crée aussi le compte admin de démonstration (dev).")

    def handle(self, *args, **options):
        for dotted_path in DEMO_STEPS:
            import_string(dotted_path)()
            self.stdout.write(f"✓ {dotted_path}")
        if options["admin"]:
            self.create_demo_admin()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration à jour."))

    def create_demo_admin(self):
        if not getattr(settings, "DEMO_ADMIN_ALLOWED", False):
            raise CommandError("Demo admin refused: DEMO_ADMIN_ALLOWED is off (only cms.settings.dev allows it).")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"email": "admin@cooperatheque.invalid", "is_staff": True, "is_superuser": True},
        )
        if created or not user.check_password(DEMO_ADMIN_PASSWORD):
            user.set_password(DEMO_ADMIN_PASSWORD)
            user.save()
        self.stdout.write(
            self.style.WARNING(
                f"Compte d'administration de démonstration : identifiant « {DEMO_ADMIN_USERNAME} », "
                f"mot de passe « {DEMO_ADMIN_PASSWORD} » (http://127.0.0.1:8000/admin/)"
            )
        )
