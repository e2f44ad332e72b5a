"""Database connections by URL.

Django is configured once per process with the default register; a library user may open
further registers (another file, PostgreSQL, or a data package loaded into a scratch SQLite
file). Each gets its own connection alias, registered here, so that queries say
``.using(alias)`` and never mix registers.
"""

from __future__ import annotations

import hashlib
import threading

from django.core.management import call_command
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from peaceops.registry.django_setup import database_settings

_lock = threading.Lock()


def alias_for(url: str) -> str:
    """Return the connection alias for ``url``, registering it on first use."""
    from django.conf import settings

    if url == settings.PEACEOPS_DATABASE_URL:
        return "default"
    alias = "db_" + hashlib.sha1(url.encode()).hexdigest()[:12]
    with _lock:
        if alias not in connections.settings:
            configured = connections.configure_settings(
                {"default": connections.settings["default"], alias: database_settings(url)}
            )
            connections.settings[alias] = configured[alias]
    return alias


def needs_migration(alias: str) -> bool:
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return bool(executor.migration_plan(targets))


def migrate(alias: str) -> None:
    call_command("migrate", database=alias, verbosity=0, interactive=False)


def close(alias: str) -> None:
    if alias in connections.settings:
        connections[alias].close()
