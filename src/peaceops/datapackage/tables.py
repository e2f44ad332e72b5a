"""CSV tables of the data package, read and written in one canonical form.

Canonical form (what ``peaceops export`` writes and what the shipped files are): UTF-8 without
BOM, ``\\n`` line ends, minimal quoting, the descriptor's column order, rows sorted by primary key.
Because there is exactly one way to write a table, load → export reproduces the files byte for
byte.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from peaceops.datapackage.descriptor import DESCRIPTOR_NAME, Descriptor, ResourceSchema
from peaceops.errors import PackageError


@dataclass
class Table:
    """Rows of one resource as read: header as found, rows as dicts, line numbers kept."""

    schema: ResourceSchema
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int] = field(default_factory=list)  # line number of each row (header = 1)

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else index + 2


@dataclass
class Package:
    descriptor: Descriptor
    tables: dict[str, Table]
    location: str = "<memory>"

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.tables[name].rows if name in self.tables else []


def read_package(directory: Path | str) -> Package:
    directory = Path(directory)
    descriptor = Descriptor.load(directory)
    tables = {}
    for name, schema in descriptor.resources.items():
        path = directory / schema.path
        if not path.exists():
            tables[name] = Table(schema, list(schema.field_names), [], [])
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PackageError(
                f"{path.name} is not UTF-8 (byte {exc.start}).", hint="Save the file as UTF-8."
            ) from None
        tables[name] = parse_table(schema, text)
    return Package(descriptor, tables, str(directory))


def parse_table(schema: ResourceSchema, text: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows, lines = [], []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        rows.append({name: (values[i] if i < len(values) else "") for i, name in enumerate(header)})
        lines.append(reader.line_num)
    return Table(schema, header, rows, lines)


def format_table(schema: ResourceSchema, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(schema.field_names)
    for row in sorted(rows, key=schema.sort_key):
        writer.writerow([row.get(name, "") or "" for name in schema.field_names])
    return out.getvalue()


def write_package(
    descriptor: Descriptor, rows_by_resource: dict[str, list[dict[str, str]]], directory: Path | str
) -> list[Path]:
    """Write every resource (and the descriptor) in canonical form; returns the files written."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackageError(f"Cannot create {directory}: {exc.strerror}.") from None
    written = []
    for name, schema in descriptor.resources.items():
        path = directory / schema.path
        path.write_text(format_table(schema, rows_by_resource.get(name, [])), encoding="utf-8")
        written.append(path)
    descriptor_path = directory / DESCRIPTOR_NAME
    descriptor_path.write_text(descriptor.to_json(), encoding="utf-8")
    written.append(descriptor_path)
    return written
