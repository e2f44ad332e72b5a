"""Export of a filtered selection in every format; export → import reproduces the selection."""

from __future__ import annotations

import csv
import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import peaceops


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """A register with the curated data (read-only in this module)."""
    return peaceops.open(f"sqlite:///{tmp_path_factory.mktemp('export') / 'full.sqlite3'}")


def fresh(tmp_path: Path, name: str = "fresh"):
    return peaceops.open(f"sqlite:///{tmp_path / f'{name}.sqlite3'}", load_if_empty=False)


def package_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".csv", ".json"))


def same_package(a: Path, b: Path) -> list[str]:
    _, mismatch, errors = filecmp.cmpfiles(a, b, package_files(a), shallow=False)
    return mismatch + errors


@pytest.fixture(scope="module")
def mali(full, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mali") / "package"
    full.export_selection(folder, "datapackage", country="MLI")
    return folder


def test_selection_is_closed_and_smaller_than_the_register(full, mali):
    rows = {p.stem: list(csv.DictReader(p.open(encoding="utf-8"))) for p in mali.glob("*.csv")}
    missions = {r["id"] for r in rows["missions"]}
    assert "minusma" in missions and "eulex-kosovo" not in missions
    assert len(rows["missions"]) < len(full.list("missions").records)
    assert all(r["mission_id"] in missions for r in rows["mission_countries"])
    assert all(r["theater"] == "MLI" for r in rows["exchanges"])
    sources = {r["id"] for r in rows["sources"]}
    organizations = {r["id"] for r in rows["organizations"]}
    for name, table in rows.items():
        for row in table:
            if row.get("source_id"):
                assert row["source_id"] in sources, (name, row)
    for row in rows["exchanges"]:
        assert row["giver_organization_id"] in organizations


def test_selection_package_passes_frictionless(mali):
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    if frictionless is None:
        pytest.skip("frictionless is not installed")
    done = subprocess.run(
        [frictionless, "validate", "--json", "datapackage.json"],
        cwd=mali,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_selection_package_passes_our_validator(full, mali):
    report = full.validate(mali, database=False)[0]
    assert report.ok, report.errors[:5]


@pytest.mark.parametrize(
    ("fmt", "output"),
    [("xlsx", "mali.xlsx"), ("csv", "mali-csv"), ("datapackage", "mali-package")],
)
def test_export_then_import_reproduces_the_selection(full, mali, tmp_path, fmt, output):
    path = tmp_path / output
    full.export_selection(path, fmt, country="MLI")
    target = fresh(tmp_path)
    report = target.import_file(path)
    assert report.committed and report.ok, report.errors[:5]
    target.export(tmp_path / "back")
    assert same_package(mali, tmp_path / "back") == []
    again = target.import_file(path)
    assert again.changes == 0  # idempotent


def test_single_resource_csv_round_trip(full, tmp_path):
    path = tmp_path / "sources.csv"
    full.export_selection(path, "csv", organization="osce")
    target = fresh(tmp_path)
    report = target.import_file(path)
    assert report.kind == "csv" and report.committed
    assert report.records["sources"].created == len(path.read_text().splitlines()) - 1
    target.export(tmp_path / "back")
    assert (tmp_path / "back" / "sources.csv").read_text() == path.read_text()


def test_json_export_holds_typed_rows(full, tmp_path):
    path = tmp_path / "mali.json"
    full.export_selection(path, "json", country="MLI")
    document = json.loads(path.read_text())
    assert document["filters"] == {"country": "MLI"}
    missions = document["resources"]["missions"]
    assert missions and all(isinstance(m["latitude"], float | None) for m in missions)
    assert all(m["end_date"] is None or len(m["end_date"]) == 10 for m in missions)


def test_geojson_puts_missions_at_their_headquarters(full, tmp_path):
    path = tmp_path / "mali.geojson"
    result = full.export_selection(path, "geojson", country="MLI")
    collection = json.loads(path.read_text())
    assert collection["type"] == "FeatureCollection"
    records = {m["id"]: m for m in full.list("missions", country="MLI").records}
    located = [m for m in records.values() if m["latitude"] is not None]
    assert len(collection["features"]) == len(located) == result.counts["missions"]
    for feature in collection["features"]:
        mission = records[feature["id"]]
        assert feature["geometry"]["coordinates"] == [mission["longitude"], mission["latitude"]]
        assert feature["properties"]["host_countries"] == mission["host_countries"]
    skipped = len(records) - len(located)
    assert (f"{skipped} mission(s)" in result.notes[0]) if skipped else result.notes == []


def test_hxl_export_reads_back_with_everything_mapped(full, tmp_path):
    path = tmp_path / "mali-hxl.csv"
    full.export_selection(path, "hxl", country="MLI")
    lines = path.read_text().splitlines()
    assert lines[1].startswith("#activity+code,")
    report = full.import_file(path, "hxl", dry_run=True)
    assert report.ok
    assert [u for u in report.unmapped if u.field in ("organization", "country")] == []
    assert "MLI" in report.mapped["country"].values()
    assert not [u for u in report.unmapped if u.field == "sector"]


def test_formula_like_text_is_neutralized_on_export_and_restored(tmp_path, mini_package):
    registry = fresh(tmp_path)
    registry.load(mini_package)
    header = "id,kind,citation,document_symbol,url,publisher,published,accessed"
    source = tmp_path / "sources.csv"
    source.write_text(f"{header}\nformula-test,study,'=1+2 is text,,,,,\n", encoding="utf-8")
    assert registry.import_file(source).committed
    assert registry.get("sources", "formula-test")["citation"] == "=1+2 is text"
    registry.export_selection(tmp_path / "all", "csv")
    assert "'=1+2 is text" in (tmp_path / "all" / "sources.csv").read_text()
    registry.export_selection(tmp_path / "all.xlsx", "xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "all.xlsx")["sources"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "'=1+2 is text"]
    assert cells and cells[0].data_type == "s"


def test_unknown_format_and_bad_output_are_clear_errors(full, tmp_path):
    from peaceops.errors import InvalidArgument

    with pytest.raises(InvalidArgument, match="Unknown format"):
        full.export_selection(tmp_path / "x", "pdf")
    with pytest.raises(InvalidArgument, match="not named after a resource"):
        full.export_selection(tmp_path / "foo.csv", "csv", country="MLI")
    with pytest.raises(InvalidArgument, match="Unknown country"):
        full.export_selection(tmp_path / "x", "datapackage", country="Atlantis")
