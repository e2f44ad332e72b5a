"""A contributor's upload: meetings and exchanges that become records *owned* by the uploader's
organization, with the sensitivity they chose — never curated reference data.

A contributor may upload what they could enter in the forms, and nothing more: meetings their
organization attends and exchanges it gives or receives. The rest of a file is

- reference rows identical to the register's (an exported selection sent back): ignored;
- rows an importer derived (an HXL alias, the file's own source row): not written, with a note;
- any other reference row: an error that points to proposals, where curators review changes.

A row cites an existing source, or — when it cites none, or only the uploaded file — rests on
the upload itself as its evidence: a contributor's file never becomes a public source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from peaceops.datapackage.descriptor import Descriptor
from peaceops.importers.provenance import file_digest, file_source_row
from peaceops.model.imports import ParsedImport, Upload, WriteCounts
from peaceops.model.issues import Issue
from peaceops.registry import models as m
from peaceops.registry.store import _db_value

CONTRIBUTABLE = ("meetings", "meeting_participants", "exchanges")
OWNED = {"meetings": m.Meeting, "exchanges": m.Exchange}
DERIVING_KINDS = ("hxl", "iati")  # formats whose reference rows the importer made up itself
_CHUNK = 500


class Contribution:
    """The rows of one upload, restricted to what its contributor may write."""

    def __init__(self, parsed: ParsedImport, upload: Upload, path: Path, today: dt.date):
        self.parsed, self.upload = parsed, upload
        self.organization = upload.viewer.organization or ""
        source = parsed.file_source or file_source_row(
            path,
            parsed.kind,
            f"Records contributed by {self.organization}",
            self.organization,
            today,
            file_digest(path),
        )
        self.file_source_id = source["id"]
        self.evidence = (
            f"Uploaded by {upload.viewer.username} ({self.organization}) on {today.isoformat()}: "
            f"{source['citation']}"
        )
        if not any(r.values.get("id") == source["id"] for r in parsed.tables.get("sources", [])):
            parsed.add("sources", None, source)  # cited while validating; never written

    def restrict(self, descriptor: Descriptor, existing: dict, alias: str) -> list[Issue]:
        """Cite the upload where rows cite nothing, drop what is not the contributor's to
        write, and return an error for every row they may not write."""
        issues: list[Issue] = []
        for name in CONTRIBUTABLE:
            for row in self.parsed.tables.get(name, []):
                if not (row.values.get("source_id") or "").strip():
                    row.values["source_id"] = self.file_source_id
        for name in [n for n in self.parsed.tables if n not in CONTRIBUTABLE]:
            issues += self._reference_rows(name, descriptor, existing.get(name, []))
        issues += self._parties()
        issues += self._taken_ids(existing, alias)
        return issues

    def _reference_rows(self, name: str, descriptor: Descriptor, stored: list) -> list[Issue]:
        schema = descriptor.resources[name]
        known = {schema.sort_key(r): r for r in stored}
        kept, ignored, derived, issues = [], 0, 0, []
        for row in self.parsed.tables[name]:
            values = {k: (v or "").strip() for k, v in row.values.items()}
            if name == "sources" and values.get("id") == self.file_source_id:
                kept.append(row)  # the upload's own citation, for the validator only
            elif _same(known.get(schema.sort_key(values)), values):
                ignored += 1
            elif self.parsed.kind in DERIVING_KINDS:
                derived += 1
            else:
                issues.append(
                    self._issue(
                        name,
                        row,
                        None,
                        "not_contributable",
                        f"a contributor uploads meetings and exchanges; this {name} row is new "
                        "or changes reference data",
                        "propose the change on the Proposals page, or ask a curator to import it",
                    )
                )
                kept.append(row)
        self.parsed.tables[name] = kept
        if ignored:
            self.parsed.notes.append(
                f"{ignored} {name} row(s) identical to the register were ignored."
            )
        if derived:
            self.parsed.notes.append(
                f"{derived} {name} row(s) derived from the file were not written: only curators "
                "change reference data."
            )
        return issues

    def _parties(self) -> list[Issue]:
        org, issues = self.organization, []
        for row in self.parsed.tables.get("exchanges", []):
            parties = {
                row.values.get("giver_organization_id"),
                row.values.get("receiver_organization_id"),
            }
            if org not in parties:
                issues.append(
                    self._issue(
                        "exchanges",
                        row,
                        "giver_organization_id",
                        "not_your_organization",
                        f"a contributor uploads exchanges that {org} gives or receives",
                        "leave this row out, or ask the other organization to record it",
                    )
                )
        attending = defaultdict(set)
        meetings = {r.values.get("id") for r in self.parsed.tables.get("meetings", [])}
        for row in self.parsed.tables.get("meeting_participants", []):
            attending[row.values.get("meeting_id")].add(row.values.get("organization_id"))
            if row.values.get("meeting_id") not in meetings:
                issues.append(
                    self._issue(
                        "meeting_participants",
                        row,
                        "meeting_id",
                        "not_contributable",
                        "participants are uploaded together with their meeting",
                        "add the meeting's row to the same file",
                    )
                )
        for row in self.parsed.tables.get("meetings", []):
            if org not in attending[row.values.get("id")]:
                issues.append(
                    self._issue(
                        "meetings",
                        row,
                        "id",
                        "not_your_organization",
                        f"a contributor uploads meetings that {org} attends",
                        f"list {org} among the meeting_participants of this meeting",
                    )
                )
        return issues

    def _taken_ids(self, existing: dict, alias: str) -> list[Issue]:
        issues = []
        for name, model in OWNED.items():
            rows = self.parsed.tables.get(name, [])
            ids = {(r.values.get("id") or "").strip() for r in rows}
            curated = {r["id"] for r in existing.get(name, [])} & ids
            others = set()
            for chunk in _chunks(sorted(ids)):
                others |= set(
                    model.objects.using(alias)
                    .filter(pk__in=chunk, origin="contributed")
                    .exclude(owner_organization_id=self.organization)
                    .values_list("pk", flat=True)
                )
            for row in rows:
                record_id = (row.values.get("id") or "").strip()
                if record_id in curated:
                    message = "is a curated record; a contributor's upload cannot change it"
                    fix = "give the row another id, or propose the change on the Proposals page"
                elif record_id in others:
                    message = "is already in use"
                    fix = "give the row another id"
                else:
                    continue
                issues.append(self._issue(name, row, "id", "id_taken", message, fix))
        return issues

    def _issue(self, name, row, field, code, message, fix) -> Issue:
        return Issue(self.parsed.location(name, row), row.line, field, code, message, fix)

    # -- writing ---------------------------------------------------------------------------

    def changes(self, descriptor: Descriptor, alias: str) -> dict[str, list]:
        """Per resource: (record values, participants, stored record or None, differs)."""
        participants = defaultdict(set)
        for row in self.parsed.tables.get("meeting_participants", []):
            values = self._values(descriptor, "meeting_participants", row.values)
            participants[values["meeting_id"]].add(
                (values["organization_id"], values["mission_id"], values["source_id"])
            )
        sharing = self.upload.sharing
        planned = {}
        for name, model in OWNED.items():
            rows = [
                self._values(descriptor, name, r.values) for r in self.parsed.tables.get(name, [])
            ]
            related = ("shared_with", "participants") if name == "meetings" else ("shared_with",)
            stored = {}
            for chunk in _chunks([v["id"] for v in rows]):
                stored.update(
                    (r.pk, r)
                    for r in model.objects.using(alias)
                    .filter(pk__in=chunk, owner_organization_id=self.organization)
                    .prefetch_related(*related)
                )
            planned[name] = []
            for values in rows:
                values.update(
                    origin="contributed",
                    sensitivity=sharing.sensitivity,
                    owner_organization_id=self.organization,
                    evidence=self.evidence[:2000],
                )
                people = participants.get(values["id"], set()) if name == "meetings" else set()
                current = stored.get(values["id"])
                differs = current is None or self._differs(current, values, people)
                planned[name].append((values, people, current, differs))
        return planned

    def _values(self, descriptor: Descriptor, name: str, row: dict) -> dict:
        schema = descriptor.resources[name]
        values = {f["name"]: _db_value(f, row.get(f["name"], "") or "") for f in schema.fields}
        if values.get("source_id") == self.file_source_id:
            values["source_id"] = None  # the upload is the evidence, not a public source
        return values

    def _differs(self, current, values: dict, people: set) -> bool:
        if any(getattr(current, k) != v for k, v in values.items() if k != "evidence"):
            return True
        if {o.pk for o in current.shared_with.all()} != set(self.upload.sharing.shared_with):
            return True
        if isinstance(current, m.Meeting):
            stored = {
                (p.organization_id, p.mission_id, p.source_id) for p in current.participants.all()
            }
            return stored != people
        return False

    def plan(self, descriptor: Descriptor, alias: str) -> dict[str, WriteCounts]:
        return _counts(self.changes(descriptor, alias))

    def write(self, descriptor: Descriptor, alias: str) -> tuple[dict[str, WriteCounts], dict]:
        """Create or update the records in bulk (inside the caller's transaction); returns the
        counts and the ids written per resource."""
        planned = self.changes(descriptor, alias)
        written = {}
        for name, entries in planned.items():
            model = OWNED[name]
            new = [model(**values) for values, _, current, _ in entries if current is None]
            changed = []
            for values, _, current, differs in entries:
                if current is not None and differs:
                    for key, value in values.items():
                        setattr(current, key, value)
                    changed.append(current)
            model.objects.using(alias).bulk_create(new, batch_size=_CHUNK)
            if changed:
                fields = [k for k in entries[0][0] if k != "id"]
                model.objects.using(alias).bulk_update(changed, fields, batch_size=_CHUNK)
            ids = [r.pk for r in new + changed]
            self._share(model, ids, alias)
            if name == "meetings":
                people = {values["id"]: p for values, p, _, d in entries if d}
                self._seat(people, alias)
            if ids:
                written[name] = ids
        return _counts(planned), written

    def _share(self, model, ids: list[str], alias: str) -> None:
        through = model.shared_with.through
        owner = f"{model._meta.model_name}_id"
        for chunk in _chunks(ids):
            through.objects.using(alias).filter(**{f"{owner}__in": chunk}).delete()
            through.objects.using(alias).bulk_create(
                through(**{owner: record_id, "organization_id": org})
                for record_id in chunk
                for org in self.upload.sharing.shared_with
            )

    def _seat(self, people: dict[str, set], alias: str) -> None:
        for chunk in _chunks(list(people)):
            m.MeetingParticipant.objects.using(alias).filter(meeting_id__in=chunk).delete()
            m.MeetingParticipant.objects.using(alias).bulk_create(
                m.MeetingParticipant(
                    meeting_id=meeting, organization_id=o, mission_id=mi, source_id=src
                )
                for meeting in chunk
                for o, mi, src in sorted(people[meeting], key=lambda p: tuple(x or "" for x in p))
            )


def _chunks(ids: list[str]):
    # Some SQLite builds allow only ~32,000 parameters per statement; uploads may hold 100,000.
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _same(stored: dict | None, values: dict) -> bool:
    return stored is not None and all(values.get(f, "") == v for f, v in stored.items())


def _counts(planned: dict[str, list]) -> dict[str, WriteCounts]:
    counts = {}
    for name, entries in planned.items():
        if not entries:
            continue
        counts[name] = WriteCounts(
            sum(1 for _, _, current, _ in entries if current is None),
            sum(1 for _, _, current, differs in entries if current is not None and differs),
            sum(1 for *_, differs in entries if not differs),
        )
        if name == "meetings":
            counts["meeting_participants"] = WriteCounts(
                sum(len(p) for _, p, c, _ in entries if c is None),
                sum(len(p) for _, p, c, d in entries if c is not None and d),
                sum(len(p) for _, p, _, d in entries if not d),
            )
    return counts
