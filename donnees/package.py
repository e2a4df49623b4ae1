"""The machine-readable catalogue of the open data, built from the column definitions of the dictionary page.

- `data_package()`: a Frictionless Data Package (/donnees/datapackage.json), one Table Schema per CSV file
  (types, enums, required fields, primary and foreign keys), licence etalab-2.0.
- `catalogue_jsonld()`: the same files as a schema.org DataCatalog of Datasets (JSON-LD on /donnees/), with
  each file's row count and modification date, for harvesters (data.gouv.fr, Google Dataset Search).

Row counts read whole tables: they are counted once per state of the public data (`data_fingerprint`) and
kept in the cache under it, so every figure shown is exact and a publication or edit recounts them.
"""

from django.core.cache import cache
from django.urls import reverse

from cms.site_url import absolute
from projets.models import Contract, FundingLine, ProjectPage, ProjectPartner
from projets.restrictions import public_q

from .columns import CONTRACTS, FUNDING, ORGANISATIONS, PARTNERS, PROJECTS, Column
from .exports import LICENCE, LICENCE_ID, LICENCE_URL
from .http import data_fingerprint
from .public import public_organisations

TITLE = "Coopérathèque : études de cas de coopérations entre associations et recherche publique"
DESCRIPTION = (
    "Les études de cas publiées et publiques de Coopérathèque : projets, partenaires, financements, "
    "contrats et organisations. Chaque étude de cas et chaque organisation a un identifiant public stable "
    "(colonne « identifiant »), clé des autres fichiers."
)
# (file, URL name, columns, title) of every CSV file, in the order of the dictionary page.
FILES = [
    ("projets", "donnees:projects_csv", PROJECTS, "Études de cas"),
    ("partenaires", "donnees:partners_csv", PARTNERS, "Partenaires des études de cas"),
    ("financements", "donnees:funding_csv", FUNDING, "Financements des études de cas"),
    ("contrats", "donnees:contracts_csv", CONTRACTS, "Contrats des études de cas"),
    ("organisations", "donnees:organisations_csv", ORGANISATIONS, "Organisations"),
]
UUID = {"type": "string", "format": "uuid"}
# Export-only columns: their type (the others follow their import kind).
EXPORT_TYPES = {
    "identifiant": UUID,
    "projet": UUID,
    "organisation_identifiant": UUID,
    "financeur_identifiant": UUID,
    "parties_identifiants": {"type": "string"},
    "url": {"type": "string", "format": "uri"},
    "document_url": {"type": "string", "format": "uri"},
    "date_publication": {"type": "date"},
}
KIND_TYPES = {
    "text": {"type": "string"},
    "identifier": {"type": "string"},
    "list": {"type": "string"},
    "choice": {"type": "string"},
    "int": {"type": "integer", "constraints": {"minimum": 0}},
    "year": {"type": "integer", "constraints": {"minimum": 1900, "maximum": 2100}},
    "month": {"type": "integer", "constraints": {"minimum": 1, "maximum": 12}},
    "amount": {"type": "number", "constraints": {"minimum": 0}},
    "date": {"type": "date"},
}
# Columns required by the import but empty in the exports when the editor gave none.
OPTIONAL_IN_EXPORTS = {"reference"}
PRIMARY_KEYS = {"projets": "identifiant", "organisations": "identifiant"}
FOREIGN_KEYS = {
    "partenaires": [("projet", "projets"), ("organisation_identifiant", "organisations")],
    "financements": [("projet", "projets"), ("financeur_identifiant", "organisations")],
    "contrats": [("projet", "projets")],
}


