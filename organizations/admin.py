"""Administration of the union tree, people, their records and roles.

A unit administrator (Role.ADMIN at a unit) works inside that unit's subtree: every queryset and
every choice of a unit, person or user goes through the scope helpers below. Levels and kinds of
units are reference data that only system administrators edit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.selectors import user_list_visible_to
from common.admin import (
    CatalogueAdminMixin,
    ReadOnlyInlineMixin,
    ServiceAdminForm,
    ServiceInlineMixin,
    ServiceModelAdmin,
    admin_site,
    changed_values,
    confirm_action,
    date_field,
    fresh,
    model_data,
    permitted,
    reason_field,
)
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    Membership,
    PendingCase,
    Person,
    Role,
    RoleAssignment,
    UnionServicePeriod,
    Unit,
    UnitClosure,
    UnitKind,
    UnitLevel,
)
from organizations.permissions import (
    active_assignments,
    can_manage_unit,
    is_administrator,
    visible_unit_ids,
)
from organizations.services import (
    people_grant,
    person_create,
    person_grant,
    person_transfer,
    person_update,
    record_create,
    record_delete,
    record_update,
    role_grant,
    role_revoke,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_update,
)
from organizations.services.config import unit_kind_save, unit_level_save
from organizations.services.people import PERSON_EDITABLE_FIELDS
from organizations.services.records import record_grant
from organizations.services.units import UNIT_EDITABLE_FIELDS

BOTH_LOCATIONS = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]

# --- scope ---------------------------------------------------------------------------------------


def admin_unit_ids(user: Any) -> QuerySet[Any]:
    """Subquery: the units the user administers (their ADMIN roles' subtrees)."""
    return visible_unit_ids(user, {Role.ADMIN})


def admin_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=admin_unit_ids(user)).select_related("kind__level")


def admin_reference_units(user: Any) -> QuerySet[Unit]:
    """Units a record may *cite* (the unit that decided an award): the user's own subtrees and
    the units above them, since awards are usually decided higher up."""
    roots = [a.unit_id for a in active_assignments(user) if a.role == Role.ADMIN]
    above = UnitClosure.objects.filter(descendant_id__in=roots).values("ancestor_id")
    return Unit.objects.filter(Q(id__in=admin_unit_ids(user)) | Q(id__in=above)).select_related(
        "kind__level"
    )


def admin_person_ids(user: Any) -> QuerySet[Any]:
    """Subquery: people with a membership, current or past, in a unit the user administers
    (former members stay on the record of the units they belonged to)."""
    return Membership.objects.filter(unit_id__in=admin_unit_ids(user)).values("person_id")


