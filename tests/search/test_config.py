"""SEARCH_URL, DATABASE_URL and friends: good values map to backends, bad ones stop start-up clearly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.settings.environment import env_database
from search.config import ConfigurationError, search_backends_from_url
from tests.conftest import only_on_postgresql, only_on_sqlite

REPO = Path(__file__).resolve().parents[2]


def test_empty_search_url_selects_the_french_database_backend():
    config = search_backends_from_url("", "coop_")
    assert list(config) == ["default"]
    assert config["default"]["BACKEND"] == "search.backends.database"
    assert config["default"]["SEARCH_CONFIG"] == "coop_french"
    assert config["default"]["AUTOCOMPLETE_CONFIG"] == "coop_simple"


def test_engine_settings_carry_the_french_analysis_and_a_database_fallback():
    config = search_backends_from_url("opensearch://127.0.0.1:9200", "coop_test_")
    analysis = config["default"]["INDEX_SETTINGS"]["settings"]["analysis"]
    default = analysis["analyzer"]["default"]["filter"]
    assert default == ["french_elision", "lowercase", "asciifolding", "french_stop", "french_snowball"]
    # Autocomplete searches with "standard": redefined so that it folds accents too.
    assert "asciifolding" in analysis["analyzer"]["standard"]["filter"]
    assert "asciifolding" in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    assert "l" in analysis["filter"]["french_elision"]["articles"]
    assert config["database"]["BACKEND"] == "search.backends.database"


def test_opensearch_url_selects_opensearch_with_short_timeout_and_prefix():
    config = search_backends_from_url("opensearch://127.0.0.1:9200", "coop_test_")["default"]
    assert config["BACKEND"] == "search.backends.opensearch"
    assert config["URLS"] == ["http://127.0.0.1:9200"]
    assert config["INDEX_PREFIX"] == "coop_test_"
    assert config["TIMEOUT"] <= 5
    assert config["INDEX_SETTINGS"]["settings"]["index"]["number_of_replicas"] == 0


def test_elasticsearch_url_with_credentials_and_tls():
    config = search_backends_from_url("elasticsearchs://elastic:s%40cret@es.example:9243", "coop_")["default"]
    assert config["BACKEND"] == "search.backends.elasticsearch"
    assert config["URLS"] == ["https://elastic:s@cret@es.example:9243"]


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("solr://localhost:8983", "unsupported scheme 'solr'"),
        ("localhost:9200", "unsupported scheme"),
        ("opensearch://", "missing host"),
        ("opensearch://localhost:notaport", "invalid port"),
        ("opensearch://localhost:9200/index", "unexpected path"),
    ],
)
def test_bad_search_urls_are_refused_naming_the_variable(url, fragment):
    with pytest.raises(ConfigurationError) as error:
        search_backends_from_url(url, "coop_")
    assert str(error.value).startswith("SEARCH_URL: ")
    assert fragment in str(error.value)


def test_bad_index_prefix_is_refused():
    with pytest.raises(ConfigurationError, match="^INDEX_PREFIX: "):
        search_backends_from_url("opensearch://localhost:9200", "Bad Prefix!")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://u:p@h/db", "unsupported database"),
        ("nonsense", "cannot parse"),
        ("postgres://u:p@h:5432", "no database"),
    ],
)
def test_bad_database_urls_are_refused(monkeypatch, url, fragment):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigurationError, match=f"^DATABASE_URL: .*{fragment}"):
        env_database()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SEARCH_URL", "solr://localhost:8983"), ("DATABASE_URL", "mysql://u:p@h/db"), ("INDEX_PREFIX", "UPPER")],
)
def test_start_up_stops_with_one_line_naming_the_variable(variable, value):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", variable: value}
    if variable == "INDEX_PREFIX":
        environment["SEARCH_URL"] = "opensearch://127.0.0.1:1"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {variable}: ")


def test_production_refuses_the_development_secret():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "dev-only-insecure-key-never-in-production",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: SECRET_KEY: ")


def test_postgresql_connections_run_without_jit(monkeypatch):
    """JIT compilation cost 400 ms on an 8 ms query at 100,000 case studies: off unless PG_JIT=on."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db?options=-c%20statement_timeout%3D5000")
    assert env_database()["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"
    monkeypatch.setenv("PG_JIT", "on")
    assert env_database()["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=on"


def test_postgresql_connections_prepare_repeated_statements_unless_turned_off(monkeypatch):
    """A case-study page's ~16 queries were planned anew each time: psycopg prepares those seen 5 times."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db")
    options = env_database()["OPTIONS"]
    assert (options["server_side_binding"], options["prepare_threshold"]) == (True, 5)
    monkeypatch.setenv("PG_PREPARED_STATEMENTS", "off")  # for a pooler in transaction mode
    assert "server_side_binding" not in env_database()["OPTIONS"]
    monkeypatch.setenv("PG_PREPARED_STATEMENTS", "sometimes")
    with pytest.raises(ConfigurationError, match="PG_PREPARED_STATEMENTS: 'sometimes' is neither on nor off"):
        env_database()
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite3")  # nothing of the kind on SQLite
    assert "server_side_binding" not in env_database().get("OPTIONS", {})


@only_on_postgresql
@pytest.mark.django_db
def test_the_test_database_connection_prepares_a_query_run_again():
    from django.db import connection

    from projets.models import Theme

    for _ in range(6):
        list(Theme.objects.filter(slug="prepare-me"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("prepare-me" not in sql and '"projets_theme"."slug" = $1' in sql for sql in prepared), prepared


@only_on_sqlite
def test_the_sqlite_connection_has_no_postgresql_start_up_options():
    from django.db import connection

    assert "options" not in connection.settings_dict.get("OPTIONS", {})


@only_on_postgresql
@pytest.mark.django_db
def test_the_test_database_connection_has_jit_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize("inherited_prefix", ["coop_test_", "coop_test_gw3_"])
def test_each_test_worker_has_its_own_index_prefix_and_media_once(inherited_prefix):
    """A pytest-xdist worker's prefix ends with its id, once: a `manage.py` that a test starts inherits the
    environment the worker already suffixed."""
    script = "from django.conf import settings; print(settings.INDEX_PREFIX, settings.MEDIA_ROOT.name)"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PYTEST_XDIST_WORKER": "gw3",
        "INDEX_PREFIX": inherited_prefix,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["coop_test_gw3_", "test-media-gw3"], result.stderr


def test_the_search_service_keeps_one_backend_per_configuration(settings):
    """search.shared_backends: the same backend (and engine client) from search to search, a new one as
    soon as WAGTAILSEARCH_BACKENDS changes."""
    from search.shared_backends import shared_backend

    first = shared_backend()
    assert shared_backend() is first
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False},
    }
    renewed = shared_backend()
    assert renewed is not first
    assert shared_backend() is renewed
