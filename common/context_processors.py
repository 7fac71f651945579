from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs to draw the menu for the signed-in user."""
    from organizations.permissions import can_manage_catalogue, is_administrator

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_administrator": is_administrator(user),
        "nav_can_manage_catalogue": can_manage_catalogue(user),
    }