def admin_people(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(id__in=admin_person_ids(user))


def record_scope(model: type[Any], user: Any) -> Q:
    """Records about people in scope, or about collectives (units) in scope.

    A record is about a collective only where the person may be empty (ratings, awards); a
    union service period names a unit too, but it is the place a person served, not the subject.
    """
    scope = Q(person_id__in=admin_person_ids(user))
    if model._meta.get_field("person").null:
        scope |= Q(unit_id__in=admin_unit_ids(user))
    return scope


# Unit fields that take a unit which exists today: the autocomplete offers active units only.
# Elsewhere (a rating of a collective since dissolved, past service) dissolved units stay.
ACTIVE_UNIT_FIELDS = frozenset(
    {
        ("unit", "parent"),
        ("unit", "merged_into"),
        ("membership", "unit"),
        ("roleassignment", "unit"),
        ("user", "home_unit"),
    }
)
# Unit fields that cite a unit rather than file something under it (see admin_reference_units).
REFERENCE_UNIT_FIELDS = frozenset({"deciding_unit"})


class ScopeChoicesMixin:
    """Foreign keys to units, people and users offer only what the user administers."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.remote_field.model
        user = request.user
        if related is Unit:
            kwargs["queryset"] = (
                admin_reference_units(user)
                if db_field.name in REFERENCE_UNIT_FIELDS
                else admin_units(user)
            )
        elif related is Person:
            kwargs["queryset"] = admin_people(user)
        elif related is get_user_model():
            kwargs["queryset"] = user_list_visible_to(user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


def unit_autocomplete(model: type[Any], field: str) -> AutocompleteSelect:
    """The admin's unit search box for a form field that is not a model field."""
    return AutocompleteSelect(model._meta.get_field(field), admin_site)


# --- levels and kinds ----------------------------------------------------------------------------


@admin.register(UnitLevel, site=admin_site)
class UnitLevelAdmin(CatalogueAdminMixin, ServiceModelAdmin):
    list_display = ("rank", "name", "code", "is_grassroots_or_below")
    search_fields = ("name", "code")
    ordering = ("rank",)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return unit_level_save(actor=request.user, instance=obj)

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return unit_level_save(
            actor=request.user, instance=obj, reason=form.cleaned_data.get("change_reason", "")
        )


@admin.register(UnitKind, site=admin_site)
class UnitKindAdmin(CatalogueAdminMixin, ServiceModelAdmin):
    list_display = ("name", "abbreviation", "code", "level")
    list_select_related = ("level",)
    list_filter = ("level",)
    search_fields = ("name", "abbreviation", "code")
    ordering = ("level__rank", "name")

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return unit_kind_save(actor=request.user, instance=obj)

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return unit_kind_save(
            actor=request.user, instance=obj, reason=form.cleaned_data.get("change_reason", "")
        )


# --- records (shared by the record admins and the record inlines) --------------------------------


def record_create_from(request: HttpRequest, obj: Any) -> Any:
    return record_create(actor=request.user, model=type(obj), data=model_data(obj))


def record_update_from(request: HttpRequest, obj: Any, changed: list[str], reason: str) -> Any:
    # The service checks permission against the record as stored, then as changed. Only model
    # fields are data (a form also has the reason for the change).
    model_fields = {field.name for field in obj._meta.concrete_fields}
    return record_update(
        actor=request.user,
        record=fresh(obj),
        data={name: getattr(obj, name) for name in changed if name in model_fields},
        reason=reason,
    )


class RecordInline(ScopeChoicesMixin, ServiceInlineMixin, admin.TabularInline):
    """Records of a person kept on the person's page; written through the record services."""

    fk_name = "person"

    def can_write(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and permitted(lambda: person_grant(request.user, obj))

    def create_through_service(self, request: HttpRequest, obj: Any) -> Any:
        return record_create_from(request, obj)

    def update_through_service(
        self, request: HttpRequest, obj: Any, changed: list[str], reason: str
    ) -> Any:
        return record_update_from(request, obj, changed, reason)

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        record_delete(actor=request.user, record=obj, reason=reason)


class RecordAdmin(ScopeChoicesMixin, ServiceModelAdmin):
    """A record model on its own list: records of people and collectives in scope."""

    actions = ["delete_selected_through_service"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(record_scope(self.model, request.user))

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return is_administrator(request.user)
        return permitted(lambda: record_grant(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return record_create_from(request, obj)

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return record_update_from(
            request, obj, form.changed_data, form.cleaned_data.get("change_reason", "")
        )

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        record_delete(actor=request.user, record=obj, reason=reason)


# --- units ---------------------------------------------------------------------------------------


class UnitAdminForm(ServiceAdminForm):
    service_error_fields = {"new_parent": "parent"}

    def limit_choices(self, request: HttpRequest) -> None:
        # The unit's current parent may lie above the user's subtree (a provincial
        # administrator's own province sits under TLĐ): keep it selectable so that saving the
        # form does not look like a move.
        if "parent" in self.fields and self.instance.parent_id:
            field = self.fields["parent"]
            field.queryset = Unit.objects.filter(
                Q(id__in=admin_unit_ids(request.user)) | Q(pk=self.instance.parent_id)
            )

    def clean_parent(self) -> Unit | None:
        parent = self.cleaned_data.get("parent")
        if self.instance.pk and self.instance.parent_id and parent is None:
            raise forms.ValidationError(
                _("A unit cannot be taken out of the tree. Choose its new parent unit.")
            )
        return parent


class UnitStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("active", _("Active")), ("dissolved", _("Dissolved or merged"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "active":
            return queryset.filter(dissolved_on__isnull=True)
        if self.value() == "dissolved":
            return queryset.filter(dissolved_on__isnull=False)
        return queryset


class CollectiveRatingInline(RecordInline):
    model = AnnualRating
    fk_name = "unit"
    fields = ("year", "rating", "decided_by", "decision_number", "note")
    verbose_name = _("annual rating of the collective")
    verbose_name_plural = _("annual ratings of the collective")

    def can_write(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and permitted(lambda: people_grant(request.user, obj))


class UnitMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Unit.objects.none(),
        widget=unit_autocomplete(Unit, "merged_into"),
        help_text=_("An active unit of the same level."),
    )
    on = date_field(_("Effective from"), initial=timezone.localdate)
    reason = reason_field()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = admin_units(user).filter(dissolved_on__isnull=True)


class UnitDissolveForm(forms.Form):
    on = date_field(_("Dissolved from"), initial=timezone.localdate)
    children_to = forms.ModelChoiceField(
        label=_("Move its sub-units to"),
        queryset=Unit.objects.none(),
        required=False,
        widget=unit_autocomplete(Unit, "parent"),
        help_text=_("Needed when the unit still has active sub-units."),
    )
    reason = reason_field()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children_to"].queryset = admin_units(user).filter(dissolved_on__isnull=True)


@admin.register(Unit, site=admin_site)
class UnitAdmin(ScopeChoicesMixin, ServiceModelAdmin):
    form = UnitAdminForm
    list_display = (
        "name",
        "code",
        "kind",
        "level",
        "parent",
        "sector",
        "headcount",
        "dissolved_on",
    )
    list_select_related = ("kind__level", "parent")
    list_filter = (UnitStatusFilter, "kind__level", "kind", "sector")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    ordering = ("kind__level__rank", "name")
    readonly_fields = ("dissolved_on", "merged_into", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "parent")}),
        (
            _("Figures the rules use"),
            {"fields": ("sector", "headcount", "women_headcount", "member_count")},
        ),
        (
            _("Life of the unit"),
            {"fields": ("established_on", "dissolved_on", "merged_into", "note")},
        ),
        (None, {"fields": ("change_reason",)}),
    )
    inlines = [CollectiveRatingInline]
    actions = ["merge_into", "dissolve"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return (
            super()
            .get_queryset(request)
            .filter(id__in=admin_unit_ids(request.user))
            .select_related("kind__level", "parent", "merged_into")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Unit], search_term: str
    ) -> tuple[QuerySet[Unit], bool]:
        # The search box of a unit field on another form (the autocomplete view) says which
        # field asks: it may offer units above the subtree, or active units only.
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            field = (request.GET.get("model_name", ""), request.GET.get("field_name", ""))
            if field[1] in REFERENCE_UNIT_FIELDS:
                queryset = admin_reference_units(request.user)
            if field in ACTIVE_UNIT_FIELDS:
                queryset = queryset.filter(dissolved_on__isnull=True)
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("level"), ordering="kind__level__rank")
    def level(self, obj: Unit) -> str:
        return str(obj.kind.level)

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return self.inlines if obj is not None else []

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return is_administrator(request.user)
        return can_manage_unit(request.user, obj)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in UNIT_EDITABLE_FIELDS - {"code", "name", "kind"}
            if name in data
        }
        return unit_create(
            actor=request.user,
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            parent=data.get("parent"),
            **fields,
        )

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        unit = fresh(obj)
        reason = form.cleaned_data.get("change_reason", "")
        changes = changed_values(form, UNIT_EDITABLE_FIELDS)
        if changes:
            unit = unit_update(actor=request.user, unit=unit, reason=reason, **changes)
        # A new parent is a move: the closure table and the scope of readers change with it.
        if "parent" in form.changed_data:
            unit = unit_move(
                actor=request.user, unit=unit, new_parent=form.cleaned_data["parent"], reason=reason
            )
        return unit

    @admin.action(
        permissions=["change"], description=_("Merge into another unit…"), location=BOTH_LOCATIONS
    )
    def merge_into(self, request: HttpRequest, queryset: QuerySet[Unit]) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=UnitMergeForm,
            form_kwargs={"user": request.user},
            title=_("Merge units"),
            submit_label=_("Merge"),
            next_step=_(
                "Choose the unit they merge into and the date. Their sub-units move under it, "
                "their current members become its members from that date, and their roles end."
            ),
            perform=lambda unit, data: unit_merge(
                actor=request.user,
                source=unit,
                target=data["target"],
                on=data["on"],
                reason=data["reason"],
            ),
            success_message=lambda done: gettext("Units merged: %(count)d.") % {"count": len(done)},
        )

    @admin.action(permissions=["change"], description=_("Dissolve…"), location=BOTH_LOCATIONS)
    def dissolve(self, request: HttpRequest, queryset: QuerySet[Unit]) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=UnitDissolveForm,
            form_kwargs={"user": request.user},
            title=_("Dissolve units"),
            submit_label=_("Dissolve"),
            next_step=_(
                "Give the date and the reason. If a unit still has active sub-units, choose "
                "where they move. The units stay in the tree with their whole past."
            ),
            perform=lambda unit, data: unit_dissolve(
                actor=request.user,
                unit=unit,
                on=data["on"],
                children_to=data["children_to"],
                reason=data["reason"],
            ),
            success_message=lambda done: (
                gettext("Units dissolved: %(count)d.") % {"count": len(done)}
            ),
        )


