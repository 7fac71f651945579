from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import User
from common.exceptions import DomainNotFound
from organizations.models import Role
from organizations.permissions import is_system_admin, visible_unit_ids

SYSTEM_USERNAME = "he-thong"


def system_user() -> User:
    """The account that acts when no person does. A migration creates it; it is recreated here
    only if a test run flushed the tables."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": "Hệ thống", "is_system": True, "is_superuser": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def user_list_visible_to(actor: Any, *, search: str = "") -> QuerySet[User]:
    """Accounts an administrator manages: those whose home unit is in their subtree."""
    if is_system_admin(actor):
        qs = User.objects.all()
    else:
        qs = User.objects.filter(home_unit_id__in=visible_unit_ids(actor, {Role.ADMIN}))
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(full_name__icontains=search))
    return qs.select_related("home_unit").order_by("username")


def user_get_visible(actor: Any, pk: Any) -> User:
    user = user_list_visible_to(actor).filter(pk=pk).first()
    if user is None:
        raise DomainNotFound()
    return user


def colleagues_of(user: Any) -> QuerySet[User]:
    """Active accounts based at, or holding a role at, a unit the user may read: whom a task can
    be handed to or a role delegated to. The services then check the role those need; the scope
    only keeps the user from probing accounts elsewhere."""
    units = visible_unit_ids(user)
    return (
        User.objects.filter(is_active=True, is_system=False)
        .filter(
            Q(home_unit_id__in=units)
            | Q(role_assignments__unit_id__in=units, role_assignments__revoked_at__isnull=True)
        )
        .distinct()
    )
