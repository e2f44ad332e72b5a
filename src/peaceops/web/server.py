"""``peaceops serve``: the web application on gunicorn (threaded workers, loopback default)."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from peaceops.web.wsgi import application

        return application


def serve(
    host: str = "127.0.0.1", port: int = 8000, workers: int | None = None, threads: int = 4
) -> None:
    """Open (migrate, load on first use) the register, then serve it until interrupted."""
    from django.db import connections

    import peaceops

    registry = peaceops.open()
    registry.snapshot()  # warm the cache once in the master; workers inherit it
    connections.close_all()  # never share a database connection across fork()
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers or max(2, min(4, (os.cpu_count() or 2) + 1)),
            "threads": threads,
            "worker_class": "gthread",
            "preload_app": True,
            "timeout": 60,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "limit_request_line": 4094,
            "limit_request_fields": 50,
        }
    ).run()
