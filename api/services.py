"""Writers of the API's own state: API tokens."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import DomainPermissionError
from common.services import service


@service
def api_token_issue(*, actor: Any) -> Token:
    """Give a signed-in user their API token: the one they hold, or a new one.

    The caller has checked the user's credentials. The audit event names the user, never the
    token, whose key is the token's primary key and must not reach the log.
    """
    if not actor.is_active or getattr(actor, "is_system", False):
        # System accounts act only through commands and jobs, never over the API.
        raise DomainPermissionError()
    token, created = Token.objects.get_or_create(user=actor)
    audit_record(
        actor=actor,
        event_type=EventType.API_TOKEN_ISSUED,
        obj=actor,
        unit=actor.home_unit_id,
        changes={"token": [None, "***"]} if created else {},
    )
    return token
