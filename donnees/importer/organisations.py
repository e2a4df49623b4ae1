"""Find or create the organisations an import names: by identifier, then by normalised name, never twice."""

from django.utils.translation import gettext as _

from projets.identifiers import normalise_name
from projets.models import Organisation

from .cells import CellError

IDENTIFIERS = ("rna", "siren", "rnsr", "ror")


class OrganisationResolver:
    def __init__(self):
        self.created = 0
        self.new: list[Organisation] = []
        self._cache: dict[tuple, Organisation] = {}
        self._counted: set[str] = set()

    def forget_new(self) -> None:
        """After a rolled-back chunk: the organisations it created do not exist any more (but stay counted)."""
        gone = {id(organisation) for organisation in self.new}
        self._cache = {key: value for key, value in self._cache.items() if id(value) not in gone}
        self.new = []

    def resolve(self, fields: dict, type_column: str) -> Organisation:
        """fields: model attribute -> value (name, kind, acronym, identifiers, city, website)."""
        keys = [(scheme, fields[scheme]) for scheme in IDENTIFIERS if fields.get(scheme)]
        keys.append(("name", normalise_name(fields["name"])))
        for key in keys:
            if key in self._cache:
                return self._cache[key]
        organisation = self._find(keys)
        if organisation is None:
            organisation = self._create(fields, type_column)
        for key in keys:
            self._cache[key] = organisation
        return organisation

    @staticmethod
    def _find(keys) -> Organisation | None:
        for scheme, value in keys:
            lookup = "normalised_name" if scheme == "name" else scheme
            organisation = Organisation.objects.filter(**{lookup: value}).first()
            if organisation:
                return organisation
        return None

    def _create(self, fields: dict, type_column: str) -> Organisation:
        if not fields.get("kind"):
            identifiers = [f"{scheme.upper()} « {fields[scheme]} »" for scheme in IDENTIFIERS if fields.get(scheme)]
            if identifiers:
                raise CellError(
                    _(
                        "aucune organisation connue avec l'identifiant %(identifiers)s ni le nom « %(name)s » ; "
                        "pour la créer, remplissez la colonne « %(column)s »."
                    )
                    % {"identifiers": ", ".join(identifiers), "name": fields["name"], "column": type_column}
                )
            raise CellError(
                _("colonne « %(column)s » : obligatoire pour une nouvelle organisation (« %(name)s »).")
                % {"column": type_column, "name": fields["name"]}
            )
        organisation = Organisation(**{key: value for key, value in fields.items() if value})
        organisation.save()
        if organisation.normalised_name not in self._counted:
            self._counted.add(organisation.normalised_name)
            self.created += 1
        self.new.append(organisation)
        return organisation
