"""Councils, their sessions, the agenda, attendance and votes."""

from django.urls import URLPattern, path

from nominations.views import councils

urlpatterns: list[URLPattern] = [
    path("councils/", councils.CouncilListView.as_view(), name="council_list"),
    path("councils/<int:pk>/", councils.CouncilDetailView.as_view(), name="council_detail"),
    path("councils/sessions/", councils.CouncilSessionListView.as_view(), name="session_list"),
    path(
        "councils/sessions/new/",
        councils.CouncilSessionCreateView.as_view(),
        name="session_create",
    ),
    # the session screen and its actions
    path(
        "councils/sessions/<int:pk>/",
        councils.CouncilSessionDetailView.as_view(),
        name="session_detail",
    ),
    path(
        "councils/sessions/<int:pk>/agenda/",
        councils.AgendaAddView.as_view(),
        name="session_agenda_add",
    ),
    path(
        "councils/sessions/<int:pk>/agenda/<int:item_pk>/remove/",
        councils.AgendaRemoveView.as_view(),
        name="session_agenda_remove",
    ),
    path(
        "councils/sessions/<int:pk>/open/", councils.SessionOpenView.as_view(), name="session_open"
    ),
    path(
        "councils/sessions/<int:pk>/attendance/<int:member_pk>/",
        councils.AttendanceRecordView.as_view(),
        name="session_attendance",
    ),
    path(
        "councils/sessions/<int:pk>/items/<int:item_pk>/vote/",
        councils.VoteCastView.as_view(),
        name="session_vote",
    ),
    path(
        "councils/sessions/<int:pk>/close/",
        councils.SessionCloseView.as_view(),
        name="session_close",
    ),
    path(
        "councils/sessions/<int:pk>/cancel/",
        councils.SessionCancelView.as_view(),
        name="session_cancel",
    ),
]
