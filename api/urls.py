"""The REST API: resources under /api/v1/, the OpenAPI schema and its Swagger UI.

Every answer, including a 404 for an address that does not exist, has the API's error body.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import (
    agreements,
    audit,
    auth,
    awards,
    campaign_progress,
    campaigns,
    clusters,
    councils,
    decisions,
    delegations,
    eligibility,
    nominations,
    notifications,
    people,
    registrations,
    submissions,
    tasks,
    units,
)
from api.views import ApiNotFoundView

app_name = "api"

v1 = [
    path("auth/token/", auth.TokenIssueApi.as_view(), name="token"),
    path("me/", auth.MeApi.as_view(), name="me"),
    path("units/", units.UnitListApi.as_view(), name="unit-list"),
    path("units/<int:pk>/", units.UnitDetailApi.as_view(), name="unit-detail"),
    path("units/<int:pk>/children/", units.UnitChildrenApi.as_view(), name="unit-children"),
    path("people/", people.PersonListApi.as_view(), name="person-list"),
    path("people/<int:pk>/", people.PersonDetailApi.as_view(), name="person-detail"),
    path("regulations/", awards.RegulationListApi.as_view(), name="regulation-list"),
    path(
        "regulations/in-force/", awards.RegulationInForceApi.as_view(), name="regulation-in-force"
    ),
    path("regulations/<int:pk>/", awards.RegulationDetailApi.as_view(), name="regulation-detail"),
    path("award-types/", awards.AwardTypeListApi.as_view(), name="award-type-list"),
    path("award-types/<int:pk>/", awards.AwardTypeDetailApi.as_view(), name="award-type-detail"),
    path("eligibility/", eligibility.EligibilityApi.as_view(), name="eligibility"),
    path("quotas/", eligibility.QuotaUsageApi.as_view(), name="quota-list"),
    path("award-records/", awards.AwardRecordListApi.as_view(), name="award-record-list"),
    # the nomination workflow (issue 3)
    path("nominations/", nominations.NominationListApi.as_view(), name="nomination-list"),
    path(
        "nominations/<int:pk>/",
        nominations.NominationDetailApi.as_view(),
        name="nomination-detail",
    ),
    path(
        "nominations/<int:pk>/checks/",
        nominations.NominationChecksApi.as_view(),
        name="nomination-checks",
    ),
    path(
        "nominations/<int:pk>/checks/<str:rule_id>/override/",
        nominations.CheckOverrideApi.as_view(),
        name="nomination-check-override",
    ),
    path(
        "nominations/<int:pk>/history/",
        nominations.NominationHistoryApi.as_view(),
        name="nomination-history",
    ),
    path(
        "nominations/<int:pk>/attachments/",
        nominations.AttachmentAddApi.as_view(),
        name="nomination-attachment-add",
    ),
    path(
        "nominations/<int:pk>/attachments/<int:attachment_pk>/",
        nominations.AttachmentRemoveApi.as_view(),
        name="nomination-attachment-remove",
    ),
    path(
        "nominations/<int:pk>/submit/",
        nominations.NominationSubmitApi.as_view(),
        name="nomination-submit",
    ),
    path(
        "nominations/<int:pk>/review/",
        nominations.NominationReviewApi.as_view(),
        name="nomination-review",
    ),
    path(
        "nominations/<int:pk>/resubmit/",
        nominations.NominationResubmitApi.as_view(),
        name="nomination-resubmit",
    ),
    path(
        "nominations/<int:pk>/withdraw/",
        nominations.NominationWithdrawApi.as_view(),
        name="nomination-withdraw",
    ),
    path("tasks/", tasks.TaskListApi.as_view(), name="task-list"),
    path("tasks/<int:pk>/", tasks.TaskDetailApi.as_view(), name="task-detail"),
    path("tasks/<int:pk>/claim/", tasks.TaskClaimApi.as_view(), name="task-claim"),
    path("tasks/<int:pk>/release/", tasks.TaskReleaseApi.as_view(), name="task-release"),
    path("tasks/<int:pk>/reassign/", tasks.TaskReassignApi.as_view(), name="task-reassign"),
    path("submissions/", submissions.SubmissionListApi.as_view(), name="submission-list"),
    path(
        "submissions/<int:pk>/",
        submissions.SubmissionDetailApi.as_view(),
        name="submission-detail",
    ),
    path(
        "submissions/<int:pk>/submit/",
        submissions.SubmissionSubmitApi.as_view(),
        name="submission-submit",
    ),
    path(
        "submissions/<int:pk>/review/",
        submissions.SubmissionReviewApi.as_view(),
        name="submission-review",
    ),
    path("delegations/", delegations.DelegationListApi.as_view(), name="delegation-list"),
    path(
        "delegations/<int:pk>/end/",
        delegations.DelegationEndApi.as_view(),
        name="delegation-end",
    ),
    # councils, their sessions and votes; award decisions (issue 3 §3, §4)
    path("councils/", councils.CouncilListApi.as_view(), name="council-list"),
    path("councils/<int:pk>/", councils.CouncilDetailApi.as_view(), name="council-detail"),
    path("council-sessions/", councils.SessionListApi.as_view(), name="session-list"),
    path(
        "council-sessions/<int:pk>/",
        councils.SessionDetailApi.as_view(),
        name="session-detail",
    ),
    path(
        "council-sessions/<int:pk>/agenda/",
        councils.AgendaItemAddApi.as_view(),
        name="session-agenda-add",
    ),
    path(
        "council-sessions/<int:pk>/agenda/<int:item_pk>/",
        councils.AgendaItemApi.as_view(),
        name="session-agenda-item",
    ),
    path(
        "council-sessions/<int:pk>/agenda/<int:item_pk>/vote/",
        councils.VoteCastApi.as_view(),
        name="session-vote",
    ),
    path(
        "council-sessions/<int:pk>/attendance/",
        councils.AttendanceRecordApi.as_view(),
        name="session-attendance",
    ),
    path(
        "council-sessions/<int:pk>/open/",
        councils.SessionOpenApi.as_view(),
        name="session-open",
    ),
    path(
        "council-sessions/<int:pk>/close/",
        councils.SessionCloseApi.as_view(),
        name="session-close",
    ),
    path(
        "council-sessions/<int:pk>/cancel/",
        councils.SessionCancelApi.as_view(),
        name="session-cancel",
    ),
    path("decisions/", decisions.DecisionListApi.as_view(), name="decision-list"),
    path("decisions/<int:pk>/", decisions.DecisionDetailApi.as_view(), name="decision-detail"),
    path(
        "decisions/<int:pk>/issue/",
        decisions.DecisionIssueApi.as_view(),
        name="decision-issue",
    ),
    path(
        "decisions/<int:pk>/items/<int:item_pk>/revoke/",
        decisions.AwardRevokeApi.as_view(),
        name="decision-item-revoke",
    ),
    # emulation: campaigns, registrations, reports, clusters and their scoring (issue 4 §5)
    path("campaigns/", campaigns.CampaignListApi.as_view(), name="campaign-list"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailApi.as_view(), name="campaign-detail"),
    path(
        "campaigns/<int:pk>/launch/",
        campaigns.CampaignLaunchApi.as_view(),
        name="campaign-launch",
    ),
    path("campaigns/<int:pk>/start/", campaigns.CampaignStartApi.as_view(), name="campaign-start"),
    path("campaigns/<int:pk>/close/", campaigns.CampaignCloseApi.as_view(), name="campaign-close"),
    path(
        "campaigns/<int:pk>/phases/",
        campaigns.PhaseAddApi.as_view(),
        name="campaign-phase-add",
    ),
    path(
        "campaigns/<int:pk>/phases/<int:item_pk>/",
        campaigns.PhaseApi.as_view(),
        name="campaign-phase",
    ),
    path(
        "campaigns/<int:pk>/indicators/",
        campaigns.IndicatorAddApi.as_view(),
        name="campaign-indicator-add",
    ),
    path(
        "campaigns/<int:pk>/indicators/<int:item_pk>/",
        campaigns.IndicatorApi.as_view(),
        name="campaign-indicator",
    ),
    path(
        "campaigns/<int:pk>/planned-awards/",
        campaigns.PlannedAwardAddApi.as_view(),
        name="campaign-planned-award-add",
    ),
    path(
        "campaigns/<int:pk>/planned-awards/<int:item_pk>/",
        campaigns.PlannedAwardApi.as_view(),
        name="campaign-planned-award",
    ),
    path(
        "campaigns/<int:pk>/reporting-periods/",
        campaigns.ReportingPeriodAddApi.as_view(),
        name="campaign-period-add",
    ),
    path(
        "campaigns/<int:pk>/reporting-periods/<int:item_pk>/",
        campaigns.ReportingPeriodApi.as_view(),
        name="campaign-period",
    ),
    path(
        "campaigns/<int:pk>/progress/",
        campaign_progress.CampaignProgressApi.as_view(),
        name="campaign-progress",
    ),
    path(
        "campaigns/<int:pk>/registrations-missing/",
        campaign_progress.RegistrationMissingApi.as_view(),
        name="campaign-registrations-missing",
    ),
    path(
        "campaigns/<int:pk>/registrations-late/",
        campaign_progress.RegistrationLateApi.as_view(),
        name="campaign-registrations-late",
    ),
    path(
        "campaigns/<int:pk>/reports-missing/",
        campaign_progress.ReportMissingApi.as_view(),
        name="campaign-reports-missing",
    ),
    path(
        "campaigns/<int:pk>/reports-late/",
        campaign_progress.ReportLateApi.as_view(),
        name="campaign-reports-late",
    ),
    path("registrations/", registrations.RegistrationListApi.as_view(), name="registration-list"),
    path(
        "registrations/<int:pk>/",
        registrations.RegistrationDetailApi.as_view(),
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/resubmit/",
        registrations.RegistrationResubmitApi.as_view(),
        name="registration-resubmit",
    ),
    path(
        "registrations/<int:pk>/acknowledge/",
        registrations.RegistrationAcknowledgeApi.as_view(),
        name="registration-acknowledge",
    ),
    path(
        "registrations/<int:pk>/return/",
        registrations.RegistrationReturnApi.as_view(),
        name="registration-return",
    ),
    path(
        "progress-reports/",
        registrations.ProgressReportListApi.as_view(),
        name="progress-report-list",
    ),
    path(
        "progress-reports/<int:pk>/",
        registrations.ProgressReportDetailApi.as_view(),
        name="progress-report-detail",
    ),
    path(
        "progress-reports/<int:pk>/evidence/",
        registrations.ProgressReportEvidenceApi.as_view(),
        name="progress-report-evidence",
    ),
    path("clusters/", clusters.ClusterListApi.as_view(), name="cluster-list"),
    path("clusters/results/", clusters.ClusterResultApi.as_view(), name="cluster-results"),
    path("clusters/<int:pk>/", clusters.ClusterDetailApi.as_view(), name="cluster-detail"),
    path(
        "clusters/<int:pk>/members/",
        clusters.ClusterMemberAddApi.as_view(),
        name="cluster-member-add",
    ),
    path(
        "clusters/<int:pk>/members/<int:membership_pk>/remove/",
        clusters.ClusterMemberRemoveApi.as_view(),
        name="cluster-member-remove",
    ),
    path(
        "clusters/<int:pk>/officers/",
        clusters.ClusterOfficerElectApi.as_view(),
        name="cluster-officer-elect",
    ),
    path(
        "clusters/<int:pk>/agreements/",
        agreements.AgreementCreateApi.as_view(),
        name="cluster-agreement-create",
    ),
    path("agreements/<int:pk>/", agreements.AgreementDetailApi.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/sign/", agreements.AgreementSignApi.as_view(), name="agreement-sign"),
    path(
        "agreements/<int:pk>/score-sheets/",
        agreements.ScoreSheetListApi.as_view(),
        name="agreement-score-sheets",
    ),
    path(
        "agreements/<int:pk>/ranking/",
        agreements.RankingApi.as_view(),
        name="agreement-ranking",
    ),
    path(
        "agreements/<int:pk>/finalise/",
        agreements.RankingFinaliseApi.as_view(),
        name="agreement-finalise",
    ),
    path(
        "agreements/<int:pk>/lead-proposal/",
        agreements.LeadProposalApi.as_view(),
        name="agreement-lead-proposal",
    ),
    path(
        "score-sheets/<int:pk>/",
        agreements.ScoreSheetDetailApi.as_view(),
        name="score-sheet-detail",
    ),
    path(
        "score-sheets/<int:pk>/check/",
        agreements.ScoreSheetCheckApi.as_view(),
        name="score-sheet-check",
    ),
    path(
        "notifications/",
        notifications.NotificationListApi.as_view(),
        name="notification-list",
    ),
    path(
        "notifications/read/",
        notifications.NotificationsReadApi.as_view(),
        name="notifications-read",
    ),
    # the auditor's reads (issue 6 §4)
    path("audit/events/", audit.AuditEventListApi.as_view(), name="audit-event-list"),
    path(
        "audit/nominations/<int:pk>/timeline/",
        audit.NominationTimelineApi.as_view(),
        name="audit-nomination-timeline",
    ),
    path(
        "audit/history/<str:label>/<str:pk>/",
        audit.ObjectHistoryApi.as_view(),
        name="audit-object-history",
    ),
    path("audit/reports/", audit.AnomalyReportsApi.as_view(), name="audit-reports"),
    path("audit/chain/", audit.ChainStatusApi.as_view(), name="audit-chain"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/ answers 404 with the error body, not an HTML page.
    re_path(r"^.*$", ApiNotFoundView.as_view(), name="not-found"),
]
