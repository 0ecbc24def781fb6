#!/usr/bin/env bash
# The project's one test command (README, .ci/run): make the venv, install, check layers, test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/lint-imports
.venv/bin/python -m pytest -n 2 "$@"
