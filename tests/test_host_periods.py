"""Host countries with their own period: a mission counts in a country only while it was there
(the OSCE Mission to Serbia covered Montenegro until 29 June 2006; Mali left the G5 Sahel Joint
Force on 15 May 2022, which went on in Niger, Chad and elsewhere until December 2023)."""

from __future__ import annotations


def mission_ids(registry, **filters) -> set[str]:
    return {m["id"] for m in registry.list("missions", **filters)}


def test_the_hosting_period_is_part_of_the_mission_record(shipped_registry):
    serbia = shipped_registry.get("missions", "osce-mission-serbia")
    assert {"country": "MNE", "start_date": None, "end_date": "2006-06-29"} in serbia["hosts"]
    assert {"country": "SRB", "start_date": None, "end_date": None} in serbia["hosts"]
    assert serbia["host_countries"] == ["MNE", "SRB"]


def test_country_and_year_filters_use_the_hosting_period(shipped_registry):
    reg = shipped_registry
    assert "osce-mission-serbia" in mission_ids(reg, country="MNE", year=2005)
    assert "osce-mission-serbia" in mission_ids(reg, country="MNE", year=2006)
    assert "osce-mission-serbia" not in mission_ids(reg, country="MNE", year=2010)
    assert "osce-mission-montenegro" in mission_ids(reg, country="MNE", year=2010)
    assert "osce-mission-serbia" in mission_ids(reg, country="SRB", year=2010)
    assert "g5-sahel-joint-force" in mission_ids(reg, country="MLI", year=2022)
    assert "g5-sahel-joint-force" not in mission_ids(reg, country="MLI", year=2023)
    assert "g5-sahel-joint-force" in mission_ids(reg, country="NER", year=2023)


def test_per_country_analyses_see_the_narrowed_period(shipped_registry):
    reg = shipped_registry
    montenegro = {m["id"]: m for m in reg.country_view("MNE")["missions"]}
    assert montenegro["osce-mission-serbia"]["end_date"] == "2006-06-29"
    assert reg.get("missions", "osce-mission-serbia")["end_date"] is None  # still running
    macedonia = {m["id"]: m for m in reg.country_view("MKD")["missions"]}
    assert macedonia["unprofor"]["start_date"] == "1992-12-11"  # S/RES/795, not 1992-02
    reach = {(r["organization"], r["country"], r["year"]): r["missions"] for r in reg.reach().rows}
    assert reach[("osce", "MNE", 2005)] == 1  # the Mission to Serbia and Montenegro
    assert reach[("osce", "MNE", 2006)] == 2  # both, in the year of the handover
    assert reach[("osce", "MNE", 2010)] == 1  # the Mission to Montenegro only
    g5 = reg.get("missions", "g5-sahel-joint-force")["lead_organization"]
    assert (g5, "MLI", 2022) in reach and (g5, "MLI", 2023) not in reach
    assert (g5, "NER", 2023) in reach
