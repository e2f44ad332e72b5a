"""Which missions an analysis looks at, and which organizations run them."""

from __future__ import annotations

import datetime as dt

from peaceops.analytics.periods import within
from peaceops.errors import InvalidArgument
from peaceops.model import vocabulary as V
from peaceops.model.countries import continent

CIVILIAN_KINDS = ("civilian", "police")


def running_organizations(mission: dict) -> list[str]:
    """The lead and any co-lead (hybrid missions such as UNAMID count for both)."""
    co_leads = [p["organization"] for p in mission.get("partners", []) if p["role"] == "co_lead"]
    return [mission["lead_organization"], *co_leads]


def select_missions(
    missions: list[dict], *, kinds=None, period=None, region=None, today: dt.date
) -> list[dict]:
    """Filter by kind ('civilian' means civilian and police missions), calendar-year period
    ``(first, last)`` and continent of any host country."""
    if isinstance(kinds, str):
        kinds = CIVILIAN_KINDS if kinds == "civilian_only" else (kinds,)
    for kind in kinds or ():
        if kind not in V.MISSION_KINDS:
            raise InvalidArgument(
                f"Unknown mission kind {kind!r}.", hint=f"Use one of: {', '.join(V.MISSION_KINDS)}."
            )
    selected = []
    for mission in missions:
        if kinds and mission["kind"] not in kinds:
            continue
        if not within(mission, period, today):
            continue
        if region and region.lower() not in {
            continent(c).lower() for c in mission["host_countries"]
        }:
            continue
        selected.append(mission)
    return selected
