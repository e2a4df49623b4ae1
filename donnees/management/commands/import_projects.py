"""manage.py import_projects FILE: case studies from CSV, XLSX or JSON (template in docs/import/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from donnees.importer import ImportFileError, companion_paths, import_tables, read_tables

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Importe des études de cas depuis un fichier CSV, XLSX ou JSON (modèle : docs/import/)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--partners", type=Path, help="CSV des partenaires (sinon FICHIER_partenaires.csv)")
        parser.add_argument("--funding", type=Path, help="CSV des financements (sinon FICHIER_financements.csv)")
        parser.add_argument("--contracts", type=Path, help="CSV des contrats (sinon FICHIER_contrats.csv)")
        parser.add_argument("--dry-run", action="store_true", help="Valide et rend compte sans rien enregistrer.")
        parser.add_argument("--publish", action="store_true", help="Publie les études de cas (sinon brouillons).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace aussi les études de cas modifiées dans l'administration depuis le dernier import.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        companions = companion_paths(path) if path.suffix.lower() == ".csv" else {}
        for table, option in (("partenaires", "partners"), ("financements", "funding"), ("contrats", "contracts")):
            if options[option]:
                if not options[option].is_file():
                    raise CommandError(f"Fichier introuvable : {options[option]}")
                companions[table] = options[option]
        try:
            tables = read_tables(
                (path.name, path.read_bytes()),
                {table: (companion.name, companion.read_bytes()) for table, companion in companions.items()},
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = import_tables(
            tables,
            publish=options["publish"],
            dry_run=options["dry_run"],
            force=options["force"],
            progress=self.progress,
        )
        for message in [*report.errors, *report.conflicts]:
            self.stderr.write(message)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        end = "\n" if done == total else ""
        self.stderr.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=end)
        self.stderr.flush()
