"""The nomination's page, which is also the review screen: the nominee and award, where the
nomination is, its dossier, the checks of its next step, its history, and the actions the reader
may take right now. A refused action renders this page again with the service's answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from audit.selectors import audit_event_list_for
from awards.models import CheckStep
from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from common.history import history_entries
from common.views import add_domain_error
from nominations.checks import SUBMISSION_LETTER_TYPE, Outcome, checks_for_step, next_check_step
from nominations.exceptions import NominationErrorCode
from nominations.forms import (
    AttachmentForm,
    ResubmitForm,
    ReviewForm,
    StepForm,
    SubmitForm,
    WithdrawForm,
)
from nominations.models import Nomination, NominationStatus
from nominations.permissions import acting_grant
from nominations.selectors import nomination_get_visible
from nominations.selectors_councils import check_override_list_for, check_run_latest_per_step
from nominations.services import (
    can_override_checks,
    nomination_resubmit,
    nomination_review,
    nomination_submit,
    nomination_withdraw,
)
from organizations.models import Role
from organizations.permissions import SUPERUSER_ROLE, can_manage_unit
from workflows.models import Step
from workflows.selectors import STEP_OWNERS, open_tasks, task_deadline, task_step

S = NominationStatus
EDITABLE = (S.DRAFT, S.RETURNED)
WITHDRAWABLE = (S.DRAFT, S.IN_REVIEW, S.RETURNED, S.AT_COUNCIL)
DELEGATE_SUFFIX = " (delegate)"


def role_label(value: str) -> str:
    """An audit event's role, in words: "reviewer (delegate)" → "Reviewer, standing in"."""
    delegate = value.endswith(DELEGATE_SUFFIX)
    role = value.removesuffix(DELEGATE_SUFFIX)
    if role in Role.values:
        label = str(Role(role).label)
    elif role == SUPERUSER_ROLE:
        label = _("System administrator")
    else:
        label = role
    return _("%(role)s, standing in") % {"role": label} if delegate else label


# --- what the reader may do ---------------------------------------------------------------------


@dataclass
class OpenTask:
    """An open task of the nomination, as the reader sees it."""

    task: Any
    step: str
    unit_id: int | None
    deadline: Any
    is_mine: bool
    can_claim: bool
    can_release: bool
    can_reassign: bool

    @property
    def is_taken(self) -> bool:
        return self.task.owner_id is not None


def open_tasks_for(user: Any, nomination: Nomination) -> list[OpenTask]:
    administers = None
    result = []
    for task in open_tasks(nomination):
        step = task_step(task)
        role, field = STEP_OWNERS[step]
        unit_id = getattr(nomination, f"{field}_id")
        may_act = acting_grant(user, unit_id, role) is not None if unit_id else False
        is_mine = task.owner_id == user.pk
        if administers is None:
            administers = can_manage_unit(user, nomination.nominating_unit)
        result.append(
            OpenTask(
                task=task,
                step=step,
                unit_id=unit_id,
                deadline=task_deadline(task),
                is_mine=is_mine,
                can_claim=may_act and task.owner_id is None,
                can_release=is_mine,
                can_reassign=(is_mine and may_act) or administers,
            )
        )
    return result


@dataclass
class Actions:
    is_clerk: bool
    is_reviewer: bool
    can_edit: bool
    can_submit: bool
    can_resubmit: bool
    can_withdraw: bool
    can_review: bool
    review_task: OpenTask | None

    @property
    def any(self) -> bool:
        return self.can_edit or self.can_submit or self.can_resubmit or self.can_withdraw


def actions_for(user: Any, nomination: Nomination, tasks: list[OpenTask]) -> Actions:
    status = nomination.status
    is_clerk = acting_grant(user, nomination.nominating_unit_id, Role.CLERK) is not None
    is_reviewer = (
        status == S.IN_REVIEW
        and nomination.current_unit_id is not None
        and acting_grant(user, nomination.current_unit_id, Role.REVIEWER) is not None
    )
    review_task = next((t for t in tasks if t.step == Step.REVIEW), None)
    return Actions(
        is_clerk=is_clerk,
        is_reviewer=is_reviewer,
        can_edit=is_clerk and status in EDITABLE,
        can_submit=is_clerk and status == S.DRAFT,
        can_resubmit=is_clerk and status == S.RETURNED,
        can_withdraw=is_clerk and status in WITHDRAWABLE,
        # The reviewer takes the task from the unit's queue first, then decides.
        can_review=is_reviewer and review_task is not None and review_task.is_mine,
        review_task=review_task if is_reviewer else None,
    )


