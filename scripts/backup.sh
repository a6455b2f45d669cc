#!/usr/bin/env bash
# `make backup`: one dated archive of everything the portal cannot rebuild.
#
#   backups/portal-YYYYMMDD-HHMMSS.tar
#     db.dump      PostgreSQL custom-format dump of $DATABASE_URL (pg_dump -Fc)
#     media.tar    the uploaded files ($MEDIA_ROOT: covers, renditions, attachments, PDFs)
#     MANIFEST     date, database name, git commit and the SHA-256 of both files
#
# Not included, on purpose: the page cache (rebuilt on demand), collected static files (built
# from the code), the secret key (kept apart from data; see docs/reliability.md).
# Restore with `make restore FILE=backups/portal-….tar` (scripts/restore.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
: "${DATABASE_URL:?DATABASE_URL chưa được đặt}"
MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"
BACKUP_DIR="${BACKUP_DIR:-$ROOT/backups}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
PG_DUMP="${PGBIN:+$PGBIN/}pg_dump"

stamp="$(date -u +%Y%m%d-%H%M%S)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$PG_DUMP" --format=custom --no-owner --no-privileges --file="$work/db.dump" --dbname="$DATABASE_URL"
mkdir -p "$MEDIA_ROOT"
# Sorted names and fixed owners: the same files give the same media.tar.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$MEDIA_ROOT" -cf "$work/media.tar" .
{
  echo "portal-backup 1"
  echo "created $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database ${DATABASE_URL##*/}"
  echo "commit $(git rev-parse HEAD 2>/dev/null || echo unknown)"
  (cd "$work" && sha256sum db.dump media.tar)
} >"$work/MANIFEST"

mkdir -p "$BACKUP_DIR"
out="$BACKUP_DIR/portal-$stamp.tar"
tar -C "$work" -cf "$out.partial" MANIFEST db.dump media.tar
mv "$out.partial" "$out"
echo "Đã sao lưu: $out ($(du -h "$out" | cut -f1))"
