"""A snapshot of the register as plain records: what analytics take instead of a database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Snapshot:
    """Records as returned by the registry listings (dicts with ISO date strings)."""

    missions: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    exchanges: list[dict] = field(default_factory=list)
    absences: list[dict] = field(default_factory=list)
    frictions: list[dict] = field(default_factory=list)
    transitions: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def by_country(self) -> dict[str, dict[str, list[dict]]]:
        """country → {'missions', 'meetings', 'exchanges', 'absences', 'frictions'} records,
        built once so that per-country analyses cost what the theater holds, not the world."""
        index: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for mission in self.missions:
            for country in mission["host_countries"]:
                index[country]["missions"].append(as_hosted(mission, country))
        for name in ("meetings", "exchanges", "absences", "frictions"):
            for record in getattr(self, name):
                index[record["theater"]][name].append(record)
        return index

    def in_country(self, country: str, name: str) -> list[dict]:
        return self.by_country.get(country, {}).get(name, [])


def as_hosted(mission: dict, country: str) -> dict:
    """The mission as one host country saw it: its dates narrowed to the period the register
    records for that country, if any (the OSCE Mission to Serbia was in Montenegro until 29 June
    2006 only). Per-country analyses then need no special case."""
    for host in mission.get("hosts") or ():
        if host["country"] == country and (host["start_date"] or host["end_date"]):
            narrowed = dict(mission)
            if host["start_date"]:
                narrowed.update(start_date=host["start_date"], start_precision="day")
            if host["end_date"]:
                narrowed.update(end_date=host["end_date"], end_precision="day")
            return narrowed
    return mission
