"""The full demo seed: the tree, the people and records of the plan, the accounts and their
scope, the history, and a second run that changes nothing.

The seed runs once for this module (conftest.demo_seeded); every test reads it through `demo`.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent, EventType
from audit.selectors import audit_chain_verify
from awards.models import AwardRecord, AwardRecordSource
from common.exceptions import DomainPermissionError
from demo.logins import ACCOUNTS, DEMO_PASSWORD
from demo.plan import RATING_YEARS
from demo.services import demo_seed
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    Membership,
    PendingCase,
    Person,
    RoleAssignment,
    UnionServicePeriod,
    Unit,
)
from organizations.permissions import can_manage_catalogue, can_manage_unit
from organizations.selectors import person_list_visible_to, unit_list_visible_to
from organizations.services import person_create

# The events of nominations, tasks, councils and decisions (the closed list keeps them together).
_EVENTS = list(EventType)
WORKFLOW_EVENTS = set(
    _EVENTS[
        _EVENTS.index(EventType.NOMINATION_CREATED) : _EVENTS.index(EventType.AWARD_REVOKED) + 1
    ]
)
# The events of campaigns, registrations, reports and clusters (demo.emulation).
EMULATION_EVENTS = set(
    _EVENTS[
        _EVENTS.index(EventType.CAMPAIGN_CREATED) : _EVENTS.index(EventType.LEAD_PROPOSAL_RECORDED)
        + 1
    ]
)

SEEDED_MODELS = (
    Unit,
    User,
    RoleAssignment,
    Person,
    Membership,
    AnnualRating,
    Initiative,
    UnionServicePeriod,
    DisciplinarySanction,
    PendingCase,
    AwardRecord,
)


def _subtree(plan, root):
    """The codes of `root` and every unit under it, from the plan."""
    codes = {root}
    for unit in plan.units:  # parents come before children in the plan
        if unit.parent in codes:
            codes.add(unit.code)
    return codes


def _codes(units):
    return set(units.values_list("code", flat=True))


# --- the tree ---------------------------------------------------------------------------------


def test_seed_builds_the_tree_of_the_seed_plans(demo):
    units = {unit.code: unit for unit in Unit.objects.select_related("kind", "parent")}

    # TLĐ at the root, with CĐ Viên chức Việt Nam and two provinces under it
    assert units["TLD"].parent is None
    assert {u.code for u in units.values() if u.parent_id == units["TLD"].pk} == {
        "CDVCVN",
        "QNA",
        "TQU",
    }
    assert units["CDVCVN"].kind.code == "cd-nganh-tw"
    # CĐ Viên chức Việt Nam: its "Công đoàn trực thuộc", each with grassroots unions
    affiliated = [u for u in units.values() if u.parent_id == units["CDVCVN"].pk]
    assert len(affiliated) >= 3
    assert all(u.kind.code == "cd-cap-tren-khac" for u in affiliated)
    assert all(u.children.filter(kind__code="cdcs").exists() for u in affiliated)
    # Quảng Nam: CĐ Viên chức tỉnh and LĐLĐ huyện Đại Lộc, each with several CĐCS
    assert units["QNA-CDVC"].parent == units["QNA"]
    assert units["QNA-DLO"].parent == units["QNA"]
    assert units["QNA-CDVC"].children.filter(kind__code="cdcs").count() >= 3
    assert units["QNA-DLO"].children.filter(kind__code="cdcs").count() >= 5
    # Tuyên Quang: upper-level unions, each with CĐCS
    upper = [u for u in units.values() if u.parent_id == units["TQU"].pk]
    assert len(upper) >= 3
    assert all(u.children.filter(kind__code="cdcs").exists() for u in upper)
    # union groups and CĐ bộ phận inside some grassroots unions
    assert units["QNA-DLO-MAY"].children.filter(kind__code="to-cong-doan").count() == 3
    assert units["CDVCVN-BTP-DHL"].children.filter(kind__code="cd-bo-phan").count() == 2


def test_seed_sets_headcount_women_and_sector_on_grassroots_unions(demo):
    grassroots = Unit.objects.filter(kind__code="cdcs")

    assert not grassroots.filter(headcount__isnull=True).exists()
    assert not grassroots.filter(women_headcount__isnull=True).exists()
    assert grassroots.filter(sector="non_state_enterprise").count() >= 4


# --- people and records -------------------------------------------------------------------------


def test_seed_creates_200_people_with_three_years_of_ratings(demo):
    rated = (
        AnnualRating.objects.filter(person__isnull=False, year__in=RATING_YEARS)
        .values("person")
        .distinct()
    )
    three_years = [
        person_id
        for person_id in rated.values_list("person", flat=True)
        if AnnualRating.objects.filter(person_id=person_id, year__in=RATING_YEARS).count() == 3
    ]

    assert Person.objects.count() >= 200
    assert len(three_years) >= 200
    assert Initiative.objects.values("person").distinct().count() >= 50
    assert (
        AwardRecord.objects.filter(person__isnull=False).values("person").distinct().count() >= 50
    )


def test_seed_writes_exactly_the_plan(demo):
    plan = demo.plan
    people = plan.people

    assert Unit.objects.count() == len(plan.units)
    assert Person.objects.count() == len(people)
    assert AnnualRating.objects.filter(person__isnull=False).count() == sum(
        len(p.ratings) for p in people
    )
    assert AnnualRating.objects.filter(unit__isnull=False).count() == sum(
        len(c.ratings) for c in plan.collectives
    )
    assert Initiative.objects.count() == sum(len(p.initiatives) for p in people)
    assert UnionServicePeriod.objects.count() == sum(len(p.service_periods) for p in people)
    assert DisciplinarySanction.objects.count() == sum(len(p.sanctions) for p in people)
    assert PendingCase.objects.count() == sum(len(p.pending_cases) for p in people)
    # the awards of the people's records; those the demo's workflow decides come on top
    entered = AwardRecord.objects.exclude(source=AwardRecordSource.DECISION)
    assert entered.filter(person__isnull=False).count() == sum(len(p.awards) for p in people)
    assert entered.filter(unit__isnull=False).count() == sum(
        len(c.awards) for c in plan.collectives
    )
    assert demo.created["people"] == len(people)


def test_transferred_teacher_keeps_her_past_membership(demo):
    person = Person.objects.get(full_name="Phan Thị Mỹ Linh")

    memberships = list(
        person.memberships.order_by("started_on").values_list("unit__code", "ended_on")
    )

    assert memberships == [
        ("QNA-DLO-NTR", datetime.date(2024, 8, 14)),
        ("QNA-DLO-LTK", None),
    ]


def test_prior_awards_link_to_the_catalogue_version_in_force_on_their_decision_date(demo):
    awards = AwardRecord.objects.select_related("award_type__regulation")

    for award in awards.exclude(award_type=None):
        version = award.award_type.regulation
        assert version.effective_from <= award.decision_date
        assert version.effective_to is None or award.decision_date <= version.effective_to
        assert award.award_code == award.award_type.code
    # before QĐ 1689/QĐ-TLĐ there is no catalogue: the code alone links the record
    early = awards.filter(decision_date__lt=datetime.date(2019, 11, 12))
    assert early.exists()
    assert not early.exclude(award_type=None).exists()
    assert early.exclude(award_code="").exists()
    assert awards.filter(award_type__regulation__code="TLD-1689-2019").exists()
    assert awards.filter(award_type__regulation__code="TLD-999-2024").exists()
    # the former Huy chương has neither
    medal = awards.get(award_name__startswith="Huy chương")
    assert (medal.award_type, medal.award_code) == (None, "")
    # a topic award carries its topic
    topic_award = awards.get(award_code="bang-khen-chuyen-de-tld")
    assert topic_award.topic.code == "xanh-sach-dep-atvsld"


# --- accounts and scope -------------------------------------------------------------------------


@pytest.mark.parametrize("username", [account.username for account in ACCOUNTS])
def test_every_demo_account_signs_in(demo, client, username):
    # when
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )

    # then
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_demo_accounts_have_a_full_name_a_home_unit_and_their_role_there(demo):
    for account in ACCOUNTS:
        user = User.objects.select_related("home_unit").get(username=account.username)
        assert user.full_name == account.full_name
        assert user.home_unit.code == account.unit
        assert user.role_assignments.filter(
            role=account.role, unit__code=account.unit, revoked_at__isnull=True
        ).exists()
        assert not user.is_superuser and not user.is_staff


def test_demo_clerk_sees_only_its_grassroots_union_and_its_union_groups(demo):
    clerk = User.objects.get(username="demo-clerk")

    units = _codes(unit_list_visible_to(clerk))
    people = set(person_list_visible_to(clerk).values_list("code", flat=True))

    expected = _subtree(demo.plan, "QNA-DLO-MAY")
    assert units == expected
    assert people == {p.code for p in demo.plan.people if p.unit in expected}


def test_provincial_reviewer_sees_its_whole_subtree_and_nothing_else(demo):
    reviewer = User.objects.get(username="demo-reviewer")

    assert _codes(unit_list_visible_to(reviewer)) == _subtree(demo.plan, "QNA")


def test_district_reviewer_sees_only_its_district(demo):
    reviewer = User.objects.get(username="demo-reviewer-huyen")

    assert _codes(unit_list_visible_to(reviewer)) == _subtree(demo.plan, "QNA-DLO")


def test_auditor_reads_the_province_but_cannot_write(demo):
    auditor = User.objects.get(username="demo-auditor")

    assert _codes(unit_list_visible_to(auditor)) == _subtree(demo.plan, "QNA")
    with pytest.raises(DomainPermissionError):
        person_create(
            actor=auditor,
            unit=Unit.objects.get(code="QNA-DLO-LTK"),
            code="THU-KIEM-TRA",
            full_name="Nguyễn Văn Thử",
            gender="male",
            started_on=datetime.date(2026, 1, 1),
        )


def test_unit_admin_administers_tuyen_quang_only(demo):
    admin = User.objects.get(username="demo-admin")

    assert can_manage_unit(admin, Unit.objects.get(code="TQU-SDG"))
    assert not can_manage_unit(admin, Unit.objects.get(code="QNA"))
    assert not can_manage_catalogue(admin)


def test_system_administrator_manages_the_catalogue_without_being_a_superuser(demo):
    sysadmin = User.objects.get(username="demo-sysadmin")

    assert can_manage_catalogue(sysadmin)
    assert not sysadmin.is_superuser
    assert _codes(unit_list_visible_to(sysadmin)) == {unit.code for unit in demo.plan.units}


# --- history and idempotency -------------------------------------------------------------------


def test_history_and_audit_chain_carry_the_system_account(demo):
    usernames = [account.username for account in ACCOUNTS]
    histories = {
        "units": Unit.history.all(),
        "accounts": User.history.filter(username__in=usernames),
        "roles": RoleAssignment.history.all(),
        "people": Person.history.all(),
        "memberships": Membership.history.all(),
        "ratings": AnnualRating.history.all(),
        "initiatives": Initiative.history.all(),
        "awards": AwardRecord.history.exclude(source=AwardRecordSource.DECISION),
    }
    for name, rows in histories.items():
        assert set(rows.values_list("history_user", flat=True)) == {demo.system.pk}, name
    # the workflow's and the emulation's steps are taken by the demo's clerks, reviewers and
    # council, as in real use; everything else is the system account's
    others = AuditEvent.objects.exclude(actor=demo.system)
    assert set(others.values_list("event_type", flat=True)) <= WORKFLOW_EVENTS | EMULATION_EVENTS
    assert audit_chain_verify() is None


def test_second_run_creates_nothing_and_changes_nothing(demo, django_assert_max_num_queries):
    # given
    counts = {model: model.objects.count() for model in SEEDED_MODELS}
    history = {model: model.history.count() for model in SEEDED_MODELS}
    last_event = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()

    # when
    with django_assert_max_num_queries(60):
        result = demo_seed(actor=demo.system)

    # then
    assert not any(result.created.values())
    assert result.skipped == []
    assert {model: model.objects.count() for model in SEEDED_MODELS} == counts
    assert {model: model.history.count() for model in SEEDED_MODELS} == history
    assert AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first() == last_event


def test_seed_demo_command_says_there_is_nothing_left_to_create(demo):
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert "không tạo thêm" in out.getvalue()


def test_demo_logins_command_lists_every_account_with_the_password(demo):
    out = StringIO()
    err = StringIO()

    call_command("demo_logins", stdout=out, stderr=err)

    text = out.getvalue()
    assert DEMO_PASSWORD in text
    assert all(account.username in text for account in ACCOUNTS)
    assert "Thử trước" in text
    assert err.getvalue() == ""
