"""Every state-changing route writes exactly one audit entry, in the same transaction as the
change; a rolled-back change leaves none; the trail cannot be altered."""

from __future__ import annotations

import json
import logging

import pytest

from tests.access.test_authorization_matrix import route_inventory

PASSWORD = "audit-passphrase-2026"


@pytest.fixture(scope="module")
def env():
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from peaceops.web.registry import registry

    logging.disable(logging.CRITICAL)
    reg = registry()
    reg.add_user("audit-contributor", PASSWORD, "eu", "contributor")
    reg.add_totp("audit-contributor")
    reg.add_user("audit-curator", PASSWORD, "un", "curator")
    reg.add_totp("audit-curator")
    tokens = {
        "contributor": reg.issue_token("audit-contributor"),
        "curator": reg.issue_token("audit-curator"),
    }

    def code(username):
        device = TOTPDevice.objects.get(user__username=username)
        return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"

    yield Client(HTTP_HOST="127.0.0.1"), tokens, code
    logging.disable(logging.NOTSET)


def entries() -> int:
    from peaceops.registry.models import AuditEntry

    return AuditEntry.objects.count()


def api(client, method, path, token, body=None, request_id="req-1"):
    return getattr(client, method)(
        path,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_X_REQUEST_ID=request_id,
    )


EXCHANGE = {
    "theater": "MLI",
    "giver": "eu",
    "receiver": "un",
    "capability": "information",
    "description": "audit check",
    "evidence": "minutes",
    "sensitivity": "internal",
}
MEETING = {
    "theater": "MLI",
    "name": "audit meeting",
    "kind": "meeting",
    "participants": ["eu", "un"],
    "evidence": "minutes",
}


def test_each_api_write_leaves_exactly_one_entry(env):
    from peaceops.registry.models import AuditEntry

    client, tokens, _ = env
    steps = [
        ("post", "/api/v1/exchanges", "contributor", EXCHANGE, 201),
        ("post", "/api/v1/meetings", "contributor", MEETING, 201),
        (
            "post",
            "/api/v1/proposals",
            "contributor",
            {
                "resource": "acts",
                "record_id": "s-res-2100-2013",
                "changes": {"title": "x"},
                "rationale": "audit",
            },
            201,
        ),
    ]
    created = {}
    for number, (method, path, who, body, status) in enumerate(steps):
        before = entries()
        response = api(client, method, path, tokens[who], body, f"req-{number}")
        assert response.status_code == status, response.content
        assert entries() == before + 1, path
        assert AuditEntry.objects.order_by("-id").first().request_id == f"req-{number}"
        created[path] = response.json()["data"]["id"]
    for path, kind in (("/api/v1/exchanges", "exchange"), ("/api/v1/meetings", "meeting")):
        before = entries()
        assert (
            api(client, "delete", f"{path}/{created[path]}", tokens["contributor"]).status_code
            == 200
        )
        assert entries() == before + 1, kind
    before = entries()
    review = api(
        client,
        "post",
        f"/api/v1/proposals/{created['/api/v1/proposals']}/review",
        tokens["curator"],
        {"accept": False, "comment": "no"},
    )
    assert review.status_code == 200 and entries() == before + 1


def test_refused_writes_leave_no_entry(env):
    client, tokens, _ = env
    before = entries()
    bad = dict(EXCHANGE, capability="telepathy")
    assert api(client, "post", "/api/v1/exchanges", tokens["contributor"], bad).status_code == 400
    assert api(client, "post", "/api/v1/exchanges", "po_wrong", EXCHANGE).status_code == 401
    assert entries() == before


def test_a_rolled_back_change_leaves_no_entry(env, monkeypatch):
    from peaceops.registry import models as m
    from peaceops.registry import services

    client, tokens, _ = env

    def fail(alias):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "bump_version", fail)
    before, exchanges = entries(), m.Exchange.objects.count()
    response = api(client, "post", "/api/v1/exchanges", tokens["contributor"], EXCHANGE)
    assert response.status_code == 500 and response.json()["code"] == "internal_error"
    assert entries() == before and m.Exchange.objects.count() == exchanges


def test_web_forms_and_sessions_are_audited(env):
    from django.test import Client

    _, _, code = env
    browser = Client(HTTP_HOST="127.0.0.1")
    before = entries()
    response = browser.post(
        "/accounts/login/", {"username": "audit-contributor", "password": PASSWORD}
    )
    assert response.status_code == 302 and entries() == before + 1  # sign_in
    response = browser.post("/accounts/verify/", {"token": code("audit-contributor")})
    assert response.status_code == 302 and entries() == before + 2  # verify
    form = dict(
        EXCHANGE,
        shared_with="",
        source_id="",
        regularity="",
        formality="",
        level="",
        start_date="",
        end_date="",
        giver_mission="",
        receiver_mission="",
    )
    response = browser.post("/entry/exchange/", form)
    assert response.status_code == 200 and b"Exchange recorded" in response.content
    assert entries() == before + 3
    meeting = dict(
        MEETING,
        participants="eu, un",
        shared_with="",
        source_id="",
        regularity="",
        level="",
        start_date="",
        end_date="",
        description="",
        sensitivity="internal",
    )
    assert b"Meeting recorded" in browser.post("/entry/meeting/", meeting).content
    assert entries() == before + 4
    response = browser.post(
        "/proposals/",
        {
            "resource": "acts",
            "record_id": "s-res-2100-2013",
            "field": "title",
            "value": "y",
            "rationale": "audit",
        },
    )
    assert response.status_code == 302 and entries() == before + 5
    assert browser.post("/accounts/logout/").status_code == 302
    assert entries() == before + 6
    curator = Client(HTTP_HOST="127.0.0.1")
    curator.post("/accounts/login/", {"username": "audit-curator", "password": PASSWORD})
    curator.post("/accounts/verify/", {"token": code("audit-curator")})
    from peaceops.registry.models import Proposal

    pending = Proposal.objects.filter(status="pending", proposer="audit-contributor").first()
    after_login = entries()
    assert (
        curator.post(
            f"/proposals/{pending.pk}/review/", {"decision": "reject", "comment": "no"}
        ).status_code
        == 302
    )
    assert entries() == after_login + 1


def test_the_trail_cannot_be_altered():
    from peaceops.registry.models import AuditEntry

    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


AUDITED = {
    ("POST", "api/v1/exchanges"),
    ("DELETE", "api/v1/exchanges/{exchange_id}"),
    ("POST", "api/v1/meetings"),
    ("DELETE", "api/v1/meetings/{meeting_id}"),
    ("POST", "api/v1/proposals"),
    ("POST", "api/v1/proposals/{proposal_id}/review"),
    ("POST", "accounts/login/"),
    ("POST", "accounts/verify/"),
    ("POST", "accounts/logout/"),
    ("POST", "entry/exchange/"),
    ("POST", "entry/meeting/"),
    ("POST", "entry/upload/"),  # tests/access/test_upload.py
    ("POST", "api/v1/imports"),  # tests/access/test_upload.py
    ("POST", "proposals/"),
    ("POST", "proposals/<int:proposal_id>/review/"),
}


def test_every_state_changing_route_is_covered_here():
    changing = {(m, p) for m, p in route_inventory() if m != "GET"}
    assert changing == AUDITED
