"""The council pages: the councils the reader can see, their sessions, and the session screen
where the secretary builds the agenda, opens the meeting, records attendance and closes it, and
each member present casts their ballot (docs/decisions/0007-council-votes.md).

Setting a council up (creating it, seating members, ending terms) stays in the admin; these pages
link there for administrators. Every action calls one council service; the buttons follow the
same permission checks the services make, and the services decide anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from common.views import FilteredListView, ServiceFormView, add_domain_error
from nominations.exceptions import NominationErrorCode
from nominations.forms_councils import (
    AgendaAddForm,
    AgendaRemoveForm,
    AttendanceForm,
    CouncilSessionFilterForm,
    CouncilSessionForm,
    SessionCancelForm,
    SessionCloseForm,
    VoteForm,
)
from nominations.models import (
    AgendaItem,
    AgendaResult,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    SessionStatus,
)
from nominations.permissions import acting_grant, acting_units
from nominations.selectors_councils import (
    Tally,
    agenda_item_tally,
    agenda_item_voters,
    council_composition,
    council_get_visible,
    council_list_for_secretary,
    council_list_visible_to,
    council_seat_list_for,
    council_session_get_visible,
    council_session_list_visible_to,
)
from nominations.services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    council_session_cancel,
    council_session_close,
    council_session_create,
    council_session_open,
    vote_cast,
)
from organizations.models import Role
from organizations.permissions import can_manage_unit, is_administrator

Status = SessionStatus
# The latest sessions shown on a council's page; the session list has them all.
SESSIONS_SHOWN = 10


def is_secretary_of(user: Any, council: Council) -> bool:
    """Plans and runs the council's sessions: the check every session service makes."""
    return acting_grant(user, council.unit_id, Role.COUNCIL_SECRETARY) is not None


# --- councils ----------------------------------------------------------------------------------

COUNCIL_EXPORT_COLUMNS = [
    (gettext_lazy("Council"), lambda c: c.name),
    (gettext_lazy("Unit"), lambda c: c.unit.name),
    (gettext_lazy("Unit code"), lambda c: c.unit.code),
    (gettext_lazy("Established by decision"), lambda c: c.established_by),
]


class CouncilListView(FilteredListView):
    template_name = "nominations/councils/council_list.html"
    export_name = "hoi-dong-thi-dua-khen-thuong"
    export_title = gettext_lazy("Councils")
    export_columns = COUNCIL_EXPORT_COLUMNS

    def select(self, **filters: Any) -> QuerySet[Council]:
        return council_list_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        seats = list(council_seat_list_for(user))
        secretary_units = acting_units(user, Role.COUNCIL_SECRETARY)
        seat_of = {seat.council_id: seat for seat in seats}
        for council in context["object_list"]:
            council.my_seat = seat_of.get(council.pk)
            council.i_run_sessions = council.unit_id in secretary_units
        context.update(
            seats=seats,
            is_secretary=bool(secretary_units),
            is_administrator=is_administrator(user),
        )
        return context


class CouncilDetailView(LoginRequiredMixin, TemplateView):
    template_name = "nominations/councils/council_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        council = council_get_visible(user, self.kwargs["pk"])
        composition = council_composition(council)
        serving = {member.pk for member in composition.members}
        context.update(
            council=council,
            composition=composition,
            other_members=[m for m in council.members.all() if m.pk not in serving],
            my_seat=next((m for m in composition.members if m.user_id == user.pk), None),
            sessions=list(council_session_list_visible_to(user, council=council)[:SESSIONS_SHOWN]),
            is_secretary=is_secretary_of(user, council),
            can_administer=can_manage_unit(user, council.unit),
        )
        return context


# --- sessions ----------------------------------------------------------------------------------

SESSION_EXPORT_COLUMNS = [
    (gettext_lazy("Session"), lambda s: s.title),
    (gettext_lazy("Council"), lambda s: s.council.name),
    (gettext_lazy("Unit"), lambda s: s.council.unit.name),
    (gettext_lazy("Meeting time"), lambda s: s.scheduled_at),
    (gettext_lazy("Place"), lambda s: s.location),
    (gettext_lazy("Status"), lambda s: s.get_status_display()),
    (gettext_lazy("Members"), lambda s: s.member_count),
    (gettext_lazy("Opened at"), lambda s: s.opened_at),
    (gettext_lazy("Closed at"), lambda s: s.closed_at),
]


