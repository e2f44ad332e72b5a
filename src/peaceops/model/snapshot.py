"""A snapshot of the register as plain records: what analytics take instead of a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
