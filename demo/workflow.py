"""Writes the demo's workflow (demo.data.workflow): nominations in every state, a council and one
decided session, a numbered decision and a revoked award.

Every step goes through the domain services acting as the person who holds the role (the clerk
files and submits, the district's and the province's reviewers review, the secretary runs the
session, the members vote, the signer issues), so the history, the audit log, the inboxes and the
notifications read as real work. The setup around it (the staff accounts the demo has no login
for, the council's composition) is the administrators' part and is done by the seed's actor, like
the rest of the organisation. The default step deadlines, which the tasks' reminders and
escalations need, come with the reference data (awards.reference_loader), loaded before.

Idempotent like demo.services: a nomination is identified by its nominee, award and year, the
session by its title in the council, the decision by its title in the deciding unit; whatever
exists already is left as it is (someone trying the demo may have moved it on), and a second run
creates nothing. Each scenario is one transaction: an interrupted run keeps the scenarios it
finished and the next run completes the others.

Dates: nominations carry the fixed dates of the data (the review of 2025, in January 2026); the
session meets, and the decision is signed and revoked, on the day of the seed, since a decision
cannot be dated later than the day it is entered, nor before the vote.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_create
from awards.models import AwardRecord, AwardType
from awards.selectors import award_type_get_applicable
from common.exceptions import DomainConflict, DomainError
from demo.data import workflow as data
from demo.data.workflow import (
    Claim,
    DecisionSpec,
    NominationSpec,
    Review,
    SessionSpec,
    Step,
    Submit,
    Withdraw,
)
from demo.documents import demo_document
from demo.specs import DemoPlan
from nominations.checks import SUBMISSION_LETTER_TYPE
from nominations.exceptions import NominationErrorCode
from nominations.models import (
    Council,
    CouncilSession,
    Decision,
    Nomination,
    NominationStatus,
)
from nominations.selectors_councils import council_member_list
from nominations.services import (
    agenda_item_add,
    attachment_add,
    attendance_record,
    award_revoke,
    council_member_add,
    council_save,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    nomination_create,
    nomination_review,
    nomination_submit,
    nomination_withdraw,
    submission_create,
    submission_submit,
    vote_cast,
)
from organizations.models import AnnualRating, Initiative, Person, Role, RoleAssignment, Unit
from organizations.services import role_grant
from organizations.services.units import unit_update
from workflows.models import Step as WorkflowStep
from workflows.selectors import open_task
from workflows.services import task_claim

if TYPE_CHECKING:
    from demo.services import SeedResult

# The keys this step adds to SeedResult.created.
WORKFLOW_SUMMARY_KEYS = (
    "workflow_accounts",
    "councils",
    "nominations",
    "submission_letters",
    "council_sessions",
    "decisions",
)

# The open task of a nomination, by its state: what a claim takes.
TASK_OF_STATUS = {
    NominationStatus.IN_REVIEW: WorkflowStep.REVIEW,
    NominationStatus.RETURNED: WorkflowStep.RESUBMIT,
    NominationStatus.AT_COUNCIL: WorkflowStep.COUNCIL,
    NominationStatus.AWAITING_DECISION: WorkflowStep.DECISION,
}

Marker = tuple[str, str, str, int]  # ("person" | "unit", code, award code, year)


class _Missing(Exception):
    """Something a scenario needs is not in the database (changed since the seed)."""


def workflow_applies(plan: DemoPlan) -> bool:
    """Whether `plan` holds every unit, account and person the workflow needs: the whole demo
    does; a part of it (tests seed parts to stay fast) usually does not, and gets none of it."""
    units = set(plan.units_by_code)
    usernames = {account.username for account in plan.accounts}
    needed_units = {data.COUNCIL.unit, *(account.unit for account in data.STAFF)}
    needed_users = {
        *(seat.username for seat in data.COUNCIL.seats),
        data.SESSION.secretary,
        *(username for username, _present, _note in data.SESSION.attendance),
        *(username for _key, username in data.SESSION.claims),
        data.DECISION.drafted_by,
        data.DECISION.signed_by,
    }
    for spec in data.NOMINATIONS:
        needed_units |= {spec.unit, spec.person_unit or spec.collective}
        needed_users |= {spec.clerk, *_actors(spec.steps)}
    needed_users -= {account.username for account in data.STAFF}
    people = {(person.unit, person.full_name) for person in plan.people}
    return (
        needed_units <= units
        and needed_users <= usernames
        and all((s.person_unit, s.person) in people for s in data.NOMINATIONS if s.person)
    )


def _actors(steps: Iterable[Step]) -> set[str]:
    return {step.by for step in steps if isinstance(step, Review | Claim)}


def nominee_code(plan: DemoPlan, spec: NominationSpec) -> str:
    """The plan's code of the nominee: a person's code, or the collective's unit code."""
    if spec.collective:
        return spec.collective
    return next(
        person.code
        for person in plan.people
        if person.unit == spec.person_unit and person.full_name == spec.person
    )


