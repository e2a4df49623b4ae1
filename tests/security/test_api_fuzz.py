"""Schemathesis against /api/openapi.json, in process (WSGI): generated requests, no 5xx, answers match the schema.

Every operation of the schema gets positive (valid by the schema) and negative (invalid) requests, over
a site holding public, draft and private content; Schemathesis' checks validate status codes, content
types, headers and bodies against the schema. Over 1,000 requests in all, in well under two minutes.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .world import SECRETS, build_world

pytestmark = pytest.mark.django_db
# Generated requests per operation: (schema-valid, schema-violating); the cheaper endpoints get more.
EXAMPLES = {"/api/recherche": (250, 150), "/api/autocomplete": (250, 150), "/api/precedents": (150, 100)}
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
MINIMUM_REQUESTS = 1000
# Schema-valid requests the API may still refuse (400): what a schema cannot say (a page past the
# last one, years in the wrong order, characters not yet assigned by Unicode).
REFUSALS_BEYOND_THE_SCHEMA = (
    "Cette page est trop loin",
    "Cette page n'existe pas",
    "L'année de début",
    "caractères non autorisés",
)


def valid_data_accepted(ctx, response, case):
    """Schemathesis' positive_data_acceptance, less the refusals above (always a French `detail`)."""
    if response.status_code == 400:
        detail = response.json()["detail"]
        if detail.startswith(REFUSALS_BEYOND_THE_SCHEMA) or "caractères non autorisés" in detail:
            return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: a request must not close the connection holding the test transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(project_index, search_backend, keep_test_connection):
    build_world(project_index)
    search_backend.refresh_indexes()
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_every_json_endpoint(api_schema):
    paths = {operation.path for operation in operations(api_schema)}
    assert paths == {"/api/recherche", "/api/autocomplete", "/api/precedents"}


def fuzz(operation, mode: GenerationMode, examples: int) -> int:
    """Send `examples` generated requests to one operation; return how many were sent."""
    sent = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        sent.append(case)
        response = case.call_and_validate(
            # The WSGI client sends Accept-Encoding: gzip but does not decode the answer (real clients do).
            headers={"Accept-Encoding": "identity"},
            excluded_checks=[positive_data_acceptance],
            additional_checks=[valid_data_accepted],
        )
        assert response.status_code < 500
        leaked = [secret for secret in SECRETS if secret in response.text.lower()]
        assert leaked == [], f"{case.formatted_path} {case.query} leaks {leaked}"

    check()
    return len(sent)


def test_generated_requests_get_no_5xx_and_match_the_schema(api_schema):
    sent = {
        f"{operation.path} {mode.value}": fuzz(operation, mode, examples)
        for operation in operations(api_schema)
        for mode, examples in zip(MODES, EXAMPLES[operation.path], strict=True)
    }
    assert sum(sent.values()) >= MINIMUM_REQUESTS, sent
    assert all(count > 0 for count in sent.values()), sent
