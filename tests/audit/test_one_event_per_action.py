"""Issue 6, "done when": each action writes exactly one event of its type, with the right actor,
role and unit, in the same transaction as the change; a refused action writes none.

Each case runs one service on a prepared nomination (or role) and reads the events written
while it ran. The refused variant runs the same service as someone without the right (another
province's reviewer, a clerk of another unit) and must leave both the data and the log as they
were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction

from audit.models import AuditEvent, EventType
from common.exceptions import DomainError
from nominations.models import Nomination
from nominations.services import (
    check_override,
    nomination_create,
    nomination_review,
    nomination_submit,
    nomination_withdraw,
)
from organizations.models import Role, RoleAssignment
from organizations.services import role_grant, role_revoke
from tests.factories import PersonFactory, UserFactory
from tests.nominations.conftest import REFERENCE_DATE, award


@dataclass(frozen=True)
class Case:
    event: str
    actor: str  # the fixture acting
    role: str
    unit: str  # the tree unit the actor acts from
    act: Callable[[Any, Any, Any], Any]  # (world, actor, subject) -> result
    refused_by: str  # a fixture without the right
    prepare: Callable[[Any], Any] = lambda w: w.ready  # the subject, before the action


def _create(w, actor, _subject):
    return nomination_create(
        actor=actor,
        nominating_unit=w.tree.cdcs_a1x,
        nominee_person=PersonFactory(unit=w.tree.cdcs_a1x),
        award_type=award("bang-khen-ldld"),
        year=2025,
        reference_date=REFERENCE_DATE,
    )


def _submit(w, actor, nomination):
    return nomination_submit(actor=actor, nomination=nomination)


def _submitted(w):
    return nomination_submit(actor=w.clerk, nomination=w.ready)


def _review(outcome):
    def act(w, actor, nomination):
        return nomination_review(
            actor=actor, nomination=nomination, outcome=outcome, reason="Thiếu tài liệu."
        )

    return act


def _withdraw(w, actor, nomination):
    return nomination_withdraw(actor=actor, nomination=nomination, reason="Đơn vị rút hồ sơ.")


def _grant(w, actor, _subject):
    return role_grant(actor=actor, user=w.newcomer, role=Role.REVIEWER, unit=w.tree.province_a)


def _assignment(w):
    return RoleAssignment.objects.get(user=w.reviewer, unit=w.tree.province_a)


def _revoke(w, actor, assignment):
    return role_revoke(actor=actor, assignment=assignment, reason="Chuyển công tác.")


def _undocumented(w):
    """The ready draft without its dossier: DOS-01 blocks it."""
    w.ready.attachments.all().delete()
    return w.ready


def _override(w, actor, nomination):
    return check_override(
        actor=actor,
        nomination=nomination,
        rule_id="DOS-01",
        justification="Bản gốc đã nộp trực tiếp tại văn phòng.",
    )


C, R, A = Role.CLERK, Role.REVIEWER, Role.ADMIN
CASES = {
    "created": Case(EventType.NOMINATION_CREATED, "clerk", C, "cdcs_a1x", _create, "reviewer_b"),
    "submitted": Case(
        EventType.NOMINATION_SUBMITTED, "clerk", C, "cdcs_a1x", _submit, "district_clerk"
    ),
    "returned": Case(
        EventType.NOMINATION_RETURNED,
        "district_reviewer",
        R,
        "district_a1",
        _review("returned"),
        "reviewer_b",
        _submitted,
    ),
    "approved": Case(
        EventType.NOMINATION_APPROVED,
        "district_reviewer",
        R,
        "district_a1",
        _review("approved"),
        "reviewer_b",
        _submitted,
    ),
    "rejected": Case(
        EventType.NOMINATION_REJECTED,
        "district_reviewer",
        R,
        "district_a1",
        _review("rejected"),
        "reviewer_b",
        _submitted,
    ),
    "withdrawn": Case(
        EventType.NOMINATION_WITHDRAWN, "clerk", C, "cdcs_a1x", _withdraw, "reviewer_b", _submitted
    ),
    "override": Case(
        EventType.CHECK_OVERRIDDEN,
        "local_reviewer",
        R,
        "cdcs_a1x",
        _override,
        "reviewer_b",
        _undocumented,
    ),
    "role granted": Case(EventType.ROLE_GRANTED, "unit_admin", A, "province_a", _grant, "reviewer"),
    "role revoked": Case(
        EventType.ROLE_REVOKED, "unit_admin", A, "province_a", _revoke, "reviewer_b", _assignment
    ),
}


@pytest.fixture
def world(tree, ready, clerk, district_clerk, district_reviewer, reviewer, reviewer_b, unit_admin):
    from tests.nominations.conftest import actor_at

    return SimpleNamespace(
        tree=tree,
        ready=ready,
        clerk=clerk,
        district_clerk=district_clerk,
        district_reviewer=district_reviewer,
        reviewer=reviewer,
        reviewer_b=reviewer_b,
        unit_admin=unit_admin,
        local_reviewer=actor_at("local_reviewer", Role.REVIEWER, tree.cdcs_a1x),
        newcomer=UserFactory(username="newcomer", home_unit=tree.province_a),
    )


def _written_since(seq_floor: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=seq_floor).select_related("actor", "actor_unit"))


def _floor() -> int:
    last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    return last or 0


@pytest.mark.parametrize("name", list(CASES))
def test_each_action_writes_exactly_one_event_with_actor_role_and_unit(world, name):
    # given
    case = CASES[name]
    actor = getattr(world, case.actor)
    subject = case.prepare(world)
    floor = _floor()

    # when
    case.act(world, actor, subject)

    # then: one event of the action's type among those written, by the actor, as its role,
    # from its unit (a step may also record what it set off, e.g. the workflow's next task)
    written = _written_since(floor)
    mine = [e for e in written if e.event_type == case.event]
    assert len(mine) == 1, [e.event_type for e in written]
    event = mine[0]
    assert event.actor == actor
    assert event.actor_role.startswith(case.role)
    assert event.actor_unit == getattr(world.tree, case.unit)


@pytest.mark.parametrize("name", list(CASES))
def test_a_refused_action_changes_nothing_and_writes_no_event(world, name):
    # given
    case = CASES[name]
    outsider = getattr(world, case.refused_by)
    subject = case.prepare(world)
    nominations = list(Nomination.objects.values_list("pk", "status", "return_count"))
    roles = list(RoleAssignment.objects.filter(revoked_at__isnull=True).values_list("pk"))
    floor = _floor()

    # when
    with pytest.raises(DomainError):
        case.act(world, outsider, subject)

    # then: no event at all, and nothing the action would have changed
    assert _written_since(floor) == []
    assert list(Nomination.objects.values_list("pk", "status", "return_count")) == nominations
    assert list(RoleAssignment.objects.filter(revoked_at__isnull=True).values_list("pk")) == roles


def test_the_event_is_written_in_the_actions_transaction(world):
    # given
    floor = _floor()

    # when the transaction the action ran in is rolled back after it
    with pytest.raises(RuntimeError), transaction.atomic():
        nomination_submit(actor=world.clerk, nomination=world.ready)
        raise RuntimeError("the caller fails after the service")

    # then neither the change nor its event is kept
    world.ready.refresh_from_db()
    assert world.ready.status == "draft"
    assert _written_since(floor) == []
