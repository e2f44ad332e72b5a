#!/usr/bin/env bash
# Quick start (a): install, load the curated data into the embedded register, check it, show it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev/setup.sh
.venv/bin/peaceops load
.venv/bin/peaceops validate
.venv/bin/peaceops info
.venv/bin/peaceops missions --country MLI
