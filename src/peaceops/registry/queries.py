"""Read paths of the register: filtered listings and single records, as plain dicts.

Filters arrive already resolved (codes and ids that exist; see ``filters.py``); dates leave as
ISO strings so that every surface (JSON, CSV, table, frame) shows the same value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import F, Q

from peaceops.model.access import ANONYMOUS, Viewer
from peaceops.model.listing import Listing
from peaceops.registry import models as m
from peaceops.registry.visibility import visible


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _active_in(year: int, prefix: str = "", *, open_start: bool = False) -> Q:
    """Rows whose period overlaps calendar ``year`` (an empty end means still running; with
    ``open_start`` an empty start means 'from the beginning', as for a host country's period,
    which only narrows its mission's)."""
    start, end = f"{prefix}start_date", f"{prefix}end_date"
    begun = Q(**{f"{start}__year__lte": year})
    if open_start:
        begun |= Q(**{f"{start}__isnull": True})
    return begun & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__year__gte": year}))


def _asc(field: str):
    """Ascending with empty values first on every database (SQLite and PostgreSQL differ)."""
    return F(field).asc(nulls_first=True)


def _sharing(record: m.SharedRecord) -> dict:
    """Provenance and sharing of a meeting or exchange (shown only to those who may see it)."""
    return {
        "origin": record.origin,
        "sensitivity": record.sensitivity,
        "owner_organization": record.owner_organization_id,
        "shared_with": sorted(o.id for o in record.shared_with.all()),
        "evidence": record.evidence or None,
    }


class Queries:
    def __init__(self, alias: str, viewer: Viewer = ANONYMOUS):
        self.alias = alias
        self.viewer = viewer

    def _objects(self, model):
        """Every read goes through here, so no query sees a record the viewer may not."""
        objects = model.objects.using(self.alias)
        if issubclass(model, m.SharedRecord):
            return visible(objects.all(), self.viewer)
        if model is m.MeetingParticipant:
            return visible(objects.all(), self.viewer, prefix="meeting__")
        return objects

    def missions(
        self,
        *,
        country=None,
        organization=None,
        function=None,
        kind=None,
        year=None,
        q=None,
        ids=None,
    ) -> Listing:
        qs = self._objects(m.Mission).select_related("lead_organization")
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(acronym__icontains=q) | Q(id__icontains=q))
        if country and year:  # hosted in that year: one join, so both hold for the same row
            qs = qs.filter(
                Q(countries__country=country) & _active_in(year, "countries__", open_start=True)
            )
        elif country:
            qs = qs.filter(countries__country=country)
        if organization:
            qs = qs.filter(
                Q(lead_organization_id=organization) | Q(partners__organization_id=organization)
            )
        if function:
            qs = qs.filter(functions__function=function)
        if kind:
            qs = qs.filter(kind=kind)
        if year:
            qs = qs.filter(_active_in(year))
        if ids is not None:
            qs = qs.filter(id__in=ids)
        missions = list(qs.distinct().order_by("start_date", "id"))
        records = self._mission_records(missions)
        return Listing(
            "missions",
            records,
            [
                "id",
                "acronym",
                "lead_organization",
                "kind",
                "host_countries",
                "start_date",
                "end_date",
                "functions",
            ],
        )

    def mission(self, mission_id: str) -> dict | None:
        listing = self.missions(ids=[mission_id])
        return listing.records[0] if listing.records else None

    def _mission_records(self, missions: list[m.Mission]) -> list[dict]:
        ids = [x.id for x in missions]
        related = defaultdict(lambda: defaultdict(list))

        def collect(model, key, *, select=(), order=()):
            qs = self._objects(model).filter(mission_id__in=ids).select_related(*select)
            for row in qs.order_by(*order) if order else qs:
                related[row.mission_id][key].append(row)

        collect(m.MissionPartner, "partners", order=("organization_id",))
        collect(m.MissionCountry, "countries", order=("country",))
        collect(
            m.MissionAct, "acts", select=("act",), order=(_asc("act__date"), "act_id", "action")
        )
        collect(m.MissionFunction, "functions", order=("function", _asc("start_date")))
        collect(m.MissionPersonnel, "personnel", order=("date", "category", "measure"))
        transitions = (
            self._objects(m.Transition)
            .filter(Q(from_mission_id__in=ids) | Q(to_mission_id__in=ids))
            .order_by(_asc("date"), "id")
        )
        for t in transitions:
            for mid in {t.from_mission_id, t.to_mission_id} & set(ids):
                related[mid]["transitions"].append(t)

        records = []
        for mission in missions:
            rel = related[mission.id]
            sources = {mission.source_id}
            for key in ("partners", "countries", "acts", "functions", "personnel", "transitions"):
                sources.update(r.source_id for r in rel[key])
            sources.update(r.act.source_id for r in rel["acts"])
            records.append(
                {
                    "id": mission.id,
                    "acronym": mission.acronym or None,
                    "name": mission.name,
                    "lead_organization": mission.lead_organization_id,
                    "organizations": [mission.lead_organization_id]
                    + [p.organization_id for p in rel["partners"]],
                    "partners": [
                        {"organization": p.organization_id, "role": p.role} for p in rel["partners"]
                    ],
                    "kind": mission.kind,
                    "host_countries": [c.country for c in rel["countries"]],
                    "hosts": [
                        {
                            "country": c.country,
                            "start_date": _iso(c.start_date),
                            "end_date": _iso(c.end_date),
                        }
                        for c in rel["countries"]
                    ],
                    "start_date": _iso(mission.start_date),
                    "start_precision": mission.start_precision,
                    "end_date": _iso(mission.end_date),
                    "end_precision": mission.end_precision or None,
                    "headquarters": mission.headquarters or None,
                    "latitude": mission.latitude,
                    "longitude": mission.longitude,
                    "functions": sorted({f.function for f in rel["functions"]}),
                    "mandate": [
                        {
                            "function": f.function,
                            "start_date": _iso(f.start_date),
                            "end_date": _iso(f.end_date),
                            "act": f.act_id,
                            "source": f.source_id,
                            "confidence": f.confidence,
                        }
                        for f in rel["functions"]
                    ],
                    "authorizations": [
                        {
                            "act": a.act_id,
                            "symbol": a.act.symbol,
                            "body": a.act.body,
                            "date": _iso(a.act.date),
                            "action": a.action,
                            "title": a.act.title,
                        }
                        for a in rel["acts"]
                    ],
                    "personnel": [
                        {
                            "date": _iso(p.date),
                            "category": p.category,
                            "measure": p.measure,
                            "count": p.count,
                        }
                        for p in rel["personnel"]
                    ],
                    "transitions": [
                        {
                            "id": t.id,
                            "kind": t.kind,
                            "date": _iso(t.date),
                            "from_mission": t.from_mission_id,
                            "to_mission": t.to_mission_id,
                        }
                        for t in rel["transitions"]
                    ],
                    "confidence": mission.confidence,
                    "notes": mission.notes or None,
                    "sources": sorted(sources),
                }
            )
        return records

    # -- organizations -----------------------------------------------------------------------
    def organizations(self, *, kind=None, country=None, q=None, ids=None) -> Listing:
        qs = self._objects(m.Organization).all()
        if q:
            qs = qs.filter(
                Q(name__icontains=q)
                | Q(acronym__icontains=q)
                | Q(id__icontains=q)
                | Q(aliases__alias__icontains=q)
            ).distinct()
        if kind:
            qs = qs.filter(kind=kind)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        led = defaultdict(list)
        for mid, org, ctry in self._objects(m.Mission).values_list(
            "id", "lead_organization_id", "countries__country"
        ):
            led[org].append((mid, ctry))
        for mid, org, ctry in self._objects(m.MissionPartner).values_list(
            "mission_id", "organization_id", "mission__countries__country"
        ):
            led[org].append((mid, ctry))
        aliases = defaultdict(list)
        for org, alias in (
            self._objects(m.OrganizationAlias)
            .values_list("organization_id", "alias")
            .order_by("alias")
        ):
            aliases[org].append(alias)
        records = []
        for org in qs.order_by("id"):
            pairs = led[org.id]
            if country and country not in {c for _, c in pairs}:
                continue
            records.append(
                {
                    "id": org.id,
                    "acronym": org.acronym,
                    "name": org.name,
                    "kind": org.kind,
                    "scope": org.scope,
                    "aliases": aliases[org.id],
                    "missions": sorted({mid for mid, _ in pairs}),
                    "countries": sorted({c for _, c in pairs if c}),
                    "sources": [org.source_id],
                }
            )
        return Listing(
            "organizations", records, ["id", "acronym", "name", "kind", "scope", "missions"]
        )

    # -- interaction on the ground --------------------------------------------------------------
    def exchanges(
        self, *, country=None, organization=None, capability=None, year=None, ids=None
    ) -> Listing:
        qs = self._objects(m.Exchange).all()
        if country:
            qs = qs.filter(theater=country)
        if organization:
            qs = qs.filter(
                Q(giver_organization_id=organization) | Q(receiver_organization_id=organization)
            )
        if capability:
            qs = qs.filter(capability=capability)
        if year:
            qs = qs.filter(_active_in(year))
        if ids is not None:
            qs = qs.filter(id__in=ids)
        records = [
            {
                "id": x.id,
                "theater": x.theater,
                "giver": x.giver_organization_id,
                "giver_mission": x.giver_mission_id,
                "receiver": x.receiver_organization_id,
                "receiver_mission": x.receiver_mission_id,
                "capability": x.capability,
                "regularity": x.regularity or None,
                "formality": x.formality or None,
                "level": x.level or None,
                "start_date": _iso(x.start_date),
                "end_date": _iso(x.end_date),
                "description": x.description,
                "confidence": x.confidence,
                "sources": [x.source_id] if x.source_id else [],
                **_sharing(x),
            }
            for x in qs.prefetch_related("shared_with").order_by("theater", "id")
        ]
        return Listing(
            "exchanges",
            records,
            [
                "id",
                "theater",
                "giver",
                "receiver",
                "capability",
                "regularity",
                "formality",
                "start_date",
                "end_date",
            ],
        )

    def meetings(self, *, country=None, organization=None, year=None, ids=None) -> Listing:
        qs = self._objects(m.Meeting).all()
        if country:
            qs = qs.filter(theater=country)
        if organization:
            qs = qs.filter(participants__organization_id=organization)
        if year:
            qs = qs.filter(_active_in(year))
        if ids is not None:
            qs = qs.filter(id__in=ids)
        meetings = list(qs.distinct().prefetch_related("shared_with").order_by("theater", "id"))
        participants = defaultdict(list)
        for p in (
            self._objects(m.MeetingParticipant)
            .filter(meeting_id__in=[x.id for x in meetings])
            .order_by("organization_id", _asc("mission_id"))
        ):
            participants[p.meeting_id].append(p)
        records = []
        for x in meetings:
            parts = participants[x.id]
            records.append(
                {
                    "id": x.id,
                    "name": x.name,
                    "theater": x.theater,
                    "kind": x.kind,
                    "regularity": x.regularity or None,
                    "level": x.level or None,
                    "start_date": _iso(x.start_date),
                    "end_date": _iso(x.end_date),
                    "participants": sorted({p.organization_id for p in parts}),
                    "participant_missions": sorted({p.mission_id for p in parts if p.mission_id}),
                    "description": x.description or None,
                    "confidence": x.confidence,
                    "sources": sorted(({x.source_id} | {p.source_id for p in parts}) - {None}),
                    **_sharing(x),
                }
            )
        return Listing(
            "meetings",
            records,
            [
                "id",
                "theater",
                "name",
                "regularity",
                "level",
                "participants",
                "start_date",
                "end_date",
            ],
        )

    def absences(self, *, country=None, organization=None, ids=None) -> Listing:
        qs = self._objects(m.Absence).all()
        if country:
            qs = qs.filter(theater=country)
        if organization:
            qs = qs.filter(parties__organization_id=organization)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        parties = defaultdict(list)
        for absence_id, org in (
            self._objects(m.AbsenceParty)
            .values_list("absence_id", "organization_id")
            .order_by("organization_id")
        ):
            parties[absence_id].append(org)
        records = [
            {
                "id": x.id,
                "theater": x.theater,
                "interaction": x.interaction,
                "capability": x.capability or None,
                "function": x.function or None,
                "parties": parties[x.id],
                "description": x.description,
                "confidence": x.confidence,
                "sources": [x.source_id],
            }
            for x in qs.distinct().order_by("theater", "id")
        ]
        return Listing(
            "absences",
            records,
            ["id", "theater", "interaction", "capability", "function", "parties"],
        )

    def frictions(self, *, country=None, organization=None, ids=None) -> Listing:
        qs = self._objects(m.Friction).all()
        if country:
            qs = qs.filter(theater=country)
        if organization:
            qs = qs.filter(Q(organization_a_id=organization) | Q(organization_b_id=organization))
        if ids is not None:
            qs = qs.filter(id__in=ids)
        records = [
            {
                "id": x.id,
                "theater": x.theater,
                "kind": x.kind,
                "organization_a": x.organization_a_id,
                "mission_a": x.mission_a_id,
                "organization_b": x.organization_b_id,
                "mission_b": x.mission_b_id,
                "start_date": _iso(x.start_date),
                "end_date": _iso(x.end_date),
                "description": x.description,
                "confidence": x.confidence,
                "sources": [x.source_id],
            }
            for x in qs.order_by("theater", "id")
        ]
        return Listing(
            "frictions",
            records,
            ["id", "theater", "kind", "organization_a", "organization_b", "start_date"],
        )

    def transitions(self, *, country=None, organization=None, year=None, ids=None) -> Listing:
        qs = self._objects(m.Transition).select_related("from_mission", "to_mission")
        if country:
            qs = qs.filter(
                Q(from_mission__countries__country=country)
                | Q(to_mission__countries__country=country)
            )
        if organization:
            qs = qs.filter(
                Q(from_mission__lead_organization_id=organization)
                | Q(to_mission__lead_organization_id=organization)
            )
        if year:
            qs = qs.filter(date__year=year)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        records = [
            {
                "id": t.id,
                "kind": t.kind,
                "date": _iso(t.date),
                "from_mission": t.from_mission_id,
                "from_organization": t.from_mission.lead_organization_id,
                "to_mission": t.to_mission_id,
                "to_organization": t.to_mission.lead_organization_id,
                "description": t.description or None,
                "confidence": t.confidence,
                "sources": [t.source_id],
            }
            for t in qs.distinct().order_by(_asc("date"), "id")
        ]
        return Listing("transitions", records, ["id", "date", "kind", "from_mission", "to_mission"])

    # -- authority and evidence --------------------------------------------------------------
    def acts(self, *, country=None, organization=None, year=None, ids=None) -> Listing:
        qs = self._objects(m.Act).all()
        if country:
            qs = qs.filter(mission_acts__mission__countries__country=country)
        if organization:
            qs = qs.filter(organization_id=organization)
        if year:
            qs = qs.filter(date__year=year)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        acts = list(qs.distinct().order_by(_asc("date"), "id"))
        effects = defaultdict(list)
        for row in (
            self._objects(m.MissionAct)
            .filter(act_id__in=[a.id for a in acts])
            .order_by("mission_id", "action")
        ):
            effects[row.act_id].append({"mission": row.mission_id, "action": row.action})
        records = [
            {
                "id": a.id,
                "symbol": a.symbol,
                "title": a.title,
                "body": a.body,
                "organization": a.organization_id,
                "date": _iso(a.date),
                "missions": effects[a.id],
                "sources": [a.source_id],
            }
            for a in acts
        ]
        return Listing("acts", records, ["id", "date", "symbol", "body", "title"])

    def sources(self, *, kind=None, q=None, ids=None) -> Listing:
        qs = self._objects(m.Source).all()
        if q:
            qs = qs.filter(
                Q(citation__icontains=q) | Q(document_symbol__icontains=q) | Q(id__icontains=q)
            )
        if kind:
            qs = qs.filter(kind=kind)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        cited = self.citations()
        records = [
            {
                "id": s.id,
                "kind": s.kind,
                "citation": s.citation,
                "document_symbol": s.document_symbol or None,
                "url": s.url or None,
                "publisher": s.publisher or None,
                "published": s.published or None,
                "accessed": _iso(s.accessed),
                "cited_by": cited.get(s.id, 0),
            }
            for s in qs.order_by("id")
        ]
        return Listing("sources", records, ["id", "kind", "document_symbol", "cited_by"])

    def citations(self) -> dict[str, int]:
        """How many assertion rows cite each source."""
        counts: dict[str, int] = defaultdict(int)
        for model in m.RESOURCE_MODELS.values():
            if model is m.Source or not any(f.name == "source" for f in model._meta.fields):
                continue
            for source_id in self._objects(model).values_list("source_id", flat=True):
                counts[source_id] += 1
        return dict(counts)

    def citing(self, source_id: str, primary_keys: dict[str, tuple[str, ...]]) -> list[dict]:
        """Every row that cites ``source_id``: resource and key (joined with '/')."""
        rows = []
        for name, model in m.RESOURCE_MODELS.items():
            if name == "sources" or not any(f.name == "source" for f in model._meta.fields):
                continue
            keys = primary_keys[name]
            for values in self._objects(model).filter(source_id=source_id).values_list(*keys):
                rows.append({"resource": name, "key": "/".join(str(v or "") for v in values)})
        return sorted(rows, key=lambda r: (r["resource"], r["key"]))

    def proposals(self, status: str | None) -> list[dict]:
        viewer = self.viewer
        qs = m.Proposal.objects.using(self.alias).order_by("-created", "-id")
        if not viewer.can_curate:
            if not viewer.can_contribute:
                return []
            qs = qs.filter(organization_id=viewer.organization)
        if status:
            qs = qs.filter(status=status)
        return [
            {
                "id": p.pk,
                "resource": p.resource,
                "record_id": p.record_id,
                "changes": p.changes,
                "rationale": p.rationale,
                "proposer": p.proposer,
                "organization": p.organization_id,
                "status": p.status,
                "reviewer": p.reviewer,
                "comment": p.comment,
            }
            for p in qs
        ]

    def audit(self, *, limit: int, offset: int) -> tuple[list[dict], int]:
        from peaceops.registry.visibility import audit_visible_q

        if not self.viewer.is_member:  # actors' names are not for anonymous readers
            return [], 0
        qs = m.AuditEntry.objects.using(self.alias).filter(audit_visible_q(self.viewer))
        if not self.viewer.can_curate:  # proposals and reviews are the curators' business
            qs = qs.exclude(object_type="proposal")
        total = qs.count()
        rows = [
            {
                "id": e.pk,
                "time": e.time.isoformat(),
                "actor": e.actor,
                "organization": e.organization,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "before": e.before,
                "after": e.after,
                "request_id": e.request_id,
            }
            for e in qs.order_by("-id")[offset : offset + limit]
        ]
        return rows, total

    def known_ids(self, entity: str) -> list[str]:
        model = {
            "missions": m.Mission,
            "organizations": m.Organization,
            "exchanges": m.Exchange,
            "meetings": m.Meeting,
            "sources": m.Source,
            "acts": m.Act,
            "transitions": m.Transition,
            "frictions": m.Friction,
            "absences": m.Absence,
        }[entity]
        return list(self._objects(model).values_list("id", flat=True))

    def organization_aliases(self) -> dict[str, str]:
        """Lower-cased id, acronym and alias → organization id."""
        table = {}
        for org_id, acronym in self._objects(m.Organization).values_list("id", "acronym"):
            table.setdefault(acronym.lower(), org_id)
        for org_id, alias in self._objects(m.OrganizationAlias).values_list(
            "organization_id", "alias"
        ):
            table.setdefault(alias.lower(), org_id)
        for org_id in self._objects(m.Organization).values_list("id", flat=True):
            table[org_id] = org_id
        return table
