"""Administration of emulation data: read-only pages on campaigns, registrations, reports,
clusters, agreements, score sheets and proposals.

Nothing is edited here. Each of these records moves through its service (emulation/services),
which checks who may act, validates and records the audit event; an edit in the admin would skip
all three. The pages are for looking things up and reading their history.

Every list is kept inside the administrator's subtree (organizations.admin.admin_unit_ids): a
campaign by its launching unit, a registration or a report by the unit that filed it, a cluster
and everything it holds by the unit that formed it, so that a cluster's internal scores stay
with the readers of that unit, as in emulation.selectors_clusters.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from common.admin import ReadOnlyInlineMixin, ServiceModelAdmin, admin_site
from emulation.models import (
    AgreementAdjustment,
    AgreementIndicator,
    AgreementSignature,
    Campaign,
    CampaignPhase,
    Cluster,
    ClusterAgreement,
    ClusterMembership,
    ClusterOfficer,
    ClusterRankingEntry,
    LeadProposal,
    LeadProposalUnit,
    PlannedAward,
    ProgressReport,
    Registration,
    RegistrationTarget,
    RegistrationTitle,
    ReportAttachment,
    ReportingPeriod,
    ReportValue,
    ScoreAdjustmentLine,
    ScoreLine,
    ScoreSheet,
    TargetIndicator,
)
from organizations.admin import admin_unit_ids


class EmulationReadOnlyAdmin(ServiceModelAdmin):
    """Read-only (ScopedAdminMixin's defaults), kept for its scope, 404s and history pages."""


def _inline(model_class: type, fields: tuple[str, ...], related: tuple[str, ...] = ()) -> type:
    """A read-only tabular inline showing `fields`, with `related` joined in one query."""

    class Inline(ReadOnlyInlineMixin, admin.TabularInline):
        model = model_class
        readonly_fields = fields

        def get_queryset(self, request: HttpRequest) -> QuerySet:
            queryset = super().get_queryset(request)
            return queryset.select_related(*related) if related else queryset

    Inline.fields = fields
    Inline.__name__ = f"{model_class.__name__}Inline"
    return Inline


# --- campaigns -----------------------------------------------------------------------------------


@admin.register(Campaign, site=admin_site)
class CampaignAdmin(EmulationReadOnlyAdmin):
    list_display = ("name", "launching_unit", "starts_on", "ends_on", "status")
    list_select_related = ("launching_unit",)
    list_filter = ("status", "scope")
    search_fields = ("name", "plan_number", "theme")
    ordering = ("-starts_on",)
    inlines = [
        _inline(CampaignPhase, ("number", "name", "starts_on", "ends_on")),
        _inline(
            TargetIndicator,
            ("code", "name", "measure", "direction", "target_value", "level", "rollup"),
            ("level",),
        ),
        _inline(PlannedAward, ("award_type", "planned_count"), ("award_type",)),
        _inline(ReportingPeriod, ("kind", "name", "starts_on", "ends_on", "due_on")),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        return (
            super()
            .get_queryset(request)
            .filter(launching_unit_id__in=admin_unit_ids(request.user))
            .select_related("launching_unit", "created_by")
        )


@admin.register(Registration, site=admin_site)
class RegistrationAdmin(EmulationReadOnlyAdmin):
    list_display = ("__str__", "year", "status", "reviewing_unit", "submitted_at")
    list_select_related = ("campaign", "unit", "person", "reviewing_unit")
    list_filter = ("status", "year")
    search_fields = ("unit__name", "person__full_name", "campaign__name")
    ordering = ("-submitted_at",)
    inlines = [
        _inline(RegistrationTarget, ("indicator", "target_value", "note"), ("indicator",)),
        _inline(RegistrationTitle, ("award_type", "title"), ("award_type",)),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        return (
            super()
            .get_queryset(request)
            .filter(unit_id__in=admin_unit_ids(request.user))
            .select_related(
                "campaign", "unit", "person", "reviewing_unit", "submitted_by", "reviewed_by"
            )
        )


@admin.register(ProgressReport, site=admin_site)
class ProgressReportAdmin(EmulationReadOnlyAdmin):
    list_display = ("unit", "period", "submitted_at", "revised_at")
    list_select_related = ("unit", "period")
    list_filter = ("period__kind",)
    search_fields = ("unit__name", "period__campaign__name")
    ordering = ("-submitted_at",)
    inlines = [
        _inline(ReportValue, ("indicator", "value", "note"), ("indicator",)),
        # Not the file itself: its storage URL would bypass any scope check.
        _inline(
            ReportAttachment,
            ("original_name", "content_type", "size", "uploaded_by"),
            ("uploaded_by",),
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressReport]:
        return (
            super()
            .get_queryset(request)
            .filter(unit_id__in=admin_unit_ids(request.user))
            .select_related("unit", "period__campaign", "submitted_by")
        )


# --- clusters ------------------------------------------------------------------------------------


@admin.register(Cluster, site=admin_site)
class ClusterAdmin(EmulationReadOnlyAdmin):
    list_display = ("name", "kind", "parent_unit", "formed_on", "dissolved_on")
    list_select_related = ("parent_unit",)
    list_filter = ("kind",)
    search_fields = ("name", "parent_unit__name")
    ordering = ("parent_unit__name", "name")
    inlines = [
        _inline(
            ClusterMembership,
            ("unit", "joined_on", "join_reason", "left_on", "leave_reason"),
            ("unit",),
        ),
        _inline(
            ClusterOfficer,
            ("year", "position", "unit", "method", "chosen_on", "minutes_number"),
            ("unit",),
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Cluster]:
        return (
            super()
            .get_queryset(request)
            .filter(parent_unit_id__in=admin_unit_ids(request.user))
            .select_related("parent_unit", "created_by")
        )


class ClusterScopedAdmin(EmulationReadOnlyAdmin):
    """Records of a cluster's year, inside the subtree of the unit that formed the cluster."""

    cluster_path = "agreement__cluster"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        scope = {f"{self.cluster_path}__parent_unit_id__in": admin_unit_ids(request.user)}
        return super().get_queryset(request).filter(**scope)


@admin.register(ClusterAgreement, site=admin_site)
class ClusterAgreementAdmin(ClusterScopedAdmin):
    cluster_path = "cluster"
    list_display = ("title", "cluster", "year", "status", "leaders_to_propose")
    list_select_related = ("cluster",)
    list_filter = ("status", "year")
    search_fields = ("title", "cluster__name")
    ordering = ("-year", "cluster__name")
    inlines = [
        _inline(
            AgreementIndicator,
            ("code", "name", "max_points", "weight", "scoring_method", "target_value"),
        ),
        _inline(AgreementAdjustment, ("kind", "code", "name", "points", "max_points")),
        _inline(AgreementSignature, ("unit", "signed_on", "signatory"), ("unit",)),
        _inline(
            ClusterRankingEntry, ("position", "rank", "unit", "score", "decided_by"), ("unit",)
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("cluster__parent_unit", "created_by")


@admin.register(ScoreSheet, site=admin_site)
class ScoreSheetAdmin(ClusterScopedAdmin):
    list_display = ("unit", "agreement", "status", "self_total", "checked_total", "final_total")
    list_select_related = ("unit", "agreement__cluster")
    list_filter = ("status", "agreement__year")
    search_fields = ("unit__name", "agreement__cluster__name")
    ordering = ("agreement", "unit__name")
    inlines = [
        _inline(
            ScoreLine,
            (
                "indicator",
                "target_value",
                "self_result",
                "self_points",
                "checked_result",
                "checked_points",
            ),
            ("indicator",),
        ),
        _inline(
            ScoreAdjustmentLine,
            ("item", "self_count", "self_points", "checked_count", "checked_points"),
            ("item",),
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related(
                "unit", "agreement__cluster", "checking_unit", "self_submitted_by", "checked_by"
            )
        )


@admin.register(LeadProposal, site=admin_site)
class LeadProposalAdmin(ClusterScopedAdmin):
    list_display = ("agreement", "meeting_on", "minutes_number")
    list_select_related = ("agreement__cluster",)
    search_fields = ("agreement__cluster__name", "minutes_number")
    ordering = ("-meeting_on",)
    exclude = ("minutes_file",)
    inlines = [_inline(LeadProposalUnit, ("position", "unit"), ("unit",))]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("agreement__cluster", "recorded_by")
