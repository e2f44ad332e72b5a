"""The rows of a filtered selection, closed under foreign keys.

Given the missions a filter selected, a selection holds those missions with their dependent
rows (partners, host countries, acts, functions, personnel), the transitions between selected
missions, and the interaction records (exchanges, meetings, absences, frictions) that match the
filters and name no mission outside the selection; then every organization, alias, act and
source these rows refer to. So an exported selection is a valid data package on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from peaceops.datapackage.descriptor import Descriptor

Rows = dict[str, list[dict[str, str]]]
MISSION_CHILDREN = (
    "mission_partners",
    "mission_countries",
    "mission_acts",
    "mission_functions",
    "mission_personnel",
)
# Interaction resources: (organization fields, mission fields).
INTERACTIONS = {
    "exchanges": (
        ("giver_organization_id", "receiver_organization_id"),
        ("giver_mission_id", "receiver_mission_id"),
    ),
    "frictions": (("organization_a_id", "organization_b_id"), ("mission_a_id", "mission_b_id")),
    "meetings": ((), ()),
    "absences": ((), ()),
}


def select_rows(
    rows: Rows,
    descriptor: Descriptor,
    mission_ids: Iterable[str],
    *,
    country: str | None = None,
    organization: str | None = None,
    year: int | None = None,
    mission_only_filters: bool = False,
) -> Rows:
    """``mission_only_filters``: a filter that only missions have (function, kind, search) was
    given, so interaction records are kept only when they name a selected mission."""
    missions = set(mission_ids)
    out: Rows = {name: [] for name in descriptor.resources}
    out["missions"] = [r for r in rows.get("missions", []) if r["id"] in missions]
    for name in MISSION_CHILDREN:
        out[name] = [r for r in rows.get(name, []) if r["mission_id"] in missions]
    out["transitions"] = [
        r
        for r in rows.get("transitions", [])
        if r["from_mission_id"] in missions and r["to_mission_id"] in missions
    ]
    out["crosscheck_exceptions"] = [
        r for r in rows.get("crosscheck_exceptions", []) if r.get("mission_id") in missions
    ]
    participants = _group(rows.get("meeting_participants", []), "meeting_id")
    parties = _group(rows.get("absence_parties", []), "absence_id")
    for name, (org_fields, mission_fields) in INTERACTIONS.items():
        for row in rows.get(name, []):
            if name == "meetings":
                members = participants.get(row["id"], [])
                orgs = {m["organization_id"] for m in members}
                named = {m.get("mission_id", "") for m in members} - {""}
            elif name == "absences":
                orgs = {p["organization_id"] for p in parties.get(row["id"], [])}
                named = set()
            else:
                orgs = {row[f] for f in org_fields}
                named = {row.get(f, "") for f in mission_fields} - {""}
            if not named <= missions:
                continue
            if mission_only_filters and not named:
                continue
            if country and row.get("theater") != country:
                continue
            if organization and organization not in orgs:
                continue
            if year and not _active(row, year):
                continue
            out[name].append(row)
    kept_meetings = {r["id"] for r in out["meetings"]}
    out["meeting_participants"] = [
        r for r in rows.get("meeting_participants", []) if r["meeting_id"] in kept_meetings
    ]
    kept_absences = {r["id"] for r in out["absences"]}
    out["absence_parties"] = [
        r for r in rows.get("absence_parties", []) if r["absence_id"] in kept_absences
    ]
    _close_references(rows, out, descriptor)
    return out


def _close_references(rows: Rows, out: Rows, descriptor: Descriptor) -> None:
    """Add the organizations, aliases, acts and sources that the kept rows refer to."""
    acts = {r["act_id"] for name in ("mission_acts", "mission_functions") for r in out[name]}
    out["acts"] = [r for r in rows.get("acts", []) if r["id"] in acts]
    orgs: set[str] = set()
    for name, schema in descriptor.resources.items():
        if name in ("organizations", "organization_aliases"):
            continue
        for fk in schema.foreign_keys:
            if fk.resource == "organizations":
                orgs.update(r.get(fk.fields[0], "") for r in out[name])
    out["organizations"] = [r for r in rows.get("organizations", []) if r["id"] in orgs]
    out["organization_aliases"] = [
        r for r in rows.get("organization_aliases", []) if r["organization_id"] in orgs
    ]
    cited = {r.get("source_id", "") for name, kept in out.items() for r in kept}
    out["sources"] = [r for r in rows.get("sources", []) if r["id"] in cited]


def _group(rows: list[dict[str, str]], key: str) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _active(row: dict[str, str], year: int) -> bool:
    start, end = row.get("start_date") or "", row.get("end_date") or ""
    if not start and not end:
        return False
    return (not start or int(start[:4]) <= year) and (not end or int(end[:4]) >= year)
