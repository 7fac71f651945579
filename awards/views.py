"""Pages of the award catalogue: which awards exist, under which regulation version, and which
apply on a given date."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from awards.forms import CatalogueFilterForm
from awards.models import AwardType, RegulationDocument
from awards.selectors import (
    award_type_get,
    award_type_list,
    base_salary_on,
    regulation_get,
    regulation_in_force,
    regulation_list,
)
from common.views import FilteredListView
from organizations.permissions import can_manage_catalogue

AWARD_EXPORT_COLUMNS = [
    (gettext_lazy("Code"), lambda a: a.code),
    (gettext_lazy("Name"), lambda a: a.name),
    (gettext_lazy("Regulation version"), lambda a: a.regulation.number),
    (gettext_lazy("Track"), lambda a: a.get_track_display()),
    (gettext_lazy("Category"), lambda a: a.get_category_display()),
    (gettext_lazy("Occasion"), lambda a: a.get_occasion_display()),
    (gettext_lazy("For individuals"), lambda a: a.for_individuals),
    (
        gettext_lazy("For collectives of kinds"),
        lambda a: ", ".join(k.name for k in a.collective_unit_kinds.all()),
    ),
    (gettext_lazy("Deciding level"), lambda a: a.deciding_level.name),
    (gettext_lazy("Deciding body"), lambda a: a.deciding_body),
    (gettext_lazy("Citation"), lambda a: a.citation),
    (gettext_lazy("Confidence"), lambda a: a.get_confidence_display()),
]


class CatalogueView(FilteredListView):
    """The award types in force on a date (today by default)."""

    template_name = "awards/catalogue.html"
    filter_form_class = CatalogueFilterForm
    paginate_by = 100
    export_name = "danh-muc-khen-thuong"
    export_title = gettext_lazy("Award catalogue")
    export_columns = AWARD_EXPORT_COLUMNS

    def on_date(self) -> datetime.date:
        return self.filters().get("on") or timezone.localdate()

    def select(self, **filters: Any) -> QuerySet[AwardType]:
        recipient = filters.get("recipient")
        qs = award_type_list(
            on=filters.get("on") or timezone.localdate(),
            track=filters.get("track") or None,
            for_individuals=True if recipient == "individual" else None,
        )
        if recipient == "collective":
            qs = qs.filter(collective_unit_kinds__isnull=False).distinct()
        if filters.get("search"):
            qs = qs.filter(name__icontains=filters["search"])
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        on = self.on_date()
        context.update(
            on=on,
            union_version=regulation_in_force(track="union", on=on),
            state_version=regulation_in_force(track="state", on=on),
            versions=regulation_list(catalogue_only=True),
            can_manage=can_manage_catalogue(self.request.user),
        )
        return context


class RegulationListView(FilteredListView):
    template_name = "awards/regulation_list.html"
    paginate_by = 100

    def select(self, **filters: Any) -> QuerySet[RegulationDocument]:
        return regulation_list()


class RegulationDetailView(LoginRequiredMixin, TemplateView):
    template_name = "awards/regulation_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = regulation_get(self.kwargs["pk"])
        context.update(
            document=document,
            award_types=award_type_list(regulation=document) if document.catalogue_track else [],
            superseded_by=list(document.superseded_by.all()),
            can_manage=can_manage_catalogue(self.request.user),
        )
        return context


class AwardTypeDetailView(LoginRequiredMixin, TemplateView):
    template_name = "awards/award_type_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        award = award_type_get(self.kwargs["pk"])
        today = timezone.localdate()
        salary = base_salary_on(today)
        amount = None
        if award.amount_multiplier is not None and salary is not None:
            amount = (award.amount_multiplier * Decimal(salary.amount_vnd)).quantize(Decimal(1))
        context.update(
            award=award,
            base_salary=salary,
            amount=amount,
            other_versions=award_type_list().filter(code=award.code).exclude(pk=award.pk),
            can_manage=can_manage_catalogue(self.request.user),
        )
        return context
