"""Pages of the Excel imports: thin views over imports.services and imports.selectors."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exports import XLSX_CONTENT_TYPE, xlsx_response
from common.views import FilteredListView, ServiceFormView
from imports.forms import ImportJobFilterForm, ImportJobForm
from imports.models import ImportJob, ImportKind
from imports.selectors import (
    import_job_get_visible,
    import_job_list_visible_to,
    import_unit_choices,
)
from imports.services import import_job_create
from imports.workbook import template_bytes

ERRORS_PER_PAGE = 100

ERROR_EXPORT_COLUMNS = [
    (gettext_lazy("Row"), lambda error: error.get("row") or ""),
    (gettext_lazy("Column"), lambda error: error.get("column", "")),
    (gettext_lazy("Problem and how to fix it"), lambda error: error.get("message", "")),
]


class ImportJobListView(FilteredListView):
    template_name = "imports/job_list.html"
    filter_form_class = ImportJobFilterForm
    paginate_by = 25

    def select(self, **filters: Any) -> QuerySet[ImportJob]:
        return import_job_list_visible_to(self.request.user, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["kinds"] = ImportKind.choices
        context["can_import"] = import_unit_choices(self.request.user).exists()
        return context


class ImportJobCreateView(ServiceFormView):
    template_name = "imports/job_form.html"
    form_class = ImportJobForm
    success_message = gettext_lazy(
        "The file was received. Its rows are being checked; follow the progress below."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not import_unit_choices(request.user).exists():
            raise PermissionDenied(_("Only unit clerks and administrators can import files."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if self.request.GET.get("kind") in ImportKind.values:
            initial["kind"] = self.request.GET["kind"]
        # Preselect the unit a clerk works for: their home unit, or the only one they keep.
        units = import_unit_choices(self.request.user)
        home_unit_id = self.request.user.home_unit_id
        if home_unit_id and units.filter(pk=home_unit_id).exists():
            initial["unit"] = home_unit_id
        elif len(only := list(units[:2])) == 1:
            initial["unit"] = only[0]
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "kinds": ImportKind.choices}

    def perform(self, form: ImportJobForm) -> ImportJob:
        return import_job_create(
            actor=self.request.user,
            kind=form.cleaned_data["kind"],
            unit=form.cleaned_data["unit"],
            file=form.cleaned_data["file"],
        )

    def get_success_url(self) -> str:
        return reverse("imports:job_detail", args=[self.result.pk])


class ImportJobDetailView(LoginRequiredMixin, TemplateView):
    """The job with its progress. HTMX polls it for the status block alone while it runs."""

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return ["imports/_job_status.html"]
        return ["imports/job_detail.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        job = import_job_get_visible(self.request.user, self.kwargs["pk"])
        page = Paginator(job.errors, ERRORS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            job=job,
            errors_page=page,
            page_obj=page if page.paginator.num_pages > 1 else None,
            query_without_page="",
            created_summary=_created_summary(job),
        )
        return context


def _created_summary(job: ImportJob) -> list[tuple[str, int]]:
    created = job.result.get("created", {}) if isinstance(job.result, dict) else {}
    summary = []
    for label, count in created.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        summary.append((str(model._meta.verbose_name_plural), count))
    return summary


class ImportJobErrorsExportView(LoginRequiredMixin, View):
    """The rejected file's errors as a workbook, to fix the rows with the list beside."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = import_job_get_visible(request.user, pk)
        return xlsx_response(
            actor=request.user,
            name=f"loi-nhap-du-lieu-{job.pk}",
            title=_("Errors"),
            columns=ERROR_EXPORT_COLUMNS,
            rows=job.errors,
            filters={"job": job.pk},
        )


class ImportTemplateView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        if kind not in ImportKind.values:
            raise Http404
        response = HttpResponse(template_bytes(kind), content_type=XLSX_CONTENT_TYPE)
        name = slugify(str(ImportKind(kind).label)) or kind
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-{name}.xlsx"'
        return response
