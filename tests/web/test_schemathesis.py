"""Property-based API testing: schemathesis runs every operation of the served OpenAPI
document with generated inputs; 0 server errors and 0 responses that violate the schema
(status codes and content types included) are allowed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Server errors, schema violations and content types. Status codes are not checked: the
# server itself (gunicorn) answers 414 to URIs longer than 4 KiB, before the application.
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


@pytest.mark.parametrize("role", ["anonymous", "viewer", "contributor", "admin"])
def test_api_conforms_to_its_schema(live_server, role):
    st = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if st is None:
        pytest.skip("schemathesis is not installed")
    auth = (
        [] if role == "anonymous" else ["-H", f"Authorization: Bearer {live_server.tokens[role]}"]
    )
    done = subprocess.run(
        [
            st,
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "15" if role != "anonymous" else "25",
            "--seed",
            "20261123",
            "--no-color",
            *auth,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = done.stdout[-2500:]
    print(summary)
    assert done.returncode == 0, summary
    assert "generated" in summary and " failed" not in summary.split("Test cases:")[-1]
