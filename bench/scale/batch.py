"""One batch of grassroots unions, written in one transaction: the units, their two staff
accounts, their people and records, and their nominations with everything the real services
would have written on the way (review decisions, council agenda items, decisions and award
records, the viewflow process and tasks, the audit events).

What is left out, on purpose, to keep a million nominations within tens of minutes: dossier
documents and submission letters (files), check runs, individual council votes (the agenda item
carries the counts), and the viewflow bookkeeping tasks nothing reads (the switch after each
step, the timers of finished steps). Open steps have their task and both deadline timers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from viewflow.workflow.models import Task

from audit.models import EventType
from awards.models import AwardRecord
from bench.scale.catalogue import Catalogue, deadline_moments
from bench.scale.rows import Events, Writer, build
from bench.scale.tree import (
    Registry,
    add_accounts,
    add_units,
    cdcs_accounts,
)
from bench.scale.universe import (
    RATING_YEARS,
    AgendaPlan,
    CdcsSpec,
    Clock,
    NominationSpec,
    PersonSpec,
    UnitSpec,
    Universe,
    Visit,
)
from nominations.models import (
    AgendaItem,
    Attendance,
    CouncilSession,
    Decision,
    DecisionCounter,
    DecisionItem,
    Nomination,
    ReviewDecision,
)
from organizations.models import AnnualRating, Initiative, Membership, Person, Unit
from workflows.models import NominationProcess

SECOND = datetime.timedelta(seconds=1)
STEP_ROLES = {
    "review": "reviewer",
    "resubmit": "clerk",
    "council": "council_secretary",
    "decision": "signer",
}
REVIEW_EVENTS = {
    "approved": EventType.NOMINATION_APPROVED,
    "returned": EventType.NOMINATION_RETURNED,
    "rejected": EventType.NOMINATION_REJECTED,
}
# The flow's end node of each closed status (a revoked award ended as awarded).
ENDS = {
    "awarded": "awarded",
    "revoked": "awarded",
    "rejected": "rejected",
    "not_passed": "not_passed",
}


@dataclass
class Calendar:
    """Council sessions, decisions and decision numbers made so far, found by their titles."""

    sessions: dict[tuple[int, str], int] = field(default_factory=dict)  # (council, title)
    positions: dict[int, int] = field(default_factory=dict)  # session -> last agenda position
    decisions: dict[tuple[int, str], tuple[int, str]] = field(default_factory=dict)
    counters: dict[tuple[int, int], DecisionCounter] = field(default_factory=dict)
    touched: set[tuple[int, int]] = field(default_factory=set)  # counters to save


@dataclass
class Context:
    universe: Universe
    clock: Clock
    catalogue: Catalogue
    registry: Registry
    writer: Writer
    calendar: Calendar
    flow: Any  # workflows.flows.NominationFlow
    nodes: dict[str, Any]  # flow node name -> node


def session_title(kind: str, year: int, slot: int) -> str:
    if kind == "planned":
        return f"Phiên họp xét khen thưởng năm {year} – đợt tới"
    if kind == "recent":
        return f"Phiên họp xét khen thưởng năm {year} – đợt bổ sung"
    return f"Phiên họp xét khen thưởng năm {year} – đợt {slot + 1}"


def decision_title(year: int, slot: int, council: bool) -> str:
    title = f"Quyết định khen thưởng năm {year} – đợt {slot + 1}"
    return f"{title} (theo đề nghị của Hội đồng Thi đua – Khen thưởng)" if council else title


def write_batch(ctx: Context, batch: Sequence[CdcsSpec]) -> int:
    """Write the grassroots unions of `batch` and everything of theirs; returns how many
    nominations. Runs inside the caller's transaction."""
    events = Events()
    add_units(
        [cdcs.unit for cdcs in batch],
        writer=ctx.writer,
        registry=ctx.registry,
        events=events,
        at=ctx.clock.now,
    )
    add_accounts(
        [account for cdcs in batch for account in cdcs_accounts(ctx.universe, cdcs.unit)],
        writer=ctx.writer,
        registry=ctx.registry,
        events=events,
        at=ctx.clock.now,
    )
    people = {cdcs.index: ctx.universe.people(cdcs, ctx.clock) for cdcs in batch}
    person_ids = _write_people(ctx, batch, people, events)
    specs = [
        spec
        for cdcs in batch
        for spec in ctx.universe.nominations(cdcs, people[cdcs.index], ctx.clock)
    ]
    names = {(cdcs.index, person.number): person for cdcs in batch for person in people[cdcs.index]}
    _write_nominations(ctx, specs, person_ids, names, {c.unit.key: c.unit for c in batch}, events)
    counters = [ctx.calendar.counters[key] for key in sorted(ctx.calendar.touched)]
    ctx.writer.counters(
        new=[counter for counter in counters if counter.pk is None],
        changed=[counter for counter in counters if counter.pk is not None],
    )
    ctx.calendar.touched.clear()
    ctx.writer.events(events.items)
    return len(specs)


