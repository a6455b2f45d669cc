# `make run`: set up everything and serve on http://127.0.0.1:$(PORT) as production does.
# `make dev`: the same set-up, then Django's debug server (DEBUG=1, reloads on change).
# `make test`: set up everything and run lint, checks and the whole test suite.
SHELL := /bin/bash
PORT ?= 8000
PGPORT ?= 54329
export PGPORT
# Without DATABASE_URL, the project starts and uses its own PostgreSQL (scripts/pg.sh).
ifeq ($(origin DATABASE_URL),undefined)
export PORTAL_LOCAL_PG := 1
export DATABASE_URL := postgres://postgres@127.0.0.1:$(PGPORT)/portal
endif
# Settings are secure by default (DEBUG off): every command here runs with a secret key
# generated once into a git-ignored file and with loopback host names, unless the
# environment gives its own (SECRET_KEY, SECRET_KEY_FILE, ALLOWED_HOSTS).
SECRET_KEY_FILE ?= $(CURDIR)/.secret_key
ALLOWED_HOSTS ?= 127.0.0.1,localhost
export SECRET_KEY_FILE ALLOWED_HOSTS
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run dev test setup venv db migrate demo static lint check bench stop-db system-deps messages backup restore audit

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

$(SECRET_KEY_FILE):
	umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

venv: $(STAMP) $(SECRET_KEY_FILE)

# Debian packages: gettext for translations, Chromium for browser tests, fonts for PDFs,
# redis-server for the several-servers test (the test starts its own on loopback).
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

db:
	scripts/pg.sh start

messages: venv
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: venv db
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

# Collected as production serves them (DEBUG off: hashed names and WhiteNoise's manifest).
static: venv
	DEBUG=0 $(PY) manage.py collectstatic --noinput -v 0

setup: system-deps venv db messages migrate

# Production settings on loopback: DEBUG off and real error pages, gunicorn, WhiteNoise,
# /media/ from Django (no nginx here), cookies without Secure (plain HTTP on loopback).
# gunicorn prints READY_MESSAGE once it listens (deploy/gunicorn.conf.py).
READY_MESSAGE = Portal: http://127.0.0.1:$(PORT)/ - sign in at http://127.0.0.1:$(PORT)/admin/ as quantri, banbientap, bientap, phongvien or vanphong with DEMO_PASSWORD or the password load_demo printed when it made the accounts (DEMO_PASSWORD=... make run sets one); quantri, banbientap and vanphong also give a code from an authenticator app (DEMO_TOTP_SECRET=<base32> sets theirs, else they set one up at first sign-in). Ctrl+C stops it.
run: setup demo static
	DEBUG=0 SECURE_COOKIES=0 SERVE_MEDIA=$${SERVE_MEDIA:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
	  PORTAL_READY_MESSAGE="$(READY_MESSAGE)" \
	  exec $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT) portal.wsgi:application

# For developers: Django's debug server (debug pages, reloads on change, serves static and media).
dev: setup demo
	DEBUG=1 SERVE_MEDIA=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
	  exec $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv db
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	# Production settings as behind TLS (nginx): every deployment warning is an error.
	DEBUG=0 SECURE_COOKIES=1 $(PY) manage.py check --deploy --fail-level WARNING

test: system-deps venv node_modules/.installed db messages static lint check
	$(VENV)/bin/pytest

# The load test runs on its own database (100,000 articles…), never the developers' `portal`.
# Scale data: bench/generate.py (BENCH_GENERATE_ARGS="--articles 2000 --meetings 200 --years 2" for a small one).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PGPORT)/bench
BENCH_GENERATE_ARGS ?=
bench: setup static
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/generate.py $(BENCH_GENERATE_ARGS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py

stop-db:
	scripts/pg.sh stop

# A dated archive of the database (pg_dump custom format) and the uploaded files in backups/;
# `make restore FILE=backups/portal-….tar` puts one back into a fresh database (never over data
# in use: set RESTORE_DATABASE_URL to a new database). See docs/reliability.md.
backup: venv db
	scripts/backup.sh

restore: venv db
	PYTHON=$(PY) scripts/restore.sh "$(FILE)"

# The pinned versions against the Python advisory database, when one is reachable (this
# machine's package mirror serves none; docs/reliability.md says how the versions are watched).
audit:
	scripts/audit.sh
