"""Limits on what an import will read, and the errors raised when a file exceeds them.

Every file is checked *before* it is parsed in full: its size on disk, then while streaming its
lines (line length), rows, columns and cell lengths; an XLSX archive's entry count, total
uncompressed size and expansion ratio (measured by decompressing, not trusted from the
directory) before openpyxl sees it; XML is parsed by defusedxml with DTDs forbidden. The
reasons for each number are in docs/decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from peaceops.errors import PeaceOpsError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * MIB  # the largest real 3W/IATI files we know are ~3 MB
    max_rows: int = 100_000  # per table; the whole curated register has ~4,000 rows
    max_columns: int = 200  # the widest resource has 15 columns, 3W files ~20-60
    max_cell_chars: int = 32_767  # Excel's own cell limit
    max_line_chars: int = 1 * MIB  # one physical CSV line
    max_xlsx_entries: int = 500  # a workbook of 18 sheets has ~45 parts
    max_xlsx_uncompressed: int = 200 * MIB
    max_xlsx_ratio: float = 100.0  # whole-archive expansion; real workbooks stay below ~20
    max_xml_elements: int = 2_000_000

    def scaled(self, **changes) -> Limits:
        from dataclasses import replace

        return replace(self, **changes)


DEFAULT_LIMITS = Limits()


class ImportRefused(PeaceOpsError):
    """A file the importer will not read at all; nothing was written."""

    code = "import_refused"


class FileTooLarge(ImportRefused):
    code = "file_too_large"


class TooManyRows(ImportRefused):
    code = "too_many_rows"


class TooManyColumns(ImportRefused):
    code = "too_many_columns"


class CellTooLong(ImportRefused):
    code = "cell_too_long"


class InvalidEncoding(ImportRefused):
    code = "invalid_encoding"


class UnsafeXml(ImportRefused):
    code = "unsafe_xml"


class UnsafeArchive(ImportRefused):
    code = "unsafe_archive"


class UnreadableFile(ImportRefused):
    code = "unreadable_file"


class UnknownFormat(ImportRefused):
    code = "unknown_format"


def check_file_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise FileTooLarge(
            f"{name} is {size / MIB:.1f} MiB; imports are limited to "
            f"{limits.max_file_bytes / MIB:.0f} MiB.",
            hint="Split the file and import the parts.",
        )


def check_rows(count: int, name: str, limits: Limits) -> None:
    if count > limits.max_rows:
        raise TooManyRows(
            f"{name} has more than {limits.max_rows:,} rows; nothing was read further.",
            hint="Split the file and import the parts.",
        )


def check_columns(count: int, name: str, line: int, limits: Limits) -> None:
    if count > limits.max_columns:
        raise TooManyColumns(
            f"{name} line {line} has {count:,} columns; at most {limits.max_columns} are read.",
            hint="Remove the unused columns.",
        )


def check_cell(text: str, name: str, line: int, limits: Limits) -> None:
    if len(text) > limits.max_cell_chars:
        raise CellTooLong(
            f"{name} line {line} has a cell of {len(text):,} characters; at most "
            f"{limits.max_cell_chars:,} are allowed.",
            hint="Shorten the text (descriptions belong in the cited source).",
        )
