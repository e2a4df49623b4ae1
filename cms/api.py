"""The public JSON API (django-ninja): one instance, each room adds its router.

OpenAPI schema at /api/openapi.json.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Coopérathèque API",
    version="1.0.0",
    description="Recherche dans les études de cas de coopérations entre associations et recherche publique.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    # Ninja's docs page loads Swagger UI from a CDN: off, no third-party requests.
    docs_url=None,
)

# Routers are registered here so the schema lists every endpoint (append one line per room).
api.add_router("/", "precedents.api.router")
from search.api import router as search_router  # noqa: E402

api.add_router("", search_router)
