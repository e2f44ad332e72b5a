"""Write package-shaped rows as CSV files, an XLSX workbook or JSON, for spreadsheets and
scripts. Text that a spreadsheet would run as a formula is neutralized (see model/cells.py);
numbers are written as numbers in XLSX. These are also the import templates: written with no
rows they are the empty forms ``peaceops template`` hands out.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from peaceops import __version__
from peaceops.datapackage.descriptor import Descriptor, ResourceSchema
from peaceops.datapackage.values import parse_value
from peaceops.errors import InvalidArgument
from peaceops.model.cells import neutralize

Rows = dict[str, list[dict[str, str]]]


def csv_text(schema: ResourceSchema, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.field_names)
    for row in sorted(rows, key=schema.sort_key):
        writer.writerow([neutralize(row.get(n, "") or "") for n in schema.field_names])
    return out.getvalue()


def write_csv(descriptor: Descriptor, rows: Rows, output: Path) -> list[Path]:
    """``output`` ending in .csv: that one resource (named by the file); else a folder with one
    CSV per resource."""
    output = Path(output)
    if output.suffix.lower() == ".csv":
        name = output.stem.lower()
        if name not in descriptor.resources:
            raise InvalidArgument(
                f"{output.name} is not named after a resource.",
                hint=f"Name the file after one of: {', '.join(descriptor.resources)}; or give "
                "a folder to write them all.",
            )
        _parent(output)
        output.write_text(csv_text(descriptor.resources[name], rows.get(name, [])), "utf-8")
        return [output]
    _folder(output)
    written = []
    for name, schema in descriptor.resources.items():
        path = output / schema.path
        path.write_text(csv_text(schema, rows.get(name, [])), encoding="utf-8")
        written.append(path)
    return written


def write_xlsx(descriptor: Descriptor, rows: Rows, output: Path, about: list[str]) -> list[Path]:
    import openpyxl

    output = Path(output)
    _parent(output)
    workbook = openpyxl.Workbook(write_only=True)
    info = workbook.create_sheet("about")
    for line in [f"peaceops {__version__}", *about, *_ABOUT]:
        info.append([neutralize(line)])
    for name, schema in descriptor.resources.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(schema.field_names))
        for row in sorted(rows.get(name, []), key=schema.sort_key):
            sheet.append([_cell(f, row.get(f["name"], "") or "") for f in schema.fields])
    workbook.save(output)
    return [output]


_ABOUT = [
    "One sheet per resource of the peaceops data package; columns as in datapackage.json.",
    "Dates are text YYYY-MM-DD; empty cell = unknown. Every assertion row needs a source_id "
    "(a row of the sources sheet or of the register).",
    "Text starting with = + - @ is written with a leading apostrophe so that spreadsheets do "
    "not run it; the import removes that apostrophe.",
    "Import with: peaceops import FILE.xlsx --dry-run, then without --dry-run.",
]


def _cell(field: dict, text: str):
    if text and field.get("type") in ("integer", "number"):
        try:
            return parse_value(field, text)
        except ValueError:
            pass
    return neutralize(text)


def write_json(descriptor: Descriptor, rows: Rows, output: Path, filters: dict) -> list[Path]:
    output = Path(output)
    _parent(output)
    document = {
        "peaceops": __version__,
        "filters": {k: v for k, v in filters.items() if v not in (None, "")},
        "resources": {
            name: [
                {f["name"]: _typed(f, row.get(f["name"], "") or "") for f in schema.fields}
                for row in sorted(rows.get(name, []), key=schema.sort_key)
            ]
            for name, schema in descriptor.resources.items()
        },
    }
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return [output]


def _typed(field: dict, text: str):
    if text == "":
        return None
    if field.get("type") in ("integer", "number"):
        return parse_value(field, text)
    return text


def _parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidArgument(f"Cannot create {path.parent}: {exc.strerror}.") from None


def _folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidArgument(f"Cannot create {path}: {exc.strerror}.") from None
