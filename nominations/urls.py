from django.urls import path

from nominations.urls_councils import urlpatterns as council_urlpatterns
from nominations.urls_decisions import urlpatterns as decision_urlpatterns
from nominations.views import checks, detail, dossier, eligibility, nominations, submissions

app_name = "nominations"
urlpatterns = [
    path("", nominations.NominationListView.as_view(), name="list"),
    path("new/", nominations.NominationCreateView.as_view(), name="create"),
    path("people/lookup/", nominations.PersonLookupView.as_view(), name="person_lookup"),
    # before filing: which awards a nominee qualifies for; how much of each quota is used
    path("eligibility/", eligibility.EligibilityView.as_view(), name="eligibility"),
    path("quotas/", eligibility.QuotaView.as_view(), name="quotas"),
    # one nomination: the review screen and its steps
    path("<int:pk>/", detail.NominationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", nominations.NominationUpdateView.as_view(), name="update"),
    path("<int:pk>/print/", nominations.NominationPrintView.as_view(), name="print"),
    path("<int:pk>/submit/", detail.NominationSubmitView.as_view(), name="submit"),
    path("<int:pk>/resubmit/", detail.NominationResubmitView.as_view(), name="resubmit"),
    path("<int:pk>/withdraw/", detail.NominationWithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/review/", detail.NominationReviewView.as_view(), name="review"),
    # its checks: re-check now, override a blocking one
    path("<int:pk>/checks/run/", checks.NominationChecksRunView.as_view(), name="checks_run"),
    path("<int:pk>/checks/override/", checks.CheckOverrideView.as_view(), name="check_override"),
    # its dossier
    path("<int:pk>/documents/", dossier.AttachmentAddView.as_view(), name="attachment_add"),
    path(
        "<int:pk>/documents/<int:attachment_pk>/",
        dossier.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "<int:pk>/documents/<int:attachment_pk>/remove/",
        dossier.AttachmentRemoveView.as_view(),
        name="attachment_remove",
    ),
    # submission letters
    path("letters/", submissions.SubmissionListView.as_view(), name="submission_list"),
    path("letters/new/", submissions.SubmissionCreateView.as_view(), name="submission_create"),
    path("letters/<int:pk>/", submissions.SubmissionDetailView.as_view(), name="submission_detail"),
    path(
        "letters/<int:pk>/edit/",
        submissions.SubmissionUpdateView.as_view(),
        name="submission_update",
    ),
    path(
        "letters/<int:pk>/submit/",
        submissions.SubmissionSubmitView.as_view(),
        name="submission_submit",
    ),
    path(
        "letters/<int:pk>/review/",
        submissions.SubmissionReviewView.as_view(),
        name="submission_review",
    ),
    path(
        "letters/<int:pk>/file/", submissions.SubmissionFileView.as_view(), name="submission_file"
    ),
    path(
        "letters/<int:pk>/print/",
        submissions.SubmissionPrintView.as_view(),
        name="submission_print",
    ),
]
# councils and their sessions, decisions: one module each
urlpatterns += council_urlpatterns + decision_urlpatterns
