"""Functional profiles and specialization (revealed comparative advantage, RCA).

For organization o and function f, with M the selected missions:

    share(o, f) = |missions of o mandating f| / |missions of o|
    base(f)     = |missions in M mandating f| / |M|
    RCA(o, f)   = share(o, f) / base(f)

RCA > 1: o mandates f more often than the average mission in the selection — a
specialization. The same is computed on mission-years (a mission counts once per calendar
year it ran) so that long missions weigh more. See docs/method.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from peaceops.analytics.periods import years
from peaceops.analytics.selection import running_organizations
from peaceops.model import vocabulary as V


@dataclass
class SpecializationResult:
    rows: list[dict] = field(default_factory=list)
    missions_by_organization: dict[str, int] = field(default_factory=dict)
    min_missions: int = 3

    def rca(self, organization: str, function: str) -> float:
        return self._rca_index.get((organization, function), 0.0)

    @cached_property
    def _rca_index(self) -> dict[tuple[str, str], float]:
        return {(r["organization"], r["function"]): r["rca"] for r in self.rows}

    def division_of_labour(self) -> list[dict]:
        """For each function, the organization with the highest RCA (among those with at least
        ``min_missions`` missions in the selection) and the runner-up."""
        out = []
        eligible = {o for o, n in self.missions_by_organization.items() if n >= self.min_missions}
        for function in V.FUNCTIONS:
            ranked = sorted(
                (
                    r
                    for r in self.rows
                    if r["function"] == function
                    and r["organization"] in eligible
                    and r["missions"] > 0
                ),
                key=lambda r: (-r["rca"], r["organization"]),
            )
            if ranked:
                out.append(
                    {
                        "function": function,
                        "leader": ranked[0]["organization"],
                        "rca": ranked[0]["rca"],
                        "runner_up": ranked[1]["organization"] if len(ranked) > 1 else None,
                        "organizations": len(ranked),
                    }
                )
        return out

    def specializations(self, threshold: float = 1.5) -> dict[str, list[str]]:
        """organization → functions with RCA ≥ threshold, strongest first."""
        out: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for row in self.rows:
            if (
                row["rca"] >= threshold
                and self.missions_by_organization[row["organization"]] >= self.min_missions
            ):
                out[row["organization"]].append((-row["rca"], row["function"]))
        return {o: [f for _, f in sorted(v)] for o, v in sorted(out.items())}

    def matrix(self, value: str = "rca") -> dict[str, dict[str, float]]:
        table: dict[str, dict[str, float]] = defaultdict(dict)
        for row in self.rows:
            table[row["organization"]][row["function"]] = row[value]
        return dict(table)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(
            self.rows,
            columns=[
                "organization",
                "function",
                "missions",
                "share_missions",
                "mission_years",
                "share_mission_years",
                "rca",
                "rca_mission_years",
            ],
        )


def specialization(
    missions: list[dict],
    today: dt.date,
    *,
    functions: tuple[str, ...] = tuple(V.FUNCTIONS),
    min_missions: int = 3,
) -> SpecializationResult:
    by_org_missions: dict[str, int] = defaultdict(int)
    by_org_years: dict[str, int] = defaultdict(int)
    with_f: dict[tuple[str, str], int] = defaultdict(int)
    with_f_years: dict[tuple[str, str], int] = defaultdict(int)
    total_f: dict[str, int] = defaultdict(int)
    total_f_years: dict[str, int] = defaultdict(int)
    total_years = 0
    for mission in missions:
        mission_years = len(years(mission, today))
        total_years += mission_years
        mandated = set(mission["functions"]) & set(functions)
        for f in mandated:
            total_f[f] += 1
            total_f_years[f] += mission_years
        for org in running_organizations(mission):
            by_org_missions[org] += 1
            by_org_years[org] += mission_years
            for f in mandated:
                with_f[(org, f)] += 1
                with_f_years[(org, f)] += mission_years
    n = len(missions) or 1
    total_years = total_years or 1
    rows = []
    for org in sorted(by_org_missions):
        for f in functions:
            share = with_f[(org, f)] / by_org_missions[org]
            share_years = with_f_years[(org, f)] / (by_org_years[org] or 1)
            base, base_years = total_f[f] / n, total_f_years[f] / total_years
            rows.append(
                {
                    "organization": org,
                    "function": f,
                    "missions": with_f[(org, f)],
                    "share_missions": round(share, 3),
                    "mission_years": with_f_years[(org, f)],
                    "share_mission_years": round(share_years, 3),
                    "rca": round(share / base, 2) if base else 0.0,
                    "rca_mission_years": round(share_years / base_years, 2) if base_years else 0.0,
                }
            )
    return SpecializationResult(rows, dict(by_org_missions), min_missions)
