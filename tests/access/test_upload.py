"""Uploads by members (issue 7 on top of issue 6): a contributor's file becomes meetings and
exchanges owned by their organization, with the sensitivity they chose, seen exactly by whom the
access rules allow; reference data is out of a contributor's reach; curators may import it;
every committed upload leaves one audit entry; bodies are bounded."""

from __future__ import annotations

import csv
import io
import logging

import pytest

from tests.access.test_authorization_matrix import (
    Actor,
    Record,
    may_curate,
    may_see,
    may_write,
    signed_in_client,
)
from tests.conftest import SHARED_DATA
from tests.test_import_hostile import HOSTILE

PASSWORD = "upload-passphrase-2026"
ORGS = ("eu", "un", "osce")
ROLES = ("viewer", "contributor", "curator", "admin")
EXCHANGE_COLUMNS = (
    "id,theater,giver_organization_id,giver_mission_id,receiver_organization_id,"
    "receiver_mission_id,capability,regularity,formality,level,start_date,end_date,"
    "description,source_id,confidence"
).split(",")


@pytest.fixture(scope="module")
def actors():
    from peaceops.web.registry import registry

    logging.disable(logging.CRITICAL)
    reg = registry()
    found = [Actor(None, None)]
    for org in ORGS:
        for role in ROLES:
            username = f"upload-{role}-{org}"
            reg.add_user(username, PASSWORD, org, role)
            reg.add_totp(username)
            found.append(Actor(org, role, reg.issue_token(username), username))
    yield found
    logging.disable(logging.NOTSET)


def actor(actors, org, role) -> Actor:
    return next(a for a in actors if a.org == org and a.role == role)


def exchanges_csv(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, EXCHANGE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                "theater": "MLI",
                "capability": "information",
                "description": "shared situation reports",
                "confidence": "medium",
                **row,
            }
        )
    return out.getvalue().encode()


