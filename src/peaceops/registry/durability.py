"""Online backup and verified restore of the register.

SQLite uses the database's own online backup API (readers and writers may continue while it
copies); PostgreSQL uses pg_dump / pg_restore. Both verify what they wrote: SQLite with
``PRAGMA integrity_check`` and row counts, PostgreSQL by restoring into the target and
counting rows.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from peaceops.errors import DatabaseError

TABLES = (
    "registry_mission",
    "registry_exchange",
    "registry_meeting",
    "registry_source",
    "registry_auditentry",
)


def _sqlite_path(alias: str) -> Path | None:
    settings = connections[alias].settings_dict
    return Path(settings["NAME"]) if settings["ENGINE"].endswith("sqlite3") else None


def check_sqlite(path: Path) -> dict[str, int]:
    """integrity_check must say ok; returns row counts of the main tables."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise DatabaseError(f"{path} failed the integrity check: {verdict}.")
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def backup(alias: str, output: Path) -> dict[str, int]:
    output = Path(output)
    path = _sqlite_path(alias)
    if path is None:
        return _pg_dump(alias, output)
    if output.exists():
        raise DatabaseError(f"{output} exists already.", hint="Choose a new file name.")
    with sqlite3.connect(path) as source, sqlite3.connect(output) as target:
        source.backup(target)
    return check_sqlite(output)


def restore(alias: str, backup_file: Path) -> dict[str, int]:
    backup_file = Path(backup_file)
    if not backup_file.exists():
        raise DatabaseError(f"No backup at {backup_file}.")
    path = _sqlite_path(alias)
    if path is None:
        return _pg_restore(alias, backup_file)
    expected = check_sqlite(backup_file)  # never restore a damaged copy
    connections[alias].close()
    with sqlite3.connect(backup_file) as source, sqlite3.connect(path) as target:
        source.backup(target)
    restored = check_sqlite(path)
    if restored != expected:
        raise DatabaseError(f"Restore verification failed: {restored} != {expected}.")
    return restored


def _pg_env(alias: str) -> tuple[list[str], dict]:
    import os

    s = connections[alias].settings_dict
    args = [
        "-h",
        s.get("HOST") or "127.0.0.1",
        "-p",
        str(s.get("PORT") or 5432),
        "-U",
        s.get("USER") or "postgres",
        "-d",
        s["NAME"],
    ]
    return args, {**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""}


def _pg_dump(alias: str, output: Path) -> dict[str, int]:
    if not shutil.which("pg_dump"):
        raise DatabaseError("pg_dump is not installed.")
    args, env = _pg_env(alias)
    subprocess.run(["pg_dump", "-Fc", "-f", str(output), *args], env=env, check=True)
    return _pg_counts(alias)


def _pg_restore(alias: str, backup_file: Path) -> dict[str, int]:
    if not shutil.which("pg_restore"):
        raise DatabaseError("pg_restore is not installed.")
    args, env = _pg_env(alias)
    connections[alias].close()
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--single-transaction", *args, str(backup_file)],
        env=env,
        check=True,
    )
    return _pg_counts(alias)


def _pg_counts(alias: str) -> dict[str, int]:
    with connections[alias].cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
        return counts
