"""Analytics on five-line inputs: each number below can be worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from peaceops.analytics.reach import reach
from peaceops.analytics.selection import select_missions
from peaceops.analytics.specialization import specialization
from peaceops.analytics.theater import complementarity, interactions, synergy
from peaceops.errors import InvalidArgument
from peaceops.model.snapshot import Snapshot

TODAY = dt.date(2020, 6, 30)


def mission(mid, org, kind, start, end, countries, functions, partners=()):
    return {
        "id": mid,
        "acronym": mid.upper(),
        "name": mid,
        "lead_organization": org,
        "partners": [{"organization": p, "role": "co_lead"} for p in partners],
        "kind": kind,
        "start_date": start,
        "end_date": end,
        "host_countries": countries,
        "functions": functions,
        "sources": ["s"],
    }


MISSIONS = [
    mission("civ-a", "eu", "civilian", "2014-01-01", None, ["MLI"], ["police", "ssr"]),
    mission("civ-b", "eu", "civilian", "2016-01-01", "2018-12-31", ["NER"], ["ssr"]),
    mission(
        "pko",
        "un",
        "mixed",
        "2013-07-01",
        None,
        ["MLI"],
        ["monitoring", "ssr", "protection_of_civilians"],
    ),
    mission("obs", "un", "military", "2000-01-01", "2001-12-31", ["ETH", "ERI"], ["monitoring"]),
    mission(
        "hyb", "au", "mixed", "2008-01-01", "2009-12-31", ["SDN"], ["monitoring"], partners=["un"]
    ),
]


def exchange(xid, giver, receiver, capability, regularity="ad_hoc", country="MLI"):
    return {
        "id": xid,
        "theater": country,
        "giver": giver,
        "receiver": receiver,
        "capability": capability,
        "regularity": regularity,
        "formality": "informal",
        "start_date": None,
        "end_date": None,
        "sources": ["s"],
    }


def snapshot(**extra) -> Snapshot:
    return Snapshot(missions=MISSIONS, today=TODAY, **extra)


def test_specialization_is_share_over_base_share():
    result = specialization(MISSIONS, TODAY, min_missions=1)
    # ssr: 3 of 5 missions; EU: 2 of 2 → RCA (2/2)/(3/5) = 1.67
    assert result.rca("eu", "ssr") == pytest.approx(1.67)
    # monitoring: 3 of 5; UN runs pko, obs and co-leads hyb → 3 of 3 → RCA 1.67
    assert result.rca("un", "monitoring") == pytest.approx(1.67)
    assert result.rca("eu", "monitoring") == 0.0
    division = {r["function"]: r["leader"] for r in result.division_of_labour()}
    assert division["police"] == "eu" and division["protection_of_civilians"] == "un"


def test_civilian_selection_and_period():
    civilian = select_missions(MISSIONS, kinds="civilian_only", today=TODAY)
    assert [m["id"] for m in civilian] == ["civ-a", "civ-b"]
    in_2001 = select_missions(MISSIONS, period=(2001, 2001), today=TODAY)
    assert [m["id"] for m in in_2001] == ["obs"]
    with pytest.raises(InvalidArgument):
        select_missions(MISSIONS, kinds=("naval",), today=TODAY)


def test_reach_counts_mission_years_per_country():
    by_country = {(r["organization"], r["country"]): r for r in reach(MISSIONS, TODAY).by_country()}
    assert by_country[("eu", "MLI")]["mission_years"] == 7  # 2014..2020
    assert by_country[("un", "ERI")]["mission_years"] == 2  # 2000, 2001
    assert by_country[("au", "SDN")]["first_year"] == 2008
    assert reach(MISSIONS, TODAY).map_data()["un"]["SDN"] == 2  # co-lead counts


def test_complementarity_classifies_dyads():
    result = complementarity(snapshot(), "MLI")
    [dyad] = result.dyads
    assert (dyad["organization_a"], dyad["organization_b"]) == ("eu", "un")
    assert dyad["shared_functions"] == ["ssr"]
    assert dyad["overlap"] == 0.5 and dyad["classification"] == "overlapping"
    coverage = {c["function"]: c["coverage"] for c in result.coverage}
    assert coverage["ssr"] == "several" and coverage["police"] == "single"
    assert coverage["ddr"] == "none"


def test_friction_makes_a_dyad_competing():
    friction = {
        "id": "f1",
        "theater": "MLI",
        "kind": "competition",
        "organization_a": "un",
        "organization_b": "eu",
        "sources": ["s"],
    }
    [dyad] = complementarity(snapshot(frictions=[friction]), "MLI").dyads
    assert dyad["classification"] == "competing" and dyad["evidence"] == ["f1"]


def test_interaction_ladder_rises_with_evidence():
    assert interactions(snapshot(), "MLI").level("eu", "un") == "co_presence"
    meeting = {
        "id": "m",
        "theater": "MLI",
        "participants": ["eu", "un"],
        "regularity": "systematic",
        "start_date": None,
        "end_date": None,
        "sources": ["s"],
    }
    assert interactions(snapshot(meetings=[meeting]), "MLI").level("un", "eu") == "coordination"
    one_way = interactions(
        snapshot(meetings=[meeting], exchanges=[exchange("x1", "un", "eu", "information")]), "MLI"
    )
    dyad = one_way.dyad("eu", "un")
    assert dyad["level"] == "ad_hoc_exchange" and dyad["direction"] == "un->eu"
    assert "staff" in dyad["capabilities_absent"]
    both = interactions(
        snapshot(
            exchanges=[
                exchange("x1", "un", "eu", "information"),
                exchange("x2", "eu", "un", "funding", "systematic"),
            ]
        ),
        "MLI",
    )
    assert both.dyad("eu", "un")["level"] == "systematic_exchange"
    assert both.dyad("eu", "un")["direction"] == "reciprocal"


def test_synergy_lists_unrealized_exchanges_with_reasons():
    spec = specialization(MISSIONS, TODAY, min_missions=1)
    result = synergy(snapshot(exchanges=[exchange("x1", "un", "eu", "information")]), "MLI", spec)
    keys = {
        (o["giver"], o["receiver"], o["capability"], o["function"]) for o in result.opportunities
    }
    assert ("eu", "un", "staff", "ssr") in keys  # EU specializes in ssr, UN has it
    assert ("eu", "un", "information", "ssr") in keys  # shared function, no EU → UN flow
    assert ("un", "eu", "information", "ssr") not in keys  # realized
    assert ("un", "eu", "mission_support", None) in keys  # UN mixed, EU civilian
    first = result.opportunities[0]
    assert first["rank"] == 1 and "no staff exchange EU → UN is recorded" in first["explanation"]
    [dyad] = result.dyads
    assert dyad["realized"] == 1 and dyad["potential"] > 1
