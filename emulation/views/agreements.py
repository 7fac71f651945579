"""A cluster's year: the agreement (giao ước) and its editor, the members' signatures with
their targets, the score sheets (self-assessment → cross-check → final), the ranking and the
proposal of the leading units (suy tôn) with the minutes.

Score sheets, the ranking and the proposal are the cluster's internal results: only the readers
of the forming unit and of that year's members see them (a 404 for anyone else).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainError, DomainNotFound
from emulation.choices import AgreementStatus, ScoreSheetStatus, ScoringMethod
from emulation.forms import (
    AgreementAdjustmentForm,
    AgreementForm,
    AgreementIndicatorForm,
    CheckForm,
    ProposalForm,
    ScoreSheetForm,
    SignForm,
    num,
    tie_break_label,
)
from emulation.models import ClusterAgreement, ScoreSheet
from emulation.permissions import cluster_lead_grant, score_checking_grant
from emulation.scoring import PLACED_BY_TOTAL, TIED
from emulation.selectors import staff_unit_list
from emulation.selectors_clusters import (
    agreement_signature_list,
    cluster_agreement_get_visible,
    cluster_internals_readable,
    cluster_members_in,
    cluster_ranking_visible_to,
    lead_proposal_visible_to,
    score_sheet_get_visible,
    score_sheet_list_visible_to,
)
from emulation.services import (
    agreement_sign,
    cluster_agreement_create,
    cluster_ranking_finalise,
    lead_proposal_record,
    score_sheet_check,
    score_sheet_submit,
)
from emulation.views.base import (
    ActionView,
    EmulationFormView,
    domain_edge,
    download,
    int_or_none,
    refusal_messages,
    show_error,
)
from emulation.views.clusters import ClusterMixin, page_year

INDICATOR_PREFIX = "ind"
ADJUSTMENT_PREFIX = "adj"
# Blank rows the editor offers, and how many more "More rows" adds.
BLANK_INDICATORS = 3
BLANK_ADJUSTMENTS = 2
MORE_ROWS = 3


# --- the editor ----------------------------------------------------------------------------------


def formset_classes(
    indicator_extra: int, adjustment_extra: int
) -> tuple[type[forms.BaseFormSet], type[forms.BaseFormSet]]:
    return (
        forms.formset_factory(AgreementIndicatorForm, extra=indicator_extra, can_delete=True),
        forms.formset_factory(AgreementAdjustmentForm, extra=adjustment_extra, can_delete=True),
    )


def typed_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """What was typed in each row (before validation), without the blank and deleted rows."""
    rows = []
    for form in formset.forms:
        if form["DELETE"].value() or not (form["code"].value() or form["name"].value()):
            continue
        rows.append({name: form[name].value() for name in form.fields if name != "DELETE"})
    return rows


def kept_rows(formset: forms.BaseFormSet) -> list[Any]:
    """The filled rows that are not ticked for deletion (blank rows are left out)."""
    deleted = set(map(id, formset.deleted_forms))
    return [f for f in formset.forms if f.cleaned_data.get("code") and id(f) not in deleted]


def copied_from(agreement: ClusterAgreement) -> tuple[dict[str, Any], list[dict], list[dict]]:
    """Last year's agreement as this year's starting point."""
    header = {
        "title": agreement.title.replace(str(agreement.year), str(agreement.year + 1)),
        "leaders_to_propose": agreement.leaders_to_propose,
        "tie_breaks": "\n".join(agreement.tie_breaks),
    }
    indicators = [
        {
            "code": i.code,
            "name": i.name,
            "max_points": i.max_points,
            "weight": i.weight,
            "scoring_method": i.scoring_method,
            "direction": i.direction,
            "target_value": i.target_value,
            "floor_value": i.floor_value,
            "bands": "; ".join(f"{t}:{p}" for t, p in i.bands),
        }
        for i in agreement.indicators.all()
    ]
    adjustments = [
        {
            "kind": a.kind,
            "code": a.code,
            "name": a.name,
            "points": a.points,
            "max_points": a.max_points,
        }
        for a in agreement.adjustments.all()
    ]
    return header, indicators, adjustments


class AgreementCreateView(ClusterMixin, LoginRequiredMixin, View):
    """Draw up a year's agreement: the header, the indicators and the bonus/penalty items in
    one page (starting from last year's when there is one). "More rows" adds blank rows and keeps
    what was typed; "Save" calls the service once with everything."""

    template_name = "emulation/agreement_form.html"

    def year(self) -> int:
        return page_year(self.request.POST.get("year") or self.request.GET.get("year"))

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.user.is_authenticated
            and cluster_lead_grant(request.user, self.get_cluster(), self.year()) is None
        ):
            raise PermissionDenied(
                _("The head unit of the year, or the forming unit, draws up the agreement.")
            )
        return super().dispatch(request, *args, **kwargs)

    def render_editor(
        self, request: HttpRequest, header: forms.Form, indicators: Any, adjustments: Any
    ) -> HttpResponse:
        cluster = self.get_cluster()
        return render(
            request,
            self.template_name,
            {
                "cluster": cluster,
                "form": header,
                "indicators": indicators,
                "adjustments": adjustments,
                "copied": getattr(self, "copied", None),
                "back_url": reverse("emulation:cluster_detail", args=[cluster.pk]),
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cluster = self.get_cluster()
        year = self.year()
        earlier = [a for a in cluster.agreements.all() if a.year < year]
        header_initial: dict[str, Any] = {
            "year": year,
            "title": _("Emulation agreement of %(cluster)s, %(year)s")
            % {"cluster": cluster.name, "year": year},
        }
        indicator_rows: list[dict[str, Any]] = []
        adjustment_rows: list[dict[str, Any]] = []
        if earlier:
            last = max(earlier, key=lambda a: a.year)
            self.copied = cluster_agreement_get_visible(request.user, last.pk)
            header, indicator_rows, adjustment_rows = copied_from(self.copied)
            header_initial.update(header, year=year)
        indicator_class, adjustment_class = formset_classes(
            0 if indicator_rows else BLANK_INDICATORS, BLANK_ADJUSTMENTS
        )
        return self.render_editor(
            request,
            AgreementForm(initial=header_initial),
            indicator_class(prefix=INDICATOR_PREFIX, initial=indicator_rows),
            adjustment_class(prefix=ADJUSTMENT_PREFIX, initial=adjustment_rows),
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator_class, adjustment_class = formset_classes(0, 0)
        header = AgreementForm(request.POST)
        indicators = indicator_class(request.POST, prefix=INDICATOR_PREFIX)
        adjustments = adjustment_class(request.POST, prefix=ADJUSTMENT_PREFIX)
        if "more_rows" in request.POST:
            # Keep what was typed, with blank rows below; no errors yet.
            more_indicators, more_adjustments = formset_classes(MORE_ROWS, MORE_ROWS)
            return self.render_editor(
                request,
                AgreementForm(initial={k: request.POST.get(k) for k in header.fields}),
                more_indicators(prefix=INDICATOR_PREFIX, initial=typed_rows(indicators)),
                more_adjustments(prefix=ADJUSTMENT_PREFIX, initial=typed_rows(adjustments)),
            )
        valid = header.is_valid() & indicators.is_valid() & adjustments.is_valid()
        if not valid:
            return self.render_editor(request, header, indicators, adjustments)
        kept_indicators = kept_rows(indicators)
        kept_adjustments = kept_rows(adjustments)
        data = header.cleaned_data
        try:
            agreement = cluster_agreement_create(
                actor=request.user,
                cluster=self.get_cluster(),
                year=data["year"],
                title=data["title"],
                indicators=[f.spec() for f in kept_indicators],
                adjustments=[f.spec() for f in kept_adjustments],
                leaders_to_propose=data["leaders_to_propose"],
                tie_breaks=data["tie_breaks"],
            )
        except DomainError as exc:
            domain_edge(exc)
            rows = {f.cleaned_data.get("code"): f for f in [*kept_indicators, *kept_adjustments]}
            placed = False
            for code, problems in exc.details.items():
                if code in rows and code not in header.fields:
                    rows[code].add_error(None, f"{exc.message} {_problems(problems)}".strip())
                    placed = True
            if not placed:
                show_error(header, exc)
            else:
                header.add_error(None, exc.message)
            return self.render_editor(request, header, indicators, adjustments)
        messages.success(
            request,
            _(
                "The agreement for %(year)s is drawn up. Each member now signs it with the "
                "targets it registers."
            )
            % {"year": agreement.year},
        )
        return redirect("emulation:agreement_detail", pk=agreement.pk)


def _problems(problems: Any) -> str:
    if isinstance(problems, list | tuple):
        return "; ".join(str(p) for p in problems)
    return str(problems)


# --- the agreement's page ------------------------------------------------------------------------


class AgreementMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_agreement(self) -> ClusterAgreement:
        if not hasattr(self, "_agreement"):
            try:
                self._agreement = cluster_agreement_get_visible(
                    self.request.user, self.kwargs["pk"]
                )
            except DomainNotFound as exc:
                raise Http404(exc.message) from exc
        return self._agreement


def placed_by(rule: str) -> str:
    """What placed a member below the one above it, in words."""
    if rule == PLACED_BY_TOTAL:
        return _("a lower total")
    if rule == TIED:
        return _("tied: shares the rank")
    if not rule:
        return "—"
    return _("tie-break: %(rule)s") % {"rule": tie_break_label(rule)}


def agreement_context(
    request: HttpRequest,
    agreement: ClusterAgreement,
    *,
    forms: dict[str, Any] | None = None,
    refusal: Any = None,
) -> dict[str, Any]:
    user = request.user
    cluster = agreement.cluster
    year = agreement.year
    signatures = list(agreement_signature_list(agreement))
    signed = {s.unit_id for s in signatures}
    members = list(cluster_members_in(cluster, year).order_by("name"))
    internals = cluster_internals_readable(user, cluster, year)
    sheets = list(score_sheet_list_visible_to(user, agreement)) if internals else []
    sheet_of = {sheet.unit_id: sheet for sheet in sheets}
    ranking = list(cluster_ranking_visible_to(user, agreement)) if internals else []
    for entry in ranking:
        entry.placed = placed_by(entry.decided_by)
    proposal = lead_proposal_visible_to(user, agreement) if internals else None
    is_open = agreement.status == AgreementStatus.OPEN
    mine = (
        {u.pk for u in staff_unit_list(user).filter(pk__in=[m.pk for m in members])}
        if members
        else set()
    )
    to_sign = [m for m in members if m.pk in mine and m.pk not in signed] if is_open else []
    to_score = (
        [
            m
            for m in members
            if m.pk in mine
            and m.pk in signed
            and (m.pk not in sheet_of or sheet_of[m.pk].status == ScoreSheetStatus.SELF_ASSESSED)
        ]
        if is_open
        else []
    )
    lead = cluster_lead_grant(user, cluster, year) is not None
    unchecked = [
        m
        for m in members
        if m.pk in signed
        and (m.pk not in sheet_of or sheet_of[m.pk].status != ScoreSheetStatus.CROSS_CHECKED)
    ]
    if agreement.status == AgreementStatus.PROPOSED:
        next_step = _(
            "The cluster has proposed its leading units, with the minutes: the proposal goes "
            "up with the flag nomination."
        )
    elif agreement.status == AgreementStatus.RANKED:
        next_step = (
            _("The ranking is final. Record whom the cluster proposes, with the meeting's minutes.")
            if lead
            else _("The ranking is final; the head records the proposal of the leading units.")
        )
    elif to_sign:
        next_step = _(
            "Sign the agreement for %(unit)s with the targets it registers with the cluster."
        ) % {"unit": ", ".join(unit.name for unit in to_sign)}
    elif to_score:
        next_step = _(
            "At year end, submit the self-assessment of %(unit)s: a result and evidence for each "
            "indicator. You can submit again until the cluster cross-checks it."
        ) % {"unit": ", ".join(unit.name for unit in to_score)}
    elif lead and unchecked:
        next_step = _(
            "Cross-check each member's self-assessment (open its sheet), then finalise the "
            "ranking. The head's own sheet is checked by the deputy."
        )
    elif lead:
        next_step = _("Every signed member's sheet is cross-checked: finalise the ranking.")
    else:
        next_step = _(
            "Members sign the agreement, score themselves at year end; the head cross-checks, "
            "ranks and proposes the leading units."
        )
    forms = forms or {}
    return {
        "agreement": agreement,
        "cluster": cluster,
        "tie_breaks": [tie_break_label(rule) for rule in agreement.tie_breaks],
        "signatures": signatures,
        "not_signed": [m for m in members if m.pk not in signed],
        "internals": internals,
        "sheets": sheets,
        "ranking": ranking,
        "proposal": proposal,
        "is_open": is_open,
        "to_sign": to_sign,
        "to_score": to_score,
        "lead": lead,
        "unchecked": unchecked,
        "can_finalise": lead and is_open,
        "can_propose": lead and agreement.status == AgreementStatus.RANKED,
        "refusal": refusal,
        "refusal_messages": refusal_messages(forms),
        "next_step": next_step,
    }


class AgreementDetailView(AgreementMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/agreement_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(agreement_context(self.request, self.get_agreement()))
        return context


class AgreementActionView(AgreementMixin, ActionView):
    def get_object(self) -> ClusterAgreement:
        self.__dict__.pop("_agreement", None)
        return self.get_agreement()

    def success_url(self, obj: ClusterAgreement) -> str:
        return reverse("emulation:agreement_detail", args=[obj.pk])

    def render_page(
        self, obj: ClusterAgreement, forms: dict[str, Any], refusal: Any
    ) -> HttpResponse:
        context = agreement_context(self.request, obj, forms=forms, refusal=refusal)
        return render(self.request, "emulation/agreement_detail.html", context)


class RankingFinaliseView(AgreementActionView):
    form_key = "finalise"
    section = "ranking"

    def perform(self, obj: ClusterAgreement, form: Any) -> str:
        cluster_ranking_finalise(actor=self.request.user, agreement=obj)
        return _(
            "The ranking is final and will not change. Record the proposal of the leading "
            "units with the meeting's minutes."
        )


class SignView(AgreementMixin, EmulationFormView):
    template_name = "emulation/form.html"
    form_class = SignForm

    def units(self) -> Any:
        agreement = self.get_agreement()
        signed = [s.unit_id for s in agreement.signatures.all()]
        return (
            staff_unit_list(self.request.user)
            .filter(pk__in=cluster_members_in(agreement.cluster, agreement.year))
            .exclude(pk__in=signed)
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not self.units().exists():
            raise PermissionDenied(
                _("Only the staff of a member that has not signed yet signs for it.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "units": self.units(),
            "indicators": list(self.get_agreement().indicators.all()),
        }

    def get_initial(self) -> dict[str, Any]:
        only = list(self.units()[:2])
        return {"unit": only[0] if len(only) == 1 else None}

    def perform(self, form: SignForm) -> Any:
        data = form.cleaned_data
        self.signature = agreement_sign(
            actor=self.request.user,
            agreement=self.get_agreement(),
            unit=data["unit"],
            signed_on=data["signed_on"],
            signatory=data["signatory"],
            targets=form.targets(),
        )
        return self.signature

    def get_success_message(self) -> str:
        return _(
            "%(unit)s signed the agreement with its targets. At year end it submits its "
            "self-assessment."
        ) % {"unit": self.signature.unit.name}

    def get_success_url(self) -> str:
        return reverse("emulation:agreement_detail", args=[self.get_agreement().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.get_agreement()
        context.update(
            cluster=agreement.cluster,
            agreement=agreement,
            title=_("Sign the agreement"),
            next_step=_(
                "Signing registers the unit's content and targets with the cluster head. An "
                "indicator scored against a target needs the unit's own target unless the "
                "agreement sets one for all; the unit is scored against it at year end."
            ),
            back_url=self.get_success_url(),
            submit_label=_("Sign"),
        )
        return context


class ScoreView(AgreementMixin, EmulationFormView):
    """A member's self-assessment (submitted again until the cluster cross-checks it)."""

    template_name = "emulation/score_form.html"
    form_class = ScoreSheetForm

    def units(self) -> Any:
        agreement = self.get_agreement()
        signed = [s.unit_id for s in agreement.signatures.all()]
        return staff_unit_list(self.request.user).filter(pk__in=signed)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not self.units().exists():
            raise PermissionDenied(_("Only the staff of a member that signed scores it."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        agreement = self.get_agreement()
        return {
            **super().get_form_kwargs(),
            "units": self.units(),
            "indicators": list(agreement.indicators.all()),
            "adjustments": list(agreement.adjustments.all()),
        }

    def existing(self) -> ScoreSheet | None:
        unit_id = int_or_none(self.request.GET.get("unit"))
        if unit_id is None:
            only = list(self.units()[:2])
            unit_id = only[0].pk if len(only) == 1 else None
        if unit_id is None:
            return None
        sheets = score_sheet_list_visible_to(self.request.user, self.get_agreement())
        return next((s for s in sheets if s.unit_id == unit_id), None)

    def get_initial(self) -> dict[str, Any]:
        sheet = self.existing()
        initial = ScoreSheetForm.initial_from(sheet)
        unit_id = int_or_none(self.request.GET.get("unit"))
        only = list(self.units()[:2])
        initial["unit"] = unit_id or (only[0].pk if len(only) == 1 else None)
        return initial

    def perform(self, form: ScoreSheetForm) -> ScoreSheet:
        self.sheet = score_sheet_submit(
            actor=self.request.user,
            agreement=self.get_agreement(),
            unit=form.cleaned_data["unit"],
            scores=form.scores(),
            adjustments=form.claims(),
            note=form.cleaned_data["note"],
        )
        return self.sheet

    def get_success_message(self) -> str:
        return _(
            "The self-assessment of %(unit)s is submitted: %(total)s points. The cluster now "
            "cross-checks it against the evidence."
        ) % {"unit": self.sheet.unit.name, "total": num(self.sheet.self_total)}

    def get_success_url(self) -> str:
        return reverse("emulation:sheet_detail", args=[self.sheet.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.get_agreement()
        context.update(
            cluster=agreement.cluster,
            agreement=agreement,
            title=_("Self-assessment"),
            assessed=ScoringMethod.ASSESSED,
            back_url=reverse("emulation:agreement_detail", args=[agreement.pk]),
        )
        return context


# --- one score sheet: its lines and the cross-check ----------------------------------------------


def sheet_context(
    request: HttpRequest,
    sheet: ScoreSheet,
    *,
    forms: dict[str, Any] | None = None,
    refusal: Any = None,
) -> dict[str, Any]:
    agreement = sheet.agreement
    is_open = agreement.status == AgreementStatus.OPEN
    can_check = is_open and score_checking_grant(request.user, sheet) is not None
    forms = forms or {}
    check_form = None
    if can_check:
        check_form = forms.get("check") or CheckForm(
            sheet=sheet,
            all_adjustments=list(agreement.adjustments.all()),
            initial=ScoreSheetForm.initial_from(
                sheet, checked=sheet.status == ScoreSheetStatus.CROSS_CHECKED
            ),
        )
    if can_check:
        next_step = _(
            "Check each result against the evidence. Change only what the evidence does not "
            "support, with a note; every other line is kept as claimed."
        )
    elif sheet.status == ScoreSheetStatus.SELF_ASSESSED:
        next_step = _("The sheet waits for the cluster's cross-check.")
    elif sheet.status == ScoreSheetStatus.CROSS_CHECKED:
        next_step = _("The sheet is cross-checked; the head finalises the ranking.")
    else:
        next_step = _("The score is final: it stands in the cluster's ranking.")
    return {
        "sheet": sheet,
        "agreement": agreement,
        "cluster": agreement.cluster,
        "lines": list(sheet.lines.all()),
        "claims": list(sheet.adjustment_lines.all()),
        "check_form": check_form,
        "assessed": ScoringMethod.ASSESSED,
        "refusal": refusal,
        "refusal_messages": refusal_messages(forms),
        "next_step": next_step,
    }


class SheetMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_sheet(self) -> ScoreSheet:
        try:
            return score_sheet_get_visible(self.request.user, self.kwargs["pk"])
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc


class SheetDetailView(SheetMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/sheet_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(sheet_context(self.request, self.get_sheet()))
        return context


class SheetCheckView(SheetMixin, ActionView):
    form_key = "check"

    def get_object(self) -> ScoreSheet:
        return self.get_sheet()

    def build_form(self, obj: ScoreSheet) -> CheckForm:
        return CheckForm(
            self.request.POST, sheet=obj, all_adjustments=list(obj.agreement.adjustments.all())
        )

    def perform(self, obj: ScoreSheet, form: CheckForm) -> str:
        scores, claims = form.corrections()
        checked = score_sheet_check(
            actor=self.request.user,
            sheet=obj,
            scores=scores,
            adjustments=claims,
            note=form.cleaned_data["note"],
        )
        return _(
            "The sheet of %(unit)s is cross-checked: %(total)s points. Once every member's "
            "sheet is checked, the head finalises the ranking."
        ) % {"unit": obj.unit.name, "total": num(checked.checked_total)}

    def success_url(self, obj: ScoreSheet) -> str:
        return reverse("emulation:sheet_detail", args=[obj.pk])

    def render_page(self, obj: ScoreSheet, forms: dict[str, Any], refusal: Any) -> HttpResponse:
        context = sheet_context(self.request, obj, forms=forms, refusal=refusal)
        return render(self.request, "emulation/sheet_detail.html", context)


# --- the proposal of the leading units -----------------------------------------------------------


class ProposalView(AgreementMixin, EmulationFormView):
    template_name = "emulation/form.html"
    form_class = ProposalForm

    def ranking(self) -> list[Any]:
        try:
            return list(cluster_ranking_visible_to(self.request.user, self.get_agreement()))
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            agreement = self.get_agreement()
            if cluster_lead_grant(request.user, agreement.cluster, agreement.year) is None:
                raise PermissionDenied(_("The head unit of the year records the proposal."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "ranked_units": [entry.unit for entry in self.ranking()],
        }

    def get_initial(self) -> dict[str, Any]:
        allowed = self.get_agreement().leaders_to_propose
        return {
            "units": [entry.unit for entry in self.ranking()[:allowed]],
            "meeting_on": timezone.localdate(),
        }

    def perform(self, form: ProposalForm) -> Any:
        data = form.cleaned_data
        return lead_proposal_record(
            actor=self.request.user,
            agreement=self.get_agreement(),
            units=form.ordered_units(),
            meeting_on=data["meeting_on"],
            minutes_number=data["minutes_number"],
            minutes_file=data["minutes_file"],
            reason=data["reason"],
        )

    def get_success_message(self) -> str:
        return _(
            "The proposal of the leading units is recorded with the minutes. It is what the "
            "flag nominations of the cluster rest on."
        )

    def get_success_url(self) -> str:
        return reverse("emulation:agreement_detail", args=[self.get_agreement().pk]) + "#proposal"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.get_agreement()
        ranking = self.ranking()
        for entry in ranking:
            entry.placed = placed_by(entry.decided_by)
        context.update(
            cluster=agreement.cluster,
            agreement=agreement,
            ranking=ranking,
            title=_("Propose the leading units (suy tôn)"),
            next_step=ngettext(
                "The agreement allows %(count)s leading unit. The first place of the ranking "
                "is ticked; a unit ranked lower needs written reasons. Record the minutes of "
                "the meeting: their number, the signed file, or both.",
                "The agreement allows %(count)s leading units. The first places of the ranking "
                "are ticked; a unit ranked lower needs written reasons. Record the minutes of "
                "the meeting: their number, the signed file, or both.",
                agreement.leaders_to_propose,
            )
            % {"count": agreement.leaders_to_propose},
            back_url=reverse("emulation:agreement_detail", args=[agreement.pk]),
            submit_label=_("Record the proposal"),
            multipart=True,
        )
        return context


class ProposalMinutesView(AgreementMixin, LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        try:
            proposal = lead_proposal_visible_to(request.user, self.get_agreement())
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        if proposal is None:
            raise Http404
        return download(proposal.minutes_file, proposal.minutes_file_name)
