"""Notifications: an in-app message now, its e-mail after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.services import service
from notifications.models import Notification


def notify(*, recipients: Iterable[Any], subject: str, body: str = "", url: str = "") -> int:
    """Leave a message for each recipient, inside the caller's transaction; their e-mails are
    queued once it commits (a rolled-back action sends nothing). Returns how many were left."""
    from notifications.tasks import send_notification_email

    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=user, subject=subject[:255], body=body, url=url)
            for user in people.values()
        ]
    )
    for notification in created:
        if notification.recipient.email:
            transaction.on_commit(
                partial(send_notification_email.enqueue, notification_id=notification.pk)
            )
    return len(created)


@service
def notifications_mark_read(*, actor: Any, ids: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all of them when no ids are given)."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    # Notifications are a mailbox, not a domain record: no history, no audit event.
    return qs.update(read_at=timezone.now())
