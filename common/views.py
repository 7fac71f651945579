"""Building blocks for the HTML pages: filtered, paginated, exportable lists, and forms whose
submit calls one service and shows its domain errors on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.views.generic import FormView, ListView

from common.exceptions import (
    CommonErrorCode,
    DomainError,
    DomainNotFound,
    DomainPermissionError,
)
from common.exports import Column, xlsx_response


class FilteredListView(LoginRequiredMixin, ListView):
    """A list page with a GET filter form, pagination and "?export=xlsx".

    Subclasses set `filter_form_class` and implement `select(**filters)`, which calls a selector
    (selectors own scope); for exports they set `export_name` and `export_columns`.
    """

    filter_form_class: type[forms.Form] | None = None
    paginate_by = 50
    export_name = ""
    export_title = ""
    export_columns: list[Column] = []

    def get_filter_form(self) -> forms.Form | None:
        if self.filter_form_class is None:
            return None
        return self.filter_form_class(self.request.GET or None, **self.get_filter_form_kwargs())

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {}

    def filters(self) -> dict[str, Any]:
        form = self.filter_form
        if form is None or not form.is_bound or not form.is_valid():
            return {}
        return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}

    def select(self, **filters: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return self.select(**self.filters())

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.filter_form = self.get_filter_form()
        if request.GET.get("export") == "xlsx" and self.export_columns:
            return xlsx_response(
                actor=request.user,
                name=self.export_name,
                title=str(self.export_title or self.export_name),
                columns=self.export_columns,
                rows=_rows(self.get_queryset()),
                filters={k: v for k, v in request.GET.items() if k != "export"},
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        query.pop("export", None)
        context["export_query"] = query.urlencode()
        return context


def _rows(selected: Any) -> Any:
    """A queryset chunked, so that prefetches still apply and memory stays flat; a list (rows a
    selector computed) as it is."""
    if isinstance(selected, QuerySet):
        return selected.iterator(chunk_size=2000)
    return selected


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's error on the form.

    Invalid input carries per-field messages in `details`: they go on their fields. Any other
    domain error explains itself in `message`: it goes on the fields `details` names, or on top.
    """
    fields = [name for name in error.details if name in form.fields]
    if error.code == CommonErrorCode.INVALID_INPUT:
        for name, problems in error.details.items():
            for problem in problems if isinstance(problems, list | tuple) else [problems]:
                form.add_error(name if name in form.fields else None, str(problem))
        if not fields:
            form.add_error(None, error.message)
        return
    for name in fields:
        form.add_error(name, error.message)
    if not fields:
        form.add_error(None, error.message)


class ServiceFormView(LoginRequiredMixin, FormView):
    """A form whose valid submission calls one service (`perform`).

    Domain errors become form errors, a missing role a 403, an object out of scope a 404.
    """

    success_message = ""

    def perform(self, form: forms.Form) -> Any:
        raise NotImplementedError

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_error(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return super().form_valid(form)
