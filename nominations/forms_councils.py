"""Forms of the council pages: they parse input and offer the choices that make sense to the
reader; the council services decide and validate (a choice that slips through is refused there,
with a message shown on the form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from nominations.models import Council, CouncilSession, Nomination, SessionStatus, VoteChoice
from nominations.selectors_councils import (
    council_list_for_secretary,
    council_list_visible_to,
    nomination_list_for_agenda,
)

ALL = [("", gettext_lazy("All"))]


class DateTimeInput(forms.DateTimeInput):
    """The phone's own date and time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class CouncilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Council) -> str:
        return f"{obj.name} ({obj.unit.name})"


# --- the lists -------------------------------------------------------------------------------


class CouncilSessionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *SessionStatus.choices], required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"] = CouncilChoiceField(
            label=gettext_lazy("Council"),
            queryset=council_list_visible_to(user),
            required=False,
            empty_label=str(ALL[0][1]),
        )


# --- planning a session ----------------------------------------------------------------------


class CouncilSessionForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("council session", "Title"),
        max_length=255,
        help_text=gettext_lazy("For example: Phiên họp xét khen thưởng tổng kết năm 2025."),
    )
    scheduled_at = forms.DateTimeField(label=gettext_lazy("Meeting time"), widget=DateTimeInput())
    location = forms.CharField(
        label=gettext_lazy("Place"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("For example: Phòng họp tầng 2."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        councils = council_list_for_secretary(user)
        self.fields["council"] = CouncilChoiceField(
            label=gettext_lazy("Council"),
            queryset=councils,
            help_text=gettext_lazy("The councils of the units where you are council secretary."),
        )
        self.order_fields(["council"])


# --- the session screen ----------------------------------------------------------------------


class AgendaNominationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return f"{obj.nominee} – {obj.award_type.name} ({obj.year}) · {obj.nominating_unit.name}"


class AgendaAddForm(forms.Form):
    def __init__(self, *args: Any, session: CouncilSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"] = AgendaNominationField(
            label=gettext_lazy("Nomination waiting for the council's vote"),
            queryset=nomination_list_for_agenda(session.council.unit),
            help_text=gettext_lazy(
                "The council step's checks run when it is put on the agenda: a dossier that "
                "would block is refused, with the problems to fix."
            ),
        )


class AgendaRemoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for taking it off the agenda"),
        max_length=500,
        help_text=gettext_lazy("The nomination waits for another session."),
    )


class AttendanceForm(forms.Form):
    present = forms.TypedChoiceField(
        label=gettext_lazy("Attendance"),
        choices=[("1", gettext_lazy("Present")), ("0", gettext_lazy("Absent"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=255,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("For example: on a work trip, arrived late")}
        ),
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=gettext_lazy("Your vote"), choices=VoteChoice.choices)


class SessionCloseForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Leave empty to have the minutes written from the attendance and the votes; or type "
            "or paste the minutes of the meeting."
        ),
    )


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Its nominations can be put on another session's agenda."),
    )
