"""What the emulation pages share: showing a service's refusal on the form that was sent,
forms whose submit calls one service, POST actions from an object's page, lists of plain rows
with an Excel export, and file downloads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View

from common.exceptions import (
    CommonErrorCode,
    DomainError,
    DomainNotFound,
    DomainPermissionError,
)
from common.exports import Column, xlsx_response
from common.views import ServiceFormView, add_domain_error

# The per-indicator (or per-item) fields of the emulation forms: a service that names an
# indicator code in its details is answered on that indicator's field.
CODE_FIELD_PREFIXES = ("target_", "value_", "line_", "count_")


def _text(problems: Any) -> str:
    if isinstance(problems, list | tuple):
        return "; ".join(str(problem) for problem in problems)
    return "" if problems is None else str(problems)


def show_error(form: forms.Form, error: DomainError) -> None:
    """A service's refusal on the form: on the fields it names (a field of the form, or the
    field of an indicator code), and on top with whatever it lists that has no field, so the
    reader sees what to fix (the units missing a score, the problems of a scoring rule)."""
    if error.code == CommonErrorCode.INVALID_INPUT:
        add_domain_error(form, error)
        return
    placed = False
    listed: list[str] = []
    for key, value in error.details.items():
        if key in form.fields:
            form.add_error(key, error.message)
            placed = True
            continue
        if isinstance(value, dict):
            items: Iterable[tuple[Any, Any]] = value.items()
        elif isinstance(value, list | tuple):
            items = [(item, None) for item in value]
        else:
            items = [(value, None)]
        for item, problems in items:
            field = next(
                (f"{p}{item}" for p in CODE_FIELD_PREFIXES if f"{p}{item}" in form.fields), None
            )
            text = _text(problems)
            if field is not None:
                form.add_error(field, f"{error.message} {text}".strip())
                placed = True
            else:
                listed.append(f"{item}: {text}" if text else str(item))
    if listed:
        form.add_error(None, f"{error.message} ({'; '.join(listed)})")
    elif not placed:
        form.add_error(None, error.message)


def domain_edge(error: DomainError) -> None:
    """Out of scope is a 404, a missing role a 403; anything else the page answers."""
    if isinstance(error, DomainNotFound):
        raise Http404(error.message) from error
    if isinstance(error, DomainPermissionError):
        raise PermissionDenied(error.message) from error


class EmulationFormView(ServiceFormView):
    """A form page whose valid submission calls one service; a refusal stays on the form, with
    the input kept and the message on the fields it concerns."""

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except DomainError as exc:
            domain_edge(exc)
            show_error(form, exc)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_message(self) -> str:
        return str(self.success_message)


class ActionView(LoginRequiredMixin, View):
    """POST one action (one service) from an object's page.

    Success: back to the page with a message that says what happened and what comes next.
    Refusal: the page again, as it is now, with the service's message on the form that was sent
    (`form_key` names it in the page's `forms`) and the input kept."""

    form_class: type[forms.Form] = forms.Form
    form_key = ""
    section = ""

    def get_object(self) -> Any:
        raise NotImplementedError

    def build_form(self, obj: Any) -> forms.Form:
        return self.form_class(self.request.POST, self.request.FILES)

    def perform(self, obj: Any, form: Any) -> str:
        raise NotImplementedError

    def success_url(self, obj: Any) -> str:
        raise NotImplementedError

    def render_page(self, obj: Any, forms: dict[str, forms.Form], refusal: Any) -> HttpResponse:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        form = self.build_form(obj)
        if not form.is_valid():
            return self.render_page(obj, {self.form_key: form}, None)
        try:
            notice = self.perform(obj, form)
        except DomainError as exc:
            domain_edge(exc)
            show_error(form, exc)
            return self.render_page(self.get_object(), {self.form_key: form}, exc)
        messages.success(request, notice)
        url = self.success_url(obj)
        return redirect(f"{url}#{self.section}" if self.section else url)


def refusal_messages(sent: dict[str, forms.Form] | None) -> list[str]:
    """Every error of the forms sent back to a page, once each: what the page shows on top,
    above the section the form sits in."""
    seen: dict[str, None] = {}
    for form in (sent or {}).values():
        for errors in form.errors.values():
            for error in errors:
                seen.setdefault(str(error), None)
    return list(seen)


def xlsx_rows(
    request: HttpRequest, *, name: str, title: Any, columns: list[Column], rows: list[Any]
) -> HttpResponse:
    """The Excel export of a list of plain rows (a deadline list, not a queryset)."""
    return xlsx_response(
        actor=request.user,
        name=name,
        title=str(title),
        columns=columns,
        rows=rows,
        filters={k: v for k, v in request.GET.items() if k != "export"},
    )


def download(file: Any, name: str) -> FileResponse:
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=name or file.name)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