def marker(plan: DemoPlan, spec: NominationSpec) -> Marker:
    kind = "unit" if spec.collective else "person"
    return (kind, nominee_code(plan, spec), spec.award, spec.year)


def demo_workflow_seed(*, actor: Any, plan: DemoPlan, result: SeedResult) -> None:
    """Create whatever of the demo's workflow is missing (see the module docstring)."""
    if not workflow_applies(plan):
        return
    _staff_seed(actor=actor, result=result)
    _council_seed(actor=actor, result=result)

    existing = _existing_nominations(plan)
    letter_keys = set(data.LETTER.nominations)
    letter_specs = [spec for spec in data.NOMINATIONS if spec.key in letter_keys]
    single_specs = [
        spec
        for spec in data.NOMINATIONS
        if spec.key not in letter_keys and marker(plan, spec) not in existing
    ]
    letter_due = not any(marker(plan, spec) in existing for spec in letter_specs)
    session_due = not CouncilSession.objects.filter(
        council__unit__code=data.SESSION.unit, title=data.SESSION.title
    ).exists()
    decision_due = not Decision.objects.filter(
        deciding_unit__code=data.DECISION.unit, title=data.DECISION.title
    ).exists()
    if not (single_specs or letter_due or session_due or decision_due):
        return

    world = _World(plan)
    if letter_due:
        _letter_seed(letter_specs, world=world, result=result)
    for spec in single_specs:
        _scenario(
            f"{spec.person or spec.collective} – {spec.award} {spec.year}",
            result,
            lambda spec=spec: _nomination_scenario(spec, world=world, result=result),
        )
    if session_due:
        _scenario(
            data.SESSION.title,
            result,
            lambda: _session_seed(data.SESSION, world=world, result=result),
        )
    if decision_due:
        _scenario(
            data.DECISION.title,
            result,
            lambda: _decision_seed(data.DECISION, actor=actor, world=world, result=result),
        )


def _scenario(what: str, result: SeedResult, run: Any) -> None:
    """Run one scenario in its own transaction; a refusal or a missing piece skips it, with the
    reason, instead of failing the seed (as demo.services does for changed data)."""
    try:
        with transaction.atomic():
            run()
    except DomainError as error:
        result.skip(what, error)
    except _Missing as missing:
        result.skipped.append((what, str(missing)))


# --- what is there -------------------------------------------------------------------------------


def _existing_nominations(plan: DemoPlan) -> dict[Marker, int]:
    """The seed's nominations that exist, by marker (any state: a withdrawn one counts)."""
    rows = Nomination.objects.filter(
        award_type__code__in={spec.award for spec in data.NOMINATIONS},
        year__in={spec.year for spec in data.NOMINATIONS},
    ).values_list("nominee_person__code", "nominee_unit__code", "award_type__code", "year", "pk")
    found: dict[Marker, int] = {}
    for person_code, unit_code, award, year, pk in rows:
        kind, code = ("person", person_code) if person_code else ("unit", unit_code)
        found.setdefault((kind, code, award, year), pk)
    return found


