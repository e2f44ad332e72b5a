"""The shipped data package tests itself: valid, canonical, fully sourced, and the three field
sites of the seed research (Kosovo, Mali, Armenia) present with what the sources document."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from peaceops.datapackage import read_package, shipped_package_dir
from peaceops.datapackage.tables import format_table
from peaceops.datapackage.validate import validate_package

SEED = "psd-international-organizations-2020"


@pytest.fixture(scope="module")
def package():
    return read_package(shipped_package_dir())


def test_shipped_package_has_no_error(package):
    report = validate_package(package)
    assert report.errors == [], "\n".join(f"{i.location()} {i.message}" for i in report.errors)
    assert report.rows_checked > 1000


def test_shipped_files_are_in_canonical_form(package):
    for name, table in package.tables.items():
        path = shipped_package_dir() / table.schema.path
        assert path.read_text(encoding="utf-8") == format_table(table.schema, table.rows), name


@pytest.mark.parametrize(
    "resource",
    [
        "missions",
        "mission_functions",
        "exchanges",
        "meetings",
        "mission_acts",
        "transitions",
        "absences",
    ],
)
def test_every_assertion_row_cites_an_existing_source(package, resource):
    sources = {row["id"] for row in package.rows("sources")}
    rows = package.rows(resource)
    assert rows
    uncited = [row for row in rows if row["source_id"] not in sources]
    assert uncited == []


def test_frictionless_accepts_the_package():
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    if frictionless is None:
        pytest.skip("frictionless is not installed")
    done = subprocess.run(
        [frictionless, "validate", "--json", "datapackage.json"],
        cwd=shipped_package_dir(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]


# -- the three field sites ------------------------------------------------------------------

FIELD_SITES = {
    "MLI": {
        "afisma",
        "minusma",
        "unom",
        "operation-serval",
        "operation-barkhane",
        "task-force-takuba",
        "eutm-mali",
        "eucap-sahel-mali",
        "g5-sahel-joint-force",
    },
    "XKX": {"unmik", "kfor", "osce-kvm", "osce-mission-kosovo", "eupt-kosovo", "eulex-kosovo"},
    "ARM": {"osce-office-yerevan", "eumcap-armenia", "euma"},
}


@pytest.mark.parametrize("country", sorted(FIELD_SITES))
def test_field_site_missions_are_complete(shipped_registry, country):
    missions = {m["id"]: m for m in shipped_registry.list("missions", country=country)}
    assert FIELD_SITES[country] <= set(missions)
    for mission in missions.values():
        assert mission["start_date"] and mission["sources"], mission["id"]
        assert mission["authorizations"], f"{mission['id']} has no act"
    for mission_id in FIELD_SITES[country] - {"eupt-kosovo"}:  # EUPT only planned
        assert missions[mission_id]["functions"], mission_id


def test_kosovo_answers_to_kos_as_well(shipped_registry):
    as_kos = [m["id"] for m in shipped_registry.list("missions", country="KOS")]
    assert as_kos == [m["id"] for m in shipped_registry.list("missions", country="XKX")]


def test_afisma_hands_over_to_minusma_on_1_july_2013(shipped_registry):
    minusma = shipped_registry.get("missions", "minusma")
    handover = [t for t in minusma["transitions"] if t["from_mission"] == "afisma"]
    assert {t["kind"] for t in handover} >= {"handover"}
    assert {t["date"] for t in handover} == {"2013-07-01"}
    assert any(
        a["symbol"] == "S/RES/2100 (2013)" and a["action"] == "establish"
        for a in minusma["authorizations"]
    )


def test_key_authorizing_acts(shipped_registry):
    def symbols(mission_id):
        return {a["symbol"] for a in shipped_registry.get("missions", mission_id)["authorizations"]}

    assert "S/RES/1244 (1999)" in symbols("unmik")
    assert "S/RES/1244 (1999)" in symbols("kfor")
    assert "PC.DEC/305" in symbols("osce-mission-kosovo")
    assert "Joint Action 2008/124/CFSP" in symbols("eulex-kosovo")
    assert "Council Decision 2014/219/CFSP" in symbols("eucap-sahel-mali")
    assert "PC.DEC/314" in symbols("osce-office-yerevan")


# Findings of Dijkstra et al. (2018) as summarized in seed 000: each pinned to its source.


def test_seed_regular_meetings_in_kosovo_and_mali_not_in_armenia(shipped_registry):
    for country in ("XKX", "MLI"):
        regular = [
            m
            for m in shipped_registry.list("meetings", country=country)
            if m["regularity"] == "systematic" and SEED in m["sources"]
        ]
        assert regular, country
        assert {"eu", "un"} <= set(regular[0]["participants"])
    armenia = shipped_registry.list("absences", country="ARM").records
    assert any(
        a["interaction"] == "coordination"
        and a["function"] == "ssr"
        and set(a["parties"]) == {"eu", "un", "osce"}
        and a["sources"] == [SEED]
        for a in armenia
    )


def test_seed_no_staff_exchange_in_any_field_site(shipped_registry):
    for country in ("XKX", "MLI", "ARM"):
        absences = shipped_registry.list("absences", country=country).records
        assert any(
            a["interaction"] == "exchange" and a["capability"] == "staff" and a["sources"] == [SEED]
            for a in absences
        ), country


def test_seed_exchanges(shipped_registry):
    def seeded(country, capability):
        return {
            (x["giver"], x["receiver"])
            for x in shipped_registry.list("exchanges", country=country, capability=capability)
            if x["sources"] == [SEED]
        }

    assert ("un", "eu") in seeded("MLI", "information")  # EU draws on UN intelligence
    assert {("un", "eu"), ("osce", "eu")} <= seeded("XKX", "information")  # field reporting
    assert ("eu", "osce") in seeded("XKX", "funding")  # the EU funds the OSCE
    assert {("eu", "osce"), ("un", "osce")} <= seeded("ARM", "political_support")  # mediator
    assert {("un", "osce"), ("osce", "un")} <= seeded("XKX", "political_support")  # logos
    seed_rows = [
        x
        for c in ("XKX", "MLI", "ARM")
        for x in shipped_registry.list("exchanges", country=c)
        if x["sources"] == [SEED]
    ]
    assert all(x["regularity"] in ("ad_hoc", None) for x in seed_rows)