def post(who: Actor, content: bytes, name: str = "exchanges.csv", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    headers = {"HTTP_AUTHORIZATION": f"Bearer {who.token}"} if who.token else {}
    data = {"file": SimpleUploadedFile(name, content), **fields}
    return Client(HTTP_HOST="127.0.0.1").post("/api/v1/imports", data, **headers)


def audit_entries() -> int:
    from peaceops.registry.models import AuditEntry

    return AuditEntry.objects.count()


def stored(record_id: str):
    from peaceops.registry.models import Exchange

    return Exchange.objects.filter(pk=record_id).first()


def test_a_contributor_upload_becomes_owned_records(actors):
    eu = actor(actors, "eu", "contributor")
    content = exchanges_csv(
        {"id": "up-eu-un-sitreps", "giver_organization_id": "eu", "receiver_organization_id": "un"}
    )
    before = audit_entries()
    preview = post(eu, content, dry_run="true", sensitivity="partners", shared_with="un")
    assert preview.status_code == 200, preview.content
    report = preview.json()["data"]
    assert report["ok"] and not report["committed"]
    assert report["records"] == {"exchanges": {"created": 1, "updated": 0, "unchanged": 0}}
    assert stored("up-eu-un-sitreps") is None and audit_entries() == before

    done = post(eu, content, sensitivity="partners", shared_with="un")
    assert done.status_code == 201 and done.json()["data"]["committed"]
    record = stored("up-eu-un-sitreps")
    assert (record.origin, record.sensitivity, record.owner_organization_id) == (
        "contributed",
        "partners",
        "eu",
    )
    assert [o.pk for o in record.shared_with.all()] == ["un"]
    assert record.source_id is None and "exchanges.csv" in record.evidence
    assert "upload-contributor-eu" in record.evidence
    assert audit_entries() == before + 1

    again = post(eu, content, sensitivity="partners", shared_with="un")
    assert again.status_code == 200
    assert again.json()["data"]["records"]["exchanges"]["unchanged"] == 1
    assert audit_entries() == before + 1  # nothing changed, nothing to audit

    tighter = post(eu, content, sensitivity="internal")
    assert tighter.status_code == 201
    assert tighter.json()["data"]["records"]["exchanges"]["updated"] == 1
    record = stored("up-eu-un-sitreps")
    assert record.sensitivity == "internal" and list(record.shared_with.all()) == []
    assert audit_entries() == before + 2
    assert post(eu, content, sensitivity="partners", shared_with="un").status_code == 201


def test_uploaded_records_are_seen_exactly_as_the_rules_say(actors):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    records = []
    for org in ORGS:
        partner = ORGS[(ORGS.index(org) + 1) % 3]
        author = actor(actors, org, "contributor")
        for sensitivity in ("public", "partners", "internal"):
            record_id = f"up-vis-{org}-{sensitivity}"
            shared = partner if sensitivity == "partners" else ""
            content = exchanges_csv(
                {"id": record_id, "giver_organization_id": org, "receiver_organization_id": partner}
            )
            response = post(author, content, sensitivity=sensitivity, shared_with=shared)
            assert response.status_code == 201, response.content
            records.append(Record("exchange", record_id, org, sensitivity, [shared] * bool(shared)))
    mistakes = []
    for who in actors:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {who.token}"} if who.token else {}
        seen = set()
        for offset in range(0, 1000, 100):
            page = client.get(f"/api/v1/exchanges?limit=100&offset={offset}", **headers).json()
            seen |= {x["id"] for x in page["data"]}
            if offset + 100 >= page["meta"]["total"]:
                break
        for record in records:
            status = client.get(f"/api/v1/exchanges/{record.id}", **headers).status_code
            expected = may_see(who, record)
            if expected != (record.id in seen) or status != (200 if expected else 404):
                mistakes.append((who.name, record.owner, record.sensitivity, status))
    assert mistakes == []


def test_who_may_upload_and_who_may_import_curated_data(actors):
    mistakes = []
    for who in actors:
        org = who.org or "eu"
        for curated in (False, True):
            record_id = f"up-role-{who.role or 'anon'}-{org}-{'cur' if curated else 'con'}"
            content = exchanges_csv(
                {
                    "id": record_id,
                    "giver_organization_id": org,
                    "receiver_organization_id": "au",
                    "source_id": "psd-international-organizations-2020",
                }
            )
            status = post(who, content, curated="true" if curated else "false").status_code
            allowed = may_curate(who) if curated else may_write(who)
            expected = 201 if allowed else (401 if who.role is None else 403)
            if status != expected:
                mistakes.append((who.name, curated, status, expected))
            if status == 201:
                record = stored(record_id)
                origin = "curated" if curated else "contributed"
                assert record.origin == origin, (who.name, curated)
                assert record.sensitivity == ("public" if curated else "internal")
    assert mistakes == []


def test_a_contributor_cannot_write_for_others_or_touch_reference_data(actors):
    osce = actor(actors, "osce", "contributor")
    before = audit_entries()
    others = exchanges_csv(
        {"id": "up-osce-own", "giver_organization_id": "osce", "receiver_organization_id": "eu"},
        {
            "id": "up-eu-un-not-osce",
            "giver_organization_id": "eu",
            "receiver_organization_id": "un",
        },
    )
    response = post(osce, others)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "import_failed"
    assert [(e["row"], e["code"]) for e in body["errors"]] == [(3, "not_your_organization")]
    assert stored("up-osce-own") is None and audit_entries() == before

    curated = exchanges_csv(
        {
            "id": "arm-eu-osce-mediation-political-support",
            "giver_organization_id": "osce",
            "receiver_organization_id": "eu",
        }
    )
    response = post(osce, curated)
    assert response.status_code == 422
    assert [e["code"] for e in response.json()["errors"]] == ["id_taken"]

    eu = actor(actors, "eu", "contributor")
    taken = exchanges_csv(
        {
            "id": "up-eu-un-sitreps",
            "giver_organization_id": "osce",
            "receiver_organization_id": "eu",
        }
    )
    response = post(osce, taken)  # another organization's record: "already in use"
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "id_taken"
    assert stored("up-eu-un-sitreps").owner_organization_id == "eu"

    from peaceops.datapackage import shipped_descriptor
    from peaceops.registry.models import Source
    from peaceops.registry.store import export_rows

    source = Source.objects.get(pk="psd-international-organizations-2020")
    row = next(
        r for r in export_rows(shipped_descriptor(), "default")["sources"] if r["id"] == source.pk
    )

    def sources_csv(values: dict) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, list(values), lineterminator="\n")
        writer.writeheader()
        writer.writerow(values)
        return out.getvalue().encode()

    response = post(eu, sources_csv(row), "sources.csv", dry_run="true")
    assert response.status_code == 200, response.content
    assert any("identical to the register" in n for n in response.json()["data"]["notes"])
    response = post(eu, sources_csv(dict(row, citation="A different citation")), "sources.csv")
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "not_contributable"
    assert Source.objects.get(pk=source.pk).citation == source.citation
    assert audit_entries() == before


