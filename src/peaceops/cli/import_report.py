"""Rendering of an import report: what was read, what would be / was written, every issue with
its location and every unmapped value. Data on stdout, the summary on stderr."""

from __future__ import annotations

import json
import sys

from rich.console import Console

from peaceops.cli import render

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def emit_import_report(report, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        verb = "would" if report.dry_run or not report.committed else "did"
        rows = [{"resource": name, **counts.to_dict()} for name, counts in report.records.items()]
        if rows:
            render.emit_listing(
                rows,
                ["resource", "created", "updated", "unchanged"],
                "table",
                title=f"Records ({verb} write)",
            )
        issues = [
            {
                "severity": i.severity,
                "location": i.location(),
                "code": i.code,
                "message": i.message,
                "fix": i.fix or "",
            }
            for i in report.sorted_issues()
        ]
        if issues:
            render.emit_listing(
                issues, ["severity", "location", "code", "message", "fix"], "table", "Issues"
            )
        unmapped = [
            {**u.to_dict(), "where": ", ".join(str(x) for x in u.lines)} for u in report.unmapped
        ]
        if unmapped:
            render.emit_listing(
                unmapped,
                ["field", "value", "count", "where", "reason", "suggestion"],
                "table",
                "Unmapped values",
            )
    for note in report.notes:
        stderr.print(note, markup=False)
    stderr.print(report.summary(), markup=False)
