"""Write paths of the register: contributed meetings and exchanges, proposals and their review.

Each function checks who may do it, validates everything at once (all problems in one error),
and writes the change *and exactly one audit entry* in one transaction, bumping the register
version so that every cache expires. A rolled-back change leaves no audit entry.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction

from peaceops.errors import InvalidArgument, NotFound, PeaceOpsError
from peaceops.model import vocabulary as V
from peaceops.model.access import Viewer
from peaceops.model.countries import resolve_country
from peaceops.registry import models as m
from peaceops.registry.store import bump_version


class Forbidden(PeaceOpsError):
    code = "forbidden"


TEXT_LIMIT = 2000
PROPOSABLE = {  # resource → (model, fields a proposal may set)
    "missions": (
        m.Mission,
        (
            "acronym",
            "name",
            "kind",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "headquarters",
            "latitude",
            "longitude",
            "notes",
            "confidence",
        ),
    ),
    "acts": (m.Act, ("symbol", "title", "date")),
    "sources": (m.Source, ("citation", "document_symbol", "url", "publisher", "published")),
    "organizations": (m.Organization, ("acronym", "name")),
}


class _Checker:
    """Collects every problem of a submission, then raises once."""

    def __init__(self, alias: str, data: dict):
        self.alias, self.data, self.errors = alias, data, []

    def fail(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def text(self, field: str, required: bool = False) -> str:
        value = self.data.get(field) or ""
        if not isinstance(value, str):
            self.fail(field, "must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.fail(field, "is required")
        if len(value) > TEXT_LIMIT:
            self.fail(field, f"is longer than {TEXT_LIMIT} characters")
        return value

    def code(self, field: str, allowed, required: bool = False) -> str:
        value = self.text(field, required)
        if value and value not in allowed:
            self.fail(field, f"must be one of: {', '.join(allowed)}")
        return value

    def date(self, field: str) -> dt.date | None:
        value = self.text(field)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(field, "must be a date YYYY-MM-DD")
            return None

    def country(self, field: str) -> str:
        value = self.text(field, required=True)
        code = resolve_country(value) if value else None
        if value and code is None:
            self.fail(field, f"unknown country {value!r}")
        return code or ""

    def organization(self, field: str, value=None) -> str:
        value = (value if value is not None else self.text(field, required=True)) or ""
        if value and not m.Organization.objects.using(self.alias).filter(pk=value).exists():
            self.fail(field, f"unknown organization {value!r}")
        return value

    def mission(self, field: str) -> str | None:
        value = self.text(field)
        if value and not m.Mission.objects.using(self.alias).filter(pk=value).exists():
            self.fail(field, f"unknown mission {value!r}")
        return value or None

    def organizations(self, field: str) -> list[str]:
        values = self.data.get(field) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail(field, "must be a list of organization ids")
            return []
        return [self.organization(field, v) for v in values]

    def source(self) -> str | None:
        value = self.text("source_id")
        if value and not m.Source.objects.using(self.alias).filter(pk=value).exists():
            self.fail("source_id", f"unknown source {value!r}")
        return value or None

    def done(self, what: str) -> None:
        if self.errors:
            raise InvalidArgument(
                f"The {what} was not saved: {len(self.errors)} problem(s).",
                hint="See 'errors' for each field.",
                details=self.errors,
            )


def _require_contributor(viewer: Viewer) -> None:
    if not viewer.can_contribute:
        raise Forbidden(
            "Recording needs a contributor, curator or admin account with two-factor verification."
        )


def _sensitivity(check: _Checker) -> tuple[str, list[str]]:
    sensitivity = check.code("sensitivity", V.SENSITIVITIES) or "internal"
    shared = check.organizations("shared_with")
    if shared and sensitivity != "partners":
        check.fail("shared_with", "only a 'partners' record is shared with named organizations")
    return sensitivity, shared


def _sharing(check: _Checker, viewer: Viewer) -> tuple[str, list[str]]:
    sensitivity, shared = _sensitivity(check)
    if not check.text("source_id") and not check.text("evidence"):
        check.fail("evidence", "give a source_id or describe the evidence")
    return sensitivity, shared


def check_upload(alias: str, viewer: Viewer, data: dict):
    """Who may upload, and how: ``data`` has ``curated`` (bool) or ``sensitivity`` and
    ``shared_with``. Returns the ``Sharing`` of a contribution, or None for a curated import."""
    from peaceops.model.imports import Sharing

    _require_contributor(viewer)
    if data.get("curated"):
        if not viewer.can_curate:
            raise Forbidden("Only curators and admins import curated reference data.")
        return None
    check = _Checker(alias, data)
    sensitivity, shared = _sensitivity(check)
    check.done("upload")
    return Sharing(sensitivity, tuple(sorted(set(shared))))


def audit_import(alias: str, upload, report, written: dict) -> None:
    """One entry for a committed import, visible like the records it wrote (inside the
    caller's transaction)."""
    sharing = upload.sharing
    shared = sorted(sharing.shared_with) if sharing else []
    m.AuditEntry.objects.using(alias).create(
        actor=upload.viewer.username or "system",
        organization=upload.viewer.organization or "",
        action="import",
        object_type="import",
        object_id=upload.filename[:160],
        after={
            "file": upload.filename,
            "kind": report.kind,
            "as": "contributed" if sharing else "curated",
            "records": {name: c.to_dict() for name, c in report.records.items()},
            "ids": {name: ids[:200] for name, ids in written.items()},
        },
        request_id=upload.request_id[:64],
        sensitivity=sharing.sensitivity if sharing else "public",
        owner_organization=(upload.viewer.organization or "") if sharing else "",
        shared_with=_audit_partners(shared),
    )


def _audit_partners(organizations: list[str]) -> str:
    """The ',eu,un,' form that ``audit_visible_q`` matches with ``contains``."""
    return "," + ",".join(organizations) + "," if organizations else ""


def _audit(
    alias: str,
    viewer: Viewer,
    action: str,
    object_type: str,
    object_id: str,
    before,
    after,
    request_id: str,
    record=None,
) -> None:
    shared = sorted(o.id for o in record.shared_with.all()) if record is not None else []
    m.AuditEntry.objects.using(alias).create(
        actor=viewer.username or "system",
        organization=viewer.organization or "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        request_id=request_id[:64],
        sensitivity=getattr(record, "sensitivity", "public"),
        owner_organization=getattr(record, "owner_organization_id", "") or "",
        shared_with=_audit_partners(shared),
    )


def record_session(alias: str, viewer: Viewer, action: str, request_id: str = "") -> None:
    """Sign-in and sign-out are changes too; only the member's organization sees them."""
    with transaction.atomic(using=alias):
        m.AuditEntry.objects.using(alias).create(
            actor=viewer.username or "",
            organization=viewer.organization or "",
            action=action,
            object_type="session",
            object_id=viewer.username or "",
            request_id=request_id[:64],
            sensitivity="internal",
            owner_organization=viewer.organization or "",
        )


def record_exchange(alias: str, viewer: Viewer, data: dict, request_id: str = "") -> str:
    _require_contributor(viewer)
    check = _Checker(alias, data)
    values = {
        "theater": check.country("theater"),
        "giver_organization_id": check.organization("giver"),
        "giver_mission_id": check.mission("giver_mission"),
        "receiver_organization_id": check.organization("receiver"),
        "receiver_mission_id": check.mission("receiver_mission"),
        "capability": check.code("capability", tuple(V.CAPABILITIES), required=True),
        "regularity": check.code("regularity", V.REGULARITIES),
        "formality": check.code("formality", V.FORMALITIES),
        "level": check.code("level", V.LEVELS),
        "start_date": check.date("start_date"),
        "end_date": check.date("end_date"),
        "description": check.text("description", required=True),
        "source_id": check.source(),
        "evidence": check.text("evidence"),
    }
    sensitivity, shared = _sharing(check, viewer)
    parties = {values["giver_organization_id"], values["receiver_organization_id"]}
    if (
        values["giver_organization_id"]
        and values["giver_organization_id"] == values["receiver_organization_id"]
    ):
        check.fail("receiver", "giver and receiver must be different organizations")
    if not viewer.can_curate and viewer.organization not in parties:
        check.fail("giver", "a contributor records exchanges that involve their organization")
    _check_period(check, values)
    check.done("exchange")
    return _create(alias, viewer, m.Exchange, "exchange", values, sensitivity, shared, request_id)


def record_meeting(alias: str, viewer: Viewer, data: dict, request_id: str = "") -> str:
    _require_contributor(viewer)
    check = _Checker(alias, data)
    values = {
        "name": check.text("name", required=True),
        "theater": check.country("theater"),
        "kind": check.code("kind", V.MEETING_KINDS, required=True),
        "regularity": check.code("regularity", V.REGULARITIES),
        "level": check.code("level", V.LEVELS),
        "start_date": check.date("start_date"),
        "end_date": check.date("end_date"),
        "description": check.text("description"),
        "source_id": check.source(),
        "evidence": check.text("evidence"),
    }
    participants = check.organizations("participants")
    if len(set(participants)) < 2:
        check.fail("participants", "a coordination mechanism needs at least two organizations")
    if not viewer.can_curate and viewer.organization not in participants:
        check.fail("participants", "a contributor records meetings their organization attends")
    sensitivity, shared = _sharing(check, viewer)
    _check_period(check, values)
    check.done("meeting")
    return _create(
        alias,
        viewer,
        m.Meeting,
        "meeting",
        values,
        sensitivity,
        shared,
        request_id,
        participants=sorted(set(participants)),
    )


def _check_period(check: _Checker, values: dict) -> None:
    if values["start_date"] and values["end_date"] and values["start_date"] > values["end_date"]:
        check.fail("end_date", "is before start_date")


def _create(
    alias, viewer, model, kind, values, sensitivity, shared, request_id, participants=()
) -> str:
    record_id = f"c-{uuid.uuid4().hex[:12]}"
    with transaction.atomic(using=alias):
        record = model.objects.using(alias).create(
            id=record_id,
            origin="contributed",
            sensitivity=sensitivity,
            owner_organization_id=viewer.organization,
            **values,
        )
        record.shared_with.set(shared)
        for org in participants:
            m.MeetingParticipant.objects.using(alias).create(
                meeting=record, organization_id=org, source_id=values.get("source_id")
            )
        after = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
        after.update(sensitivity=sensitivity, shared_with=shared, participants=list(participants))
        _audit(alias, viewer, "create", kind, record_id, None, after, request_id, record)
        bump_version(alias)
    return record_id


def delete_record(
    alias: str, viewer: Viewer, kind: str, record_id: str, request_id: str = ""
) -> None:
    """Withdraw a contributed meeting or exchange (its organization's contributors, admins)."""
    _require_contributor(viewer)
    model = {"exchange": m.Exchange, "meeting": m.Meeting}[kind]
    from peaceops.registry.visibility import visible

    record = visible(model.objects.using(alias).all(), viewer).filter(pk=record_id).first()
    if record is None:
        raise NotFound(f"Unknown {kind} {record_id!r}.")
    if record.origin != "contributed" or not (
        viewer.is_admin or record.owner_organization_id == viewer.organization
    ):
        raise Forbidden(
            f"Only {record.owner_organization_id or 'curators'} may withdraw this {kind}."
        )
    with transaction.atomic(using=alias):
        before = {
            "id": record.id,
            "sensitivity": record.sensitivity,
            "owner": record.owner_organization_id,
        }
        _audit(alias, viewer, "delete", kind, record.id, before, None, request_id, record)
        record.delete()
        bump_version(alias)


def propose_change(alias: str, viewer: Viewer, data: dict, request_id: str = "") -> int:
    _require_contributor(viewer)
    check = _Checker(alias, data)
    resource = check.code("resource", tuple(PROPOSABLE), required=True)
    record_id = check.text("record_id", required=True)
    changes = data.get("changes")
    if not isinstance(changes, dict) or not changes:
        check.fail("changes", "give the fields to change and their new values")
        changes = {}
    if resource in PROPOSABLE:
        model, editable = PROPOSABLE[resource]
        for field in changes:
            if field not in editable:
                check.fail("changes", f"{field!r} cannot be changed by a proposal")
        if record_id and not model.objects.using(alias).filter(pk=record_id).exists():
            check.fail("record_id", f"unknown {resource[:-1]} {record_id!r}")
    rationale = check.text("rationale", required=True)
    check.done("proposal")
    with transaction.atomic(using=alias):
        proposal = m.Proposal.objects.using(alias).create(
            resource=resource,
            record_id=record_id,
            changes=changes,
            rationale=rationale,
            proposer=viewer.username or "",
            organization_id=viewer.organization,
        )
        _audit(
            alias,
            viewer,
            "propose",
            "proposal",
            str(proposal.pk),
            None,
            {"resource": resource, "record_id": record_id, "changes": changes},
            request_id,
        )
        bump_version(alias)
    return proposal.pk


def review_proposal(
    alias: str,
    viewer: Viewer,
    proposal_id: int,
    accept: bool,
    comment: str = "",
    request_id: str = "",
) -> None:
    """A curator accepts (the change is applied) or rejects a pending proposal."""
    if not viewer.can_curate:
        raise Forbidden(
            "Reviewing proposals needs a curator or admin account with two-factor verification."
        )
    proposal = m.Proposal.objects.using(alias).filter(pk=proposal_id, status="pending").first()
    if proposal is None:
        raise NotFound(f"No pending proposal {proposal_id}.")
    model, _ = PROPOSABLE[proposal.resource]
    with transaction.atomic(using=alias):
        record = model.objects.using(alias).select_for_update().get(pk=proposal.record_id)
        before = {f: _plain(getattr(record, f)) for f in proposal.changes}
        if accept:
            for field, value in proposal.changes.items():
                try:
                    setattr(record, field, _coerce(model, field, value))
                except (TypeError, ValueError):
                    raise InvalidArgument(
                        f"The proposal cannot be applied: {field}={value!r} is not valid."
                    ) from None
            try:
                record.full_clean(validate_unique=False, validate_constraints=False)
            except Exception as exc:  # django ValidationError, with field messages
                raise InvalidArgument(f"The proposal cannot be applied: {exc}.") from None
            record.save(using=alias)
        proposal.status = "accepted" if accept else "rejected"
        proposal.reviewer, proposal.comment = viewer.username or "", comment[:TEXT_LIMIT]
        proposal.reviewed = dt.datetime.now(dt.UTC)
        proposal.save(using=alias)
        _audit(
            alias,
            viewer,
            "accept" if accept else "reject",
            proposal.resource[:-1],
            proposal.record_id,
            before,
            {f: _plain(getattr(record, f)) for f in proposal.changes} if accept else None,
            request_id,
        )
        bump_version(alias)


def _coerce(model, field: str, value):
    internal = model._meta.get_field(field).get_internal_type()
    if value in (None, "") and internal in ("DateField", "FloatField"):
        return None
    if internal == "DateField":
        return dt.date.fromisoformat(str(value))
    if internal == "FloatField":
        return float(value)
    return "" if value is None else str(value)


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value
