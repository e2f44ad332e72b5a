"""Merge imported rows into the register: insert or update by primary key, in one transaction.

Rows arrive as data-package text rows (already validated by the caller). A row whose primary
key exists replaces the stored values; an identical row is left alone, so importing the same
file twice changes nothing (and does not bump the register version). Nothing is deleted, and
a record contributed by users is never replaced by an import.
"""

from __future__ import annotations

from django.db import transaction

from peaceops.datapackage.descriptor import Descriptor, ResourceSchema
from peaceops.errors import DatabaseError
from peaceops.model.imports import WriteCounts
from peaceops.registry.models import RESOURCE_MODELS
from peaceops.registry.store import _db_value, bump_version

_CHUNK = 500


def plan(
    tables: dict[str, list[dict[str, str]]], descriptor: Descriptor, alias: str
) -> dict[str, WriteCounts]:
    """What ``upsert`` would do, without writing: counts per resource."""
    counts = {}
    for name, schema in descriptor.resources.items():
        if tables.get(name):
            new, changed, same = _diff(schema, tables[name], alias)
            counts[name] = WriteCounts(len(new), len(changed), same)
    return counts


def upsert(
    tables: dict[str, list[dict[str, str]]], descriptor: Descriptor, alias: str
) -> dict[str, WriteCounts]:
    """Insert new rows and update changed ones, all or nothing; returns counts per resource."""
    counts = {}
    with transaction.atomic(using=alias):
        for name, schema in descriptor.resources.items():  # referenced resources first
            if not tables.get(name):
                continue
            model = RESOURCE_MODELS[name]
            new, changed, same = _diff(schema, tables[name], alias)
            model.objects.using(alias).bulk_create(new, batch_size=_CHUNK)
            if changed:
                fields = [f for f in schema.field_names if f not in schema.primary_key]
                model.objects.using(alias).bulk_update(changed, fields, batch_size=_CHUNK)
            counts[name] = WriteCounts(len(new), len(changed), same)
        if any(c.changed for c in counts.values()):
            bump_version(alias)
    return counts


def _diff(schema: ResourceSchema, rows: list[dict[str, str]], alias: str):
    model = RESOURCE_MODELS[schema.name]
    key_fields = schema.primary_key
    existing = _existing(model, key_fields, rows, alias)
    new, changed, same = [], [], 0
    for row in rows:
        values = {f["name"]: _db_value(f, row.get(f["name"], "") or "") for f in schema.fields}
        key = tuple(values[k] for k in key_fields)
        current = existing.get(key)
        if current is None:
            new.append(model(**values))
            continue
        if getattr(current, "origin", "curated") != "curated":
            raise DatabaseError(
                f"{schema.name} {'/'.join(str(k) for k in key)!r} is a record contributed by "
                "users; an import does not replace it.",
                hint="Give the imported row another id.",
            )
        differs = [n for n, v in values.items() if getattr(current, n) != v]
        if differs:
            for n in differs:
                setattr(current, n, values[n])
            changed.append(current)
        else:
            same += 1
    return new, changed, same


def _existing(model, key_fields: tuple[str, ...], rows: list[dict[str, str]], alias: str) -> dict:
    first = key_fields[0]
    wanted = sorted({(row.get(first) or "").strip() for row in rows})
    found = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for instance in model.objects.using(alias).filter(**{f"{first}__in": chunk}):
            found[tuple(getattr(instance, k) for k in key_fields)] = instance
    return found
