"""REST API under /api/v1 (django-ninja): one success envelope, one error envelope.

    {"ok": true, "data": …, "meta": {"total", "limit", "offset"}}      lists
    {"ok": true, "data": …}                                             single records
    {"ok": false, "error": "…", "code": "not_found", "errors": […]}      any failure

Every route parses its parameters, makes one façade call and returns the result.
"""

from __future__ import annotations

import logging
import uuid
from typing import Literal

from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import File, Form, NinjaAPI, Query, Schema, Status, UploadedFile
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import create_model

from peaceops.errors import PeaceOpsError
from peaceops.web import schemas as s
from peaceops.web import uploads
from peaceops.web.auth import registry_for

log = logging.getLogger("peaceops.api")
api = NinjaAPI(
    title="peaceops API",
    version="1",
    description="A sourced register of international peace operations. Every list "
    "is paginated (limit ≤ 100), filtered and sorted from allow-lists.",
    urls_namespace="api-v1",
)

ERRORS = {400: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut, 429: s.ErrorOut}
WRITE_ERRORS = {**ERRORS, 401: s.ErrorOut, 403: s.ErrorOut}
STATUS = {
    "not_found": 404,
    "forbidden": 403,
    "unauthorized": 401,
    "import_failed": 422,
    "file_too_large": 413,
}


def _envelope(schema: type, name: str, many: bool) -> type:
    fields = {"ok": (Literal[True], True), "data": (list[schema] if many else schema, ...)}
    if many:
        fields["meta"] = (s.PageMeta, ...)
    return create_model(name, __base__=Schema, **fields)


def _error(request, status: int, message: str, code: str, errors=None):
    return api.create_response(
        request,
        {"ok": False, "error": message, "code": code, "errors": errors or []},
        status=status,
    )


