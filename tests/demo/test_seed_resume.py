"""Seeding a database that is not empty: a run that stopped half-way, demo data changed since.

Seeds a part of the tree (two schools of Đại Lộc, with the teacher who moved between them) to
stay fast; the logic is the same for the whole plan.
"""

import datetime

import pytest

from accounts.selectors import system_user
from awards.models import AwardRecord
from demo import services
from demo.plan import plan_part
from organizations.models import AnnualRating, Initiative, Person, RoleAssignment, Unit
from organizations.services import unit_dissolve

PART = {"TLD", "QNA", "QNA-DLO", "QNA-DLO-LTK", "QNA-DLO-NTR"}


class Interrupted(Exception):
    pass


def _interrupt_after(monkeypatch, calls):
    """Make the seed fail at its `calls`-th record, as a crash or Ctrl+C would."""
    real = services.record_create
    made = []

    def record_create(**kwargs):
        if len(made) == calls:
            raise Interrupted
        made.append(kwargs["model"])
        return real(**kwargs)

    monkeypatch.setattr(services, "record_create", record_create)


def test_seed_completes_a_run_that_stopped_half_way(db, monkeypatch):
    # given a run that stopped in the middle of the people
    plan = plan_part(PART)
    system = system_user()
    _interrupt_after(monkeypatch, calls=40)
    with pytest.raises(Interrupted):
        services.demo_seed(actor=system, plan=plan)
    monkeypatch.undo()
    assert 0 < Person.objects.count() < len(plan.people)

    # when
    services.demo_seed(actor=system, plan=plan)

    # then everything of the plan is there, once
    assert Unit.objects.count() == len(plan.units)
    assert sorted(Person.objects.values_list("code", flat=True)) == sorted(
        p.code for p in plan.people
    )
    assert AnnualRating.objects.filter(person__isnull=False).count() == sum(
        len(p.ratings) for p in plan.people
    )
    assert Initiative.objects.count() == sum(len(p.initiatives) for p in plan.people)
    assert AwardRecord.objects.count() == sum(len(p.awards) for p in plan.people) + sum(
        len(c.awards) for c in plan.collectives
    )
    assert Person.objects.get(full_name="Phan Thị Mỹ Linh").memberships.count() == 2


def test_seed_needs_a_system_administrator(db, tree, reviewer):
    from common.exceptions import DomainPermissionError

    with pytest.raises(DomainPermissionError):
        services.demo_seed(actor=reviewer, plan=plan_part(PART))


def test_seed_skips_and_reports_what_a_dissolved_unit_no_longer_allows(db):
    # given the district seeded without its schools, then dissolved (as in the 2025 reform)
    system = system_user()
    services.demo_seed(actor=system, plan=plan_part({"TLD", "QNA", "QNA-DLO"}))
    unit_dissolve(
        actor=system,
        unit=Unit.objects.get(code="QNA-DLO"),
        on=datetime.date(2025, 7, 1),
        reason="Sắp xếp tổ chức công đoàn năm 2025",
    )

    # when the seed runs for the district with its schools
    result = services.demo_seed(actor=system, plan=plan_part(PART))

    # then the schools and their people are skipped, with the reason, instead of failing
    skipped = dict(result.skipped)
    assert {"QNA-DLO-LTK", "QNA-DLO-NTR"} <= set(skipped)
    assert all(reason for reason in skipped.values())
    assert not Unit.objects.filter(code__in=["QNA-DLO-LTK", "QNA-DLO-NTR"]).exists()
    assert result.created["people"] == 0
    # and the district reviewer, whose role ended with the district, is left as it is
    assert not RoleAssignment.objects.filter(
        user__username="demo-reviewer-huyen", revoked_at__isnull=True
    ).exists()
