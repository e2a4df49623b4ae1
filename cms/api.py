"""The public JSON API (django-ninja): one instance, each room adds its router.

OpenAPI schema at /api/openapi.json.
"""

import json
import re

from django.conf import settings
from ninja import NinjaAPI

REFERENCE = re.compile(r'"#/components/schemas/([^"]+)"')


def drop_unused_schemas(schema: dict) -> None:
    """Remove component schemas nothing refers to (ninja lists the models of query parameters there too)."""
    schemas = schema.get("components", {}).get("schemas", {})
    outside = {key: value for key, value in schema.items() if key != "components"}
    used, pending = set(), set(REFERENCE.findall(json.dumps(outside)))
    while pending:  # what the paths name, then what those schemas name, and so on
        name = pending.pop()
        if name in used or name not in schemas:
            continue
        used.add(name)
        pending |= set(REFERENCE.findall(json.dumps(schemas[name])))
    for name in set(schemas) - used:
        del schemas[name]


class PublicAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        drop_unused_schemas(schema)
        return schema


api = PublicAPI(
    title="Coopérathèque API",
    version="1.0.0",
    description=(
        "Recherche dans les études de cas de coopérations entre associations et recherche publique. "
        "Les contenus eux-mêmes (études de cas, organisations, thèmes, territoires) sont servis en lecture seule "
        "par l'API de contenu Wagtail v2 sous /api/v2/ (pagination par limit/offset, liens next/previous) ; "
        "les fichiers de données ouvertes et leur description (datapackage.json) sont sur /donnees/."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # Ninja's docs page loads Swagger UI from a CDN: off, no third-party requests.
    docs_url=None,
    servers=[{"url": settings.SITE_URL, "description": "Coopérathèque"}],
    openapi_extra={
        "info": {
            "license": {"name": "Licence Ouverte / Open Licence 2.0 (Etalab)", "identifier": "etalab-2.0"},
        },
        "externalDocs": {
            "description": "Données ouvertes, API de contenu (/api/v2/) et dictionnaire des données",
            "url": settings.SITE_URL + "/donnees/",
        },
    },
)

# Routers are registered here so the schema lists every endpoint (append one line per room).
api.add_router("/", "precedents.api.router")
from search.api import router as search_router  # noqa: E402

api.add_router("", search_router)
