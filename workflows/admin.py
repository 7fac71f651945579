"""Administration of the workflow's settings: step deadlines (system administrators edit them,
through step_deadline_save) and delegations (read-only, for the administrators of the unit).

Not here:
- viewflow's own Process and Task (and our NominationProcess): viewflow registers its admin on
  Django's default site, which config/urls.py does not serve. A task is worked, claimed and
  handed over only through workflows.services, which check the role at the task's unit; an admin
  page would change its status or owner around those checks.
- Deleting a step deadline: there is no audited service for it. A deadline for one award is
  undone by setting it to the general deadline's values; the general deadlines are reference
  data (workflow_settings_load would only create them again).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.admin import CatalogueAdminMixin, ServiceModelAdmin, admin_site
from organizations.admin import admin_unit_ids
from workflows.models import Delegation, StepDeadline
from workflows.services import step_deadline_save


@admin.register(StepDeadline, site=admin_site)
class StepDeadlineAdmin(CatalogueAdminMixin, ServiceModelAdmin):
    list_display = ("step", "award_code", "days", "remind_days_before", "note")
    list_filter = ("step",)
    search_fields = ("award_code", "note")
    ordering = ("step", "award_code")
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "A deadline without an award code applies to every award; one with a code "
                    "replaces it for that award. Running tasks keep the deadline they started "
                    "with."
                ),
                "fields": ("step", "award_code", "days", "remind_days_before", "note"),
            },
        ),
        (None, {"fields": ("created_at", "updated_at", "change_reason")}),
    )

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return step_deadline_save(actor=request.user, instance=obj)

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        # step_deadline_save diffs against the stored row, so the changed instance goes as is.
        return step_deadline_save(
            actor=request.user, instance=obj, reason=form.cleaned_data.get("change_reason", "")
        )


class DelegationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("current", _("In force")),
            ("upcoming", _("Not started yet")),
            ("over", _("Over or ended early")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = timezone.localdate()
        running = queryset.filter(revoked_at__isnull=True)
        if self.value() == "current":
            return running.filter(starts_on__lte=today, ends_on__gte=today)
        if self.value() == "upcoming":
            return running.filter(starts_on__gt=today)
        if self.value() == "over":
            return queryset.filter(Q(revoked_at__isnull=False) | Q(ends_on__lt=today))
        return queryset


@admin.register(Delegation, site=admin_site)
class DelegationAdmin(ServiceModelAdmin):
    """Read-only: a role holder names a delegate on the inbox pages (delegation_create), which
    checks that the delegate works at the unit and tells them."""

    list_display = (
        "delegate",
        "role_holder",
        "role",
        "unit",
        "starts_on",
        "ends_on",
        "revoked_at",
    )
    list_select_related = ("delegate", "assignment__user", "assignment__unit")
    list_filter = (DelegationStatusFilter, "assignment__role")
    search_fields = (
        "delegate__full_name",
        "delegate__username",
        "assignment__user__full_name",
        "assignment__user__username",
        "assignment__unit__name",
    )
    ordering = ("-starts_on",)
    fields = ("assignment", "delegate", "starts_on", "ends_on", "reason", "revoked_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delegation]:
        return (
            super()
            .get_queryset(request)
            .filter(assignment__unit_id__in=admin_unit_ids(request.user))
            .select_related("delegate", "assignment__user", "assignment__unit")
        )

    @admin.display(description=_("stands in for"), ordering="assignment__user__full_name")
    def role_holder(self, obj: Delegation) -> str:
        return str(obj.assignment.user)

    @admin.display(description=_("role"), ordering="assignment__role")
    def role(self, obj: Delegation) -> str:
        return obj.assignment.get_role_display()

    @admin.display(description=_("unit"), ordering="assignment__unit__name")
    def unit(self, obj: Delegation) -> str:
        return str(obj.assignment.unit)
