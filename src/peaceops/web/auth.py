"""Who is calling: a bearer token (API clients) or the session (browsers), as a Viewer."""

from __future__ import annotations

from peaceops.facade import Registry
from peaceops.model.access import ANONYMOUS, Viewer
from peaceops.web.registry import registry

BAD_TOKEN = Viewer(username="invalid-token")


def bearer(request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def viewer_of(request) -> Viewer:
    """Computed once per request. A token of a user with a confirmed second factor counts as
    verified (tokens are issued by an admin to enrolled users); a browser session counts once
    its TOTP code was entered."""
    cached = getattr(request, "_peaceops_viewer", None)
    if cached is not None:
        return cached
    from peaceops.registry.accounts import has_second_factor, user_for_token, viewer_for

    key = bearer(request)
    if key is not None:
        user = user_for_token("default", key)
        viewer = BAD_TOKEN if user is None else viewer_for(user, verified=has_second_factor(user))
    else:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            viewer = ANONYMOUS
        else:
            verified = bool(getattr(user, "is_verified", lambda: False)())
            viewer = viewer_for(user, verified=verified)
    request._peaceops_viewer = viewer
    return viewer


def registry_for(request) -> Registry:
    """The register as this caller may see it."""
    return registry().for_viewer(viewer_of(request))
