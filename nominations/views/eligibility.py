"""The eligibility finder and the quota view (issue 5 §4): reads, through selectors.

The finder answers for one person or collective the reader may read; opening a person's answer
is logged, as it shows their records (Decree 13/2023/NĐ-CP).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View

from audit.services import person_records_viewed
from common.exceptions import DomainNotFound
from common.views import FilteredListView
from nominations.eligibility import Verdict, eligibility_for
from nominations.forms import clerk_units
from nominations.forms_eligibility import EligibilityForm, QuotaFilterForm
from nominations.selectors_quotas import QuotaUsage, quota_usage_visible_to
from organizations.selectors import (
    person_get_visible,
    person_list_visible_to,
    unit_get_visible,
    unit_list_visible_to,
)

MATCHES_SHOWN = 20


class EligibilityView(LoginRequiredMixin, View):
    template_name = "nominations/eligibility.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = EligibilityForm(request.GET or None)
        context: dict[str, Any] = {"form": form, "verdicts": VERDICT_SECTIONS}
        if not form.is_bound or not form.is_valid():
            return render(request, self.template_name, context)
        data = form.cleaned_data
        person = unit = None
        try:
            if data.get("person"):
                person = person_get_visible(request.user, data["person"])
            elif data.get("unit"):
                unit = unit_get_visible(request.user, data["unit"])
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        if person is None and unit is None:
            context.update(_matches(request.user, data.get("q") or ""))
            return render(request, self.template_name, context)

        eligibility = eligibility_for(
            year=data.get("year"),
            person=person,
            unit=unit,
            reference_date=data.get("reference_date"),
            award_code=data.get("award") or "",
        )
        if person is not None:
            person_records_viewed(actor=request.user, person=person, channel="eligibility")
        filing = eligibility.nominating_unit
        context.update(
            eligibility=eligibility,
            can_file=filing is not None and clerk_units(request.user).filter(pk=filing.pk).exists(),
            sections=[
                (verdict, title, help_text, eligibility.of(verdict))
                for verdict, title, help_text in VERDICT_SECTIONS
            ],
        )
        return render(request, self.template_name, context)


VERDICT_SECTIONS = [
    (
        Verdict.ELIGIBLE,
        gettext_lazy("Qualifies"),
        gettext_lazy("Every criterion the records can show is met. A nomination can be filed."),
    ),
    (
        Verdict.TO_CONFIRM,
        gettext_lazy("To confirm"),
        gettext_lazy(
            "Nothing blocks, but a criterion is not met by a rule that only warns (not yet "
            "verified against the regulation in force) or could not be decided on the records. "
            "Read each one before filing."
        ),
    ),
    (
        Verdict.NOT_ELIGIBLE,
        gettext_lazy("Does not qualify"),
        gettext_lazy("A criterion of the regulation is not met; each is shown with its basis."),
    ),
]


def _matches(user: Any, query: str) -> dict[str, Any]:
    query = query.strip()
    if not query:
        return {}
    return {
        "query": query,
        "people": list(person_list_visible_to(user, search=query)[:MATCHES_SHOWN]),
        "units": list(unit_list_visible_to(user, search=query)[:MATCHES_SHOWN]),
    }


QUOTA_EXPORT_COLUMNS = [
    (gettext_lazy("Award"), lambda r: r.quota.award_type.name),
    (gettext_lazy("Topic"), lambda r: r.topic.name if r.topic else ""),
    (gettext_lazy("Quota"), lambda r: r.quota.get_scope_display()),
    (
        gettext_lazy("Unit"),
        lambda r: r.unit.name if r.unit else str(gettext_lazy("The whole country")),
    ),
    (gettext_lazy("Limit"), lambda r: r.limit),
    (gettext_lazy("Awarded"), lambda r: r.awarded),
    (gettext_lazy("Pending"), lambda r: r.pending),
    (gettext_lazy("Remaining"), lambda r: r.remaining),
    (gettext_lazy("Over by"), lambda r: r.over_by),
    (gettext_lazy("Citation"), lambda r: r.quota.citation),
]


class QuotaView(FilteredListView):
    """Per unit, award or topic and year: the quota's limit, what is awarded and pending, what
    is left."""

    template_name = "nominations/quotas.html"
    filter_form_class = QuotaFilterForm
    export_name = "han-muc-khen-thuong"
    export_title = gettext_lazy("Quotas")
    export_columns = QUOTA_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> list[QuotaUsage]:  # type: ignore[override]
        year = filters.pop("year", None) or timezone.localdate().year
        self.year = year
        return quota_usage_visible_to(self.request.user, year=year, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        return context
