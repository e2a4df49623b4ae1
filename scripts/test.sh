#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint and checks, then pytest twice —
# every test on PostgreSQL + OpenSearch (the production shape), then the tests whose answer may depend on
# the backend (marked `backend` by tests/conftest.py) on SQLite + the database backend (the embedded
# default). Starts the services it needs and stops those it started.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
VENV_BIN="$REPO/.venv/bin"
export PATH="$VENV_BIN:$PATH"
export DJANGO_SETTINGS_MODULE=cms.settings.test

PGPORT=${PGPORT:-55432}
OPENSEARCH_PORT=${OPENSEARCH_PORT:-9200}
export PGPORT OPENSEARCH_PORT
PG_URL="postgres://coop:coop@127.0.0.1:${PGPORT}/coop"
OS_URL="opensearch://127.0.0.1:${OPENSEARCH_PORT}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

started=()
cleanup() {
  for service in "${started[@]}"; do
    case "$service" in
      postgres) bash scripts/postgres.sh stop || true ;;
      opensearch) bash search/engine/opensearch.sh stop || true ;;
    esac
  done
}
trap cleanup EXIT

step "Lint (ruff)"
ruff check .
ruff format --check .
lint-imports

step "Security audit: bandit (no high-severity finding)"
# pip-audit is left out: no vulnerability database (PyPI JSON advisories, osv.dev) is reachable from
# the build machine, so it could only fail or pass without checking anything.
bandit -q -r cms projets search precedents donnees -x '*/migrations/*' --severity-level high --format txt

step "Django checks and migrations"
SEARCH_URL= DATABASE_URL= python manage.py check --fail-level WARNING
SEARCH_URL= DATABASE_URL= python manage.py makemigrations --check --dry-run

step "Services"
bash scripts/postgres.sh status >/dev/null 2>&1 || started+=(postgres)
bash scripts/postgres.sh start
bash search/engine/opensearch.sh status >/dev/null 2>&1 || started+=(opensearch)
bash search/engine/opensearch.sh start

step "Browser-test tools (Debian's Chromium, axe-core, vnu-jar)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f tests/e2e/node/node_modules/axe-core/axe.min.js ] || [ ! -f tests/e2e/node/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  (cd tests/e2e/node && npm ci --no-audit --no-fund)
fi

# Two pytest-xdist workers: pytest itself is the bottleneck (one core at ~95 %, PostgreSQL and OpenSearch
# ~15 % of the other), so a second process nearly halves the run. Each worker has its own test database,
# index prefix and media folder (cms/settings/test.py). TEST_WORKERS=0 runs in one process. Not --dist loadfile: a worker would then run
# a file's transactional tests (which empty the database) before other files' tests, not at the very end.
WORKERS=(-n "${TEST_WORKERS:-2}")

# Coverage is measured on request (`make coverage`, or COVERAGE=1): its tracer made this pass ~40 % longer
# (Python 3.11 has no low-overhead sys.monitoring tracer), which `make test` cannot afford in 15 minutes.
COVERAGE_ARGS=()
if [ "${COVERAGE:-0}" = 1 ]; then
  COVERAGE_ARGS=(--cov --cov-report=term:skip-covered --cov-fail-under="${COV_FLOOR:-80}")
fi

step "pytest: PostgreSQL + OpenSearch"
DATABASE_URL="$PG_URL" SEARCH_URL="$OS_URL" COOP_EXPECT_SEARCH=opensearch INDEX_PREFIX=coop_test_ \
  pytest "${WORKERS[@]}" --create-db --durations=20 "${COVERAGE_ARGS[@]}" "$@"

step "pytest: SQLite + database search backend (tests marked backend)"
DATABASE_URL= SEARCH_URL= COOP_EXPECT_SEARCH=database \
  pytest "${WORKERS[@]}" --create-db --durations=20 -m backend "$@"

step "All tests passed"
