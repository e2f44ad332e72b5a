#!/usr/bin/env bash
# Quick start (b): install, then run the test suite. Extra arguments go to pytest.
# pytest exits 5 when it collected no test: that fails this script too (set -e).
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev/setup.sh
# A throwaway PostgreSQL on 127.0.0.1 for the integration tests (skipped if none can be had).
eval "$(bash dev/postgres.sh start)"
if [ -n "${PEACEOPS_PG_DIR:-}" ]; then
  trap 'bash dev/postgres.sh stop "$PEACEOPS_PG_DIR"' EXIT
fi
.venv/bin/python -m pytest "$@"
