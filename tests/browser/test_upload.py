"""A contributor's upload in Chromium, as a coordination officer does it: sign in with password
and one-time code, preview a file, read the report, import the previewed file."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import screenshot
from tests.conftest import LIVE_PASSWORD

COLUMNS = (
    "id,theater,giver_organization_id,giver_mission_id,receiver_organization_id,"
    "receiver_mission_id,capability,regularity,formality,level,start_date,end_date,"
    "description,source_id,confidence"
)


def one_time_code(uri: str) -> str:
    from django_otp.oath import totp

    secret = parse_qs(urlparse(uri).query)["secret"][0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def sign_in(page, live_server, role: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", f"live-{role}")
    page.fill("#id_password", LIVE_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/verify/")
    page.fill("#id_token", one_time_code(live_server.totp_uris[role]))
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + "/")


def test_contributor_previews_then_imports_a_file(live_server, browser_page, tmp_path):
    page = browser_page
    sign_in(page, live_server, "contributor")
    page.click("nav >> text=Import")
    assert page.inner_text("h1") == "Import a file"
    assert page.locator("#id_record_as").count() == 0  # curated imports are for curators
    upload = tmp_path / "exchanges.csv"
    upload.write_text(
        COLUMNS + "\n"
        "br-eu-un-mli-sitreps,MLI,eu,,un,,information,systematic,informal,operational,"
        "2019-03-01,,Weekly situation reports shared with the UN mission,,medium\n"
        "br-un-au-mli,MLI,un,,au,,funding,,,,,,Not the uploader's exchange,,medium\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_sensitivity", "partners")
    page.fill("#id_shared_with", "un")
    page.click("button[value=preview]")
    status = page.inner_text("[role=status]")
    assert "nothing was written" in status and "1 error(s)" in status
    assert "exchanges.csv:line 3" in page.inner_text(".report")
    screenshot(page, "web-upload-errors")

    header, own, _ = upload.read_text(encoding="utf-8").splitlines(True)
    upload.write_text(header + own, encoding="utf-8")
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_sensitivity", "partners")
    page.fill("#id_shared_with", "un")
    page.click("button[value=preview]")
    assert "would write 1 new" in page.inner_text("[role=status]")
    assert "as partners records of eu, shared with un" in page.inner_text(".report form")
    screenshot(page, "web-upload-preview")
    page.click("text=Import exchanges.csv")
    assert "wrote 1 new" in page.inner_text("[role=status]")
    assert "Recorded as partners records of eu, shared with un." in page.inner_text(".report")
    screenshot(page, "web-upload-done")
    page.goto(live_server.url + "/audit/")
    assert "import" in page.inner_text("table") and "exchanges.csv" in page.inner_text("table")
