"""Rendering of listings, records and reports as table, JSON or CSV on stdout."""

from __future__ import annotations

import csv
import io
import json
import sys

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def stdout_console() -> Console:
    # Piped output keeps long rows on one line instead of wrapping at 80 columns.
    return Console(
        file=sys.stdout,
        width=None if sys.stdout.isatty() else 200,
        highlight=False,
        soft_wrap=False,
    )


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def emit_listing(records: list[dict], columns: list[str], fmt: str, title: str = "") -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        fields = list(records[0]) if records else columns
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: cell(record.get(k)) for k in fields})
        sys.stdout.write(out.getvalue())
    else:
        table = Table(title=title or None, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for record in records:
            table.add_row(*(cell(record.get(c)) for c in columns))
        stdout_console().print(table)


def emit_record(record: dict, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        emit_listing([record], list(record), "csv")
    else:
        table = Table(show_header=False, box=None)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in record.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                value = "\n".join(cell(v) for v in value)
            table.add_row(key, cell(value))
        stdout_console().print(table)


def emit_reports(reports, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(
            json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False) + "\n"
        )
        return
    records = [
        {
            "subject": r.subject,
            "severity": i.severity,
            "location": i.location(),
            "code": i.code,
            "message": i.message,
            "fix": i.fix or "",
        }
        for r in reports
        for i in r.sorted_issues()
    ]
    if fmt == "csv":
        emit_listing(
            records,
            list(records[0])
            if records
            else ["subject", "severity", "location", "code", "message", "fix"],
            "csv",
        )
        return
    if records:
        emit_listing(records, ["severity", "location", "code", "message", "fix"], "table")
