from django.urls import path

from workflows import views

app_name = "workflows"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/claim/", views.TaskClaimView.as_view(), name="claim"),
    path("<int:pk>/release/", views.TaskReleaseView.as_view(), name="release"),
    path("<int:pk>/reassign/", views.TaskReassignView.as_view(), name="reassign"),
    path("delegations/new/", views.DelegationCreateView.as_view(), name="delegation_create"),
    path("delegations/<int:pk>/end/", views.DelegationEndView.as_view(), name="delegation_end"),
]
