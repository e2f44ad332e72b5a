"""Sign-in throttling and lockout, the second factor, rate limits, cookies and page sizes."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

PASSWORD = "security-passphrase-2026"


@pytest.fixture(scope="module")
def accounts():
    from peaceops.web.registry import registry

    logging.disable(logging.CRITICAL)
    reg = registry()
    reg.add_user("sec-contributor", PASSWORD, "osce", "contributor")
    reg.add_totp("sec-contributor")
    reg.add_user("sec-locked", PASSWORD, "osce", "viewer")
    yield reg
    logging.disable(logging.NOTSET)


def test_repeated_failures_lock_the_account(accounts):
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "sec-locked", "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"username": "sec-locked", "password": PASSWORD})
    assert response.status_code in (403, 429)  # locked although the password is right
    assert b"Traceback" not in response.content


def test_without_the_second_factor_a_contributor_is_a_reader(accounts):
    client = Client(HTTP_HOST="127.0.0.1")
    response = client.post(
        "/accounts/login/", {"username": "sec-contributor", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"].endswith("/accounts/verify/")
    assert client.get("/entry/exchange/").status_code == 403  # not verified yet
    response = client.post("/accounts/verify/", {"token": "000000"})
    assert b"not valid" in response.content


def test_weak_passwords_are_refused(accounts):
    from peaceops.errors import InvalidArgument

    with pytest.raises(InvalidArgument, match="too weak"):
        accounts.add_user("sec-weak", "password", "eu", "viewer")


def test_passwords_are_hashed_with_argon2(accounts):
    from django.contrib.auth.models import User

    assert User.objects.get(username="sec-contributor").password.startswith("argon2")


def test_api_rate_limit_answers_429_with_the_envelope(accounts):
    client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="10.9.8.7")
    with override_settings(PEACEOPS_API_RATE=3):
        codes = [client.get("/api/v1/organizations?limit=1").status_code for _ in range(4)]
        response = client.get("/api/v1/organizations?limit=1")
    assert codes == [200, 200, 200, 429]
    assert response.json()["code"] == "rate_limited" and response["Retry-After"]


def test_page_size_is_capped(accounts):
    response = Client(HTTP_HOST="127.0.0.1").get("/api/v1/missions?limit=5000")
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_cookies_are_http_only_and_same_site(accounts):
    from django.conf import settings

    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/accounts/login/", {"username": "sec-contributor", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"


def test_errors_never_show_a_stack_trace(accounts):
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    for url in (
        "/missions/%00/",
        "/api/v1/missions/%00",
        "/countries/%ff/",
        "/api/v1/countries/%27%22",
    ):
        response = client.get(url)
        assert b"Traceback" not in response.content
