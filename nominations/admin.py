"""Administration of the nomination workflow's data: nominations, submission letters and review
decisions, councils and their sessions, award decisions.

Almost everything here is read-only. A nomination, a session or a decision moves through its own
pages (and the API), where each step checks who may act, runs the checks of the step and
completes the workflow's task; an edit in the admin would skip all three. What an administrator
does keep here is the council itself: its name and its members, through the council services.

Every list is kept inside the administrator's subtree, as in organizations/admin.py: a
nomination by its nominating unit, a council and everything it holds by the council's unit.

Deliberately not registered:
- BallotCast and SecretTally. A secret ballot records *that* a member voted apart from the
  running count of how the members voted (docs/decisions/0007-council-votes.md). While a session
  is open, anyone who could watch both, refreshing a page between two votes, would learn who
  voted how; after it closes, the agenda item holds the final counts, which is all there is to
  know. So the admin offers no page on either table, open session or not.
- DecisionCounter: the bookkeeping behind gapless decision numbers, written only under the lock
  taken when a decision is issued.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from common.admin import (
    ReadOnlyInlineMixin,
    ServiceModelAdmin,
    admin_site,
    confirm_action,
    date_field,
    reason_field,
)
from nominations.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DecisionItem,
    Nomination,
    ReviewDecision,
    Submission,
    Vote,
)
from nominations.selectors_councils import agenda_item_tally
from nominations.services import council_member_add, council_member_end, council_save
from organizations.admin import BOTH_LOCATIONS, ScopeChoicesMixin, admin_unit_ids
from organizations.permissions import can_manage_unit, is_administrator

# Nominations appear on many pages through their __str__ (nominee, award): what it reads.
NOMINATION_LABEL = ("nominee_person", "nominee_unit", "award_type")


def related_to(prefix: str, fields: tuple[str, ...] = NOMINATION_LABEL) -> list[str]:
    return [f"{prefix}__{field}" for field in fields]


def serving_on(on: Any, relation: str) -> Q:
    """Members whose term covers `on` (as selectors_councils.current_members_q), seen from the
    council through `relation`."""
    return Q(**{f"{relation}__started_on__lte": on}) & (
        Q(**{f"{relation}__ended_on__isnull": True}) | Q(**{f"{relation}__ended_on__gte": on})
    )


def link(url: str, label: Any) -> str:
    return format_html('<a href="{}">{}</a>', url, label)


# --- scope ---------------------------------------------------------------------------------------


def admin_councils(user: Any) -> QuerySet[Council]:
    return Council.objects.filter(unit_id__in=admin_unit_ids(user)).select_related("unit")


def admin_decisions(user: Any) -> QuerySet[Decision]:
    """Decisions of units the user administers, and those granting their units' nominations
    (as decision_list_visible_to does for every reader: a decision is a published act)."""
    scope = admin_unit_ids(user)
    grants_in_scope = DecisionItem.objects.filter(
        decision=OuterRef("pk"), nomination__nominating_unit_id__in=scope
    )
    return Decision.objects.filter(Q(deciding_unit_id__in=scope) | Exists(grants_in_scope))


# --- nominations ---------------------------------------------------------------------------------


class AttachmentInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Attachment
    # Not the file field: the admin would link to the file's storage URL, around the download
    # view that checks the reader's scope.
    fields = ("document_type", "original_name", "content_type", "size", "uploaded_by", "download")
    readonly_fields = fields
    verbose_name_plural = _("dossier documents")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        return super().get_queryset(request).select_related("document_type", "uploaded_by")

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        url = reverse("nominations:attachment_download", args=[obj.nomination_id, obj.pk])
        return link(url, gettext("Download"))


class ReviewDecisionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ReviewDecision
    fields = ("created_at", "unit", "round", "outcome", "reason", "decided_by", "forwarded_to")
    readonly_fields = fields
    ordering = ("created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewDecision]:
        return super().get_queryset(request).select_related("unit", "decided_by", "forwarded_to")


class WorkflowReadOnlyAdmin(ServiceModelAdmin):
    """Read-only pages on the workflow's records: ServiceModelAdmin with no write permitted
    (ScopedAdminMixin's defaults), kept for its scope, 404s and history pages."""


@admin.register(Nomination, site=admin_site)
class NominationAdmin(WorkflowReadOnlyAdmin):
    list_display = ("nominee", "award_type", "year", "status", "current_unit", "nominating_unit")
    list_select_related = (*NOMINATION_LABEL, "current_unit", "nominating_unit")
    list_filter = ("status", "year", "award_type__track")
    search_fields = (
        "nominee_person__full_name",
        "nominee_person__code",
        "nominee_unit__name",
        "nominee_unit__code",
    )
    ordering = ("-created_at",)
    inlines = [AttachmentInline, ReviewDecisionInline]
    readonly_fields = ("nomination_page", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "Read-only here. A nomination is edited, submitted, reviewed, voted on and "
                    "decided on its own page, where each step checks who may act."
                ),
                "fields": (
                    "nomination_page",
                    "nominee_person",
                    "nominee_unit",
                    "award_type",
                    "topic",
                    "year",
                    "reference_date",
                    "period_label",
                    "nominating_unit",
                    "submission",
                ),
            },
        ),
        (
            _("Where it stands"),
            {
                "fields": (
                    "status",
                    "current_unit",
                    "deciding_unit",
                    "return_count",
                    "submitted_at",
                    "closed_at",
                    "closing_reason",
                )
            },
        ),
        (
            _("Achievements and records cited"),
            {"fields": ("achievements", "ratings", "initiatives", "prior_awards")},
        ),
        (None, {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Nomination]:
        return (
            super()
            .get_queryset(request)
            .filter(nominating_unit_id__in=admin_unit_ids(request.user))
            .select_related(
                *NOMINATION_LABEL,
                "topic",
                "nominating_unit",
                "current_unit",
                "deciding_unit",
                "submission",
                "created_by",
            )
        )

    @admin.display(description=_("nominee"), ordering="nominee_person__full_name")
    def nominee(self, obj: Nomination) -> str:
        return str(obj.nominee)

    @admin.display(description=_("page of the nomination"))
    def nomination_page(self, obj: Nomination) -> str:
        return link(reverse("nominations:detail", args=[obj.pk]), gettext("Open its page"))


class SubmittedNominationInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Nomination
    fk_name = "submission"
    fields = ("nominee_person", "nominee_unit", "award_type", "year", "status", "current_unit")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("nominations carried by the letter")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Nomination]:
        return super().get_queryset(request).select_related(*NOMINATION_LABEL, "current_unit")


