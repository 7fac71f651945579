"""Forms of the nomination pages: they parse input and offer sensible choices; the services
decide and validate (an out-of-place choice that slips through is refused there, with a message).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from awards.models import AwardRecord, AwardTopic, AwardType, DossierDocumentType
from awards.selectors import award_type_list
from nominations.models import Nomination, NominationStatus, ReviewOutcome, Submission
from nominations.permissions import acting_units
from nominations.selectors import nomination_list_visible_to
from organizations.forms import DateInput, units_in_scope
from organizations.models import AnnualRating, Initiative, Person, Role, Unit
from organizations.selectors import person_list_visible_to, unit_list_visible_to
from organizations.widgets import UnitChoiceField

ALL = [("", gettext_lazy("All"))]


def clerk_units(user: Any) -> Any:
    """The units where the user files nominations: where they are (or stand in as) a clerk."""
    return unit_list_visible_to(user).filter(pk__in=acting_units(user, Role.CLERK))


# --- the list --------------------------------------------------------------------------------


def award_code_choices() -> list[tuple[str, str]]:
    """One choice per award code (an award keeps its code across catalogue versions)."""
    seen: dict[str, str] = {}
    versions = AwardType.objects.order_by("-regulation__effective_from", "sort_order")
    for code, name in versions.values_list("code", "name"):
        seen.setdefault(code, name)  # the newest version names it
    return sorted(seen.items(), key=lambda item: item[1])


class NominationFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Nominee (name or code)"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *NominationStatus.choices], required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100
    )
    award_code = forms.ChoiceField(label=gettext_lazy("Award"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = [*ALL, *award_code_choices()]
        self.fields["under"] = UnitChoiceField(
            units_in_scope(user),
            label=gettext_lazy("Filed by (unit and its sub-units)"),
            required=False,
        )
        self.fields["at_unit"] = UnitChoiceField(
            units_in_scope(user), label=gettext_lazy("Now at unit"), required=False
        )


# --- the nomination form ---------------------------------------------------------------------


class PersonPickerWidget(forms.Select):
    """A search box that fills a short select with the nominating unit's members (HTMX); the
    page renders the chosen person only, never the whole membership."""

    template_name = "nominations/widgets/person_picker.html"

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        # The blank choice and the chosen person, read by key: iterating the choices would load
        # every person the reader can see.
        chosen = [v for v in value if v not in (None, "")]
        field = self.choices.field
        options = [
            self.create_option(name, "", field.empty_label or "", not chosen, 0, attrs=attrs)
        ]
        for index, person in enumerate(self.choices.queryset.filter(pk__in=chosen), start=1):
            option_value, label = self.choices.choice(person)
            options.append(self.create_option(name, option_value, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse("nominations:person_lookup")
        context["widget"]["search_placeholder"] = _("Type a name or person code to search")
        return context


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PersonPickerWidget())
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.code})"


class RecordChoiceField(forms.ModelMultipleChoiceField):
    """The nominee's own records, as checkboxes, newest first."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, AnnualRating):
            return f"{obj.year}: {obj.get_rating_display()}"
        if isinstance(obj, Initiative):
            return f"{obj.year}: {obj.title} ({obj.get_recognition_level_display()})"
        if isinstance(obj, AwardRecord):
            label = f"{obj.year}: {obj.award_name}"
            if obj.decision_number:
                label += f" – {obj.decision_number}"
            return label + (f" ({_('revoked')})" if obj.revoked_on else "")
        return str(obj)


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} – {obj.regulation.number}"


# Changing these re-renders the form (HTMX), so that the award, topic, nominee and record lists
# follow what was chosen. Without JavaScript the same happens when the form is sent.
REFRESH_ATTRS = {"data-refresh": "1"}


