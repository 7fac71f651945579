"""Who is acting, from where: set once per request, task or command, read by history and audit.

Services receive their actor explicitly (`actor=`); this context only carries it to places that
cannot take an argument: django-simple-history's `get_user` hook and the client address that the
audit log records.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class RequestInfo:
    client_ip: str | None = None
    user_agent: str = ""


_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("actor", default=None)
_request_info: contextvars.ContextVar[RequestInfo] = contextvars.ContextVar(
    "request_info",
    default=RequestInfo(),  # noqa: B039 - immutable default
)


@contextlib.contextmanager
def acting_as(actor: User | None) -> Iterator[None]:
    """Attribute every history row written inside the block to `actor`."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> User | None:
    return _actor.get()


@contextlib.contextmanager
def request_info(info: RequestInfo) -> Iterator[None]:
    token = _request_info.set(info)
    try:
        yield
    finally:
        _request_info.reset(token)


def current_request_info() -> RequestInfo:
    return _request_info.get()