# --- people --------------------------------------------------------------------------------------


class PersonAddForm(ServiceAdminForm):
    """A new person and the membership that makes them part of a unit (person_create)."""

    unit = forms.ModelChoiceField(
        label=_("Member of unit"),
        queryset=Unit.objects.none(),
        widget=unit_autocomplete(Membership, "unit"),
    )
    started_on = date_field(_("Member since"))
    # The membership's own fields, with the model's labels.
    position = Membership._meta.get_field("position").formfield(required=False)
    is_leader = Membership._meta.get_field("is_leader").formfield()
    is_union_member = Membership._meta.get_field("is_union_member").formfield()

    def limit_choices(self, request: HttpRequest) -> None:
        self.fields["unit"].queryset = admin_units(request.user)


class PersonTransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("New unit"),
        queryset=Unit.objects.none(),
        widget=unit_autocomplete(Membership, "unit"),
    )
    on = date_field(_("Member of the new unit from"), initial=timezone.localdate)
    position = forms.CharField(
        label=_("Position in the new unit"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to keep the current position."),
    )
    reason = reason_field(required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = admin_units(user).filter(dissolved_on__isnull=True)


class MembershipInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("unit", "started_on", "ended_on", "position", "is_leader", "is_union_member")
    readonly_fields = fields
    ordering = ("-started_on",)
    verbose_name_plural = _("memberships (change them with the “Transfer” action)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).select_related("unit")


class PersonRatingInline(RecordInline):
    model = AnnualRating
    fields = ("year", "rating", "decided_by", "decision_number", "note")


class InitiativeInline(RecordInline):
    model = Initiative
    fields = (
        "title",
        "kind",
        "recognition_level",
        "year",
        "recognized_by",
        "decision_number",
        "beneficial_value",
        "is_applied",
    )


class ServicePeriodInline(RecordInline):
    model = UnionServicePeriod
    fields = (
        "unit",
        "unit_name",
        "unit_category",
        "mode",
        "position",
        "committee",
        "started_on",
        "ended_on",
    )
    autocomplete_fields = ("unit",)


class SanctionInline(RecordInline):
    model = DisciplinarySanction
    fields = ("form", "decision_number", "decided_on", "effective_from", "effective_to", "issuer")


class PendingCaseInline(RecordInline):
    model = PendingCase
    fields = ("kind", "opened_on", "resolved_on", "summary", "resolution")


@admin.register(Person, site=admin_site)
class PersonAdmin(ServiceModelAdmin):
    list_display = ("full_name", "code", "gender", "birth_date", "current_unit")
    list_filter = ("gender", "education_level")
    search_fields = ("full_name", "code")
    ordering = ("full_name", "code")
    inlines = [
        MembershipInline,
        PersonRatingInline,
        InitiativeInline,
        ServicePeriodInline,
        SanctionInline,
        PendingCaseInline,
    ]
    actions = ["transfer"]
    add_fieldsets = (
        (None, {"fields": ("code", "full_name", "gender", "birth_date", "education_level")}),
        (
            _("Membership"),
            {"fields": ("unit", "started_on", "position", "is_leader", "is_union_member")},
        ),
        (None, {"fields": ("note",)}),
    )
    fieldsets = (
        (None, {"fields": ("code", "full_name", "gender", "birth_date", "education_level")}),
        (None, {"fields": ("note", "created_at", "updated_at", "change_reason")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        current = Membership.objects.filter(ended_on__isnull=True).select_related("unit")
        return (
            super()
            .get_queryset(request)
            .filter(id__in=admin_person_ids(request.user))
            .prefetch_related(
                Prefetch("memberships", queryset=current, to_attr="current_memberships")
            )
        )

    @admin.display(description=_("current unit"))
    def current_unit(self, obj: Person) -> str:
        memberships = getattr(obj, "current_memberships", [])
        return str(memberships[0].unit) if memberships else "—"

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return self.add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = PersonAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        # Records are added once the person exists (person_create makes the membership that
        # decides who may keep them).
        return self.inlines if obj is not None else []

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return is_administrator(request.user)
        return permitted(lambda: person_grant(request.user, obj))

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return person_create(
            actor=request.user,
            unit=data["unit"],
            code=data["code"],
            full_name=data["full_name"],
            gender=data["gender"],
            started_on=data["started_on"],
            position=data["position"],
            is_leader=data["is_leader"],
            is_union_member=data["is_union_member"],
            **{
                name: data[name]
                for name in PERSON_EDITABLE_FIELDS - {"code", "full_name", "gender"}
                if name in data
            },
        )

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        person = fresh(obj)
        changes = changed_values(form, PERSON_EDITABLE_FIELDS)
        if not changes:
            return person
        return person_update(
            actor=request.user,
            person=person,
            reason=form.cleaned_data.get("change_reason", ""),
            **changes,
        )

    @admin.action(
        permissions=["change"], description=_("Transfer to another unit…"), location=BOTH_LOCATIONS
    )
    def transfer(self, request: HttpRequest, queryset: QuerySet[Person]) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=PersonTransferForm,
            form_kwargs={"user": request.user},
            title=_("Transfer people to another unit"),
            submit_label=_("Transfer"),
            next_step=_(
                "Choose the new unit and the date from which they belong to it. Their current "
                "membership ends the day before; their records go with them."
            ),
            perform=lambda person, data: person_transfer(
                actor=request.user,
                person=person,
                to_unit=data["to_unit"],
                on=data["on"],
                position=data["position"] or None,
                reason=data["reason"],
            ),
            success_message=lambda done: (
                gettext("People transferred: %(count)d.") % {"count": len(done)}
            ),
        )


class MembershipStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("current", _("Current")), ("ended", _("Ended"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "current":
            return queryset.filter(ended_on__isnull=True)
        if self.value() == "ended":
            return queryset.filter(ended_on__isnull=False)
        return queryset


@admin.register(Membership, site=admin_site)
class MembershipAdmin(ServiceModelAdmin):
    """Read-only: memberships change through person_create, the "Transfer" action and the unit
    actions (merge, dissolve), which keep one open membership per person."""

    list_display = ("person", "unit", "started_on", "ended_on", "position", "is_leader")
    list_select_related = ("person", "unit")
    list_filter = (MembershipStatusFilter, "is_leader", "is_union_member")
    search_fields = ("person__full_name", "person__code", "unit__name", "unit__code")
    ordering = ("person__full_name", "-started_on")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return (
            super()
            .get_queryset(request)
            .filter(unit_id__in=admin_unit_ids(request.user))
            .select_related("person", "unit")
        )


# --- records of people and collectives -----------------------------------------------------------


@admin.register(AnnualRating, site=admin_site)
class AnnualRatingAdmin(RecordAdmin):
    list_display = ("year", "person", "unit", "rating", "decided_by", "decision_number")
    list_select_related = ("person", "unit")
    list_filter = ("year", "rating")
    search_fields = ("person__full_name", "person__code", "unit__name", "decision_number")
    autocomplete_fields = ("person", "unit")
    ordering = ("-year",)


@admin.register(Initiative, site=admin_site)
class InitiativeAdmin(RecordAdmin):
    list_display = ("title", "person", "kind", "recognition_level", "year", "beneficial_value")
    list_select_related = ("person",)
    list_filter = ("year", "kind", "recognition_level", "is_applied")
    search_fields = ("title", "person__full_name", "person__code", "decision_number")
    autocomplete_fields = ("person",)
    ordering = ("-year", "title")


@admin.register(UnionServicePeriod, site=admin_site)
class UnionServicePeriodAdmin(RecordAdmin):
    list_display = ("person", "mode", "unit_category", "position", "started_on", "ended_on")
    list_select_related = ("person",)
    list_filter = ("mode", "unit_category", "committee")
    search_fields = ("person__full_name", "person__code", "unit_name", "position")
    autocomplete_fields = ("person", "unit")
    ordering = ("person__full_name", "started_on")


@admin.register(DisciplinarySanction, site=admin_site)
class DisciplinarySanctionAdmin(RecordAdmin):
    list_display = ("person", "form", "decision_number", "effective_from", "effective_to")
    list_select_related = ("person",)
    list_filter = ("form",)
    search_fields = ("person__full_name", "person__code", "decision_number")
    autocomplete_fields = ("person",)
    ordering = ("-effective_from",)


@admin.register(PendingCase, site=admin_site)
class PendingCaseAdmin(RecordAdmin):
    list_display = ("person", "kind", "opened_on", "resolved_on")
    list_select_related = ("person",)
    list_filter = ("kind",)
    search_fields = ("person__full_name", "person__code", "summary")
    autocomplete_fields = ("person",)
    ordering = ("-opened_on",)


# --- roles ---------------------------------------------------------------------------------------


class RoleStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("active", pgettext_lazy("role", "In force")), ("revoked", _("Revoked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class RevokeForm(forms.Form):
    reason = reason_field()


@admin.register(RoleAssignment, site=admin_site)
class RoleAssignmentAdmin(ScopeChoicesMixin, ServiceModelAdmin):
    """Roles are granted here and revoked with the "Revoke" action; an assignment is never
    edited or deleted, so the record of who could do what, when, stays whole."""

    list_display = ("user", "role", "unit", "granted_by", "created_at", "is_active", "revoked_at")
    list_select_related = ("user", "unit", "granted_by")
    list_filter = (RoleStatusFilter, "role")
    search_fields = ("user__username", "user__full_name", "unit__name", "unit__code")
    autocomplete_fields = ("user", "unit")
    ordering = ("unit__name", "role", "user__username")
    actions = ["revoke"]
    add_fieldsets = ((None, {"fields": ("user", "role", "unit", "note")}),)
    fieldsets = (
        (None, {"fields": ("user", "role", "unit", "note", "granted_by", "created_at")}),
        (_("Revocation"), {"fields": ("revoked_at", "revoked_by", "revoke_reason")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        return (
            super()
            .get_queryset(request)
            .filter(unit_id__in=admin_unit_ids(request.user))
            .select_related("user", "unit", "granted_by", "revoked_by")
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.add_fieldsets if obj is None else self.fieldsets

    @admin.display(
        description=pgettext_lazy("role", "in force"), boolean=True, ordering="revoked_at"
    )
    def is_active(self, obj: RoleAssignment) -> bool:
        return obj.is_active

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return role_grant(
            actor=request.user,
            user=data["user"],
            role=data["role"],
            unit=data["unit"],
            note=data.get("note", ""),
        )

    @admin.action(permissions=["revoke"], description=_("Revoke…"), location=BOTH_LOCATIONS)
    def revoke(self, request: HttpRequest, queryset: QuerySet[Any]) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=RevokeForm,
            title=_("Revoke roles"),
            submit_label=_("Revoke"),
            next_step=_(
                "Give the reason and confirm. The roles end now; they stay on the list as revoked."
            ),
            perform=lambda assignment, data: role_revoke(
                actor=request.user, assignment=assignment, reason=data["reason"]
            ),
            success_message=lambda done: (
                gettext("Roles revoked: %(count)d.") % {"count": len(done)}
            ),
        )


__all__ = [
    "RecordAdmin",
    "RecordInline",
    "ScopeChoicesMixin",
    "admin_people",
    "admin_person_ids",
    "admin_reference_units",
    "admin_unit_ids",
    "admin_units",
    "record_scope",
]
