"""Load a data package into the database and export it back, through the same field mapping.

Loading replaces the curated tables in one transaction: either the whole package is in the
database afterwards or nothing changed. Loading twice gives the same database (idempotent);
exporting gives the package back in canonical form (round trip byte for byte).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import ProtectedError

from peaceops.datapackage.descriptor import Descriptor
from peaceops.datapackage.tables import Package
from peaceops.datapackage.values import format_value, parse_value
from peaceops.errors import DatabaseError
from peaceops.registry.models import RESOURCE_MODELS, MeetingParticipant, RegisterState

Progress = Callable[[str, int], None]


def load_package(package: Package, alias: str, progress: Progress | None = None) -> dict[str, int]:
    """Make the register's curated data equal to ``package``; returns rows per resource.

    Entities with an id are upserted (and curated ones missing from the package removed);
    relation rows are replaced. Records contributed by users are never touched, and a curated
    row they still refer to cannot be removed. One transaction: all or nothing. The caller
    validates first: the database constraints are the last line of defence.
    """
    counts: dict[str, int] = {}
    order = list(package.descriptor.resources)
    built = {
        name: [
            RESOURCE_MODELS[name](
                **{f["name"]: _db_value(f, row.get(f["name"], "")) for f in schema.fields}
            )
            for row in package.rows(name)
        ]
        for name, schema in package.descriptor.resources.items()
    }
    with transaction.atomic(using=alias):
        for name in reversed(order):
            _remove_stale(name, package.descriptor.resources[name].primary_key, built[name], alias)
        for name in order:
            model = RESOURCE_MODELS[name]
            if package.descriptor.resources[name].primary_key == ("id",):
                _upsert(model, built[name], alias)
            else:
                model.objects.using(alias).bulk_create(built[name], batch_size=500)
            counts[name] = len(built[name])
            if progress:
                progress(name, len(built[name]))
        bump_version(alias)
    return counts


def curated(model, alias: str):
    """The rows of ``model`` that came from the data package (not contributed by users)."""
    objects = model.objects.using(alias)
    if any(f.name == "origin" for f in model._meta.fields):
        return objects.filter(origin="curated")
    if model is MeetingParticipant:
        return objects.filter(meeting__origin="curated")
    return objects.all()


def _remove_stale(name: str, primary_key: tuple, objects: list, alias: str) -> None:
    rows = curated(RESOURCE_MODELS[name], alias)
    if primary_key == ("id",):
        rows = rows.exclude(id__in=[o.id for o in objects])
    try:
        rows.delete()
    except ProtectedError as exc:
        blocking = sorted({str(o.pk) for o in exc.protected_objects})[:5]
        raise DatabaseError(
            f"Cannot remove curated {name} that contributed records still use "
            f"(e.g. {', '.join(blocking)}).",
            hint="Keep those rows in the package, or move the contributed records first.",
        ) from None


def _upsert(model, objects: list, alias: str) -> None:
    existing = set(
        model.objects.using(alias)
        .filter(pk__in=[o.pk for o in objects])
        .values_list("pk", flat=True)
    )
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != "origin"
    ]
    model.objects.using(alias).bulk_update(
        [o for o in objects if o.pk in existing], fields, batch_size=500
    )
    model.objects.using(alias).bulk_create(
        [o for o in objects if o.pk not in existing], batch_size=500
    )


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
        values = curated(RESOURCE_MODELS[name], alias).values_list(*names)
        rows[name] = [
            {n: format_value(schema.field(n), v) for n, v in zip(names, record, strict=True)}
            for record in values
        ]
    return rows


def count_rows(alias: str) -> dict[str, int]:
    return {name: model.objects.using(alias).count() for name, model in RESOURCE_MODELS.items()}