class NominationForm(forms.Form):
    """A new nomination: who nominates whom, for which award, with what."""

    PERSON = "person"
    COLLECTIVE = "collective"

    nominating_unit = forms.ModelChoiceField(
        label=gettext_lazy("Nominating unit"),
        queryset=Unit.objects.none(),
        widget=forms.Select(attrs=REFRESH_ATTRS),
    )
    nominee_kind = forms.ChoiceField(
        label=gettext_lazy("Who is nominated"),
        choices=[
            (PERSON, gettext_lazy("A person")),
            (COLLECTIVE, gettext_lazy("A collective (the unit or one of its sub-units)")),
        ],
        initial=PERSON,
        widget=forms.RadioSelect(attrs=REFRESH_ATTRS),
    )
    nominee_unit = forms.ModelChoiceField(
        label=gettext_lazy("Nominated collective"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.Select(attrs=REFRESH_ATTRS),
    )
    reference_date = forms.DateField(
        label=gettext_lazy("Reference date"),
        help_text=gettext_lazy(
            "The catalogue in force on this date applies; usually the date of the unit's "
            "assessment meeting."
        ),
        widget=DateInput(attrs=REFRESH_ATTRS),
    )
    award_type = AwardChoiceField(
        label=gettext_lazy("Award"),
        queryset=AwardType.objects.none(),
        widget=forms.Select(attrs=REFRESH_ATTRS),
        help_text=gettext_lazy(
            "Only the awards of the catalogue in force on the reference date that fit this kind "
            "of nominee are listed."
        ),
    )
    topic = forms.ModelChoiceField(
        label=pgettext_lazy("topic of a topic award", "Topic"),
        queryset=AwardTopic.objects.none(),
        required=False,
        help_text=gettext_lazy("Only for awards given by topic."),
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    period_label = forms.CharField(
        label=gettext_lazy("Phase or campaign"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("For example: Đợt 1 năm 2025."),
    )
    achievements = forms.CharField(
        label=gettext_lazy("Summary of achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    ratings = RecordChoiceField(
        label=gettext_lazy("Annual ratings to cite"), queryset=AnnualRating.objects.none()
    )
    initiatives = RecordChoiceField(
        label=gettext_lazy("Initiatives to cite"), queryset=Initiative.objects.none()
    )
    prior_awards = RecordChoiceField(
        label=gettext_lazy("Awards received to cite"), queryset=AwardRecord.objects.none()
    )

    citation_fields = ("ratings", "initiatives", "prior_awards")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.citation_fields:
            self.fields[name].required = False
        self.setup_nominee()
        self.setup_award()
        self.setup_citations()

    # What the form currently says, bound or not: the choices of the dependent fields follow it.
    def current(self, name: str) -> Any:
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        value = self.initial.get(name, self.fields[name].initial if name in self.fields else None)
        return getattr(value, "pk", value) or None

    def setup_nominee(self) -> None:
        units = clerk_units(self.user)
        self.fields["nominating_unit"].queryset = units
        if not self.is_bound and "nominating_unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:
                self.initial["nominating_unit"] = only[0].pk
        self.nominating_unit = units.filter(pk=_int(self.current("nominating_unit"))).first()
        people = person_list_visible_to(self.user)
        self.fields["nominee_person"] = PersonChoiceField(
            people,
            label=gettext_lazy("Nominated person"),
            help_text=gettext_lazy("A member of the nominating unit or of one of its sub-units."),
            error_messages={"required": gettext_lazy("Choose the nominated person.")},
        )
        self.fields["nominee_person"].widget.attrs.update(REFRESH_ATTRS)
        self.order_fields(["nominating_unit", "nominee_kind", "nominee_person", "nominee_unit"])
        collectives = (
            unit_list_visible_to(self.user, under=self.nominating_unit)
            if self.nominating_unit is not None
            else Unit.objects.none()
        )
        self.fields["nominee_unit"].queryset = collectives
        self.is_collective = self.current("nominee_kind") == self.COLLECTIVE
        self.nominee: Person | Unit | None = None
        # Only the nominee field of the chosen kind is shown, and it is required.
        if self.is_collective:
            del self.fields["nominee_person"]
            self.fields["nominee_unit"].required = True
            self.fields["nominee_unit"].error_messages["required"] = _(
                "Choose the nominated collective."
            )
            self.nominee = collectives.filter(pk=_int(self.current("nominee_unit"))).first()
        else:
            del self.fields["nominee_unit"]
            if (person_id := _int(self.current("nominee_person"))) is not None:
                self.nominee = people.filter(pk=person_id).first()

    def reference_date_value(self) -> datetime.date:
        value = self.current("reference_date")
        if isinstance(value, datetime.date):
            return value
        parsed = parse_date(value) if isinstance(value, str) else None
        return parsed or timezone.localdate()

    def setup_award(self) -> None:
        on = self.reference_date_value()
        if self.is_collective:
            kind = self.nominee.kind_id if isinstance(self.nominee, Unit) else None
            awards = (
                award_type_list(on=on, unit_kind=kind, active_only=True)
                if kind is not None
                else award_type_list(on=on, active_only=True)
                .filter(collective_unit_kinds__isnull=False)
                .distinct()
            )
        else:
            awards = award_type_list(on=on, for_individuals=True, active_only=True)
        self.fields["award_type"].queryset = awards
        award = awards.filter(pk=_int(self.current("award_type"))).first()
        if award is not None and award.topics.all():  # prefetched by award_type_list
            self.fields["topic"].queryset = award.topics.all()
        else:
            del self.fields["topic"]

    def setup_citations(self) -> None:
        nominee = self.nominee
        if isinstance(nominee, Person):
            querysets = {
                "ratings": nominee.ratings.all(),
                "initiatives": nominee.initiatives.all(),
                "prior_awards": nominee.award_records.all(),
            }
        elif isinstance(nominee, Unit):
            querysets = {
                "ratings": nominee.ratings.all(),
                "prior_awards": nominee.award_records.all(),
            }
        else:
            querysets = {}
        for name in self.citation_fields:
            if name in querysets:
                self.fields[name].queryset = querysets[name].order_by("-year", "-pk")
            else:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.setdefault("nominee_person", None)
        data.setdefault("nominee_unit", None)
        return data


class NominationEditForm(NominationForm):
    """A draft or returned nomination: everything but the unit and the nominee."""

    def __init__(self, *args: Any, user: Any, nomination: Nomination, **kwargs: Any) -> None:
        self.nomination = nomination
        super().__init__(*args, user=user, **kwargs)
        for name in ("nominating_unit", "nominee_kind", "nominee_unit"):
            del self.fields[name]

    def setup_nominee(self) -> None:
        self.nominating_unit = self.nomination.nominating_unit
        self.is_collective = self.nomination.nominee_unit_id is not None
        self.nominee = self.nomination.nominee


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def nomination_initial(nomination: Nomination) -> dict[str, Any]:
    return {
        "award_type": nomination.award_type_id,
        "topic": nomination.topic_id,
        "year": nomination.year,
        "reference_date": nomination.reference_date,
        "period_label": nomination.period_label,
        "achievements": nomination.achievements,
        "ratings": [r.pk for r in nomination.ratings.all()],
        "initiatives": [i.pk for i in nomination.initiatives.all()],
        "prior_awards": [a.pk for a in nomination.prior_awards.all()],
    }


# --- dossier and steps -----------------------------------------------------------------------


class AttachmentForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label=gettext_lazy("Document"), queryset=DossierDocumentType.objects.order_by("name")
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, Word, Excel, OpenDocument, JPEG or PNG."),
    )

    def __init__(self, *args: Any, required_ids: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The award's required documents first, then any other kind of document.
        first = Case(When(pk__in=list(required_ids), then=Value(0)), default=Value(1))
        self.fields["document_type"].queryset = DossierDocumentType.objects.order_by(first, "name")


class AttachmentRemoveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)


class StepForm(forms.Form):
    """Every step form carries the state the page showed: if the nomination moved meanwhile,
    the service answers that the step is no longer open instead of acting on something else."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def seen_value(nomination: Nomination) -> str:
        return f"{nomination.status}:{nomination.current_unit_id or ''}"

    def apply_seen(self, nomination: Nomination) -> Nomination:
        status, _sep, unit = (self.cleaned_data.get("seen") or "").partition(":")
        if status in NominationStatus.values:
            nomination.status = status
            nomination.current_unit_id = _int(unit)
        return nomination


class SubmitForm(StepForm):
    pass


class ResubmitForm(StepForm):
    note = forms.CharField(
        label=gettext_lazy("What was changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Tell the reviewers what you fixed."),
    )


class WithdrawForm(StepForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(StepForm):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Your decision"),
        choices=[
            (ReviewOutcome.APPROVED, gettext_lazy("Approve and forward")),
            (ReviewOutcome.RETURNED, gettext_lazy("Return to the unit for changes")),
            (ReviewOutcome.REJECTED, gettext_lazy("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required to return or reject: say what is wrong and what the unit must fix."
        ),
    )


# --- submission letters ----------------------------------------------------------------------


class NominationsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nominee} – {obj.award_type.name} ({obj.year}) · {obj.nominating_unit.name}"


class SubmissionFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Subject or number"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *Submission.Status.choices], required=False
    )


class SubmissionForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=500,
        help_text=gettext_lazy("For example: Đề nghị tặng Bằng khen năm 2025."),
    )
    number = forms.CharField(
        label=gettext_lazy("Letter number"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("For example: 12/TTr-CĐCS. It can be added once signed."),
    )
    letter_file = forms.FileField(
        label=gettext_lazy("Signed letter"),
        required=False,
        help_text=gettext_lazy(
            "The scanned, signed letter. It stands for the proposal letter of every nomination "
            "it carries."
        ),
    )

    def __init__(self, *args: Any, user: Any, submission: Submission | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.submission = submission
        drafts = nomination_list_visible_to(user, status=NominationStatus.DRAFT).filter(
            nominating_unit__in=clerk_units(user)
        )
        if submission is None:
            self.fields["nominating_unit"] = forms.ModelChoiceField(
                label=gettext_lazy("From unit"), queryset=clerk_units(user)
            )
            self.order_fields(["nominating_unit"])
            drafts = drafts.filter(submission__isnull=True)
        else:
            drafts = drafts.filter(
                Q(submission=submission) | Q(submission__isnull=True),
                nominating_unit=submission.nominating_unit,
            )
        self.fields["nominations"] = NominationsField(
            label=gettext_lazy("Nominations carried by the letter"),
            queryset=drafts,
            required=False,
            help_text=gettext_lazy("The unit's draft nominations that are in no other letter."),
        )


class SubmissionReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Your decision on every nomination of the letter waiting at your unit"),
        choices=[
            (ReviewOutcome.APPROVED, gettext_lazy("Approve all and forward")),
            (ReviewOutcome.RETURNED, gettext_lazy("Return all for changes")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to return: say what the unit must fix."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = forms.ModelChoiceField(
            label=gettext_lazy("Acting for unit"),
            queryset=units,
            initial=units[0].pk if len(units) == 1 else None,
            widget=forms.HiddenInput if len(units) == 1 else forms.Select,
        )