# --- people and their records -----------------------------------------------------------------


def _write_people(
    ctx: Context,
    batch: Sequence[CdcsSpec],
    people: dict[int, list[PersonSpec]],
    events: Events,
) -> dict[tuple[int, int], int]:
    writer, registry, clock = ctx.writer, ctx.registry, ctx.clock
    rows = [
        build(
            Person,
            {
                "code": person.code,
                "full_name": person.full_name,
                "gender": person.gender,
                "birth_date": person.birth_date,
                "education_level": person.education_level,
            },
        )
        for cdcs in batch
        for person in people[cdcs.index]
    ]
    writer.insert(Person, rows)
    ids: dict[tuple[int, int], int] = {}
    row_iter = iter(rows)
    memberships, ratings, initiatives, awards = [], [], [], []
    first_year = clock.current_year - RATING_YEARS + 1
    for cdcs in batch:
        unit = registry.units[cdcs.unit.key]
        employer = cdcs.unit.name.removeprefix("Công đoàn cơ sở ")
        for person in people[cdcs.index]:
            pk = next(row_iter).pk
            ids[(cdcs.index, person.number)] = pk
            memberships.append(
                build(
                    Membership,
                    {
                        "person_id": pk,
                        "unit_id": unit,
                        "started_on": person.started_on,
                        "position": person.position,
                        "is_leader": person.is_leader,
                        "is_union_member": person.is_union_member,
                    },
                )
            )
            for offset, rating in enumerate(person.ratings):
                ratings.append(_rating(first_year + offset, rating, employer, person_id=pk))
            if person.initiative is not None:
                title, kind, level, year, value = person.initiative
                initiatives.append(
                    build(
                        Initiative,
                        {
                            "person_id": pk,
                            "title": title,
                            "kind": kind,
                            "recognition_level": level,
                            "year": year,
                            "recognized_by": f"Hội đồng sáng kiến {employer}"[:255],
                            "decision_number": f"{(pk % 300) + 1}/QĐ-HĐSK",
                            "beneficial_value": value,
                            "is_applied": True,
                        },
                    )
                )
            if person.prior_award is not None:
                awards.append(_prior_award(ctx, *person.prior_award, person_id=pk))
        for offset, rating in enumerate(ctx.universe.collective_ratings(cdcs)):
            ratings.append(
                _rating(first_year + offset, rating, cdcs.upper.name, unit_id=unit, collective=1)
            )
        if cdcs.index % 9 == 4:
            awards.append(_prior_award(ctx, "cdcs-htxsnv", first_year - 2, unit_id=unit))
    writer.insert(Membership, memberships)
    writer.insert(AnnualRating, ratings)
    writer.insert(Initiative, initiatives)
    writer.insert(AwardRecord, awards)
    for cdcs in batch:
        unit = registry.units[cdcs.unit.key]
        clerk = registry.actor("clerk", cdcs.unit.key)
        count = len(people[cdcs.index])
        events.add(
            EventType.RECORDS_IMPORTED,
            clock.now,
            actor=clerk,
            role="clerk",
            actor_unit=unit,
            model=Unit,
            object_id=unit,
            object_repr=cdcs.unit.name,
            unit=unit,
            changes={"people": count, "ratings": (count + 1) * RATING_YEARS},
            reason="Dữ liệu quy mô quốc gia (generate_scale)",
        )
    return ids


def _rating(year: int, rating: str, rater: str, collective: int = 0, **subject: Any) -> Any:
    return build(
        AnnualRating,
        {
            **subject,
            "year": year,
            "rating": rating,
            "decided_by": (f"Ban Thường vụ {rater}" if collective else f"Thủ trưởng {rater}")[:255],
            "decision_number": f"{(year * 7 + len(rater)) % 400 + 1}/QĐ-{year}",
        },
    )


