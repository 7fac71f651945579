from django.urls import include, path

from common.admin import admin_site
from organizations.views.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("admin/", admin_site.urls),
    path("api/", include("api.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("organizations.urls")),
    path("awards/", include("awards.urls")),
    path("imports/", include("imports.urls")),
    path("nominations/", include("nominations.urls")),
    path("emulation/", include("emulation.urls")),
    path("tasks/", include("workflows.urls")),
    path("notifications/", include("notifications.urls")),
    path("audit/", include("audit.urls")),
]
