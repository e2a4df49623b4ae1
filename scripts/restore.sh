#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder.
#
#   DATABASE_URL=postgres://user:pass@host:5432/new_db MEDIA_ROOT=/srv/media scripts/restore.sh var/backups/<timestamp>
#
# The target database must exist and hold no table (createdb it first); a SQLite target file must
# not exist yet. Refuses otherwise, so a restore never mixes two sites.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

BACKUP_DIR="${1:-${BACKUP:-}}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$REPO/var/db.sqlite3}"
MEDIA_ROOT="${MEDIA_ROOT:-$REPO/var/media}"

die() { printf 'restore: ERROR: %s\n' "$*" >&2; exit 1; }

[[ -n "$BACKUP_DIR" ]] || die "usage: scripts/restore.sh <backup folder> (or make restore BACKUP=<folder>)"
[[ -f "$BACKUP_DIR/media.tar.gz" ]] || die "$BACKUP_DIR/media.tar.gz not found: not a backup folder"
[[ -d "$MEDIA_ROOT" && -n "$(ls -A "$MEDIA_ROOT")" ]] && die "MEDIA_ROOT $MEDIA_ROOT is not empty"

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    [[ -f "$BACKUP_DIR/db.dump" ]] || die "$BACKUP_DIR/db.dump not found (was the backup made from SQLite?)"
    tables=$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") \
      || die "cannot connect to the target database (create it first: createdb)"
    [[ "$tables" == 0 ]] || die "the target database is not empty ($tables tables)"
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
      --dbname="$DATABASE_URL" "$BACKUP_DIR/db.dump"
    ;;
  sqlite://*)
    [[ -f "$BACKUP_DIR/db.sqlite3" ]] || die "$BACKUP_DIR/db.sqlite3 not found (was the backup made from PostgreSQL?)"
    db_path="${DATABASE_URL#sqlite://}"
    db_path="${db_path#/}"
    [[ -e "$db_path" ]] && die "SQLite target $db_path already exists"
    mkdir -p "$(dirname "$db_path")"
    cp "$BACKUP_DIR/db.sqlite3" "$db_path"
    ;;
  *) die "DATABASE_URL: unsupported scheme (postgres:// or sqlite://)" ;;
esac

mkdir -p "$MEDIA_ROOT"
tar -xzf "$BACKUP_DIR/media.tar.gz" -C "$MEDIA_ROOT"
echo "restored $BACKUP_DIR into the database and $MEDIA_ROOT"