class _World:
    """The users, units and people the scenarios act with, loaded once."""

    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        usernames = {account.username for account in (*plan.accounts, *data.STAFF)}
        self.users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        self.units = {
            unit.code: unit
            for unit in Unit.objects.filter(code__in=plan.units_by_code).select_related(
                "kind__level"
            )
        }
        codes = [nominee_code(plan, spec) for spec in data.NOMINATIONS if spec.person]
        self.people = {person.code: person for person in Person.objects.filter(code__in=codes)}

    def user(self, username: str) -> Any:
        user = self.users.get(username)
        if user is None:
            raise _Missing(_("The account %(username)s does not exist.") % {"username": username})
        return user

    def unit(self, code: str) -> Unit:
        unit = self.units.get(code)
        if unit is None:
            raise _Missing(_("The unit %(code)s does not exist.") % {"code": code})
        return unit

    def person(self, spec: NominationSpec) -> Person:
        person = self.people.get(nominee_code(self.plan, spec))
        if person is None:
            raise _Missing(_("%(name)s is not in the database.") % {"name": spec.person})
        return person

    def nomination(self, spec_key: str) -> Nomination:
        spec = next(spec for spec in data.NOMINATIONS if spec.key == spec_key)
        kind, code, award, year = marker(self.plan, spec)
        nominee = {f"nominee_{kind}__code": code}
        nomination = (
            Nomination.objects.filter(award_type__code=award, year=year, **nominee)
            .order_by("-created_at")
            .first()
        )
        if nomination is None:
            raise _Missing(
                _("The nomination of %(nominee)s was not created.")
                % {"nominee": spec.person or spec.collective}
            )
        return nomination


# --- setup: the administrators' part --------------------------------------------------------


def _staff_seed(*, actor: Any, result: SeedResult) -> None:
    """The accounts of demo.data.workflow.STAFF, each with its role; existing ones are left as
    they are (their roles included)."""
    usernames = [account.username for account in data.STAFF]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    missing = [account for account in data.STAFF if account.username not in existing]
    if not missing:
        return
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[a.unit for a in missing])}
    for account in missing:
        unit = units.get(account.unit)
        if unit is None:
            result.skipped.append((account.username, _("Its unit was not created.")))
            continue
        try:
            with transaction.atomic():
                # No password: these people are in the history, nobody signs in as them.
                user = user_create(
                    actor=actor,
                    username=account.username,
                    home_unit=unit,
                    full_name=account.full_name,
                    email=f"{account.username}@example.org",
                )
                role_grant(actor=actor, user=user, role=account.role, unit=unit)
        except DomainError as error:
            result.skip(account.username, error)
            continue
        result.created["workflow_accounts"] += 1


def _council_seed(*, actor: Any, result: SeedResult) -> None:
    """The council of demo.data.workflow.COUNCIL with its members, each given the council member
    role first if they lack it (the chair is the federation's president, whose demo account is
    the signer). A council that exists is left as it is."""
    spec = data.COUNCIL
    if Council.objects.filter(unit__code=spec.unit).exists():
        return

    def seed() -> None:
        unit = Unit.objects.filter(code=spec.unit).first()
        if unit is None:
            raise _Missing(_("The unit %(code)s does not exist.") % {"code": spec.unit})
        usernames = [seat.username for seat in spec.seats]
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        council = council_save(
            actor=actor, unit=unit, name=spec.name, established_by=spec.established_by
        )
        for seat in spec.seats:
            user = users.get(seat.username)
            if user is None:
                raise _Missing(
                    _("The account %(username)s does not exist.") % {"username": seat.username}
                )
            holds_role = RoleAssignment.objects.filter(
                user=user, unit=unit, role=Role.COUNCIL_MEMBER, revoked_at__isnull=True
            ).exists()
            if not holds_role:
                role_grant(
                    actor=actor,
                    user=user,
                    role=Role.COUNCIL_MEMBER,
                    unit=unit,
                    note=seat.title,
                )
            council_member_add(
                actor=actor,
                council=council,
                user=user,
                position=seat.position,
                title=seat.title,
                started_on=spec.started_on,
            )
        result.created["councils"] += 1

    _scenario(spec.name, result, seed)


