from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditHomeView.as_view(), name="index"),
    path("events/", views.EventSearchView.as_view(), name="events"),
    path("reports/", views.AnomalyReportsView.as_view(), name="reports"),
    path("chain/", views.ChainStatusView.as_view(), name="chain"),
    path(
        "nominations/<int:pk>/timeline/",
        views.NominationTimelineView.as_view(),
        name="timeline",
    ),
    path("history/<str:label>/<str:pk>/", views.ObjectHistoryView.as_view(), name="history"),
]
