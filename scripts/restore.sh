#!/usr/bin/env bash
# `make restore FILE=backups/portal-….tar`: restore a backup made by scripts/backup.sh into a
# fresh database and an empty media folder, then apply any newer migrations.
#
# The target is $DATABASE_URL (or $RESTORE_DATABASE_URL) and $MEDIA_ROOT. The database is created
# if it does not exist; a database that already has tables, or a media folder that already has
# files, is refused: a restore never overwrites live data. To replace the live portal, restore
# into a new database, check it, then point DATABASE_URL at it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
FILE="${1:-${FILE:-}}"
[ -n "$FILE" ] || { echo "Cách dùng: make restore FILE=backups/portal-….tar" >&2; exit 2; }
[ -f "$FILE" ] || { echo "Không tìm thấy tệp sao lưu: $FILE" >&2; exit 2; }
TARGET="${RESTORE_DATABASE_URL:-${DATABASE_URL:?DATABASE_URL chưa được đặt}}"
MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
P="${PGBIN:+$PGBIN/}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$FILE" MANIFEST db.dump media.tar 2>/dev/null \
  || { echo "Tệp sao lưu không đúng định dạng (cần MANIFEST, db.dump, media.tar): $FILE" >&2; exit 1; }
head -1 "$work/MANIFEST" | grep -q '^portal-backup 1$' \
  || { echo "Tệp sao lưu không do make backup tạo ra: $FILE" >&2; exit 1; }
(cd "$work" && grep -E '^[0-9a-f]{64}  ' MANIFEST | sha256sum --check --quiet --strict) \
  || { echo "Tệp sao lưu bị hỏng (mã kiểm tra SHA-256 không khớp); không khôi phục gì." >&2; exit 1; }

dbname="${TARGET##*/}"; dbname="${dbname%%\?*}"
server="${TARGET%/*}/postgres"
exists="$("${P}psql" -qtA -d "$server" -c "SELECT 1 FROM pg_database WHERE datname = '$dbname'")"
if [ "$exists" = "1" ]; then
  tables="$("${P}psql" -qtA -d "$TARGET" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  if [ "$tables" != "0" ]; then
    echo "CSDL \"$dbname\" đã có dữ liệu ($tables bảng); khôi phục không ghi đè dữ liệu đang dùng." >&2
    echo "Hãy khôi phục vào một CSDL mới: RESTORE_DATABASE_URL=…/ten_moi make restore FILE=$FILE" >&2
    exit 1
  fi
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT" 2>/dev/null)" ]; then
  echo "Thư mục tệp \"$MEDIA_ROOT\" không trống; khôi phục không ghi đè tệp đang dùng." >&2
  echo "Hãy đặt MEDIA_ROOT tới một thư mục trống." >&2
  exit 1
fi

if [ "$exists" != "1" ]; then
  "${P}psql" -q -d "$server" -c "CREATE DATABASE \"$dbname\"" >/dev/null
fi
# The extensions the portal's migrations expect (the dump recreates them if it can).
"${P}psql" -q -d "$TARGET" -c "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;" >/dev/null
"${P}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction -d "$TARGET" "$work/db.dump" 2>&1 \
  | grep -v 'already exists' >&2 || true
"${P}psql" -qtA -d "$TARGET" -c "SELECT 1 FROM django_migrations LIMIT 1" >/dev/null \
  || { echo "Khôi phục CSDL thất bại." >&2; exit 1; }
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xf "$work/media.tar"
DATABASE_URL="$TARGET" MEDIA_ROOT="$MEDIA_ROOT" "${PYTHON:-.venv/bin/python}" manage.py migrate --noinput -v 0
echo "Đã khôi phục $FILE vào CSDL \"$dbname\" và thư mục $MEDIA_ROOT."
