"""Forms of the import pages: input parsing only; the services check and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from imports.models import ImportKind, ImportStatus
from imports.selectors import import_unit_choices
from organizations.widgets import UnitChoiceField


class ImportJobFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of data"), choices=[("", _("All")), *ImportKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ImportStatus.choices], required=False
    )


class ImportJobForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file contains"), choices=ImportKind.choices)
    unit = UnitChoiceField(
        queryset=None,
        purpose="people",
        label=_("For the unit"),
        help_text=_(
            "Every row must be about this unit or a unit under it. New people join this unit "
            "unless their row gives another unit code."
        ),
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = import_unit_choices(user)
        self.fields["file"].help_text = _("An .xlsx file of at most %(limit)s.") % {
            "limit": filesizeformat(settings.IMPORT_MAX_FILE_SIZE)
        }
