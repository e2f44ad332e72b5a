#!/usr/bin/env bash
# Quick start (a): install, load the curated data into the embedded register, check it, show
# Mali on the command line, then serve the register at http://127.0.0.1:8000 (Ctrl+C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev/setup.sh
.venv/bin/peaceops load
.venv/bin/peaceops validate
.venv/bin/peaceops info
.venv/bin/peaceops missions --country MLI
exec .venv/bin/peaceops serve --host 127.0.0.1 --port "${PEACEOPS_PORT:-8000}"
