"""The GET forms of the eligibility finder and of the quota view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from nominations.forms import award_code_choices
from nominations.selectors_quotas import award_types_with_quotas
from organizations.forms import DateInput
from organizations.selectors import unit_list_visible_to


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 10, -1)]


class EligibilityForm(forms.Form):
    """Who (a person or a collective, found by name or code), which year, on which day."""

    q = forms.CharField(
        label=gettext_lazy("Person or collective"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Type a name or a code, then choose among the matches."),
    )
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year of the achievements"), coerce=int, required=False
    )
    reference_date = forms.DateField(
        label=gettext_lazy("Judged on"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy(
            "The regulation in force and the sanctions and complaints open on this day count. "
            "Empty: today, or the end of the next year for an earlier year."
        ),
    )
    award = forms.ChoiceField(label=gettext_lazy("Award"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", gettext_lazy("Latest year rated")), *year_choices()]
        self.fields["award"].choices = [("", gettext_lazy("Every award")), *award_code_choices()]


class QuotaFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    under = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All my units"),
        help_text=gettext_lazy("Its quotas, and those of the units under it."),
    )
    award_code = forms.ChoiceField(label=gettext_lazy("Award"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.chosen_year()
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = year
        # Units with units under them: those are the ones that propose to the level above.
        self.fields["under"].queryset = (
            unit_list_visible_to(user).filter(children__isnull=False).distinct()
        )
        with_quotas = set(award_types_with_quotas(year).values_list("code", flat=True))
        self.fields["award_code"].choices = [
            ("", gettext_lazy("Every award with a quota")),
            *((code, name) for code, name in award_code_choices() if code in with_quotas),
        ]

    def chosen_year(self) -> int:
        raw = self.data.get("year") if self.is_bound else None
        try:
            return int(raw) if raw else timezone.localdate().year
        except (TypeError, ValueError):
            return timezone.localdate().year
