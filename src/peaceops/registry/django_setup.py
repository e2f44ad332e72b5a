"""Configure Django for peaceops: embedded SQLite by default, any database URL otherwise.

The default database is a file in the user's data directory (``platformdirs``); set
``PEACEOPS_DATABASE_URL`` (or pass a URL) to use another SQLite file or PostgreSQL. SQLite runs
in WAL mode with ``synchronous=FULL`` so that an acknowledged write survives a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import platformdirs

from peaceops.errors import DatabaseError

SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"


def default_database_url() -> str:
    if os.environ.get("PEACEOPS_DATABASE_URL"):
        return os.environ["PEACEOPS_DATABASE_URL"]
    data_dir = Path(platformdirs.user_data_dir("peaceops", appauthor=False))
    return f"sqlite:///{data_dir / 'peaceops.sqlite3'}"


def database_settings(url: str) -> dict:
    try:
        config = dj_database_url.parse(url)
    except Exception as exc:  # dj-database-url raises bare ValueError/KeyError variants
        raise DatabaseError(
            f"Cannot understand the database URL {url!r}: {exc}.",
            hint="Use sqlite:///PATH or postgres://USER:PASSWORD@HOST:PORT/NAME.",
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(config["NAME"])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Cannot create {path.parent}: {exc.strerror}.") from None
        config["OPTIONS"] = {"init_command": SQLITE_INIT, "timeout": 30}
    return config


def configure(url: str | None = None) -> str:
    """Configure Django once per process; returns the URL in use."""
    from django.conf import settings

    url = url or default_database_url()
    if settings.configured:
        return settings.PEACEOPS_DATABASE_URL
    from peaceops.web.assets import static_dirs

    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("PEACEOPS_SECRET_KEY", "peaceops-local-only-not-secret"),
        ALLOWED_HOSTS=os.environ.get("PEACEOPS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(","),
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.staticfiles",
            "ninja",  # serves its Swagger UI assets locally instead of from a CDN
            "peaceops.registry",
            "peaceops.web",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "peaceops.web.middleware.SecurityHeadersMiddleware",
            "peaceops.web.middleware.RegisterResponseCache",
        ],
        ROOT_URLCONF="peaceops.web.urls",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        STATIC_URL="/static/",
        STATICFILES_DIRS=static_dirs(),
        WHITENOISE_USE_FINDERS=True,  # serve straight from the app and vendor folders
        SECURE_CONTENT_TYPE_NOSNIFF=True,
        SECURE_REFERRER_POLICY="same-origin",
        X_FRAME_OPTIONS="DENY",
        DATABASES={"default": database_settings(url)},
        USE_TZ=True,
        TIME_ZONE="UTC",
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PEACEOPS_DATABASE_URL=url,
        LOGGING={
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"console": {"class": "logging.StreamHandler"}},
            "loggers": {"django": {"handlers": ["console"], "level": "WARNING"}},
        },
    )
    import django

    django.setup()
    return url
