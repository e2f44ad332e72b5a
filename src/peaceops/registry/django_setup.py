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

HTTPS = os.environ.get("PEACEOPS_HTTPS") == "1"
QUERY_SECONDS = float(os.environ.get("PEACEOPS_QUERY_SECONDS", "10"))
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
    elif "postgresql" in config["ENGINE"]:
        # a runaway query is cancelled by the server itself
        config.setdefault("OPTIONS", {})["options"] = (
            f"-c statement_timeout={int(QUERY_SECONDS * 1000)}"
        )
    return config


def secret_key() -> str:
    """PEACEOPS_SECRET_KEY, or a random key kept (mode 600) in the user's data directory."""
    if os.environ.get("PEACEOPS_SECRET_KEY"):
        return os.environ["PEACEOPS_SECRET_KEY"]
    path = Path(platformdirs.user_data_dir("peaceops", appauthor=False)) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


def configure(url: str | None = None) -> str:
    """Configure Django once per process; returns the URL in use."""
    from django.conf import settings

    url = url or default_database_url()
    if settings.configured:
        return settings.PEACEOPS_DATABASE_URL
    from peaceops.web.assets import static_dirs

    settings.configure(
        DEBUG=False,
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS=os.environ.get("PEACEOPS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(","),
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "django.contrib.staticfiles",
            "django_otp",
            "django_otp.plugins.otp_totp",
            "axes",
            "ninja",  # serves its Swagger UI assets locally instead of from a CDN
            "peaceops.registry",
            "peaceops.web",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django_otp.middleware.OTPMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "axes.middleware.AxesMiddleware",
            "peaceops.web.middleware.SecurityHeadersMiddleware",
            "peaceops.web.middleware.ApiRateLimit",
            "peaceops.web.middleware.RegisterResponseCache",
        ],
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",  # throttling and lockout come first
            "django.contrib.auth.backends.ModelBackend",
        ],
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        AUTH_PASSWORD_VALIDATORS=[
            {
                "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
                "OPTIONS": {"min_length": 12},
            },
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        AXES_FAILURE_LIMIT=5,
        AXES_COOLOFF_TIME=0.25,  # hours
        AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]],
        AXES_VERBOSE=False,
        LOGIN_URL="/accounts/login/",
        SESSION_COOKIE_AGE=8 * 3600,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        CSRF_COOKIE_SAMESITE="Strict",
        CSRF_COOKIE_HTTPONLY=True,
        # behind HTTPS (PEACEOPS_HTTPS=1) cookies are Secure and browsers keep to HTTPS
        SESSION_COOKIE_SECURE=HTTPS,
        CSRF_COOKIE_SECURE=HTTPS,
        SECURE_HSTS_SECONDS=31536000 if HTTPS else 0,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None,
        PEACEOPS_API_RATE=int(os.environ.get("PEACEOPS_API_RATE", "600")),
        ROOT_URLCONF="peaceops.web.urls",
        # uploads stream to a private temporary file and stop at the import size limit
        FILE_UPLOAD_HANDLERS=["peaceops.web.uploads.BoundedUploadHandler"],
        FILE_UPLOAD_PERMISSIONS=0o600,
        CSRF_FAILURE_VIEW="peaceops.web.views.csrf_failure",
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
    _limit_sqlite_queries()
    return url


def _limit_sqlite_queries() -> None:
    """SQLite has no statement timeout: a progress handler interrupts any statement that runs
    longer than PEACEOPS_QUERY_SECONDS (the query then fails with 'interrupted')."""
    import time

    from django.db.backends.signals import connection_created

    def install(sender, connection, **kwargs):
        if connection.vendor != "sqlite":
            return
        # The DatabaseWrapper outlives its sqlite3 connections (one per request): the wrapper
        # that times statements is added once, the handler on every new sqlite3 connection.
        state = connection.__dict__.setdefault("_peaceops_query_start", {"at": None})
        if not any(getattr(w, "_peaceops", False) for w in connection.execute_wrappers):

            def guard(execute, sql, params, many, context):
                state["at"] = time.monotonic()
                try:
                    return execute(sql, params, many, context)
                finally:
                    state["at"] = None

            guard._peaceops = True
            connection.execute_wrappers.append(guard)

        def over_time() -> int:
            at = state["at"]
            return 1 if at is not None and time.monotonic() - at > QUERY_SECONDS else 0

        connection.connection.set_progress_handler(over_time, 100_000)

    connection_created.connect(install, weak=False, dispatch_uid="peaceops-query-limit")