def test_a_meeting_upload_needs_the_contributor_among_its_participants(actors, tmp_path):
    from openpyxl import Workbook

    from peaceops.registry.models import Meeting

    def workbook(participants) -> bytes:
        book = Workbook()
        meetings = book.active
        meetings.title = "meetings"
        meetings.append(
            [
                "id",
                "name",
                "theater",
                "kind",
                "regularity",
                "level",
                "start_date",
                "end_date",
                "description",
                "source_id",
                "confidence",
            ]
        )
        meetings.append(
            [
                "up-mli-weekly",
                "Weekly Bamako coordination",
                "MLI",
                "meeting",
                "systematic",
                "operational",
                "2020-01-06",
                "",
                "",
                "",
                "medium",
            ]
        )
        people = book.create_sheet("meeting_participants")
        people.append(["meeting_id", "organization_id", "mission_id", "source_id"])
        for org in participants:
            people.append(["up-mli-weekly", org, "", ""])
        path = tmp_path / "meetings.xlsx"
        book.save(path)
        return path.read_bytes()

    un = actor(actors, "un", "contributor")
    refused = post(un, workbook(["eu", "osce"]), "meetings.xlsx")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "not_your_organization"
    done = post(un, workbook(["eu", "un"]), "meetings.xlsx", sensitivity="internal")
    assert done.status_code == 201, done.content
    assert done.json()["data"]["records"]["meeting_participants"]["created"] == 2
    meeting = Meeting.objects.get(pk="up-mli-weekly")
    assert (meeting.origin, meeting.owner_organization_id) == ("contributed", "un")
    assert sorted(meeting.participants.values_list("organization_id", flat=True)) == ["eu", "un"]


@pytest.mark.skipif(not (SHARED_DATA / "samples").is_dir(), reason="../shared/data is absent")
def test_a_real_iati_file_becomes_the_funders_contributed_exchanges(actors):
    content = (SHARED_DATA / "samples" / "iati" / "iati-viz__dportal_78_EC-FPI.xml").read_bytes()
    osce = post(actor(actors, "osce", "contributor"), content, "fpi.xml", dry_run="true")
    assert osce.status_code == 200 and not osce.json()["data"]["ok"]
    errors = [e for e in osce.json()["data"]["issues"] if e["severity"] == "error"]
    assert {e["code"] for e in errors} == {"not_your_organization"}
    eu = post(actor(actors, "eu", "contributor"), content, "fpi.xml", sensitivity="internal")
    assert eu.status_code == 201, eu.content
    report = eu.json()["data"]
    assert report["records"]["exchanges"]["created"] >= 1
    assert "sources" not in report["records"]  # the file is evidence, not a public source
    from peaceops.registry.models import Exchange, Source

    written = Exchange.objects.filter(owner_organization_id="eu", evidence__contains="fpi.xml")
    assert written.count() == report["records"]["exchanges"]["created"]
    assert {x.capability for x in written} == {"funding"}
    assert not Source.objects.filter(citation__contains="fpi.xml").exists()


