"""The register against the real reference files in ../shared/data (skipped when absent).

Every disagreement is printed; each must be fixed in the data or explained, with a source, in
crosscheck_exceptions.csv; explanations that no longer match anything must be removed."""

from __future__ import annotations

import datetime as dt

import pytest

from peaceops.analytics.crosscheck import crosscheck
from peaceops.importers import reference_datasets as ref
from peaceops.model.reference import ReferenceMission
from tests.conftest import SHARED_DATA

needs_shared = pytest.mark.skipif(
    not (SHARED_DATA / "un_psdata").exists(), reason="../shared/data is not present"
)


@pytest.fixture(scope="module")
def result(shipped_registry):
    return shipped_registry.crosscheck(SHARED_DATA)


@needs_shared
def test_every_disagreement_is_explained(result, capsys):
    with capsys.disabled():
        print(f"\n{len(result.disagreements)} disagreements with the reference datasets:")
        for d in result.disagreements:
            status = "explained" if d.excepted else "UNEXPLAINED"
            print(
                f"  [{status}] {d.dataset} {d.reference_key} {d.field}: register "
                f"{d.register_value!r} vs reference {d.reference_value!r}"
            )
    assert [d for d in result.unexplained] == []
    assert result.stale_exceptions == []


@needs_shared
def test_every_un_operation_is_in_the_register_or_explained(result):
    assert result.compared["un-psdata-pko"] == 81
    presence = [
        d for d in result.disagreements if d.dataset == "un-psdata-pko" and d.field == "presence"
    ]
    assert all(d.excepted for d in presence)
    assert result.matched["un-psdata-pko"] + len(presence) == 81


@needs_shared
def test_dates_agree_with_the_un_list_for_95_percent(result):
    assert result.date_agreement("un-psdata-pko") >= 0.95


@needs_shared
def test_reference_parsers_handle_documented_quirks():
    un = {
        r.key: r
        for r in ref.read_un_psdata_missions(
            SHARED_DATA / "un_psdata" / "DPPADPOSS-PKO.csv"
        ).records
    }
    assert un["UNPSG"].latitude == pytest.approx(45.8167)  # decimal comma
    assert un["MINUSMA"].end_open is True  # Feb 2024 snapshot
    walk = {
        r.key: r
        for r in ref.read_un_psdata_crosswalk(
            SHARED_DATA / "un_psdata" / "unpko_country_crosswalk.csv"
        ).records
    }
    assert walk["UNMIK"].countries == {"SRB", "XKX"}  # KSV mapped to XKX
    assert walk["UNYOM"].countries == {"YEM"}  # YAR mapped to YEM
    ipi = {
        r.key: r
        for r in ref.read_ipi_missions(
            SHARED_DATA / "ipi_peacekeeping" / "data_mission.csv",
            SHARED_DATA / "ipi_peacekeeping" / "missions.json",
        ).records
    }
    assert ipi["MINUSMA"].start == dt.date(2013, 7, 1)
    assert ipi["MINUSMA"].latitude == pytest.approx(12.65)  # missions.json is the right way
    geo = {
        r.key: r for r in ref.read_geo_pko(SHARED_DATA / "geo_pko" / "FrontMap_v.2.3.csv").records
    }
    assert "COD" in geo["MONUSCO"].countries  # 'DRC' resolved


def test_crosscheck_logic_on_five_lines():
    missions = [
        {
            "id": "minusma",
            "acronym": "MINUSMA",
            "lead_organization": "un",
            "start_date": "2013-07-01",
            "end_date": "2023-12-31",
            "host_countries": ["MLI"],
            "latitude": 12.65,
            "longitude": -8.0,
        }
    ]
    refs = [
        ReferenceMission(
            "un-psdata-pko",
            "MINUSMA",
            start=dt.date(2013, 7, 20),
            end=None,
            end_open=True,
            latitude=-8.0,
            longitude=12.65,
        ),
        ReferenceMission("un-psdata-pko", "UNOSOM", name="aggregate"),
    ]
    exceptions = [
        {
            "dataset": "un-psdata-pko",
            "reference_key": "UNOSOM",
            "field": "presence",
            "mission_id": "",
            "explanation": "aggregate row",
        },
        {
            "dataset": "un-psdata-pko",
            "reference_key": "UNEF",
            "field": "presence",
            "mission_id": "",
            "explanation": "no longer needed",
        },
    ]
    result = crosscheck(missions, refs, exceptions)
    fields = {(d.reference_key, d.field): d.excepted for d in result.disagreements}
    assert fields == {
        ("MINUSMA", "status"): False,
        ("MINUSMA", "headquarters"): False,
        ("UNOSOM", "presence"): True,
    }  # 19 days apart: start agrees
    assert [e["reference_key"] for e in result.stale_exceptions] == ["UNEF"]
    assert result.date_agreement() == 1.0  # the status differs, the dates do not
