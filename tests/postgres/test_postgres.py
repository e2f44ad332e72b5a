"""The same register on PostgreSQL (dev/test.sh starts a throwaway server on 127.0.0.1 and
sets PEACEOPS_TEST_POSTGRES_URL; skipped without it): load, byte-exact export, validation,
visibility, audited writes, backup and verified restore."""

from __future__ import annotations

import filecmp
import os

import pytest

from peaceops.datapackage import shipped_package_dir

URL = os.environ.get("PEACEOPS_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="PEACEOPS_TEST_POSTGRES_URL is not set")


@pytest.fixture(scope="module")
def pg():
    import peaceops

    registry = peaceops.open(URL, load_if_empty=False)
    registry.load()
    return registry


def test_round_trip_is_byte_exact_on_postgres(pg, tmp_path):
    pg.export(tmp_path / "out")
    names = sorted(p.name for p in shipped_package_dir().iterdir() if p.suffix in (".csv", ".json"))
    _, mismatch, errors = filecmp.cmpfiles(
        shipped_package_dir(), tmp_path / "out", names, shallow=False
    )
    assert mismatch == errors == []


def test_loading_twice_is_idempotent_on_postgres(pg):
    before = pg.counts()
    pg.load()
    assert pg.counts() == before and before["missions"] > 200


def test_database_validates_on_postgres(pg):
    reports = pg.validate(database=True)
    assert all(r.ok for r in reports)


def test_same_answers_as_sqlite(pg, shipped_registry):
    for entity in ("missions", "exchanges", "meetings", "acts"):
        ours = pg.list(entity, country="MLI").records
        theirs = shipped_registry.list(entity, country="MLI").records
        assert [r["id"] for r in ours] == [r["id"] for r in theirs], entity
        for a, b in zip(ours, theirs, strict=True):
            assert {k: v for k, v in a.items() if v != b[k]} == {}, (entity, a["id"])
    assert pg.interactions("XKX").dyads == shipped_registry.interactions("XKX").dyads


def test_visibility_and_audit_on_postgres(pg):
    from peaceops.model.access import ANONYMOUS, Viewer
    from peaceops.registry.models import AuditEntry

    writer = pg.for_viewer(Viewer("pg-writer", "eu", "contributor", verified=True))
    partner = pg.for_viewer(Viewer("pg-partner", "un", "viewer"))
    before = AuditEntry.objects.using(pg.alias).count()
    record = writer.record_exchange(
        {
            "theater": "MLI",
            "giver": "eu",
            "receiver": "un",
            "capability": "information",
            "description": "postgres check",
            "evidence": "test",
            "sensitivity": "partners",
            "shared_with": ["un"],
        }
    )
    assert AuditEntry.objects.using(pg.alias).count() == before + 1
    assert partner.get("exchanges", record["id"])["sensitivity"] == "partners"
    assert record["id"] not in {x["id"] for x in pg.for_viewer(ANONYMOUS).list("exchanges")}
    writer.withdraw("exchange", record["id"])


def test_backup_and_verified_restore_on_postgres(pg, tmp_path):
    counts = pg.backup(tmp_path / "register.dump")
    assert counts["registry_mission"] > 200
    assert pg.restore(tmp_path / "register.dump") == counts
