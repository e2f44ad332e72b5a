"""WSGI entry point: ``gunicorn peaceops.web.wsgi:application`` (``peaceops serve`` does this)."""

from peaceops.registry.django_setup import configure

configure()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
