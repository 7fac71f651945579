"""Award decisions (quyết định khen thưởng): the list, drafting and editing a draft, the decision
screen where the signer issues it and revokes an award, and the decision laid out for paper.

Each action calls one service of nominations.services.decisions; a refusal renders the form
again, with what was typed and the service's message on the field to fix (or on top)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
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
from nominations.forms_decisions import (
    AwardRevokeForm,
    DecisionDraftForm,
    DecisionEditForm,
    DecisionFilterForm,
    DecisionIssueForm,
    drafting_units,
)
from nominations.models import Decision, DecisionItem, DecisionStatus
from nominations.permissions import (
    award_revoking_grant,
    decision_drafting_grant,
    decision_drafting_units,
    decision_issuing_grant,
)
from nominations.selectors_councils import (
    decision_get_visible,
    decision_list_matching,
    decision_nomination_ids_visible_to,
)
from nominations.services import award_revoke, decision_draft, decision_issue, decision_update

DECISION_EXPORT_COLUMNS = [
    (gettext_lazy("Decision number"), lambda d: d.reference),
    (gettext_lazy("Subject of the decision"), lambda d: d.title),
    (gettext_lazy("Deciding unit"), lambda d: d.deciding_unit.name),
    (gettext_lazy("Year"), lambda d: d.year),
    (gettext_lazy("Status"), lambda d: d.get_status_display()),
    (gettext_lazy("Signed on"), lambda d: d.signed_on),
    (gettext_lazy("Signed by"), lambda d: d.signer.get_full_name() if d.signer else ""),
    (gettext_lazy("Recipients"), lambda d: d.item_count),
    (gettext_lazy("Total amount (VND)"), lambda d: d.total_vnd),
    (gettext_lazy("Council session"), lambda d: d.council_session or ""),
]


class DecisionListView(FilteredListView):
    template_name = "nominations/decisions/list.html"
    filter_form_class = DecisionFilterForm
    export_name = "quyet-dinh-khen-thuong"
    export_title = gettext_lazy("Award decisions")
    export_columns = DECISION_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[Decision]:
        return decision_list_matching(self.request.user, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = bool(decision_drafting_units(self.request.user))
        return context


# --- drafting -----------------------------------------------------------------------------------


class DecisionCreateView(ServiceFormView):
    """A new draft: the deciding unit (chosen first when the user prepares decisions for
    several), the nominations waiting for its decision, the title and the legal bases."""

    template_name = "nominations/decisions/form.html"
    form_class = DecisionDraftForm
    success_message = gettext_lazy(
        "The draft was saved. Check the recipients, amounts and legal bases; the signer then "
        "issues it."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not decision_drafting_units(request.user):
            raise PermissionDenied(
                _("Only the council secretary or the signer of a deciding unit prepares decisions.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_units(self) -> list[Any]:
        if not hasattr(self, "_units"):
            self._units = list(drafting_units(self.request.user).order_by("name"))
        return self._units

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        units = self.get_units()
        chosen = self.request.GET.get("unit")
        if not chosen and len(units) == 1:
            chosen = str(units[0].pk)
        return {"deciding_unit": chosen} if chosen else {}

    def perform(self, form: DecisionDraftForm) -> Decision:
        data = form.cleaned_data
        self.created = decision_draft(
            actor=self.request.user,
            deciding_unit=data["deciding_unit"],
            title=data["title"],
            nominations=data["nominations"],
            council_session=data["council_session"],
            legal_basis=data["legal_basis"],
            legal_documents=data["legal_documents"],
            signer_title=data["signer_title"],
            funding_source=data["funding_source"],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("nominations:decision_detail", args=[self.created.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            title=_("Draft a decision"),
            units=self.get_units(),
            unit=form.unit,
            cancel_url=reverse("nominations:decision_list"),
        )
        return context


class DecisionUpdateView(ServiceFormView):
    template_name = "nominations/decisions/form.html"
    form_class = DecisionEditForm
    success_message = gettext_lazy("The draft was saved.")

    def get_decision(self) -> Decision:
        if not hasattr(self, "_decision"):
            self._decision = decision_get_visible(self.request.user, self.kwargs["pk"])
        return self._decision

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            decision = self.get_decision()
            if decision_drafting_grant(request.user, decision.deciding_unit_id) is None:
                raise PermissionDenied(
                    _("Only the council secretary or the signer of %(unit)s changes its drafts.")
                    % {"unit": decision.deciding_unit}
                )
            if decision.status != DecisionStatus.DRAFT:
                messages.warning(request, NominationErrorCode.DECISION_NOT_DRAFT.label)
                return redirect("nominations:decision_detail", pk=decision.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "decision": self.get_decision()}

    def get_initial(self) -> dict[str, Any]:
        return DecisionEditForm.initial_for(self.get_decision())

    def perform(self, form: DecisionEditForm) -> Decision:
        data = form.cleaned_data
        decision = self.get_decision()
        added, removed = form.nomination_changes()
        session = data["council_session"]
        return decision_update(
            actor=self.request.user,
            decision=decision,
            title=data["title"],
            legal_basis=data["legal_basis"],
            signer_title=data["signer_title"],
            funding_source=data["funding_source"],
            council_session=session
            if session and session.pk != decision.council_session_id
            else None,
            legal_documents=form.documents(),
            add_nominations=added,
            remove_nominations=removed,
        )

    def get_success_url(self) -> str:
        return reverse("nominations:decision_detail", args=[self.get_decision().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decision = self.get_decision()
        context.update(
            title=_("Edit the draft decision"),
            decision=decision,
            unit=decision.deciding_unit,
            cancel_url=reverse("nominations:decision_detail", args=[decision.pk]),
        )
        return context


# --- the decision screen ------------------------------------------------------------------------


def next_step_text(decision: Decision, *, can_edit: bool, can_issue: bool, can_revoke: bool) -> str:
    """What the reader should do now, in one sentence."""
    if decision.status == DecisionStatus.DRAFT:
        if can_issue:
            return _(
                "Check the recipients, the amounts and the legal bases, print the draft for "
                "signature, then issue it with the date it was signed: it takes the next number "
                "of the year, and the nominations are awarded."
            )
        if can_edit:
            return _(
                "This draft waits for the signer of %(unit)s, who has been told nothing yet: "
                "finish it, print it for signature, and let the signer issue it."
            ) % {"unit": decision.deciding_unit}
        return _("This decision is being prepared; it gets its number when it is issued.")
    if can_revoke:
        return _(
            "The decision is issued. If an award proves undeserved (Law 06/2022, chapter VII), "
            "revoke it below with the reason: the decision stays, the award is marked revoked."
        )
    return _("The decision is issued. Print it, or open a nomination to follow it.")


def decision_context(
    request: HttpRequest,
    decision: Decision,
    *,
    issue_form: DecisionIssueForm | None = None,
    revoke_form: AwardRevokeForm | None = None,
    revoke_item: int | None = None,
    refusal: DomainError | None = None,
) -> dict[str, Any]:
    user = request.user
    is_draft = decision.status == DecisionStatus.DRAFT
    can_edit = is_draft and decision_drafting_grant(user, decision.deciding_unit_id) is not None
    can_issue = is_draft and decision_issuing_grant(user, decision.deciding_unit_id) is not None
    can_revoke = (
        decision.status == DecisionStatus.ISSUED
        and award_revoking_grant(user, decision.deciding_unit) is not None
    )
    items = list(decision.items.all())
    readable = decision_nomination_ids_visible_to(user, decision)
    for item in items:
        item.nomination_readable = item.nomination_id in readable
        item.revoke_form = None
        if can_revoke and item.revoked_on is None:
            item.revoke_form = (
                revoke_form
                if revoke_form is not None and revoke_item == item.pk
                else AwardRevokeForm(item_pk=item.pk)
            )
    refused_checks = []
    if refusal is not None and refusal.code == NominationErrorCode.CHECKS_FAILED:
        refused_checks = refusal.details.get("checks", [])
    return {
        "decision": decision,
        "items": items,
        "total_vnd": sum(item.amount_vnd or 0 for item in items),
        "can_edit": can_edit,
        "can_issue": can_issue,
        "can_revoke": can_revoke,
        "issue_form": issue_form or (DecisionIssueForm() if can_issue else None),
        "revoke_item": revoke_item,
        "refusal": refusal,
        "refused_checks": refused_checks,
        "next_step": next_step_text(
            decision, can_edit=can_edit, can_issue=can_issue, can_revoke=can_revoke
        ),
    }


class DecisionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "nominations/decisions/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decision = decision_get_visible(self.request.user, self.kwargs["pk"])
        context.update(decision_context(self.request, decision))
        return context


def render_decision(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    """The screen again, as the decision is now, with the refused form as it was typed."""
    decision = decision_get_visible(request.user, pk)
    context = decision_context(request, decision, **forms)
    return render(request, "nominations/decisions/detail.html", context)


class DecisionIssueView(LoginRequiredMixin, View):
    """The signer issues the draft: its number, the award records, the nominations awarded."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = decision_get_visible(request.user, pk)
        form = DecisionIssueForm(request.POST)
        if not form.is_valid():
            return render_decision(request, pk, issue_form=form)
        try:
            issued = decision_issue(
                actor=request.user, decision=decision, signed_on=form.cleaned_data["signed_on"]
            )
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_error(form, exc)
            return render_decision(request, pk, issue_form=form, refusal=exc)
        messages.success(
            request,
            _(
                "Decision %(reference)s was issued: its nominations are awarded, the awards are "
                "in the recipients' records and the nominating units have been notified."
            )
            % {"reference": issued.reference},
        )
        return redirect("nominations:decision_detail", pk=pk)