def next_step_text(nomination: Nomination, actions: Actions) -> str:
    """What the reader should do now, in one sentence."""
    status = nomination.status
    if nomination.is_closed:
        return _("This nomination is closed (%(status)s). Nothing more can be done with it.") % {
            "status": nomination.get_status_display()
        }
    if actions.can_submit:
        return _(
            "Check the data, attach every document the award requires (see the dossier and the "
            "checks below), then submit the nomination, alone or in a submission letter."
        )
    if actions.can_resubmit:
        return _(
            "The reviewers returned this nomination: read their reasons in the history below, "
            "fix the data or the dossier, then resubmit it."
        )
    if actions.review_task is not None:
        if actions.can_review:
            return _(
                "Read the dossier and the checks, then give your decision below: approve and "
                "forward, return with reasons, or reject with reasons."
            )
        if actions.review_task.is_taken:
            return _("%(person)s has taken this review. Ask them, or have it reassigned.") % {
                "person": actions.review_task.task.owner
            }
        return _("This nomination waits for your unit's review: take the task, then decide.")
    if status == S.IN_REVIEW:
        return _(
            "The nomination is being reviewed at %(unit)s. You will be notified when it moves."
        ) % {"unit": nomination.current_unit}
    if status == S.RETURNED:
        return _("The nomination was returned to %(unit)s for changes.") % {
            "unit": nomination.nominating_unit
        }
    if status == S.AT_COUNCIL:
        return _("The nomination waits for the vote of the council of %(unit)s.") % {
            "unit": nomination.deciding_unit
        }
    if status == S.AWAITING_DECISION:
        return _("The nomination waits for the decision of %(unit)s.") % {
            "unit": nomination.deciding_unit
        }
    return _("You can follow this nomination here.")


# --- the page -----------------------------------------------------------------------------------


def dossier_context(user: Any, nomination: Nomination, *, can_edit: bool, form: Any = None):
    """What the dossier box shows: each required document and whether it is there."""
    attachments = list(nomination.attachments.all())
    present = {attachment.document_type_id for attachment in attachments}
    letter_file = nomination.submission.letter_file if nomination.submission_id else None
    requirements = [
        {
            "requirement": requirement,
            "present": requirement.document_type_id in present
            # the signed submission letter stands for the proposal letter (nominations.checks)
            or (bool(letter_file) and requirement.document_type.code == SUBMISSION_LETTER_TYPE),
        }
        for requirement in nomination.award_type.document_requirements.all()
    ]
    if form is None and can_edit:
        missing = next((r["requirement"] for r in requirements if not r["present"]), None)
        form = AttachmentForm(
            initial={"document_type": missing.document_type_id if missing else None},
            required_ids=[r["requirement"].document_type_id for r in requirements],
        )
    return {
        "nomination": nomination,
        "attachments": attachments,
        "requirements": requirements,
        "can_edit_dossier": can_edit,
        "attachment_form": form,
    }


def checks_context(
    nomination: Nomination, user: Any = None, *, override_form: Any = None
) -> dict[str, Any]:
    """The checks of the next step as they come out now (nothing stored), with an override form
    by each blocking one for who may override; the latest stored run of each step, and the
    overrides on record."""
    from nominations.views.checks import CheckOverrideForm

    step = next_check_step(nomination)
    results = checks_for_step(nomination, step=step) if step else []
    may_override = user is not None and can_override_checks(user, nomination)
    return {
        "checks": results,
        "checks_step": CheckStep(step).label if step else "",
        "checks_failed": [r for r in results if r.outcome == Outcome.FAILED],
        "checks_blocking": [r for r in results if r.blocks],
        "checks_overridable": may_override,
        "override_form": override_form or CheckOverrideForm(auto_id="id_override_%s"),
        "check_runs": check_run_latest_per_step(nomination) if user is not None else [],
        "check_overrides": list(check_override_list_for(nomination)) if user is not None else [],
    }


STEP_FORMS: dict[str, type[StepForm]] = {
    "submit": SubmitForm,
    "resubmit": ResubmitForm,
    "withdraw": WithdrawForm,
    "review": ReviewForm,
}


def step_auto_id(name: str) -> str:
    """Several step forms share the page: each gets its own element ids."""
    return f"id_{name}_%s"


