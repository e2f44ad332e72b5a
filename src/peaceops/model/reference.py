"""Records parsed from reference datasets nobody on the team wrote (UN, IPI, Geo-PKO)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peaceops.model.issues import Issue


@dataclass(frozen=True)
class ReferenceMission:
    """What one reference dataset says about one mission.

    ``start``/``end`` are the dataset's dates; ``end_open`` means the dataset lists the mission
    as running. For activity datasets (IPI monthly, Geo-PKO yearly) start and end are the first
    and last period in which the mission appears, at ``precision`` month or year.
    """

    dataset: str
    key: str
    name: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    end_open: bool = False
    precision: str = "day"
    countries: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    line: int | None = None


@dataclass
class ImportResult:
    """Records parsed from a file plus every issue met; importers never write and never print."""

    records: list = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
