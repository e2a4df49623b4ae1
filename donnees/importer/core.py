"""Import case studies from tables of rows: validate everything, then write in short transactions.

The rows are validated against the database in chunks, each chunk in its own transaction rolled back;
any error (or conflict) then writes nothing, and a dry run stops there. Otherwise the same chunks are
written, each in its own committed transaction: no transaction outlives a chunk, so the site's own
writers (the proposal form) never wait long behind an import. Should a chunk still fail while writing
(something changed since the validation), it is rolled back whole, the import stops and the report
names what the earlier chunks wrote.

Re-importing the same file changes nothing: a case study whose content is unchanged (by reference) is
skipped. A case study edited in the admin since the last import is a conflict: reported per row, and
like an error it writes nothing, unless `force` replaces the editors' version.
"""

import time
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.search import index as search_index

from donnees.columns import CONTRACTS, ORGANISATION_FIELDS, PROJECTS, TABLES, Column
from projets.choices import Status
from projets.identifiers import normalise_name
from projets.models import (
    Contract,
    FundingLine,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    Territory,
    Theme,
)

from .cells import CellError, read_cell
from .history import IMPORT_ACTION, admin_edit_of_latest, describe_edit, last_imported_revision
from .organisations import OrganisationResolver
from .readers import Row, Tables

SQLITE_PAUSE = 0.15  # seconds between two chunks


@dataclass
class ImportReport:
    dry_run: bool = False
    errors: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    force: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    published: int = 0
    organisations_created: int = 0
    stopped: bool = False  # a chunk failed while writing: the earlier chunks stay written

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts

    @property
    def written(self) -> list[str]:
        return [*self.created, *self.updated]

    def summary(self) -> str:
        if self.stopped:
            return _(
                "%(count)s erreur(s) pendant l'écriture : import arrêté. Enregistrées avant l'arrêt (lots "
                "complets) : %(written)s étude(s) de cas (%(refs)s) ; les suivantes ne l'ont pas été."
            ) % {
                "count": len(self.errors) + len(self.conflicts),
                "written": len(self.written),
                "refs": ", ".join(self.written) or "-",
            }
        if self.errors:
            return _("%(count)s erreur(s) : rien n'a été enregistré.") % {"count": len(self.errors)}
        if self.conflicts:
            return _(
                "%(count)s conflit(s) : des études de cas ont été modifiées dans l'administration depuis le "
                "dernier import ; rien n'a été enregistré. Pour remplacer ces modifications, relancez l'import "
                "avec --force (ou la case « Remplacer les modifications » de la page d'import)."
            ) % {"count": len(self.conflicts)}
        text = _(
            "%(created)s étude(s) de cas créée(s), %(updated)s mise(s) à jour, %(unchanged)s inchangée(s), "
            "%(organisations)s organisation(s) créée(s), %(published)s publiée(s)."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "organisations": self.organisations_created,
            "published": self.published,
        }
        if self.replaced:
            text += " " + _("Modifications faites dans l'administration remplacées : %(refs)s.") % {
                "refs": ", ".join(self.replaced)
            }
        if self.dry_run:
            text += " " + _("Simulation : rien n'a été enregistré.")
        return text


class _Errors(list):
    def at(self, row: Row, column: str | None, message: str) -> None:
        self.append(f"{row.locate(column)} : {message}")


def _read_row(row: Row, columns: list[Column], errors: _Errors) -> dict | None:
    """Typed values keyed by column name, or None if a cell is wrong (errors recorded)."""
    values, ok = {}, True
    for column in columns:
        if column.export_only:
            continue
        try:
            values[column.name] = read_cell(column, row.values.get(column.name, ""))
        except CellError as error:
            errors.at(row, column.name, str(error))
            ok = False
    return values if ok else None


@dataclass
class _Project:
    row: Row
    values: dict
    partners: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    contracts: list = field(default_factory=list)


