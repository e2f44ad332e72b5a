"""Tell which importer a file needs, from its name and first bytes (never by parsing it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from peaceops.datapackage.descriptor import Descriptor
from peaceops.importers.limits import UnknownFormat, UnreadableFile
from peaceops.importers.templates import resource_for_csv
from peaceops.model.imports import UPLOAD_KINDS

_PEEK = 64 * 1024


def detect_kind(path: Path, descriptor: Descriptor) -> str:
    path = Path(path)
    if path.is_dir():
        return "datapackage"
    if not path.is_file():
        raise UnreadableFile(f"{path} does not exist or is not a file.")
    with path.open("rb") as handle:
        head = handle.read(_PEEK)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "iati"
    if path.suffix.lower() in (".csv", ".txt", ".tsv", ""):
        lines = text.splitlines()[:25]
        if len(head) == _PEEK and lines:
            lines = lines[:-1]  # the last one may be cut
        rows = list(csv.reader(io.StringIO("\n".join(lines))))
        header = rows[0] if rows else []
        if resource_for_csv(descriptor, path, header):
            return "csv"
        if any(_hashtag_row(row) for row in rows):
            return "hxl"
    raise UnknownFormat(
        f"Cannot tell what {path.name} is: not a peaceops template (named after a resource, "
        "or with a resource's header), not HXL (no #hashtag row), not XLSX or IATI XML.",
        hint=f"Say it with --as ({', '.join(UPLOAD_KINDS)}).",
    )


def _hashtag_row(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and sum(c.startswith("#") for c in cells) >= max(1, len(cells) // 2)