def _prior_award(ctx: Context, code: str, year: int, **subject: Any) -> Any:
    award = ctx.catalogue.award(code, datetime.date(year + 1, 1, 15))
    return build(
        AwardRecord,
        {
            **subject,
            "award_type_id": award.pk,
            "award_code": award.code,
            "award_name": award.name,
            "year": year,
            "decision_number": f"{year % 97 + 3}/QĐ-KT",
            "decision_date": datetime.date(year + 1, 1, 15),
            "deciding_body": award.deciding_body,
            "source": "imported",
        },
    )


# --- nominations ------------------------------------------------------------------------------


def _write_nominations(
    ctx: Context,
    specs: list[NominationSpec],
    person_ids: dict[tuple[int, int], int],
    people: dict[tuple[int, int], PersonSpec],
    batch_units: dict[str, UnitSpec],
    events: Events,
) -> None:
    registry, catalogue = ctx.registry, ctx.catalogue
    units = registry.units
    rows = []
    awards = []
    for spec in specs:
        award = catalogue.award(spec.award, spec.reference_date)
        awards.append(award)
        topic = None
        if spec.topic is not None and award.topics:
            topic = award.topics[spec.topic % len(award.topics)]
        person = person_ids.get((spec.cdcs, spec.person)) if spec.person is not None else None
        rows.append(
            build(
                Nomination,
                {
                    "nominating_unit_id": units[spec.nominating],
                    "nominee_person_id": person,
                    "nominee_unit_id": units[spec.nominee_unit] if spec.nominee_unit else None,
                    "award_type_id": award.pk,
                    "topic_id": topic,
                    "year": spec.year,
                    "reference_date": spec.reference_date,
                    "period_label": f"Tổng kết năm {spec.year}",
                    "achievements": spec.achievements,
                    "status": spec.status,
                    "current_unit_id": units[spec.current] if spec.current else None,
                    "deciding_unit_id": units[spec.deciding] if spec.deciding else None,
                    "return_count": spec.return_count,
                    "submitted_at": spec.submitted_at,
                    "closed_at": spec.closed_at,
                    "closing_reason": spec.closing_reason,
                    "created_by_id": registry.actor("clerk", spec.nominating)[0],
                    "_history_date": _last_moment(spec),
                },
            )
        )
    ctx.writer.insert(Nomination, rows)
    labels = [
        _nomination_label(spec, award, people, batch_units)
        for spec, award in zip(specs, awards, strict=True)
    ]
    reviews = _reviews(ctx, specs, rows)
    agenda = _agenda(ctx, specs, rows, awards, events)
    records = _decisions(ctx, specs, rows, awards, people, batch_units, events)
    tasks = _processes(ctx, specs, rows)
    for spec, row, label, award in zip(specs, rows, labels, awards, strict=True):
        _nomination_events(
            ctx,
            events,
            spec,
            row,
            label,
            award,
            reviews.get(row.pk, []),
            agenda.get(row.pk),
            records.get(row.pk),
            tasks.get(row.pk, {}),
        )


def _last_moment(spec: NominationSpec) -> datetime.datetime:
    moments = [spec.created_at, spec.submitted_at, spec.closed_at]
    moments += [visit.closed or visit.assigned or visit.opened for visit in spec.visits]
    return max(moment for moment in moments if moment is not None)


def _nomination_label(
    spec: NominationSpec,
    award: Any,
    people: dict[tuple[int, int], PersonSpec],
    batch_units: dict[str, UnitSpec],
) -> str:
    """What str(nomination) says: the nominee, the award, the year."""
    if spec.person is not None:
        person = people[(spec.cdcs, spec.person)]
        nominee = f"{person.full_name} ({person.code})"
    else:
        nominee = batch_units[spec.nominee_unit or ""].name
    return f"{nominee} – {award.label} ({spec.year})"


