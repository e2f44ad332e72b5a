"""Validation issues and reports: collected, never raised one at a time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Issue:
    """One defect, located as precisely as we can: file, line (1 = header), field."""

    file: str
    row: int | None
    field: str | None
    code: str
    message: str
    fix: str | None = None
    severity: str = "error"  # "error" fails validation; "warning" only informs

    def to_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.file, self.row or 0, self.field or "", self.code)

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"line {self.row}")
        if self.field:
            parts.append(self.field)
        return ":".join(parts)


class HasIssues:
    """Errors, warnings and ``ok`` (no error) for anything that holds ``issues``."""

    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=Issue.sort_key)


@dataclass
class Report(HasIssues):
    """What a validation found; ``ok`` when there is no error (warnings allowed)."""

    subject: str
    issues: list[Issue] = field(default_factory=list)
    rows_checked: int = 0

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def to_dict(self) -> dict:
        return {
            "subject": self.subject,
            "ok": self.ok,
            "rows_checked": self.rows_checked,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_dict() for i in self.sorted_issues()],
        }
