"""The writers of campaigns, registrations, reports, clusters, agreements and scores."""

from .agreements import AdjustmentSpec, IndicatorSpec, agreement_sign, cluster_agreement_create
from .campaigns import (
    campaign_close,
    campaign_create,
    campaign_launch,
    campaign_phase_remove,
    campaign_phase_save,
    campaign_start,
    campaign_update,
    planned_award_remove,
    planned_award_save,
    reporting_period_remove,
    reporting_period_save,
    target_indicator_remove,
    target_indicator_save,
)
from .clusters import (
    cluster_create,
    cluster_member_add,
    cluster_member_remove,
    cluster_officer_elect,
)
from .registrations import (
    progress_report_submit,
    registration_acknowledge,
    registration_return,
    registration_submit,
)
from .scores import (
    AdjustmentClaim,
    IndicatorScore,
    cluster_ranking_finalise,
    lead_proposal_record,
    score_sheet_check,
    score_sheet_submit,
)

__all__ = [
    "AdjustmentClaim",
    "AdjustmentSpec",
    "IndicatorScore",
    "IndicatorSpec",
    "agreement_sign",
    "campaign_close",
    "campaign_create",
    "campaign_launch",
    "campaign_phase_remove",
    "campaign_phase_save",
    "campaign_start",
    "campaign_update",
    "cluster_agreement_create",
    "cluster_create",
    "cluster_member_add",
    "cluster_member_remove",
    "cluster_officer_elect",
    "cluster_ranking_finalise",
    "lead_proposal_record",
    "planned_award_remove",
    "planned_award_save",
    "progress_report_submit",
    "registration_acknowledge",
    "registration_return",
    "registration_submit",
    "reporting_period_remove",
    "reporting_period_save",
    "score_sheet_check",
    "score_sheet_submit",
    "target_indicator_remove",
    "target_indicator_save",
]
