"""Country briefs open offline in Chromium, draw their charts and load nothing from outside."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.parametrize(
    "country,expected",
    [
        ("MLI", ["MINUSMA", "AFISMA", "afisma", "handover"]),
        ("XKX", ["UNMIK", "EULEX Kosovo", "KFOR"]),
        ("ARM", ["EUMA", "OSCE Office in Yerevan"]),
    ],
)
def test_brief_renders_offline(shipped_registry, browser_page, tmp_path, country, expected):
    path = shipped_registry.write_brief(country, tmp_path / f"brief-{country}.html")
    browser_page.goto(path.as_uri())
    browser_page.wait_for_selector("#chart-network .main-svg")
    for chart in ("timeline", "matrix", "network"):
        assert browser_page.locator(f"#chart-{chart} .main-svg").count() >= 1, chart
    text = browser_page.inner_text("main")
    for needle in expected:
        assert needle in text or needle in browser_page.inner_text("#chart-timeline"), needle
    assert browser_page.locator("ol.opportunities li").count() >= 1
    screenshot(browser_page, f"brief-{country}")