@api.exception_handler(PeaceOpsError)
def _peaceops_error(request, exc: PeaceOpsError):
    errors = [d for d in exc.details if isinstance(d, dict)]
    return _error(request, STATUS.get(exc.code, 400), str(exc), exc.code, errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(
        request,
        401,
        "Writing needs a valid API token: send 'Authorization: Bearer "
        "<token>' (see 'peaceops users token').",
        "unauthorized",
    )


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    if message := uploads.refused(request):  # the upload was cut off, so its file is missing
        return _error(request, 413, message, "file_too_large")
    errors = [
        {"location": list(map(str, e.get("loc", []))), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return _error(request, 422, "The request parameters are not valid.", "invalid_request", errors)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # e.g. a request body that is not JSON (ninja raises HttpError 400 for it)
    code = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
    return _error(
        request,
        exc.status_code,
        str(exc) or "The request could not be understood.",
        code.get(exc.status_code, "http_error"),
    )


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request, exc):
    return _error(
        request,
        400,
        "The multipart body cannot be read (a boundary is missing or wrong).",
        "bad_request",
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "Not found.", "not_found")


@api.exception_handler(Exception)
def _unexpected(request, exc):
    log.exception("unexpected error on %s", request.path)
    return _error(request, 500, "Internal error; it has been logged.", "internal_error")


def _paging(entity: str) -> type:
    """Paging parameters whose ``sort`` enumerates exactly the fields the façade allows."""
    from peaceops.facade import SORTABLE

    fields = SORTABLE[entity]
    choices = Literal[tuple(fields) + tuple(f"-{f}" for f in fields)]  # type: ignore[valid-type]
    return create_model(
        f"{entity.title()}Paging",
        __base__=Schema,
        limit=(int, Query(50, ge=1, le=100, description="page size (at most 100)")),
        offset=(int, Query(0, ge=0, le=100_000)),
        sort=(choices | None, Query(None, description="field to sort by; '-field' for descending")),
    )


Text = str | None
Period = Query(None, pattern=r"^\d{4}(-\d{4})?$", description="a year or FIRST-LAST")


def _listing(records: list, total: int, limit: int, offset: int) -> dict:
    return {"ok": True, "data": records, "meta": {"total": total, "limit": limit, "offset": offset}}


def _page(request, entity: str, paging, filters: dict) -> dict:
    records, total = registry_for(request).page(
        entity, sort=paging.sort, limit=paging.limit, offset=paging.offset, **filters
    )
    return _listing(records, total, paging.limit, paging.offset)


def _one(request, entity: str, record_id: str) -> dict:
    return {"ok": True, "data": registry_for(request).get(entity, record_id)}


# -- register -------------------------------------------------------------------------------


@api.get(
    "/missions",
    response={200: _envelope(s.MissionOut, "MissionPage", True), **ERRORS},
    tags=["register"],
)
def list_missions(
    request,
    paging: Query[_paging("missions")],
    country: Text = None,
    organization: Text = None,
    function: Text = None,
    kind: Text = None,
    year: int | None = Query(None, ge=1945, le=2100),
    q: Text = None,
):
    return _page(
        request,
        "missions",
        paging,
        dict(
            country=country, organization=organization, function=function, kind=kind, year=year, q=q
        ),
    )


@api.get(
    "/missions/{mission_id}",
    response={200: _envelope(s.MissionOut, "MissionItem", False), **ERRORS},
    tags=["register"],
)
def get_mission(request, mission_id: str):
    return _one(request, "missions", mission_id)


@api.get(
    "/organizations",
    response={200: _envelope(s.OrganizationOut, "OrganizationPage", True), **ERRORS},
    tags=["register"],
)
def list_organizations(
    request,
    paging: Query[_paging("organizations")],
    kind: Text = None,
    country: Text = None,
    q: Text = None,
):
    return _page(request, "organizations", paging, dict(kind=kind, country=country, q=q))


@api.get(
    "/organizations/{organization_id}",
    response={200: _envelope(s.OrganizationOut, "OrganizationItem", False), **ERRORS},
    tags=["register"],
)
def get_organization(request, organization_id: str):
    return _one(request, "organizations", organization_id)


@api.get("/acts", response={200: _envelope(s.ActOut, "ActPage", True), **ERRORS}, tags=["register"])
def list_acts(
    request,
    paging: Query[_paging("acts")],
    country: Text = None,
    organization: Text = None,
    year: int | None = Query(None, ge=1945, le=2100),
):
    return _page(
        request, "acts", paging, dict(country=country, organization=organization, year=year)
    )


@api.get(
    "/acts/{act_id}",
    response={200: _envelope(s.ActOut, "ActItem", False), **ERRORS},
    tags=["register"],
)
def get_act(request, act_id: str):
    return _one(request, "acts", act_id)


@api.get(
    "/transitions",
    response={200: _envelope(s.TransitionOut, "TransitionPage", True), **ERRORS},
    tags=["register"],
)
def list_transitions(
    request,
    paging: Query[_paging("transitions")],
    country: Text = None,
    organization: Text = None,
    year: int | None = Query(None, ge=1945, le=2100),
):
    return _page(
        request, "transitions", paging, dict(country=country, organization=organization, year=year)
    )


@api.get(
    "/transitions/{transition_id}",
    response={200: _envelope(s.TransitionOut, "TransitionItem", False), **ERRORS},
    tags=["register"],
)
def get_transition(request, transition_id: str):
    return _one(request, "transitions", transition_id)


@api.get(
    "/sources",
    response={200: _envelope(s.SourceOut, "SourcePage", True), **ERRORS},
    tags=["register"],
)
def list_sources(request, paging: Query[_paging("sources")], kind: Text = None, q: Text = None):
    return _page(request, "sources", paging, dict(kind=kind, q=q))


@api.get(
    "/sources/{source_id}",
    response={200: _envelope(s.SourceDetailOut, "SourceItem", False), **ERRORS},
    tags=["register"],
)
def get_source(request, source_id: str):
    record = registry_for(request).get("sources", source_id)
    return {"ok": True, "data": {**record, "cited_in": registry_for(request).citing(source_id)}}


# -- interaction on the ground --------------------------------------------------------------


@api.get(
    "/exchanges",
    response={200: _envelope(s.ExchangeOut, "ExchangePage", True), **ERRORS},
    tags=["interaction"],
)
def list_exchanges(
    request,
    paging: Query[_paging("exchanges")],
    country: Text = None,
    organization: Text = None,
    capability: Text = None,
    year: int | None = Query(None, ge=1945, le=2100),
):
    return _page(
        request,
        "exchanges",
        paging,
        dict(country=country, organization=organization, capability=capability, year=year),
    )


@api.get(
    "/exchanges/{exchange_id}",
    response={200: _envelope(s.ExchangeOut, "ExchangeItem", False), **ERRORS},
    tags=["interaction"],
)
def get_exchange(request, exchange_id: str):
    return _one(request, "exchanges", exchange_id)


@api.get(
    "/meetings",
    response={200: _envelope(s.MeetingOut, "MeetingPage", True), **ERRORS},
    tags=["interaction"],
)
def list_meetings(
    request,
    paging: Query[_paging("meetings")],
    country: Text = None,
    organization: Text = None,
    year: int | None = Query(None, ge=1945, le=2100),
):
    return _page(
        request, "meetings", paging, dict(country=country, organization=organization, year=year)
    )


@api.get(
    "/meetings/{meeting_id}",
    response={200: _envelope(s.MeetingOut, "MeetingItem", False), **ERRORS},
    tags=["interaction"],
)
def get_meeting(request, meeting_id: str):
    return _one(request, "meetings", meeting_id)


@api.get(
    "/absences",
    response={200: _envelope(s.AbsenceOut, "AbsencePage", True), **ERRORS},
    tags=["interaction"],
)
def list_absences(
    request, paging: Query[_paging("absences")], country: Text = None, organization: Text = None
):
    return _page(request, "absences", paging, dict(country=country, organization=organization))


@api.get(
    "/absences/{absence_id}",
    response={200: _envelope(s.AbsenceOut, "AbsenceItem", False), **ERRORS},
    tags=["interaction"],
)
def get_absence(request, absence_id: str):
    return _one(request, "absences", absence_id)


@api.get(
    "/frictions",
    response={200: _envelope(s.FrictionOut, "FrictionPage", True), **ERRORS},
    tags=["interaction"],
)
def list_frictions(
    request, paging: Query[_paging("frictions")], country: Text = None, organization: Text = None
):
    return _page(request, "frictions", paging, dict(country=country, organization=organization))


@api.get(
    "/frictions/{friction_id}",
    response={200: _envelope(s.FrictionOut, "FrictionItem", False), **ERRORS},
    tags=["interaction"],
)
def get_friction(request, friction_id: str):
    return _one(request, "frictions", friction_id)


# -- analysis -------------------------------------------------------------------------------


@api.get(
    "/countries",
    response={200: _envelope(s.CountryOut, "CountryPage", True), **ERRORS},
    tags=["analysis"],
)
def list_countries(request, paging: Query[_paging("countries")]):
    return _page(request, "countries", paging, {})


@api.get(
    "/countries/{country}",
    response={200: _envelope(s.CountryDetailOut, "CountryItem", False), **ERRORS},
    tags=["analysis"],
)
def get_country(request, country: str, period: Text = Period):
    return {"ok": True, "data": registry_for(request).country_view(country, period)}


@api.get(
    "/analysis/specialization",
    response={200: _envelope(s.SpecializationOut, "SpecializationItem", False), **ERRORS},
    tags=["analysis"],
)
def specialization(
    request,
    kind: Literal["civilian", "police", "military", "mixed", "civilian_only"] | None = None,
    period: Text = Period,
    region: Text = None,
    civilian_functions: bool = False,
    min_missions: int = Query(3, ge=1, le=100),
):
    result = registry_for(request).specialization(
        kind=kind,
        period=period,
        region=region,
        civilian_functions=civilian_functions,
        min_missions=min_missions,
    )
    return {
        "ok": True,
        "data": {
            "missions_by_organization": result.missions_by_organization,
            "division_of_labour": result.division_of_labour(),
            "rows": result.rows,
        },
    }


@api.get(
    "/analysis/reach",
    response={200: _envelope(s.ReachRowOut, "ReachPage", True), **ERRORS},
    tags=["analysis"],
)
def reach(request, paging: Query[_paging("reach")], organization: Text = None):
    return _page(request, "reach", paging, {"organization": organization})


# -- contributions (bearer token only: browsers write through the CSRF-protected forms) ------


class TokenAuth(HttpBearer):
    """Writes authenticate with a bearer token, checked before the body is parsed; they never
    ride on a session cookie (browsers write through the CSRF-protected forms)."""

    def authenticate(self, request, token):
        from peaceops.registry.accounts import user_for_token

        return user_for_token("default", token)


WRITE = {"auth": TokenAuth(), "tags": ["contributions"]}


def _request_id(request) -> str:
    return request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex


@api.post(
    "/exchanges",
    response={201: _envelope(s.ExchangeOut, "ExchangeCreated", False), **WRITE_ERRORS},
    **WRITE,
)
def create_exchange(request, payload: s.ExchangeIn):
    record = registry_for(request).record_exchange(payload.dict(), _request_id(request))
    return Status(201, {"ok": True, "data": record})


@api.delete(
    "/exchanges/{exchange_id}",
    response={200: _envelope(s.DeletedOut, "ExchangeDeleted", False), **WRITE_ERRORS},
    **WRITE,
)
def delete_exchange(request, exchange_id: str):
    registry_for(request).withdraw("exchange", exchange_id, _request_id(request))
    return {"ok": True, "data": {"id": exchange_id, "deleted": True}}


@api.post(
    "/meetings",
    response={201: _envelope(s.MeetingOut, "MeetingCreated", False), **WRITE_ERRORS},
    **WRITE,
)
def create_meeting(request, payload: s.MeetingIn):
    record = registry_for(request).record_meeting(payload.dict(), _request_id(request))
    return Status(201, {"ok": True, "data": record})


@api.delete(
    "/meetings/{meeting_id}",
    response={200: _envelope(s.DeletedOut, "MeetingDeleted", False), **WRITE_ERRORS},
    **WRITE,
)
def delete_meeting(request, meeting_id: str):
    registry_for(request).withdraw("meeting", meeting_id, _request_id(request))
    return {"ok": True, "data": {"id": meeting_id, "deleted": True}}


@api.post(
    "/imports",
    response={
        200: _envelope(s.ImportReportOut, "ImportPreview", False),
        201: _envelope(s.ImportReportOut, "ImportDone", False),
        413: s.ErrorOut,
        **WRITE_ERRORS,
    },
    **WRITE,
)
def upload_file(request, file: File[UploadedFile], options: Form[s.UploadIn]):
    """Import a file (multipart): a contributor's rows become meetings and exchanges owned by
    their organization; a dry run answers 200 with the report, a commit 201; a file with errors
    answers 422 and writes nothing."""
    token, path = uploads.keep(file)
    try:
        report = registry_for(request).upload(
            path,
            path.name,
            options.kind,
            dry_run=options.dry_run,
            curated=options.curated,
            sensitivity=options.sensitivity,
            shared_with=[o.strip() for o in options.shared_with.split(",") if o.strip()],
            request_id=_request_id(request),
        )
    finally:
        uploads.discard(token)
    return Status(
        201 if report.changes and report.committed else 200, {"ok": True, "data": report.to_dict()}
    )


@api.get(
    "/proposals",
    response={200: _envelope(s.ProposalOut, "ProposalPage", True), **WRITE_ERRORS},
    **WRITE,
)
def list_proposals(request, status: Literal["pending", "accepted", "rejected"] | None = None):
    records = registry_for(request).proposals(status)
    return _listing(records, len(records), len(records), 0)


@api.post(
    "/proposals",
    response={201: _envelope(s.ProposalOut, "ProposalCreated", False), **WRITE_ERRORS},
    **WRITE,
)
def create_proposal(request, payload: s.ProposalIn):
    record = registry_for(request).propose(payload.dict(), _request_id(request))
    return Status(201, {"ok": True, "data": record})


@api.post(
    "/proposals/{proposal_id}/review",
    response={200: _envelope(s.ProposalOut, "ProposalReviewed", False), **WRITE_ERRORS},
    **WRITE,
)
def review_proposal(request, proposal_id: int, payload: s.ReviewIn):
    record = registry_for(request).review(
        proposal_id, payload.accept, payload.comment, _request_id(request)
    )
    return {"ok": True, "data": record}


@api.get(
    "/audit",
    response={200: _envelope(s.AuditOut, "AuditPage", True), **ERRORS},
    tags=["contributions"],
)
def audit(request, limit: int = Query(50, ge=1, le=100), offset: int = Query(0, ge=0, le=100_000)):
    rows, total = registry_for(request).audit(limit=limit, offset=offset)
    return _listing(rows, total, limit, offset)
