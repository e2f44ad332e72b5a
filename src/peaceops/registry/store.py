"""Load a data package into the database and export it back, through the same field mapping.

Loading replaces the curated tables in one transaction: either the whole package is in the
database afterwards or nothing changed. Loading twice gives the same database (idempotent);
exporting gives the package back in canonical form (round trip byte for byte).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from peaceops.datapackage.descriptor import Descriptor
from peaceops.datapackage.tables import Package
from peaceops.datapackage.values import format_value, parse_value
from peaceops.registry.models import RESOURCE_MODELS, RegisterState

Progress = Callable[[str, int], None]


def load_package(package: Package, alias: str, progress: Progress | None = None) -> dict[str, int]:
    """Replace the register's curated data with ``package``; returns rows written per resource.

    The caller validates first: the database constraints are the last line of defence, not the
    place where users learn about their errors.
    """
    counts: dict[str, int] = {}
    order = list(package.descriptor.resources)
    with transaction.atomic(using=alias):
        for name in reversed(order):
            RESOURCE_MODELS[name].objects.using(alias).all().delete()
        for name in order:
            schema = package.descriptor.resources[name]
            model = RESOURCE_MODELS[name]
            objects = [
                model(**{f["name"]: _db_value(f, row.get(f["name"], "")) for f in schema.fields})
                for row in package.rows(name)
            ]
            model.objects.using(alias).bulk_create(objects, batch_size=500)
            counts[name] = len(objects)
            if progress:
                progress(name, len(objects))
        bump_version(alias)
    return counts


def bump_version(alias: str) -> None:
    """Call inside the writing transaction: readers' caches keyed on the version expire."""
    state, _ = RegisterState.objects.using(alias).get_or_create(pk=1)
    state.version += 1
    state.save(using=alias)


def current_version(alias: str) -> int:
    state = RegisterState.objects.using(alias).filter(pk=1).first()
    return state.version if state else 0


def _db_value(field: dict, text: str):
    value = parse_value(field, text.strip())
    # Text columns store "" rather than NULL (Django's convention for CharField).
    if value is None and field.get("type", "string") == "string" and not _is_reference(field):
        return ""
    return value


def _is_reference(field: dict) -> bool:
    return field["name"].endswith("_id")


def export_rows(descriptor: Descriptor, alias: str) -> dict[str, list[dict[str, str]]]:
    """Every resource of the database as text rows, ready for ``write_package``."""
    rows: dict[str, list[dict[str, str]]] = {}
    for name, schema in descriptor.resources.items():
        names = list(schema.field_names)
        values = RESOURCE_MODELS[name].objects.using(alias).values_list(*names)
        rows[name] = [
            {n: format_value(schema.field(n), v) for n, v in zip(names, record, strict=True)}
            for record in values
        ]
    return rows


def count_rows(alias: str) -> dict[str, int]:
    return {name: model.objects.using(alias).count() for name, model in RESOURCE_MODELS.items()}
