#!/usr/bin/env bash
# Quick start (b): install, then run the test suite. Extra arguments go to pytest.
# pytest exits 5 when it collected no test: that fails this script too (set -e).
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev/setup.sh
exec .venv/bin/python -m pytest "$@"
