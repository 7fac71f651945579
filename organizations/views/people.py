"""Pages of people and their records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from audit.services import person_records_viewed
from awards.forms import AwardRecordForm
from awards.models import AwardRecord
from common.exceptions import DomainPermissionError
from common.history import history_entries
from common.views import FilteredListView, ServiceFormView
from organizations.forms import (
    DeleteForm,
    InitiativeForm,
    PendingCaseForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    PersonTransferForm,
    RatingForm,
    SanctionForm,
    ServicePeriodForm,
    yes_no,
)
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    PendingCase,
    Person,
    UnionServicePeriod,
    Unit,
)
from organizations.selectors import (
    person_current_membership,
    person_get_visible,
    person_list_visible_to,
    unit_get_visible,
)
from organizations.services import (
    person_create,
    person_grant,
    person_transfer,
    person_update,
    record_create,
    record_delete,
    record_update,
)
from organizations.views.units import UnitActionMixin


def _current_unit(person: Person) -> str:
    membership = person_current_membership(person)
    return membership.unit.name if membership else ""


def _current_position(person: Person) -> str:
    membership = person_current_membership(person)
    return membership.position if membership else ""


PERSON_EXPORT_COLUMNS = [
    (gettext_lazy("Person code"), lambda p: p.code),
    (gettext_lazy("Full name"), lambda p: p.full_name),
    (gettext_lazy("Gender"), lambda p: p.get_gender_display()),
    (gettext_lazy("Birth date"), lambda p: p.birth_date),
    (gettext_lazy("Education level"), lambda p: p.get_education_level_display()),
    (gettext_lazy("Unit"), _current_unit),
    (gettext_lazy("Position"), _current_position),
]


class PersonListView(FilteredListView):
    template_name = "organizations/person_list.html"
    export_name = "ca-nhan"
    export_title = gettext_lazy("People")
    export_columns = PERSON_EXPORT_COLUMNS
    filter_form_class = PersonFilterForm

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[Person]:
        leader = yes_no(filters.pop("leader", ""))
        return person_list_visible_to(self.request.user, is_leader=leader, **filters)


def can_manage_person(user: Any, person: Person) -> bool:
    try:
        person_grant(user, person)
    except DomainPermissionError:
        return False
    return True


class PersonDetailView(LoginRequiredMixin, TemplateView):
    template_name = "organizations/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = person_get_visible(self.request.user, self.kwargs["pk"], with_records=True)
        person_records_viewed(actor=self.request.user, person=person)  # Decree 13/2023
        context.update(
            person=person,
            current=next((m for m in person.all_memberships if m.ended_on is None), None),
            can_manage=can_manage_person(self.request.user, person),
            history=history_entries(person, limit=20),
            record_kinds=RECORD_KINDS,
        )
        return context


class PersonCreateView(UnitActionMixin, ServiceFormView):
    """Register a new member of the unit in the URL."""

    template_name = "organizations/person_form.html"
    form_class = PersonCreateForm

    def perform(self, form: PersonCreateForm) -> Person:
        data = dict(form.cleaned_data)
        self.created = person_create(
            actor=self.request.user,
            unit=self.get_unit(),
            code=data.pop("code"),
            full_name=data.pop("full_name"),
            gender=data.pop("gender"),
            started_on=data.pop("started_on"),
            position=data.pop("position"),
            is_leader=data.pop("is_leader"),
            is_union_member=data.pop("is_union_member"),
            **data,
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("organizations:person_detail", args=[self.created.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New member of %(unit)s") % {"unit": self.get_unit().name}
        return context


class PersonActionMixin:
    request: Any
    kwargs: dict[str, Any]

    def get_person(self) -> Person:
        if not hasattr(self, "_person"):
            self._person = person_get_visible(self.request.user, self.kwargs["pk"])
        return self._person

    def get_success_url(self) -> str:
        return reverse("organizations:person_detail", args=[self.get_person().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["person"] = self.get_person()
        return context


class PersonUpdateView(PersonActionMixin, ServiceFormView):
    template_name = "organizations/person_form.html"
    form_class = PersonForm
    success_message = gettext_lazy("The person's data was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.get_person()}

    def perform(self, form: PersonForm) -> Person:
        person = Person.objects.get(pk=self.get_person().pk)
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return person_update(actor=self.request.user, person=person, **changes)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(person)s") % {"person": self.get_person().full_name}
        return context


class PersonTransferView(PersonActionMixin, ServiceFormView):
    template_name = "organizations/person_form.html"
    form_class = PersonTransferForm
    success_message = gettext_lazy("The person was transferred.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: PersonTransferForm) -> Any:
        data = form.cleaned_data
        return person_transfer(
            actor=self.request.user,
            person=self.get_person(),
            to_unit=data["to_unit"],
            on=data["on"],
            position=data["position"] or None,
            is_leader=data["is_leader"],
            reason=data["reason"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Transfer %(person)s to another unit") % {
            "person": self.get_person().full_name
        }
        context["explanation"] = _(
            "The current membership ends the day before the date; the person's records stay with "
            "them, and the old unit can still read them."
        )
        return context


# --- records ---------------------------------------------------------------------------------

# kind (in URLs) → (model, form, who it is about, label)
RECORD_KINDS: dict[str, tuple[type[Model], type[forms.ModelForm], tuple[str, ...], Any]] = {
    "rating": (AnnualRating, RatingForm, ("person", "unit"), gettext_lazy("Annual rating")),
    "initiative": (Initiative, InitiativeForm, ("person",), gettext_lazy("Initiative")),
    "service": (
        UnionServicePeriod,
        ServicePeriodForm,
        ("person",),
        gettext_lazy("Union service period"),
    ),
    "sanction": (
        DisciplinarySanction,
        SanctionForm,
        ("person",),
        gettext_lazy("Disciplinary sanction"),
    ),
    "case": (PendingCase, PendingCaseForm, ("person",), gettext_lazy("Complaint or review")),
    "award": (AwardRecord, AwardRecordForm, ("person", "unit"), gettext_lazy("Award received")),
}


def _record_kind(kind: str, subject: str) -> tuple[type[Model], type[forms.ModelForm], Any]:
    if kind not in RECORD_KINDS or subject not in RECORD_KINDS[kind][2]:
        raise Http404
    model, form_class, _subjects, label = RECORD_KINDS[kind]
    return model, form_class, label


class RecordCreateView(ServiceFormView):
    """Add a record to a person (`/people/<pk>/records/<kind>/add/`) or to a collective
    (`/units/<pk>/records/<kind>/add/`)."""

    template_name = "organizations/record_form.html"
    subject = "person"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.model, self.form_class, self.label = _record_kind(kwargs["kind"], self.subject)
        if self.subject == "person":
            self.owner: Person | Unit = person_get_visible(request.user, kwargs["pk"])
        else:
            self.owner = unit_get_visible(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.model(**{self.subject: self.owner})}

    def perform(self, form: forms.ModelForm) -> Any:
        data = {name: form.cleaned_data[name] for name in form.fields}
        data[self.subject] = self.owner
        return record_create(actor=self.request.user, model=self.model, data=data)

    def get_success_url(self) -> str:
        return _owner_url(self.owner)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(owner=self.owner, title=_("Add: %(record)s") % {"record": self.label})
        return context


class UnitRecordCreateView(RecordCreateView):
    subject = "unit"


def _owner_url(owner: Person | Unit) -> str:
    if isinstance(owner, Person):
        return reverse("organizations:person_detail", args=[owner.pk])
    return reverse("organizations:unit_detail", args=[owner.pk])


class RecordMixin:
    """Loads a record through its owner's visibility: a record of someone the reader cannot
    see is a 404."""

    request: Any
    kwargs: dict[str, Any]

    def load_record(self) -> None:
        kind = self.kwargs["kind"]
        if kind not in RECORD_KINDS:
            raise Http404
        self.model, self.record_form_class, _subjects, self.label = RECORD_KINDS[kind]
        record = self.model._default_manager.filter(pk=self.kwargs["pk"]).first()
        if record is None:
            raise Http404
        person_id = getattr(record, "person_id", None)
        if person_id is not None:
            self.owner: Person | Unit = person_get_visible(self.request.user, person_id)
        else:
            self.owner = unit_get_visible(self.request.user, record.unit_id)
        self.record = record

    def get_success_url(self) -> str:
        return _owner_url(self.owner)


class RecordUpdateView(RecordMixin, ServiceFormView):
    template_name = "organizations/record_form.html"
    success_message = gettext_lazy("The record was saved.")

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load_record()
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self) -> type[forms.ModelForm]:
        return self.record_form_class

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.record}

    def perform(self, form: forms.ModelForm) -> Any:
        record = self.model._default_manager.get(pk=self.record.pk)
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        return record_update(actor=self.request.user, record=record, data=data)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(owner=self.owner, title=_("Edit: %(record)s") % {"record": self.label})
        return context


class RecordDeleteView(RecordMixin, ServiceFormView):
    template_name = "organizations/record_delete.html"
    form_class = DeleteForm
    success_message = gettext_lazy("The record was deleted.")

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load_record()
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: DeleteForm) -> None:
        record_delete(
            actor=self.request.user, record=self.record, reason=form.cleaned_data["reason"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(owner=self.owner, record=self.record, label=self.label)
        return context
