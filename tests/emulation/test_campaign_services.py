"""Campaigns: drafted, shaped while a draft (phases, indicators, planned awards, reporting
calendar), launched, put in progress and closed, by the launching unit's staff only; every
write leaves its history and an audit event."""

import datetime
from decimal import Decimal

import pytest

from audit.models import AuditEvent, EventType
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from emulation.choices import CampaignScope, CampaignStatus, Measure, ReportingKind, Rollup
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import Campaign, CampaignPhase, PlannedAward, TargetIndicator
from emulation.services import (
    campaign_close,
    campaign_create,
    campaign_launch,
    campaign_phase_remove,
    campaign_phase_save,
    campaign_start,
    campaign_update,
    planned_award_remove,
    planned_award_save,
    reporting_period_remove,
    reporting_period_save,
    target_indicator_remove,
    target_indicator_save,
)
from tests.factories import AwardTypeFactory

from .conftest import YEAR


def events(event_type, obj=None):
    qs = AuditEvent.objects.filter(event_type=event_type)
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk))
    return qs


def test_launching_units_staff_drafts_a_campaign_with_history_and_audit(tree, reviewer):
    # when
    campaign = campaign_create(
        actor=reviewer,
        launching_unit=tree.province_a,
        name="  Phát động thi đua năm 2025 ",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        plan_number="05/KH-LĐLĐ",
        scope=CampaignScope.CHOSEN_UNITS,
        participants=[tree.district_a1, tree.cdcs_a2x],
    )

    # then
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.name == "Phát động thi đua năm 2025"
    assert set(campaign.participants.all()) == {tree.district_a1, tree.cdcs_a2x}
    event = events(EventType.CAMPAIGN_CREATED, campaign).get()
    assert (event.actor, event.actor_role, event.actor_unit_id) == (
        reviewer,
        "reviewer",
        tree.province_a.pk,
    )
    assert event.changes["participants"][1] == sorted([tree.district_a1.pk, tree.cdcs_a2x.pk])
    assert {h.history_user for h in campaign.history.all()} == {reviewer}


def test_a_campaign_is_drafted_only_by_the_launching_units_own_staff(
    tree, clerk, reviewer_b, auditor
):
    for outsider in (clerk, reviewer_b, auditor):
        with pytest.raises(DomainPermissionError):
            campaign_create(
                actor=outsider,
                launching_unit=tree.province_a,
                name="Phong trào",
                starts_on=datetime.date(YEAR, 1, 1),
                ends_on=datetime.date(YEAR, 12, 31),
            )
    assert not Campaign.objects.exists()


def test_the_units_administrator_may_run_its_campaigns(tree, unit_admin):
    campaign = campaign_create(
        actor=unit_admin,
        launching_unit=tree.district_a1,
        name="Thi đua huyện A1",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
    )

    assert campaign.launching_unit == tree.district_a1


def test_chosen_units_must_be_under_the_launching_unit(tree, reviewer):
    with pytest.raises(DomainValidationError) as error:
        campaign_create(
            actor=reviewer,
            launching_unit=tree.province_a,
            name="Phong trào",
            starts_on=datetime.date(YEAR, 1, 1),
            ends_on=datetime.date(YEAR, 12, 31),
            scope=CampaignScope.CHOSEN_UNITS,
            participants=[tree.cdcs_b1x, tree.province_a],
        )

    assert error.value.code == Code.PARTICIPANT_OUTSIDE_SUBTREE
    assert len(error.value.details["participants"]) == 2


def test_a_campaign_cannot_end_before_it_starts(tree, reviewer):
    with pytest.raises(DomainValidationError) as error:
        campaign_create(
            actor=reviewer,
            launching_unit=tree.province_a,
            name="Phong trào",
            starts_on=datetime.date(YEAR, 12, 31),
            ends_on=datetime.date(YEAR, 1, 1),
        )

    assert error.value.code == Code.DATES_OUT_OF_ORDER


def test_the_fixture_campaign_is_shaped_like_the_tuyen_quang_plan(draft_campaign):
    assert list(draft_campaign.indicators.values_list("code", flat=True)) == [
        "doan-vien-moi",
        "cdcs-vung-manh",
        "gia-dinh-van-hoa",
        "quy-mai-am",
    ]
    assert draft_campaign.phases.count() == 2
    assert events(EventType.TARGET_INDICATOR_SAVED).count() == 4
    assert events(EventType.REPORTING_PERIOD_SAVED).count() == 2


def test_launch_opens_registration_and_freezes_who_takes_part(draft_campaign, reviewer, tree):
    # when
    campaign = campaign_launch(actor=reviewer, campaign=draft_campaign)

    # then
    assert campaign.status == CampaignStatus.LAUNCHED
    assert campaign.launched_at is not None
    assert events(EventType.CAMPAIGN_LAUNCHED, campaign).get().changes["status"] == [
        "draft",
        "launched",
    ]
    with pytest.raises(DomainConflict) as error:
        campaign_update(actor=reviewer, campaign=campaign, participants=[tree.district_a1])
    assert error.value.code == Code.CAMPAIGN_NOT_DRAFT
    with pytest.raises(DomainConflict):
        campaign_launch(actor=reviewer, campaign=campaign)


