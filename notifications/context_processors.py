from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The number of unread notifications for the menu: one count, made only when a template
    shows it (not for HTMX fragments, the admin or the API)."""
    from notifications.selectors import unread_count

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
