"""One error body for every API failure: {"code": ..., "message": ..., "details": ...}.

Domain errors carry their own code and status; DRF's own errors (validation, authentication,
throttling, 404...) are given codes from the same closed vocabulary, with a message of ours:
DRF's Vietnamese catalogue lacks most of its messages, and a client should read one wording.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.exceptions import CommonErrorCode, DomainError


class ApiErrorCode(models.TextChoices):
    """Codes for failures that do not come from a service; the labels are the messages."""

    INVALID_INPUT = CommonErrorCode.INVALID_INPUT.value, CommonErrorCode.INVALID_INPUT.label
    NOT_FOUND = CommonErrorCode.NOT_FOUND.value, CommonErrorCode.NOT_FOUND.label
    PERMISSION_DENIED = (
        CommonErrorCode.PERMISSION_DENIED.value,
        CommonErrorCode.PERMISSION_DENIED.label,
    )
    CONFLICT = CommonErrorCode.CONFLICT.value, CommonErrorCode.CONFLICT.label
    NOT_AUTHENTICATED = (
        "not_authenticated",
        _("Sign in, or send your API token in the header “Authorization: Token <token>”."),
    )
    AUTHENTICATION_FAILED = (
        "authentication_failed",
        _("The API token is not valid or the account is locked. Request a new token."),
    )
    INVALID_CREDENTIALS = (
        "invalid_credentials",
        _("Wrong username or password, or the account is locked."),
    )
    METHOD_NOT_ALLOWED = "method_not_allowed", _("This address does not accept this method.")
    NOT_ACCEPTABLE = "not_acceptable", _("The requested response format is not available.")
    UNSUPPORTED_MEDIA_TYPE = (
        "unsupported_media_type",
        _("This content type is not accepted. Send JSON."),
    )
    THROTTLED = "throttled", _("Too many requests. Wait a moment and try again.")
    PARSE_ERROR = "parse_error", _("The request body could not be read. Send valid JSON.")
    SERVER_ERROR = "server_error", _("The request failed. Try again later.")


_DRF_CODES: list[tuple[type[Exception], ApiErrorCode]] = [
    (exceptions.ValidationError, ApiErrorCode.INVALID_INPUT),
    (exceptions.ParseError, ApiErrorCode.PARSE_ERROR),
    (exceptions.NotAuthenticated, ApiErrorCode.NOT_AUTHENTICATED),
    (exceptions.AuthenticationFailed, ApiErrorCode.AUTHENTICATION_FAILED),
    (exceptions.PermissionDenied, ApiErrorCode.PERMISSION_DENIED),
    (exceptions.NotFound, ApiErrorCode.NOT_FOUND),
    (exceptions.MethodNotAllowed, ApiErrorCode.METHOD_NOT_ALLOWED),
    (exceptions.NotAcceptable, ApiErrorCode.NOT_ACCEPTABLE),
    (exceptions.UnsupportedMediaType, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE),
    (exceptions.Throttled, ApiErrorCode.THROTTLED),
]


def error_body(code: str, message: Any, details: Any = None) -> dict[str, Any]:
    return {"code": str(code), "message": str(message), "details": details or {}}


def _details(exc: Exception, context: dict[str, Any]) -> dict[str, Any]:
    """What a client needs to act on the error, beyond its code."""
    if isinstance(exc, exceptions.ValidationError):
        return exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        return {"allowed": list(getattr(view, "allowed_methods", []))}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        return {"retry_after_seconds": int(exc.wait) + 1}
    return {}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.http_status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handling and logging take over
    code = next(
        (code for kind, code in _DRF_CODES if isinstance(exc, kind)), ApiErrorCode.SERVER_ERROR
    )
    response.data = error_body(code, code.label, _details(exc, context))
    if response.status_code == status.HTTP_401_UNAUTHORIZED and not response.has_header(
        "WWW-Authenticate"
    ):
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response
