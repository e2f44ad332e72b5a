"""The library façade: open a register or a package and get frames."""

from __future__ import annotations

import pytest

import peaceops
from peaceops.errors import InvalidArgument, NotFound


def test_open_a_package_returns_frames(mini_package):
    reg = peaceops.open(package=mini_package)
    frame = reg.missions(country="MLI")
    assert list(frame["id"]) == ["afisma", "minusma"]
    assert str(frame["start_date"].dtype).startswith("datetime64")
    assert frame.loc[frame["id"] == "minusma", "end_date"].iloc[0].year == 2023


def test_get_raises_not_found_with_suggestion(mini_package):
    reg = peaceops.open(package=mini_package)
    with pytest.raises(NotFound) as caught:
        reg.get("missions", "minusmaa")
    assert caught.value.code == "not_found"
    assert caught.value.hint == "Did you mean 'minusma'?"


def test_unknown_filter_is_refused(mini_package):
    reg = peaceops.open(package=mini_package)
    with pytest.raises(InvalidArgument, match="cannot be filtered by 'capability'"):
        reg.list("missions", capability="funding")


def test_empty_listing_still_has_columns(mini_package):
    reg = peaceops.open(package=mini_package)
    frame = reg.meetings()
    assert frame.empty and "theater" in frame.columns


def test_default_register_loads_curated_data_on_first_use(tmp_path):
    reg = peaceops.open(f"sqlite:///{tmp_path / 'first.sqlite3'}")
    assert reg.counts()["missions"] > 50
