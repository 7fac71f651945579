"""Submission letters (tờ trình): one unit sends several draft nominations to the next level at
once; the reviewers there can approve or return all of them together."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from common.views import FilteredListView, ServiceFormView, add_domain_error
from nominations.exceptions import NominationErrorCode
from nominations.forms import (
    SubmissionFilterForm,
    SubmissionForm,
    SubmissionReviewForm,
    clerk_units,
)
from nominations.models import Nomination, NominationStatus, Submission
from nominations.permissions import acting_grant, acting_units
from nominations.selectors import (
    nomination_list_visible_to,
    submission_get_visible,
    submission_list_visible_to,
)
from nominations.services import (
    submission_create,
    submission_review,
    submission_submit,
    submission_update,
)
from organizations.models import Role, Unit

SUBMISSION_EXPORT_COLUMNS = [
    (gettext_lazy("Letter number"), lambda s: s.number),
    (gettext_lazy("Subject"), lambda s: s.subject),
    (gettext_lazy("From unit"), lambda s: s.nominating_unit.name),
    (gettext_lazy("To unit"), lambda s: s.to_unit.name if s.to_unit else ""),
    (gettext_lazy("Status"), lambda s: s.get_status_display()),
    (gettext_lazy("Submitted at"), lambda s: s.submitted_at),
    (gettext_lazy("Prepared by"), lambda s: s.created_by.get_full_name()),
]


class SubmissionListView(FilteredListView):
    template_name = "nominations/submission_list.html"
    filter_form_class = SubmissionFilterForm
    export_name = "to-trinh"
    export_title = gettext_lazy("Submission letters")
    export_columns = SUBMISSION_EXPORT_COLUMNS

    def select(self, *, status: str = "", search: str = "") -> QuerySet[Submission]:
        letters = submission_list_visible_to(self.request.user)
        # The selector takes no filters yet; these narrow its scoped result.
        if status:
            letters = letters.filter(status=status)
        if search:
            letters = letters.filter(Q(subject__icontains=search) | Q(number__icontains=search))
        return letters

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = clerk_units(self.request.user).exists()
        return context


class SubmissionCreateView(ServiceFormView):
    template_name = "nominations/submission_form.html"
    form_class = SubmissionForm
    success_message = gettext_lazy(
        "The letter was saved. Check its nominations, attach the signed letter, then submit it."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not clerk_units(request.user).exists():
            raise PermissionDenied(_("Only the clerks of a unit prepare submission letters."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        only = list(clerk_units(self.request.user)[:2])
        return {"nominating_unit": only[0].pk} if len(only) == 1 else {}

    def perform(self, form: SubmissionForm) -> Submission:
        data = form.cleaned_data
        self.created = submission_create(
            actor=self.request.user,
            nominating_unit=data["nominating_unit"],
            subject=data["subject"],
            number=data["number"],
            nominations=data["nominations"],
            letter_file=data["letter_file"],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("nominations:submission_detail", args=[self.created.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New submission letter")
        return context


class SubmissionUpdateView(ServiceFormView):
    template_name = "nominations/submission_form.html"
    form_class = SubmissionForm
    success_message = gettext_lazy("The letter was saved.")

    def get_submission(self) -> Submission:
        if not hasattr(self, "_submission"):
            self._submission = submission_get_visible(self.request.user, self.kwargs["pk"])
        return self._submission

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "submission": self.get_submission(),
        }

    def get_initial(self) -> dict[str, Any]:
        submission = self.get_submission()
        return {
            "subject": submission.subject,
            "number": submission.number,
            "nominations": list(submission.nominations.values_list("pk", flat=True)),
        }

    def perform(self, form: SubmissionForm) -> Submission:
        data = form.cleaned_data
        return submission_update(
            actor=self.request.user,
            submission=self.get_submission(),
            subject=data["subject"],
            number=data["number"],
            nominations=data["nominations"],
            letter_file=data["letter_file"],
        )

    def get_success_url(self) -> str:
        return reverse("nominations:submission_detail", args=[self.get_submission().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(submission=self.get_submission(), title=_("Edit the submission letter"))
        return context


# --- the letter's page --------------------------------------------------------------------------


def review_units(user: Any, nominations: list[Nomination]) -> QuerySet[Unit]:
    """The units where the reader reviews and some nomination of the letter waits."""
    waiting = {
        n.current_unit_id for n in nominations if n.status == NominationStatus.IN_REVIEW
    } & acting_units(user, Role.REVIEWER)
    return Unit.objects.filter(pk__in=waiting).order_by("name")


def submission_context(
    request: HttpRequest,
    submission: Submission,
    *,
    review_form: SubmissionReviewForm | None = None,
    refusal: DomainError | None = None,
) -> dict[str, Any]:
    user = request.user
    nominations = list(nomination_list_visible_to(user).filter(submission=submission))
    units = review_units(user, nominations)
    is_clerk = acting_grant(user, submission.nominating_unit_id, Role.CLERK) is not None
    is_draft = submission.status == Submission.Status.DRAFT
    refused: dict[str, Any] = {}
    if refusal is not None and refusal.code == NominationErrorCode.CHECKS_FAILED:
        refused = refusal.details.get("nominations", {})
    for nomination in nominations:
        nomination.refused_checks = refused.get(str(nomination.pk), [])
    return {
        "submission": submission,
        "nominations": nominations,
        "can_edit": is_clerk and is_draft,
        "review_form": review_form
        or (SubmissionReviewForm(units=units) if units.exists() else None),
        "refusal": refusal,
        "print_url": reverse("nominations:submission_print", args=[submission.pk]),
    }


class SubmissionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "nominations/submission_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        submission = submission_get_visible(self.request.user, self.kwargs["pk"])
        context.update(submission_context(self.request, submission))
        return context


def render_refused(
    request: HttpRequest,
    pk: int,
    *,
    review_form: SubmissionReviewForm | None = None,
    refusal: DomainError | None = None,
) -> HttpResponse:
    """The letter's page again, as it is now, with the answer of the refused action."""
    submission = submission_get_visible(request.user, pk)
    context = submission_context(request, submission, review_form=review_form, refusal=refusal)
    return render(request, "nominations/submission_detail.html", context)


