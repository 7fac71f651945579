"""The notifications page: the user's messages, newest first; open one (it is marked read) or
mark them all read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from common.views import FilteredListView
from notifications.models import Notification
from notifications.selectors import notification_list_for
from notifications.services import notifications_mark_read

NOTIFICATION_EXPORT_COLUMNS = [
    (gettext_lazy("Received"), lambda n: n.created_at),
    (gettext_lazy("Subject"), lambda n: n.subject),
    (gettext_lazy("Message"), lambda n: n.body),
    (gettext_lazy("Read"), lambda n: n.read_at),
]


class NotificationFilterForm(forms.Form):
    unread_only = forms.BooleanField(label=gettext_lazy("Unread only"), required=False)


class NotificationListView(FilteredListView):
    template_name = "notifications/notification_list.html"
    filter_form_class = NotificationFilterForm
    export_name = "thong-bao"
    export_title = gettext_lazy("Notifications")
    export_columns = NOTIFICATION_EXPORT_COLUMNS

    def select(self, **filters: Any) -> QuerySet[Notification]:
        return notification_list_for(self.request.user, **filters)


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one notification read and go where it points (a page of this site only)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = notification_list_for(request.user).filter(pk=pk).first()
        if notification is None:
            raise Http404
        notifications_mark_read(actor=request.user, ids=[notification.pk])
        target = notification.url
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect("notifications:list")


class NotificationMarkAllReadView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = notifications_mark_read(actor=request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d notification marked read.",
                    "%(count)d notifications marked read.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Every notification was already read."))
        return redirect("notifications:list")
