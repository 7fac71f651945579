from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def tasks(request: HttpRequest) -> dict[str, Any]:
    """The number of open tasks for the menu: mine, and those my units offer me to take.

    Counted only when a template shows it (the menu of base.html; not HTMX fragments, the admin
    or the API): one count, plus the user's delegations, which the pages then reuse.
    """
    from workflows.selectors import task_inbox_for, task_queue_for

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_task_count": SimpleLazyObject(
            lambda: (task_inbox_for(user) | task_queue_for(user)).count()
        )
    }
