"""Parsers for the reference datasets the register is cross-checked against.

- UN Peace and Security Data Hub, list of peacekeeping operations (DPPADPOSS-PKO.csv) and the
  mission → host-country crosswalk (unpko_country_crosswalk.csv);
- IPI Peacekeeping Database, mission × month (data_mission.csv) and HQ points (missions.json);
- Geo-PKO v2.3, mission × year × location (FrontMap_v.2.3.csv).

Their documented quirks are handled here and nowhere else: decimal commas, ``NA`` cells,
``0,0`` for unknown coordinates, KSV/YAR codes, country names instead of codes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from pathlib import Path

from peaceops.model.countries import resolve_country
from peaceops.model.issues import Issue
from peaceops.model.reference import ImportResult, ReferenceMission

# Codes the datasets use that are not ISO 3166 alpha-3 (or not the register's choice).
_COUNTRY_FIXES = {"KSV": "XKX", "YAR": "YEM"}
# Geo-PKO country labels pycountry cannot resolve by itself.
_COUNTRY_NAMES = {
    "DRC": "COD",
    "Ivory Coast": "CIV",
    "Kosovo": "XKX",
    "Western Sahara": "ESH",
    "Syria": "SYR",
}


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = [(reader.line_num, row) for row in reader]
    return reader.fieldnames or [], rows


def _date(text: str | None) -> dt.date | None:
    text = (text or "").strip()
    if not text or text == "NA":
        return None
    return dt.date.fromisoformat(text[:10])


def _number(text: str | None) -> float | None:
    text = (text or "").strip().replace(",", ".")
    if not text or text == "NA":
        return None
    return float(text)


def _country(code: str) -> str:
    code = code.strip().upper()
    return _COUNTRY_FIXES.get(code, code)


def read_un_psdata_missions(path: Path) -> ImportResult:
    result = ImportResult()
    _, rows = _rows(path)
    for line, row in rows:
        key = row["mission_acronym"].strip()
        try:
            start, end = _date(row["start_date"]), _date(row["end_date"])
        except ValueError as exc:
            result.issues.append(Issue(Path(path).name, line, "start_date", "type", str(exc)))
            continue
        result.records.append(
            ReferenceMission(
                dataset="un-psdata-pko",
                key=key,
                name=row["mission_name"].strip(),
                start=start,
                end=end,
                end_open=row["mission_isactive"].strip().lower() == "yes",
                latitude=_number(row["mission_latitude"]),
                longitude=_number(row["mission_longitude"]),
                line=line,
            )
        )
    return result


def read_un_psdata_crosswalk(path: Path) -> ImportResult:
    result = ImportResult()
    _, rows = _rows(path)
    countries: dict[str, set[str]] = defaultdict(set)
    first_line: dict[str, int] = {}
    for line, row in rows:
        key = row["mission_acronym"].strip()
        countries[key].add(_country(row["iso3c"]))
        first_line.setdefault(key, line)
    result.records = [
        ReferenceMission("un-psdata-crosswalk", key, countries=frozenset(c), line=first_line[key])
        for key, c in countries.items()
    ]
    return result


def read_ipi_missions(monthly_csv: Path, hq_json: Path | None = None) -> ImportResult:
    """IPI mission × month → first and last reported month and host countries per mission."""
    result = ImportResult()
    _, rows = _rows(monthly_csv)
    months: dict[str, list[dt.date]] = defaultdict(list)
    countries: dict[str, set[str]] = defaultdict(set)
    first_line: dict[str, int] = {}
    for line, row in rows:
        key = row["Mission"].strip()
        months[key].append(_date(row["Date"]).replace(day=1))
        if row["Country of Mission ISO-3"] not in ("", "NA"):
            countries[key].add(_country(row["Country of Mission ISO-3"]))
        first_line.setdefault(key, line)
    points = {}
    if hq_json is not None:
        for key, entry in json.loads(Path(hq_json).read_text(encoding="utf-8")).items():
            loc = entry.get("mission_loc") or {}
            if loc.get("x") or loc.get("y"):  # 0,0 means unknown in this file
                points[key] = (float(loc["y"]), float(loc["x"]))
    for key, seen in months.items():
        lat, lon = points.get(key, (None, None))
        result.records.append(
            ReferenceMission(
                "ipi-missions",
                key,
                start=min(seen),
                end=max(seen),
                precision="month",
                countries=frozenset(countries[key]),
                latitude=lat,
                longitude=lon,
                line=first_line[key],
            )
        )
    return result


def read_geo_pko(path: Path) -> ImportResult:
    """Geo-PKO mission × year × location → first and last year and countries per mission."""
    result = ImportResult()
    _, rows = _rows(path)
    years: dict[str, set[int]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    first_line: dict[str, int] = {}
    unresolved: set[str] = set()
    for line, row in rows:
        key = row["mission"].strip()
        years[key].add(int(row["year"]))
        first_line.setdefault(key, line)
        for label in row["country"].split("/"):
            code = _COUNTRY_NAMES.get(label.strip()) or resolve_country(label)
            if code:
                countries[key].add(code)
            elif label.strip() not in unresolved:
                unresolved.add(label.strip())
                result.issues.append(
                    Issue(
                        Path(path).name,
                        line,
                        "country",
                        "country",
                        f"Country {label!r} not recognised.",
                        severity="warning",
                    )
                )
    for key, seen in years.items():
        result.records.append(
            ReferenceMission(
                "geo-pko",
                key,
                start=dt.date(min(seen), 1, 1),
                end=dt.date(max(seen), 1, 1),
                precision="year",
                countries=frozenset(countries[key]),
                line=first_line[key],
            )
        )
    return result
