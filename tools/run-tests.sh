#!/usr/bin/env bash
# Run the whole test suite (arguments go to pytest, e.g. tests/cli -k json), the linter, the
# formatter's check (ruff format --check) and
# the layer contracts (import-linter, pyproject.toml: ui above app above db, no Qt in app/db)
# and mypy on app/ and db/ (configured in pyproject.toml).
# Installs what is missing first: Qt's offscreen libraries, poppler-utils, the Python packages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

need_debs libegl1 libgl1 libxkbcommon0 libfontconfig1 "libglib2.0-0|libglib2.0-0t64" \
    "libdbus-1-3|libdbus-1-3t64" poppler-utils
ensure_venv

cd "$REPO_ROOT"
status=0
QT_QPA_PLATFORM=offscreen python -m pytest "$@" || status=$?
ruff check . || status=$?
ruff format --check . || status=$?
lint-imports --no-cache || status=$?
mypy || status=$?
exit "$status"
