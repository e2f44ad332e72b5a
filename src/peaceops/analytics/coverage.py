"""How much the register covers, and how complete its mission rows are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from peaceops.model.countries import continent

# Field → test on a mission record: is it filled?
COMPLETENESS = {
    "start_date": lambda m: bool(m["start_date"]),
    "host_countries": lambda m: bool(m["host_countries"]),
    "authorizing_act": lambda m: bool(m["authorizations"]),
    "functions": lambda m: bool(m["functions"]),
    "personnel": lambda m: bool(m["personnel"]),
    "headquarters": lambda m: bool(m["headquarters"]),
    "coordinates": lambda m: m["latitude"] is not None and m["longitude"] is not None,
}


@dataclass
class CoverageResult:
    missions: int
    by_organization: Counter = field(default_factory=Counter)
    by_decade: Counter = field(default_factory=Counter)
    by_region: Counter = field(default_factory=Counter)
    completeness: dict[str, float] = field(default_factory=dict)

    def tables(self) -> dict[str, list[dict]]:
        return {
            "by_organization": [
                {"organization": k, "missions": v}
                for k, v in sorted(self.by_organization.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "by_decade": [{"decade": k, "missions": v} for k, v in sorted(self.by_decade.items())],
            "by_region": [
                {"region": k, "missions": v}
                for k, v in sorted(self.by_region.items(), key=lambda kv: -kv[1])
            ],
            "completeness": [
                {"field": k, "share": round(v, 3)} for k, v in self.completeness.items()
            ],
        }

    def to_frame(self):
        import pandas as pd

        rows = [
            {"table": table, "key": next(iter(row.values())), "value": list(row.values())[1]}
            for table, rows in self.tables().items()
            for row in rows
        ]
        return pd.DataFrame(rows, columns=["table", "key", "value"])


def coverage(missions: list[dict]) -> CoverageResult:
    """``missions``: register mission records. A mission counts once per region it serves."""
    result = CoverageResult(missions=len(missions))
    for mission in missions:
        result.by_organization[mission["lead_organization"]] += 1
        result.by_decade[f"{mission['start_date'][:3]}0s"] += 1
        for region in sorted({continent(c) for c in mission["host_countries"]} or {"Unknown"}):
            result.by_region[region] += 1
    total = len(missions) or 1
    result.completeness = {
        name: sum(1 for m in missions if test(m)) / total for name, test in COMPLETENESS.items()
    }
    return result
