#!/usr/bin/env bash
# The project's one test command (README, .ci/run): make the venv, install, check layers, test.
# The storage tests run on SQLite and on a throw-away PostgreSQL server this script starts
# (scripts/throwaway_postgres.sh) and stops again; with CI=true a PostgreSQL test may not skip.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/lint-imports
# shellcheck source=scripts/throwaway_postgres.sh
source scripts/throwaway_postgres.sh
start_throwaway_postgres
.venv/bin/python -m pytest -n 2 "$@"
