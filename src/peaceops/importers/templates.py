"""Import the tables peaceops itself writes: a CSV named like a data-package resource
(``exchanges.csv``), an XLSX workbook with one sheet per resource, or a folder of such CSVs
(a data package). Columns are the descriptor's; every row must carry its own ``source_id``.

Pure: sheets of text in, package-shaped rows and located issues out.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from peaceops.datapackage.descriptor import Descriptor, ResourceSchema
from peaceops.importers.limits import Limits, UnknownFormat
from peaceops.importers.tabular import Sheet, read_csv, read_xlsx
from peaceops.model.cells import looks_like_formula, unneutralize
from peaceops.model.imports import ParsedImport
from peaceops.model.issues import Issue

# Sheets a template workbook may carry besides the resources (ignored on import).
INFO_SHEETS = ("about",)


def resource_for_csv(descriptor: Descriptor, path: Path, header: list[str]) -> str | None:
    """The resource a CSV holds: by its file name, else by an exactly matching header."""
    stem = Path(path).stem.lower()
    if stem in descriptor.resources:
        return stem
    columns = [h.strip() for h in header]
    for name, schema in descriptor.resources.items():
        if columns == list(schema.field_names):
            return name
    return None


def read_csv_template(path: Path, descriptor: Descriptor, limits: Limits) -> ParsedImport:
    sheet = read_csv(path, limits)
    header = sheet.rows[0][1] if sheet.rows else []
    resource = resource_for_csv(descriptor, path, header)
    if resource is None:
        raise UnknownFormat(
            f"{Path(path).name} is not a peaceops template: its name is not a resource and its "
            "header matches none.",
            hint="Name the file after a resource (exchanges.csv, missions.csv...) or generate "
            "one with 'peaceops template --as csv'.",
        )
    parsed = ParsedImport("csv", Path(path).name)
    _read_table(parsed, descriptor.resources[resource], sheet, Path(path).name)
    return parsed


def read_xlsx_template(path: Path, descriptor: Descriptor, limits: Limits) -> ParsedImport:
    name = Path(path).name
    parsed = ParsedImport("xlsx", name)
    sheets = read_xlsx(path, limits)
    if not any(s.name.lower() in descriptor.resources for s in sheets):
        raise UnknownFormat(
            f"{name} has no sheet named after a resource (sheets: "
            f"{', '.join(s.name for s in sheets)}).",
            hint="Generate a workbook with 'peaceops template --as xlsx' and fill it in.",
        )
    for sheet in sheets:
        resource = sheet.name.lower()
        if resource in descriptor.resources:
            _read_table(parsed, descriptor.resources[resource], sheet, f"{name}[{sheet.name}]")
        elif resource not in INFO_SHEETS:
            parsed.issues.append(
                Issue(
                    f"{name}[{sheet.name}]",
                    None,
                    None,
                    "unknown_sheet",
                    f"Sheet {sheet.name!r} is not a resource; it was not read.",
                    _did_you_mean(resource, descriptor.resources),
                    severity="warning",
                )
            )
    return parsed


def read_package_folder(folder: Path, descriptor: Descriptor, limits: Limits) -> ParsedImport:
    """A folder of resource CSVs (a data package written by 'peaceops export')."""
    folder = Path(folder)
    parsed = ParsedImport("datapackage", folder.name or str(folder))
    found = False
    for schema in descriptor.resources.values():
        path = folder / schema.path
        if path.is_file():
            found = True
            _read_table(parsed, schema, read_csv(path, limits), schema.path)
    if not found:
        raise UnknownFormat(
            f"{folder} holds no resource CSV ({', '.join(descriptor.resources)}).",
            hint="Point at a folder written by 'peaceops export'.",
        )
    return parsed


def _read_table(parsed: ParsedImport, schema: ResourceSchema, sheet: Sheet, where: str) -> None:
    parsed.locations[schema.name] = where
    parsed.tables.setdefault(schema.name, [])
    for line, column, text in sheet.formulas:
        parsed.issues.append(
            Issue(
                where,
                line,
                column,
                "formula_cell",
                f"Cell {column}{line} is a formula ({text[:40]!r}); formulas are not imported.",
                "Paste the value instead of the formula.",
            )
        )
    if not sheet.rows:
        return
    header_line, raw_header = sheet.rows[0]
    header = [h.strip() for h in raw_header]
    expected = list(schema.field_names)
    for column in expected:
        if column not in header:
            parsed.issues.append(
                Issue(
                    where,
                    header_line,
                    column,
                    "missing_column",
                    f"Column {column!r} is missing.",
                    f"The header must be: {','.join(expected)}",
                )
            )
    for column in header:
        if column and column not in expected:
            parsed.issues.append(
                Issue(
                    where,
                    header_line,
                    column,
                    "unknown_column",
                    f"Column {column!r} is not part of {schema.name}.",
                    _did_you_mean(column, expected) or "Remove the column.",
                )
            )
    for line, values in sheet.rows[1:]:
        parsed.rows_read += 1
        row = {}
        for index, column in enumerate(header):
            if column not in expected:
                continue
            raw = values[index] if index < len(values) else ""
            text = unneutralize(raw)
            if text == raw and looks_like_formula(raw):
                parsed.issues.append(
                    Issue(
                        where,
                        line,
                        column,
                        "formula_cell",
                        f"{text[:40]!r} looks like a spreadsheet formula.",
                        "Remove the leading =, +, - or @, or prefix the text with an "
                        "apostrophe (') to keep it as text.",
                    )
                )
            row[column] = text
        parsed.add(schema.name, line, row)


def _did_you_mean(value: str, choices) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"Did you mean {close[0]!r}?" if close else None
