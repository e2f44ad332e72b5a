"""Theater analytics: who is present in a country, how complementary their mandates are, how far
they actually work together (the interaction ladder), and what synergy is left unrealized.

All functions take a ``Snapshot`` (plain records) and a country code; see docs/method.md for
definitions and thresholds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from peaceops.analytics.periods import interval, overlap, within
from peaceops.analytics.selection import running_organizations
from peaceops.analytics.specialization import SpecializationResult
from peaceops.model import vocabulary as V
from peaceops.model.snapshot import Snapshot

OVERLAP_THRESHOLD = 0.5  # overlap coefficient from which a dyad counts as overlapping
SPECIALIZATION_THRESHOLD = 1.5  # RCA from which an organization counts as a specialist
LADDER = ("none", "co_presence", "coordination", "ad_hoc_exchange", "systematic_exchange")
MILITARY_KINDS = ("military", "mixed")


@dataclass
class Presence:
    organization: str
    missions: list[dict]
    functions: set[str]
    start: dt.date
    end: dt.date


def presences(snapshot: Snapshot, country: str, period=None) -> dict[str, Presence]:
    found: dict[str, Presence] = {}
    for mission in snapshot.in_country(country, "missions"):
        if not within(mission, period, snapshot.today):
            continue
        start, end = interval(mission, snapshot.today)
        for org in running_organizations(mission):
            p = found.setdefault(org, Presence(org, [], set(), start, end))
            p.missions.append(mission)
            p.functions |= set(mission["functions"])
            p.start, p.end = min(p.start, start), max(p.end, end)
    return found


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _co_present_years(pa: Presence, pb: Presence, today: dt.date) -> float:
    """Years during which missions of both organizations ran at the same time."""
    days = 0
    for ma in pa.missions:
        for mb in pb.missions:
            span = overlap(interval(ma, today), interval(mb, today))
            if span:
                days = max(days, (span[1] - span[0]).days)
    return round(days / 365.25, 1)


# -- complementarity ------------------------------------------------------------------------


@dataclass
class ComplementarityResult:
    country: str
    missions: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)  # function → organizations, class
    dyads: list[dict] = field(default_factory=list)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.dyads)


def complementarity(snapshot: Snapshot, country: str, period=None) -> ComplementarityResult:
    present = presences(snapshot, country, period)
    result = ComplementarityResult(country)
    for p in present.values():
        for m in p.missions:
            if p.organization == m["lead_organization"]:
                result.missions.append(
                    {
                        "id": m["id"],
                        "acronym": m["acronym"] or m["name"],
                        "organization": p.organization,
                        "kind": m["kind"],
                        "start_date": m["start_date"],
                        "end_date": m["end_date"],
                        "functions": m["functions"],
                    }
                )
    result.missions.sort(key=lambda m: (m["start_date"], m["id"]))
    for function in V.FUNCTIONS:
        orgs = sorted(o for o, p in present.items() if function in p.functions)
        result.coverage.append(
            {
                "function": function,
                "organizations": orgs,
                "coverage": "none" if not orgs else "single" if len(orgs) == 1 else "several",
            }
        )
    frictions = defaultdict(list)
    for f in snapshot.in_country(country, "frictions"):
        frictions[_pair(f["organization_a"], f["organization_b"])].append(f)
    for a, b in itertools.combinations(sorted(present), 2):
        pa, pb = present[a], present[b]
        years = _co_present_years(pa, pb, snapshot.today)
        if not years and not overlap((pa.start, pa.end), (pb.start, pb.end)):
            continue
        shared = sorted(pa.functions & pb.functions)
        smaller = min(len(pa.functions), len(pb.functions)) or 1
        coefficient = round(len(shared) / smaller, 2)
        competing = [f for f in frictions[(a, b)] if f["kind"] in ("competition", "duplication")]
        kind = (
            "competing"
            if competing
            else "overlapping"
            if coefficient >= OVERLAP_THRESHOLD
            else "complementary"
        )
        result.dyads.append(
            {
                "organization_a": a,
                "organization_b": b,
                "co_present_years": years,
                "shared_functions": shared,
                "only_a": sorted(pa.functions - pb.functions),
                "only_b": sorted(pb.functions - pa.functions),
                "overlap": coefficient,
                "classification": kind,
                "evidence": [f["id"] for f in frictions[(a, b)]],
            }
        )
    return result


# -- interaction ladder ---------------------------------------------------------------------


@dataclass
class InteractionResult:
    country: str
    dyads: list[dict] = field(default_factory=list)

    def level(self, a: str, b: str) -> str:
        key = _pair(a, b)
        for d in self.dyads:
            if (d["organization_a"], d["organization_b"]) == key:
                return d["level"]
        return "none"

    def dyad(self, a: str, b: str) -> dict | None:
        key = _pair(a, b)
        return next(
            (d for d in self.dyads if (d["organization_a"], d["organization_b"]) == key), None
        )

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.dyads)


def interactions(snapshot: Snapshot, country: str, period=None) -> InteractionResult:
    present = presences(snapshot, country, period)
    meetings = [
        m for m in snapshot.in_country(country, "meetings") if within(m, period, snapshot.today)
    ]
    exchanges = [
        x for x in snapshot.in_country(country, "exchanges") if within(x, period, snapshot.today)
    ]
    absences = snapshot.in_country(country, "absences")
    pairs: set[tuple[str, str]] = set()
    for a, b in itertools.combinations(sorted(present), 2):
        if overlap((present[a].start, present[a].end), (present[b].start, present[b].end)):
            pairs.add((a, b))
    for m in meetings:
        pairs.update(_pair(a, b) for a, b in itertools.combinations(m["participants"], 2))
    pairs.update(_pair(x["giver"], x["receiver"]) for x in exchanges if x["giver"] != x["receiver"])
    for absence in absences:
        pairs.update(_pair(a, b) for a, b in itertools.combinations(absence["parties"], 2))

    result = InteractionResult(country)
    for a, b in sorted(pairs):
        co_present = (a, b) in {
            _pair(x, y) for x, y in itertools.combinations(present, 2)
        } and bool(overlap((present[a].start, present[a].end), (present[b].start, present[b].end)))
        their_meetings = [m for m in meetings if {a, b} <= set(m["participants"])]
        their_exchanges = [x for x in exchanges if {x["giver"], x["receiver"]} == {a, b}]
        their_absences = [x for x in absences if {a, b} <= set(x["parties"])]
        level = "co_presence" if co_present else "none"
        if their_meetings:
            level = "coordination"
        if their_exchanges:
            level = "ad_hoc_exchange"
        if any(x["regularity"] == "systematic" for x in their_exchanges):
            level = "systematic_exchange"
        directions = {(x["giver"], x["receiver"]) for x in their_exchanges}
        exchanged = sorted({x["capability"] for x in their_exchanges})
        result.dyads.append(
            {
                "organization_a": a,
                "organization_b": b,
                "co_present": co_present,
                "level": level,
                "level_rank": LADDER.index(level),
                "meetings": [m["id"] for m in their_meetings],
                "regular_meetings": any(m["regularity"] == "systematic" for m in their_meetings),
                "exchanges": [x["id"] for x in their_exchanges],
                "direction": None
                if not directions
                else "reciprocal"
                if len(directions) == 2
                else f"{min(directions)[0]}->{min(directions)[1]}",
                "regularity": sorted({x["regularity"] or "unknown" for x in their_exchanges}),
                "formality": sorted({x["formality"] or "unknown" for x in their_exchanges}),
                "capabilities": exchanged,
                "capabilities_absent": [c for c in V.CAPABILITIES if c not in exchanged],
                "documented_absences": [x["id"] for x in their_absences],
                "sources": sorted(
                    {
                        s
                        for x in their_meetings + their_exchanges + their_absences
                        for s in x["sources"]
                    }
                ),
            }
        )
    result.dyads.sort(key=lambda d: (-d["level_rank"], d["organization_a"], d["organization_b"]))
    return result


# -- synergy gap ----------------------------------------------------------------------------


@dataclass
class SynergyResult:
    country: str
    dyads: list[dict] = field(default_factory=list)  # potential vs realized per dyad
    opportunities: list[dict] = field(default_factory=list)  # ranked

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.opportunities)


def synergy(
    snapshot: Snapshot, country: str, specialization: SpecializationResult, period=None
) -> SynergyResult:
    present = presences(snapshot, country, period)
    exchanges = snapshot.in_country(country, "exchanges")
    realized = {(x["giver"], x["receiver"], x["capability"]) for x in exchanges}
    funders = defaultdict(int)
    for x in snapshot.exchanges:
        if x["capability"] == "funding":
            funders[x["giver"]] += 1
    documented_gaps = {
        (frozenset(a["parties"]), a["capability"])
        for a in snapshot.in_country(country, "absences")
        if a["interaction"] == "exchange"
    }
    result = SynergyResult(country)
    for a, b in itertools.combinations(sorted(present), 2):
        years = _co_present_years(present[a], present[b], snapshot.today)
        if not years:
            continue
        potential: list[dict] = []
        for giver, receiver in ((a, b), (b, a)):
            potential.extend(
                _potential(giver, receiver, present, specialization, funders, years, country)
            )
        for item in potential:
            item["realized"] = (item["giver"], item["receiver"], item["capability"]) in realized
            item["documented_absence"] = (frozenset({a, b}), item["capability"]) in documented_gaps
        open_items = [p for p in potential if not p["realized"]]
        keys = {(p["giver"], p["receiver"], p["capability"]) for p in potential}
        done = {k for k in realized if {k[0], k[1]} == {a, b}}
        result.dyads.append(
            {
                "organization_a": a,
                "organization_b": b,
                "co_present_years": years,
                "potential": len(keys | done),
                "realized": len(done),
                "realization": round(len(done) / len(keys | done), 2) if keys | done else None,
            }
        )
        result.opportunities.extend(open_items)
    result.opportunities.sort(
        key=lambda o: (
            -o["score"],
            o["giver"],
            o["receiver"],
            o["capability"],
            o.get("function") or "",
        )
    )
    for rank, item in enumerate(result.opportunities, 1):
        item["rank"] = rank
    return result


def _potential(
    giver: str,
    receiver: str,
    present: dict[str, Presence],
    spec: SpecializationResult,
    funders: dict[str, int],
    years: float,
    country: str,
) -> list[dict]:
    g, r = present[giver], present[receiver]
    weight = min(years, 10.0)
    items = []

    def add(capability: str, function: str | None, score: float, why: str) -> None:
        items.append(
            {
                "giver": giver,
                "receiver": receiver,
                "capability": capability,
                "function": function,
                "score": round(score, 2),
                "explanation": why,
            }
        )

    for function in sorted(r.functions):
        rca = spec.rca(giver, function)
        if (
            rca >= SPECIALIZATION_THRESHOLD
            and spec.missions_by_organization.get(giver, 0) >= spec.min_missions
        ):
            add(
                "staff",
                function,
                weight * rca,
                f"{giver.upper()} specializes in {function} (RCA {rca:.2f} across its missions) "
                f"and {receiver.upper()} is mandated with {function} in {country}; no staff "
                f"exchange {giver.upper()} → {receiver.upper()} is recorded.",
            )
    for function in sorted(g.functions & r.functions):
        add(
            "information",
            function,
            weight,
            f"Both {giver.upper()} and {receiver.upper()} are mandated with {function} in "
            f"{country}; no information flow {giver.upper()} → {receiver.upper()} is recorded.",
        )
    if any(m["kind"] in MILITARY_KINDS for m in g.missions) and any(
        m["kind"] in ("civilian", "police") for m in r.missions
    ):
        add(
            "mission_support",
            None,
            weight * 0.8,
            f"{giver.upper()} runs a military or mixed mission in {country} and "
            f"{receiver.upper()} a civilian one; no mission support (security, logistics) "
            f"{giver.upper()} → {receiver.upper()} is recorded.",
        )
    if funders.get(giver):
        add(
            "funding",
            None,
            weight * 0.6,
            f"{giver.upper()} funds other organizations ({funders[giver]} funding exchanges "
            f"recorded); no funding {giver.upper()} → {receiver.upper()} in {country} is "
            f"recorded.",
        )
    if "mediation" in r.functions:
        add(
            "political_support",
            "mediation",
            weight * 0.5,
            f"{receiver.upper()} is mandated with mediation in {country}; no political support "
            f"{giver.upper()} → {receiver.upper()} is recorded.",
        )
    return items
