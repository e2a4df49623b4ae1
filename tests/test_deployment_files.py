"""The production stack cannot start here (no Docker engine): check its shape instead."""

from pathlib import Path

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


def test_dockerfile_installs_the_locked_dependencies():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile
    assert "cms.settings.production" in dockerfile


def test_every_dependency_is_pinned_exactly():
    lines = [
        line.strip()
        for line in (REPO / "requirements.lock").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines, "requirements.lock is empty"
    assert all("==" in line for line in lines), [line for line in lines if "==" not in line]
