"""Domain errors: a stable code, a message for people (Vietnamese), and details.

Each app declares its codes as a `TextChoices` (a closed list) whose labels are the default
messages. Services raise these; the API maps them once to HTTP statuses (api/exceptions.py) and
HTML views show the message (common/views.py).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommonErrorCode(models.TextChoices):
    PERMISSION_DENIED = "permission_denied", _("You do not have the role needed for this action.")
    NOT_FOUND = "not_found", _("Not found, or outside your scope.")
    INVALID_INPUT = "invalid_input", _("Some data is not valid. Check the highlighted fields.")
    CONFLICT = "conflict", _("This action is no longer possible in the current state.")


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    http_status = 400

    def __init__(
        self,
        code: models.TextChoices | str,
        message: Any = None,
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.code = str(code.value if isinstance(code, models.TextChoices) else code)
        if message is None:
            message = code.label if isinstance(code, models.TextChoices) else code
        self.message = str(message)
        self.details = details or {}
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class DomainValidationError(DomainError):
    http_status = 400

    @classmethod
    def on_field(cls, code: models.TextChoices, field: str) -> DomainValidationError:
        """The error, shown on one field of the form (or named in the API's details)."""
        return cls(code, details={field: [str(code.label)]})


class DomainPermissionError(DomainError):
    http_status = 403

    def __init__(
        self, code: Any = CommonErrorCode.PERMISSION_DENIED, message: Any = None, **kw: Any
    ):
        super().__init__(code, message, **kw)


class DomainNotFound(DomainError):
    http_status = 404

    def __init__(self, code: Any = CommonErrorCode.NOT_FOUND, message: Any = None, **kw: Any):
        super().__init__(code, message, **kw)


class DomainConflict(DomainError):
    http_status = 409


class DomainRefusal(DomainValidationError):
    """A refusal whose record must survive it: the service has written an audit event (e.g. a
    check blocked the step) and nothing else. `@service` commits that, then re-raises."""

    keep_record = True