class AwardRevokeView(LoginRequiredMixin, View):
    """Revoke one award of an issued decision, with the reason (Law 06/2022, chapter VII)."""

    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        decision = decision_get_visible(request.user, pk)
        item: DecisionItem | None = next((i for i in decision.items.all() if i.pk == item_pk), None)
        if item is None:
            raise Http404
        form = AwardRevokeForm(request.POST, item_pk=item.pk)
        forms = {"revoke_form": form, "revoke_item": item.pk}
        if not form.is_valid():
            return render_decision(request, pk, **forms)
        try:
            award_revoke(
                actor=request.user,
                item=item,
                reason=form.cleaned_data["reason"],
                revoked_on=form.cleaned_data["revoked_on"],
            )
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_error(form, exc)
            return render_decision(request, pk, **forms)
        messages.success(
            request,
            _("The award to %(recipient)s was revoked; the nominating unit has been notified.")
            % {"recipient": item.recipient_name},
        )
        return redirect("nominations:decision_detail", pk=pk)


class DecisionPrintView(LoginRequiredMixin, TemplateView):
    """The decision laid out on A4 paper, for signature (a draft) or for the file (issued)."""

    template_name = "nominations/decisions/print.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decision = decision_get_visible(self.request.user, self.kwargs["pk"])
        items = list(decision.items.all())
        unit = decision.deciding_unit
        context.update(
            decision=decision,
            unit=unit,
            items=items,
            total_vnd=sum(item.amount_vnd or 0 for item in items),
            # the units that filed the nominations receive the decision
            recipient_units=sorted({item.nomination.nominating_unit.name for item in items}),
            day=decision.signed_on or timezone.localdate(),
            back_url=reverse("nominations:decision_detail", args=[decision.pk]),
        )
        return context
