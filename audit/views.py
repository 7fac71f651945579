"""The auditor's pages (issue 6 §4): the event log searched and exported, a nomination's
timeline, the diff between two versions of an object, the anomaly reports and the state of the
chain. Auditors read their unit's subtree, system administrators everything; nobody writes here.
Every export is itself an audited event."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from audit.forms import EventSearchForm, ReportForm
from audit.models import AuditEvent
from audit.permissions import can_audit
from audit.selectors import (
    TimelineKind,
    audit_chain_status,
    audit_event_search,
    nomination_timeline,
    object_history_for,
)
from audit.selectors_reports import (
    DEFAULT_RETURNS,
    audit_anomaly_reports,
    report_awards_without_council,
    report_leader_share,
    report_overdue_steps,
    report_overrides,
    report_quotas,
    report_returned_often,
)
from common.exports import Column, export_record, xlsx_response
from common.views import FilteredListView
from nominations.views.detail import role_label
from workflows.models import Step


class AuditorRequiredMixin(LoginRequiredMixin):
    """Only auditors and system administrators open these pages (403 for anyone else)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not can_audit(request.user):
            raise PermissionDenied(_("Only auditors and system administrators open audit pages."))
        return super().dispatch(request, *args, **kwargs)


# --- CSV, the second export format --------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        text = value.strftime("%d/%m/%Y %H:%M:%S")
    elif isinstance(value, datetime.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, bool):
        text = "Có" if value else "Không"  # as the Excel exports write it
    else:
        text = str(value)
    # A cell that a spreadsheet would run as a formula is kept as text.
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(
    *,
    actor: Any,
    name: str,
    columns: list[Column],
    rows: Iterable[Any],
    filters: dict[str, Any],
) -> HttpResponse:
    """A UTF-8 CSV (with the mark Excel needs to read Vietnamese), recorded like the Excel
    exports (EXPORT_DOWNLOADED)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(heading) for heading, _getter in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(getter(row)) for _heading, getter in columns])
        count += 1
    export_record(actor=actor, name=name, row_count=count, filters={**filters, "format": "csv"})
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}-{stamp}.csv"'
    return response


def export(
    request: HttpRequest, *, name: str, title: Any, columns: list[Column], rows: Iterable[Any]
) -> HttpResponse:
    """The rows as ?export=xlsx or ?export=csv asks; both are audited."""
    filters = {k: v for k, v in request.GET.items() if k != "export"}
    if request.GET.get("export") == "csv":
        return csv_response(
            actor=request.user, name=name, columns=columns, rows=rows, filters=filters
        )
    return xlsx_response(
        actor=request.user, name=name, title=str(title), columns=columns, rows=rows, filters=filters
    )


# --- the start page -----------------------------------------------------------------------------


class AuditHomeView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/index.html"


# --- the event log ------------------------------------------------------------------------------


def _event_changes(event: AuditEvent) -> str:
    return json.dumps(event.changes, ensure_ascii=False, sort_keys=True) if event.changes else ""


EVENT_COLUMNS: list[Column] = [
    (gettext_lazy("No."), lambda e: e.seq),
    (gettext_lazy("Time"), lambda e: e.occurred_at),
    (gettext_lazy("Event"), lambda e: e.get_event_type_display()),
    (gettext_lazy("Code"), lambda e: e.event_type),
    (gettext_lazy("Who"), lambda e: e.actor_label or _("system")),
    (gettext_lazy("As"), lambda e: role_label(e.actor_role) if e.actor_role else ""),
    (gettext_lazy("Acting for unit"), lambda e: e.actor_unit.name if e.actor_unit_id else ""),
    (gettext_lazy("Object"), lambda e: e.object_repr),
    (gettext_lazy("Unit"), lambda e: e.unit.name if e.unit_id else ""),
    (gettext_lazy("Client address"), lambda e: e.client_ip or ""),
    (gettext_lazy("Reason"), lambda e: e.reason),
    (gettext_lazy("Changes"), _event_changes),
]


class EventSearchView(AuditorRequiredMixin, FilteredListView):
    template_name = "audit/event_list.html"
    filter_form_class = EventSearchForm
    export_name = "nhat-ky-kiem-toan"
    export_title = gettext_lazy("Audit events")
    export_columns = EVENT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[AuditEvent]:
        return audit_event_search(self.request.user, **filters)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "csv":
            self.filter_form = self.get_filter_form()
            return export(
                request,
                name=self.export_name,
                title=self.export_title,
                columns=self.export_columns,
                rows=self.get_queryset().iterator(chunk_size=2000),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for event in context["object_list"]:
            event.role_label = role_label(event.actor_role) if event.actor_role else ""
        return context


# --- a nomination's timeline --------------------------------------------------------------------


class NominationTimelineView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/timeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        timeline = nomination_timeline(self.request.user, self.kwargs["pk"])
        for entry in timeline.entries:
            entry.role = role_label(entry.role) if entry.role else ""
        context.update(
            timeline=timeline,
            nomination=timeline.nomination,
            kinds=TimelineKind,
        )
        return context


# --- two versions of an object -------------------------------------------------------------------


def _version(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class ObjectHistoryView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        history = object_history_for(
            self.request.user,
            self.kwargs["label"],
            self.kwargs["pk"],
            version_a=_version(self.request.GET.get("a")),
            version_b=_version(self.request.GET.get("b")),
        )
        context.update(history=history, model_name=history.model._meta.verbose_name)
        return context


# --- anomaly reports ----------------------------------------------------------------------------


def _nominee(nomination: Any) -> str:
    return str(nomination.nominee)


def _unit_name(unit: Any) -> str:
    return unit.name if unit is not None else ""


# report → (title, columns, rows(user, filters))
REPORTS: dict[str, tuple[Any, list[Column], Callable[[Any, dict[str, Any]], Iterable[Any]]]] = {
    "overrides": (
        gettext_lazy("Overridden checks"),
        EVENT_COLUMNS,
        lambda user, f: report_overrides(user, since=f.get("since"), until=f.get("until")),
    ),
    "returned": (
        gettext_lazy("Nominations returned again and again"),
        [
            (gettext_lazy("Nominee"), _nominee),
            (gettext_lazy("Award"), lambda n: n.award_type.name),
            (gettext_lazy("Year"), lambda n: n.year),
            (gettext_lazy("Nominating unit"), lambda n: n.nominating_unit.name),
            (gettext_lazy("Times returned"), lambda n: n.return_count),
            (gettext_lazy("Status"), lambda n: n.get_status_display()),
        ],
        lambda user, f: report_returned_often(
            user, more_than=f.get("more_than", DEFAULT_RETURNS), year=f.get("year")
        ),
    ),
    "without_council": (
        gettext_lazy("Awards without the council vote they needed"),
        [
            (gettext_lazy("Decision"), lambda i: str(i.decision)),
            (gettext_lazy("Deciding unit"), lambda i: i.decision.deciding_unit.name),
            (gettext_lazy("Issued at"), lambda i: i.decision.issued_at),
            (gettext_lazy("Recipient"), lambda i: i.recipient_name),
            (gettext_lazy("Award"), lambda i: i.award_type.name),
            (gettext_lazy("Nominating unit"), lambda i: i.nomination.nominating_unit.name),
            (gettext_lazy("Revoked on"), lambda i: i.revoked_on),
        ],
        lambda user, f: report_awards_without_council(user, year=f.get("year")),
    ),
    "overdue": (
        gettext_lazy("Steps past their deadline"),
        [
            (gettext_lazy("Step"), lambda s: Step(s.step).label),
            (gettext_lazy("Nominee"), lambda s: _nominee(s.nomination)),
            (gettext_lazy("Award"), lambda s: s.nomination.award_type.name),
            (gettext_lazy("Nominating unit"), lambda s: s.nomination.nominating_unit.name),
            (gettext_lazy("Now at"), lambda s: _unit_name(s.nomination.current_unit)),
            (gettext_lazy("Opened"), lambda s: s.task.created),
            (gettext_lazy("Deadline"), lambda s: s.deadline),
            (gettext_lazy("Taken by"), lambda s: str(s.task.owner) if s.task.owner_id else ""),
        ],
        lambda user, f: report_overdue_steps(user).open_steps,
    ),
    "escalations": (
        gettext_lazy("Escalations recorded"),
        EVENT_COLUMNS,
        lambda user, f: (
            report_overdue_steps(user, since=f.get("since"), until=f.get("until")).escalations
        ),
    ),
    "leaders": (
        gettext_lazy("Direct workers and leaders"),
        [
            (gettext_lazy("Nominating unit"), lambda r: r.unit_name),
            (gettext_lazy("Nominees"), lambda r: r.nominees),
            (gettext_lazy("of whom direct workers"), lambda r: r.nominee_workers),
            (gettext_lazy("of whom leaders"), lambda r: r.nominee_leaders),
            (gettext_lazy("Direct workers among nominees (%)"), lambda r: r.nominee_worker_share),
            (gettext_lazy("Awardees"), lambda r: r.awardees),
            (gettext_lazy("of whom direct workers"), lambda r: r.awardee_workers),
            (gettext_lazy("of whom leaders"), lambda r: r.awardee_leaders),
            (gettext_lazy("Direct workers among awardees (%)"), lambda r: r.awardee_worker_share),
        ],
        lambda user, f: report_leader_share(user, year=f.get("year")),
    ),
    "quotas": (
        gettext_lazy("Quotas near or over their limit"),
        [
            (gettext_lazy("Award"), lambda r: r.quota.award_type.name),
            (gettext_lazy("Quota"), lambda r: r.quota.get_scope_display()),
            (gettext_lazy("Unit"), lambda r: _unit_name(r.unit)),
            (gettext_lazy("Topic"), lambda r: r.topic.name if r.topic else ""),
            (gettext_lazy("Counted"), lambda r: r.counted),
            (gettext_lazy("Limit"), lambda r: r.limit),
            (gettext_lazy("Share of the limit (%)"), lambda r: r.share),
            (gettext_lazy("Citation"), lambda r: r.quota.citation),
        ],
        lambda user, f: report_quotas(user, year=f.get("year")),
    ),
}


class AnomalyReportsView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/reports.html"

    def filters(self) -> dict[str, Any]:
        self.form = ReportForm(self.request.GET or None)
        if not self.form.is_bound or not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters = self.filters()
        report = request.GET.get("report", "")
        if request.GET.get("export") in ("xlsx", "csv") and report in REPORTS:
            title, columns, rows = REPORTS[report]
            return export(
                request,
                name=f"bao-cao-{report}",
                title=title,
                columns=columns,
                rows=rows(request.user, filters),
            )
        reports = audit_anomaly_reports(request.user, **filters)
        for event in [*reports.overrides, *reports.overdue.escalations]:
            event.role_label = role_label(event.actor_role) if event.actor_role else ""
        query = request.GET.copy()
        for key in ("export", "report"):
            query.pop(key, None)
        context = self.get_context_data(
            form=self.form,
            reports=reports,
            export_query=query.urlencode(),
            titles={name: title for name, (title, _columns, _rows) in REPORTS.items()},
        )
        return self.render_to_response(context)


# --- the chain ----------------------------------------------------------------------------------


class ChainStatusView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/chain.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = audit_chain_status(self.request.user)
        return context
