"""`peaceops validate`: one deliberately broken copy per class of defect, each reported with
its file, line and field; the untouched copy reports nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peaceops.cli.main import main
from peaceops.datapackage import read_package
from peaceops.datapackage.validate import validate_package


def rewrite(package: Path, file: str, change) -> None:
    path = package / file
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(file: str, line: int, column: str, value: str):
    """Change one cell; ``line`` counts like an editor (header = 1)."""

    def change(rows):
        rows[line - 1][rows[0].index(column)] = value
        return rows

    return file, change


def issues(package: Path):
    return validate_package(read_package(package)).issues


def test_clean_copy_has_no_issue(mini_package):
    assert issues(mini_package) == []


DEFECTS = [
    # (what, edit, expected (file, line, field, code))
    (
        "missing required value",
        set_cell("missions.csv", 2, "name", ""),
        ("missions.csv", 2, "name", "required"),
    ),
    (
        "malformed date",
        set_cell("missions.csv", 3, "start_date", "2013-13-01"),
        ("missions.csv", 3, "start_date", "type"),
    ),
    (
        "value outside the vocabulary",
        set_cell("mission_functions.csv", 2, "function", "polic"),
        ("mission_functions.csv", 2, "function", "enum"),
    ),
    (
        "id that is not a slug",
        set_cell("sources.csv", 2, "id", "AU Act"),
        ("sources.csv", 2, "id", "pattern"),
    ),
    (
        "unknown country code",
        set_cell("mission_countries.csv", 4, "country", "XXX"),
        ("mission_countries.csv", 4, "country", "country"),
    ),
    (
        "hosting period after the mission ended",
        set_cell("mission_countries.csv", 2, "end_date", "2013-08-01"),  # AFISMA ended 1 July
        ("mission_countries.csv", 2, "end_date", "outside_mission"),
    ),
    (
        "hosting that starts after the mission ended",
        set_cell("mission_countries.csv", 3, "start_date", "2024-06-01"),  # MINUSMA ended 2023
        ("mission_countries.csv", 3, "start_date", "outside_mission"),
    ),
    (
        "lower-case country code",
        set_cell("mission_countries.csv", 2, "country", "mli"),
        ("mission_countries.csv", 2, "country", "pattern"),
    ),
    (
        "duplicate id",
        set_cell("acts.csv", 3, "id", "s-res-1996-2011"),
        ("acts.csv", 3, "id", "duplicate_key"),
    ),
    (
        "dangling reference",
        set_cell("mission_acts.csv", 2, "mission_id", "afism"),
        ("mission_acts.csv", 2, "mission_id", "foreign_key"),
    ),
    (
        "missing source",
        set_cell("exchanges.csv", 2, "source_id", "s-res-9999-2013"),
        ("exchanges.csv", 2, "source_id", "foreign_key"),
    ),
    (
        "empty source",
        set_cell("mission_functions.csv", 3, "source_id", ""),
        ("mission_functions.csv", 3, "source_id", "required"),
    ),
    (
        "dates out of order",
        set_cell("missions.csv", 3, "end_date", "2012-12-31"),
        ("missions.csv", 3, "end_date", "date_order"),
    ),
    (
        "implausible date",
        set_cell("acts.csv", 2, "date", "1911-07-08"),
        ("acts.csv", 2, "date", "implausible_date"),
    ),
    (
        "future start",
        set_cell("missions.csv", 4, "start_date", "2099-01-01"),
        ("missions.csv", 4, "start_date", "implausible_date"),
    ),
    (
        "precision that contradicts the date",
        set_cell("missions.csv", 2, "start_date", "2013-01-16"),
        ("missions.csv", 2, "start_date", "precision_mismatch"),
    ),
    (
        "end date without precision",
        set_cell("missions.csv", 4, "end_date", "2030-01-01"),
        ("missions.csv", 4, "end_precision", "precision_missing"),
    ),
    (
        "act issued by the wrong organization",
        set_cell("acts.csv", 2, "organization_id", "au"),
        ("acts.csv", 2, "organization_id", "body_organization"),
    ),
    (
        "exchange with itself",
        set_cell("exchanges.csv", 2, "giver_organization_id", "un"),
        ("exchanges.csv", 2, "receiver_organization_id", "same_party"),
    ),
    (
        "latitude out of range",
        set_cell("missions.csv", 2, "latitude", "-98"),
        ("missions.csv", 2, "latitude", "range"),
    ),
    (
        "stray spaces",
        set_cell("organizations.csv", 2, "acronym", " AU"),
        ("organizations.csv", 2, "acronym", "whitespace"),
    ),
    (
        "mission without host country",
        ("mission_countries.csv", lambda rows: [r for r in rows if r[0] != "unmiss"]),
        ("missions.csv", 4, "id", "no_host_country"),
    ),
    (
        "missing column",
        ("exchanges.csv", lambda rows: [r[:-1] for r in rows]),
        ("exchanges.csv", None, "confidence", "missing_column"),
    ),
    (
        "unknown column",
        (
            "sources.csv",
            lambda rows: [r + (["language"] if i == 0 else ["en"]) for i, r in enumerate(rows)],
        ),
        ("sources.csv", None, "language", "unknown_column"),
    ),
]


@pytest.mark.parametrize("what,edit,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_each_defect_is_reported_where_it_is(mini_package, what, edit, expected):
    file, change = edit
    rewrite(mini_package, file, change)
    found = [
        (i.file, i.row, i.field, i.code) for i in issues(mini_package) if i.severity == "error"
    ]
    assert expected in found, f"{what}: {found}"


def test_every_issue_suggests_a_fix_for_common_mistakes(mini_package):
    file, change = set_cell("mission_acts.csv", 2, "mission_id", "afism")
    rewrite(mini_package, file, change)
    issue = next(i for i in issues(mini_package) if i.code == "foreign_key")
    assert issue.fix == "did you mean 'afisma'?"


def test_cli_exit_code_and_location(mini_package, capsys):
    assert main(["validate", "--package", str(mini_package), "--no-database"]) == 0
    file, change = set_cell("missions.csv", 3, "end_date", "2012-12-31")
    rewrite(mini_package, file, change)
    assert (
        main(["validate", "--package", str(mini_package), "--no-database", "--format", "csv"]) == 1
    )
    out, err = capsys.readouterr()
    assert "missions.csv:line 3:end_date,date_order" in out
    assert "1 error(s)" in err


def test_database_is_validated_too(mini_package, empty_registry):
    empty_registry.load(mini_package)
    reports = empty_registry.validate(mini_package, database=True)
    assert [r.ok for r in reports] == [True, True]
    assert reports[1].subject.startswith("database")
    assert reports[1].rows_checked == reports[0].rows_checked == 30