@admin.register(Submission, site=admin_site)
class SubmissionAdmin(WorkflowReadOnlyAdmin):
    list_display = ("__str__", "nominating_unit", "to_unit", "status", "submitted_at")
    list_select_related = ("nominating_unit", "to_unit")
    list_filter = ("status",)
    search_fields = ("number", "subject", "nominating_unit__name")
    ordering = ("-created_at",)
    inlines = [SubmittedNominationInline]
    readonly_fields = ("signed_letter", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "Read-only here. A letter is prepared and submitted on the submission "
                    "letters page."
                ),
                # Not the file field itself: see AttachmentInline.
                "fields": (
                    "number",
                    "subject",
                    "nominating_unit",
                    "to_unit",
                    "status",
                    "submitted_at",
                    "signed_letter",
                ),
            },
        ),
        (None, {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Submission]:
        return (
            super()
            .get_queryset(request)
            .filter(nominating_unit_id__in=admin_unit_ids(request.user))
            .select_related("nominating_unit", "to_unit", "created_by")
        )

    @admin.display(description=_("signed letter"))
    def signed_letter(self, obj: Submission) -> str:
        if not obj.letter_file:
            return "—"
        url = reverse("nominations:submission_file", args=[obj.pk])
        return link(url, obj.letter_file_name or gettext("Download"))


@admin.register(ReviewDecision, site=admin_site)
class ReviewDecisionAdmin(WorkflowReadOnlyAdmin):
    list_display = ("nomination", "unit", "round", "outcome", "decided_by", "created_at")
    list_select_related = (*related_to("nomination"), "unit", "decided_by")
    list_filter = ("outcome", "round")
    search_fields = (
        "nomination__nominee_person__full_name",
        "nomination__nominee_person__code",
        "nomination__nominee_unit__name",
        "unit__name",
    )
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewDecision]:
        return (
            super()
            .get_queryset(request)
            .filter(nomination__nominating_unit_id__in=admin_unit_ids(request.user))
            .select_related(*related_to("nomination"), "unit", "decided_by", "forwarded_to")
        )


