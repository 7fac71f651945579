from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from common.exceptions import CommonErrorCode, DomainValidationError


def clean_or_raise(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run the model's validation; report problems as a domain error with per-field details."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise DomainValidationError(
            CommonErrorCode.INVALID_INPUT, details=validation_details(exc)
        ) from exc


def validation_details(exc: ValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}
