"""The command line: exact output on the three-mission fixture, exit codes, stderr talk."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from peaceops.cli.main import main


@pytest.fixture
def db(mini_package, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert main(["--database", url, "load", "--package", str(mini_package)]) == 0
    return url


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_missions_json_has_the_documented_fields(db, capsys):
    code, out, err = run(
        capsys, "--database", db, "missions", "--country", "MLI", "--format", "json"
    )
    assert code == 0 and err == ""
    missions = json.loads(out)
    assert [m["id"] for m in missions] == ["afisma", "minusma"]
    minusma = missions[1]
    for key in (
        "id",
        "acronym",
        "name",
        "lead_organization",
        "organizations",
        "kind",
        "host_countries",
        "start_date",
        "end_date",
        "functions",
        "authorizations",
        "sources",
    ):
        assert key in minusma
    assert minusma["functions"] == ["monitoring", "protection_of_civilians"]
    assert minusma["authorizations"][0]["symbol"] == "S/RES/2100 (2013)"
    assert minusma["authorizations"][0]["action"] == "establish"
    assert missions[0]["organizations"] == ["au", "ecowas"]
    assert minusma["transitions"][0] == {
        "id": "afisma-to-minusma",
        "kind": "handover",
        "date": "2013-07-01",
        "from_mission": "afisma",
        "to_mission": "minusma",
    }


def test_filters_combine(db, capsys):
    def ids(*filters):
        code, out, _ = run(capsys, "--database", db, "missions", *filters, "--format", "json")
        assert code == 0
        return [m["id"] for m in json.loads(out)]

    assert ids("--organization", "UN") == ["unmiss", "minusma"]
    assert ids("--organization", "cedeao") == ["afisma"]
    assert ids("--function", "protection_of_civilians", "--year", "2012") == ["unmiss"]
    assert ids("--year", "2024") == ["unmiss"]
    assert ids("--kind", "military") == ["afisma"]
    assert ids("--country", "South Sudan") == ["unmiss"]


def test_exchanges_json_fields(db, capsys):
    code, out, _ = run(capsys, "--database", db, "exchanges", "--format", "json")
    [exchange] = json.loads(out)
    assert {
        k: exchange[k]
        for k in (
            "giver",
            "receiver",
            "capability",
            "regularity",
            "formality",
            "theater",
            "start_date",
            "end_date",
            "sources",
        )
    } == {
        "giver": "fra",
        "receiver": "un",
        "capability": "mission_support",
        "regularity": "systematic",
        "formality": "formal",
        "theater": "MLI",
        "start_date": "2013-07-01",
        "end_date": None,
        "sources": ["s-res-2100-2013"],
    }


def test_csv_output_is_parseable(db, capsys):
    code, out, _ = run(capsys, "--database", db, "missions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["unmiss", "afisma", "minusma"]
    assert rows[2]["functions"] == "monitoring; protection_of_civilians"


def test_table_output_goes_to_stdout_and_count_to_stderr(db, capsys):
    code, out, err = run(capsys, "--database", db, "sources")
    assert code == 0
    assert "s-res-2100-2013" in out
    assert err.strip() == "5 sources"


def test_show_one_record(db, capsys):
    code, out, _ = run(capsys, "--database", db, "organizations", "ONU", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == "un"
    assert json.loads(out)["missions"] == ["minusma", "unmiss"]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["missions", "unmis"], "Error: Unknown mission 'unmis'. Did you mean 'unmiss'?"),
        (["missions", "--country", "Atlantis"], "Error: Unknown country 'Atlantis'."),
        (
            ["missions", "--organization", "ecowass"],
            "Error: Unknown organization 'ecowass'. Did you mean 'ecowas'?",
        ),
        (
            ["missions", "--function", "polce"],
            "Error: Unknown function 'polce'. Did you mean 'police'?",
        ),
        (["exchanges", "--year", "soon"], "Error: Year 'soon' is not a number."),
    ],
)
def test_errors_are_one_line_on_stderr(db, capsys, argv, message):
    code, out, err = run(capsys, "--database", db, *argv)
    assert code == 1 and out == ""
    assert err.startswith(message)


def test_bad_package_load_explains_and_exits_1(mini_package, tmp_path, capsys):
    (mini_package / "acts.csv").write_text("id,body\nx,unsc\n")
    code, out, err = run(
        capsys,
        "--database",
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "load",
        "--package",
        str(mini_package),
    )
    assert code == 1
    assert "nothing was loaded" in err
    assert "missing_column" in out or "missing_column" in err


def test_python_dash_m_works():
    done = subprocess.run(
        [sys.executable, "-m", "peaceops", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "peaceops 0.1.0"


def test_vocabulary_lists_functions(capsys):
    code, out, _ = run(capsys, "vocabulary", "--format", "csv")
    functions = [
        r["code"] for r in csv.DictReader(io.StringIO(out)) if r["vocabulary"] == "function"
    ]
    assert len(functions) == 18 and functions[0] == "monitoring"
