"""The auditor's anomaly reports (issue 6 §4): what deserves a second look in the units they
audit. Each report keeps to the reader's units (audit.permissions) and reads in a fixed number
of queries, whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task

from audit.models import AuditEvent, EventType
from audit.permissions import audited_unit_ids, require_auditor
from audit.selectors import day_start
from nominations.models import (
    AgendaItem,
    AgendaResult,
    DecisionItem,
    DecisionStatus,
    Nomination,
    NominationStatus,
    SessionStatus,
)
from nominations.selectors_quotas import QuotaState, QuotaUsage, quota_usage
from organizations.models import Membership
from workflows.selectors import OPEN_STATUSES, STEP_OWNERS, step_node, task_deadlines

S = NominationStatus
DEFAULT_RETURNS = 2
# A quota is "near" its limit from this share of it.
NEAR_LIMIT_SHARE = Decimal("0.8")
# What a quota counts: nominations on their way or awarded (as the quota checks do).
COUNTED_STATUSES = [S.IN_REVIEW, S.RETURNED, S.AT_COUNCIL, S.AWAITING_DECISION, S.AWARDED]


def _period(qs: QuerySet[Any], since: datetime.date | None, until: datetime.date | None) -> Any:
    if since is not None:
        qs = qs.filter(occurred_at__gte=day_start(since))
    if until is not None:
        qs = qs.filter(occurred_at__lt=day_start(until + datetime.timedelta(days=1)))
    return qs


def _scoped_events(user: Any, event_type: str) -> QuerySet[AuditEvent]:
    require_auditor(user)
    return (
        AuditEvent.objects.filter(event_type=event_type, unit_id__in=audited_unit_ids(user))
        .select_related("actor", "actor_unit", "unit", "content_type")
        .order_by("-seq")
    )


# --- 1. overrides ------------------------------------------------------------------------------


def report_overrides(
    user: Any, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> QuerySet[AuditEvent]:
    """Blocking checks that someone overrode, newest first, with who, as what, and why."""
    return _period(_scoped_events(user, EventType.CHECK_OVERRIDDEN), since, until)


# --- 2. returned again and again ---------------------------------------------------------------


def report_returned_often(
    user: Any, *, more_than: int = DEFAULT_RETURNS, year: int | None = None
) -> QuerySet[Nomination]:
    """Nominations returned for changes more than `more_than` times, the most returned first."""
    require_auditor(user)
    qs = Nomination.objects.filter(
        nominating_unit_id__in=audited_unit_ids(user), return_count__gt=more_than
    )
    if year:
        qs = qs.filter(year=year)
    return qs.select_related(
        "nominating_unit", "nominee_person", "nominee_unit", "award_type", "current_unit"
    ).order_by("-return_count", "-created_at")


# --- 3. awards without the council vote they needed --------------------------------------------


def report_awards_without_council(user: Any, *, year: int | None = None) -> QuerySet[DecisionItem]:
    """Awards granted by an issued decision although the award needs a council vote and the
    nomination passed no closed council session."""
    require_auditor(user)
    passed = AgendaItem.objects.filter(
        nomination=OuterRef("nomination"),
        result=AgendaResult.PASSED,
        session__status=SessionStatus.CLOSED,
    )
    qs = DecisionItem.objects.filter(
        decision__status=DecisionStatus.ISSUED,
        award_type__requires_council_vote=True,
        nomination__nominating_unit_id__in=audited_unit_ids(user),
    ).exclude(Exists(passed))
    if year:
        qs = qs.filter(decision__year=year)
    return qs.select_related(
        "decision__deciding_unit", "nomination__nominating_unit", "award_type"
    ).order_by("-decision__issued_at", "pk")


# --- 4. steps past their deadline --------------------------------------------------------------


@dataclass(frozen=True)
class OverdueStep:
    task: Any
    step: str
    deadline: datetime.datetime
    nomination: Nomination


@dataclass(frozen=True)
class OverdueReport:
    open_steps: list[OverdueStep]  # still open, past their deadline now
    escalations: QuerySet[AuditEvent] | list[AuditEvent]  # every escalation (STEP_OVERDUE)


def report_overdue_steps(
    user: Any, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> OverdueReport:
    """Open steps past their deadline (the most overdue first), and the escalations the
    scheduler recorded. Three queries."""
    require_auditor(user)
    now = timezone.now()
    tasks = list(
        Task.objects.filter(
            flow_task__in=[step_node(step) for step in STEP_OWNERS],
            status__in=OPEN_STATUSES,
            process__nominationprocess__nomination__nominating_unit_id__in=audited_unit_ids(user),
            leading__flow_task_type="TIMER",
            leading__scheduled__lt=now,
        )
        .distinct()
        .select_related(
            "owner",
            "process__nominationprocess__nomination__nominating_unit",
            "process__nominationprocess__nomination__current_unit",
            "process__nominationprocess__nomination__nominee_person",
            "process__nominationprocess__nomination__nominee_unit",
            "process__nominationprocess__nomination__award_type",
        )
    )
    deadlines = task_deadlines(tasks)
    steps = [
        OverdueStep(
            task=task,
            step=task.flow_task.step,
            deadline=deadlines[task.pk][1],
            nomination=task.process.nominationprocess.nomination,
        )
        for task in tasks
        if task.pk in deadlines and deadlines[task.pk][1] < now
    ]
    steps.sort(key=lambda step: step.deadline)
    escalations = _period(_scoped_events(user, EventType.STEP_OVERDUE), since, until)
    return OverdueReport(open_steps=steps, escalations=escalations)


# --- 5. direct workers and leaders -------------------------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    unit_id: int
    unit_name: str
    nominees: int
    nominee_leaders: int
    awardees: int
    awardee_leaders: int

    @property
    def nominee_workers(self) -> int:
        return self.nominees - self.nominee_leaders

    @property
    def awardee_workers(self) -> int:
        return self.awardees - self.awardee_leaders

    @staticmethod
    def _share(part: int, whole: int) -> Decimal | None:
        if not whole:
            return None
        return (Decimal(100) * part / whole).quantize(Decimal("0.1"))

    @property
    def nominee_worker_share(self) -> Decimal | None:
        return self._share(self.nominee_workers, self.nominees)

    @property
    def awardee_worker_share(self) -> Decimal | None:
        return self._share(self.awardee_workers, self.awardees)


def report_leader_share(user: Any, *, year: int | None = None) -> list[ShareRow]:
    """Per nominating unit: how many individual nominees and awardees were direct workers and
    how many leaders or managers (their membership on the nomination's reference date). Drafts
    are not counted. One query."""
    require_auditor(user)
    leader = Membership.objects.filter(
        person_id=OuterRef("nominee_person_id"),
        is_leader=True,
        started_on__lte=OuterRef("reference_date"),
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("reference_date")))
    qs = Nomination.objects.filter(
        nominating_unit_id__in=audited_unit_ids(user), nominee_person__isnull=False
    ).exclude(status=S.DRAFT)
    if year:
        qs = qs.filter(year=year)
    awarded = Q(status=S.AWARDED)
    rows = (
        qs.annotate(leader=Exists(leader))
        .values("nominating_unit_id", "nominating_unit__name")
        .annotate(
            nominees=Count("pk"),
            nominee_leaders=Count("pk", filter=Q(leader=True)),
            awardees=Count("pk", filter=awarded),
            awardee_leaders=Count("pk", filter=awarded & Q(leader=True)),
        )
        .order_by("nominating_unit__name")
    )
    return [
        ShareRow(
            unit_id=row["nominating_unit_id"],
            unit_name=row["nominating_unit__name"],
            nominees=row["nominees"],
            nominee_leaders=row["nominee_leaders"],
            awardees=row["awardees"],
            awardee_leaders=row["awardee_leaders"],
        )
        for row in rows
    ]


# --- 6. quotas ---------------------------------------------------------------------------------


def report_quotas(user: Any, *, year: int | None = None) -> list[QuotaUsage]:
    """Quotas of the award catalogue near (80%), at or over their limit in a year (this year
    by default), among the reader's units and nationally (nominations.selectors_quotas)."""
    require_auditor(user)
    year = year or timezone.localdate().year
    rows = quota_usage(unit_ids=audited_unit_ids(user), year=year)
    near = (QuotaState.NEAR, QuotaState.AT, QuotaState.OVER)
    return [row for row in rows if row.counted and row.state in near]


# --- all six -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnomalyReports:
    year: int
    more_than: int
    overrides: list[AuditEvent]
    returned_often: list[Nomination]
    awards_without_council: list[DecisionItem]
    overdue: OverdueReport
    leader_share: list[ShareRow]
    quotas: list[QuotaUsage]


def audit_anomaly_reports(
    user: Any,
    *,
    year: int | None = None,
    more_than: int = DEFAULT_RETURNS,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    limit: int = 200,
) -> AnomalyReports:
    """The six reports at once, each cut at `limit` rows (the exports give them whole)."""
    year = year or timezone.localdate().year
    overdue = report_overdue_steps(user, since=since, until=until)
    return AnomalyReports(
        year=year,
        more_than=more_than,
        overrides=list(report_overrides(user, since=since, until=until)[:limit]),
        returned_often=list(report_returned_often(user, more_than=more_than, year=year)[:limit]),
        awards_without_council=list(report_awards_without_council(user, year=year)[:limit]),
        overdue=OverdueReport(
            open_steps=overdue.open_steps[:limit], escalations=list(overdue.escalations[:limit])
        ),
        leader_share=report_leader_share(user, year=year),
        quotas=report_quotas(user, year=year),
    )