def _reviews(
    ctx: Context, specs: list[NominationSpec], rows: list[Nomination]
) -> dict[int, list[tuple[Visit, int, int | None]]]:
    """The review decisions: (visit, round, forwarded to) per nomination."""
    registry = ctx.registry
    decisions = []
    found: dict[int, list[tuple[Visit, int, int | None]]] = {}
    for spec, row in zip(specs, rows, strict=True):
        round_number = 1
        for visit in spec.visits:
            if visit.step != "review" or visit.outcome not in REVIEW_EVENTS:
                continue
            forwarded = None
            if visit.outcome == "approved":
                above = ctx.universe.parent_of(visit.unit)
                target = spec.deciding if visit.unit == spec.deciding else above
                forwarded = registry.units[target] if target else None
            decisions.append(
                build(
                    ReviewDecision,
                    {
                        "nomination_id": row.pk,
                        "unit_id": registry.units[visit.unit],
                        "round": round_number,
                        "outcome": visit.outcome,
                        "reason": visit.reason,
                        "decided_by_id": registry.actor("reviewer", visit.unit)[0],
                        "forwarded_to_id": forwarded,
                        "_history_date": visit.closed,
                    },
                )
            )
            found.setdefault(row.pk, []).append((visit, round_number, forwarded))
            if visit.outcome == "returned":
                round_number += 1
    ctx.writer.insert(ReviewDecision, decisions)
    return found


# --- councils ---------------------------------------------------------------------------------


SessionKey = tuple[str, str, int, int]  # (kind, deciding unit key, year, slot)
DecisionKey = tuple[str, int, int, bool]  # (deciding unit key, year, slot, with a council)


def _session_id(ctx: Context, key: SessionKey) -> int:
    kind, deciding, year, slot = key
    return ctx.calendar.sessions[(ctx.registry.councils[deciding], session_title(kind, year, slot))]


def _ensure_sessions(ctx: Context, keys: set[SessionKey], events: Events) -> None:
    """Create the council sessions of `keys` that do not exist yet, in one go: held ones with
    their attendance (every member present)."""
    registry, clock, calendar = ctx.registry, ctx.clock, ctx.calendar
    missing = sorted(
        key
        for key in keys
        if (registry.councils[key[1]], session_title(key[0], key[2], key[3]))
        not in calendar.sessions
    )
    sessions = []
    for kind, deciding, year, slot in missing:
        council = registry.councils[deciding]
        scheduled = clock.session_time(kind, year, slot)
        held = kind != "planned"
        members = registry.members[council]
        sessions.append(
            build(
                CouncilSession,
                {
                    "council_id": council,
                    "title": session_title(kind, year, slot),
                    "scheduled_at": scheduled,
                    "location": "Hội trường trụ sở cơ quan",
                    "status": "closed" if held else "planned",
                    "member_count": len(members) if held else None,
                    "opened_at": scheduled if held else None,
                    "closed_at": scheduled + 3 * 3600 * SECOND if held else None,
                    "minutes": "Biên bản họp Hội đồng (lưu tại văn phòng)." if held else "",
                    "created_by_id": registry.actor("council_secretary", deciding)[0],
                    "_history_date": scheduled if held else clock.now,
                },
            )
        )
    ctx.writer.insert(CouncilSession, sessions)
    attendance = []
    for (kind, deciding, _year, _slot), session in zip(missing, sessions, strict=True):
        calendar.sessions[(session.council_id, session.title)] = session.pk
        members = registry.members[session.council_id]
        unit = registry.units[deciding]
        common = {
            "actor": registry.actor("council_secretary", deciding),
            "role": "council_secretary",
            "actor_unit": unit,
            "model": CouncilSession,
            "object_id": session.pk,
            "object_repr": session.title,
            "unit": unit,
        }
        scheduled = session.scheduled_at
        created_at = min(scheduled - 7 * 86400 * SECOND, clock.now - SECOND)
        title = {"title": session.title}
        events.add(EventType.COUNCIL_SESSION_CREATED, created_at, changes=title, **common)
        if kind == "planned":
            continue
        attendance += [
            build(Attendance, {"session_id": session.pk, "member_id": member, "present": True})
            for member in members
        ]
        events.add(
            EventType.COUNCIL_SESSION_OPENED,
            scheduled,
            changes={"status": ["planned", "open"], "member_count": len(members)},
            **common,
        )
        events.add(
            EventType.COUNCIL_SESSION_CLOSED,
            session.closed_at,
            changes={"status": ["open", "closed"], "members": len(members)},
            **common,
        )
    ctx.writer.insert(Attendance, attendance)


