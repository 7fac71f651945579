from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.ImportJobListView.as_view(), name="job_list"),
    path("upload/", views.ImportJobCreateView.as_view(), name="job_create"),
    path("<int:pk>/", views.ImportJobDetailView.as_view(), name="job_detail"),
    path("<int:pk>/errors.xlsx", views.ImportJobErrorsExportView.as_view(), name="job_errors"),
    path("templates/<slug:kind>.xlsx", views.ImportTemplateView.as_view(), name="template"),
]
