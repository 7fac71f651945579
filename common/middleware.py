from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from common.context import RequestInfo, request_info


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR is the peer. Behind a trusted reverse proxy (DJANGO_BEHIND_PROXY), the proxy puts
    # the client first in X-Forwarded-For; without one the header is client-controlled and ignored.
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Makes the client address available to the audit log for the whole request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        info = RequestInfo(
            client_ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        with request_info(info):
            return self.get_response(request)


class DomainErrorMiddleware:
    """Pages: an object outside the reader's scope is a 404, a missing role a 403.

    (The API maps the same errors itself, with its error body.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from common.exceptions import DomainNotFound, DomainPermissionError

        if isinstance(exception, DomainNotFound):
            raise Http404(exception.message) from exception
        if isinstance(exception, DomainPermissionError):
            raise PermissionDenied(exception.message) from exception
        return None
