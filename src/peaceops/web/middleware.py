"""Security headers every response carries (Django's SecurityMiddleware covers the rest)."""

from __future__ import annotations

STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
              "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
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
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response
