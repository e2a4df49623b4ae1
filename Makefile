# Coopérathèque — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DJANGO_SETTINGS_MODULE=cms.settings.dev SEARCH_URL= DATABASE_URL=

.PHONY: run test coverage install lint format opensearch opensearch-stop postgres postgres-stop lock audit messages clean

## Development installs both locks: the runtime one (what the Dockerfile installs) and the tools on top.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

## Run the site with demo content on SQLite and the database search backend.
run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo --admin
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

## The whole test suite: PostgreSQL + OpenSearch, then SQLite + database backend.
test: install
	bash scripts/test.sh

## The same, with the coverage of the PostgreSQL + OpenSearch pass (floor: COV_FLOOR, 80 %); slower.
coverage: install
	COVERAGE=1 bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## A real OpenSearch 2.19 node on 127.0.0.1:9200 for development (SEARCH_URL=opensearch://127.0.0.1:9200).
opensearch:
	bash search/engine/opensearch.sh start

opensearch-stop:
	bash search/engine/opensearch.sh stop

postgres:
	bash scripts/postgres.sh start

postgres-stop:
	bash scripts/postgres.sh stop

## Re-pin both locks: requirements.in -> requirements.lock (runtime), then requirements-dev.in on top of it ->
## requirements-dev.lock (only what the runtime lock lacks, after `-r requirements.lock`).
lock:
	rm -rf /tmp/coop-lock && $(PYTHON) -m venv /tmp/coop-lock
	/tmp/coop-lock/bin/pip install --quiet -r requirements.in
	/tmp/coop-lock/bin/pip freeze --exclude-editable | sort -f > requirements.lock
	/tmp/coop-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "-r requirements.lock"; /tmp/coop-lock/bin/pip freeze --exclude-editable | sort -f \
	  | grep -vxF -f requirements.lock; } > requirements-dev.lock

## Known vulnerabilities in the pinned versions (pip-audit; needs to reach an advisory database, so it is not
## part of make test). For operators: run it before a release and after each security announcement.
audit: install
	$(VENV)/bin/pip-audit --strict --disable-pip --no-deps -r requirements.lock
	$(VENV)/bin/pip-audit --strict --disable-pip --no-deps -r requirements-dev.lock

## Refresh the English catalogue (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf var .pytest_cache .ruff_cache

.PHONY: backup restore
## Back up the database (pg_dump, or a SQLite copy) and MEDIA_ROOT into var/backups/<timestamp>/.
backup:
	bash scripts/backup.sh

## Restore a backup into an EMPTY database (DATABASE_URL) and media folder: make restore BACKUP=var/backups/<timestamp>
restore:
	bash scripts/restore.sh "$(BACKUP)"

## Performance benchmark at 10,000 and 100,000 case studies (needs PostgreSQL, OpenSearch and wrk):
## make bench  ·  make bench BENCH_ARGS="--sizes 10000 --quick"  (results in bench/results/, see bench/README.md)
.PHONY: bench
bench: install
	$(PY) -m bench $(BENCH_ARGS)
