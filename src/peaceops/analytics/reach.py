"""Reach: where each organization has served, counted in mission-years."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from peaceops.analytics.periods import years
from peaceops.analytics.selection import running_organizations
from peaceops.model.countries import continent, region
from peaceops.model.snapshot import as_hosted


@dataclass
class ReachResult:
    rows: list[dict] = field(default_factory=list)  # organization, country, year, missions

    def by_country(self) -> list[dict]:
        """Per organization and country: mission-years, first and last year (map-ready)."""
        summary: dict[tuple[str, str], dict] = {}
        for row in self.rows:
            key = (row["organization"], row["country"])
            entry = summary.setdefault(
                key,
                {
                    "organization": row["organization"],
                    "country": row["country"],
                    "region": row["region"],
                    "continent": row["continent"],
                    "mission_years": 0,
                    "first_year": row["year"],
                    "last_year": row["year"],
                },
            )
            entry["mission_years"] += row["missions"]
            entry["first_year"] = min(entry["first_year"], row["year"])
            entry["last_year"] = max(entry["last_year"], row["year"])
        return sorted(
            summary.values(), key=lambda e: (e["organization"], -e["mission_years"], e["country"])
        )

    def map_data(self) -> dict[str, dict[str, int]]:
        """organization → {ISO3 country → mission-years}, for choropleth maps."""
        data: dict[str, dict[str, int]] = defaultdict(dict)
        for entry in self.by_country():
            data[entry["organization"]][entry["country"]] = entry["mission_years"]
        return dict(data)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(
            self.by_country(),
            columns=[
                "organization",
                "country",
                "region",
                "continent",
                "mission_years",
                "first_year",
                "last_year",
            ],
        )


def reach(missions: list[dict], today: dt.date) -> ReachResult:
    counts: dict[tuple[str, str, int], int] = defaultdict(int)
    for mission in missions:
        for organization in running_organizations(mission):
            for country in mission["host_countries"]:
                for year in years(as_hosted(mission, country), today):
                    counts[(organization, country, year)] += 1
    rows = [
        {
            "organization": o,
            "country": c,
            "region": region(c),
            "continent": continent(c),
            "year": y,
            "missions": n,
        }
        for (o, c, y), n in sorted(counts.items())
    ]
    return ReachResult(rows)