def _agenda(
    ctx: Context,
    specs: list[NominationSpec],
    rows: list[Nomination],
    awards: list[Any],
    events: Events,
) -> dict[int, tuple[AgendaPlan, AgendaItem]]:
    items = []
    plans: dict[int, tuple[AgendaPlan, AgendaItem]] = {}
    wanted = {spec.agenda.session for spec in specs if spec.agenda is not None}
    wanted |= {
        ("closed", spec.decision[0], spec.decision[1], spec.decision[2])
        for spec in specs
        if spec.decision is not None and spec.decision[3]
    }
    _ensure_sessions(ctx, wanted, events)
    for spec, row, award in zip(specs, rows, awards, strict=True):
        plan = spec.agenda
        if plan is None:
            continue
        session = _session_id(ctx, plan.session)
        position = ctx.calendar.positions.get(session, 0) + 1
        ctx.calendar.positions[session] = position
        voted = plan.passed is not None
        item = build(
            AgendaItem,
            {
                "session_id": session,
                "nomination_id": row.pk,
                "position": min(position, 32_000),
                "ballot_type": award.ballot_type,
                "vote_base": award.vote_base,
                "threshold_pct": award.threshold,
                "result": ("passed" if plan.passed else "not_passed") if voted else "pending",
                "yes_count": plan.yes,
                "no_count": plan.no,
                "abstain_count": plan.abstain,
                "base_count": plan.base,
                "_history_date": plan.added_at,
            },
        )
        items.append(item)
        plans[row.pk] = (plan, item)
    ctx.writer.insert(AgendaItem, items)
    return plans


# --- decisions --------------------------------------------------------------------------------


def _ensure_decisions(
    ctx: Context, wanted: dict[DecisionKey, NominationSpec], events: Events
) -> None:
    """Create the issued decisions of `wanted` that do not exist yet, in one go, each with the
    next number of its unit and year (nominations.models.DecisionCounter)."""
    registry, calendar = ctx.registry, ctx.calendar
    missing = []
    for key, spec in sorted(wanted.items()):
        deciding, year, slot, council = key
        title = decision_title(year, slot, council)
        if (registry.units[deciding], title) not in calendar.decisions:
            missing.append((key, spec))
    decisions = []
    for (deciding, year, slot, council), spec in missing:
        assert spec.signed_on is not None and spec.issued_at is not None
        unit = registry.units[deciding]
        signed_on = spec.signed_on
        counter = calendar.counters.get((unit, signed_on.year))
        if counter is None:
            counter = calendar.counters[(unit, signed_on.year)] = build(
                DecisionCounter, {"unit_id": unit, "year": signed_on.year, "last_number": 0}
            )
        counter.last_number += 1
        calendar.touched.add((unit, signed_on.year))
        tree_unit = ctx.universe.units.get(deciding)
        symbol = tree_unit.document_symbol if tree_unit else "CĐCS"
        session = _session_id(ctx, ("closed", deciding, year, slot)) if council else None
        drafter = "signer" if deciding.startswith("C") else "council_secretary"
        decisions.append(
            build(
                Decision,
                {
                    "deciding_unit_id": unit,
                    "year": signed_on.year,
                    "number": counter.last_number,
                    "reference": f"{counter.last_number}/QĐ-{symbol}",
                    "title": decision_title(year, slot, council),
                    "status": "issued",
                    "council_session_id": session,
                    "legal_basis": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\n"
                    "Căn cứ Quy chế Khen thưởng của tổ chức Công đoàn;",
                    "signed_on": signed_on,
                    "signer_id": registry.actor("signer", deciding)[0],
                    "signer_title": "Chủ tịch",
                    "issued_at": spec.issued_at,
                    "created_by_id": registry.actor(drafter, deciding)[0],
                    "_history_date": spec.issued_at,
                },
            )
        )
    ctx.writer.insert(Decision, decisions)
    for ((deciding, _year, _slot, _council), _spec), decision in zip(
        missing, decisions, strict=True
    ):
        unit = decision.deciding_unit_id
        calendar.decisions[(unit, decision.title)] = (decision.pk, decision.reference)
        drafter = "signer" if deciding.startswith("C") else "council_secretary"
        common = {"model": Decision, "object_id": decision.pk, "unit": unit, "actor_unit": unit}
        events.add(
            EventType.DECISION_DRAFTED,
            decision.issued_at - 2 * 86400 * SECOND,
            actor=registry.actor(drafter, deciding),
            role=drafter,
            object_repr=decision.title,
            changes={"title": decision.title, "council_session": decision.council_session_id},
            **common,
        )
        events.add(
            EventType.DECISION_ISSUED,
            decision.issued_at,
            actor=registry.actor("signer", deciding),
            role="signer",
            object_repr=decision.reference,
            changes={
                "status": ["draft", "issued"],
                "number": decision.number,
                "reference": decision.reference,
                "signed_on": decision.signed_on.isoformat(),
            },
            **common,
        )


