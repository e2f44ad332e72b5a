"""One error hierarchy for every surface. Each error has a stable ``code`` that the CLI and the
API report unchanged, a message that says what went wrong and where, and optionally a hint on
how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class PeaceOpsError(Exception):
    code = "peaceops_error"

    def __init__(self, message: str, *, hint: str | None = None, details: list | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class NotFound(PeaceOpsError):
    code = "not_found"

    @classmethod
    def for_id(cls, kind: str, wanted: str, known: Iterable[str]) -> NotFound:
        close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.6)
        hint = f"Did you mean {' or '.join(repr(c) for c in close)}?" if close else None
        return cls(f"Unknown {kind} {wanted!r}.", hint=hint)


class InvalidArgument(PeaceOpsError):
    code = "invalid_argument"


class PackageError(PeaceOpsError):
    """The data package cannot be read at all (missing descriptor, unreadable file)."""

    code = "package_unreadable"


class ValidationFailed(PeaceOpsError):
    code = "validation_failed"


class DatabaseError(PeaceOpsError):
    code = "database_error"
