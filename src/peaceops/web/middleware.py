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

    Pages and API answers are pure functions of (URL, register version, what the caller may
    see): the key holds all three, so a write (which bumps the version) makes every cached
    answer stale at once and no caller is ever served another's view. Only complete 200
    responses are kept.
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

    UNCACHED = ("/api/v1/docs", "/api/v1/audit", "/api/v1/proposals")

    def __call__(self, request):
        # Signed-in pages carry the user's name and CSRF token: only anonymous pages and API
        # answers (which hold nothing per user beyond what the visibility key decides) are kept.
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        api = request.path.startswith("/api/v1/")
        cacheable = (
            request.method in ("GET", "HEAD")
            and (request.path == "/" or request.path.startswith(self.PREFIXES))
            and not request.path.startswith(self.UNCACHED)
            and (api or not signed_in)
        )
        if not cacheable:
            return self.get_response(request)
        from django.http import HttpResponse

        from peaceops.web.auth import viewer_of
        from peaceops.web.registry import registry

        key = (request.get_full_path(), registry().version(), viewer_of(request).key())
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


class ApiRateLimit:
    """At most PEACEOPS_API_RATE API requests per minute per caller (token, session or address);
    0 turns the limit off. In-process: each server worker counts its own share."""

    WINDOW = 60.0

    def __init__(self, get_response):
        import collections

        self.get_response = get_response
        self.hits: dict[str, collections.deque] = {}

    def __call__(self, request):
        from django.conf import settings

        limit = settings.PEACEOPS_API_RATE
        if not limit or not request.path.startswith("/api/"):
            return self.get_response(request)
        import collections
        import hashlib
        import time

        from django.http import JsonResponse

        from peaceops.web.auth import bearer

        token = bearer(request)
        caller = (
            hashlib.sha256(token.encode()).hexdigest()
            if token
            else (
                request.session.session_key
                if getattr(request, "session", None) and request.session.session_key
                else request.META.get("REMOTE_ADDR", "?")
            )
        )
        now = time.monotonic()
        window = self.hits.setdefault(caller, collections.deque())
        while window and now - window[0] > self.WINDOW:
            window.popleft()
        if len(window) >= limit:
            response = JsonResponse(
                {
                    "ok": False,
                    "error": f"More than {limit} requests a minute; slow down.",
                    "code": "rate_limited",
                    "errors": [],
                },
                status=429,
            )
            response["Retry-After"] = str(int(self.WINDOW - (now - window[0])) + 1)
            return response
        window.append(now)
        if len(self.hits) > 10_000:
            self.hits.clear()
        return self.get_response(request)
