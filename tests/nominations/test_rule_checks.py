"""The rule packs applied to real nominations (issue 5 §2, §3): the pack in force at the
nomination's reference date, representative rules of the QĐ 1689 pack read from the database,
stored runs, overrides and their lapse, re-checking."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from awards.models import AwardRule, CheckStep
from common.exceptions import (
    DomainConflict,
    DomainNotFound,
    DomainPermissionError,
    DomainRefusal,
    DomainValidationError,
)
from nominations.checks import checks_for_step
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import CheckOverride, CheckRun, NominationStatus
from nominations.services import (
    check_override,
    nomination_checks_run,
    nomination_create,
    nomination_submit,
)
from organizations.models import Rating, Role
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    InitiativeFactory,
    PersonFactory,
    ServicePeriodFactory,
)
from tests.nominations.conftest import actor_at, award, complete_dossier

# A day when QĐ 1689/QĐ-TLĐ (2019) was the union's catalogue; QĐ 999 came into force 29/5/2024.
IN_1689 = datetime.date(2023, 11, 15)
IN_999 = datetime.date(2025, 11, 15)


def by_rule(results):
    return {result.rule: result for result in results}


def nominate(clerk, person, *, code="bang-khen-tld", on=IN_1689, year=None, unit=None, **fields):
    nomination = nomination_create(
        actor=clerk,
        nominating_unit=unit or person.memberships.get().unit,
        nominee_person=person,
        award_type=award(code, on),
        year=year or on.year,
        reference_date=on,
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
        **fields,
    )
    complete_dossier(clerk, nomination)
    return nomination


@pytest.fixture
def person(tree):
    return PersonFactory(unit=tree.cdcs_a1x, full_name="Trần Văn Bình")


@pytest.fixture
def qualified(person):
    """Meets Bằng khen TLĐ art. 14 for 2023: two years HTXSNV, two initiatives, the provincial
    Bằng khen in 2022."""
    for year in (2022, 2023):
        AnnualRatingFactory(person=person, year=year, rating=Rating.EXCELLENT)
        InitiativeFactory(person=person, year=year)
    AwardRecordFactory(person=person, unit=None, award_code="bang-khen-ldld", year=2022)
    return person


@pytest.fixture
def local_reviewer(tree):
    """A reviewer of the nominating grassroots union: may override what blocks its drafts."""
    return actor_at("local_reviewer", Role.REVIEWER, tree.cdcs_a1x)


# --- the pack shipped, and the one in force ---------------------------------------------------


def test_the_1689_pack_is_loaded_and_999_starts_as_its_copy_running_as_warnings(reference_data):
    v1689 = AwardRule.objects.filter(regulation__code="TLD-1689-2019")
    v999 = AwardRule.objects.filter(regulation__code="TLD-999-2024")

    assert v1689.count() == v999.count() == 40  # §E but REV-01 (an action) and DOS-01 (built in)
    assert set(v1689.values_list("rule_id", flat=True)) == set(
        v999.values_list("rule_id", flat=True)
    )
    assert not v999.exclude(confidence="uncertain").exists()
    bktld = v1689.get(rule_id="BKTLD-01")
    assert (bktld.award_codes, bktld.nominees, bktld.confidence) == (
        ["bang-khen-tld"],
        "individuals",
        "verified",
    )
    assert bktld.params == {"years": 2, "min_rating": "HTXSNV"}
    assert bktld.citation == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.1"


def test_a_nomination_under_1689_is_blocked_by_its_verified_rules(clerk, person):
    # given a nominee without the two years of HTXSNV, the initiatives or the provincial award
    nomination = nominate(clerk, person)

    # when
    results = by_rule(checks_for_step(nomination, step=CheckStep.SUBMIT))

    # then the three criteria of art. 14 block, each naming its citation and what is missing
    assert {r for r, result in results.items() if result.blocks} == {
        "BKTLD-01",
        "BKTLD-02",
        "BKTLD-03",
    }
    assert results["BKTLD-01"].citation == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.1"
    assert results["BKTLD-01"].hint
    assert results["BKTLD-01"].facts["years"] == {"2022": None, "2023": None}
    assert results["DOS-01"].outcome == "passed"
    # only rules for this award and step run: no medal, quota or council rule
    assert not {"KNC-01", "BKCD-01", "HD-01", "VOTE-02"} & set(results)


def test_the_same_nomination_under_999_only_warns_until_its_rules_are_verified(clerk, person):
    # given the same nominee proposed in 2025, under QĐ 999 (its pack copied, uncertain)
    nomination = nominate(clerk, person, on=IN_999)

    # when
    results = by_rule(checks_for_step(nomination, step=CheckStep.SUBMIT))

    # then the rule fails but warns only
    assert results["BKTLD-01"].outcome == "failed"
    assert results["BKTLD-01"].severity == "warn"
    assert not any(result.blocks for result in results.values())

    # when an administrator verifies BKTLD-01 in the 999 pack
    AwardRule.objects.filter(regulation__code="TLD-999-2024", rule_id="BKTLD-01").update(
        confidence="verified"
    )

    # then it blocks 2025 nominations, and 2023 ones keep the 1689 pack
    assert by_rule(checks_for_step(nomination, step=CheckStep.SUBMIT))["BKTLD-01"].blocks


def test_a_qualified_nominee_passes_every_rule_of_the_1689_pack(clerk, qualified):
    nomination = nominate(clerk, qualified)

    results = checks_for_step(nomination, step=CheckStep.SUBMIT)

    assert not [r.rule for r in results if r.outcome == "failed" and r.blocking]
    assert by_rule(results)["BKTLD-03"].facts["found"][0]["year"] == 2022


def test_bktld_01_counts_the_proposal_year_and_the_year_before(clerk, qualified):
    # given 2022 rated only HTTNV
    qualified.ratings.filter(year=2022).update(rating=Rating.GOOD)
    nomination = nominate(clerk, qualified)

    result = by_rule(checks_for_step(nomination, step=CheckStep.SUBMIT))["BKTLD-01"]

    assert result.blocks
    assert result.facts["years"] == {"2022": "HTTNV", "2023": "HTXSNV"}


def test_dup_02_blocks_an_initiative_already_cited_by_a_pending_nomination(
    clerk, qualified, district_reviewer
):
    # given a first nomination citing an initiative, submitted and pending
    initiative = qualified.initiatives.get(year=2023)
    first = nominate(clerk, qualified, code="bang-khen-ldld", initiatives=[initiative])
    nomination_submit(actor=clerk, nomination=first)

    # when a second one cites the same initiative
    second = nominate(clerk, qualified, initiatives=[initiative])
    result = by_rule(checks_for_step(second, step=CheckStep.SUBMIT))["DUP-02"]

    # then
    assert result.blocks
    assert f"initiative:{initiative.pk}" in result.facts["reused"]


def test_knc_01_sees_the_former_medal_by_its_name_and_warns_as_a_historical_rule(clerk, person):
    # given the former Huy chương, recorded by name only, and 25 years of service
    AwardRecordFactory(
        person=person,
        unit=None,
        award_name="Huy chương Vì sự nghiệp xây dựng tổ chức Công đoàn",
        year=2010,
    )
    ServicePeriodFactory(
        person=person, started_on=datetime.date(1998, 1, 1), ended_on=datetime.date(2023, 1, 1)
    )
    nomination = nominate(clerk, person, code="ky-niem-chuong")

    results = by_rule(checks_for_step(nomination, step=CheckStep.SUBMIT))

    assert results["KNC-01"].outcome == "failed"
    assert (results["KNC-01"].severity, results["KNC-01"].blocks) == ("warn", False)
    assert results["KNC-02"].outcome == "passed"  # 25 effective years
    assert results["KNC-03"].outcome == "passed"


def test_bkcd_01_counts_the_topic_nominations_of_the_province(clerk, tree, reference_data):
    # given four topic nominations of province A already submitted for the same topic
    topic_award = award("bang-khen-chuyen-de-tld", IN_1689)
    topic = topic_award.topics.get(code="van-hoa-the-thao")
    people = [PersonFactory(unit=tree.cdcs_a1x) for _ in range(5)]
    for person in people[:4]:
        nomination_submit(
            actor=clerk,
            nomination=nominate(clerk, person, code="bang-khen-chuyen-de-tld", topic=topic),
        )

    # when a fifth is checked
    fifth = nominate(clerk, people[4], code="bang-khen-chuyen-de-tld", topic=topic)
    result = by_rule(checks_for_step(fifth, step=CheckStep.SUBMIT))["BKCD-01"]

    # then it would be the 5th of at most 4
    assert result.blocks
    assert (result.facts["others"], result.facts["this_one"], result.facts["limit"]) == (4, 5, 4)


# --- runs on record -------------------------------------------------------------------------------


def test_a_refused_submit_keeps_the_run_and_names_the_rules_and_citations(clerk, person):
    nomination = nominate(clerk, person)

    with pytest.raises(DomainRefusal) as refusal:
        nomination_submit(actor=clerk, nomination=nomination)

    blocked = {check["rule"]: check for check in refusal.value.details["checks"]}
    assert set(blocked) == {"BKTLD-01", "BKTLD-02", "BKTLD-03"}
    assert blocked["BKTLD-02"]["citation"] == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.1"
    run = CheckRun.objects.get(nomination=nomination)
    assert (run.step, run.passed, run.actor, run.regulation.code) == (
        "submit",
        False,
        clerk,
        "TLD-1689-2019",
    )
    stored = {result["rule"]: result for result in run.results}
    assert stored["BKTLD-01"]["facts"]["needed"] == 2
    assert stored["DOS-01"]["outcome"] == "passed"
    event = AuditEvent.objects.get(
        event_type=EventType.CHECKS_BLOCKED, object_id=str(nomination.pk)
    )
    assert event.changes["check_run"] == run.pk


def test_every_step_keeps_what_its_checks_saw(clerk, qualified, district_reviewer):
    nomination = nominate(clerk, qualified, code="bang-khen-ldld")

    nomination = nomination_submit(actor=clerk, nomination=nomination)
    from nominations.services import nomination_review

    nomination_review(actor=district_reviewer, nomination=nomination, outcome="approved")

    runs = list(CheckRun.objects.filter(nomination=nomination).order_by("at", "pk"))
    assert [(run.step, run.passed, run.actor) for run in runs] == [
        ("submit", True, clerk),
        ("review", True, district_reviewer),
    ]


def test_re_checking_keeps_a_run_for_any_reader_and_not_outside_the_scope(
    clerk, person, reviewer, reviewer_b
):
    nomination = nominate(clerk, person)

    run = nomination_checks_run(actor=reviewer, nomination=nomination)

    assert (run.step, run.passed, run.actor) == ("submit", False, reviewer)
    with pytest.raises(DomainNotFound):
        nomination_checks_run(actor=reviewer_b, nomination=nomination)


# --- overrides ----------------------------------------------------------------------------------


def test_a_reviewer_overrides_a_block_with_a_justification_and_the_step_goes_on(
    clerk, person, local_reviewer
):
    # given a nominee who meets everything but the provincial award of 2022
    for year in (2022, 2023):
        AnnualRatingFactory(person=person, year=year)
        InitiativeFactory(person=person, year=year)
    nomination = nominate(clerk, person)

    # when a reviewer of the nominating unit overrides BKTLD-03
    override = check_override(
        actor=local_reviewer,
        nomination=nomination,
        rule_id="BKTLD-03",
        justification="Bằng khen LĐLĐ năm 2022 đã có quyết định, đang cập nhật vào hệ thống.",
    )

    # then the override and its audit event are on record
    assert (override.rule_id, override.step, override.overridden_by) == (
        "BKTLD-03",
        "submit",
        local_reviewer,
    )
    event = AuditEvent.objects.get(event_type=EventType.CHECK_OVERRIDDEN)
    assert event.reason.startswith("Bằng khen LĐLĐ năm 2022")
    assert event.changes["rule"] == "BKTLD-03"
    assert event.changes["citation"] == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"
    # and the rule no longer blocks: the nomination is submitted, the run shows the override
    submitted = nomination_submit(actor=clerk, nomination=nomination)
    assert submitted.status == NominationStatus.IN_REVIEW
    run = CheckRun.objects.get(nomination=nomination, step="submit", passed=True)
    stored = {result["rule"]: result for result in run.results}
    assert stored["BKTLD-03"]["overridden"]["justification"] == override.justification
    assert stored["BKTLD-03"]["blocks"] is False


def test_an_override_lapses_when_what_the_rule_saw_changes(clerk, person, local_reviewer):
    nomination = nominate(clerk, person)
    check_override(
        actor=local_reviewer,
        nomination=nomination,
        rule_id="BKTLD-01",
        justification="Xếp loại 2022, 2023 đang chờ quyết định.",
    )
    assert not by_rule(checks_for_step(nomination, step="submit"))["BKTLD-01"].blocks

    # when the nominee's records change (a rating of 2023 is entered, still not enough)
    AnnualRatingFactory(person=person, year=2023, rating=Rating.GOOD)

    # then the rule blocks again, and says the earlier override no longer holds
    result = by_rule(checks_for_step(nomination, step="submit"))["BKTLD-01"]
    assert result.blocks
    assert result.override_lapsed


@pytest.mark.parametrize(
    ("who", "rule_id", "justification", "error"),
    [
        ("clerk", "BKTLD-01", "Lý do", DomainPermissionError),
        ("local_reviewer", "BKTLD-01", "   ", DomainValidationError),
        ("local_reviewer", "DOS-01", "Lý do", DomainConflict),  # the dossier is complete
        ("local_reviewer", "KNC-01", "Lý do", DomainConflict),  # not a rule of this award
    ],
)
def test_an_override_needs_the_role_a_justification_and_a_rule_that_blocks(
    request, clerk, person, local_reviewer, who, rule_id, justification, error
):
    nomination = nominate(clerk, person)

    with pytest.raises(error) as refused:
        check_override(
            actor=request.getfixturevalue(who),
            nomination=nomination,
            rule_id=rule_id,
            justification=justification,
        )

    if error is DomainValidationError:
        assert refused.value.code == Code.JUSTIFICATION_REQUIRED
    assert not CheckOverride.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.CHECK_OVERRIDDEN).exists()


def test_the_council_secretary_overrides_a_block_at_the_council_step(
    council, at_council, council_secretary, system
):
    from django.utils import timezone

    from awards.models import AwardDocumentRequirement, DossierDocumentType
    from awards.services import catalogue_save
    from nominations.services import agenda_item_add, council_session_create

    meeting = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))

    # given the award now requires a document the dossier lacks: DOS-01 blocks the agenda
    catalogue_save(
        actor=system,
        instance=AwardDocumentRequirement(
            award_type=at_council.award_type,
            document_type=DossierDocumentType.objects.get(code="xac-nhan-sang-kien"),
        ),
    )
    session = council_session_create(
        actor=council_secretary, council=council, title="Phiên họp", scheduled_at=meeting
    )
    with pytest.raises(DomainRefusal):
        agenda_item_add(actor=council_secretary, session=session, nomination=at_council)

    # when the council's secretary overrides it (the province's reviewer may too)
    override = check_override(
        actor=council_secretary,
        nomination=at_council,
        rule_id="DOS-01",
        justification="Giấy xác nhận sáng kiến đã nộp bản giấy tại phiên họp.",
    )

    # then the nomination goes on the agenda, and the run shows the override
    assert (override.step, override.actor_role) == ("council", Role.COUNCIL_SECRETARY)
    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    assert item.nomination_id == at_council.pk
    run = CheckRun.objects.filter(nomination=at_council, step="council").latest("at", "pk")
    assert run.passed
    assert {r["rule"]: r for r in run.results}["DOS-01"]["overridden"]["by_id"] == (
        council_secretary.pk
    )
