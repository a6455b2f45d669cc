#!/usr/bin/env bash
# `make audit`: check every installed, pinned package (runtime and tests, transitive ones
# included) against the Python advisory database (OSV, through pip-audit), from a virtualenv
# of its own so pip-audit's dependencies never mix with the portal's.
#
# It never pretends: when no advisory database answers (this machine's package mirror has no
# vulnerability data and api.osv.dev is unreachable), it says so and exits 2. The watch
# procedure for that case is in docs/reliability.md ("Phụ thuộc").
set -euo pipefail
cd "$(dirname "$0")/.."
AUDIT_VENV=.venv-audit
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
  python3 -m venv "$AUDIT_VENV"
  "$AUDIT_VENV/bin/pip" install -q -r requirements-audit.txt
fi
frozen="$(mktemp)"; log="$(mktemp)"
trap 'rm -f "$frozen" "$log"' EXIT
.venv/bin/pip freeze --exclude-editable >"$frozen"
echo "Kiểm tra $(wc -l <"$frozen") gói đã ghim với cơ sở dữ liệu lỗ hổng OSV…"
set +e
"$AUDIT_VENV/bin/pip-audit" --requirement "$frozen" --no-deps --disable-pip --vulnerability-service osv \
  --progress-spinner off >"$log" 2>&1
rc=$?
set -e
if grep -qE "ConnectionError|NameResolutionError|Max retries exceeded|could not be audited" "$log"; then
  echo "KHÔNG kiểm tra được: không truy cập được cơ sở dữ liệu lỗ hổng (api.osv.dev)." >&2
  echo "Chưa có gói nào được xác nhận là an toàn. Làm theo quy trình theo dõi trong docs/reliability.md." >&2
  exit 2
fi
cat "$log"
exit $rc