# --- nominations --------------------------------------------------------------------------------


def _cited(*, year: int, person: Person | None = None, unit: Unit | None = None) -> dict[str, Any]:
    """The nominee's records a clerk cites: ratings and initiatives of the last three years,
    awards of the last five."""
    subject: dict[str, Any] = {"person": person} if person is not None else {"unit": unit}
    return {
        "ratings": AnnualRating.objects.filter(**subject, year__range=(year - 2, year)),
        "initiatives": (
            Initiative.objects.filter(person=person, year__range=(year - 2, year))
            if person is not None
            else []
        ),
        "prior_awards": AwardRecord.objects.filter(**subject, year__range=(year - 5, year)),
    }


def _dossier_lines(spec: NominationSpec, nominee: str, unit: Unit, award: AwardType) -> list[str]:
    return [
        f"Đơn vị đề nghị: {unit.name}",
        f"Đề nghị: {award.name}, năm {spec.year}",
        f"Cá nhân, tập thể được đề nghị: {nominee}",
        "",
        spec.achievements,
    ]


def _nomination_create(spec: NominationSpec, *, world: _World, in_letter: bool) -> Nomination:
    """The draft with its cited records and its dossier documents, by the unit's clerk."""
    clerk = world.user(spec.clerk)
    unit = world.unit(spec.unit)
    award = award_type_get_applicable(code=spec.award, on=spec.reference_date)
    person = world.person(spec) if spec.person else None
    collective = world.unit(spec.collective) if spec.collective else None
    nomination = nomination_create(
        actor=clerk,
        nominating_unit=unit,
        award_type=award,
        year=spec.year,
        reference_date=spec.reference_date,
        nominee_person=person,
        nominee_unit=collective,
        period_label=spec.period_label,
        achievements=spec.achievements,
        **_cited(year=spec.year, person=person, unit=collective),
    )
    nominee = spec.person or (collective.name if collective else "")
    for requirement in award.document_requirements.select_related("document_type"):
        document = requirement.document_type
        if spec.documents is not None:
            wanted = document.code in spec.documents
        else:  # a letter's signed file stands for the tờ trình of each nomination it carries
            wanted = not (in_letter and document.code == SUBMISSION_LETTER_TYPE)
        if wanted:
            attachment_add(
                actor=clerk,
                nomination=nomination,
                document_type=document,
                file=demo_document(
                    f"{document.code}-{nominee}",
                    document.name,
                    _dossier_lines(spec, nominee, unit, award),
                ),
            )
    return nomination


def _step(step: Step, nomination: Nomination, spec: NominationSpec, world: _World) -> Nomination:
    match step:
        case Submit():
            return nomination_submit(actor=world.user(spec.clerk), nomination=nomination)
        case Review(by=by, outcome=outcome, reason=reason):
            return nomination_review(
                actor=world.user(by), nomination=nomination, outcome=outcome, reason=reason
            )
        case Withdraw(reason=reason):
            return nomination_withdraw(
                actor=world.user(spec.clerk), nomination=nomination, reason=reason
            )
        case Claim(by=by):
            _claim(world.user(by), nomination)
            return nomination
    raise TypeError(f"unknown step {step!r}")


def _claim(user: Any, nomination: Nomination) -> None:
    """Take the nomination's open task into `user`'s inbox."""
    step = TASK_OF_STATUS.get(nomination.status)
    task = open_task(nomination, step) if step else None
    if task is None:
        raise DomainConflict(NominationErrorCode.STEP_NOT_OPEN)
    task_claim(actor=user, task=task)


def _nomination_scenario(spec: NominationSpec, *, world: _World, result: SeedResult) -> None:
    nomination = _nomination_create(spec, world=world, in_letter=False)
    for step in spec.steps:
        nomination = _step(step, nomination, spec, world)
    result.created["nominations"] += 1


