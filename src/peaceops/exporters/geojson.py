"""Missions as GeoJSON points at their headquarters (WGS84, [longitude, latitude])."""

from __future__ import annotations

import json
from pathlib import Path

PROPERTIES = (
    "id",
    "acronym",
    "name",
    "lead_organization",
    "organizations",
    "kind",
    "host_countries",
    "start_date",
    "end_date",
    "headquarters",
    "functions",
)


def feature_collection(missions: list[dict]) -> tuple[dict, int]:
    """The collection and the number of missions left out for want of coordinates."""
    features, skipped = [], 0
    for mission in missions:
        lat, lon = mission.get("latitude"), mission.get("longitude")
        if lat is None or lon is None:
            skipped += 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": mission["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {k: mission.get(k) for k in PROPERTIES},
            }
        )
    return {"type": "FeatureCollection", "features": features}, skipped


def write_geojson(missions: list[dict], output: Path) -> tuple[list[Path], int]:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    collection, skipped = feature_collection(missions)
    output.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return [output], skipped
