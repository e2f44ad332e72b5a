"""The import use case, for the façade (``Registry.import_file`` for the operator,
``Registry.upload`` for members on the web and the API): parse a file with the right importer,
check its rows against the register exactly as ``peaceops validate`` would check the merged
result, and write them and one audit entry in one transaction — or, on a dry run or any error,
write nothing. Adapters call the façade, never this module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peaceops.datapackage import shipped_descriptor
from peaceops.datapackage.descriptor import Descriptor
from peaceops.datapackage.tables import Package, Table
from peaceops.datapackage.validate import validate_package
from peaceops.errors import InvalidArgument, PeaceOpsError
from peaceops.importers.limits import DEFAULT_LIMITS, Limits, UnreadableFile
from peaceops.model.access import ANONYMOUS
from peaceops.model.imports import IMPORT_KINDS, ImportReport, ParsedImport, Upload
from peaceops.model.issues import Issue


class ImportFailed(PeaceOpsError):
    """The file was read but its rows have errors; nothing was written."""

    code = "import_failed"

    def __init__(self, report: ImportReport):
        super().__init__(
            f"{report.path}: {len(report.errors)} error(s); nothing was written.",
            hint="Fix the rows listed in the report (try a dry run) and import again.",
            details=[i.to_dict() for i in sorted(report.errors, key=Issue.sort_key)],
        )
        self.report = report


def run_import(
    alias: str,
    path: str | Path,
    as_: str | None = None,
    *,
    dry_run: bool = False,
    limits: Limits | None = None,
    today: dt.date | None = None,
    upload: Upload | None = None,
) -> ImportReport:
    """Import a file. Without ``upload`` the operator imports curated data (CLI, library);
    with one, a member's web or API upload: curated for curators who ask for it, otherwise
    records owned by the uploader's organization (``peaceops.registry.contributions``)."""
    from django.db import transaction

    from peaceops.importers.detect import detect_kind
    from peaceops.registry import services, writes
    from peaceops.registry.contributions import Contribution
    from peaceops.registry.store import bump_version, current_version, export_rows

    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    today = today or dt.date.today()
    display = upload.filename if upload else str(path)
    upload = upload or Upload(ANONYMOUS, path.name)
    descriptor = shipped_descriptor()
    if as_ is not None and as_ not in IMPORT_KINDS:
        raise InvalidArgument(
            f"Unknown import type {as_!r}.", hint=f"Use one of: {', '.join(IMPORT_KINDS)}."
        )
    if not path.exists():
        raise UnreadableFile(f"{path} does not exist.")
    kind = as_ or detect_kind(path, descriptor)
    existing = export_rows(descriptor, alias)
    parsed = _parse(kind, path, descriptor, existing, limits, today)
    report = ImportReport(display, kind, dry_run, parsed.rows_read)
    issues = list(parsed.issues)
    contribution = None
    if upload.sharing is not None:
        contribution = Contribution(parsed, upload, path, today)
        issues += contribution.restrict(descriptor, existing, alias)
    else:
        report.source_id = parsed.file_source["id"] if parsed.file_source else None
    report.unmapped, report.mapped, report.notes = parsed.unmapped, parsed.mapped, parsed.notes
    report.issues = issues + _check(parsed, descriptor, existing, today)
    tables = {name: [r.values for r in rows] for name, rows in parsed.tables.items() if rows}

    def plan():
        if contribution is not None:
            return contribution.plan(descriptor, alias)
        return writes.plan(tables, descriptor, alias)

    if report.errors:
        report.records = plan() if _plannable(report) else {}
        if not dry_run:
            raise ImportFailed(report)
        return report
    if dry_run:
        report.records = plan()
        return report
    with transaction.atomic(using=alias):
        if contribution is not None:
            report.records, written = contribution.write(descriptor, alias)
            if report.changes:
                bump_version(alias)
        else:
            report.records, written = writes.upsert(tables, descriptor, alias), {}
        if report.changes:
            services.audit_import(alias, upload, report, written)
    report.committed = True
    report.version = current_version(alias)
    return report


def _plannable(report: ImportReport) -> bool:
    # Counting would hit the database with values that failed their type checks.
    return not any(i.code in ("type", "missing_column", "formula_cell") for i in report.errors)


def _parse(kind, path, descriptor, existing, limits, today) -> ParsedImport:
    from peaceops.importers import templates

    if kind == "csv":
        return templates.read_csv_template(path, descriptor, limits)
    if kind == "xlsx":
        return templates.read_xlsx_template(path, descriptor, limits)
    if kind == "datapackage":
        return templates.read_package_folder(path, descriptor, limits)
    from peaceops.importers.matching import OrganizationMatcher

    matcher = OrganizationMatcher(existing["organizations"], existing["organization_aliases"])
    if kind == "hxl":
        from peaceops.importers.hxl3w import read_hxl

        return read_hxl(path, matcher, limits, today)
    from peaceops.importers.iati import read_iati

    return read_iati(path, matcher, limits, today)


def _check(
    parsed: ParsedImport, descriptor: Descriptor, existing: dict, today: dt.date
) -> list[Issue]:
    """Validate the register as it would be after the import; keep the issues of new rows.

    Incoming rows get negative line numbers in the merged tables so that their issues can be
    told apart and traced back to the file; stored rows get 0 (their issues are not ours)."""
    if not any(parsed.tables.values()):
        return []
    tables = {}
    origin = {}
    for name, schema in descriptor.resources.items():
        incoming = parsed.tables.get(name, [])
        keys = {schema.sort_key(_stripped(r.values)) for r in incoming}
        kept = [r for r in existing.get(name, []) if schema.sort_key(r) not in keys]
        rows = kept + [dict(r.values) for r in incoming]
        lines = [0] * len(kept) + [-(i + 1) for i in range(len(incoming))]
        tables[name] = Table(schema, list(schema.field_names), rows, lines)
        for i, row in enumerate(incoming):
            origin[(schema.path, -(i + 1))] = (name, row)
    merged = Package(descriptor, tables, "import")
    issues = []
    for issue in validate_package(merged, today=today).issues:
        found = origin.get((issue.file, issue.row))
        if found is None:
            continue
        name, row = found
        issues.append(
            Issue(
                parsed.location(name, row),
                row.line,
                issue.field,
                issue.code,
                issue.message,
                issue.fix,
                issue.severity,
            )
        )
    return issues


def _stripped(values: dict[str, str]) -> dict[str, str]:
    return {k: (v or "").strip() for k, v in values.items()}
