"""Who may see and do what, measured on every route: 3 organizations × 4 roles (+ anonymous)
× 3 sensitivity levels. An independent oracle below states the rules of issue 6; each route's
observed behaviour must match it exactly (0 unexpected allows, 0 unexpected denies), and a
route inventory test fails when a route exists that the matrix does not cover."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import pytest

ORGS = ("eu", "un", "osce")
ROLES = ("viewer", "contributor", "curator", "admin")
SENSITIVITIES = ("public", "partners", "internal")
THEATER = "MLI"
SOURCE = "psd-international-organizations-2020"


@dataclass
class Actor:
    org: str | None
    role: str | None
    token: str = ""
    username: str = ""

    @property
    def name(self) -> str:
        return f"{self.role}@{self.org}" if self.role else "anonymous"


@dataclass
class Record:
    kind: str  # exchange | meeting
    id: str
    owner: str
    sensitivity: str
    shared: list[str] = field(default_factory=list)


# -- the oracle: the rules, written independently of the implementation ---------------------


def may_see(actor: Actor, record: Record) -> bool:
    if record.sensitivity == "public":
        return True
    if actor.role is None:
        return False
    if actor.role == "admin":
        return True
    if record.sensitivity == "partners":
        return actor.org == record.owner or actor.org in record.shared
    return actor.org == record.owner and actor.role in ("contributor", "curator")


def may_write(actor: Actor) -> bool:
    return actor.role in ("contributor", "curator", "admin")


def may_withdraw(actor: Actor, record: Record) -> bool:
    return actor.role == "admin" or (may_write(actor) and actor.org == record.owner)


def may_curate(actor: Actor) -> bool:
    return actor.role in ("curator", "admin")


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world():
    from django.test import Client

    from peaceops.web.registry import registry

    logging.disable(logging.CRITICAL)
    reg = registry()
    actors = [Actor(None, None)]
    for org in ORGS:
        for role in ROLES:
            username = f"matrix-{role}-{org}"
            reg.add_user(username, "matrix-passphrase-2026", org, role)
            reg.add_totp(username)
            actors.append(Actor(org, role, reg.issue_token(username), username))
    client = Client(HTTP_HOST="127.0.0.1")
    records = []
    for org in ORGS:
        author = next(a for a in actors if a.org == org and a.role == "contributor")
        partner = ORGS[(ORGS.index(org) + 1) % 3]
        for sensitivity in SENSITIVITIES:
            shared = [partner] if sensitivity == "partners" else []
            records.append(create(client, author, "exchange", org, sensitivity, shared))
            records.append(create(client, author, "meeting", org, sensitivity, shared))
    yield client, actors, records
    logging.disable(logging.NOTSET)


def auth(actor: Actor) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {actor.token}"} if actor.token else {}


def create(client, actor: Actor, kind: str, org: str, sensitivity: str, shared) -> Record:
    partner = ORGS[(ORGS.index(org) + 1) % 3]
    body = {
        "theater": THEATER,
        "sensitivity": sensitivity,
        "shared_with": shared,
        "source_id": SOURCE,
    }
    if kind == "exchange":
        body.update(
            giver=org,
            receiver=partner,
            capability="information",
            description=f"matrix {sensitivity} exchange of {org}",
        )
    else:
        body.update(
            name=f"matrix {sensitivity} meeting of {org}",
            kind="meeting",
            participants=[org, partner],
        )
    response = client.post(
        f"/api/v1/{kind}s", data=json.dumps(body), content_type="application/json", **auth(actor)
    )
    assert response.status_code == 201, response.content
    return Record(kind, response.json()["data"]["id"], org, sensitivity, list(shared))


def ids_in(payload) -> set[str]:
    """Every contributed record id ('c-…') anywhere in a JSON answer."""
    found = set()
    if isinstance(payload, dict):
        for value in payload.values():
            found |= ids_in(value)
    elif isinstance(payload, list):
        for value in payload:
            found |= ids_in(value)
    elif isinstance(payload, str) and payload.startswith("c-") and len(payload) == 14:
        found.add(payload)
    elif isinstance(payload, str) and "/c-" in payload:  # "exchanges/c-…" in cited_in
        found.add(payload.split("/")[-1])
    return found


# -- reads: lists, details, aggregates, analyses, exports --------------------------------------

READ_ROUTES = {  # route → the kinds of record it can show
    "/api/v1/exchanges?limit=100": ("exchange",),
    "/api/v1/meetings?limit=100": ("meeting",),
    f"/api/v1/countries/{THEATER}": ("exchange", "meeting"),
    f"/countries/{THEATER}/?format=json": ("exchange", "meeting"),
    f"/api/v1/sources/{SOURCE}": ("exchange", "meeting"),
    f"/sources/{SOURCE}/?format=json": ("exchange", "meeting"),
    "/api/v1/audit?limit=100": ("exchange", "meeting"),
    "/audit/?format=json": ("exchange", "meeting"),
}


@pytest.mark.parametrize("route", sorted(READ_ROUTES))
def test_reads_show_exactly_what_each_caller_may_see(world, route):
    client, actors, records = world
    mistakes = []
    for actor in actors:
        client_for = signed_in_client(actor) if route.startswith("/audit/") else client
        response = client_for.get(route, **auth(actor))
        if route.startswith("/audit/") and actor.role is None:
            assert response.status_code == 401
            continue
        assert response.status_code == 200, (actor.name, route)
        seen = ids_in(response.json())
        audit = "audit" in route
        for record in records:
            if record.kind not in READ_ROUTES[route]:
                continue
            expected = may_see(actor, record) and (not audit or actor.role is not None)
            if expected != (record.id in seen):
                mistakes.append(
                    (
                        actor.name,
                        record.kind,
                        record.sensitivity,
                        record.owner,
                        "unexpected allow" if record.id in seen else "unexpected deny",
                    )
                )
    assert mistakes == []


def test_details_answer_404_when_hidden(world):
    client, actors, records = world
    mistakes = []
    for actor in actors:
        for record in records:
            status = client.get(f"/api/v1/{record.kind}s/{record.id}", **auth(actor)).status_code
            expected = 200 if may_see(actor, record) else 404
            if status != expected:
                mistakes.append((actor.name, record.kind, record.sensitivity, record.owner, status))
    assert mistakes == []


def test_counts_never_include_hidden_records(world):
    client, actors, records = world
    for actor in actors:
        listed = client.get(f"/api/v1/sources?q={SOURCE}", **auth(actor)).json()["data"]
        cited = next(s["cited_by"] for s in listed if s["id"] == SOURCE)
        anonymous = client.get(f"/api/v1/sources?q={SOURCE}").json()["data"]
        base = next(s["cited_by"] for s in anonymous if s["id"] == SOURCE)
        # the anonymous count already includes the public matrix records (and participants)
        hidden_public = sum(
            1 + (r.kind == "meeting") * 2 for r in records if r.sensitivity == "public"
        )
        extra = sum(
            1 + (r.kind == "meeting") * 2
            for r in records
            if r.sensitivity != "public" and may_see(actor, r)
        )
        assert cited == base + extra, actor.name
        assert base >= hidden_public


# -- writes ---------------------------------------------------------------------------------


def test_recording_needs_a_contributor_role(world):
    client, actors, _ = world
    for actor in actors:
        org = actor.org or "eu"
        body = {
            "theater": THEATER,
            "giver": org,
            "receiver": "au",
            "capability": "funding",
            "description": "matrix write check",
            "evidence": "test",
            "sensitivity": "internal",
        }
        response = client.post(
            "/api/v1/exchanges",
            data=json.dumps(body),
            content_type="application/json",
            **auth(actor),
        )
        expected = 201 if may_write(actor) else (401 if actor.role is None else 403)
        assert response.status_code == expected, (actor.name, response.content)
        if response.status_code == 201:
            record_id = response.json()["data"]["id"]
            assert client.delete(f"/api/v1/exchanges/{record_id}", **auth(actor)).status_code == 200


def test_withdrawing_follows_ownership_and_visibility(world):
    client, actors, _ = world
    authors = {
        org: next(a for a in actors if a.org == org and a.role == "contributor") for org in ORGS
    }
    mistakes = []
    for actor in actors:
        for org in ORGS:
            for sensitivity in SENSITIVITIES:
                partner = ORGS[(ORGS.index(org) + 1) % 3]
                shared = [partner] if sensitivity == "partners" else []
                record = create(client, authors[org], "exchange", org, sensitivity, shared)
                status = client.delete(f"/api/v1/exchanges/{record.id}", **auth(actor)).status_code
                if actor.role is None:
                    expected = 401
                elif not may_write(actor):
                    expected = 403
                elif not may_see(actor, record):
                    expected = 404
                else:
                    expected = 200 if may_withdraw(actor, record) else 403
                if status != expected:
                    mistakes.append((actor.name, org, sensitivity, status, expected))
                if status != 200:
                    client.delete(f"/api/v1/exchanges/{record.id}", **auth(authors[org]))
    assert mistakes == []


def test_proposals_and_reviews(world):
    client, actors, _ = world
    for actor in actors:
        body = {
            "resource": "missions",
            "record_id": "minusma",
            "changes": {"headquarters": "Bamako"},
            "rationale": "matrix check",
        }
        response = client.post(
            "/api/v1/proposals",
            data=json.dumps(body),
            content_type="application/json",
            **auth(actor),
        )
        expected = 201 if may_write(actor) else (401 if actor.role is None else 403)
        assert response.status_code == expected, actor.name
    pending = client.get(
        "/api/v1/proposals?status=pending", **auth(next(a for a in actors if a.role == "admin"))
    ).json()["data"]
    assert len(pending) == 9  # 3 organizations × (contributor, curator, admin)
    for actor in actors:
        response = client.get("/api/v1/proposals?status=pending", **auth(actor))
        if actor.role is None:
            assert response.status_code == 401  # proposals are for signed-in members
            continue
        listed = response.json()["data"]
        if may_curate(actor):
            assert len(listed) == 9, actor.name
        elif may_write(actor):
            assert {p["organization"] for p in listed} == {actor.org}, actor.name
        else:
            assert listed == [], actor.name
    for actor, proposal in zip(actors, pending, strict=False):
        response = client.post(
            f"/api/v1/proposals/{proposal['id']}/review",
            data=json.dumps({"accept": False, "comment": "matrix"}),
            content_type="application/json",
            **auth(actor),
        )
        expected = 200 if may_curate(actor) else (401 if actor.role is None else 403)
        assert response.status_code == expected, actor.name


# -- pages (session sign-in with the second factor) ------------------------------------------

PAGE_RULES = {  # path → who may open it (GET)
    "/entry/exchange/": may_write,
    "/entry/meeting/": may_write,
    "/entry/upload/": may_write,
    "/proposals/": may_write,
    "/audit/": lambda actor: actor.role is not None,
}


def signed_in_client(actor: Actor):
    from django.contrib.auth.models import User
    from django.test import Client
    from django_otp import devices_for_user

    client = Client(HTTP_HOST="127.0.0.1")
    if actor.role is not None:
        user = User.objects.get(username=actor.username)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = next(devices_for_user(user)).persistent_id
        session.save()
    return client


@pytest.mark.parametrize("path", sorted(PAGE_RULES))
def test_member_pages(world, path):
    _, actors, _ = world
    for actor in actors:
        status = signed_in_client(actor).get(path).status_code
        expected = 200 if PAGE_RULES[path](actor) else (401 if actor.role is None else 403)
        assert status == expected, (actor.name, path, status)


def test_forms_need_the_csrf_token(world):
    _, actors, _ = world
    from django.test import Client

    actor = next(a for a in actors if a.role == "contributor")
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username=actor.username))
    assert client.post("/entry/exchange/", {"theater": "MLI"}).status_code == 403


def test_session_cookies_cannot_write_through_the_api(world):
    _, actors, _ = world
    actor = next(a for a in actors if a.role == "admin")
    client = signed_in_client(actor)
    body = {
        "theater": THEATER,
        "giver": actor.org,
        "receiver": "au",
        "capability": "funding",
        "description": "no token",
        "evidence": "x",
    }
    response = client.post(
        "/api/v1/exchanges", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


# -- the route inventory --------------------------------------------------------------------

COVERED = {
    # public reads (no record-level data of members, or visibility-filtered: see READ_ROUTES)
    ("GET", ""),
    ("GET", "missions/"),
    ("GET", "missions/<str:mission_id>/"),
    ("GET", "organizations/"),
    ("GET", "organizations/<str:organization_id>/"),
    ("GET", "countries/"),
    ("GET", "countries/<str:code>/"),
    ("GET", "analysis/"),
    ("GET", "sources/"),
    ("GET", "sources/<str:source_id>/"),
    # sign-in flow: open to everyone by design
    ("GET", "accounts/login/"),
    ("POST", "accounts/login/"),
    ("GET", "accounts/verify/"),
    ("POST", "accounts/verify/"),
    ("POST", "accounts/logout/"),
    # member pages: PAGE_RULES, CSRF
    ("GET", "entry/exchange/"),
    ("POST", "entry/exchange/"),
    ("GET", "entry/meeting/"),
    ("POST", "entry/meeting/"),
    ("GET", "entry/upload/"),  # and its POST: tests/access/test_upload.py
    ("POST", "entry/upload/"),
    ("GET", "proposals/"),
    ("POST", "proposals/"),
    ("POST", "proposals/<int:proposal_id>/review/"),
    ("GET", "audit/"),
    # API reads
    *{
        ("GET", f"api/v1/{e}")
        for e in (
            "missions",
            "organizations",
            "acts",
            "transitions",
            "sources",
            "exchanges",
            "meetings",
            "absences",
            "frictions",
            "countries",
            "proposals",
            "audit",
            "analysis/specialization",
            "analysis/reach",
            "openapi.json",
            "docs",
        )
    },
    *{
        ("GET", f"api/v1/{e}/{{{e[:-1]}_id}}")
        for e in (
            "missions",
            "organizations",
            "acts",
            "transitions",
            "sources",
            "exchanges",
            "meetings",
            "absences",
            "frictions",
        )
    },
    ("GET", "api/v1/countries/{country}"),
    # API writes
    ("POST", "api/v1/exchanges"),
    ("DELETE", "api/v1/exchanges/{exchange_id}"),
    ("POST", "api/v1/meetings"),
    ("DELETE", "api/v1/meetings/{meeting_id}"),
    ("POST", "api/v1/proposals"),
    ("POST", "api/v1/proposals/{proposal_id}/review"),
    ("POST", "api/v1/imports"),  # tests/access/test_upload.py
}


def route_inventory() -> set[tuple[str, str]]:
    from django.urls import get_resolver

    from peaceops.web.api import api

    routes = set()
    for pattern in get_resolver().url_patterns:
        text = str(pattern.pattern)
        if text == "api/v1/":
            continue
        methods = (
            ("GET", "POST")
            if text
            in {
                "accounts/login/",
                "accounts/verify/",
                "entry/exchange/",
                "entry/meeting/",
                "entry/upload/",
                "proposals/",
            }
            else ("POST",)
            if text in {"accounts/logout/", "proposals/<int:proposal_id>/review/"}
            else ("GET",)
        )
        routes |= {(m, text) for m in methods}
    for path, view in api._routers[0][1].path_operations.items():
        for operation in view.operations:
            for method in operation.methods:
                routes.add((method, "api/v1" + path.rstrip("/")))
    routes |= {("GET", "api/v1/openapi.json"), ("GET", "api/v1/docs")}
    return routes


def test_every_route_is_in_the_matrix():
    missing = route_inventory() - COVERED
    assert missing == set(), f"routes without an authorization rule: {sorted(missing)}"