def detail_context(
    request: HttpRequest,
    nomination: Nomination,
    *,
    forms: dict[str, Any] | None = None,
    refusal: DomainError | None = None,
) -> dict[str, Any]:
    user = request.user
    tasks = open_tasks_for(user, nomination)
    actions = actions_for(user, nomination, tasks)
    seen = StepForm.seen_value(nomination)
    forms = forms or {}
    step_forms = {
        name: forms.get(name) or form_class(initial={"seen": seen}, auto_id=step_auto_id(name))
        for name, form_class in STEP_FORMS.items()
    }
    events = list(audit_event_list_for(nomination))
    for event in events:
        event.role_label = role_label(event.actor_role) if event.actor_role else ""
    refused_checks = []
    if refusal is not None and refusal.code == NominationErrorCode.CHECKS_FAILED:
        refused_checks = refusal.details.get("checks", [])
    return {
        "nomination": nomination,
        "award": nomination.award_type,
        "tasks": tasks,
        "actions": actions,
        "next_step": next_step_text(nomination, actions),
        "forms": step_forms,
        "refusal": refusal,
        "refused_checks": refused_checks,
        "reviews": list(nomination.reviews.all()),
        "events": events,
        # Each entry also diffs the cited records (a few queries per entry): the latest changes
        # are what a reviewer needs here; the event log above covers the whole life.
        "history": history_entries(nomination, limit=15),
        **dossier_context(
            user, nomination, can_edit=actions.can_edit, form=forms.get("attachment")
        ),
        **checks_context(nomination, user, override_form=forms.get("override")),
    }


class NominationDetailView(LoginRequiredMixin, TemplateView):
    template_name = "nominations/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        nomination = nomination_get_visible(self.request.user, self.kwargs["pk"])
        context.update(detail_context(self.request, nomination))
        return context


def render_detail(
    request: HttpRequest,
    pk: Any,
    *,
    forms: dict[str, Any] | None = None,
    refusal: DomainError | None = None,
) -> HttpResponse:
    """The page again, as the nomination is now, with the forms of a refused action."""
    nomination = nomination_get_visible(request.user, pk)
    context = detail_context(request, nomination, forms=forms, refusal=refusal)
    return render(request, "nominations/detail.html", context)


# --- the steps ----------------------------------------------------------------------------------


class NominationStepView(LoginRequiredMixin, View):
    """POST one step of the nomination (one service). Success: back to the page with a message;
    refusal: the page again, with the service's message and, for failed checks, their list."""

    form_name = ""
    form_class: type[StepForm] = StepForm
    success_message: Any = ""

    def perform(self, nomination: Nomination, form: Any) -> Any:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)
        form = self.form_class(request.POST, auto_id=step_auto_id(self.form_name))
        if not form.is_valid():
            return render_detail(request, pk, forms={self.form_name: form})
        try:
            self.perform(form.apply_seen(nomination), form)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            if any(name in form.fields for name in exc.details):
                # e.g. the reasons are missing: said on the field to fill in
                add_domain_error(form, exc)
                return render_detail(request, pk, forms={self.form_name: form})
            # anything else is said once, at the top of the page
            return render_detail(request, pk, forms={self.form_name: form}, refusal=exc)
        messages.success(request, str(self.success_message))
        return redirect("nominations:detail", pk=pk)


class NominationSubmitView(NominationStepView):
    form_name = "submit"
    form_class = SubmitForm
    success_message = gettext_lazy(
        "The nomination was submitted. The reviewers of the upper level have been notified."
    )

    def perform(self, nomination: Nomination, form: SubmitForm) -> Any:
        return nomination_submit(actor=self.request.user, nomination=nomination)


class NominationResubmitView(NominationStepView):
    form_name = "resubmit"
    form_class = ResubmitForm
    success_message = gettext_lazy("The nomination was resubmitted to the unit that returned it.")

    def perform(self, nomination: Nomination, form: ResubmitForm) -> Any:
        return nomination_resubmit(
            actor=self.request.user, nomination=nomination, note=form.cleaned_data["note"]
        )


class NominationWithdrawView(NominationStepView):
    form_name = "withdraw"
    form_class = WithdrawForm
    success_message = gettext_lazy("The nomination was withdrawn.")

    def perform(self, nomination: Nomination, form: WithdrawForm) -> Any:
        return nomination_withdraw(
            actor=self.request.user, nomination=nomination, reason=form.cleaned_data["reason"]
        )


class NominationReviewView(NominationStepView):
    form_name = "review"
    form_class = ReviewForm

    def perform(self, nomination: Nomination, form: ReviewForm) -> Any:
        outcome = form.cleaned_data["outcome"]
        result = nomination_review(
            actor=self.request.user,
            nomination=nomination,
            outcome=outcome,
            reason=form.cleaned_data["reason"],
        )
        if result.status == S.AT_COUNCIL:
            message = _("Approved: the nomination now waits for the council of %(unit)s.")
        elif result.status == S.AWAITING_DECISION:
            message = _("Approved: the nomination now waits for the decision of %(unit)s.")
        elif result.status == S.IN_REVIEW:
            message = _("Approved and forwarded to %(unit)s.")
        elif result.status == S.RETURNED:
            message = _("Returned to %(unit)s for changes; its clerks have been notified.")
        else:
            message = _("The nomination was rejected; %(unit)s has been notified.")
        back_to_unit = result.status in (S.RETURNED, S.REJECTED)
        self.success_message = message % {
            "unit": result.nominating_unit if back_to_unit else result.current_unit
        }
        return result
