"""Read CSV files and XLSX workbooks into rows of text, within the import limits.

CSV is streamed: UTF-8 (a BOM is allowed) decoded strictly, every physical line checked for
length before the csv module splits it, rows, columns and cells counted as they come. XLSX
archives are inspected before openpyxl opens them (see ``check_xlsx_archive``), then read in
read-only mode. Both return ``Sheet``s: rows as lists of strings with their line numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peaceops.importers.limits import (
    InvalidEncoding,
    Limits,
    TooManyRows,
    UnreadableFile,
    UnsafeArchive,
    check_cell,
    check_columns,
    check_file_size,
    check_rows,
)

_OTHER_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, values)
    formulas: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, text)


def read_csv(path: Path, limits: Limits, name: str | None = None) -> Sheet:
    path = Path(path)
    name = name or path.name
    check_file_size(path.stat().st_size, name, limits)
    with path.open("rb") as raw:
        head = raw.read(4)
        for bom, encoding in _OTHER_BOMS.items():
            if head.startswith(bom):
                raise InvalidEncoding(
                    f"{name} is encoded as {encoding}.", hint="Save it as UTF-8 (CSV UTF-8)."
                )
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        sheet = Sheet(name)
        lines = _checked_lines(text, name, limits)
        reader = csv.reader(lines)
        try:
            for values in reader:
                line = reader.line_num
                check_rows(len(sheet.rows), name, limits)
                check_columns(len(values), name, line, limits)
                for value in values:
                    check_cell(value, name, line, limits)
                if any(v.strip() for v in values):
                    sheet.rows.append((line, values))
        except UnicodeDecodeError:
            raise InvalidEncoding(
                f"{name} is not valid UTF-8 (near line {reader.line_num + 1}).",
                hint="Save it as UTF-8 (CSV UTF-8); peaceops does not guess encodings.",
            ) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                check_cell("x" * (limits.max_cell_chars + 1), name, reader.line_num + 1, limits)
            raise UnreadableFile(
                f"{name} line {reader.line_num + 1} is not valid CSV: {exc}.",
                hint="Check quotes and that the file is a text CSV.",
            ) from None
    return sheet


def _checked_lines(text: io.TextIOBase, name: str, limits: Limits) -> Iterator[str]:
    number = 0
    while True:
        line = text.readline(limits.max_line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.max_line_chars:
            raise UnreadableFile(
                f"{name} line {number} is longer than {limits.max_line_chars:,} characters.",
                hint="This is not a table peaceops reads (a very wide or a binary file?).",
            )
        if "\x00" in line:
            raise UnreadableFile(
                f"{name} line {number} contains NUL bytes.", hint="Is this a binary file?"
            )
        yield line


def check_xlsx_archive(path: Path, limits: Limits, name: str | None = None) -> None:
    """Refuse archive bombs before any XML parser sees them: entry count, declared and
    *actual* uncompressed size (entries are decompressed in chunks and counted, so a lying
    directory does not help) and the expansion ratio of the whole archive."""
    path = Path(path)
    name = name or path.name
    size = path.stat().st_size
    check_file_size(size, name, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFile(
            f"{name} is not an XLSX workbook (not a ZIP archive).",
            hint="Save it from your spreadsheet program as .xlsx.",
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_xlsx_entries:
            raise UnsafeArchive(
                f"{name} has {len(entries):,} archive entries; at most "
                f"{limits.max_xlsx_entries} are accepted.",
                hint="A workbook has a few dozen; this looks like a crafted archive.",
            )
        declared = sum(e.file_size for e in entries)
        _check_expansion(declared, size, name, limits)
        if "[Content_Types].xml" not in archive.namelist():
            raise UnreadableFile(f"{name} is a ZIP archive but not an XLSX workbook.")
        actual = 0
        for entry in entries:
            if entry.flag_bits & 0x1:
                raise UnsafeArchive(f"{name} contains encrypted entries.")
            try:
                with archive.open(entry) as member:
                    seen = 0
                    while chunk := member.read(1 << 20):
                        seen += len(chunk)
                        actual += len(chunk)
                        if seen > entry.file_size:
                            raise UnsafeArchive(
                                f"{name}: entry {entry.filename!r} expands beyond its declared "
                                "size.",
                                hint="The archive is malformed or crafted; it was not opened.",
                            )
                        _check_expansion(actual, size, name, limits)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise UnreadableFile(f"{name}: archive entry {entry.filename!r}: {exc}.") from None


def _check_expansion(uncompressed: int, size: int, name: str, limits: Limits) -> None:
    if uncompressed > limits.max_xlsx_uncompressed:
        raise UnsafeArchive(
            f"{name} expands to more than {limits.max_xlsx_uncompressed // (1 << 20)} MiB.",
            hint="This looks like an archive bomb; it was not opened.",
        )
    if uncompressed > (1 << 20) and uncompressed / max(size, 1) > limits.max_xlsx_ratio:
        raise UnsafeArchive(
            f"{name} expands {uncompressed / max(size, 1):.0f} times; at most "
            f"{limits.max_xlsx_ratio:.0f} is accepted.",
            hint="This looks like an archive bomb; it was not opened.",
        )


def read_xlsx(path: Path, limits: Limits, name: str | None = None) -> list[Sheet]:
    """Every worksheet as rows of text (after ``check_xlsx_archive``)."""
    import openpyxl

    path = Path(path)
    name = name or path.name
    check_xlsx_archive(path, limits, name)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for malformed parts
        raise UnreadableFile(f"{name} cannot be opened as a workbook: {exc}.") from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            sheets.append(_read_sheet(worksheet, name, limits))
    finally:
        workbook.close()
    return sheets


def _read_sheet(worksheet, name: str, limits: Limits) -> Sheet:
    where = f"{name}[{worksheet.title}]"
    sheet = Sheet(worksheet.title)
    seen = 0
    for cells in worksheet.iter_rows(max_col=limits.max_columns + 1):
        seen += 1
        if seen > limits.max_rows + 10:
            raise TooManyRows(
                f"{where} has more than {limits.max_rows:,} rows.",
                hint="Split the workbook and import the parts.",
            )
        values = []
        for cell in cells:
            if getattr(cell, "value", None) is None:
                values.append("")
                continue
            line = cell.row
            if len(values) >= limits.max_columns:
                check_columns(limits.max_columns + 1, where, line, limits)
            text = _text(cell.value)
            check_cell(text, where, line, limits)
            if cell.data_type == "f":
                sheet.formulas.append((line, cell.column_letter, text))
            values.append(text)
        while values and values[-1] == "":
            values.pop()
        if values and any(v.strip() for v in values):
            sheet.rows.append((cells[0].row if cells else seen, values))
    return sheet


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
