"""django-simple-history set up once for every domain model.

`tracked_history()` is what models declare as `history = tracked_history()`. The author of a
history row is, in order: the instance's `_history_user` (simple-history's own override), the
actor of the running service (common.context.acting_as), then the signed-in user of the request.
"""

from typing import Any

from simple_history.models import HistoricalRecords

from common.context import current_actor


def _history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:
    actor = current_actor()
    if actor is not None and getattr(actor, "pk", None) is not None:
        return actor
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def tracked_history(**kwargs: Any) -> HistoricalRecords:
    kwargs.setdefault("get_user", _history_user)
    return HistoricalRecords(**kwargs)


def history_entries(instance: Any, *, limit: int = 50) -> list[dict[str, Any]]:
    """The object's history, newest first, each entry with who, when and what changed.

    Two queries whatever the length: the history rows (with their authors), nothing per row.
    """
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries: list[dict[str, Any]] = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(entries) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append(
                    {
                        "field": str(getattr(field, "verbose_name", change.field)),
                        "old": change.old,
                        "new": change.new,
                    }
                )
        entries.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.history_type,
                "reason": newer.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries
