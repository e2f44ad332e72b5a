"""The descriptor's allowed values must be exactly the vocabulary's codes."""

from peaceops.datapackage import read_package, shipped_package_dir
from peaceops.model import vocabulary as V


def test_every_enum_in_the_descriptor_is_a_vocabulary():
    descriptor = read_package(shipped_package_dir()).descriptor
    vocabularies = {tuple(codes) for codes in V.VOCABULARIES.values()}
    enums = [
        (schema.name, field["name"], tuple(field["constraints"]["enum"]))
        for schema in descriptor.resources.values()
        for field in schema.fields
        if "enum" in field.get("constraints", {})
    ]
    assert len(enums) >= 25
    for resource, field, enum in enums:
        assert enum in vocabularies, f"{resource}.{field} has an enum that is no vocabulary"


def test_function_vocabulary_matches_design():
    assert len(V.FUNCTIONS) == 18
    assert V.CIVILIAN_FUNCTIONS[:3] == ("monitoring", "mediation", "police")
    assert set(V.CAPABILITIES) == {
        "staff",
        "mission_support",
        "equipment",
        "funding",
        "political_support",
        "information",
    }
