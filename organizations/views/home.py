from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from organizations.models import Role
from organizations.permissions import can_manage_catalogue, is_administrator
from organizations.selectors import person_list_visible_to, user_roles_summary, visible_unit_count


class HomeView(LoginRequiredMixin, TemplateView):
    """The signed-in user's starting point: their roles, their scope, and what to do next."""

    template_name = "organizations/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user_roles_summary(user)
        held = {assignment.role for assignment in roles}
        context.update(
            roles=roles,
            unit_count=visible_unit_count(user),
            person_count=person_list_visible_to(user).count(),
            is_clerk=Role.CLERK in held,
            is_reviewer=bool(
                held & {Role.REVIEWER, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.SIGNER}
            ),
            is_auditor=Role.AUDITOR in held,
            is_administrator=is_administrator(user),
            can_manage_catalogue=can_manage_catalogue(user),
            first_unit=roles[0].unit if roles else None,
        )
        return context
