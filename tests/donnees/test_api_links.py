"""The APIs as generic clients read them: next/previous links on v2 listings, a complete OpenAPI document."""

import json
import re

from django.conf import settings


def test_v2_listings_link_their_next_and_previous_pages(client, catalogue):
    first = client.get("/api/v2/projets/?limit=1&fields=summary").json()["meta"]
    assert first["total_count"] == 2 and first["previous"] is None
    assert first["next"] == f"{settings.SITE_URL}/api/v2/projets/?limit=1&fields=summary&offset=1"
    second = client.get(first["next"].removeprefix(settings.SITE_URL)).json()["meta"]
    assert second["next"] is None
    assert second["previous"] == f"{settings.SITE_URL}/api/v2/projets/?limit=1&fields=summary&offset=0"
    whole = client.get("/api/v2/organisations/").json()["meta"]
    assert whole["next"] is None and whole["previous"] is None


def test_v2_case_studies_declare_their_fields(client, catalogue):
    items = client.get("/api/v2/projets/?fields=summary,status,partners").json()["items"]
    assert {"summary", "status", "partners", "identifier"} <= set(items[0])


def test_the_openapi_document_names_its_server_licence_and_uses_every_component(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["servers"] == [{"url": settings.SITE_URL, "description": "Coopérathèque"}]
    assert schema["info"]["license"]["identifier"] == "etalab-2.0"
    assert "/api/v2/" in schema["info"]["description"]
    used = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(schema)))
    assert set(schema["components"]["schemas"]) == used  # none unused, none missing
