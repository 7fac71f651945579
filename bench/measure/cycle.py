"""Driving nominations through the services (issue 7 §2 a, b, d).

(a) Full cycle: drafts are submitted, approved by the district, approved by the province, put on
    one council session (opened, every member present, every member votes yes on every item,
    closed) and granted by one decision (drafted by the secretary, issued by the signer); against
    the bare flow (bench/flows.py: start, complete the review) run in the same process on the
    same database. Throughput is nominations through the whole cycle per second.
(b) Statements per action: submit (vs the bare start), claim, approve, return (vs the bare
    completion of its review), vote and decide (no bare counterpart), each counted on its own;
    every action is repeated and the last repetition is reported, so caches filled by the first
    call (content types, catalogue, translations) do not count.
(d) One decision over many nominations awaiting it: drafted, then issued (numbered, award
    records written, every nomination's decision task completed, every check run), timed and
    counted. The nominations are generated ones waiting at the unit with the most of them, when
    it has enough; otherwise grassroots titles of the bench world, decided by the union itself
    without a vote: the shortest route to "awaiting decision" through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS

from accounts.selectors import system_user
from accounts.services import user_create
from bench.flows import bare_claim, bare_complete, bare_review_task, bare_start
from bench.measure.counting import Measured, measured, median
from bench.measure.world import World, dossier_make
from common.exceptions import DomainError
from nominations.models import AgendaItem, Nomination, NominationStatus
from nominations.services import (
    agenda_item_add,
    attendance_record,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    nomination_review,
    nomination_submit,
    vote_cast,
)
from organizations.models import Role, Unit
from organizations.services import role_grant
from workflows.selectors import open_task
from workflows.services import task_claim

S = NominationStatus
REASON = "Thiếu bản thành tích có xác nhận."


def _each[T](items: list[T], call: Callable[[T], Any]) -> tuple[list[Any], list[Measured]]:
    """Call `call` on each item, measuring each call on its own."""
    results, runs = [], []
    for item in items:
        with measured() as run:
            results.append(call(item))
        runs.append(run)
    return results, runs


def _phase(runs: list[Measured]) -> dict[str, Any]:
    return {
        "calls": len(runs),
        "seconds": sum(r.seconds for r in runs),
        "statements": sum(r.statements for r in runs),
        "statements_per_call_median": median([r.statements for r in runs]),
    }


def _one(run: Measured) -> dict[str, Any]:
    return _phase([run])


# --- the bare flow -----------------------------------------------------------------------------


def bare_cycles(count: int, *, user: Any) -> dict[str, Any]:
    """`count` bare processes started and their review completed. The task history the project
    keeps for every viewflow task (simple-history on `Task`) is off: the bare flow is viewflow
    alone."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        warm = bare_start(subject="warm-up")
        bare_complete(task=bare_review_task(warm), user=user)
        pks = []
        with measured() as run:
            for number in range(count):
                process = bare_start(subject=f"bench {number}")
                bare_complete(task=bare_review_task(process), user=user)
                pks.append(process.pk)
    done = Process.objects.filter(pk__in=pks, status=PROCESS.DONE).count()
    return {
        "nominations": count,
        "completed": done,
        "seconds": run.seconds,
        "per_second": count / run.seconds if run.seconds else None,
        "statements": run.statements,
        "statements_per_nomination": run.statements / count if count else None,
    }


def bare_actions(*, user: Any, repeat: int = 3) -> dict[str, dict[str, Any]]:
    """Statements of the bare flow's start, claim and completion, each counted on its own."""
    runs: dict[str, list[Measured]] = {"start": [], "claim": [], "approve": []}
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for number in range(repeat):
            with measured() as run:
                process = bare_start(subject=f"actions {number}")
            runs["start"].append(run)
            task = bare_review_task(process)
            with measured() as run:
                bare_claim(task=task, user=user)
            runs["claim"].append(run)
            with measured() as run:
                bare_complete(task=task, user=user)
            runs["approve"].append(run)
    return {action: _counts(action_runs) for action, action_runs in runs.items()}


def _counts(runs: list[Measured]) -> dict[str, Any]:
    """The last repetition's statements (caches warm), with the range over all of them."""
    counts = [r.statements for r in runs]
    return {
        "statements": counts[-1],
        "statements_all": counts,
        "seconds": runs[-1].seconds,
    }


# --- the nomination flow -----------------------------------------------------------------------


