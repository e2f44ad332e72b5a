"""A real ``peaceops serve`` on a free loopback port, for browser, schema and load tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, database: Path, **env_overrides: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PEACEOPS_DATABASE_URL": f"sqlite:///{database}",
            "PEACEOPS_API_RATE": "0",  # benchmarks and crash tests write fast on purpose
            **env_overrides,
        }
        # The log goes to a file: an unread pipe fills up and then blocks the server.
        self.log = Path(database).with_suffix(".server.log")
        self._log_file = open(self.log, "ab")  # noqa: SIM115 (closed in stop() and kill())
        # its own process group, so that kill() reaches gunicorn's workers too
        self.process = subprocess.Popen(
            [sys.executable, "-m", "peaceops", "serve", "--port", str(self.port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log_file,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/countries?limit=1", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not start within 90 s")

    def kill(self) -> None:
        """SIGKILL the whole server (master and workers): the crash of the crash test."""
        import signal

        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)
        self._log_file.close()

    def stop(self) -> None:
        self._log_file.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
