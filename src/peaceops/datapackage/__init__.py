"""Reading, writing and validating the peaceops data package (CSV + datapackage.json).

Pure: no database, no printing. Tables are lists of ``dict[str, str]`` exactly as in the CSV,
so that the same validator serves the shipped package, a user's copy and a database export.
"""

from peaceops.datapackage.descriptor import (
    Descriptor,
    ResourceSchema,
    shipped_descriptor,
    shipped_package_dir,
)
from peaceops.datapackage.tables import Package, read_package, write_package

__all__ = [
    "Descriptor",
    "Package",
    "ResourceSchema",
    "read_package",
    "shipped_descriptor",
    "shipped_package_dir",
    "write_package",
]