def _council_vote(world: World, nominations: list[Nomination]) -> dict[str, list[Measured]]:
    """One session: plan, put every nomination on the agenda, open, everyone present, everyone
    votes yes on every item, close."""
    runs: dict[str, list[Measured]] = {}
    secretary = world.secretary
    with measured() as run:
        session = council_session_create(
            actor=secretary,
            council=world.council,
            title="Phiên họp xét khen thưởng (đo kiểm)",
            scheduled_at=timezone.now(),
        )
    runs["session_create"] = [run]
    _items, runs["agenda_add"] = _each(
        nominations,
        lambda n: agenda_item_add(actor=secretary, session=session, nomination=n),
    )
    with measured() as run:
        session = council_session_open(actor=secretary, session=session)
    runs["session_open"] = [run]
    _rows, runs["attendance"] = _each(
        world.members,
        lambda u: attendance_record(
            actor=secretary, session=session, member=world.member_seats[u.pk], present=True
        ),
    )
    items = list(AgendaItem.objects.filter(session=session).select_related("session"))
    ballots = [(item, user) for item in items for user in world.members]
    _votes, runs["vote"] = _each(
        ballots, lambda ballot: vote_cast(actor=ballot[1], item=ballot[0], choice="yes")
    )
    with measured() as run:
        council_session_close(actor=secretary, session=session)
    runs["session_close"] = [run]
    return runs


def _decide(
    *, drafter: Any, signer: Any, unit: Any, nominations: list[Nomination]
) -> dict[str, list[Measured]]:
    fresh = list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]))
    with measured() as run:
        decision = decision_draft(
            actor=drafter,
            deciding_unit=unit,
            title="Quyết định khen thưởng năm 2025 (đo kiểm)",
            nominations=fresh,
        )
    draft_run = run
    with measured() as run:
        decision_issue(actor=signer, decision=decision, signed_on=timezone.localdate())
    return {"decision_draft": [draft_run], "decision_issue": [run]}


def project_cycles(world: World, drafts: list[Nomination]) -> dict[str, Any]:
    """The full cycle of every draft: one submission each, two reviews each, one council
    session and one decision for them all."""
    phases: dict[str, list[Measured]] = {}
    with measured() as total:
        submitted, phases["submit"] = _each(
            drafts, lambda n: nomination_submit(actor=world.clerk, nomination=n)
        )
        at_province, phases["district_approve"] = _each(
            submitted,
            lambda n: nomination_review(
                actor=world.district_reviewer, nomination=n, outcome="approved"
            ),
        )
        at_council, phases["province_approve"] = _each(
            at_province,
            lambda n: nomination_review(
                actor=world.province_reviewer, nomination=n, outcome="approved"
            ),
        )
        phases.update(_council_vote(world, at_council))
        phases.update(
            _decide(
                drafter=world.secretary,
                signer=world.signer,
                unit=world.province,
                nominations=at_council,
            )
        )
    count = len(drafts)
    awarded = Nomination.objects.filter(pk__in=[n.pk for n in drafts], status=S.AWARDED).count()
    return {
        "nominations": count,
        "completed": awarded,
        "seconds": total.seconds,
        "per_second": count / total.seconds if total.seconds else None,
        "statements": total.statements,
        "statements_per_nomination": total.statements / count if count else None,
        "phases": {name: _phase(runs) for name, runs in phases.items()},
    }


def project_actions(world: World, *, repeat: int = 2) -> dict[str, dict[str, Any]]:
    """Each action of the nomination flow counted on its own, `repeat` times.

    Per repetition: a draft is submitted (start), its review task taken by the district
    reviewer (claim) and approved (approve), approved by the province, voted by the council
    (vote: one member's vote) and decided alone (decide: the draft and the issue of a decision
    of one nomination); a second draft is submitted and returned by the district (return)."""
    runs: dict[str, list[Measured]] = {
        action: [] for action in ("start", "claim", "approve", "return", "vote", "decide")
    }
    for _ in range(repeat):
        first, second = dossier_make(world), dossier_make(world)
        with measured() as run:
            first = nomination_submit(actor=world.clerk, nomination=first)
        runs["start"].append(run)
        second = nomination_submit(actor=world.clerk, nomination=second)
        task = open_task(first, "review")
        assert task is not None
        with measured() as run:
            task_claim(actor=world.district_reviewer, task=task)
        runs["claim"].append(run)
        with measured() as run:
            first = nomination_review(
                actor=world.district_reviewer, nomination=first, outcome="approved"
            )
        runs["approve"].append(run)
        with measured() as run:
            nomination_review(
                actor=world.district_reviewer, nomination=second, outcome="returned", reason=REASON
            )
        runs["return"].append(run)
        first = nomination_review(
            actor=world.province_reviewer, nomination=first, outcome="approved"
        )
        runs["vote"].append(_council_vote(world, [first])["vote"][-1])
        decided = _decide(
            drafter=world.secretary, signer=world.signer, unit=world.province, nominations=[first]
        )
        draft_run, issue_run = decided["decision_draft"][0], decided["decision_issue"][0]
        runs["decide"].append(
            Measured(
                seconds=draft_run.seconds + issue_run.seconds,
                statements=draft_run.statements + issue_run.statements,
            )
        )
    return {action: _counts(action_runs) for action, action_runs in runs.items()}


