"""Security headers every response carries (Django's SecurityMiddleware covers the rest)."""

from __future__ import annotations

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# django-ninja's Swagger page bootstraps itself with an inline script.
DOCS_CSP = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        docs = request.path.startswith("/api/v1/docs")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else STRICT_CSP)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
        )
        return response


class RegisterResponseCache:
    """Serve repeated GETs from memory until the register changes.

    Pages and API answers are pure functions of (URL, register version): the key holds both,
    so a write (which bumps the version) makes every cached answer stale at once. Only complete
    200 responses of public reads are kept; when per-user visibility arrives, the caller's
    organization and role must join the key.
    """

    MAX_ENTRIES = 2048
    MAX_BYTES = 2 * 1024 * 1024
    PREFIXES = (
        "/api/v1/",
        "/missions/",
        "/organizations/",
        "/countries/",
        "/analysis/",
        "/sources/",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.entries: dict[tuple[str, int], tuple[bytes, str]] = {}

    def __call__(self, request):
        cacheable = (
            request.method in ("GET", "HEAD")
            and (request.path == "/" or request.path.startswith(self.PREFIXES))
            and not request.path.startswith("/api/v1/docs")
        )
        if not cacheable:
            return self.get_response(request)
        from django.http import HttpResponse

        from peaceops.web.registry import registry

        key = (request.get_full_path(), registry().version())
        hit = self.entries.get(key)
        if hit is not None:
            return HttpResponse(hit[0], content_type=hit[1])
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and len(response.content) <= self.MAX_BYTES
        ):
            if len(self.entries) >= self.MAX_ENTRIES:
                self.entries.clear()
            self.entries[key] = (response.content, response["Content-Type"])
        return response