def _decisions(
    ctx: Context,
    specs: list[NominationSpec],
    rows: list[Nomination],
    awards: list[Any],
    people: dict[tuple[int, int], PersonSpec],
    batch_units: dict[str, UnitSpec],
    events: Events,
) -> dict[int, tuple[int, str, AwardRecord, DecisionItem]]:
    registry, catalogue = ctx.registry, ctx.catalogue
    _ensure_decisions(
        ctx, {spec.decision: spec for spec in specs if spec.decision is not None}, events
    )
    granted = []
    for spec, row, award in zip(specs, rows, awards, strict=True):
        if spec.decision is None:
            continue
        deciding, year, slot, council = spec.decision
        title = decision_title(year, slot, council)
        decision, reference = ctx.calendar.decisions[(registry.units[deciding], title)]
        granted.append((spec, row, award, decision, reference))
    records = []
    for spec, row, award, _decision_pk, reference in granted:
        assert spec.signed_on is not None
        records.append(
            build(
                AwardRecord,
                {
                    "person_id": row.nominee_person_id,
                    "unit_id": row.nominee_unit_id,
                    "award_type_id": award.pk,
                    "award_code": award.code,
                    "award_name": award.name,
                    "topic_id": row.topic_id,
                    "year": spec.year,
                    "decision_number": reference,
                    "decision_date": spec.signed_on,
                    "deciding_unit_id": row.deciding_unit_id,
                    "deciding_body": award.deciding_body,
                    "source": "decision",
                    "revoked_on": spec.revoked_on,
                    "revocation_reason": spec.closing_reason if spec.revoked_on else "",
                    "_history_date": spec.issued_at,
                },
            )
        )
    ctx.writer.insert(AwardRecord, records)
    items = []
    for (spec, row, award, decision_pk, _reference), record in zip(granted, records, strict=True):
        assert spec.signed_on is not None
        if spec.person is not None:
            recipient = people[(spec.cdcs, spec.person)].full_name
            recipient_unit = batch_units[spec.nominating].name
        else:
            nominee = batch_units[spec.nominee_unit or ""]
            recipient = nominee.name
            recipient_unit = registry.names.get(nominee.parent or "", "")
        signer = registry.actor("signer", spec.deciding or "")
        items.append(
            build(
                DecisionItem,
                {
                    "decision_id": decision_pk,
                    "nomination_id": row.pk,
                    "award_type_id": award.pk,
                    "recipient_name": recipient[:255],
                    "recipient_unit_name": recipient_unit[:255],
                    "reason": spec.achievements,
                    "amount_vnd": catalogue.amount(award, spec.signed_on),
                    "award_record_id": record.pk,
                    "revoked_on": spec.revoked_on,
                    "revocation_reason": spec.closing_reason if spec.revoked_on else "",
                    "revoked_by_id": signer[0] if spec.revoked_on else None,
                    "_history_date": spec.issued_at,
                },
            )
        )
    ctx.writer.insert(DecisionItem, items)
    return {
        row.pk: (decision_pk, reference, record, item)
        for (_spec, row, _award, decision_pk, reference), record, item in zip(
            granted, records, items, strict=True
        )
    }


# --- the workflow -----------------------------------------------------------------------------


