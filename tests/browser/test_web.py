"""The served application in Chromium: the home map, the Mali page, keyboard use; no request
may leave 127.0.0.1 (the ``browser_page`` fixture fails the test if one does)."""

from __future__ import annotations

import re

from tests.browser.conftest import screenshot


def test_home_map_shows_missions(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#world-map .scattergeo")
    status = page.inner_text("#map-status")
    shown = int(re.match(r"(\d+) missions active", status).group(1))
    assert shown >= 20
    assert page.locator("#world-map path.point").count() == shown
    assert (
        page.locator("#world-map .countries path, #world-map path.countries").count() >= 1
        or page.locator("#world-map .geolayer path").count() > 50
    )  # local topojson drawn
    page.fill("#year", "2013")
    page.dispatch_event("#year", "input")
    assert "active in 2013" in page.inner_text("#map-status")
    page.select_option("#organization", "eu")
    assert re.search(r"\d+ missions active in 2013 led by EU", page.inner_text("#map-status"))
    screenshot(page, "web-home")


def test_mali_page_shows_handover_network_and_opportunities(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/countries/MLI/")
    page.wait_for_selector("[data-figure=network] .main-svg")
    timeline = page.inner_text("[data-figure=timeline]")
    assert "AFISMA" in timeline and "MINUSMA" in timeline
    row = page.locator("#transitions tr", has_text="afisma").filter(has_text="handover")
    assert "2013-07-01" in row.first.inner_text() and "minusma" in row.first.inner_text()
    assert page.locator("[data-figure=timeline] .annotation").count() >= 1  # handover arrows
    assert page.locator("[data-figure=network] .scatterlayer .trace").count() >= 2
    assert page.locator("#synergy ol.opportunities li").count() >= 5
    screenshot(page, "web-country-MLI")


def test_pages_work_with_a_keyboard_and_a_narrow_screen(live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/missions/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for field in ("q", "country", "organization", "function", "kind", "year"):
        assert page.locator(f"label[for={field}]").count() == 1
    page.fill("#q", "EUCAP")
    page.keyboard.press("Enter")
    page.wait_for_url("**/missions/?**q=EUCAP**")
    assert page.locator("tbody tr").count() >= 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways on a narrow screen ({width}px)"
    screenshot(page, "web-missions-narrow")


def test_analysis_and_organization_pages_draw(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/analysis/?kind=civilian_only&civilian_functions=on")
    page.wait_for_selector("[data-figure=heatmap] .main-svg")
    screenshot(page, "web-analysis")
    page.goto(live_server.url + "/organizations/osce/")
    page.wait_for_selector("[data-figure=reach] .main-svg")
    screenshot(page, "web-organization-osce")
