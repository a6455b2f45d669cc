# `make run`: set up everything and serve on http://127.0.0.1:$(PORT)
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
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup venv db migrate demo static lint check bench stop-db system-deps messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

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

static: venv
	$(PY) manage.py collectstatic --noinput -v 0

setup: system-deps venv db messages migrate

run: setup demo static
	DEBUG=$${DEBUG:-1} $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT) portal.wsgi:application

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv db
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: system-deps venv node_modules/.installed db messages static lint check
	$(VENV)/bin/pytest

# The load test runs on its own database (100,000 articles…), never the developers' `portal`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PGPORT)/bench
bench: setup static
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/generate.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py

stop-db:
	scripts/pg.sh stop
