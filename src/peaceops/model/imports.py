"""What an importer hands to the façade, and what an import reports back. Plain types.

An importer turns a file into rows shaped like the data package (``dict[str, str]`` per row,
keyed by resource), each row with the line (or element) it came from, plus the issues and the
unmapped values it met. It never writes and never prints; the façade validates the rows against
the register and decides whether to write them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from peaceops.model.access import Viewer
from peaceops.model.issues import HasIssues, Issue

IMPORT_KINDS = ("csv", "xlsx", "hxl", "iati", "datapackage")
UPLOAD_KINDS = IMPORT_KINDS[:-1]  # one file each (a data package is a folder)


@dataclass(frozen=True)
class SourceRow:
    """An incoming row and where it came from (``line`` = 1-based line, row or element)."""

    line: int | None
    values: dict[str, str]
    ref: str | None = None  # where a row without a line comes from (an IATI activity id)


@dataclass
class Unmapped:
    """A value the importer could not map to the register's vocabulary or records."""

    field: str  # organization, sector, country, date, transaction...
    value: str
    reason: str
    count: int = 0
    lines: list = field(default_factory=list)  # first few lines (or element ids) where it occurs
    suggestion: str | None = None

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "value": self.value,
            "reason": self.reason,
            "count": self.count,
            "lines": self.lines,
            "suggestion": self.suggestion,
        }


class MappingLog:
    """Collects unmapped values, counted once per (field, value), with the first lines."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Unmapped] = {}
        self.mapped: dict[str, dict[str, str]] = defaultdict(dict)  # field → value → target

    def miss(
        self,
        field_name: str,
        value: str,
        reason: str,
        line: int | str | None = None,
        suggestion: str | None = None,
    ) -> None:
        key = (field_name, value)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = Unmapped(field_name, value, reason, 0, [], suggestion)
        entry.count += 1
        if line is not None and len(entry.lines) < 5:
            entry.lines.append(line)

    def hit(self, field_name: str, value: str, target: str) -> None:
        self.mapped[field_name][value] = target

    def unmapped(self) -> list[Unmapped]:
        return sorted(self._entries.values(), key=lambda u: (u.field, -u.count, u.value))


@dataclass
class ParsedImport:
    """An importer's result: package-shaped rows per resource, issues, unmapped values."""

    kind: str
    display_name: str
    rows_read: int = 0
    tables: dict[str, list[SourceRow]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    mapped: dict[str, dict[str, str]] = field(default_factory=dict)
    # Where a table's rows come from, for issue locations ("exchanges.csv", "book.xlsx[missions]").
    locations: dict[str, str] = field(default_factory=dict)
    # Files without source columns (HXL, IATI) cite the imported file itself: its source row.
    file_source: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)

    def add(
        self, resource: str, line: int | None, values: dict[str, str], ref: str | None = None
    ) -> None:
        self.tables.setdefault(resource, []).append(SourceRow(line, values, ref))

    def location(self, resource: str, row: SourceRow) -> str:
        """Where an issue of an incoming row points: its file (or sheet), plus the element id
        for rows without a line (an IATI activity)."""
        where = self.locations.get(resource, self.display_name)
        return f"{where} {row.ref}" if row.line is None and row.ref else where


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def to_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportReport(HasIssues):
    """What an import read, what it would write (dry run) or wrote, and every issue met."""

    path: str
    kind: str
    dry_run: bool
    rows_read: int = 0
    records: dict[str, WriteCounts] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    mapped: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source_id: str | None = None
    committed: bool = False
    version: int | None = None

    @property
    def records_total(self) -> int:
        return sum(c.created + c.updated + c.unchanged for c in self.records.values())

    @property
    def changes(self) -> int:
        return sum(c.changed for c in self.records.values())

    def summary(self) -> str:
        created = sum(c.created for c in self.records.values())
        updated = sum(c.updated for c in self.records.values())
        unchanged = sum(c.unchanged for c in self.records.values())
        if self.committed:
            action = f"wrote {created} new and {updated} changed records"
        elif self.ok:
            action = f"would write {created} new and {updated} changed records"
        else:
            action = "nothing was written"
        return (
            f"{self.path} ({self.kind}): {self.rows_read} rows read; {action} "
            f"({unchanged} unchanged); {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s), {len(self.unmapped)} unmapped value(s)."
        )

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "committed": self.committed,
            "rows_read": self.rows_read,
            "records": {name: c.to_dict() for name, c in self.records.items()},
            "source_id": self.source_id,
            "version": self.version,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_dict() for i in self.sorted_issues()],
            "unmapped": [u.to_dict() for u in self.unmapped],
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Sharing:
    """Who may see an upload's records (checked by ``services.check_upload``)."""

    sensitivity: str = "internal"
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Upload:
    """A file sent through the web or the API, by whom, and how its records are kept."""

    viewer: Viewer
    filename: str
    sharing: Sharing | None = None  # None: curated reference data (curators and admins only)
    request_id: str = ""
