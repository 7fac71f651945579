"""Sign-ins and failed sign-ins go to the audit log (the auth framework only tells us through
signals; the handlers do nothing but call the service)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.services import sign_in_failed_record, sign_in_record


@receiver(user_logged_in)
def on_user_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    sign_in_record(actor=user)


@receiver(user_login_failed)
def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    sign_in_failed_record(actor=None, username=str(credentials.get("username", ""))[:150])
