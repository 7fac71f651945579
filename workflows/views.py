"""Pages of the workflow: the personal inbox (my tasks, and the tasks my units offer me to take),
taking, releasing and handing over a task, and delegations while someone is away."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from viewflow.workflow.models import Task

from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from common.views import FilteredListView, ServiceFormView
from organizations.forms import DateInput
from organizations.models import RoleAssignment
from organizations.permissions import active_assignments
from workflows.models import Delegation, Step
from workflows.selectors import (
    STEP_OWNERS,
    delegations_given,
    delegations_received,
    people_who_act,
    task_deadlines,
    task_filter,
    task_get_visible,
    task_inbox_for,
    task_queue_for,
    task_step,
    task_unit_id,
)
from workflows.services import (
    delegation_create,
    delegation_end,
    task_claim,
    task_reassign,
    task_release,
)

User = get_user_model()

# --- how a task row shows its deadline ----------------------------------------------------------


def with_deadlines(tasks: list[Task]) -> list[Task]:
    """Mark each task with its deadline and whether it is overdue (red) or near (amber)."""
    deadlines = task_deadlines(tasks)
    now = timezone.now()
    for task in tasks:
        reminder, deadline = deadlines.get(task.pk, (None, None))
        task.due_at = deadline
        if deadline is None:
            task.due_state = ""
        elif now >= deadline:
            task.due_state = "overdue"
        elif now >= reminder:
            task.due_state = "soon"
        else:
            task.due_state = ""
    return tasks


def task_nomination(task: Task) -> Any:
    return task.process.nominationprocess.nomination


def _step_label(task: Task) -> str:
    step = task_step(task)
    return str(Step(step).label) if step else ""


TASK_EXPORT_COLUMNS = [
    (gettext_lazy("Step"), _step_label),
    (gettext_lazy("Nominee"), lambda t: str(task_nomination(t).nominee)),
    (gettext_lazy("Award"), lambda t: task_nomination(t).award_type.name),
    (gettext_lazy("Year"), lambda t: task_nomination(t).year),
    (gettext_lazy("Nominating unit"), lambda t: task_nomination(t).nominating_unit.name),
    (
        gettext_lazy("Now at"),
        lambda t: task_nomination(t).current_unit.name if task_nomination(t).current_unit else "",
    ),
    (gettext_lazy("Taken by"), lambda t: t.owner.get_full_name() if t.owner_id else ""),
    (gettext_lazy("Waiting since"), lambda t: t.created),
]


# --- the inbox ------------------------------------------------------------------------------------


class TaskFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Nominee or unit"), required=False)
    step = forms.ChoiceField(
        label=gettext_lazy("Step"),
        choices=[("", gettext_lazy("All")), *Step.choices],
        required=False,
    )


class InboxView(FilteredListView):
    """My tasks (taken or handed to me), and below them the tasks waiting to be taken at the
    units where I work (paginated); both filtered alike. The export holds both."""

    template_name = "workflows/inbox.html"
    filter_form_class = TaskFilterForm
    paginate_by = 30
    export_name = "cong-viec"
    export_title = gettext_lazy("Tasks")
    export_columns = TASK_EXPORT_COLUMNS

    def select(self, **filters: Any) -> QuerySet[Task]:
        queue = task_filter(task_queue_for(self.request.user), **filters)
        if self.request.GET.get("export") == "xlsx":
            # The export holds both lists: my tasks and those waiting to be taken.
            return task_filter(task_inbox_for(self.request.user), **filters) | queue
        return queue

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mine = list(task_filter(task_inbox_for(user), **self.filters()))
        queue = list(context["object_list"])  # this page of the queue
        with_deadlines(mine + queue)
        context.update(
            my_tasks=mine,
            queue=queue,
            standing_in_for=delegations_received(user),
            delegations=list(delegations_given(user)),
            can_delegate=bool(active_assignments(user)),
        )
        return context


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class TaskActionView(LoginRequiredMixin, View):
    """POST take or release: HTMX gets the task's row back, updated in place; a plain form
    post goes back where it came from with a message."""

    success_message: Any = ""

    def perform(self, task: Task) -> Task:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        task = task_get_visible(request.user, pk)
        error = ""
        try:
            self.perform(task)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            if isinstance(exc, DomainPermissionError) and not request.htmx:
                raise PermissionDenied(exc.message) from exc
            # in the row, where the reader clicked: HTMX does not show an error page
            error = exc.message
        if request.htmx:
            task = task_get_visible(request.user, pk)
            with_deadlines([task])
            return render(
                request,
                "workflows/_task_row.html",
                {"task": task, "error": error, "notice": "" if error else self.success_message},
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, str(self.success_message))
        return redirect(_next_url(request, reverse("workflows:inbox")))


class TaskClaimView(TaskActionView):
    success_message = gettext_lazy("The task is yours now; nobody else can act on it.")

    def perform(self, task: Task) -> Task:
        return task_claim(actor=self.request.user, task=task)


class TaskReleaseView(TaskActionView):
    success_message = gettext_lazy("The task is back in the unit's queue.")

    def perform(self, task: Task) -> Task:
        return task_release(actor=self.request.user, task=task)


class TaskReassignForm(forms.Form):
    to_user = forms.ModelChoiceField(label=gettext_lazy("Hand it to"), queryset=User.objects.none())
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = User.objects.filter(
            pk__in=[user.pk for user in candidates]
        ).order_by("full_name", "username")
        self.fields["to_user"].label_from_instance = lambda u: u.get_full_name() or u.username


class TaskReassignView(ServiceFormView):
    """Hand a task over to someone else who can work it at its unit."""

    template_name = "workflows/reassign.html"
    form_class = TaskReassignForm
    success_message = gettext_lazy("The task was handed over; the new owner has been notified.")

    def get_task(self) -> Task:
        if not hasattr(self, "_task"):
            self._task = task_get_visible(self.request.user, self.kwargs["pk"])
        return self._task

    def get_form_kwargs(self) -> dict[str, Any]:
        task = self.get_task()
        role, _field = STEP_OWNERS[task_step(task)]
        candidates = [
            user
            for user in people_who_act(task_unit_id(task), role)
            if user.pk != task.owner_id and user.is_active
        ]
        return {**super().get_form_kwargs(), "candidates": candidates}

    def perform(self, form: TaskReassignForm) -> Task:
        return task_reassign(
            actor=self.request.user,
            task=self.get_task(),
            to_user=form.cleaned_data["to_user"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self) -> str:
        return reverse("nominations:detail", args=[task_nomination(self.get_task()).pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        task = self.get_task()
        context.update(task=task, nomination=task_nomination(task), step=_step_label(task))
        return context


# --- delegations ----------------------------------------------------------------------------------


class DelegationForm(forms.Form):
    assignment = forms.ModelChoiceField(
        label=gettext_lazy("The role to hand over"), queryset=RoleAssignment.objects.none()
    )
    delegate = forms.ModelChoiceField(
        label=gettext_lazy("Delegate"),
        queryset=User.objects.none(),
        help_text=gettext_lazy("Someone who works at the same unit."),
    )
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    ends_on = forms.DateField(label=gettext_lazy("To"), widget=DateInput())
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("For example: annual leave, training course."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = active_assignments(user)
        self.fields["assignment"].queryset = RoleAssignment.objects.filter(
            pk__in=[a.pk for a in mine]
        ).select_related("unit")
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.get_role_display()} – {a.unit.name}"
        )
        units = {a.unit_id for a in mine}
        # People who work at one of the user's units; the service checks the chosen unit.
        self.fields["delegate"].queryset = (
            User.objects.filter(is_active=True, is_system=False)
            .filter(
                Q(home_unit_id__in=units)
                | Q(role_assignments__unit_id__in=units, role_assignments__revoked_at__isnull=True)
            )
            .exclude(pk=user.pk)
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["delegate"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data


class DelegationCreateView(ServiceFormView):
    template_name = "workflows/delegation_form.html"
    form_class = DelegationForm
    success_message = gettext_lazy(
        "The delegation was given: your delegate receives the tasks of this role meanwhile."
    )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        return {"starts_on": timezone.localdate()}

    def perform(self, form: DelegationForm) -> Delegation:
        data = form.cleaned_data
        return delegation_create(
            actor=self.request.user,
            assignment=data["assignment"],
            delegate=data["delegate"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
        )

    def get_success_url(self) -> str:
        return reverse("workflows:inbox")


class DelegationEndView(LoginRequiredMixin, View):
    """End one of my delegations now."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delegation = delegations_given(request.user).filter(pk=pk).first()
        if delegation is None:
            raise Http404
        try:
            delegation_end(actor=request.user, delegation=delegation)
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        messages.success(request, _("The delegation has ended; the tasks come back to you."))
        return redirect("workflows:inbox")
