"""`make backup` / `make restore`: back up real content, restore it into a fresh empty database, find it again.

PostgreSQL run: pg_dump of the test database, restore into a database created with psql.
SQLite run: the test database (in memory) is first written to a file, then the SQLite path is used.
"""

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents.models import Document
from wagtail.models import Page

from cms.demo import build_site_tree
from projets.models import Organisation
from tests.factories import OrganisationFactory
from tests.wagtail_roots import ensure_wagtail_roots

from .conftest import PDF

REPO = Path(__file__).resolve().parents[2]
# Transactional: pg_dump must see committed rows. The flush of earlier transactional tests removed what
# Wagtail's migrations made, so the content fixture recreates it.
pytestmark = pytest.mark.django_db(transaction=True)

READ_BACK = """
import json
from wagtail.documents.models import Document
from wagtail.models import Page
from projets.models import Organisation
print(json.dumps({
    "pages": sorted(Page.objects.filter(depth__gt=1).values_list("title", flat=True)),
    "organisations": sorted(Organisation.objects.values_list("name", flat=True)),
    "documents": sorted(Document.objects.values_list("title", "file")),
}))
"""


def postgres_url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"


def run(command: list[str], **environment) -> str:
    env = {**os.environ, "SEARCH_URL": "", **environment}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def source_url(tmp_path):
    """A URL to the test database that another process can read."""
    if connection.vendor == "postgresql":
        return postgres_url(connection.settings_dict["NAME"])
    path = tmp_path / "source.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_target(tmp_path):
    """A fresh, empty database to restore into."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"coop_restore_{uuid.uuid4().hex[:8]}"
    admin_url = postgres_url("postgres")
    run(["psql", admin_url, "-XAtc", f'CREATE DATABASE "{name}"'])
    yield postgres_url(name)
    run(["psql", admin_url, "-XAtc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])


@pytest.fixture
def content(media_root):
    ensure_wagtail_roots()
    build_site_tree()
    OrganisationFactory(name="Le Mouvement associatif Hauts-de-France")
    OrganisationFactory(name="Observatoire régional de la vie associative")
    Document.objects.create(title="Convention", file=ContentFile(PDF, name="convention.pdf"))
    return json.loads(
        json.dumps(
            {
                "pages": sorted(Page.objects.filter(depth__gt=1).values_list("title", flat=True)),
                "organisations": sorted(Organisation.objects.values_list("name", flat=True)),
                "documents": sorted(Document.objects.values_list("title", "file")),
            }
        )
    )


def test_backup_then_restore_into_an_empty_database(content, source_url, empty_target, media_root, tmp_path):
    assert "Coopérathèque" in content["pages"] and "À propos" in content["pages"]
    backup_dir = tmp_path / "backup"
    printed = run(
        ["bash", "scripts/backup.sh"], DATABASE_URL=source_url, MEDIA_ROOT=str(media_root), BACKUP_DIR=str(backup_dir)
    )
    assert printed.strip() == str(backup_dir)
    dump = "db.dump" if connection.vendor == "postgresql" else "db.sqlite3"
    assert {p.name for p in backup_dir.iterdir()} == {dump, "media.tar.gz", "manifest.txt"}
    assert "media_files: 1" in (backup_dir / "manifest.txt").read_text()

    restored_media = tmp_path / "restored-media"
    run(["bash", "scripts/restore.sh", str(backup_dir)], DATABASE_URL=empty_target, MEDIA_ROOT=str(restored_media))

    found = json.loads(
        run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", READ_BACK],
            DATABASE_URL=empty_target,
            DJANGO_SETTINGS_MODULE="cms.settings.test",
        )
    )
    assert found == content
    ((_title, file_name),) = found["documents"]
    assert (restored_media / file_name).read_bytes() == PDF


def test_restore_refuses_a_database_that_is_not_empty(content, source_url, media_root, tmp_path):
    backup_dir = tmp_path / "backup"
    run(["bash", "scripts/backup.sh"], DATABASE_URL=source_url, MEDIA_ROOT=str(media_root), BACKUP_DIR=str(backup_dir))
    result = subprocess.run(
        ["bash", "scripts/restore.sh", str(backup_dir)],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "other-media")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("restore: ERROR: ")
    assert Organisation.objects.count() == 2