def field_schema(column: Column, primary: bool = False) -> dict:
    """The Table Schema field of a column."""
    typed = EXPORT_TYPES.get(column.name) if column.export_only else KIND_TYPES[column.kind]
    field = {"name": column.name, "description": str(column.description), "type": typed["type"]}
    if "format" in typed:
        field["format"] = typed["format"]
    constraints = dict(typed.get("constraints", {}))
    if column.choices is not None:
        constraints["enum"] = [str(value) for value in column.choices.values]
        field["categories"] = [{"value": str(value), "label": str(label)} for value, label in column.choices.choices]
    if column.max_length:
        constraints["maxLength"] = column.max_length
    if primary or (column.required and column.name not in OPTIONAL_IN_EXPORTS):
        constraints["required"] = True
    if primary:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(name: str, columns: list[Column]) -> dict:
    primary = PRIMARY_KEYS.get(name)
    schema = {
        "fields": [field_schema(column, column.name == primary) for column in columns],
        "missingValues": [""],
    }
    if primary:
        schema["primaryKey"] = [primary]
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": target, "fields": [PRIMARY_KEYS[target]]}}
            for field, target in FOREIGN_KEYS[name]
        ]
    return schema


def licence() -> dict:
    return {"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE}


def data_package() -> dict:
    """The Data Package descriptor; resource paths are relative to /donnees/datapackage.json."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "cooperatheque",
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": absolute(reverse("donnees:dictionary")),
        "licenses": [licence()],
        "keywords": ["associations", "recherche publique", "coopération", "économie sociale et solidaire"],
        "resources": [
            {
                "name": name,
                "title": title,
                "path": f"{name}.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence()],
                "schema": table_schema(name, columns),
            }
            for name, _url, columns, title in FILES
        ],
    }


# How long counts of one state of the data are kept (a new state has a new key; this only frees memory).
ROW_COUNTS_SECONDS = 24 * 3600


def row_counts(request=None) -> dict[str, int]:
    """Rows of each CSV file, as counted for the current state of the public data."""
    key = f"donnees:row-counts:{data_fingerprint(request)}"
    counts = cache.get(key)
    if counts is None:
        counts = count_rows()
        cache.set(key, counts, ROW_COUNTS_SECONDS)
    return counts


def count_rows() -> dict[str, int]:
    """Rows of each CSV file, counted by the database (the files themselves are streamed)."""
    visible = public_q("page")
    return {
        "projets": ProjectPage.objects.live().public().count(),
        "partenaires": ProjectPartner.objects.filter(visible).count(),
        "financements": FundingLine.objects.filter(visible).count(),
        "contrats": Contract.objects.filter(visible).count(),
        "organisations": public_organisations().count(),
    }


def catalogue_jsonld(modified=None, request=None) -> dict:
    """schema.org DataCatalog: one Dataset (the case studies) distributed as each file, with rows and date."""
    counts = row_counts(request)
    date = modified.isoformat() if modified else None

    def download(url: str, encoding: str, rows: int | None = None, name: str = "") -> dict:
        data = {"@type": "DataDownload", "contentUrl": absolute(url), "encodingFormat": encoding}
        if name:
            data["name"] = name
        if rows is not None:
            data["size"] = {"@type": "QuantitativeValue", "value": rows, "unitText": "lignes"}
        if date:
            data["dateModified"] = date
        return data

    distribution = [
        download(reverse(url), "text/csv", counts[name], f"{name}.csv") for name, url, _columns, _title in FILES
    ]
    distribution += [
        download(reverse("donnees:projects_json"), "application/json", counts["projets"], "projets.json"),
        download(
            reverse("donnees:projects_xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name="projets.xlsx",
        ),
        download(reverse("donnees:datapackage"), "application/json", name="datapackage.json"),
    ]
    dataset = {
        "@type": "Dataset",
        "name": TITLE,
        "description": DESCRIPTION,
        "url": absolute(reverse("donnees:dictionary")),
        "license": LICENCE_URL,
        "inLanguage": "fr",
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "Coopérathèque", "url": absolute("/")},
        "distribution": distribution,
    }
    if date:
        dataset["dateModified"] = date
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": "Coopérathèque : données ouvertes",
        "url": absolute(reverse("donnees:dictionary")),
        "license": LICENCE_URL,
        "inLanguage": "fr",
        "dataset": [dataset],
    }