class CouncilSessionListView(FilteredListView):
    template_name = "nominations/councils/session_list.html"
    filter_form_class = CouncilSessionFilterForm
    export_name = "phien-hop-hoi-dong"
    export_title = gettext_lazy("Council sessions")
    export_columns = SESSION_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(
        self, *, status: str = "", council: Council | None = None
    ) -> QuerySet[CouncilSession]:
        return council_session_list_visible_to(self.request.user, council=council, status=status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = council_list_for_secretary(self.request.user).exists()
        return context


class CouncilSessionCreateView(ServiceFormView):
    template_name = "nominations/councils/session_form.html"
    form_class = CouncilSessionForm
    success_message = gettext_lazy(
        "The session was planned. Put the nominations waiting for the council on its agenda; "
        "open the session when the meeting starts."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not council_list_for_secretary(request.user).exists():
            raise PermissionDenied(_("Only the council secretary of a unit plans its sessions."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        council = self.request.GET.get("council", "")
        if council.isdigit():
            return {"council": int(council)}
        only = list(council_list_for_secretary(self.request.user)[:2])
        return {"council": only[0].pk} if len(only) == 1 else {}

    def perform(self, form: CouncilSessionForm) -> CouncilSession:
        data = form.cleaned_data
        self.created = council_session_create(
            actor=self.request.user,
            council=data["council"],
            title=data["title"],
            scheduled_at=data["scheduled_at"],
            location=data["location"],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("nominations:session_detail", args=[self.created.pk])


# --- the session screen: what the reader sees and may do ----------------------------------------


@dataclass
class AgendaRow:
    """One nomination of the agenda, as the reader sees it."""

    item: AgendaItem
    number: int
    tally: Tally | None  # None while it must stay hidden (a secret ballot before the close)
    voted: int  # how many members have voted on it (who took part is public, never how)
    i_voted: bool
    can_vote: bool
    vote_form: VoteForm | None = None
    remove_form: AgendaRemoveForm | None = None
    error: str = ""
    notice: str = ""

    @property
    def passed(self) -> bool:
        return self.item.result == AgendaResult.PASSED


@dataclass
class SessionActions:
    is_secretary: bool
    seat: CouncilMember | None  # the reader's seat on the council, if they have one
    attendance: Attendance | None  # the reader's attendance row, once the session is open
    status: str

    @property
    def can_edit_agenda(self) -> bool:
        return self.is_secretary and self.status == Status.PLANNED

    can_open = can_edit_agenda
    can_cancel = can_edit_agenda

    @property
    def can_run_meeting(self) -> bool:
        """Record attendance and close: while the session is open."""
        return self.is_secretary and self.status == Status.OPEN

    @property
    def can_vote(self) -> bool:
        """What vote_cast requires: the session is open and the reader was recorded present."""
        return (
            self.status == Status.OPEN and self.attendance is not None and self.attendance.present
        )


def agenda_rows(
    session: CouncilSession, actions: SessionActions, forms: dict[str, Any]
) -> list[AgendaRow]:
    voters = agenda_item_voters(session) if session.status == Status.OPEN else {}
    member_id = actions.attendance.member_id if actions.attendance else None
    rows = []
    for number, item in enumerate(session.items.all(), start=1):
        took_part = voters.get(item.pk, set())
        i_voted = member_id is not None and member_id in took_part
        row = AgendaRow(
            item=item,
            number=number,
            tally=agenda_item_tally(item),
            voted=len(took_part),
            i_voted=i_voted,
            can_vote=actions.can_vote and not i_voted,
        )
        sent = forms.get(f"vote-{item.pk}")
        if sent is not None and sent.errors:
            # said in the row, whether or not the reader may still vote on it
            row.error = " ".join(str(error) for errors in sent.errors.values() for error in errors)
        if row.can_vote:
            row.vote_form = VoteForm(auto_id=f"id_vote_{item.pk}_%s")
        if actions.can_edit_agenda:
            row.remove_form = forms.get(f"remove-{item.pk}") or AgendaRemoveForm(
                auto_id=f"id_remove_{item.pk}_%s"
            )
        rows.append(row)
    return rows


@dataclass
class AttendanceRow:
    row: Attendance
    form: AttendanceForm | None


def attendance_rows(
    session: CouncilSession, actions: SessionActions, forms: dict[str, Any]
) -> list[AttendanceRow]:
    rows = []
    for row in session.attendance.all():
        form = None
        if actions.can_run_meeting:
            form = forms.get(f"attendance-{row.member_id}") or AttendanceForm(
                initial={"present": "1" if row.present else "0", "note": row.note},
                auto_id=f"id_attendance_{row.member_id}_%s",
            )
        rows.append(AttendanceRow(row=row, form=form))
    return rows


def next_step_text(session: CouncilSession, actions: SessionActions, rows: list[AgendaRow]) -> str:
    """What the reader should do now, in one sentence or two."""
    status = session.status
    unit = session.council.unit.name
    if status == Status.CANCELLED:
        return _(
            "This session was cancelled. Its nominations can be put on another session's agenda."
        )
    if status == Status.CLOSED:
        return _(
            "The session is closed: the result of each nomination and the minutes are below. "
            "Nominations that passed now wait for the decision of %(unit)s; the others are "
            "closed."
        ) % {"unit": unit}
    if actions.is_secretary and status == Status.PLANNED:
        if not rows:
            return _(
                "Put the nominations waiting for the council's vote on the agenda below. When "
                "the meeting starts, open the session."
            )
        return _(
            "Check the agenda. When the meeting starts, open the session: every member is then "
            "listed as absent until you record them present."
        )
    if actions.is_secretary and status == Status.OPEN:
        return _(
            "Record who is present, let each member present vote on every nomination, then close "
            "the session: the votes are counted and the minutes written."
        )
    if actions.can_vote:
        if any(row.can_vote for row in rows):
            return _(
                "Vote on each nomination in “Your ballot”: for, against or abstain. A vote "
                "cannot be changed once cast."
            )
        return _(
            "You have voted on every nomination. The results are shown when the secretary "
            "closes the session."
        )
    if status == Status.OPEN and actions.attendance is not None:
        return _(
            "You are recorded as absent, so you cannot vote yet. Ask the council secretary to "
            "record you present, then reload this page."
        )
    if status == Status.PLANNED and actions.seat is not None:
        return _(
            "The session has not opened yet. Once the secretary opens it and records you "
            "present, you vote here."
        )
    return _(
        "The council of %(unit)s is preparing or holding this session. The results are shown "
        "here once it closes."
    ) % {"unit": unit}


def session_context(
    request: HttpRequest,
    session: CouncilSession,
    *,
    forms: dict[str, Any] | None = None,
    refusal: DomainError | None = None,
) -> dict[str, Any]:
    user = request.user
    forms = forms or {}
    council = session.council
    attendance = list(session.attendance.all())
    mine = next((row for row in attendance if row.member.user_id == user.pk), None)
    # Before the session opens, the members who will be called (and whether they may meet).
    composition = council_composition(council) if session.status == Status.PLANNED else None
    seat = mine.member if mine else None
    if composition is not None:
        seat = next((m for m in composition.members if m.user_id == user.pk), None)
    actions = SessionActions(
        is_secretary=is_secretary_of(user, council),
        seat=seat,
        attendance=mine,
        status=session.status,
    )
    rows = agenda_rows(session, actions, forms)
    context: dict[str, Any] = {
        "session": session,
        "council": council,
        "actions": actions,
        "rows": rows,
        # the reader's ballot: a member listed at the open session (present or not)
        "show_ballot": session.status == Status.OPEN and mine is not None,
        "attendance_rows": attendance_rows(session, actions, forms),
        "present_count": sum(1 for row in attendance if row.present),
        "composition": composition,
        "next_step": next_step_text(session, actions, rows),
        "refusal": refusal,
        "refused_checks": (
            refusal.details.get("checks", [])
            if refusal is not None and refusal.code == NominationErrorCode.CHECKS_FAILED
            else []
        ),
        "quorum": (
            refusal.details
            if refusal is not None and refusal.code == NominationErrorCode.QUORUM_NOT_MET
            else None
        ),
    }
    if actions.can_edit_agenda:
        context["agenda_form"] = forms.get("agenda") or AgendaAddForm(session=session)
        context["cancel_form"] = forms.get("cancel") or SessionCancelForm(auto_id="id_cancel_%s")
        context["open_form"] = forms.get("open") or forms_empty()
    if actions.can_run_meeting:
        context["close_form"] = forms.get("close") or SessionCloseForm(auto_id="id_close_%s")
    return context


def forms_empty() -> forms.Form:
    """The form of a button that sends nothing but the click (it carries errors back)."""
    return forms.Form()


SESSION_TEMPLATE = "nominations/councils/session_detail.html"


class CouncilSessionDetailView(LoginRequiredMixin, TemplateView):
    template_name = SESSION_TEMPLATE

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session = council_session_get_visible(self.request.user, self.kwargs["pk"])
        context.update(session_context(self.request, session))
        return context


def render_session(
    request: HttpRequest,
    pk: Any,
    *,
    forms: dict[str, Any] | None = None,
    refusal: DomainError | None = None,
) -> HttpResponse:
    """The session as it is now, with the forms of a refused action and the service's answer."""
    session = council_session_get_visible(request.user, pk)
    context = session_context(request, session, forms=forms, refusal=refusal)
    return render(request, SESSION_TEMPLATE, context)


# --- the session screen: actions ---------------------------------------------------------------


class SessionActionView(LoginRequiredMixin, View):
    """POST one action on the session (one service). Success: back to the session with a
    message. Refusal: the session again, the service's message on the form that was sent and
    the input kept. Subclasses that answer HTMX return one part of the page instead."""

    form_class: type[forms.Form] = forms.Form
    section = ""  # the part of the page the form sits in, to land on after the post
    htmx_template = ""

    def form_key(self) -> str:
        raise NotImplementedError

    def build_form(self, session: CouncilSession) -> forms.Form:
        return self.form_class(self.request.POST)

    def perform(self, session: CouncilSession, form: Any) -> str:
        """Call the service; return the message that says what happened and what comes next."""
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        session = council_session_get_visible(request.user, pk)
        self.session = session
        form = self.build_form(session)
        if not form.is_valid():
            return self.answer(form=form)
        try:
            notice = self.perform(session, form)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            if not (request.htmx and self.htmx_template):
                raise PermissionDenied(exc.message) from exc
            add_domain_error(form, exc)  # said where the reader clicked: HTMX shows no 403 page
            return self.answer(form=form, refusal=exc)
        except DomainError as exc:
            add_domain_error(form, exc)
            return self.answer(form=form, refusal=exc)
        return self.answer(notice=notice)

    def answer(
        self,
        *,
        form: forms.Form | None = None,
        refusal: DomainError | None = None,
        notice: str = "",
    ) -> HttpResponse:
        request = self.request
        pk = self.session.pk
        if request.htmx and self.htmx_template:
            # One part of the page, as the session is now.
            session = council_session_get_visible(request.user, pk)
            forms = {self.form_key(): form} if form is not None else None
            context = session_context(request, session, forms=forms, refusal=refusal)
            context.update(self.htmx_extra(context, notice))
            return render(request, self.htmx_template, context)
        if form is not None:
            return render_session(request, pk, forms={self.form_key(): form}, refusal=refusal)
        messages.success(request, notice)
        url = reverse("nominations:session_detail", args=[pk])
        return redirect(f"{url}#{self.section}" if self.section else url)

    def htmx_extra(self, context: dict[str, Any], notice: str) -> dict[str, Any]:
        return {"notice": notice}


class AgendaAddView(SessionActionView):
    form_class = AgendaAddForm
    section = "agenda"

    def form_key(self) -> str:
        return "agenda"

    def build_form(self, session: CouncilSession) -> forms.Form:
        return AgendaAddForm(self.request.POST, session=session)

    def perform(self, session: CouncilSession, form: AgendaAddForm) -> str:
        nomination = form.cleaned_data["nomination"]
        agenda_item_add(actor=self.request.user, session=session, nomination=nomination)
        return _("“%(nomination)s” is on the agenda.") % {"nomination": nomination}


def item_of(session: CouncilSession, pk: int) -> AgendaItem:
    """One item of the session's agenda (already loaded with it)."""
    for item in session.items.all():
        if item.pk == pk:
            return item
    raise Http404


class AgendaRemoveView(SessionActionView):
    form_class = AgendaRemoveForm
    section = "agenda"

    def form_key(self) -> str:
        return f"remove-{self.kwargs['item_pk']}"

    def build_form(self, session: CouncilSession) -> forms.Form:
        item_of(session, self.kwargs["item_pk"])  # 404 for an item of another session
        return AgendaRemoveForm(self.request.POST, auto_id=f"id_remove_{self.kwargs['item_pk']}_%s")

    def perform(self, session: CouncilSession, form: AgendaRemoveForm) -> str:
        item = item_of(session, self.kwargs["item_pk"])
        agenda_item_remove(actor=self.request.user, item=item, reason=form.cleaned_data["reason"])
        return _("“%(nomination)s” was taken off the agenda; it waits for another session.") % {
            "nomination": item.nomination
        }


class SessionOpenView(SessionActionView):
    section = "attendance"

    def form_key(self) -> str:
        return "open"

    def perform(self, session: CouncilSession, form: forms.Form) -> str:
        council_session_open(actor=self.request.user, session=session)
        return _(
            "The session is open. Record the members present: only they can vote. Every member "
            "is listed as absent until then."
        )


class SessionCancelView(SessionActionView):
    form_class = SessionCancelForm
    section = "session-actions"

    def form_key(self) -> str:
        return "cancel"

    def build_form(self, session: CouncilSession) -> forms.Form:
        return SessionCancelForm(self.request.POST, auto_id="id_cancel_%s")

    def perform(self, session: CouncilSession, form: SessionCancelForm) -> str:
        council_session_cancel(
            actor=self.request.user, session=session, reason=form.cleaned_data["reason"]
        )
        return _("The session was cancelled. Its nominations can go on another session's agenda.")


class SessionCloseView(SessionActionView):
    form_class = SessionCloseForm
    section = "agenda"

    def form_key(self) -> str:
        return "close"

    def build_form(self, session: CouncilSession) -> forms.Form:
        return SessionCloseForm(self.request.POST, auto_id="id_close_%s")

    def perform(self, session: CouncilSession, form: SessionCloseForm) -> str:
        closed = council_session_close(
            actor=self.request.user, session=session, minutes=form.cleaned_data["minutes"]
        )
        passed = sum(1 for item in closed.items.all() if item.result == AgendaResult.PASSED)
        return _(
            "The session is closed. Passed: %(passed)d of %(total)d. Those that passed wait for "
            "the decision; the signers and the nominating units have been notified."
        ) % {"passed": passed, "total": closed.items.count()}


class AttendanceRecordView(SessionActionView):
    """The secretary marks one member present or absent. HTMX replaces the attendance box."""

    form_class = AttendanceForm
    section = "attendance"
    htmx_template = "nominations/councils/_attendance.html"

    def form_key(self) -> str:
        return f"attendance-{self.kwargs['member_pk']}"

    def row(self, session: CouncilSession) -> Attendance:
        for row in session.attendance.all():
            if row.member_id == self.kwargs["member_pk"]:
                return row
        raise Http404

    def build_form(self, session: CouncilSession) -> forms.Form:
        self.row(session)  # 404 for someone not listed at this session
        return AttendanceForm(
            self.request.POST, auto_id=f"id_attendance_{self.kwargs['member_pk']}_%s"
        )

    def perform(self, session: CouncilSession, form: AttendanceForm) -> str:
        row = self.row(session)
        data = form.cleaned_data
        attendance_record(
            actor=self.request.user,
            session=session,
            member=row.member,
            present=data["present"],
            note=data["note"],
        )
        name = row.member.user.get_full_name() or row.member.user.get_username()
        if data["present"]:
            return _("%(name)s is recorded present.") % {"name": name}
        return _("%(name)s is recorded absent.") % {"name": name}

    def htmx_extra(self, context: dict[str, Any], notice: str) -> dict[str, Any]:
        return {"notice": notice, "notice_member": self.kwargs["member_pk"]}


class VoteCastView(SessionActionView):
    """A member present votes on one item. HTMX replaces the item's row of their ballot."""

    form_class = VoteForm
    section = "ballot"
    htmx_template = "nominations/councils/_ballot_row.html"

    def form_key(self) -> str:
        return f"vote-{self.kwargs['item_pk']}"

    def build_form(self, session: CouncilSession) -> forms.Form:
        item_of(session, self.kwargs["item_pk"])
        return VoteForm(self.request.POST, auto_id=f"id_vote_{self.kwargs['item_pk']}_%s")

    def perform(self, session: CouncilSession, form: VoteForm) -> str:
        item = item_of(session, self.kwargs["item_pk"])
        vote_cast(actor=self.request.user, item=item, choice=form.cleaned_data["choice"])
        # Never echo the choice: on a secret ballot, the page says only that the member voted.
        return _("Your vote on “%(nomination)s” is recorded.") % {"nomination": item.nomination}

    def htmx_extra(self, context: dict[str, Any], notice: str) -> dict[str, Any]:
        row = next(r for r in context["rows"] if r.item.pk == self.kwargs["item_pk"])
        row.notice = notice
        return {"row": row}