def test_launching_a_campaign_for_chosen_units_needs_units(tree, reviewer):
    campaign = campaign_create(
        actor=reviewer,
        launching_unit=tree.province_a,
        name="Phong trào chuyên đề",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        scope=CampaignScope.CHOSEN_UNITS,
    )

    with pytest.raises(DomainValidationError) as error:
        campaign_launch(actor=reviewer, campaign=campaign)

    assert error.value.code == Code.NO_PARTICIPANTS
    assert Campaign.objects.get().status == CampaignStatus.DRAFT


def test_a_launched_campaign_can_still_be_renamed_and_its_deadline_moved(campaign, reviewer):
    # when
    campaign = campaign_update(
        actor=reviewer,
        campaign=campaign,
        name="Phát động thi đua năm 2025 (sửa đổi)",
        registration_deadline=datetime.date(YEAR, 3, 15),
        reason="Gia hạn đăng ký theo đề nghị của các huyện",
    )

    # then
    event = events(EventType.CAMPAIGN_UPDATED, campaign).get()
    assert event.changes["registration_deadline"] == ["2025-02-28", "2025-03-15"]
    assert event.reason == "Gia hạn đăng ký theo đề nghị của các huyện"
    assert campaign.history.first().registration_deadline == datetime.date(YEAR, 3, 15)


def test_the_period_cannot_shrink_below_its_phases(campaign, reviewer):
    with pytest.raises(DomainValidationError) as error:
        campaign_update(actor=reviewer, campaign=campaign, ends_on=datetime.date(YEAR, 9, 30))

    assert error.value.code == Code.OUTSIDE_CAMPAIGN_PERIOD


def test_start_then_close_and_nothing_after(campaign, reviewer):
    campaign = campaign_start(actor=reviewer, campaign=campaign)
    assert campaign.status == CampaignStatus.IN_PROGRESS

    campaign = campaign_close(actor=reviewer, campaign=campaign, note="Tổng kết năm 2025")
    assert (campaign.status, campaign.closing_note) == (CampaignStatus.CLOSED, "Tổng kết năm 2025")
    assert events(EventType.CAMPAIGN_CLOSED, campaign).get().reason == "Tổng kết năm 2025"

    with pytest.raises(DomainConflict) as error:
        campaign_update(actor=reviewer, campaign=campaign, name="Đổi tên")
    assert error.value.code == Code.CAMPAIGN_CLOSED
    with pytest.raises(DomainConflict):
        campaign_start(actor=reviewer, campaign=campaign)


# --- what a draft holds --------------------------------------------------------------------------


def test_phases_lie_within_the_campaign_and_have_distinct_numbers(draft_campaign, reviewer):
    with pytest.raises(DomainValidationError) as outside:
        campaign_phase_save(
            actor=reviewer,
            campaign=draft_campaign,
            number=3,
            name="Đợt 3",
            starts_on=datetime.date(YEAR, 12, 1),
            ends_on=datetime.date(YEAR + 1, 1, 31),
        )
    with pytest.raises(DomainValidationError) as duplicate:
        campaign_phase_save(
            actor=reviewer,
            campaign=draft_campaign,
            number=2,
            name="Đợt 2 bis",
            starts_on=datetime.date(YEAR, 7, 1),
            ends_on=datetime.date(YEAR, 7, 31),
        )

    assert outside.value.code == Code.OUTSIDE_CAMPAIGN_PERIOD
    assert duplicate.value.code == Code.DUPLICATE_CODE


def test_a_phase_is_changed_and_removed_while_a_draft(draft_campaign, reviewer):
    phase = draft_campaign.phases.get(number=2)

    # when
    changed = campaign_phase_save(
        actor=reviewer,
        campaign=draft_campaign,
        phase=phase,
        number=2,
        name="Đợt 2: chào mừng Đại hội",
        starts_on=datetime.date(YEAR, 7, 1),
        ends_on=datetime.date(YEAR, 12, 31),
    )
    campaign_phase_remove(actor=reviewer, phase=changed, reason="Gộp vào đợt 1")

    # then
    assert not CampaignPhase.objects.filter(pk=phase.pk).exists()
    assert [h.history_type for h in CampaignPhase.history.filter(id=phase.pk)] == ["-", "~", "+"]
    assert events(EventType.CAMPAIGN_PHASE_REMOVED, draft_campaign).get().reason == "Gộp vào đợt 1"


