from django.urls import path

from emulation.views import agreements, campaigns, clusters, registrations, reports

app_name = "emulation"
urlpatterns = [
    # campaigns
    path("", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("new/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path("<int:pk>/edit/", campaigns.CampaignUpdateView.as_view(), name="campaign_update"),
    path("<int:pk>/launch/", campaigns.CampaignLaunchView.as_view(), name="campaign_launch"),
    path("<int:pk>/start/", campaigns.CampaignStartView.as_view(), name="campaign_start"),
    path("<int:pk>/close/", campaigns.CampaignCloseView.as_view(), name="campaign_close"),
    # the draft's parts
    path("<int:pk>/phases/new/", campaigns.PhaseSaveView.as_view(), name="phase_create"),
    path(
        "<int:pk>/phases/<int:item_pk>/edit/",
        campaigns.PhaseSaveView.as_view(),
        name="phase_update",
    ),
    path(
        "<int:pk>/phases/<int:item_pk>/remove/",
        campaigns.PhaseRemoveView.as_view(),
        name="phase_remove",
    ),
    path("<int:pk>/targets/new/", campaigns.IndicatorSaveView.as_view(), name="indicator_create"),
    path(
        "<int:pk>/targets/<int:item_pk>/edit/",
        campaigns.IndicatorSaveView.as_view(),
        name="indicator_update",
    ),
    path(
        "<int:pk>/targets/<int:item_pk>/remove/",
        campaigns.IndicatorRemoveView.as_view(),
        name="indicator_remove",
    ),
    path("<int:pk>/awards/new/", campaigns.PlannedAwardSaveView.as_view(), name="award_create"),
    path(
        "<int:pk>/awards/<int:item_pk>/edit/",
        campaigns.PlannedAwardSaveView.as_view(),
        name="award_update",
    ),
    path(
        "<int:pk>/awards/<int:item_pk>/remove/",
        campaigns.PlannedAwardRemoveView.as_view(),
        name="award_remove",
    ),
    path("<int:pk>/periods/new/", campaigns.PeriodSaveView.as_view(), name="period_create"),
    path(
        "<int:pk>/periods/<int:item_pk>/edit/",
        campaigns.PeriodSaveView.as_view(),
        name="period_update",
    ),
    path(
        "<int:pk>/periods/<int:item_pk>/remove/",
        campaigns.PeriodRemoveView.as_view(),
        name="period_remove",
    ),
    # who has registered and reported, against the deadlines
    path(
        "<int:pk>/registrations/",
        campaigns.RegistrationDeadlineView.as_view(),
        name="registration_status",
    ),
    path("<int:pk>/reports/", campaigns.ReportDeadlineView.as_view(), name="report_status"),
    # registrations
    path(
        "<int:pk>/register/",
        registrations.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path("registrations/", registrations.RegistrationListView.as_view(), name="registration_list"),
    path(
        "registrations/<int:pk>/",
        registrations.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "registrations/<int:pk>/refile/",
        registrations.RegistrationRefileView.as_view(),
        name="registration_refile",
    ),
    path(
        "registrations/<int:pk>/acknowledge/",
        registrations.RegistrationAcknowledgeView.as_view(),
        name="registration_acknowledge",
    ),
    path(
        "registrations/<int:pk>/return/",
        registrations.RegistrationReturnView.as_view(),
        name="registration_return",
    ),
    path("people/lookup/", registrations.PersonLookupView.as_view(), name="person_lookup"),
    # progress reports
    path("<int:pk>/report/", reports.ReportFileView.as_view(), name="report_file"),
    path("reports/", reports.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path(
        "reports/<int:pk>/files/<int:file_pk>/",
        reports.ReportAttachmentView.as_view(),
        name="report_attachment",
    ),
    # clusters
    path("clusters/", clusters.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/new/", clusters.ClusterCreateView.as_view(), name="cluster_create"),
    path("clusters/<int:pk>/", clusters.ClusterDetailView.as_view(), name="cluster_detail"),
    path("clusters/<int:pk>/members/", clusters.MemberAddView.as_view(), name="cluster_member_add"),
    path(
        "clusters/<int:pk>/members/<int:membership_pk>/leave/",
        clusters.MemberRemoveView.as_view(),
        name="cluster_member_remove",
    ),
    path(
        "clusters/<int:pk>/officers/new/",
        clusters.OfficerCreateView.as_view(),
        name="cluster_officer_create",
    ),
    path(
        "clusters/<int:pk>/officers/<int:officer_pk>/minutes/",
        clusters.OfficerMinutesView.as_view(),
        name="cluster_officer_minutes",
    ),
    path(
        "clusters/<int:pk>/agreements/new/",
        agreements.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    # a cluster's year: agreement, signatures, scores, ranking, proposal
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/sign/", agreements.SignView.as_view(), name="agreement_sign"),
    path("agreements/<int:pk>/score/", agreements.ScoreView.as_view(), name="agreement_score"),
    path(
        "agreements/<int:pk>/finalise/",
        agreements.RankingFinaliseView.as_view(),
        name="ranking_finalise",
    ),
    path("agreements/<int:pk>/propose/", agreements.ProposalView.as_view(), name="proposal_create"),
    path(
        "agreements/<int:pk>/proposal/minutes/",
        agreements.ProposalMinutesView.as_view(),
        name="proposal_minutes",
    ),
    path("sheets/<int:pk>/", agreements.SheetDetailView.as_view(), name="sheet_detail"),
    path("sheets/<int:pk>/check/", agreements.SheetCheckView.as_view(), name="sheet_check"),
]
