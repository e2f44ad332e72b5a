"""Uploaded files: bounded while they stream in, then kept briefly for a preview-then-import.

``BoundedUploadHandler`` (Django's FILE_UPLOAD_HANDLERS) refuses a request body larger than the
import limit before reading it, and stops a streamed file the moment it passes the limit; the
refusal is left on the request for the view to explain (413), because Django's parser itself
only drops the file.

Every upload is copied into a private folder of its own under the user's cache directory (or
``PEACEOPS_UPLOAD_DIR``), named by a random token. A previewed file stays there, its token in
the uploader's session, so that "Import" after "Preview" needs no second upload; leftovers
older than an hour are removed whenever a new upload is kept.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path

import platformdirs
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from peaceops.importers.limits import DEFAULT_LIMITS, MIB

UPLOAD_LIMIT = DEFAULT_LIMITS.max_file_bytes
_FORM_SLACK = 64 * 1024  # the other form fields and multipart boundaries
KEEP_SECONDS = 3600
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xml")


def too_large_message() -> str:
    return f"The file is larger than {UPLOAD_LIMIT // MIB} MiB, the limit for imports."


class BoundedUploadHandler(TemporaryFileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > UPLOAD_LIMIT + _FORM_SLACK:
            self.request.peaceops_upload_refused = too_large_message()
            return QueryDict(encoding=encoding), MultiValueDict()  # nothing is read
        return None

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > UPLOAD_LIMIT:
            self.request.peaceops_upload_refused = too_large_message()
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


def refused(request) -> str | None:
    """Why the body was refused, if it was (parsing is lazy: this parses it first)."""
    if request.method == "POST":
        _ = request.FILES
    return getattr(request, "peaceops_upload_refused", None)


def safe_name(name: str) -> str:
    """The file's own name (it names a template's resource: exchanges.csv), made harmless."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip(".-")[:80] or "upload"
    return stem + (suffix if suffix in SUFFIXES else "")


def _root() -> Path:
    configured = os.environ.get("PEACEOPS_UPLOAD_DIR")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("peaceops", appauthor=False)) / "uploads"


def keep(uploaded) -> tuple[str, Path]:
    """Store an uploaded file under a new token; returns the token and the stored path."""
    _sweep()
    token = secrets.token_hex(16)
    folder = _root() / token
    folder.mkdir(parents=True, mode=0o700)  # the token is unguessable; the folder private
    path = folder / safe_name(uploaded.name or "")
    with path.open("wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return token, path


def kept(token: str) -> Path | None:
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        return None
    folder = _root() / token
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    return files[0] if files else None


def discard(token: str) -> None:
    path = kept(token)
    if path is not None:
        shutil.rmtree(path.parent, ignore_errors=True)


def _sweep() -> None:
    root = _root()
    if not root.is_dir():
        return
    cutoff = time.time() - KEEP_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