class SubmissionSubmitView(LoginRequiredMixin, View):
    """Send the letter: every nomination in it goes up, or none does (with each one's
    problems listed)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = submission_get_visible(request.user, pk)
        try:
            submission_submit(actor=request.user, submission=submission)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            return render_refused(request, pk, refusal=exc)
        messages.success(
            request,
            _("The letter was submitted: its nominations went to the upper level's reviewers."),
        )
        return redirect("nominations:submission_detail", pk=pk)


class SubmissionReviewView(LoginRequiredMixin, View):
    """A reviewer approves or returns every nomination of the letter waiting at their unit."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = submission_get_visible(request.user, pk)
        nominations = list(nomination_list_visible_to(request.user).filter(submission=submission))
        form = SubmissionReviewForm(request.POST, units=review_units(request.user, nominations))
        if not form.is_valid():
            return render_refused(request, pk, review_form=form)
        data = form.cleaned_data
        try:
            reviewed = submission_review(
                actor=request.user,
                submission=submission,
                unit=data["unit"],
                outcome=data["outcome"],
                reason=data["reason"],
            )
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_error(form, exc)
            return render_refused(request, pk, review_form=form, refusal=exc)
        messages.success(
            request,
            _("%(count)d nominations of the letter were reviewed.") % {"count": len(reviewed)},
        )
        return redirect("nominations:submission_detail", pk=pk)


class SubmissionFileView(LoginRequiredMixin, View):
    """The signed letter, for anyone who can read the letter; 404 for anyone else."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        submission = submission_get_visible(request.user, pk)
        if not submission.letter_file:
            raise Http404
        return FileResponse(
            submission.letter_file.open("rb"),
            as_attachment=True,
            filename=submission.letter_file_name or submission.letter_file.name,
        )


class SubmissionPrintView(LoginRequiredMixin, TemplateView):
    """The letter laid out for printing and signing: the unit's proposal with its list."""

    template_name = "nominations/print_letter.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        submission = submission_get_visible(self.request.user, self.kwargs["pk"])
        context.update(
            unit=submission.nominating_unit,
            to_unit=submission.to_unit or submission.nominating_unit.parent,
            nominations=list(
                nomination_list_visible_to(self.request.user).filter(submission=submission)
            ),
            subject=submission.subject,
            number=submission.number,
            today=(submission.submitted_at and timezone.localdate(submission.submitted_at))
            or timezone.localdate(),
            back_url=reverse("nominations:submission_detail", args=[submission.pk]),
        )
        return context
