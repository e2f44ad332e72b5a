"""The Frictionless descriptor (``datapackage.json``): the one definition of the package's
files, columns, types, keys and allowed values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from peaceops.errors import PackageError

DESCRIPTOR_NAME = "datapackage.json"


def shipped_package_dir() -> Path:
    """The curated data package inside the installed peaceops package."""
    return Path(str(resources.files("peaceops") / "data"))


@lru_cache(maxsize=1)
def shipped_descriptor() -> Descriptor:
    """The descriptor of the shipped package: the schema every register shares (read once)."""
    return Descriptor.load(shipped_package_dir())


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class ResourceSchema:
    name: str
    path: str
    fields: tuple[dict, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f["name"] for f in self.fields)

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)

    def constraint(self, name: str, key: str):
        return self.field(name).get("constraints", {}).get(key)

    def sort_key(self, row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row.get(k, "") for k in self.primary_key)


class Descriptor:
    """A parsed ``datapackage.json``; resources in dependency order (referenced ones first)."""

    def __init__(self, raw: dict):
        self.raw = raw
        schemas = {}
        for res in raw.get("resources", []):
            schema = res["schema"]
            schemas[res["name"]] = ResourceSchema(
                name=res["name"],
                path=res["path"],
                fields=tuple(schema["fields"]),
                primary_key=tuple(schema.get("primaryKey", [])),
                foreign_keys=tuple(
                    ForeignKey(
                        tuple(fk["fields"]),
                        fk["reference"]["resource"],
                        tuple(fk["reference"]["fields"]),
                    )
                    for fk in schema.get("foreignKeys", [])
                ),
            )
        self.resources: dict[str, ResourceSchema] = {
            name: schemas[name] for name in _dependency_order(schemas)
        }

    @classmethod
    def load(cls, directory: Path) -> Descriptor:
        path = Path(directory) / DESCRIPTOR_NAME
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise PackageError(
                f"No {DESCRIPTOR_NAME} in {directory}.",
                hint="Point --package at a folder written by 'peaceops export'.",
            ) from None
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise PackageError(f"{path} is not a valid data package descriptor: {exc}.") from None

    def to_json(self) -> str:
        return json.dumps(self.raw, indent=2, ensure_ascii=False) + "\n"


def _dependency_order(schemas: dict[str, ResourceSchema]) -> list[str]:
    """Resources sorted so that every foreign key points to an earlier resource."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered or name not in schemas:
            return
        if name in visiting:  # self-reference or cycle: order is irrelevant for it
            return
        visiting.add(name)
        for fk in schemas[name].foreign_keys:
            if fk.resource != name:
                visit(fk.resource)
        visiting.discard(name)
        ordered.append(name)

    for name in schemas:
        visit(name)
    return ordered
