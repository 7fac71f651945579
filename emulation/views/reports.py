"""Progress reports: a unit files its values for a reporting period, with the evidence; the
upper units and the launching unit read them. A corrected report replaces the values and keeps
its first submission time (which decides whether it was on time)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainError, DomainNotFound
from common.views import FilteredListView
from emulation.choices import CampaignStatus, DeadlineState
from emulation.deadlines import deadline_state
from emulation.forms import ReportChoiceForm, ReportFilterForm, ReportForm
from emulation.models import Campaign, ProgressReport, ReportingPeriod
from emulation.permissions import staff_grant
from emulation.selectors import (
    campaign_get_visible,
    campaign_list_visible_to,
    campaign_participants,
    progress_report_get_visible,
    progress_report_list_visible_to,
    reporting_period_list_visible_to,
    staff_unit_list,
)
from emulation.services import progress_report_submit
from emulation.views.base import domain_edge, download, show_error
from organizations.models import Unit

OPEN = (CampaignStatus.LAUNCHED, CampaignStatus.IN_PROGRESS)


def report_state(report: ProgressReport) -> DeadlineState:
    return deadline_state(
        timezone.localdate(report.submitted_at), report.period.due_on, as_of=timezone.localdate()
    )


REPORT_EXPORT_COLUMNS = [
    (gettext_lazy("Campaign"), lambda r: r.period.campaign.name),
    (gettext_lazy("Reporting period"), lambda r: r.period.name),
    (gettext_lazy("Due on"), lambda r: r.period.due_on),
    (gettext_lazy("Unit"), lambda r: r.unit.name),
    (gettext_lazy("Submitted at"), lambda r: r.submitted_at),
    (gettext_lazy("Last revised at"), lambda r: r.revised_at),
    (gettext_lazy("On time"), lambda r: report_state(r).label),
]


class ReportListView(FilteredListView):
    template_name = "emulation/report_list.html"
    filter_form_class = ReportFilterForm
    export_name = "bao-cao-thi-dua"
    export_title = gettext_lazy("Progress reports")
    export_columns = REPORT_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, "campaigns": campaign_list_visible_to(self.request.user)}

    def select(
        self, *, campaign: Campaign | None = None, unit: Unit | None = None
    ) -> QuerySet[ProgressReport]:
        return progress_report_list_visible_to(self.request.user, campaign=campaign, unit=unit)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for report in context["object_list"]:
            report.state = report_state(report)
        return context


class ReportFileView(LoginRequiredMixin, View):
    """Choose the period and the unit (GET), then give a value per indicator the unit reports,
    a summary and the evidence (POST). Filing again corrects the report."""

    template_name = "emulation/report_form.html"

    def setup_page(self, request: HttpRequest, pk: int) -> None:
        try:
            self.campaign = campaign_get_visible(request.user, pk)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        self.units = staff_unit_list(request.user).filter(
            pk__in=campaign_participants(self.campaign)
        )
        if not self.units.exists():
            raise PermissionDenied(_("Only the staff of a unit taking part file its reports."))
        periods = reporting_period_list_visible_to(request.user, campaign=self.campaign)
        self.chooser = ReportChoiceForm(request.GET or None, periods=periods, units=self.units)
        self.period: ReportingPeriod | None = None
        self.unit: Unit | None = None
        self.report: ProgressReport | None = None
        if self.chooser.is_bound and self.chooser.is_valid():
            self.period = self.chooser.cleaned_data["period"]
            self.unit = self.chooser.cleaned_data["unit"]
            found = (
                progress_report_list_visible_to(request.user, period=self.period, unit=self.unit)
                .values_list("pk", flat=True)
                .first()
            )
            if found is not None:
                self.report = progress_report_get_visible(request.user, found)

    def indicators(self) -> list[Any]:
        assert self.unit is not None
        level_id = self.unit.kind.level_id
        return [
            indicator
            for indicator in self.campaign.indicators.all()
            if indicator.level_id is None or indicator.level_id == level_id
        ]

    def initial(self) -> dict[str, Any]:
        if self.report is None:
            return {}
        initial: dict[str, Any] = {"summary": self.report.summary}
        for value in self.report.values.all():
            code = value.indicator.code
            if value.value is not None:
                initial[f"value_{code}"] = (
                    str(int(value.value)) if value.indicator.measure == "yes_no" else value.value
                )
            initial[f"note_{code}"] = value.note
        return initial

    def render_page(self, request: HttpRequest, form: ReportForm | None) -> HttpResponse:
        period = self.period
        state = None
        if period is not None:
            today = timezone.localdate()
            state = deadline_state(None, period.due_on, as_of=today)
        return render(
            request,
            self.template_name,
            {
                "campaign": self.campaign,
                "chooser": self.chooser,
                "form": form,
                "period": period,
                "unit": self.unit,
                "report": self.report,
                "state": state,
                "is_open": self.campaign.status in OPEN,
                "query": request.GET.urlencode(),
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.setup_page(request, pk)
        form = None
        if self.period is not None:
            form = ReportForm(indicators=self.indicators(), initial=self.initial())
        return self.render_page(request, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.setup_page(request, pk)
        if self.period is None or self.unit is None:
            return self.render_page(request, None)
        form = ReportForm(request.POST, request.FILES, indicators=self.indicators())
        if not form.is_valid():
            return self.render_page(request, form)
        try:
            report = progress_report_submit(
                actor=request.user,
                period=self.period,
                unit=self.unit,
                values=form.values(),
                notes=form.notes(),
                summary=form.cleaned_data["summary"],
                files=form.cleaned_data["files"],
            )
        except DomainError as exc:
            domain_edge(exc)
            show_error(form, exc)
            return self.render_page(request, form)
        state = report_state(report)
        if state == DeadlineState.LATE:
            notice = _(
                "The report was received after its due date (%(due)s): it counts, and is listed "
                "as late. The campaign's progress now includes it."
            ) % {"due": self.period.due_on.strftime("%d/%m/%Y")}
        else:
            notice = _(
                "The report was received on time. The campaign's progress now includes it; you "
                "can correct it until the campaign closes."
            )
        messages.success(request, notice)
        return redirect("emulation:report_detail", pk=report.pk)


class ReportMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_report(self) -> ProgressReport:
        try:
            return progress_report_get_visible(self.request.user, self.kwargs["pk"])
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc


class ReportDetailView(ReportMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        campaign = report.period.campaign
        can_correct = (
            campaign.status in OPEN and staff_grant(self.request.user, report.unit) is not None
        )
        context.update(
            report=report,
            campaign=campaign,
            rows=list(report.values.all()),
            state=report_state(report),
            can_correct=can_correct,
            correct_url=(
                reverse("emulation:report_file", args=[campaign.pk])
                + f"?period={report.period_id}&unit={report.unit_id}"
            ),
            next_step=(
                _("Correct the report if a value changes; the first submission time is kept.")
                if can_correct
                else _("The report counts in the campaign's progress for its period.")
            ),
        )
        return context


class ReportAttachmentView(ReportMixin, LoginRequiredMixin, View):
    """An evidence file, for anyone who can read the report; 404 for anyone else."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
        report = self.get_report()
        for attachment in report.attachments.all():
            if attachment.pk == file_pk:
                return download(attachment.file, attachment.original_name)
        raise Http404