def _processes(
    ctx: Context, specs: list[NominationSpec], rows: list[Nomination]
) -> dict[int, dict[int, Task]]:
    """The viewflow process of each submitted nomination and its tasks; returns, per
    nomination, the human task of each visit (by the visit's position in the story)."""
    nodes, flow, registry = ctx.nodes, ctx.flow, ctx.registry
    processes = []
    submitted = []
    for spec, row in zip(specs, rows, strict=True):
        if spec.submitted_at is None:
            continue
        if spec.status == "withdrawn":
            status, finished = "CANCELED", spec.closed_at
        elif spec.status in ENDS:
            status, finished = "DONE", spec.closed_at
        else:
            status, finished = "NEW", None
        processes.append(
            build(
                NominationProcess,
                {
                    "flow_class": flow,
                    "status": status,
                    "created": spec.submitted_at,
                    "finished": finished,
                    "data": {},
                    "nomination_id": row.pk,
                    "_history_date": finished or spec.submitted_at,
                },
            )
        )
        submitted.append((spec, row))
    ctx.writer.insert_processes(processes)
    tasks: list[Task] = []
    links: list[tuple[int, int]] = []  # positions in `tasks`: (task, previous)
    humans: dict[int, dict[int, int]] = {}  # nomination -> visit position -> task position

    def task(node: str, process: int, created: datetime.datetime, **values: Any) -> int:
        flow_task = nodes[node]
        tasks.append(
            build(
                Task,
                {
                    "flow_task": flow_task,
                    "flow_task_type": flow_task.task_type,
                    "process_id": process,
                    "created": created,
                    "status": "DONE",
                    "data": {},
                    "_history_date": values.get("finished") or values.get("assigned") or created,
                    **values,
                },
            )
        )
        return len(tasks) - 1

    for (spec, row), process in zip(submitted, processes, strict=True):
        pid = process.pk
        at = spec.submitted_at
        assert at is not None
        previous = task("start", pid, at, started=at, finished=at + SECOND / 1000)
        for position, visit in enumerate(spec.visits):
            role = STEP_ROLES[visit.step]
            values: dict[str, Any] = {}
            if visit.outcome == "canceled":
                values = {"status": "CANCELED", "finished": visit.closed}
            elif visit.closed is not None:
                owner = registry.actor(role, visit.unit)[0]
                values = {
                    "owner_id": owner,
                    "assigned": visit.closed - SECOND,
                    "started": visit.closed - SECOND,
                    "finished": visit.closed,
                }
            elif visit.assigned is not None:
                owner = registry.actor(role, visit.unit)[0]
                values = {"status": "ASSIGNED", "owner_id": owner, "assigned": visit.assigned}
            else:
                values = {"status": "NEW"}
            human = task(visit.step, pid, visit.opened, **values)
            links.append((human, previous))
            humans.setdefault(row.pk, {})[position] = human
            previous = human
            if visit.closed is None:
                reminder, deadline = deadline_moments(ctx.catalogue, visit.step, visit.opened)
                for node, moment in (
                    (f"{visit.step}__timeout", reminder),
                    (f"{visit.step}__timeout_2", deadline),
                ):
                    timer = task(node, pid, visit.opened + SECOND / 1000, status="SCHEDULED")
                    tasks[timer].scheduled = moment
                    links.append((timer, human))
        end = ENDS.get(spec.status)
        if end is not None:
            closed = spec.closed_at or at
            links.append((task(end, pid, closed, finished=closed), previous))
    ctx.writer.insert(Task, tasks)
    ctx.writer.link_tasks((tasks[a].pk, tasks[b].pk) for a, b in links)
    return {
        nomination: {position: tasks[index] for position, index in visits.items()}
        for nomination, visits in humans.items()
    }


# --- the event log ----------------------------------------------------------------------------


