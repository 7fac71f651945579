"""Forms of the organisation pages: input parsing only; the services decide and validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Gender,
    Initiative,
    PendingCase,
    Person,
    Role,
    Sector,
    UnionServicePeriod,
    Unit,
    UnitKind,
    UnitLevel,
)
from organizations.permissions import PEOPLE_WRITE_ROLES, visible_unit_ids
from organizations.widgets import UnitChoiceField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def units_in_scope(user: Any, roles: Any = None) -> Any:
    ids = visible_unit_ids(user) if roles is None else visible_unit_ids(user, roles)
    return Unit.objects.filter(id__in=ids, dissolved_on__isnull=True).select_related("kind__level")


YES_NO_ANY = [("", _("All")), ("1", _("Yes")), ("0", _("No"))]


def yes_no(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


# --- lists -----------------------------------------------------------------------------------


class UnitFilterForm(forms.Form):
    search = forms.CharField(label=_("Name or code"), required=False)
    level = forms.ModelChoiceField(
        label=_("Level"), queryset=UnitLevel.objects.all(), required=False
    )
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=UnitKind.objects.all(), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All")), *Sector.choices], required=False
    )
    include_dissolved = forms.BooleanField(label=_("Include dissolved units"), required=False)


class PersonFilterForm(forms.Form):
    search = forms.CharField(label=_("Name or code"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("All")), *Gender.choices], required=False
    )
    leader = forms.ChoiceField(label=_("Leader or manager"), choices=YES_NO_ANY, required=False)
    include_former = forms.BooleanField(label=_("Include former members"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["under"] = UnitChoiceField(
            units_in_scope(user), label=_("In unit (and its sub-units)"), required=False
        )
        self.order_fields(["search", "under", "gender", "leader", "include_former"])


# --- units -----------------------------------------------------------------------------------


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "sector",
            "headcount",
            "women_headcount",
            "member_count",
            "document_symbol",
            "established_on",
            "note",
        ]
        widgets = {"established_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, parent: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = UnitKind.objects.select_related("level")
        if parent is not None:
            # Only kinds below the parent's level make sense; the service checks it again.
            kinds = kinds.filter(level__rank__gt=parent.kind.level.rank)
        self.fields["kind"].queryset = kinds

    def _post_clean(self) -> None:
        # Validation (uniqueness, constraints, the tree rules) is the service's job, so that the
        # page and the API give the same answers.
        pass


class UnitMoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"] = UnitChoiceField(
            units_in_scope(user, {Role.ADMIN}), label=_("New parent unit"), purpose="manage"
        )
        self.order_fields(["new_parent", "reason"])


class UnitMergeForm(forms.Form):
    on = forms.DateField(label=_("Merged from"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"] = UnitChoiceField(
            units_in_scope(user, {Role.ADMIN}),
            label=_("Merge into"),
            purpose="manage",
            help_text=_("A unit of the same level that takes over its sub-units and members."),
        )
        self.order_fields(["target", "on", "reason"])


class UnitDissolveForm(forms.Form):
    on = forms.DateField(label=_("Dissolved from"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, has_children: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_children:
            self.fields["children_to"] = UnitChoiceField(
                units_in_scope(user, {Role.ADMIN}),
                label=_("Move its sub-units to"),
                purpose="manage",
                help_text=_("The active sub-units must go to another unit before dissolving."),
            )
            self.order_fields(["on", "children_to", "reason"])


# --- people ----------------------------------------------------------------------------------


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["code", "full_name", "gender", "birth_date", "education_level", "note"]
        widgets = {"birth_date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self) -> None:
        pass  # the service validates


class PersonCreateForm(PersonForm):
    started_on = forms.DateField(label=_("Member of the unit since"), widget=DateInput())
    position = forms.CharField(label=_("Position"), required=False)
    is_leader = forms.BooleanField(label=_("Leader or manager"), required=False)
    is_union_member = forms.BooleanField(label=_("Union member"), required=False, initial=True)


class PersonTransferForm(forms.Form):
    on = forms.DateField(label=_("Member of the new unit from"), widget=DateInput())
    position = forms.CharField(label=_("Position in the new unit"), required=False)
    is_leader = forms.BooleanField(label=_("Leader or manager"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"] = UnitChoiceField(
            units_in_scope(user, PEOPLE_WRITE_ROLES), label=_("New unit"), purpose="people"
        )
        self.order_fields(["to_unit", "on", "position", "is_leader", "reason"])


# --- records ---------------------------------------------------------------------------------


class RecordForm(forms.ModelForm):
    """Base of the record forms: the subject (person or unit) is set by the page, not the form."""

    def _post_clean(self) -> None:
        # Copy the cleaned values onto the instance but leave validation to the service.
        opts = self._meta
        self.instance = forms.models.construct_instance(
            self, self.instance, opts.fields, opts.exclude
        )


class RatingForm(RecordForm):
    class Meta:
        model = AnnualRating
        fields = ["year", "rating", "decided_by", "decision_number", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class InitiativeForm(RecordForm):
    class Meta:
        model = Initiative
        fields = [
            "title",
            "kind",
            "recognition_level",
            "year",
            "recognized_by",
            "decision_number",
            "beneficial_value",
            "is_applied",
            "co_authors",
        ]


class ServicePeriodForm(RecordForm):
    class Meta:
        model = UnionServicePeriod
        fields = [
            "unit_name",
            "unit_category",
            "mode",
            "position",
            "committee",
            "term_label",
            "started_on",
            "ended_on",
        ]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}


class SanctionForm(RecordForm):
    class Meta:
        model = DisciplinarySanction
        fields = [
            "form",
            "decision_number",
            "decided_on",
            "effective_from",
            "effective_to",
            "issuer",
            "reason",
        ]
        widgets = {
            "decided_on": DateInput(),
            "effective_from": DateInput(),
            "effective_to": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }


class PendingCaseForm(RecordForm):
    class Meta:
        model = PendingCase
        fields = ["kind", "opened_on", "resolved_on", "summary", "resolution"]
        widgets = {
            "opened_on": DateInput(),
            "resolved_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "resolution": forms.Textarea(attrs={"rows": 2}),
        }


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for deleting"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- roles -----------------------------------------------------------------------------------


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, user: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"] = forms.ModelChoiceField(label=_("User"), queryset=users)
        self.fields["unit"] = UnitChoiceField(
            units_in_scope(user, {Role.ADMIN}), label=_("At unit"), purpose="manage"
        )
        self.order_fields(["user", "role", "unit", "note"])


class RoleRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"))


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All")), *Role.choices], required=False
    )
    search = forms.CharField(label=_("User"), required=False)
    include_revoked = forms.BooleanField(label=_("Include revoked roles"), required=False)
