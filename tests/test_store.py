"""Load and export: atomic, idempotent, and a byte-for-byte round trip."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from peaceops.datapackage import shipped_package_dir
from peaceops.errors import ValidationFailed


def same_files(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.iterdir() if p.suffix in (".csv", ".json"))
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch + errors


def test_shipped_package_round_trips_byte_for_byte(empty_registry, tmp_path):
    empty_registry.load()
    empty_registry.export(tmp_path / "out")
    assert same_files(shipped_package_dir(), tmp_path / "out") == []


def test_loading_twice_changes_nothing(empty_registry, mini_package, tmp_path):
    first = empty_registry.load(mini_package).counts
    empty_registry.export(tmp_path / "one")
    second = empty_registry.load(mini_package).counts
    empty_registry.export(tmp_path / "two")
    assert first == second and sum(first.values()) == 30
    assert empty_registry.counts() == first
    assert same_files(tmp_path / "one", tmp_path / "two") == []


def test_a_bad_package_writes_nothing(empty_registry, mini_package):
    empty_registry.load(mini_package)
    before = empty_registry.counts()
    missions = mini_package / "missions.csv"
    missions.write_text(missions.read_text().replace("2011-07-09", "2011-07-32"))
    with pytest.raises(ValidationFailed) as caught:
        empty_registry.load(mini_package)
    assert caught.value.code == "validation_failed"
    assert "nothing was loaded" in caught.value.message
    assert empty_registry.counts() == before


def test_load_is_one_transaction(empty_registry, mini_package, monkeypatch):
    """A failure half-way through (after some tables were replaced) rolls everything back."""
    from peaceops.registry import store

    empty_registry.load(mini_package)
    before = empty_registry.counts()
    calls = []

    def fail_on_third_table(name, count):
        calls.append(name)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.load_package(store_package(mini_package), empty_registry.alias, fail_on_third_table)
    assert empty_registry.counts() == before


def store_package(path):
    from peaceops.datapackage import read_package

    return read_package(path)