def test_a_phase_with_a_reporting_period_stays(draft_campaign, reviewer):
    with pytest.raises(DomainConflict) as error:
        campaign_phase_remove(actor=reviewer, phase=draft_campaign.phases.get(number=1))

    assert error.value.code == Code.IN_USE


def test_indicators_have_unique_codes_and_a_share_needs_a_unit_threshold(draft_campaign, reviewer):
    common = {
        "actor": reviewer,
        "campaign": draft_campaign,
        "name": "Chỉ tiêu",
        "measure": Measure.YES_NO,
        "target_value": Decimal(100),
    }
    with pytest.raises(DomainValidationError) as duplicate:
        target_indicator_save(code="doan-vien-moi", **common)
    with pytest.raises(DomainValidationError) as threshold:
        target_indicator_save(code="moi", rollup=Rollup.SHARE_MEETING, **common)

    assert duplicate.value.code == Code.DUPLICATE_CODE
    assert threshold.value.code == Code.SHARE_NEEDS_THRESHOLD


def test_indicators_change_only_while_a_draft(campaign, reviewer):
    indicator = campaign.indicators.get(code="doan-vien-moi")

    with pytest.raises(DomainConflict) as error:
        target_indicator_save(
            actor=reviewer,
            campaign=campaign,
            indicator=indicator,
            code="doan-vien-moi",
            name="Số đoàn viên mới",
            measure=Measure.COUNT,
            target_value=Decimal(1500),
        )
    with pytest.raises(DomainConflict):
        target_indicator_remove(actor=reviewer, indicator=indicator)

    assert error.value.code == Code.CAMPAIGN_NOT_DRAFT
    assert TargetIndicator.objects.get(pk=indicator.pk).target_value == Decimal(2000)


def test_an_indicator_is_removed_with_its_record(draft_campaign, reviewer):
    indicator = draft_campaign.indicators.get(code="quy-mai-am")

    target_indicator_remove(actor=reviewer, indicator=indicator, reason="Không áp dụng năm nay")

    assert not TargetIndicator.objects.filter(pk=indicator.pk).exists()
    assert events(EventType.TARGET_INDICATOR_REMOVED).get().changes["indicator"] == [
        "quy-mai-am",
        None,
    ]


def test_planned_awards_count_each_award_once(draft_campaign, reviewer):
    award = AwardTypeFactory(name="Cờ thi đua của LĐLĐ tỉnh")

    planned = planned_award_save(
        actor=reviewer, campaign=draft_campaign, award_type=award, planned_count=3
    )
    planned = planned_award_save(
        actor=reviewer,
        campaign=draft_campaign,
        award_type=award,
        planned_count=5,
        planned_award=planned,
    )
    with pytest.raises(DomainValidationError) as error:
        planned_award_save(
            actor=reviewer, campaign=draft_campaign, award_type=award, planned_count=1
        )

    assert planned.planned_count == 5
    assert error.value.code == Code.DUPLICATE_PLANNED_AWARD
    assert events(EventType.PLANNED_AWARD_SAVED).count() == 2
    planned_award_remove(actor=reviewer, planned_award=planned)
    assert not PlannedAward.objects.exists()


def test_a_phase_report_names_its_phase_and_others_do_not(draft_campaign, reviewer):
    with pytest.raises(DomainValidationError) as error:
        reporting_period_save(
            actor=reviewer,
            campaign=draft_campaign,
            kind=ReportingKind.HALF_YEAR,
            phase=draft_campaign.phases.get(number=2),
            name="6 tháng cuối năm",
            starts_on=datetime.date(YEAR, 7, 1),
            ends_on=datetime.date(YEAR, 12, 31),
            due_on=datetime.date(YEAR, 12, 20),
        )

    assert error.value.code == Code.PHASE_FOR_PHASE_REPORTS


def test_after_launch_a_report_due_date_may_be_extended_but_not_the_period(
    campaign, reviewer, year_period
):
    # when the due date moves
    moved = reporting_period_save(
        actor=reviewer,
        campaign=campaign,
        period=year_period,
        kind=year_period.kind,
        name=year_period.name,
        starts_on=year_period.starts_on,
        ends_on=year_period.ends_on,
        due_on=datetime.date(YEAR, 12, 28),
        reason="Lùi hạn báo cáo năm",
    )

    # then
    assert moved.due_on == datetime.date(YEAR, 12, 28)
    assert events(EventType.REPORTING_PERIOD_SAVED, moved).last().changes["due_on"] == [
        "2025-12-20",
        "2025-12-28",
    ]
    with pytest.raises(DomainConflict):
        reporting_period_save(
            actor=reviewer,
            campaign=campaign,
            period=year_period,
            kind=year_period.kind,
            name=year_period.name,
            starts_on=datetime.date(YEAR, 2, 1),
            ends_on=year_period.ends_on,
            due_on=year_period.due_on,
        )
    with pytest.raises(DomainConflict):
        reporting_period_remove(actor=reviewer, period=year_period)
