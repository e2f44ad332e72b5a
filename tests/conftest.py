"""Shared fixtures. No test touches the user's real register or the network: the default
database is redirected to a temporary file before Django is configured."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="peaceops-tests-"))
os.environ["PEACEOPS_DATABASE_URL"] = f"sqlite:///{_SESSION_DIR / 'default.sqlite3'}"
os.environ["PEACEOPS_UPLOAD_DIR"] = str(_SESSION_DIR / "uploads")

from peaceops.datapackage import shipped_package_dir  # noqa: E402
from peaceops.registry.django_setup import configure  # noqa: E402

configure()  # the test session's default database, before any test imports a model

FIXTURES = Path(__file__).parent / "fixtures"
LIVE_PASSWORD = "live-server-passphrase"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def copy_package(source: Path, target: Path) -> Path:
    """A writable copy of a data package (CSV files plus the shipped descriptor)."""
    target.mkdir(parents=True, exist_ok=True)
    for csv_file in source.glob("*.csv"):
        shutil.copy(csv_file, target / csv_file.name)
    shutil.copy(shipped_package_dir() / "datapackage.json", target / "datapackage.json")
    return target


@pytest.fixture
def mini_package(tmp_path) -> Path:
    """Three real missions (AFISMA, MINUSMA, UNMISS) with their resolutions: 30 rows."""
    return copy_package(FIXTURES / "mini", tmp_path / "mini")


@pytest.fixture
def shipped_copy(tmp_path) -> Path:
    return copy_package(shipped_package_dir(), tmp_path / "shipped")


@pytest.fixture
def empty_registry(tmp_path):
    import peaceops

    return peaceops.open(f"sqlite:///{tmp_path / 'register.sqlite3'}", load_if_empty=False)


@pytest.fixture(scope="session")
def shipped_registry():
    """The curated data loaded once into a session database (read-only use)."""
    import peaceops

    return peaceops.open(f"sqlite:///{_SESSION_DIR / 'shipped.sqlite3'}")


@pytest.fixture(scope="session")
def live_server():
    """``peaceops serve`` on a free port over a fresh database loaded with the curated data,
    with one verified account per role (``live_server.tokens[role]``)."""
    import peaceops
    from tests.live_server import LiveServer

    database = _SESSION_DIR / "served.sqlite3"
    registry = peaceops.open(f"sqlite:///{database}")
    tokens, totp = {}, {}
    for role in ("viewer", "contributor", "curator", "admin"):
        registry.add_user(f"live-{role}", LIVE_PASSWORD, "eu", role)
        totp[role] = registry.add_totp(f"live-{role}")  # otpauth:// URI, as a user would scan
        tokens[role] = registry.issue_token(f"live-{role}")
    server = LiveServer(database)
    server.tokens, server.totp_uris = tokens, totp
    yield server
    server.stop()
