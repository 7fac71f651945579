"""The nomination page's checks: re-check now (keeps a run), and override a blocking check
with a written justification. Each POSTs one service and comes back to the page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from nominations.selectors import nomination_get_visible
from nominations.services import check_override, nomination_checks_run
from nominations.views.detail import render_detail


class CheckOverrideForm(forms.Form):
    rule_id = forms.CharField(widget=forms.HiddenInput, max_length=40)
    justification = forms.CharField(
        label=gettext_lazy("Why the nomination may go on despite this check"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Kept on record with your name, and shown to the next levels and the auditors."
        ),
    )


class NominationChecksRunView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)
        try:
            run = nomination_checks_run(actor=request.user, nomination=nomination)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            return render_detail(request, pk, refusal=exc)
        if run.passed:
            messages.success(request, _("Checked again: nothing blocks the next step."))
        else:
            messages.warning(
                request,
                _("Checked again: %(rules)s still block the next step. See the checks below.")
                % {"rules": ", ".join(run.blocked_rules)},
            )
        return redirect("nominations:detail", pk=pk)


class CheckOverrideView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)
        form = CheckOverrideForm(request.POST)
        if not form.is_valid():
            return render_detail(request, pk, forms={"override": form})
        try:
            check_override(actor=request.user, nomination=nomination, **form.cleaned_data)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            return render_detail(request, pk, forms={"override": form}, refusal=exc)
        messages.success(
            request,
            _("The check %(rule)s was overridden; your justification is on record.")
            % {"rule": form.cleaned_data["rule_id"]},
        )
        return redirect("nominations:detail", pk=pk)
