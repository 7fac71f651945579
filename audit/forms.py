"""The auditor's filters: searching the event log, and the parameters of the reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import EventType
from audit.permissions import AUDIT_ROLES
from audit.selectors_reports import DEFAULT_RETURNS
from organizations.forms import DateInput, units_in_scope
from organizations.widgets import UnitChoiceField

ALL = [("", _("All"))]


def _check_period(form: forms.Form, cleaned: dict[str, Any]) -> None:
    since, until = cleaned.get("since"), cleaned.get("until")
    if since and until and since > until:
        form.add_error("until", _("The end of the period must not be before its start."))


class EventSearchForm(forms.Form):
    actor = forms.CharField(label=_("Who (username or name)"), required=False, max_length=150)
    event_type = forms.ChoiceField(
        label=_("Event"), choices=[*ALL, *EventType.choices], required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(
            units_in_scope(user, AUDIT_ROLES),
            label=_("Unit (and its sub-units)"),
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, cleaned)
        return cleaned


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Empty: this year."),
    )
    more_than = forms.IntegerField(
        label=_("Returned more than (times)"),
        required=False,
        min_value=0,
        max_value=50,
        initial=DEFAULT_RETURNS,
    )
    since = forms.DateField(label=_("Events from"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Events to"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, cleaned)
        return cleaned
