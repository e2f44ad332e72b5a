"""The source row that cites an imported file (for formats whose rows carry no source).

Its id depends on the file's content (SHA-256), so importing the same file again cites the
same source and writes no duplicate; a changed file is a new source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from peaceops import __version__


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def slug(text: str, limit: int = 60) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:limit].strip("-") or "file"


def file_source_row(
    path: Path, kind: str, what: str, publisher: str, today: dt.date, digest: str
) -> dict[str, str]:
    name = Path(path).name
    return {
        "id": f"import-{kind}-{slug(Path(name).stem, 50)}-{digest[:10]}",
        "kind": "dataset",
        "citation": f"{what}: file '{name}' (SHA-256 {digest[:16]}...), imported with the "
        f"peaceops {kind} importer {__version__}.",
        "document_symbol": "",
        "url": "",
        "publisher": publisher[:300],
        "published": "",
        "accessed": today.isoformat(),
    }