def _signature(page) -> tuple:
    """Everything an import sets, to tell an unchanged case study from a changed one."""

    def amount(value):
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))

    fields = tuple(getattr(page, column.attribute) for column in PROJECTS if column.kind not in ("export", "list"))
    return (
        fields,
        sorted(theme.pk for theme in page.themes.all()),
        sorted(territory.pk for territory in page.territories.all()),
        sorted(tag.name for tag in page.tags.all()),
        [(p.organisation_id, p.role, p.contribution, p.contribution_details) for p in page.partners.all()],
        [
            (f.funder_id, f.programme, f.kind, amount(f.amount), f.year_from, f.year_to)
            for f in page.funding_lines.all()
        ],
        [
            (
                *(getattr(c, column.attribute) for column in CONTRACTS if column.attribute and column.kind != "list"),
                sorted(party.pk for party in c.parties.all()),
            )
            for c in page.contracts.all()
        ],
    )


class ProjectImporter:
    def __init__(
        self, tables: Tables, *, publish=False, dry_run=False, force=False, user=None, progress=None, on_chunk=None
    ):
        self.tables = tables
        self.publish = publish
        self.force = force
        self.user = user
        self.progress = progress or (lambda done, total: None)
        # Called after each chunk's transaction: (written, rows done in this pass, rows, report so far).
        self.on_chunk = on_chunk or (lambda written, done, total, report: None)
        self.report = ImportReport(dry_run=dry_run, force=force)
        self.errors = _Errors(tables.errors)
        self.organisations = OrganisationResolver()
        self.new_pages: list[ProjectPage] = []
        self.touched_pages: list[int] = []
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.territories = {f"{t.kind}:{t.code}".lower(): t for t in Territory.objects.all()}

    # -- Validation ---------------------------------------------------------------------------

    def _projects(self) -> dict[str, _Project]:
        projects: dict[str, _Project] = {}
        first_seen: dict[str, Row] = {}
        for row in self.tables.rows["projets"]:
            values = _read_row(row, PROJECTS, self.errors)
            if values is None:
                continue
            reference = values["reference"]
            if reference in first_seen:
                self.errors.at(
                    row,
                    "reference",
                    _("la référence « %(ref)s » figure déjà (%(where)s).")
                    % {"ref": reference, "where": first_seen[reference].where},
                )
                continue
            first_seen[reference] = row
            self._check_period(row, values)
            projects[reference] = _Project(row, values)
        return projects

    def _check_period(self, row: Row, values: dict) -> None:
        for month, year in (("mois_debut", "annee_debut"), ("mois_fin", "annee_fin")):
            if values[month] and not values[year]:
                self.errors.at(row, month, _("indiquez l'année avec le mois."))
        if values["annee_debut"] and values["annee_fin"]:
            start = (values["annee_debut"], values["mois_debut"] or 1)
            end = (values["annee_fin"], values["mois_fin"] or 12)
            if end < start:
                self.errors.at(row, "annee_fin", _("la fin du projet ne peut pas précéder son début."))

    def _attach_companions(self, projects: dict[str, _Project]) -> None:
        for table, attribute in (("partenaires", "partners"), ("financements", "funding"), ("contrats", "contracts")):
            for row in self.tables.rows[table]:
                values = _read_row(row, TABLES[table], self.errors)
                if values is None:
                    continue
                project = projects.get(values["reference"])
                if project is None:
                    if values["reference"] in {r.values.get("reference") for r in self.tables.rows["projets"]}:
                        continue  # the project row has its own errors
                    self.errors.at(
                        row,
                        "reference",
                        _("aucun projet de référence « %(ref)s » dans le fichier.") % {"ref": values["reference"]},
                    )
                    continue
                getattr(project, attribute).append((row, values))

    def _lookup(self, row: Row, column: str, tokens: list[str], mapping: dict, message: str) -> list:
        found = []
        for token in tokens:
            item = mapping.get(token.lower())
            if item is None:
                self.errors.at(row, column, message % {"value": token})
            else:
                found.append(item)
        return found

    # -- Building pages (in memory) -------------------------------------------------------------

    def _organisation(self, row: Row, values: dict, name_column: str, prefix: str):
        key = f"{prefix}_" if prefix else ""
        fields = {"name": values[name_column]}
        fields.update({attribute: values[f"{key}{name}"] for name, attribute in ORGANISATION_FIELDS.items()})
        try:
            return self.organisations.resolve(fields, f"{key}type_structure")
        except CellError as error:
            self.errors.at(row, None, str(error))
            return None

    def _apply(self, page: ProjectPage, project: _Project) -> None:
        values, row = project.values, project.row
        for column in PROJECTS:
            if column.kind not in ("export", "list"):
                setattr(page, column.attribute, values[column.name])
        page.status = page.status or Status.ONGOING
        page.themes.set(
            self._lookup(row, "themes", values["themes"], self.themes, _("« %(value)s » n'est pas un thème connu."))
        )
        page.territories.set(
            self._lookup(
                row,
                "territoires",
                values["territoires"],
                self.territories,
                _("« %(value)s » n'est pas un territoire connu (type:code, ex. region:32, departement:59)."),
            )
        )
        page.tags.set(values["mots_cles"])
        page.partners = self._partners(project)
        page.funding_lines = self._funding(project)
        page.contracts = self._contracts(project, page.partners.all())

    def _partners(self, project: _Project) -> list:
        partners = []
        for row, values in project.partners:
            organisation = self._organisation(row, values, "organisation", "")
            if organisation:
                partners.append(
                    ProjectPartner(
                        organisation=organisation,
                        role=values["role"],
                        contribution=values["apport"],
                        contribution_details=values["precisions_apport"],
                    )
                )
        return partners

    def _funding(self, project: _Project) -> list:
        lines = []
        for row, values in project.funding:
            funder = self._organisation(row, values, "financeur", "financeur") if values["financeur"] else None
            lines.append(
                FundingLine(
                    funder=funder,
                    programme=values["programme"],
                    kind=values["type"],
                    amount=values["montant"],
                    year_from=values["annee_debut"],
                    year_to=values["annee_fin"],
                )
            )
        return lines

    def _contracts(self, project: _Project, partners) -> list:
        by_name = {}
        for partner in partners:
            by_name[normalise_name(partner.organisation.name)] = partner.organisation
            if partner.organisation.acronym:
                by_name.setdefault(normalise_name(partner.organisation.acronym), partner.organisation)
        contracts = []
        for row, values in project.contracts:
            contract = Contract(
                **{c.attribute: values[c.name] for c in CONTRACTS if c.attribute and c.kind not in ("list", "export")}
            )
            parties = []
            for name in values["parties"]:
                organisation = by_name.get(normalise_name(name))
                if organisation is None:
                    self.errors.at(
                        row,
                        "parties",
                        _("« %(name)s » ne figure pas parmi les partenaires du projet.") % {"name": name},
                    )
                else:
                    parties.append(organisation)
            contract.parties.set(parties)
            contracts.append(contract)
        return contracts

    # -- Writing ----------------------------------------------------------------------------

    def _unique_slug(self, index: ProjectIndexPage, title: str, reference: str) -> str:
        base = (slugify(title) or slugify(reference) or "etude-de-cas")[:200]
        taken = set(index.get_children().values_list("slug", flat=True))
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    def _save(self, index: ProjectIndexPage, reference: str, project: _Project) -> None:
        existing = ProjectPage.objects.filter(reference=reference).first()
        if existing is None:
            page = ProjectPage()
            self._apply(page, project)
            if self.errors:
                return
            page.slug = self._unique_slug(index, page.title, reference)
            page.live = False
            index.add_child(instance=page)
            self.new_pages.append(page)
            revision = page.save_revision(user=self.user, log_action=IMPORT_ACTION)
            self.report.created.append(reference)
        else:
            page = existing.get_latest_revision_as_object()
            self.touched_pages.append(existing.pk)
            before = _signature(page)
            self._apply(page, project)
            if self.errors:
                return
            if _signature(page) == before:
                revision = None
                self.report.unchanged.append(reference)
            elif self._edited_in_admin(existing, before, project, reference):
                return
            else:
                revision = page.save_revision(user=self.user, log_action=IMPORT_ACTION)
                self.report.updated.append(reference)
            if self.publish and revision is None and (not existing.live or existing.has_unpublished_changes):
                revision = existing.latest_revision
        if self.publish and revision is not None:
            revision.publish(user=self.user)
            self.report.published += 1

    def _edited_in_admin(self, existing: ProjectPage, latest: tuple, project: _Project, reference: str) -> bool:
        """Record a conflict when an editor's version (not the import's) would be replaced without `force`."""
        edit = admin_edit_of_latest(existing)
        if edit is None:
            return False
        imported = last_imported_revision(existing)
        if imported is not None and _signature(imported.as_object()) == latest:
            return False  # saved again in the admin, unchanged since the import
        if self.force:
            self.report.replaced.append(reference)
            return False
        self.report.conflicts.append(
            _("%(where)s : « %(ref)s » %(edit)s, après le dernier import ; elle n'est pas remplacée.")
            % {"where": project.row.where, "ref": reference, "edit": describe_edit(edit)}
        )
        return True

    def _restore_search_index(self) -> None:
        """The engine indexed inside the rolled-back transaction: forget new objects, re-read the others."""
        for obj in [*self.new_pages, *self.organisations.new]:
            search_index.remove_object(obj)
        for page in ProjectPage.objects.filter(pk__in=self.touched_pages):
            search_index.insert_or_update_object(page)

    def _chunk(self, index: ProjectIndexPage, items: list, *, commit: bool) -> bool:
        """Save one chunk of projects in one transaction; True if it was committed."""
        self.new_pages, self.touched_pages = [], []
        lists = (self.report.created, self.report.updated, self.report.unchanged, self.report.replaced)
        before = [len(entries) for entries in lists], self.report.published, self.organisations.created
        try:
            with transaction.atomic():
                for reference, project in items:
                    self._save(index, reference, project)
                    self._done += 1
                    self.progress(self._done, self._total)
                committed = commit and not (self.errors or self.report.conflicts)
                transaction.set_rollback(not committed)
        except DatabaseError as error:
            self.errors.append(_("Erreur de la base de données, lot annulé : %(error)s") % {"error": error})
            committed = False
        if not committed:
            self._restore_search_index()
            self.organisations.forget_new()
            if commit:  # the report names only what was written
                for entries, length in zip(lists, before[0], strict=True):
                    del entries[length:]
                self.report.published, self.organisations.created = before[1], before[2]
        return committed

    def _pass(self, index: ProjectIndexPage, projects: dict, *, commit: bool) -> None:
        size = max(getattr(settings, "IMPORT_CHUNK_SIZE", 20), 1)
        items, done = iter(projects.items()), 0
        while chunk := list(islice(items, size)):
            if not self._chunk(index, chunk, commit=commit) and commit:
                self.report.stopped = True
                return
            done += len(chunk)
            self.on_chunk(commit, done, len(projects), self.report)
            if connection.vendor == "sqlite":
                # SQLite's lock is not a queue: a writer waiting in its busy handler polls (every 100 ms at
                # most) and would never find the lock free between two chunks. Leave it that long.
                time.sleep(SQLITE_PAUSE)

    def run(self) -> ImportReport:
        index = ProjectIndexPage.objects.first()
        if index is None:
            self.errors.append(_("Aucun catalogue des projets : créez la page « Projets » avant d'importer."))
        projects = self._projects()
        self._attach_companions(projects)
        self._done, self._total = 0, len(projects) * (1 if self.report.dry_run else 2)
        if not self.errors:
            self._pass(index, projects, commit=False)
            self.report.organisations_created = self.organisations.created
        if not (self.errors or self.report.conflicts or self.report.dry_run):
            self.report = ImportReport(force=self.force)
            self.organisations = OrganisationResolver()
            self._pass(index, projects, commit=True)
            self.report.organisations_created = self.organisations.created
        self.report.errors = list(self.errors)
        if (self.report.errors or self.report.conflicts) and not self.report.stopped:
            self.report.created, self.report.updated, self.report.unchanged = [], [], []
            self.report.replaced = []
            self.report.published = self.report.organisations_created = 0
        return self.report


def import_tables(tables: Tables, **options) -> ImportReport:
    return ProjectImporter(tables, **options).run()
