from typing import Any

from django.contrib.auth import views as auth_views
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.forms import SetPasswordForm, UserCreateForm, UserFilterForm, UserUpdateForm
from accounts.models import User
from accounts.selectors import user_get_visible, user_list_visible_to
from accounts.services import user_create, user_set_password, user_update
from common.views import FilteredListView, ServiceFormView


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class UserListView(FilteredListView):
    """Accounts of the units the administrator manages."""

    template_name = "accounts/user_list.html"
    filter_form_class = UserFilterForm
    export_name = "tai-khoan"
    export_title = gettext_lazy("User accounts")
    export_columns = [
        (gettext_lazy("Username"), lambda u: u.username),
        (gettext_lazy("Full name"), lambda u: u.full_name),
        (gettext_lazy("Email"), lambda u: u.email),
        (gettext_lazy("Unit"), lambda u: u.home_unit.name if u.home_unit else ""),
        (gettext_lazy("Active"), lambda u: u.is_active),
        (gettext_lazy("Last sign-in"), lambda u: u.last_login),
    ]

    def select(self, **filters: Any) -> QuerySet[User]:
        return user_list_visible_to(self.request.user, **filters).filter(is_system=False)


class UserCreateView(ServiceFormView):
    template_name = "accounts/user_form.html"
    form_class = UserCreateForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: UserCreateForm) -> User:
        self.created = user_create(actor=self.request.user, **form.cleaned_data)
        return self.created

    def get_success_url(self) -> str:
        return reverse("organizations:role_grant")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New user account")
        context["explanation"] = _(
            "After creating the account, grant it a role: without one the user sees nothing."
        )
        return context


class UserActionMixin:
    request: Any
    kwargs: dict[str, Any]

    def get_account(self) -> User:
        if not hasattr(self, "_account"):
            self._account = user_get_visible(self.request.user, self.kwargs["pk"])
        return self._account

    def get_success_url(self) -> str:
        return reverse("accounts:user_list")


class UserUpdateView(UserActionMixin, ServiceFormView):
    template_name = "accounts/user_form.html"
    form_class = UserUpdateForm
    success_message = gettext_lazy("The account was saved.")

    def get_initial(self) -> dict[str, Any]:
        account = self.get_account()
        return {
            "full_name": account.full_name,
            "email": account.email,
            "phone": account.phone,
            "is_active": account.is_active,
        }

    def perform(self, form: UserUpdateForm) -> User:
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return user_update(actor=self.request.user, user=self.get_account(), **changes)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Account %(username)s") % {"username": self.get_account().username}
        context["account"] = self.get_account()
        return context


class UserSetPasswordView(UserActionMixin, ServiceFormView):
    template_name = "accounts/user_form.html"
    form_class = SetPasswordForm
    success_message = gettext_lazy("The new password was set. Give it to the user privately.")

    def perform(self, form: SetPasswordForm) -> User:
        return user_set_password(
            actor=self.request.user, user=self.get_account(), password=form.cleaned_data["password"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Set a new password for %(username)s") % {
            "username": self.get_account().username
        }
        return context
