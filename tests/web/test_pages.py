"""Pages and their JSON twins, through Django's test client (no network)."""

from __future__ import annotations

import json
import logging

import pytest


@pytest.fixture(scope="module")
def client():
    from django.test import Client

    from peaceops.web.registry import registry

    registry()  # the default register of the test session, loaded with the curated data
    logging.disable(logging.CRITICAL)
    yield Client(HTTP_HOST="127.0.0.1")
    logging.disable(logging.NOTSET)


PAGES = [
    "/",
    "/missions/",
    "/missions/?country=MLI&kind=mixed",
    "/missions/minusma/",
    "/organizations/",
    "/organizations/osce/",
    "/countries/",
    "/countries/MLI/",
    "/analysis/",
    "/analysis/?kind=civilian_only&civilian_functions=on",
    "/sources/",
    "/sources/s-res-2100-2013/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_and_json_twin(client, url):
    page = client.get(url)
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert b'href="?format=json"' in page.content
    twin = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert twin.status_code == 200 and twin.json()["ok"] is True


def test_pages_load_nothing_from_elsewhere(client):
    for url in PAGES:
        html = client.get(url).content.decode()
        for marker in ('src="http', "src='http", 'href="http://cdn', "cdn.", "unpkg", "jsdelivr"):
            assert marker not in html, (url, marker)


def test_mission_list_filters_and_facets(client):
    data = client.get("/missions/?country=MLI&format=json").json()["data"]
    ids = [m["id"] for m in data["missions"]]
    assert "minusma" in ids and "afisma" in ids and "unmik" not in ids
    facet = dict(map(tuple, data["facets"]["lead_organization"]))
    assert facet["un"] >= 2 and facet["eu"] >= 2


def test_mali_page_shows_handover_network_and_opportunities(client):
    html = client.get("/countries/MLI/").content.decode()
    assert 'data-figure="network"' in html and 'id="figure-timeline"' in html
    data = client.get("/countries/MLI/?format=json").json()["data"]
    handovers = [
        t
        for t in data["transitions"]
        if (t["from_mission"], t["to_mission"], t["kind"]) == ("afisma", "minusma", "handover")
    ]
    assert handovers and handovers[0]["date"] == "2013-07-01"
    assert data["opportunities"] and data["opportunities"][0]["rank"] == 1


def test_unknown_things_are_404_pages_without_traces(client):
    for url in (
        "/missions/no-such-mission/",
        "/countries/XXX/",
        "/nowhere/",
        "/organizations/nobody/",
    ):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert b"Traceback" not in response.content
    assert client.get("/missions/no-such-mission/?format=json").json()["ok"] is False


def test_bad_parameters_are_explained(client):
    response = client.get("/missions/?country=Atlantis")
    assert response.status_code == 400 and b"Unknown country" in response.content


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_safe_methods_on_pages(client):
    assert client.post("/missions/").status_code in (403, 405)


def test_json_twin_is_valid_json_for_every_page(client):
    for url in PAGES:
        json.loads(client.get(url + ("&" if "?" in url else "?") + "format=json").content)
