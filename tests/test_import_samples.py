"""Real files nobody on the team wrote (../shared/data/samples): each imports or is refused for a
stated reason, nothing crashes, and every value that does not map is listed in the report.

These tests check behaviour, not the exact figures of these particular files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peaceops.errors import PeaceOpsError
from peaceops.importers.limits import ImportRefused
from tests.conftest import SHARED_DATA

SAMPLES = SHARED_DATA / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data is absent")


def sample_files(folder: str, pattern: str) -> list[Path]:
    return sorted((SAMPLES / folder).glob(pattern)) if SAMPLES.is_dir() else []


def _ids(paths):
    return [p.name for p in paths]


IATI = sample_files("iati", "*.xml")
HXL = sample_files("hxl", "*.csv")
CODELISTS = sample_files("iati_codelists", "*.xml")


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    import peaceops

    return peaceops.open(f"sqlite:///{tmp_path_factory.mktemp('samples') / 'r.sqlite3'}")


def listed(report, field: str) -> str:
    """Every mapped and unmapped value of a field, as one searchable text."""
    values = list(report.mapped.get(field, {})) + [
        u.value for u in report.unmapped if u.field == field
    ]
    return "\n".join(values)


@needs_samples
@pytest.mark.parametrize("path", IATI, ids=_ids(IATI))
def test_iati_sample_imports_with_every_unmapped_value_listed(path, registry):
    from lxml import etree

    report = registry.import_file(path, dry_run=True)
    assert report.kind == "iati" and report.ok, report.errors
    assert report.rows_read > 0
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    organizations = listed(report, "organization")
    for element in tree.iter("participating-org", "provider-org", "receiver-org"):
        ref = (element.get("ref") or "").strip()
        names = [" ".join(n.text.split()) for n in element.findall("narrative") if n.text]
        label = (names[0] if names else "") or ref
        if label:
            assert label in organizations, f"{label!r} neither mapped nor listed"
    sectors = listed(report, "sector")
    for sector in tree.iter("sector"):
        assert sector.get("code") in sectors
    countries = listed(report, "country")
    for country in tree.iter("recipient-country"):
        assert country.get("code") in countries
    for region in tree.iter("recipient-region"):
        assert f"region {region.get('code')}" in countries
    exchanges = report.records.get("exchanges")
    if exchanges:
        assert (
            report.source_id
            and report.records["sources"].created + report.records["sources"].unchanged == 1
        )


@needs_samples
@pytest.mark.parametrize("path", HXL, ids=_ids(HXL))
def test_hxl_sample_imports_with_every_unmapped_value_listed(path, registry):
    report = registry.import_file(path, dry_run=True)
    assert report.kind == "hxl" and report.ok, report.errors
    assert report.rows_read > 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    tag_row = next(i for i, r in enumerate(rows) if any(c.strip().startswith("#") for c in r))
    tags = [c.replace(" ", "") for c in rows[tag_row]]
    organizations = listed(report, "organization")
    sectors = listed(report, "sector")
    for row in rows[tag_row + 1 :]:
        for tag, value in zip(tags, row, strict=False):
            value = " ".join(value.split())
            if not value:
                continue
            if tag.startswith("#org") and "+type" not in tag:
                assert value in organizations, f"{value!r} neither mapped nor listed"
            if tag.startswith("#sector"):
                assert value in sectors, f"{value!r} neither mapped nor listed"
    assert any("presence" in note for note in report.notes)


@needs_samples
@pytest.mark.parametrize("path", CODELISTS, ids=_ids(CODELISTS))
def test_codelist_files_are_refused_with_a_reason(path, registry):
    before = registry.counts()
    with pytest.raises(ImportRefused) as refused:
        registry.import_file(path)
    assert refused.value.code == "unknown_format"
    assert "not IATI activity XML" in refused.value.message
    assert registry.counts() == before


@needs_samples
def test_dac_crosswalk_agrees_with_the_sector_codelist():
    """Every mapped DAC code exists and is active in the IATI Sector codelist; every active
    152xx code is either mapped or has a stated reason not to be."""
    import defusedxml.ElementTree as ET

    from peaceops.importers.crosswalks import DAC_SECTOR_FUNCTIONS, DAC_SECTOR_UNMAPPED_REASONS
    from peaceops.model.vocabulary import FUNCTIONS

    path = SAMPLES / "iati_codelists" / "Sector.xml"
    status = {
        item.findtext("code"): item.get("status", "active")
        for item in ET.parse(str(path)).getroot().iter("codelist-item")
    }
    for code, function in DAC_SECTOR_FUNCTIONS.items():
        assert status.get(code) == "active", code
        assert function in FUNCTIONS
    for code, state in status.items():
        if code.startswith("152") and state == "active":
            assert code in DAC_SECTOR_FUNCTIONS or code in DAC_SECTOR_UNMAPPED_REASONS, code
    for code, reason in DAC_SECTOR_UNMAPPED_REASONS.items():
        if status.get(code) == "withdrawn":
            assert "withdrawn" in reason


@needs_samples
def test_iati_funding_import_is_atomic_sourced_and_idempotent(tmp_path):
    import peaceops

    registry = peaceops.open(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    path = SAMPLES / "iati" / "iati-viz__dportal_78_EC-FPI.xml"
    preview = registry.import_file(path, dry_run=True)
    first = registry.import_file(path)
    assert first.committed
    assert {k: v.created for k, v in first.records.items()} == {
        k: v.created for k, v in preview.records.items()
    }
    version = registry.version()
    again = registry.import_file(path)
    assert again.changes == 0 and registry.version() == version
    written = [x for x in registry.list("exchanges").records if x["id"].startswith("iati-")]
    assert len(written) == first.records.get("exchanges").created if written else True
    for exchange in written:
        assert exchange["capability"] == "funding"
        assert exchange["sources"] == [first.source_id]
        assert exchange["giver"] != exchange["receiver"]
    if written:
        source = registry.get("sources", first.source_id)
        assert source["kind"] == "dataset" and path.name in source["citation"]


@needs_samples
def test_every_sample_file_either_imports_or_is_refused(registry):
    for path in sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README.md"):
        try:
            report = registry.import_file(path, dry_run=True)
        except PeaceOpsError as exc:
            assert exc.code and exc.message, path
        else:
            assert report.rows_read >= 0, path