def _letter_seed(specs: list[NominationSpec], *, world: _World, result: SeedResult) -> None:
    """The letter's nominations, the signed letter, sent; then each nomination's further steps."""
    letter = data.LETTER

    def seed() -> None:
        clerk = world.user(letter.clerk)
        unit = world.unit(letter.unit)
        drafts = [_nomination_create(spec, world=world, in_letter=True) for spec in specs]
        names = ", ".join(spec.person or spec.collective for spec in specs)
        submission = submission_create(
            actor=clerk,
            nominating_unit=unit,
            subject=letter.subject,
            number=letter.number,
            nominations=drafts,
            letter_file=demo_document(
                f"to-trinh-{letter.number}",
                f"Tờ trình số {letter.number}",
                [f"{unit.name}", letter.subject, f"Danh sách đề nghị: {names}."],
            ),
        )
        submission_submit(actor=clerk, submission=submission)
        for spec, draft in zip(specs, drafts, strict=True):
            nomination = Nomination.objects.get(pk=draft.pk)
            for step in spec.steps:
                if not isinstance(step, Submit):  # the letter sent them
                    nomination = _step(step, nomination, spec, world)
        result.created["nominations"] += len(drafts)
        result.created["submission_letters"] += 1

    _scenario(letter.number, result, seed)


# --- the council session and the decision --------------------------------------------------------


def _session_time() -> datetime.datetime:
    """This morning at eight, or now if the seed runs earlier than that."""
    now = timezone.localtime()
    return min(now.replace(hour=8, minute=0, second=0, microsecond=0), now)


def _session_seed(spec: SessionSpec, *, world: _World, result: SeedResult) -> None:
    """The secretary plans the session with its agenda and opens it, records who is there; the
    members present vote on each item; the secretary closes it (results and minutes)."""
    council = Council.objects.filter(unit__code=spec.unit).first()
    if council is None:
        raise _Missing(_("The council of %(code)s does not exist.") % {"code": spec.unit})
    nominations = [world.nomination(item.nomination) for item in spec.agenda]
    secretary = world.user(spec.secretary)
    session = council_session_create(
        actor=secretary,
        council=council,
        title=spec.title,
        scheduled_at=_session_time(),
        location=spec.location,
    )
    items = [
        agenda_item_add(actor=secretary, session=session, nomination=nomination)
        for nomination in nominations
    ]
    council_session_open(actor=secretary, session=session)
    seats = {member.user.username: member for member in council_member_list(council)}
    for username, present, note in spec.attendance:
        seat = seats.get(username)
        if seat is None:
            raise _Missing(_("%(username)s is not on the council.") % {"username": username})
        attendance_record(actor=secretary, session=session, member=seat, present=present, note=note)
    for item, agenda in zip(items, spec.agenda, strict=True):
        for username, choice in agenda.votes:
            vote_cast(actor=world.user(username), item=item, choice=choice)
    council_session_close(actor=secretary, session=session)
    for key, username in spec.claims:
        _claim(world.user(username), world.nomination(key))
    result.created["council_sessions"] += 1


def _decision_seed(spec: DecisionSpec, *, actor: Any, world: _World, result: SeedResult) -> None:
    """The secretary drafts the decision for nominations the council passed; the signer issues
    it (its number comes now) and later revokes one award, with the reason."""
    unit = world.unit(spec.unit)
    symbol = world.plan.units_by_code[spec.unit].doc_suffix.removeprefix("QĐ-")
    if not unit.document_symbol and symbol:
        # Decision numbers read "12/QĐ-LĐLĐ" with the unit's symbol; the demo tree's units are
        # created without one.
        unit = unit_update(actor=actor, unit=unit, document_symbol=symbol)
    decision = decision_draft(
        actor=world.user(spec.drafted_by),
        deciding_unit=unit,
        title=spec.title,
        nominations=[world.nomination(key) for key in spec.nominations],
        signer_title=spec.signer_title,
        funding_source=spec.funding_source,
    )
    signer = world.user(spec.signed_by)
    today = timezone.localdate()
    decision = decision_issue(actor=signer, decision=decision, signed_on=today)
    if spec.revoke is not None:
        key, reason = spec.revoke
        item = decision.items.get(nomination=world.nomination(key))
        award_revoke(actor=signer, item=item, reason=reason, revoked_on=today)
    result.created["decisions"] += 1
