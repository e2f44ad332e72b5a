"""Accounts: a user belongs to one organization with one role; API tokens; TOTP devices."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from peaceops.errors import InvalidArgument, NotFound
from peaceops.model import vocabulary as V
from peaceops.model.access import ANONYMOUS, Viewer
from peaceops.registry import models as m

TOKEN_PREFIX = "po_"


def create_user(alias: str, username: str, password: str, organization: str, role: str) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if role not in V.ROLES:
        raise InvalidArgument(f"Unknown role {role!r}.", hint=f"Use one of: {', '.join(V.ROLES)}.")
    if not m.Organization.objects.using(alias).filter(pk=organization).exists():
        raise NotFound.for_id(
            "organization",
            organization,
            m.Organization.objects.using(alias).values_list("id", flat=True),
        )
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InvalidArgument("The password is too weak: " + " ".join(exc.messages)) from None
    with transaction.atomic(using=alias):
        user = User.objects.db_manager(alias).create_user(username=username, password=password)
        user.is_staff = role == "admin"
        user.save(using=alias)
        m.Membership.objects.using(alias).create(user=user, organization_id=organization, role=role)


def _user(alias: str, username: str) -> User:
    user = User.objects.using(alias).filter(username=username).first()
    if user is None:
        raise NotFound(f"Unknown user {username!r}.")
    return user


def issue_token(alias: str, username: str, label: str = "") -> str:
    """A new API token; shown once, stored only as its SHA-256."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    m.ApiToken.objects.using(alias).create(
        user=_user(alias, username), label=label, key_hash=hashlib.sha256(key.encode()).hexdigest()
    )
    return key


def user_for_token(alias: str, key: str) -> User | None:
    if not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    token = m.ApiToken.objects.using(alias).select_related("user").filter(key_hash=digest).first()
    return token.user if token and token.user.is_active else None


def add_totp_device(alias: str, username: str) -> str:
    """Create a confirmed TOTP device; returns the otpauth:// URI for an authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.using(alias).create(
        user=_user(alias, username), name="default", confirmed=True
    )
    return device.config_url


def has_second_factor(user: User) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def viewer_for(user, *, verified: bool) -> Viewer:
    """The Viewer of a Django user (anonymous or without membership: public only)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    membership = m.Membership.objects.filter(user=user).select_related("organization").first()
    if membership is None:
        return Viewer(username=user.username)
    return Viewer(
        username=user.username,
        organization=membership.organization_id,
        role=membership.role,
        verified=verified,
    )
