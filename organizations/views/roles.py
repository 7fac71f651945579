"""Pages where administrators grant and revoke scoped roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy

from accounts.selectors import user_list_visible_to
from common.views import FilteredListView, ServiceFormView
from organizations.forms import RoleFilterForm, RoleGrantForm, RoleRevokeForm
from organizations.models import RoleAssignment
from organizations.selectors import role_assignment_get_visible, role_assignment_list_visible_to
from organizations.services import role_grant, role_revoke

ROLE_EXPORT_COLUMNS = [
    (gettext_lazy("User"), lambda a: a.user.username),
    (gettext_lazy("Full name"), lambda a: a.user.full_name),
    (gettext_lazy("Role"), lambda a: a.get_role_display()),
    (gettext_lazy("Unit"), lambda a: a.unit.name),
    (gettext_lazy("Granted at"), lambda a: a.created_at),
    (gettext_lazy("Granted by"), lambda a: a.granted_by.username if a.granted_by else ""),
    (gettext_lazy("Revoked at"), lambda a: a.revoked_at),
]


class RoleListView(FilteredListView):
    """Role assignments in the units the reader administers or audits."""

    template_name = "organizations/role_list.html"
    filter_form_class = RoleFilterForm
    export_name = "phan-quyen"
    export_title = gettext_lazy("Roles")
    export_columns = ROLE_EXPORT_COLUMNS

    def select(self, **filters: Any) -> QuerySet[RoleAssignment]:
        return role_assignment_list_visible_to(self.request.user, **filters)


class RoleGrantView(ServiceFormView):
    template_name = "organizations/role_form.html"
    form_class = RoleGrantForm
    success_url = reverse_lazy("organizations:role_list")
    success_message = gettext_lazy("The role was granted.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "users": user_list_visible_to(self.request.user).filter(
                is_active=True, is_system=False
            ),
        }

    def get_initial(self) -> dict[str, Any]:
        return {"unit": self.request.GET.get("unit")}

    def perform(self, form: RoleGrantForm) -> RoleAssignment:
        data = form.cleaned_data
        return role_grant(
            actor=self.request.user,
            user=data["user"],
            role=data["role"],
            unit=data["unit"],
            note=data["note"],
        )


class RoleRevokeView(ServiceFormView):
    template_name = "organizations/role_revoke.html"
    form_class = RoleRevokeForm
    success_message = gettext_lazy("The role was revoked.")

    def get_assignment(self) -> RoleAssignment:
        if not hasattr(self, "_assignment"):
            self._assignment = role_assignment_get_visible(self.request.user, self.kwargs["pk"])
        return self._assignment

    def perform(self, form: RoleRevokeForm) -> RoleAssignment:
        return role_revoke(
            actor=self.request.user,
            assignment=self.get_assignment(),
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self) -> str:
        return reverse("organizations:role_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["assignment"] = self.get_assignment()
        return context
