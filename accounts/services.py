"""Writers of user accounts. Administrators manage the accounts of units in their subtree."""

from __future__ import annotations

from typing import Any

from accounts.exceptions import AccountErrorCode as Code
from accounts.models import User
from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from common.services import service
from common.validation import clean_or_raise
from organizations.models import Role, Unit
from organizations.permissions import Grant, catalogue_grant, grant_for, require

USER_EDITABLE_FIELDS = frozenset({"full_name", "email", "phone", "is_active", "home_unit"})
AUDITED_USER_FIELDS = ["username", "full_name", "email", "phone", "is_active", "home_unit"]


def user_admin_grant(actor: Any, user: User) -> Grant:
    """Administrators of the account's home unit manage it; accounts without a home unit (system
    accounts, superusers) only system administrators."""
    home_unit = user.home_unit if user.home_unit_id else None
    if home_unit is None:
        grant = catalogue_grant(actor)
        if grant is None:
            raise DomainPermissionError()
        return grant
    return require(grant_for(actor, home_unit, {Role.ADMIN}))


@service
def user_create(
    *,
    actor: Any,
    username: str,
    home_unit: Unit,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    password: str | None = None,
) -> User:
    """Create an account belonging to `home_unit`. Without a password it cannot sign in until
    one is set."""
    if home_unit is None:
        raise DomainValidationError(Code.NO_HOME_UNIT)
    grant = require(grant_for(actor, home_unit, {Role.ADMIN}))
    if User.objects.filter(username__iexact=username).exists():
        raise DomainConflict(Code.USERNAME_TAKEN, details={"username": [username]})
    user = User(
        username=username, home_unit=home_unit, full_name=full_name, email=email, phone=phone
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    clean_or_raise(user, exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        event_type=EventType.USER_CREATED,
        obj=user,
        via=grant,
        unit=home_unit,
        changes=diff({}, snapshot(user, AUDITED_USER_FIELDS)),
    )
    return user


@service
def user_update(*, actor: Any, user: User, reason: str = "", **changes: Any) -> User:
    grant = user_admin_grant(actor, user)
    unknown = set(changes) - USER_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"user_update() got unexpected fields {sorted(unknown)}")
    if "home_unit" in changes and changes["home_unit"] is not None:
        require(grant_for(actor, changes["home_unit"], {Role.ADMIN}))
    before = snapshot(user, AUDITED_USER_FIELDS)
    for name, value in changes.items():
        setattr(user, name, value)
    clean_or_raise(user, exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        event_type=EventType.USER_UPDATED,
        obj=user,
        via=grant,
        unit=user.home_unit_id,
        changes=diff(before, snapshot(user, AUDITED_USER_FIELDS)),
        reason=reason,
    )
    return user


@service
def user_set_password(*, actor: Any, user: User, password: str) -> User:
    """An administrator sets a user's password (users change their own through the sign-in
    pages). The password itself is never recorded."""
    grant = user_admin_grant(actor, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        event_type=EventType.USER_UPDATED,
        obj=user,
        via=grant,
        unit=user.home_unit_id,
        changes={"password": ["***", "***"]},
    )
    return user


@service
def sign_in_record(*, actor: User) -> None:
    audit_record(
        actor=actor, event_type=EventType.USER_SIGNED_IN, obj=actor, unit=actor.home_unit_id
    )


@service
def sign_in_failed_record(*, actor: None, username: str) -> None:
    """A failed sign-in: the name that was tried (never the password)."""
    audit_record(
        actor=None, event_type=EventType.USER_SIGN_IN_FAILED, changes={"username": username}
    )
