"""Forms of the emulation pages: they parse input and offer sensible choices; the services
decide and validate (a choice that slips through is refused there, with its message).

Forms whose fields depend on the campaign or the agreement (a target per indicator, a value per
indicator, a line per score) build those fields in `__init__` and give them back as plain
mappings (`targets()`, `values()`, `scores()`), in the shape the service takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import AwardType
from awards.selectors import award_type_list
from emulation.choices import (
    AdjustmentKind,
    CampaignScope,
    CampaignStatus,
    ClusterKind,
    Direction,
    Measure,
    OfficerMethod,
    OfficerPosition,
    RegistrationStatus,
    ReportingKind,
    Rollup,
    ScoringMethod,
    TieBreak,
)
from emulation.models import (
    AgreementAdjustment,
    AgreementIndicator,
    Campaign,
    CampaignPhase,
    Cluster,
    ReportingPeriod,
    ScoreSheet,
    TargetIndicator,
)
from emulation.selectors import staff_unit_list
from emulation.selectors_clusters import cluster_member_candidate_list
from emulation.services import AdjustmentClaim, AdjustmentSpec, IndicatorScore, IndicatorSpec
from nominations.forms import PersonChoiceField, PersonPickerWidget
from organizations.forms import DateInput, units_in_scope
from organizations.models import Unit, UnitLevel
from organizations.selectors import person_list_visible_to, unit_subtree_ids
from organizations.widgets import UnitChoiceField

ALL = [("", gettext_lazy("All"))]
YES_NO = [("", "—"), ("1", gettext_lazy("Yes")), ("0", gettext_lazy("No"))]


def num(value: Any) -> str:
    """A number as union offices write it: 2.000, 80,5, 700.000.000 (no trailing zeros)."""
    if value is None:
        return "—"
    value = Decimal(value)
    whole = value == value.to_integral_value()
    return number_format(
        value.quantize(Decimal(1)) if whole else value.normalize(), force_grouping=True
    )


def year_choices(years: Iterable[int]) -> list[tuple[int, int]]:
    return [(year, year) for year in years]


class UnitLabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class UnitMultipleField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class UnitCodesField(forms.CharField):
    """Units typed by their codes (one per line, or separated by commas): it scales to a
    province's hundreds of grassroots unions where a list of checkboxes would not. The field
    gives the codes; the form resolves them (`units_by_code`) among the units the action may
    name (under the launching or forming unit), which the same form chooses."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().clean(value) or ""
        return list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text) if code))


