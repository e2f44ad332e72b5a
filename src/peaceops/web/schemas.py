"""Typed response shapes of the REST API (the OpenAPI document is generated from them)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema


class PageMeta(Schema):
    total: int
    limit: int
    offset: int


class ErrorOut(Schema):
    ok: Literal[False] = False
    error: str
    code: str
    errors: list[dict] = []


class PartnerOut(Schema):
    organization: str
    role: str


class MandateOut(Schema):
    function: str
    start_date: dt.date | None
    end_date: dt.date | None
    act: str | None
    source: str
    confidence: str


class AuthorizationOut(Schema):
    act: str
    symbol: str
    body: str
    date: dt.date | None
    action: str
    title: str


class PersonnelOut(Schema):
    date: dt.date
    category: str
    measure: str
    count: int


class MissionTransitionOut(Schema):
    id: str
    kind: str
    date: dt.date | None
    from_mission: str
    to_mission: str


class HostOut(Schema):
    country: str
    start_date: dt.date | None  # empty: from the mission's start
    end_date: dt.date | None  # empty: until the mission's end


class MissionOut(Schema):
    id: str
    acronym: str | None
    name: str
    lead_organization: str
    organizations: list[str]
    partners: list[PartnerOut]
    kind: str
    host_countries: list[str]
    hosts: list[HostOut]
    start_date: dt.date
    start_precision: str
    end_date: dt.date | None
    end_precision: str | None
    headquarters: str | None
    latitude: float | None
    longitude: float | None
    functions: list[str]
    mandate: list[MandateOut]
    authorizations: list[AuthorizationOut]
    personnel: list[PersonnelOut]
    transitions: list[MissionTransitionOut]
    confidence: str
    notes: str | None
    sources: list[str]


class OrganizationOut(Schema):
    id: str
    acronym: str
    name: str
    kind: str
    scope: str
    aliases: list[str]
    missions: list[str]
    countries: list[str]
    sources: list[str]


class SharingOut(Schema):
    """Provenance and sharing of a meeting or an exchange."""

    origin: str
    sensitivity: str
    owner_organization: str | None
    shared_with: list[str]
    evidence: str | None


class ExchangeOut(SharingOut):
    id: str
    theater: str
    giver: str
    giver_mission: str | None
    receiver: str
    receiver_mission: str | None
    capability: str
    regularity: str | None
    formality: str | None
    level: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    description: str
    confidence: str
    sources: list[str]


class MeetingOut(SharingOut):
    id: str
    name: str
    theater: str
    kind: str
    regularity: str | None
    level: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    participants: list[str]
    participant_missions: list[str]
    description: str | None
    confidence: str
    sources: list[str]


class AbsenceOut(Schema):
    id: str
    theater: str
    interaction: str
    capability: str | None
    function: str | None
    parties: list[str]
    description: str
    confidence: str
    sources: list[str]


class FrictionOut(Schema):
    id: str
    theater: str
    kind: str
    organization_a: str
    mission_a: str | None
    organization_b: str
    mission_b: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    description: str
    confidence: str
    sources: list[str]


class TransitionOut(Schema):
    id: str
    kind: str
    date: dt.date | None
    from_mission: str
    from_organization: str
    to_mission: str
    to_organization: str
    description: str | None
    confidence: str
    sources: list[str]


class ActEffectOut(Schema):
    mission: str
    action: str


class ActOut(Schema):
    id: str
    symbol: str
    title: str
    body: str
    organization: str | None
    date: dt.date | None
    missions: list[ActEffectOut]
    sources: list[str]


class SourceOut(Schema):
    id: str
    kind: str
    citation: str
    document_symbol: str | None
    url: str | None
    publisher: str | None
    published: str | None
    accessed: dt.date | None
    cited_by: int


class CitingRowOut(Schema):
    resource: str
    key: str


class SourceDetailOut(SourceOut):
    cited_in: list[CitingRowOut]


class CountryOut(Schema):
    code: str
    name: str
    continent: str
    missions: int
    organizations: list[str]
    first_year: int
    last_year: int
    meetings: int
    exchanges: int


class CoverageOut(Schema):
    function: str
    organizations: list[str]
    coverage: str


class TheaterMissionOut(Schema):
    id: str
    acronym: str
    organization: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    functions: list[str]


class ComplementarityDyadOut(Schema):
    organization_a: str
    organization_b: str
    co_present_years: float
    shared_functions: list[str]
    only_a: list[str]
    only_b: list[str]
    overlap: float
    classification: str
    evidence: list[str]


class InteractionDyadOut(Schema):
    organization_a: str
    organization_b: str
    co_present: bool
    level: str
    level_rank: int
    meetings: list[str]
    regular_meetings: bool
    exchanges: list[str]
    direction: str | None
    regularity: list[str]
    formality: list[str]
    capabilities: list[str]
    capabilities_absent: list[str]
    documented_absences: list[str]
    sources: list[str]


class SynergyDyadOut(Schema):
    organization_a: str
    organization_b: str
    co_present_years: float
    potential: int
    realized: int
    realization: float | None


class OpportunityOut(Schema):
    rank: int
    giver: str
    receiver: str
    capability: str
    function: str | None
    score: float
    explanation: str
    realized: bool
    documented_absence: bool


class CountryTransitionOut(TransitionOut):
    pass


class CountryDetailOut(Schema):
    country: CountryOut
    missions: list[TheaterMissionOut]
    transitions: list[TransitionOut]
    coverage: list[CoverageOut]
    complementarity: list[ComplementarityDyadOut]
    interactions: list[InteractionDyadOut]
    synergy: list[SynergyDyadOut]
    opportunities: list[OpportunityOut]


class SpecializationRowOut(Schema):
    organization: str
    function: str
    missions: int
    share_missions: float
    mission_years: int
    share_mission_years: float
    rca: float
    rca_mission_years: float


class DivisionRowOut(Schema):
    function: str
    leader: str
    rca: float
    runner_up: str | None
    organizations: int


class SpecializationOut(Schema):
    missions_by_organization: dict[str, int]
    division_of_labour: list[DivisionRowOut]
    rows: list[SpecializationRowOut]


class ReachRowOut(Schema):
    organization: str
    country: str
    region: str
    continent: str
    mission_years: int
    first_year: int
    last_year: int


class SharingIn(Schema):
    sensitivity: Literal["public", "partners", "internal"] = "internal"
    shared_with: list[str] = []
    source_id: str | None = None
    evidence: str | None = None


class ExchangeIn(SharingIn):
    theater: str
    giver: str
    giver_mission: str | None = None
    receiver: str
    receiver_mission: str | None = None
    capability: str
    regularity: str | None = None
    formality: str | None = None
    level: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    description: str


class MeetingIn(SharingIn):
    name: str
    theater: str
    kind: str
    regularity: str | None = None
    level: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    description: str | None = None
    participants: list[str]


class ProposalIn(Schema):
    resource: Literal["missions", "acts", "sources", "organizations"]
    record_id: str
    changes: dict[str, str | float | None]
    rationale: str


class ReviewIn(Schema):
    accept: bool
    comment: str = ""


class ProposalOut(Schema):
    id: int
    resource: str
    record_id: str
    changes: dict
    rationale: str
    proposer: str
    organization: str
    status: str
    reviewer: str
    comment: str


class DeletedOut(Schema):
    id: str
    deleted: bool


class AuditOut(Schema):
    id: int
    time: str
    actor: str
    organization: str
    action: str
    object_type: str
    object_id: str
    before: dict | None
    after: dict | None
    request_id: str


class UploadIn(Schema):
    """The form fields of a multipart upload (the file itself is the ``file`` part)."""

    kind: Literal["csv", "xlsx", "hxl", "iati"] | None = Field(
        None, description="the file's format; detected when absent"
    )
    dry_run: bool = Field(False, description="report what would be written, write nothing")
    curated: bool = Field(
        False, description="curators and admins: import as curated reference data"
    )
    sensitivity: Literal["public", "partners", "internal"] = "internal"
    shared_with: str = Field(
        "", max_length=2000, description="for 'partners': organization ids, comma separated"
    )


class WriteCountsOut(Schema):
    created: int
    updated: int
    unchanged: int


class IssueOut(Schema):
    file: str
    row: int | None
    field: str | None
    code: str
    message: str
    fix: str | None
    severity: Literal["error", "warning"]


class UnmappedOut(Schema):
    field: str
    value: str
    reason: str
    count: int
    lines: list[int | str]
    suggestion: str | None


class ImportReportOut(Schema):
    path: str
    kind: str
    dry_run: bool
    ok: bool
    committed: bool
    rows_read: int
    records: dict[str, WriteCountsOut]
    source_id: str | None
    version: int | None
    errors: int
    warnings: int
    issues: list[IssueOut]
    unmapped: list[UnmappedOut]
    notes: list[str]
