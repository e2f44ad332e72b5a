"""Crash test: 8 concurrent writers × 125 writes through the API while the server is killed
with SIGKILL at a random moment, 5 times over the same database: every write the server
acknowledged (201) must still be there, and SQLite's integrity check must pass."""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import urllib.error
import urllib.request

import pytest

from tests.live_server import LiveServer

WRITERS, WRITES, ROUNDS = 8, 125, 5


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    import peaceops

    path = tmp_path_factory.mktemp("crash") / "crash.sqlite3"
    reg = peaceops.open(f"sqlite:///{path}")  # migrated and loaded with the curated data
    reg.add_user("crash-writer", "crash-test-passphrase", "eu", "contributor")
    reg.add_totp("crash-writer")
    return path, reg.issue_token("crash-writer")


def write(url: str, token: str, number: int) -> str | None:
    body = json.dumps(
        {
            "theater": "MLI",
            "giver": "eu",
            "receiver": "un",
            "capability": "information",
            "description": f"crash write {number}",
            "evidence": "crash test",
            "sensitivity": "internal",
        }
    ).encode()
    request = urllib.request.Request(
        f"{url}/api/v1/exchanges",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status == 201:
                return json.loads(response.read())["data"]["id"]
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        # cut off by the kill: not acknowledged
        return None
    return None


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_no_acknowledged_write_is_lost(database, round_number):
    path, token = database
    server = LiveServer(path)
    acknowledged: list[str] = []
    lock = threading.Lock()
    kill_after = random.Random(round_number).randint(
        WRITERS * WRITES // 5, WRITERS * WRITES * 4 // 5
    )
    killed = threading.Event()

    def writer(offset: int) -> None:
        for i in range(WRITES):
            if killed.is_set():
                return
            record_id = write(server.url, token, offset * WRITES + i)
            if record_id is None:
                continue
            with lock:
                acknowledged.append(record_id)
                if len(acknowledged) >= kill_after and not killed.is_set():
                    killed.set()
                    server.kill()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if not killed.is_set():
        server.kill()
    assert len(acknowledged) >= kill_after
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT id FROM registry_exchange")}
    lost = [record_id for record_id in acknowledged if record_id not in stored]
    print(
        f"round {round_number}: {len(acknowledged)} acknowledged, killed after "
        f"{kill_after}, lost {len(lost)}"
    )
    assert lost == []