def units_by_code(form: forms.Form, field: str, candidates: Any) -> list[Unit]:
    """The units named in `field` (codes), among `candidates`; an unknown code is an error on
    the field, naming it."""
    codes = form.cleaned_data.get(field) or []
    if not codes:
        return []
    found = {unit.code: unit for unit in candidates.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        form.add_error(
            field,
            _(
                "No unit under the chosen unit has the code %(codes)s. Check the codes on the "
                "unit list."
            )
            % {"codes": ", ".join(unknown)},
        )
        return []
    return [found[code] for code in codes]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files at once (each is checked by its content by the service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# --- campaigns -----------------------------------------------------------------------------------


class CampaignFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Name, theme or plan number"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *CampaignStatus.choices], required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"] = UnitChoiceField(
            units_in_scope(user), label=gettext_lazy("Launched by"), required=False
        )


class CampaignForm(forms.Form):
    """A campaign's plan: who launches it, its legal basis, its period and who takes part."""

    name = forms.CharField(label=gettext_lazy("Name of the campaign"), max_length=300)
    theme = forms.CharField(
        label=gettext_lazy("Theme and purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan_number = forms.CharField(
        label=gettext_lazy("Plan number"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("The plan that launches it, for example 05/KH-LĐLĐ."),
    )
    plan_date = forms.DateField(label=gettext_lazy("Plan date"), required=False, widget=DateInput)
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DateInput)
    registration_deadline = forms.DateField(
        label=gettext_lazy("Registration deadline"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Units that have not registered by this day are listed as late."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Who takes part"),
        choices=CampaignScope.choices,
        initial=CampaignScope.SUBTREE,
        widget=forms.RadioSelect,
    )
    participant_levels = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Levels taking part"),
        queryset=UnitLevel.objects.order_by("rank"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "For the whole subtree: the levels of the units that register and report. Leave "
            "empty for the launching unit's direct sub-units."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the change"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Kept in the campaign's history."),
    )

    def __init__(
        self, *args: Any, user: Any, campaign: Campaign | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["participants"] = UnitCodesField(
            label=gettext_lazy("Chosen units (codes)"),
            help_text=gettext_lazy(
                "Only for a campaign for chosen units: their codes, one per line or separated "
                "by commas."
            ),
        )
        if campaign is None:
            self.fields["launching_unit"] = UnitLabelField(
                label=gettext_lazy("Launching unit"), queryset=staff_unit_list(user)
            )
            self.order_fields(["launching_unit"])
            del self.fields["reason"]
        elif campaign.status != CampaignStatus.DRAFT:
            # Who takes part and the start are fixed once units may have registered.
            for name in ("scope", "participant_levels", "participants", "starts_on"):
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        launcher = self.campaign.launching_unit if self.campaign else data.get("launching_unit")
        if launcher is not None and not self.fields["participants"].disabled:
            candidates = Unit.objects.filter(id__in=unit_subtree_ids(launcher)).exclude(
                pk=launcher.pk
            )
            data["participants"] = units_by_code(self, "participants", candidates)
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = [
            "name",
            "theme",
            "plan_number",
            "plan_date",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "scope",
            "participant_levels",
            "participants",
        ]
        return {name: data[name] for name in fields if not self.fields[name].disabled}


class CampaignCloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Closing note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For example: the summing-up decision, or why a draft is dropped."),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)


class PhaseForm(forms.Form):
    number = forms.IntegerField(label=gettext_lazy("Phase number"), min_value=1, max_value=99)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    theme = forms.CharField(
        label=gettext_lazy("Theme"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DateInput)


class IndicatorForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        help_text=gettext_lazy("Short, without spaces or accents: doan-vien-moi."),
    )
    name = forms.CharField(label=gettext_lazy("Target"), max_length=500)
    measure = forms.ChoiceField(
        label=gettext_lazy("What each unit reports"), choices=Measure.choices
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Met when the value is"),
        choices=Direction.choices,
        initial=Direction.AT_LEAST,
    )
    target_value = forms.DecimalField(
        label=gettext_lazy("Target value"),
        max_digits=18,
        decimal_places=2,
        help_text=gettext_lazy("2000 members, 80 (%), 700000000 (VND), 1 for yes."),
    )
    level = forms.ModelChoiceField(
        label=gettext_lazy("Reported by units of level"),
        queryset=UnitLevel.objects.order_by("rank"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty when every unit taking part reports it. One level only, so that a "
            "district and its grassroots unions are not counted twice."
        ),
    )
    rollup = forms.ChoiceField(
        label=gettext_lazy("How the units add up"), choices=Rollup.choices, initial=Rollup.SUM
    )
    unit_threshold = forms.DecimalField(
        label=gettext_lazy("What each unit must reach"),
        required=False,
        max_digits=18,
        decimal_places=2,
        help_text=gettext_lazy(
            "Only for a share of units: for example 1 for “rated strong: yes”, with “At least”."
        ),
    )
    unit_direction = forms.ChoiceField(
        label=gettext_lazy("A unit meets it when its value is"),
        choices=Direction.choices,
        initial=Direction.AT_LEAST,
    )
    sort_order = forms.IntegerField(
        label=gettext_lazy("Order"), min_value=0, max_value=999, initial=0, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def award_catalogue(campaign: Campaign) -> Any:
    """The award catalogue in force when the campaign starts, else when it ends, else today's:
    an old plan (2017) names awards of a catalogue the system may not hold."""
    for day in (campaign.starts_on, campaign.ends_on, timezone.localdate()):
        awards = award_type_list(on=day)
        if awards.exists():
            return awards
    return award_type_list()


class PlannedAwardForm(forms.Form):
    award_type = forms.ModelChoiceField(label=gettext_lazy("Award"), queryset=AwardType.objects)
    planned_count = forms.IntegerField(
        label=gettext_lazy("Planned number"), min_value=1, max_value=100000
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_catalogue(campaign)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of report"), choices=ReportingKind.choices)
    phase = forms.ModelChoiceField(
        label=gettext_lazy("Phase"),
        queryset=CampaignPhase.objects.none(),
        required=False,
        help_text=gettext_lazy("Only for a phase report."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    starts_on = forms.DateField(label=gettext_lazy("Period starts on"), widget=DateInput)
    ends_on = forms.DateField(label=gettext_lazy("Period ends on"), widget=DateInput)
    due_on = forms.DateField(
        label=gettext_lazy("Report due on"),
        widget=DateInput,
        help_text=gettext_lazy("The last day a report counts as on time."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = CampaignPhase.objects.filter(campaign=campaign)


# --- registrations -------------------------------------------------------------------------------


class EmulationPersonPicker(PersonPickerWidget):
    """The nominations' person search, fed by the registering unit chosen on the same form."""

    template_name = "emulation/widgets/person_picker.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse("emulation:person_lookup")
        return context


def indicator_label(indicator: TargetIndicator) -> str:
    return f"{indicator.name} ({indicator.get_measure_display()})"


class RegistrationForm(forms.Form):
    """A unit's (or one of its people's) registration: the year, what it commits to, a target
    per campaign indicator it takes on, and the titles it aims for."""

    UNIT = "unit"
    PERSON = "person"

    who = forms.ChoiceField(
        label=gettext_lazy("Who registers"),
        choices=[
            (UNIT, gettext_lazy("The unit itself")),
            (PERSON, gettext_lazy("A person of the unit")),
        ],
        initial=UNIT,
        widget=forms.RadioSelect,
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    commitment = forms.CharField(
        label=gettext_lazy("What the unit commits to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    award_types = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Titles and awards aimed for"),
        queryset=AwardType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_titles = forms.CharField(
        label=gettext_lazy("Other titles aimed for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One per line, for example: Lao động tiên tiến."),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        campaign: Campaign,
        indicators: list[TargetIndicator],
        fixed_unit: Unit | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.fields["year"].choices = year_choices(campaign.years)
        under_launcher = (
            staff_unit_list(user)
            .filter(id__in=unit_subtree_ids(campaign.launching_unit))
            .exclude(pk=campaign.launching_unit_id)
        )
        self.fields["unit"] = UnitLabelField(
            label=gettext_lazy("Registering unit"),
            queryset=under_launcher,
            help_text=gettext_lazy("For a person: the unit they belong to now."),
        )
        self.fields["person"] = PersonChoiceField(
            person_list_visible_to(user),
            label=gettext_lazy("Person"),
            required=False,
            widget=EmulationPersonPicker(),
        )
        if fixed_unit is not None:  # filed again: the same registrant
            for name in ("unit", "person", "who", "year"):
                self.fields[name].disabled = True
        for indicator in indicators:
            self.fields[f"target_{indicator.code}"] = forms.DecimalField(
                label=indicator_label(indicator),
                required=False,
                max_digits=18,
                decimal_places=2,
                help_text=_("Campaign target: %(target)s")
                % {"target": f"{indicator.get_direction_display()} {num(indicator.target_value)}"},
            )
        self.fields["award_types"].queryset = award_catalogue(campaign)
        self.order_fields(["who", "unit", "person", "year", "commitment"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("who") == self.PERSON and not data.get("person"):
            self.add_error("person", _("Choose the person who registers."))
        return data

    def target_fields(self) -> list[Any]:
        return [self[f"target_{indicator.code}"] for indicator in self.indicators]

    def targets(self) -> dict[str, Decimal]:
        return {
            indicator.code: value
            for indicator in self.indicators
            if (value := self.cleaned_data.get(f"target_{indicator.code}")) is not None
        }

    def titles(self) -> list[AwardType | str]:
        named = [line.strip() for line in self.cleaned_data["other_titles"].splitlines()]
        return [*self.cleaned_data["award_types"], *(line for line in named if line)]

    def person(self) -> Any:
        return self.cleaned_data["person"] if self.cleaned_data["who"] == self.PERSON else None


class RegistrationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *RegistrationStatus.choices], required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100
    )
    campaign = forms.ModelChoiceField(
        label=gettext_lazy("Campaign"), queryset=Campaign.objects.none(), required=False
    )
    to_acknowledge = forms.BooleanField(
        label=gettext_lazy("Only those filed with my units"), required=False
    )

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reasons for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Say what the unit should change; it files the registration again."),
    )


# --- progress reports ----------------------------------------------------------------------------


class ReportChoiceForm(forms.Form):
    """Which report to file: the period and the reporting unit (GET)."""

    period = forms.ModelChoiceField(
        label=gettext_lazy("Reporting period"), queryset=ReportingPeriod.objects.none()
    )
    unit = UnitLabelField(label=gettext_lazy("Reporting unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, periods: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["unit"].queryset = units


class ReportForm(forms.Form):
    """A unit's values for one period: a value and an explanation per indicator it reports,
    a summary, and evidence files."""

    summary = forms.CharField(
        label=gettext_lazy("Summary of the period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(
        label=gettext_lazy("Evidence files"),
        help_text=gettext_lazy(
            "PDF, Word, Excel, OpenDocument, JPEG or PNG; several at once. Files already sent "
            "stay with the report."
        ),
    )

    def __init__(self, *args: Any, indicators: list[TargetIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            label = indicator_label(indicator)
            field: forms.Field
            if indicator.measure == Measure.YES_NO:
                field = forms.TypedChoiceField(
                    label=label, choices=YES_NO, coerce=Decimal, empty_value=None, required=False
                )
            else:
                field = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_digits=18,
                    decimal_places=2,
                    max_value=100 if indicator.measure == Measure.PERCENT else None,
                )
            self.fields[f"value_{indicator.code}"] = field
            self.fields[f"note_{indicator.code}"] = forms.CharField(
                label=_("Explanation"), required=False, max_length=2000
            )
        self.order_fields([name for name in self.fields if name not in ("summary", "files")])

    def rows(self) -> list[tuple[TargetIndicator, Any, Any]]:
        return [
            (indicator, self[f"value_{indicator.code}"], self[f"note_{indicator.code}"])
            for indicator in self.indicators
        ]

    def values(self) -> dict[str, Decimal | None]:
        return {i.code: self.cleaned_data.get(f"value_{i.code}") for i in self.indicators}

    def notes(self) -> dict[str, str]:
        return {i.code: self.cleaned_data.get(f"note_{i.code}", "") for i in self.indicators}


class ReportFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=gettext_lazy("Campaign"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        self.fields["unit"] = UnitChoiceField(
            units_in_scope(user), label=gettext_lazy("Reporting unit"), required=False
        )


class DeadlineFilterForm(forms.Form):
    """The state filter of a deadline list (registrations or reports)."""

    state = forms.ChoiceField(label=gettext_lazy("Where it stands"), required=False)

    def __init__(self, *args: Any, states: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [*ALL, *states]


# --- clusters ------------------------------------------------------------------------------------


class ClusterFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Name"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=[*ALL, *ClusterKind.choices], required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Members in year"), required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent_unit"] = UnitChoiceField(
            units_in_scope(user), label=gettext_lazy("Formed by"), required=False
        )


class ClusterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=ClusterKind.choices, widget=forms.RadioSelect
    )
    formed_on = forms.DateField(label=gettext_lazy("Formed on"), widget=DateInput)
    formed_by_decision = forms.CharField(
        label=gettext_lazy("Formed by decision"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("For example 12/QĐ-LĐLĐ."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent_unit"] = UnitLabelField(
            label=gettext_lazy("Formed by unit"), queryset=staff_unit_list(user)
        )
        self.fields["members"] = UnitCodesField(
            label=gettext_lazy("Founding members (codes)"),
            help_text=gettext_lazy(
                "Units under the forming unit, one code per line. Members can also be added "
                "one by one later."
            ),
        )
        self.order_fields(["parent_unit"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("parent_unit") is not None:
            candidates = cluster_member_candidate_list(data["parent_unit"])
            data["members"] = units_by_code(self, "members", candidates)
        return data


class MemberAddForm(forms.Form):
    """A unit joining: one of the forming unit's direct sub-units that is not a member now
    (the service checks the rest: active, not in another cluster of the kind)."""

    unit = UnitLabelField(label=gettext_lazy("Unit joining"), queryset=Unit.objects.none())
    joined_on = forms.DateField(
        label=gettext_lazy("Joined on"), widget=DateInput, initial=timezone.localdate
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, cluster: Cluster, members: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            cluster_member_candidate_list(cluster.parent_unit)
            .filter(parent_id=cluster.parent_unit_id, dissolved_on__isnull=True)
            .exclude(pk__in=list(members))
        )


class MemberRemoveForm(forms.Form):
    left_on = forms.DateField(
        label=gettext_lazy("Last day in the cluster"),
        widget=DateInput,
        initial=timezone.localdate,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for leaving"),
        max_length=500,
        help_text=gettext_lazy("Required: kept with the membership."),
    )


class OfficerForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    unit = UnitLabelField(label=gettext_lazy("Member unit"), queryset=Unit.objects.none())
    position = forms.ChoiceField(
        label=gettext_lazy("Position"), choices=OfficerPosition.choices, widget=forms.RadioSelect
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Chosen by"), choices=OfficerMethod.choices, widget=forms.RadioSelect
    )
    chosen_on = forms.DateField(label=gettext_lazy("Chosen on"), widget=DateInput)
    minutes_number = forms.CharField(
        label=gettext_lazy("Minutes number"),
        required=False,
        max_length=120,
        help_text=gettext_lazy(
            "The minutes of the meeting: their number, the signed file, or both."
        ),
    )
    minutes_file = forms.FileField(label=gettext_lazy("Signed minutes"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = members


# --- agreements ----------------------------------------------------------------------------------


def parse_bands(text: str) -> list[list[str]]:
    """ "70:10; 85:15" → [["70", "10"], ["85", "15"]]."""
    bands = []
    for part in re.split(r"[;\n]+", text or ""):
        if not part.strip():
            continue
        threshold, sep, points = part.partition(":")
        try:
            if not sep:
                raise InvalidOperation
            bands.append([str(Decimal(threshold.strip())), str(Decimal(points.strip()))])
        except InvalidOperation as exc:
            raise forms.ValidationError(
                _("Write each band as threshold:points, separated by semicolons: 70:10; 85:15.")
            ) from exc
    return bands


class AgreementIndicatorForm(forms.Form):
    code = forms.SlugField(label=gettext_lazy("Code"), max_length=60)
    name = forms.CharField(label=gettext_lazy("Indicator"), max_length=500)
    max_points = forms.DecimalField(
        label=gettext_lazy("Maximum points"), max_digits=9, decimal_places=2, min_value=0
    )
    weight = forms.DecimalField(
        label=gettext_lazy("Weight"), max_digits=6, decimal_places=2, initial=1, min_value=0
    )
    scoring_method = forms.ChoiceField(
        label=gettext_lazy("Scoring method"),
        choices=ScoringMethod.choices,
        initial=ScoringMethod.PROPORTIONAL,
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Better when the result is"),
        choices=Direction.choices,
        initial=Direction.AT_LEAST,
    )
    target_value = forms.DecimalField(
        label=gettext_lazy("Target for all"),
        required=False,
        max_digits=18,
        decimal_places=2,
        help_text=gettext_lazy("Leave empty: each member registers its own when it signs."),
    )
    floor_value = forms.DecimalField(
        label=gettext_lazy("Floor (linear)"), required=False, max_digits=18, decimal_places=2
    )
    bands = forms.CharField(
        label=gettext_lazy("Bands (threshold:points)"),
        required=False,
        help_text=gettext_lazy("Only for bands: 70:10; 85:15; 95:20."),
    )

    def clean_bands(self) -> list[list[str]]:
        return parse_bands(self.cleaned_data["bands"])

    def spec(self) -> IndicatorSpec:
        data = self.cleaned_data
        return IndicatorSpec(
            code=data["code"],
            name=data["name"],
            max_points=data["max_points"],
            weight=data["weight"] if data["weight"] is not None else Decimal(1),
            scoring_method=data["scoring_method"],
            direction=data["direction"],
            target_value=data["target_value"],
            floor_value=data["floor_value"],
            bands=data["bands"],
        )


class AgreementAdjustmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=AdjustmentKind.choices, initial=AdjustmentKind.BONUS
    )
    code = forms.SlugField(label=gettext_lazy("Code"), max_length=60)
    name = forms.CharField(label=gettext_lazy("Item"), max_length=500)
    points = forms.DecimalField(
        label=gettext_lazy("Points each time"), max_digits=9, decimal_places=2, min_value=0
    )
    max_points = forms.DecimalField(
        label=gettext_lazy("At most (points)"), required=False, max_digits=9, decimal_places=2
    )

    def spec(self) -> AdjustmentSpec:
        data = self.cleaned_data
        return AdjustmentSpec(
            kind=data["kind"],
            code=data["code"],
            name=data["name"],
            points=data["points"],
            max_points=data["max_points"],
        )


IndicatorFormSet = forms.formset_factory(AgreementIndicatorForm, extra=0, min_num=1)
AdjustmentFormSet = forms.formset_factory(AgreementAdjustmentForm, extra=0)

TIE_BREAK_HELP = gettext_lazy(
    "One rule per line, applied in order when totals are equal: fewer_penalties, more_bonus, "
    "more_indicators_met, women_majority (collectives with at least 70% women first; "
    "women_majority:60 for another share), higher_women_share, or indicator:<code> (more points "
    "on that indicator). Members still equal share a rank."
)


class AgreementForm(forms.Form):
    """The agreement's header; its indicators and items are two formsets beside it."""

    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    leaders_to_propose = forms.IntegerField(
        label=gettext_lazy("Leading units to propose"), min_value=1, max_value=50, initial=1
    )
    tie_breaks = forms.CharField(
        label=gettext_lazy("Tie-break rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="fewer_penalties\nmore_bonus",
        help_text=TIE_BREAK_HELP,
    )

    def clean_tie_breaks(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["tie_breaks"].splitlines() if line.strip()
        ]


def tie_break_label(rule: str) -> str:
    """A tie-break rule in words: "indicator:hoat-dong" → "More points on an indicator: …"."""
    name, _sep, argument = rule.partition(":")
    if name in TieBreak.values:
        label = str(TieBreak(name).label)
        return f"{label}: {argument}" if argument else label
    return rule


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("Signed on"), widget=DateInput, initial=timezone.localdate
    )
    signatory = forms.CharField(
        label=gettext_lazy("Signed by (name and title)"), required=False, max_length=255
    )

    def __init__(
        self,
        *args: Any,
        units: Any,
        indicators: list[AgreementIndicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.fields["unit"] = UnitLabelField(label=gettext_lazy("Signing unit"), queryset=units)
        for indicator in indicators:
            needs = (
                indicator.scoring_method
                in (ScoringMethod.ACHIEVED, ScoringMethod.PROPORTIONAL, ScoringMethod.LINEAR)
                and indicator.target_value is None
            )
            if indicator.target_value is not None:
                hint = _("The agreement's target: %(target)s. Register another only if agreed.") % {
                    "target": num(indicator.target_value)
                }
            elif needs:
                hint = _("Required: the indicator is scored against the unit's own target.")
            else:
                hint = _("Not needed for this scoring method.")
            self.fields[f"target_{indicator.code}"] = forms.DecimalField(
                label=_("Target: %(name)s") % {"name": indicator.name},
                required=False,
                max_digits=18,
                decimal_places=2,
                help_text=hint,
            )
        self.order_fields(["unit"])

    def targets(self) -> dict[str, Decimal]:
        return {
            i.code: value
            for i in self.indicators
            if (value := self.cleaned_data.get(f"target_{i.code}")) is not None
        }


class ScoreSheetForm(forms.Form):
    """A member's self-assessment: a result (or assessed points) and evidence per indicator,
    and how many times each bonus or penalty item applies."""

    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        units: Any,
        indicators: list[AgreementIndicator],
        adjustments: list[AgreementAdjustment],
        for_check: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.adjustments = adjustments
        if units is not None:
            self.fields["unit"] = UnitLabelField(label=gettext_lazy("Unit"), queryset=units)
        for indicator in indicators:
            assessed = indicator.scoring_method == ScoringMethod.ASSESSED
            self.fields[f"line_{indicator.code}"] = forms.DecimalField(
                label=_("Points given") if assessed else _("Result reached"),
                required=not for_check,
                max_digits=18,
                decimal_places=2,
                help_text=(
                    _("From 0 to %(max)s points.") % {"max": num(indicator.max_points)}
                    if assessed
                    else _("The points follow from it: at most %(max)s.")
                    % {"max": num(indicator.max_points)}
                ),
            )
            self.fields[f"evidence_{indicator.code}"] = forms.CharField(
                label=_("Cross-check note") if for_check else _("Evidence"),
                required=False,
                max_length=2000,
            )
        for item in adjustments:
            self.fields[f"count_{item.code}"] = forms.IntegerField(
                label=f"{item.get_kind_display()}: {item.name}",
                required=False,
                min_value=0,
                max_value=1000,
                help_text=_("Times; %(points)s points each") % {"points": num(item.points)},
            )
            self.fields[f"claim_note_{item.code}"] = forms.CharField(
                label=_("Cross-check note") if for_check else _("Evidence"),
                required=False,
                max_length=2000,
            )
        if units is not None:
            self.order_fields(["unit"])

    def line_rows(self) -> list[tuple[AgreementIndicator, Any, Any]]:
        return [(i, self[f"line_{i.code}"], self[f"evidence_{i.code}"]) for i in self.indicators]

    def claim_rows(self) -> list[tuple[AgreementAdjustment, Any, Any]]:
        return [
            (a, self[f"count_{a.code}"], self[f"claim_note_{a.code}"]) for a in self.adjustments
        ]

    def _score(self, indicator: AgreementIndicator) -> IndicatorScore:
        value = self.cleaned_data.get(f"line_{indicator.code}")
        note = self.cleaned_data.get(f"evidence_{indicator.code}", "")
        if indicator.scoring_method == ScoringMethod.ASSESSED:
            return IndicatorScore(points=value, note=note)
        return IndicatorScore(result=value, note=note)

    def scores(self) -> dict[str, IndicatorScore]:
        return {i.code: self._score(i) for i in self.indicators}

    def claims(self) -> dict[str, AdjustmentClaim]:
        return {
            a.code: AdjustmentClaim(
                count=count, note=self.cleaned_data.get(f"claim_note_{a.code}", "")
            )
            for a in self.adjustments
            if (count := self.cleaned_data.get(f"count_{a.code}"))
        }

    @staticmethod
    def initial_from(sheet: ScoreSheet | None, *, checked: bool = False) -> dict[str, Any]:
        """The form filled with a sheet's claims (or its cross-checked values)."""
        if sheet is None:
            return {}
        initial: dict[str, Any] = {"note": sheet.check_note if checked else sheet.self_note}
        for line in sheet.lines.all():
            code = line.indicator.code
            assessed = line.indicator.scoring_method == ScoringMethod.ASSESSED
            if checked and line.checked_points is not None:
                value = line.checked_points if assessed else line.checked_result
                note = line.check_note
            else:
                value = line.self_points if assessed else line.self_result
                note = "" if checked else line.evidence
            initial[f"line_{code}"] = value
            initial[f"evidence_{code}"] = note
        for claim in sheet.adjustment_lines.all():
            count = (
                claim.checked_count
                if checked and claim.checked_count is not None
                else claim.self_count
            )
            initial[f"count_{claim.item.code}"] = count
            initial[f"claim_note_{claim.item.code}"] = (
                claim.check_note if checked else claim.evidence
            )
        return initial


class CheckForm(ScoreSheetForm):
    """The cluster's cross-check of one sheet: every line starts as claimed; the checker
    corrects what the evidence does not support, with a note."""

    def __init__(
        self,
        *args: Any,
        sheet: ScoreSheet,
        all_adjustments: Iterable[AgreementAdjustment] = (),
        **kwargs: Any,
    ) -> None:
        self.sheet = sheet
        lines = list(sheet.lines.all())
        claims = list(sheet.adjustment_lines.all())
        indicators = [line.indicator for line in lines]
        claimed_items = {claim.item_id for claim in claims}
        items = [claim.item for claim in claims]
        items += [item for item in all_adjustments if item.pk not in claimed_items]
        super().__init__(
            *args, units=None, indicators=indicators, adjustments=items, for_check=True, **kwargs
        )
        self.claimed = {line.indicator.code: line for line in lines}
        self.claimed_counts = {claim.item.code: claim for claim in claims}

    def corrections(self) -> tuple[dict[str, IndicatorScore], dict[str, AdjustmentClaim]]:
        """The lines and items the checker changed or annotated; the rest stay as claimed."""
        scores = {}
        for indicator in self.indicators:
            given = self._score(indicator)
            line = self.claimed[indicator.code]
            claimed = (
                line.self_points
                if indicator.scoring_method == ScoringMethod.ASSESSED
                else line.self_result
            )
            value = given.points if given.points is not None else given.result
            if value is None:  # left empty: kept as claimed
                continue
            if value != claimed or given.note:
                scores[indicator.code] = given
        claims = {}
        for item in self.adjustments:
            count = self.cleaned_data.get(f"count_{item.code}")
            note = self.cleaned_data.get(f"claim_note_{item.code}", "")
            claim = self.claimed_counts.get(item.code)
            claimed_count = claim.self_count if claim is not None else 0
            if count is None:
                continue
            if count != claimed_count or note:
                claims[item.code] = AdjustmentClaim(count=count, note=note)
        return scores, claims


class ProposalForm(forms.Form):
    units = UnitMultipleField(
        label=gettext_lazy("Units proposed as leaders"), queryset=Unit.objects.none()
    )
    meeting_on = forms.DateField(label=gettext_lazy("Meeting date"), widget=DateInput)
    minutes_number = forms.CharField(
        label=gettext_lazy("Minutes number"),
        required=False,
        max_length=120,
        help_text=gettext_lazy(
            "The minutes of the meeting: their number, the signed file, or both."
        ),
    )
    minutes_file = forms.FileField(label=gettext_lazy("Signed minutes"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when a unit ranked below the allowed places is proposed."),
    )

    def __init__(self, *args: Any, ranked_units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ranked_units = ranked_units
        in_ranking_order = Case(
            *[When(pk=unit.pk, then=Value(place)) for place, unit in enumerate(ranked_units)]
        )
        self.fields["units"].queryset = Unit.objects.filter(
            pk__in=[u.pk for u in ranked_units]
        ).order_by(in_ranking_order)

    def ordered_units(self) -> list[Unit]:
        """The chosen units in the order of the ranking."""
        chosen = {unit.pk for unit in self.cleaned_data["units"]}
        return [unit for unit in self.ranked_units if unit.pk in chosen]