def _nomination_events(
    ctx: Context,
    events: Events,
    spec: NominationSpec,
    row: Nomination,
    label: str,
    award: Any,
    reviews: list[tuple[Visit, int, int | None]],
    agenda: tuple[AgendaPlan, AgendaItem] | None,
    granted: tuple[int, str, AwardRecord, DecisionItem] | None,
    tasks: dict[int, Task],
) -> None:
    """The events the services record over the nomination's life, in order."""
    registry = ctx.registry
    units = registry.units
    nominating = units[spec.nominating]
    clerk = registry.actor("clerk", spec.nominating)

    def add(event: str, at: datetime.datetime, actor: Any, role: str, unit: int, **kw: Any) -> None:
        events.add(
            event,
            at,
            actor=actor,
            role=role,
            actor_unit=unit,
            model=Nomination,
            object_id=row.pk,
            object_repr=label,
            unit=nominating,
            **kw,
        )

    add(
        EventType.NOMINATION_CREATED,
        spec.created_at,
        clerk,
        "clerk",
        nominating,
        changes={
            "award_type": [None, award.pk],
            "nominating_unit": [None, nominating],
            "nominee_person": [None, row.nominee_person_id],
            "nominee_unit": [None, row.nominee_unit_id],
            "year": [None, spec.year],
            "reference_date": [None, spec.reference_date.isoformat()],
            "status": [None, "draft"],
            "created_by": [None, clerk[0]],
        },
    )
    if spec.submitted_at is not None:
        first = spec.visits[0].unit if spec.visits else spec.deciding
        add(
            EventType.NOMINATION_SUBMITTED,
            spec.submitted_at,
            clerk,
            "clerk",
            nominating,
            changes={
                "status": ["draft", "in_review"],
                "current_unit": [None, units[first] if first else None],
                "deciding_unit": [None, units[spec.deciding] if spec.deciding else None],
            },
        )
    review_iter = iter(reviews)
    returned_by = nominating  # the unit a resubmission goes back to
    deciding = units[spec.deciding] if spec.deciding else None
    for position, visit in enumerate(spec.visits):
        unit = units[visit.unit]
        human = tasks.get(position)
        if visit.assigned is not None and human is not None:
            owner = registry.actor(STEP_ROLES[visit.step], visit.unit)
            add(
                EventType.TASK_CLAIMED,
                visit.assigned,
                owner,
                STEP_ROLES[visit.step],
                unit,
                changes={"task": human.pk, "step": visit.step},
            )
        if visit.step == "review" and visit.outcome in REVIEW_EVENTS:
            _visit, round_number, forwarded = next(review_iter)
            after = {"approved": "in_review", "returned": "returned", "rejected": "rejected"}
            status = after[visit.outcome]
            to = forwarded
            if visit.outcome == "approved" and visit.unit == spec.deciding:
                status = "at_council" if award.council else "awaiting_decision"
            elif visit.outcome == "returned":
                to = nominating
                returned_by = unit
            elif visit.outcome == "rejected":
                to = None
            assert visit.closed is not None
            add(
                REVIEW_EVENTS[visit.outcome],
                visit.closed,
                registry.actor("reviewer", visit.unit),
                "reviewer",
                unit,
                changes={
                    "status": ["in_review", status],
                    "current_unit": [unit, to],
                    "round": round_number,
                },
                reason=visit.reason,
            )
        elif visit.step == "resubmit" and visit.closed is not None:
            add(
                EventType.NOMINATION_RESUBMITTED,
                visit.closed,
                clerk,
                "clerk",
                nominating,
                changes={
                    "status": ["returned", "in_review"],
                    "current_unit": [nominating, returned_by],
                },
            )
        elif visit.step == "council" and agenda is not None and deciding is not None:
            plan, item = agenda
            secretary = registry.actor("council_secretary", spec.deciding or "")
            add(
                EventType.AGENDA_ITEM_ADDED,
                plan.added_at,
                secretary,
                "council_secretary",
                deciding,
                changes={"session": item.session_id, "position": item.position},
            )
            if visit.closed is not None:
                add(
                    EventType.NOMINATION_VOTED,
                    visit.closed,
                    secretary,
                    "council_secretary",
                    deciding,
                    changes={
                        "session": item.session_id,
                        "result": item.result,
                        "ballot": item.ballot_type,
                        "for": plan.yes,
                        "against": plan.no,
                        "abstained": plan.abstain,
                        "counted_over": plan.base,
                        "threshold_pct": str(item.threshold_pct),
                        "status": [
                            "at_council",
                            "awaiting_decision" if plan.passed else "not_passed",
                        ],
                    },
                )
        elif visit.step == "decision" and visit.closed is not None and granted is not None:
            decision, reference, record, item = granted
            add(
                EventType.NOMINATION_AWARDED,
                visit.closed,
                registry.actor("signer", spec.deciding or ""),
                "signer",
                deciding or nominating,
                changes={
                    "decision": decision,
                    "reference": reference,
                    "award_record": record.pk,
                    "amount_vnd": item.amount_vnd,
                    "status": ["awaiting_decision", "awarded"],
                },
            )
    if spec.withdrawn_at is not None:
        add(
            EventType.NOMINATION_WITHDRAWN,
            spec.withdrawn_at,
            clerk,
            "clerk",
            nominating,
            changes={"status": [spec.withdrawn_from, "withdrawn"]},
            reason=spec.closing_reason,
        )
    if spec.revoked_on is not None and granted is not None:
        decision, reference, record, item = granted
        at = ctx.clock.local(spec.revoked_on, 9)
        add(
            EventType.AWARD_REVOKED,
            at,
            registry.actor("signer", spec.deciding or ""),
            "signer",
            deciding or nominating,
            changes={
                "status": ["awarded", "revoked"],
                "decision": reference,
                "decision_item": item.pk,
                "award_record": record.pk,
                "revoked_on": spec.revoked_on.isoformat(),
            },
            reason=spec.closing_reason,
        )
