"""The REST API: envelopes, paging, filtering, sorting, errors, OpenAPI."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(scope="module")
def api():
    from django.test import Client

    from peaceops.web.registry import registry

    registry()
    logging.disable(logging.CRITICAL)
    client = Client(HTTP_HOST="127.0.0.1")
    yield lambda url: client.get("/api/v1" + url)
    logging.disable(logging.NOTSET)


def test_list_envelope_and_paging(api):
    body = api("/missions?country=MLI&limit=3&sort=-start_date").json()
    assert body["ok"] is True and len(body["data"]) == 3
    assert body["meta"]["limit"] == 3 and body["meta"]["total"] >= 10
    dates = [m["start_date"] for m in body["data"]]
    assert dates == sorted(dates, reverse=True)
    second = api("/missions?country=MLI&limit=3&offset=3&sort=-start_date").json()
    assert not {m["id"] for m in body["data"]} & {m["id"] for m in second["data"]}


def test_detail_envelope(api):
    body = api("/missions/minusma").json()
    assert body["ok"] is True and body["data"]["authorizations"][0]["symbol"]


@pytest.mark.parametrize(
    "url,status,code",
    [
        ("/missions/unmis-x", 404, "not_found"),
        ("/missions?sort=bogus", 422, "invalid_request"),
        ("/missions?limit=101", 422, "invalid_request"),
        ("/missions?country=Atlantis", 400, "invalid_argument"),
        ("/countries/ZZZ", 400, "invalid_argument"),
        ("/countries/CAN", 404, "not_found"),
        ("/nope", 404, "not_found"),
    ],
)
def test_error_envelope(api, url, status, code):
    response = api(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "code", "errors"}
    assert body["ok"] is False and body["code"] == code and body["error"]


def test_every_entity_and_analysis_has_an_operation(api):
    paths = api("/openapi.json").json()["paths"]
    for entity in (
        "missions",
        "organizations",
        "acts",
        "transitions",
        "sources",
        "exchanges",
        "meetings",
        "absences",
        "frictions",
    ):
        assert f"/api/v1/{entity}" in paths
        assert any(p.startswith(f"/api/v1/{entity}/{{") for p in paths), entity
    for analysis in (
        "/api/v1/countries/{country}",
        "/api/v1/analysis/specialization",
        "/api/v1/analysis/reach",
    ):
        assert analysis in paths


def test_docs_page_is_served_locally(api):
    html = api("/docs").content.decode()
    assert "/static/ninja/" in html and "cdn" not in html.lower()


def test_source_detail_lists_what_cites_it(api):
    data = api("/sources/s-res-2100-2013").json()["data"]
    assert {"resource": "missions", "key": "minusma"} in data["cited_in"]


def test_specialization_endpoint(api):
    data = api("/analysis/specialization?kind=civilian_only&civilian_functions=true").json()
    leaders = {r["function"]: r["leader"] for r in data["data"]["division_of_labour"]}
    assert leaders["ddr"] == "un"
