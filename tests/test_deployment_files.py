"""The production stack cannot start here (no Docker engine): check its shape instead."""

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def test_compose_declares_the_production_stack():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "db", "search", "worker", "opensearch"} <= set(services)
    assert services["opensearch"]["profiles"] == ["opensearch"]
    assert "migrate" in services["web"]["command"] and "collectstatic" in services["web"]["command"]
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"] == "python manage.py db_worker"
    assert services["resync"]["command"].startswith("python manage.py resync_search --every ")
    assert services["search"]["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:8.")
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert (REPO / services["web"].get("build", ".")).joinpath("Dockerfile").exists()


def test_compose_shares_the_rate_limits_and_names_the_trusted_proxies():
    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    environment = services["web"]["environment"]
    assert environment["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-0}"
    assert environment["CACHE_URL"] == "${CACHE_URL:-}"  # empty: the database cache table
    assert services["redis"]["profiles"] == ["redis"]


def test_dockerfile_installs_the_runtime_lock_only():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "requirements-dev" not in dockerfile.replace("(requirements-dev.lock)", "")
    assert "cms.settings.production" in dockerfile


def requirement_lines(name: str) -> list[str]:
    return [
        line.strip() for line in (REPO / name).read_text().splitlines() if line.strip() and not line.startswith("#")
    ]


def pinned_names(lines: list[str]) -> set[str]:
    return {line.split("==")[0].lower().replace("_", "-") for line in lines if "==" in line}


@pytest.mark.parametrize("name", ["requirements.lock", "requirements-dev.lock"])
def test_every_dependency_is_pinned_exactly(name):
    lines = [line for line in requirement_lines(name) if line != "-r requirements.lock"]
    assert lines, f"{name} is empty"
    assert all("==" in line for line in lines), [line for line in lines if "==" not in line]


def test_the_development_lock_adds_tools_on_top_of_the_runtime_lock():
    runtime, development = requirement_lines("requirements.lock"), requirement_lines("requirements-dev.lock")
    assert development[0] == "-r requirements.lock"
    assert not pinned_names(runtime) & pinned_names(development), "pinned in both locks"
    tools = {"pytest", "playwright", "schemathesis", "ruff", "import-linter", "bandit", "coverage", "hypothesis"}
    assert tools <= pinned_names(development)
    assert not tools & pinned_names(runtime), "test tools in the production image"
    assert {"django", "wagtail", "gunicorn", "psycopg"} <= pinned_names(runtime)


def test_make_installs_the_development_lock_and_audits():
    makefile = (REPO / "Makefile").read_text()
    assert "pip install --quiet -r requirements-dev.lock" in makefile
    assert "requirements-dev.lock" in makefile.split("\nlock:")[1].split("\n\n")[0]
    assert "pip-audit" in makefile.split("\naudit:")[1]