# --- councils ------------------------------------------------------------------------------------


class CouncilChoicesMixin(ScopeChoicesMixin):
    """Units, people and users as ScopeChoicesMixin offers them, and councils of the units the
    user administers."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.remote_field.model is Council:
            kwargs["queryset"] = admin_councils(request.user).order_by("unit__name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CouncilMemberInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The council's members, past and present; they are seated and their terms ended on the
    council members list, one service call each."""

    model = CouncilMember
    fields = ("user", "position", "title", "started_on", "ended_on")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("members (add them and end their terms on the council members list)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CouncilMember]:
        return super().get_queryset(request).select_related("user")


@admin.register(Council, site=admin_site)
class CouncilAdmin(CouncilChoicesMixin, WorkflowReadOnlyAdmin):
    list_display = ("name", "unit", "established_by", "member_count")
    list_select_related = ("unit",)
    search_fields = ("name", "unit__name", "unit__code")
    autocomplete_fields = ("unit",)
    ordering = ("unit__name",)
    inlines = [CouncilMemberInline]
    # council_save takes no reason: a council's name and founding decision are its record.
    fieldsets = (
        (None, {"fields": ("unit", "name", "established_by", "add_member")}),
        (None, {"fields": ("created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"fields": ("unit", "name", "established_by")}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Council]:
        return (
            super()
            .get_queryset(request)
            .filter(unit_id__in=admin_unit_ids(request.user))
            .select_related("unit")
            .annotate(serving=Count("members", filter=serving_on(timezone.localdate(), "members")))
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":
            # A council is set up for a unit that exists today.
            field.queryset = field.queryset.filter(dissolved_on__isnull=True)
        return field

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A council belongs to its unit for good (council_save finds it by the unit).
        if obj is None:
            return ("created_at", "updated_at")
        return ("unit", "add_member", "created_at", "updated_at")

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return self.inlines if obj is not None else []

    @admin.display(description=_("members serving"), ordering="serving")
    def member_count(self, obj: Council) -> int:
        return obj.serving

    @admin.display(description=_("new member"))
    def add_member(self, obj: Council) -> str:
        url = reverse(f"{self.admin_site.name}:nominations_councilmember_add")
        return link(f"{url}?council={obj.pk}", gettext("Seat a member on this council"))

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return is_administrator(request.user)
        return can_manage_unit(request.user, obj.unit)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return council_save(
            actor=request.user,
            unit=data["unit"],
            name=data["name"],
            established_by=data.get("established_by", ""),
        )

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return council_save(
            actor=request.user,
            unit=obj.unit,
            name=data["name"],
            established_by=data.get("established_by", ""),
        )


class CouncilMemberStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("serving", _("Serving")), ("ended", _("Term ended"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = timezone.localdate()
        if self.value() == "serving":
            return queryset.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        if self.value() == "ended":
            return queryset.filter(ended_on__lt=today)
        return queryset


class EndTermForm(forms.Form):
    ended_on = date_field(
        _("Last day of the term"), initial=timezone.localdate, help_text=_("Usually today.")
    )
    reason = reason_field()


@admin.register(CouncilMember, site=admin_site)
class CouncilMemberAdmin(CouncilChoicesMixin, WorkflowReadOnlyAdmin):
    """Members are seated here (council_member_add) and leave with the "End the term" action
    (council_member_end). A seat is never edited or deleted: the minutes of past sessions name
    the members who sat then."""

    list_display = ("user", "council", "position", "title", "started_on", "ended_on")
    list_select_related = ("user", "council")
    list_filter = (CouncilMemberStatusFilter, "position")
    search_fields = ("user__full_name", "user__username", "council__name")
    autocomplete_fields = ("user",)
    ordering = ("council__name", "position", "user__full_name")
    actions = ["end_term"]
    add_fieldsets = (
        (
            None,
            {
                "description": _(
                    "Only a user who holds the council member role at the council's unit can "
                    "be seated: grant the role first, on the role assignments list."
                ),
                "fields": ("council", "user", "position", "title", "started_on"),
            },
        ),
    )
    fieldsets = (
        (None, {"fields": ("council", "user", "position", "title", "started_on", "ended_on")}),
        (None, {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[CouncilMember]:
        return (
            super()
            .get_queryset(request)
            .filter(council__unit_id__in=admin_unit_ids(request.user))
            .select_related("user", "council__unit")
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"started_on": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_end_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return council_member_add(
            actor=request.user,
            council=data["council"],
            user=data["user"],
            position=data["position"],
            started_on=data["started_on"],
            title=data.get("title", ""),
        )

    @admin.action(permissions=["end"], description=_("End the term…"), location=BOTH_LOCATIONS)
    def end_term(self, request: HttpRequest, queryset: QuerySet[Any]) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=EndTermForm,
            title=_("End council members' terms"),
            submit_label=_("End the term"),
            next_step=_(
                "Give the last day of the term and the reason, then confirm. The members stay "
                "on the list with their term's end; sessions from the next day on meet without "
                "them."
            ),
            perform=lambda member, data: council_member_end(
                actor=request.user,
                member=member,
                ended_on=data["ended_on"],
                reason=data["reason"],
            ),
            success_message=lambda done: gettext("Terms ended: %(count)d.") % {"count": len(done)},
        )


# --- council sessions ----------------------------------------------------------------------------


class AgendaItemInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = AgendaItem
    fields = (
        "position",
        "nomination",
        "ballot_type",
        "threshold_pct",
        "result",
        "yes_count",
        "no_count",
        "abstain_count",
        "base_count",
    )
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("agenda (the counts are filled in when the session closes)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AgendaItem]:
        return super().get_queryset(request).select_related(*related_to("nomination"))


class AttendanceInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Attendance
    fields = ("member", "present", "note")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attendance]:
        return super().get_queryset(request).select_related("member__user")


@admin.register(CouncilSession, site=admin_site)
class CouncilSessionAdmin(WorkflowReadOnlyAdmin):
    list_display = ("title", "council", "scheduled_at", "status", "member_count", "closed_at")
    list_select_related = ("council",)
    list_filter = ("status",)
    search_fields = ("title", "council__name", "location")
    date_hierarchy = "scheduled_at"
    ordering = ("-scheduled_at",)
    inlines = [AgendaItemInline, AttendanceInline]
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "Read-only here. The council secretary plans, opens and closes a session "
                    "on the council's pages; members vote there."
                ),
                "fields": ("council", "title", "scheduled_at", "location", "status"),
            },
        ),
        (
            _("Meeting"),
            {"fields": ("member_count", "opened_at", "closed_at", "minutes")},
        ),
        (None, {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[CouncilSession]:
        return (
            super()
            .get_queryset(request)
            .filter(council__unit_id__in=admin_unit_ids(request.user))
            .select_related("council__unit", "created_by")
        )


class VoteInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Show-of-hands votes: public, like the hands raised in the room. A secret ballot has no
    rows here (see the module's docstring)."""

    model = Vote
    fields = ("member", "choice", "created_at")
    readonly_fields = fields
    verbose_name_plural = _("votes (open ballot)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vote]:
        return super().get_queryset(request).select_related("member__user")


@admin.register(AgendaItem, site=admin_site)
class AgendaItemAdmin(WorkflowReadOnlyAdmin):
    list_display = ("nomination", "session", "position", "ballot_type", "result", "yes_count")
    list_select_related = (*related_to("nomination"), "session")
    list_filter = ("result", "ballot_type", "vote_base")
    search_fields = (
        "nomination__nominee_person__full_name",
        "nomination__nominee_person__code",
        "nomination__nominee_unit__name",
        "session__title",
    )
    ordering = ("-session__scheduled_at", "position")
    inlines = [VoteInline]
    readonly_fields = ("votes_so_far", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("session", "position", "nomination")}),
        (
            _("Voting rule"),
            {"fields": ("ballot_type", "vote_base", "threshold_pct")},
        ),
        (
            _("Result"),
            {
                "fields": (
                    "votes_so_far",
                    "result",
                    "yes_count",
                    "no_count",
                    "abstain_count",
                    "base_count",
                )
            },
        ),
        (None, {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[AgendaItem]:
        return (
            super()
            .get_queryset(request)
            .filter(session__council__unit_id__in=admin_unit_ids(request.user))
            .select_related(*related_to("nomination"), "session")
        )

    @admin.display(description=_("votes so far"))
    def votes_so_far(self, obj: AgendaItem) -> str:
        # The selector decides what may be shown: never a secret ballot's count before the
        # session closes.
        tally = agenda_item_tally(obj)
        if tally is None:
            return gettext("Not shown until the session closes.")
        return gettext("for: %(yes)d, against: %(no)d, abstained: %(abstain)d") % {
            "yes": tally.yes,
            "no": tally.no,
            "abstain": tally.abstain,
        }


# --- decisions -----------------------------------------------------------------------------------


class DecisionItemInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = DecisionItem
    fields = (
        "recipient_name",
        "recipient_unit_name",
        "award_type",
        "amount_vnd",
        "nomination",
        "award_record",
        "revoked_on",
        "revocation_reason",
        "revoked_by",
    )
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("recipients")

    def get_queryset(self, request: HttpRequest) -> QuerySet[DecisionItem]:
        return (
            super()
            .get_queryset(request)
            .select_related("award_type", "award_record", "revoked_by", *related_to("nomination"))
        )


@admin.register(Decision, site=admin_site)
class DecisionAdmin(WorkflowReadOnlyAdmin):
    list_display = (
        "reference",
        "title",
        "deciding_unit",
        "year",
        "status",
        "signed_on",
        "signer",
        "recipients",
        "revocations",
    )
    list_select_related = ("deciding_unit", "signer")
    list_filter = ("status", "year")
    search_fields = ("reference", "title", "deciding_unit__name")
    ordering = ("-year", "-number", "-created_at")
    inlines = [DecisionItemInline]
    fieldsets = (
        (
            None,
            {
                "description": _(
                    "Read-only here. A decision is drafted, issued and, if it comes to that, "
                    "revoked on its own page."
                ),
                "fields": (
                    "deciding_unit",
                    "year",
                    "number",
                    "reference",
                    "title",
                    "status",
                    "council_session",
                ),
            },
        ),
        (
            _("Legal bases"),
            {"fields": ("legal_basis", "legal_documents", "funding_source")},
        ),
        (
            _("Signature"),
            {"fields": ("signed_on", "signer", "signer_title", "issued_at")},
        ),
        (None, {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Decision]:
        visible = admin_decisions(request.user).values("pk")
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=visible)
            .select_related("deciding_unit", "signer", "council_session", "created_by")
            .annotate(
                recipient_count=Count("items"),
                revoked_count=Count("items", filter=Q(items__revoked_on__isnull=False)),
            )
        )

    @admin.display(description=_("recipients"), ordering="recipient_count")
    def recipients(self, obj: Decision) -> int:
        return obj.recipient_count

    @admin.display(description=pgettext_lazy("decision items", "revoked"), ordering="revoked_count")
    def revocations(self, obj: Decision) -> int:
        return obj.revoked_count


class RevokedFilter(admin.SimpleListFilter):
    title = pgettext_lazy("decision items", "revoked")
    parameter_name = "revoked"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("no", _("In force")), ("yes", _("Revoked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "no":
            return queryset.filter(revoked_on__isnull=True)
        if self.value() == "yes":
            return queryset.filter(revoked_on__isnull=False)
        return queryset


@admin.register(DecisionItem, site=admin_site)
class DecisionItemAdmin(WorkflowReadOnlyAdmin):
    list_display = (
        "recipient_name",
        "recipient_unit_name",
        "award_type",
        "decision",
        "amount_vnd",
        "revoked_on",
    )
    list_select_related = ("award_type", "decision")
    list_filter = (RevokedFilter, "decision__year")
    search_fields = ("recipient_name", "recipient_unit_name", "decision__reference")
    ordering = ("-decision__year", "decision", "pk")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "decision",
                    "nomination",
                    "recipient_name",
                    "recipient_unit_name",
                    "award_type",
                    "reason",
                    "amount_vnd",
                    "award_record",
                )
            },
        ),
        (
            _("Revocation"),
            {"fields": ("revoked_on", "revocation_reason", "revoked_by")},
        ),
        (None, {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[DecisionItem]:
        return (
            super()
            .get_queryset(request)
            .filter(decision__in=admin_decisions(request.user).values("pk"))
            .select_related(
                "decision",
                "award_type",
                "award_record",
                "revoked_by",
                *related_to("nomination"),
            )
        )
