"""The columns of the import template and of the open data exports: one definition for both.

Each table (projets, partenaires, financements, contrats) lists its columns with the model
attribute they fill, how a cell is read, and the French description shown in the data dictionary.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from projets import choices

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, int, month, year, amount, date, choice, list, identifier, export
    description: str
    attribute: str = ""
    required: bool = False
    choices: type | None = None
    max_length: int | None = None

    @property
    def export_only(self) -> bool:
        return self.kind == "export"


# Organisation columns of the partner and funding sheets (funding prefixes them with "financeur_").
ORGANISATION_FIELDS = {
    "type_structure": "kind",
    "sigle": "acronym",
    "rna": "rna",
    "siren": "siren",
    "rnsr": "rnsr",
    "ror": "ror",
    "ville": "city",
    "site_web": "website",
}


def _organisation_columns(prefix: str) -> list[Column]:
    key = f"{prefix}_" if prefix else ""
    return [
        Column(
            f"{key}type_structure",
            "choice",
            _("Type de la structure (obligatoire si elle n'existe pas encore)."),
            "kind",
            choices=choices.OrganisationKind,
        ),
        Column(f"{key}sigle", "text", _("Sigle de la structure."), "acronym", max_length=40),
        Column(f"{key}rna", "identifier", _("Numéro RNA (associations : W + 9 chiffres)."), "rna"),
        Column(f"{key}siren", "identifier", _("SIREN (9 chiffres)."), "siren"),
        Column(f"{key}rnsr", "identifier", _("Identifiant RNSR des unités de recherche."), "rnsr"),
        Column(f"{key}ror", "identifier", _("Identifiant ROR (ou son adresse https://ror.org/…)."), "ror"),
        Column(f"{key}ville", "text", _("Ville du siège."), "city", max_length=120),
        Column(f"{key}site_web", "text", _("Site web."), "website", max_length=200),
    ]


PROJECTS = [
    Column(
        "identifiant",
        "export",
        _("Identifiant public et stable de l'étude de cas, donné à sa création : clé des autres fichiers."),
    ),
    Column(
        "reference",
        "text",
        _("Référence choisie par l'éditeur (facultative) : clé des autres feuilles d'un fichier d'import."),
        "reference",
        required=True,
        max_length=64,
    ),
    Column("titre", "text", _("Titre de l'étude de cas."), "title", required=True, max_length=255),
    Column(
        "resume",
        "text",
        _("Résumé en texte simple, 300 caractères au plus."),
        "summary",
        required=True,
        max_length=300,
    ),
    Column("annee_debut", "year", _("Année de début (AAAA)."), "start_year"),
    Column("mois_debut", "month", _("Mois de début (1 à 12)."), "start_month"),
    Column("annee_fin", "year", _("Année de fin (AAAA)."), "end_year"),
    Column("mois_fin", "month", _("Mois de fin (1 à 12)."), "end_month"),
    Column("etat", "choice", _("État du projet."), "status", choices=choices.Status),
    Column("echelle", "choice", _("Échelle du projet."), "scale", choices=choices.Scale),
    Column(
        "forme_cooperation",
        "choice",
        _("Forme de la coopération."),
        "cooperation_format",
        choices=choices.CooperationFormat,
    ),
    Column("themes", "list", _("Identifiants des thèmes, séparés par « | »."), "themes"),
    Column(
        "territoires",
        "list",
        _("Territoires « type:code » séparés par « | » : region:32, departement:59, perimetre:EU."),
        "territories",
    ),
    Column("mots_cles", "list", _("Mots-clés libres, séparés par « | »."), "tags"),
    Column("url", "export", _("Adresse de la page (export seulement, ignorée à l'import).")),
    Column("date_publication", "export", _("Date de première publication (export seulement).")),
]

PARTNERS = [
    Column("projet", "export", _("Identifiant public de l'étude de cas (colonne identifiant de projets.csv).")),
    Column("reference", "text", _("Référence du projet."), required=True),
    Column("organisation", "text", _("Nom de la structure partenaire."), "name", required=True, max_length=255),
    Column(
        "organisation_identifiant",
        "export",
        _("Identifiant public de la structure (colonne identifiant de organisations.csv)."),
    ),
    *_organisation_columns(""),
    Column("role", "choice", _("Rôle dans le projet."), "role", required=True, choices=choices.PartnerRole),
    Column("apport", "choice", _("Apport principal."), "contribution", choices=choices.Contribution),
    Column("precisions_apport", "text", _("Précisions sur l'apport."), "contribution_details", max_length=255),
]

FUNDING = [
    Column("projet", "export", _("Identifiant public de l'étude de cas (colonne identifiant de projets.csv).")),
    Column("reference", "text", _("Référence du projet."), required=True),
    Column("financeur", "text", _("Nom du financeur (facultatif)."), "name", max_length=255),
    Column(
        "financeur_identifiant",
        "export",
        _("Identifiant public du financeur (colonne identifiant de organisations.csv) ; vide sans financeur."),
    ),
    *_organisation_columns("financeur"),
    Column("programme", "text", _("Programme ou appel."), "programme", max_length=255),
    Column("type", "choice", _("Type de financement."), "kind", required=True, choices=choices.FundingKind),
    Column("montant", "amount", _("Montant en euros (ex. 15000 ou 15 000,50) ; vide si inconnu."), "amount"),
    Column("annee_debut", "year", _("Première année."), "year_from"),
    Column("annee_fin", "year", _("Dernière année."), "year_to"),
]

CONTRACTS = [
    Column("projet", "export", _("Identifiant public de l'étude de cas (colonne identifiant de projets.csv).")),
    Column("reference", "text", _("Référence du projet."), required=True),
    Column("type", "choice", _("Type de contrat."), "kind", required=True, choices=choices.ContractKind),
    Column("intitule", "text", _("Intitulé."), "title", max_length=255),
    Column("parties", "list", _("Signataires (noms ou sigles des partenaires), séparés par « | »."), "parties"),
    Column(
        "parties_identifiants",
        "export",
        _("Identifiants publics des signataires (colonne identifiant de organisations.csv), séparés par « | »."),
    ),
    Column("date_signature", "date", _("Date de signature (AAAA-MM-JJ ou JJ/MM/AAAA)."), "signed_on"),
    Column("duree_mois", "int", _("Durée en mois."), "duration_months"),
    Column(
        "propriete_intellectuelle",
        "choice",
        _("Clause de propriété intellectuelle."),
        "intellectual_property",
        choices=choices.IntellectualProperty,
    ),
    Column("publication", "choice", _("Clause de publication."), "publication", choices=choices.Publication),
    Column("delai_relecture_jours", "int", _("Délai de relecture en jours."), "publication_review_days"),
    Column("donnees", "choice", _("Clause sur les données."), "data", choices=choices.DataClause),
    Column(
        "compensation", "choice", _("Compensation de l'association."), "compensation", choices=choices.Compensation
    ),
    Column("gouvernance", "choice", _("Gouvernance."), "governance", choices=choices.Governance),
    Column("ce_qui_a_marche", "text", _("Ce qui a marché."), "what_worked"),
    Column("ce_que_nous_changerions", "text", _("Ce que nous changerions."), "what_to_change"),
    Column(
        "document_url",
        "export",
        _("Modèle de document public (export seulement ; jamais les documents réservés aux membres)."),
    ),
]

ORGANISATIONS = [
    Column("identifiant", "export", _("Identifiant public et stable de la structure, donné à sa création.")),
    Column("nom", "text", _("Nom."), "name"),
    Column("sigle", "text", _("Sigle."), "acronym"),
    Column("type_structure", "choice", _("Type de structure."), "kind", choices=choices.OrganisationKind),
    Column("rna", "identifier", _("Numéro RNA."), "rna"),
    Column("siren", "identifier", _("SIREN."), "siren"),
    Column("rnsr", "identifier", _("RNSR."), "rnsr"),
    Column("ror", "identifier", _("ROR."), "ror"),
    Column("ville", "text", _("Ville."), "city"),
    Column("pays", "text", _("Pays (code ISO)."), "country"),
    Column("site_web", "text", _("Site web."), "website"),
    Column("territoire", "text", _("Territoire du siège (type:code)."), "territory"),
]

# Sheet or file name -> columns, in the order of the workbook.
TABLES = {"projets": PROJECTS, "partenaires": PARTNERS, "financements": FUNDING, "contrats": CONTRACTS}
COMPANIONS = ("partenaires", "financements", "contrats")


def names(columns: list[Column]) -> list[str]:
    return [column.name for column in columns]
