"""Missions as an HXL-tagged CSV (3W style: one row per mission and host country), readable
by HXL tools (HDX, HXL Proxy) and by ``peaceops import --as hxl``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from peaceops.model.cells import neutralize
from peaceops.model.snapshot import as_hosted

# (header, HXL hashtag, record field)
COLUMNS = (
    ("Mission id", "#activity+code", "id"),
    ("Acronym", "#activity+acronym", "acronym"),
    ("Mission", "#activity+name", "name"),
    ("Kind", "#activity+type", "kind"),
    ("Lead organization", "#org+lead+code", "lead_organization"),
    ("Country", "#country+code", "country"),
    ("Headquarters", "#loc+name", "headquarters"),
    ("Latitude", "#geo+lat", "latitude"),
    ("Longitude", "#geo+lon", "longitude"),
    ("Start", "#date+start", "start_date"),
    ("End", "#date+end", "end_date"),
    ("Functions", "#sector+code+list", "functions"),
)


def hxl_text(missions: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c[0] for c in COLUMNS])
    writer.writerow([c[1] for c in COLUMNS])
    for mission in missions:
        for country in mission.get("host_countries") or [""]:
            record = {**as_hosted(mission, country), "country": country}  # one row per host
            writer.writerow([neutralize(_text(record.get(c[2]))) for c in COLUMNS])
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return str(value)


def write_hxl(missions: list[dict], output: Path) -> list[Path]:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(hxl_text(missions), encoding="utf-8")
    return [output]