# --- one decision over many --------------------------------------------------------------------


def awaiting_decision_generated(world: World, count: int) -> tuple[Any, Any, list[Nomination]]:
    """`count` generated nominations waiting for the decision of one unit (the unit with the
    most of them), with a signer of that unit made for the purpose; no nominations if no unit
    has that many (they must have their decision task open and be in no decision yet)."""
    waiting = Nomination.objects.filter(
        status=S.AWAITING_DECISION, decision_item__isnull=True, deciding_unit__isnull=False
    ).exclude(nominating_unit__code__startswith="BW")
    busiest = (
        waiting.values("deciding_unit").annotate(n=Count("pk")).order_by("-n", "deciding_unit")
    ).first()
    if busiest is None or busiest["n"] < count:
        return None, None, []
    unit = Unit.objects.get(pk=busiest["deciding_unit"])
    chosen = list(waiting.filter(deciding_unit=unit).order_by("pk")[:count])
    system = system_user()
    signer = user_create(
        actor=system,
        username=f"bw{world.tag}-signer-{unit.pk}",
        home_unit=unit,
        full_name="Bench signer",
    )
    role_grant(actor=system, user=signer, role=Role.SIGNER, unit=unit)
    return unit, signer, chosen


def awaiting_decision_make(world: World, count: int) -> list[Nomination]:
    """`count` grassroots titles submitted and approved by the union's reviewer: each waits
    for the union's decision."""
    ready = []
    for _ in range(count):
        nomination = nomination_submit(
            actor=world.clerk, nomination=dossier_make(world, voted=False)
        )
        ready.append(
            nomination_review(actor=world.union_reviewer, nomination=nomination, outcome="approved")
        )
    return ready


def big_decision(*, unit: Any, signer: Any, nominations: list[Nomination]) -> dict[str, Any]:
    """One decision of `unit` over all of `nominations`: drafted by its signer, then issued."""
    runs = _decide(drafter=signer, signer=signer, unit=unit, nominations=nominations)
    draft, issue = runs["decision_draft"][0], runs["decision_issue"][0]
    count = len(nominations)
    awarded = Nomination.objects.filter(
        pk__in=[n.pk for n in nominations], status=S.AWARDED
    ).count()
    seconds = draft.seconds + issue.seconds
    statements = draft.statements + issue.statements
    return {
        "nominations": count,
        "awarded": awarded,
        "unit": str(unit),
        "seconds": seconds,
        "statements": statements,
        "statements_per_nomination": statements / count if count else None,
        "draft": _one(draft),
        "issue": _one(issue),
    }


def decision_over_many(world: World, count: int) -> dict[str, Any]:
    """(d): on generated nominations if one unit has enough waiting; otherwise on nominations
    made through the services in the bench world (about half a second each to make). If the
    checks refuse the decision on generated data (its draft stays), the refusal is reported and
    the decision made again on the bench world's."""
    refused = ""
    with measured() as setup:
        unit, signer, nominations = awaiting_decision_generated(world, count)
    if nominations:
        try:
            result = big_decision(unit=unit, signer=signer, nominations=nominations)
            result.update(source="generated data", setup_seconds=setup.seconds)
            return result
        except DomainError as exc:
            rules = sorted({str(c.get("rule")) for c in exc.details.get("checks", [])})
            refused = f"refused on the generated data ({exc.code}: {', '.join(rules)}); "
    with measured() as setup:
        nominations = awaiting_decision_make(world, count)
    result = big_decision(unit=world.union, signer=world.union_signer, nominations=nominations)
    result.update(source=f"{refused}made through the services", setup_seconds=setup.seconds)
    return result
