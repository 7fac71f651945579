from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("regulations/", views.RegulationListView.as_view(), name="regulation_list"),
    path("regulations/<int:pk>/", views.RegulationDetailView.as_view(), name="regulation_detail"),
    path("types/<int:pk>/", views.AwardTypeDetailView.as_view(), name="award_type_detail"),
]