def test_the_web_form_previews_then_imports_the_kept_file(actors):
    eu = actor(actors, "eu", "contributor")
    browser = signed_in_client(eu)
    assert browser.get("/entry/upload/").status_code == 200
    content = exchanges_csv(
        {
            "id": "up-web-eu-au",
            "giver_organization_id": "eu",
            "receiver_organization_id": "au",
            "capability": "funding",
        }
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = audit_entries()
    page = browser.post(
        "/entry/upload/",
        {
            "file": SimpleUploadedFile("exchanges.csv", content),
            "action": "preview",
            "sensitivity": "internal",
            "shared_with": "",
            "kind": "",
        },
    )
    assert page.status_code == 200 and b"would write 1 new" in page.content
    assert b"Import exchanges.csv" in page.content
    assert stored("up-web-eu-au") is None and audit_entries() == before
    page = browser.post("/entry/upload/", {"action": "import_kept"})
    assert page.status_code == 200 and b"wrote 1 new" in page.content
    assert stored("up-web-eu-au").owner_organization_id == "eu"
    assert audit_entries() == before + 1
    again = browser.post("/entry/upload/", {"action": "import_kept"})
    assert again.status_code == 400 and b"no longer kept" in again.content

    bad = exchanges_csv(
        {
            "id": "up-web-bad",
            "giver_organization_id": "eu",
            "receiver_organization_id": "au",
            "capability": "telepathy",
        }
    )
    page = browser.post(
        "/entry/upload/",
        {
            "file": SimpleUploadedFile("exchanges.csv", bad),
            "action": "import",
            "sensitivity": "internal",
        },
    )
    assert page.status_code == 422 and b"telepathy" in page.content
    assert b"nothing was written" in page.content and stored("up-web-bad") is None


def test_a_body_over_the_limit_is_refused_before_it_is_read(actors, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from peaceops.web import uploads

    monkeypatch.setattr(uploads, "UPLOAD_LIMIT", 10_000)
    eu = actor(actors, "eu", "contributor")
    header = ",".join(EXCHANGE_COLUMNS) + "\n"
    streamed = (header + "x," * 10_000).encode()  # over the limit, under the body's slack
    response = post(eu, streamed)
    assert response.status_code == 413 and response.json()["code"] == "file_too_large"
    huge = b"x" * 200_000  # over the limit and the slack: never read
    assert post(eu, huge).status_code == 413
    browser = signed_in_client(eu)
    page = browser.post(
        "/entry/upload/", {"file": SimpleUploadedFile("exchanges.csv", huge), "action": "import"}
    )
    assert page.status_code == 413 and b"MiB" in page.content
    from django.test import Client

    strict = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)  # as a real browser is
    strict.cookies = browser.cookies
    page = strict.post(
        "/entry/upload/", {"file": SimpleUploadedFile("exchanges.csv", huge), "action": "import"}
    )
    assert page.status_code == 413 and b"MiB" in page.content  # not a CSRF failure page


def test_a_body_that_is_not_multipart_is_a_clear_400(actors):
    from django.test import Client

    eu = actor(actors, "eu", "contributor")
    client = Client(HTTP_HOST="127.0.0.1")
    response = client.post(
        "/api/v1/imports",
        b"--x\r\n",
        content_type="multipart/form-data",  # no boundary
        HTTP_AUTHORIZATION=f"Bearer {eu.token}",
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_request"
    page = signed_in_client(eu).post(
        "/entry/upload/", b"--x\r\n", content_type="multipart/form-data"
    )
    assert page.status_code == 400 and b"Traceback" not in page.content


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_uploads_are_refused_and_write_nothing(actors, name, tmp_path):
    from peaceops.web.registry import registry

    make, codes = HOSTILE[name]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    before = (registry().counts(), audit_entries())
    response = post(actor(actors, "eu", "contributor"), path.read_bytes(), path.name)
    body = response.json()
    assert body["code"] in codes, body
    assert response.status_code == (422 if body["code"] == "import_failed" else 400)
    assert body["error"] and (registry().counts(), audit_entries()) == before
