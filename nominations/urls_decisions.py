"""Decisions: drafts, issuing, revoking an award."""

from django.urls import URLPattern, path

from nominations.views import decisions

urlpatterns: list[URLPattern] = [
    path("decisions/", decisions.DecisionListView.as_view(), name="decision_list"),
    path("decisions/new/", decisions.DecisionCreateView.as_view(), name="decision_create"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path(
        "decisions/<int:pk>/edit/", decisions.DecisionUpdateView.as_view(), name="decision_update"
    ),
    path("decisions/<int:pk>/issue/", decisions.DecisionIssueView.as_view(), name="decision_issue"),
    path("decisions/<int:pk>/print/", decisions.DecisionPrintView.as_view(), name="decision_print"),
    path(
        "decisions/<int:pk>/recipients/<int:item_pk>/revoke/",
        decisions.AwardRevokeView.as_view(),
        name="award_revoke",
    ),
]
