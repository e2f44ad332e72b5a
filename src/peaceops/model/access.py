"""Who is asking: the caller's organization and role, and what that lets them see and do.

The rules (issue 6): a meeting or exchange is *public* (everyone), shared with *partners*
(members of the owning organization and of the organizations it names), or *internal* (the
owning organization's contributors, curators and admins). Roles that can see internal records,
and every role that can write, count only once the second factor is verified. An admin sees
everything. Reference data (missions, acts, sources…) is public.
"""

from __future__ import annotations

from dataclasses import dataclass

WRITING_ROLES = ("contributor", "curator", "admin")


@dataclass(frozen=True)
class Viewer:
    username: str | None = None
    organization: str | None = None
    role: str | None = None
    verified: bool = False  # second factor confirmed in this session (or token of such a user)

    @property
    def is_member(self) -> bool:
        return self.organization is not None and self.role is not None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin" and self.verified

    @property
    def sees_internal(self) -> bool:
        return self.is_member and self.role in WRITING_ROLES and self.verified

    @property
    def can_contribute(self) -> bool:
        return self.sees_internal

    @property
    def can_curate(self) -> bool:
        return self.is_member and self.role in ("curator", "admin") and self.verified

    def key(self) -> tuple:
        """Two callers with the same key see exactly the same records (cache key)."""
        if self.is_admin:
            return ("admin",)
        if not self.is_member:
            return ("public",)
        return ("member", self.organization, self.sees_internal)

    def can_see(self, sensitivity: str, owner: str | None, shared_with) -> bool:
        if sensitivity == "public" or self.is_admin:
            return True
        if not self.is_member:
            return False
        if sensitivity == "partners":
            return self.organization == owner or self.organization in set(shared_with or ())
        return sensitivity == "internal" and self.sees_internal and self.organization == owner


ANONYMOUS = Viewer()
