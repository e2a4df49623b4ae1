#!/usr/bin/env bash
# Back up the database and the media files into var/backups/<timestamp>/ (or BACKUP_DIR).
#
#   DATABASE_URL=postgres://user:pass@host:5432/db MEDIA_ROOT=/srv/media scripts/backup.sh
#
# PostgreSQL: pg_dump in custom format (db.dump, restorable with pg_restore into an empty database).
# SQLite: a consistent copy made with SQLite's online backup API (db.sqlite3).
# Media: media.tar.gz of MEDIA_ROOT. A manifest.txt says what was saved. Prints the backup folder.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON=python3

DATABASE_URL="${DATABASE_URL:-sqlite:///$REPO/var/db.sqlite3}"
MEDIA_ROOT="${MEDIA_ROOT:-$REPO/var/media}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
BACKUP_DIR="${BACKUP_DIR:-$REPO/var/backups/$STAMP}"

die() { printf 'backup: ERROR: %s\n' "$*" >&2; exit 1; }

[[ -e "$BACKUP_DIR" && -n "$(ls -A "$BACKUP_DIR" 2>/dev/null)" ]] && die "$BACKUP_DIR exists and is not empty"
mkdir -p "$BACKUP_DIR"

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    command -v pg_dump >/dev/null || die "pg_dump not found (install postgresql-client)"
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$BACKUP_DIR/db.dump"
    engine=postgresql
    ;;
  sqlite://*)
    db_path="${DATABASE_URL#sqlite://}"
    db_path="${db_path#/}"
    [[ -f "$db_path" ]] || die "SQLite database $db_path not found"
    "$PYTHON" - "$db_path" "$BACKUP_DIR/db.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
    engine=sqlite
    ;;
  *) die "DATABASE_URL: unsupported scheme (postgres:// or sqlite://)" ;;
esac

if [[ -d "$MEDIA_ROOT" ]]; then
  tar -czf "$BACKUP_DIR/media.tar.gz" -C "$MEDIA_ROOT" .
else
  tar -czf "$BACKUP_DIR/media.tar.gz" -T /dev/null
fi

{
  echo "created: $STAMP"
  echo "engine: $engine"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "media_files: $(tar -tzf "$BACKUP_DIR/media.tar.gz" | grep -vc '/$' || true)"
} >"$BACKUP_DIR/manifest.txt"
echo "$BACKUP_DIR"
