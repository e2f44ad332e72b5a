"""Compare the register with reference datasets and list every disagreement.

Each disagreement is either fixed in the data or explained in ``crosscheck_exceptions.csv``
(with a source). The result also lists exceptions that no longer match any disagreement, so
that stale explanations are noticed and removed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field

from peaceops.model.reference import ReferenceMission

DATE_TOLERANCE = dt.timedelta(days=31)
HQ_TOLERANCE_KM = 100.0


@dataclass(frozen=True)
class Disagreement:
    dataset: str
    reference_key: str
    field: str
    mission_id: str | None
    register_value: str
    reference_value: str
    explanation: str | None = None  # set when a curated exception covers it

    @property
    def excepted(self) -> bool:
        return self.explanation is not None


@dataclass
class CrosscheckResult:
    disagreements: list[Disagreement] = field(default_factory=list)
    stale_exceptions: list[dict] = field(default_factory=list)
    matched: dict[str, int] = field(default_factory=dict)  # dataset → matched missions
    compared: dict[str, int] = field(default_factory=dict)  # dataset → reference missions

    @property
    def unexplained(self) -> list[Disagreement]:
        return [d for d in self.disagreements if not d.excepted]

    def date_agreement(self, dataset: str = "un-psdata-pko") -> float:
        """Share of matched missions whose start and end dates, where both sources give one,
        agree within a month (running-versus-closed counts as 'status', not as a date)."""
        matched = self.matched.get(dataset, 0)
        if not matched:
            return 0.0
        late = {
            d.reference_key
            for d in self.disagreements
            if d.dataset == dataset and d.field in ("start_date", "end_date")
        }
        return (matched - len(late)) / matched

    def to_frame(self):
        import pandas as pd

        rows = [{**asdict(d), "excepted": d.excepted} for d in self.disagreements]
        return pd.DataFrame(rows, columns=[*Disagreement.__dataclass_fields__, "excepted"])


def normalize_acronym(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def crosscheck(
    missions: list[dict], references: list[ReferenceMission], exceptions: list[dict]
) -> CrosscheckResult:
    """``missions``: register mission records (id, acronym, dates, host_countries, lat/lon)."""
    by_acronym: dict[str, dict] = {}
    for mission in sorted(missions, key=lambda m: m["lead_organization"] != "un"):
        by_acronym.setdefault(normalize_acronym(mission.get("acronym") or ""), mission)
    by_id = {m["id"]: m for m in missions}
    explained = {(e["dataset"], e["reference_key"], e["field"]): e for e in exceptions}
    result = CrosscheckResult()
    found: list[Disagreement] = []

    for ref in references:
        result.compared[ref.dataset] = result.compared.get(ref.dataset, 0) + 1
        identity = explained.get((ref.dataset, ref.key, "identity"))
        mission = (
            by_id.get(identity["mission_id"])
            if identity and identity.get("mission_id")
            else by_acronym.get(normalize_acronym(ref.key))
        )
        if mission is None:
            found.append(
                Disagreement(ref.dataset, ref.key, "presence", None, "", ref.name or ref.key)
            )
            continue
        result.matched[ref.dataset] = result.matched.get(ref.dataset, 0) + 1
        found.extend(_compare(ref, mission))

    used = set()
    for d in found:
        exception = explained.get((d.dataset, d.reference_key, d.field))
        if exception:
            used.add((d.dataset, d.reference_key, d.field))
            d = Disagreement(**{**asdict(d), "explanation": exception["explanation"]})
        result.disagreements.append(d)
    result.stale_exceptions = [
        e for key, e in explained.items() if key not in used and e["field"] != "identity"
    ]
    return result


def _compare(ref: ReferenceMission, mission: dict) -> list[Disagreement]:
    out = []

    def add(field_name: str, register_value, reference_value) -> None:
        out.append(
            Disagreement(
                ref.dataset,
                ref.key,
                field_name,
                mission["id"],
                _text(register_value),
                _text(reference_value),
            )
        )

    start = _as_date(mission.get("start_date"))
    end = _as_date(mission.get("end_date"))
    if ref.dataset == "un-psdata-pko":
        if ref.start and start and abs(ref.start - start) > DATE_TOLERANCE:
            add("start_date", start, ref.start)
        # Running versus closed is a status disagreement: there are not two dates to compare.
        if ref.end_open and end is not None:
            add("status", f"closed {end}", "running")
        elif not ref.end_open and ref.end and end is None:
            add("status", "running", f"closed {ref.end}")
        elif ref.end and end and abs(ref.end - end) > DATE_TOLERANCE:
            add("end_date", end, ref.end)
    if ref.dataset in ("ipi-missions", "geo-pko") and start:
        step = DATE_TOLERANCE if ref.precision == "month" else dt.timedelta(days=366)
        first_period = (
            start.replace(day=1) if ref.precision == "month" else start.replace(month=1, day=1)
        )
        if ref.start < first_period - step or (end and ref.end > end + step):
            add("activity", f"{start}..{end or 'running'}", f"{ref.start}..{ref.end}")
    if ref.countries:
        hosts = set(mission.get("host_countries") or [])
        differs = (
            ref.countries != hosts
            if ref.dataset == "un-psdata-crosswalk"
            else not ref.countries <= hosts
            if ref.dataset == "ipi-missions"
            else False
        )
        if differs:
            add("host_countries", sorted(hosts), sorted(ref.countries))
    if ref.latitude is not None and mission.get("latitude") is not None:
        km = _distance_km(ref.latitude, ref.longitude, mission["latitude"], mission["longitude"])
        if km > HQ_TOLERANCE_KM:
            add(
                "headquarters",
                f"{mission['latitude']},{mission['longitude']}",
                f"{ref.latitude},{ref.longitude} ({km:.0f} km away)",
            )
    return out


def _as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return " ".join(sorted(value))
    return str(value)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
