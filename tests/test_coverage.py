"""Coverage counts and completeness shares."""

from peaceops.analytics.coverage import coverage
from peaceops.cli.main import main


def _mission(mid, org, start, countries, **extra):
    return {
        "id": mid,
        "lead_organization": org,
        "start_date": start,
        "host_countries": countries,
        "authorizations": [1],
        "functions": ["monitoring"],
        "personnel": [],
        "headquarters": "x",
        "latitude": 1.0,
        "longitude": 2.0,
        **extra,
    }


def test_counts_and_shares():
    result = coverage(
        [
            _mission("a", "un", "1956-11-01", ["EGY", "PSE"]),
            _mission("b", "un", "2013-07-01", ["MLI"], personnel=[{"count": 1}]),
            _mission("c", "eu", "2015-01-15", ["MLI"], functions=[], latitude=None),
        ]
    )
    tables = result.tables()
    assert tables["by_organization"] == [
        {"organization": "un", "missions": 2},
        {"organization": "eu", "missions": 1},
    ]
    assert tables["by_decade"] == [
        {"decade": "1950s", "missions": 1},
        {"decade": "2010s", "missions": 2},
    ]
    assert {r["region"]: r["missions"] for r in tables["by_region"]} == {"Africa": 3, "Asia": 1}
    shares = {r["field"]: r["share"] for r in tables["completeness"]}
    assert shares["functions"] == 0.667 and shares["personnel"] == 0.333
    assert shares["coordinates"] == 0.667 and shares["start_date"] == 1.0


def test_cli_coverage_json(mini_package, tmp_path, capsys):
    import json

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    main(["--database", url, "load", "--package", str(mini_package)])
    capsys.readouterr()
    assert main(["--database", url, "coverage", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["missions"] == 3
    assert data["by_organization"][0] == {"organization": "un", "missions": 2}
