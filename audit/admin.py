"""The event log in the admin: read-only, for system administrators (every event) and for
administrators who also hold an auditor role (the events of their auditor subtree)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from common.admin import ScopedAdminMixin, admin_site
from organizations.models import Role
from organizations.permissions import active_assignments, catalogue_grant, visible_unit_ids


def reads_every_event(user: Any) -> bool:
    return catalogue_grant(user) is not None


def reads_audit_log(user: Any) -> bool:
    return reads_every_event(user) or any(
        assignment.role == Role.AUDITOR for assignment in active_assignments(user)
    )


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "seq",
        "occurred_at",
        "event_type",
        "actor_label",
        "actor_role",
        "object_repr",
        "unit",
        "client_ip",
    )
    list_select_related = ("unit",)
    list_filter = ("event_type", "occurred_at")
    search_fields = ("object_repr", "actor_label", "object_id", "reason")
    ordering = ("-seq",)
    fields = (
        "seq",
        "occurred_at",
        "event_type",
        "actor",
        "actor_label",
        "actor_role",
        "actor_unit",
        "client_ip",
        "content_type",
        "object_id",
        "object_repr",
        "unit",
        "changes_display",
        "reason",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        qs = (
            super()
            .get_queryset(request)
            .select_related("actor", "actor_unit", "unit", "content_type")
        )
        if reads_every_event(request.user):
            return qs
        return qs.filter(unit_id__in=visible_unit_ids(request.user, {Role.AUDITOR}))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return reads_audit_log(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return reads_audit_log(request.user)

    @admin.display(description=_("changes"))
    def changes_display(self, obj: AuditEvent) -> str:
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.changes, ensure_ascii=False, indent=2, sort_keys=True)
        )
