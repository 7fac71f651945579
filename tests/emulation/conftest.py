"""Fixtures for the emulation tests: the tree of tests/conftest.py, a provincial campaign in the
shape of the Tuyên Quang 2017 plan, the staff that runs and files it, and a cluster of the
district federations of province A.

    LĐLĐ tỉnh A launches a 2025 campaign for its district federations and grassroots unions:
    district_a1, district_a2 (level "cấp trên cơ sở"), cdcs_a1x, cdcs_a1y, cdcs_a2x ("cơ sở").
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from emulation.choices import Direction, Measure, ReportingKind, Rollup
from emulation.services import (
    campaign_create,
    campaign_launch,
    campaign_phase_save,
    reporting_period_save,
    target_indicator_save,
)
from organizations.models import Role
from tests.factories import RoleAssignmentFactory, UserFactory, level

YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "minh-chung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def actor_at(username: str, role: str, unit):
    user = UserFactory(username=username, home_unit=unit)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def district_a2_clerk(tree):
    return actor_at("district_a2_clerk", Role.CLERK, tree.district_a2)


@pytest.fixture
def clerk_a1y(tree):
    return actor_at("clerk_a1y", Role.CLERK, tree.cdcs_a1y)


@pytest.fixture
def clerk_a2x(tree):
    return actor_at("clerk_a2x", Role.CLERK, tree.cdcs_a2x)


@pytest.fixture
def clerk_b1x(tree):
    return actor_at("clerk_b1x", Role.CLERK, tree.cdcs_b1x)


@pytest.fixture
def draft_campaign(tree, reviewer):
    """A draft 2025 campaign of province A with four indicators, two phases, two reports."""
    campaign = campaign_create(
        actor=reviewer,
        launching_unit=tree.province_a,
        name="Phát động thi đua năm 2025",
        theme="Năm vì lợi ích đoàn viên",
        plan_number="05/KH-LĐLĐ",
        plan_date=datetime.date(2025, 2, 7),
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        participant_levels=[level("cap-tren-co-so"), level("co-so")],
        registration_deadline=datetime.date(YEAR, 2, 28),
    )
    for number, code, name, measure, rollup, target, direction, unit_level, threshold in [
        (
            1,
            "doan-vien-moi",
            "Số đoàn viên phát triển mới",
            Measure.COUNT,
            Rollup.SUM,
            2000,
            Direction.AT_LEAST,
            "cap-tren-co-so",
            None,
        ),
        (
            2,
            "cdcs-vung-manh",
            "Tỷ lệ CĐCS đạt tiêu chuẩn vững mạnh",
            Measure.YES_NO,
            Rollup.SHARE_MEETING,
            80,
            Direction.MORE_THAN,
            "co-so",
            Decimal(1),
        ),
        (
            3,
            "gia-dinh-van-hoa",
            "Tỷ lệ gia đình CNVCLĐ đạt danh hiệu Gia đình văn hóa",
            Measure.PERCENT,
            Rollup.AVERAGE,
            90,
            Direction.AT_LEAST,
            "co-so",
            None,
        ),
        (
            4,
            "quy-mai-am",
            "Vận động Quỹ Mái ấm Công đoàn",
            Measure.MONEY,
            Rollup.SUM,
            700_000_000,
            Direction.AT_LEAST,
            "cap-tren-co-so",
            None,
        ),
    ]:
        target_indicator_save(
            actor=reviewer,
            campaign=campaign,
            code=code,
            name=name,
            measure=measure,
            rollup=rollup,
            target_value=Decimal(target),
            direction=direction,
            level=level(unit_level),
            unit_threshold=threshold,
            sort_order=number,
        )
    first = campaign_phase_save(
        actor=reviewer,
        campaign=campaign,
        number=1,
        name="Đợt 1",
        theme="Mừng Đảng, mừng xuân",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 6, 30),
    )
    campaign_phase_save(
        actor=reviewer,
        campaign=campaign,
        number=2,
        name="Đợt 2",
        starts_on=datetime.date(YEAR, 7, 1),
        ends_on=datetime.date(YEAR, 12, 31),
    )
    reporting_period_save(
        actor=reviewer,
        campaign=campaign,
        kind=ReportingKind.PHASE,
        phase=first,
        name="Báo cáo đợt 1 (6 tháng)",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 6, 30),
        due_on=datetime.date(YEAR, 7, 15),
    )
    reporting_period_save(
        actor=reviewer,
        campaign=campaign,
        kind=ReportingKind.YEAR,
        name="Báo cáo năm 2025",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        due_on=datetime.date(YEAR, 12, 20),
    )
    return campaign


@pytest.fixture
def campaign(draft_campaign, reviewer):
    return campaign_launch(actor=reviewer, campaign=draft_campaign)


@pytest.fixture
def half_year(campaign):
    return campaign.reporting_periods.get(kind=ReportingKind.PHASE)


@pytest.fixture
def year_period(campaign):
    return campaign.reporting_periods.get(kind=ReportingKind.YEAR)


# --- a cluster of grassroots unions formed by district A1 ------------------------------------


@pytest.fixture
def cdcs_a1z(tree):
    from tests.factories import UnitFactory

    return UnitFactory(
        code="CDCS-A1Z",
        name="Công đoàn cơ sở Trường THCS A1-Z",
        parent=tree.district_a1,
        headcount=30,
        women_headcount=24,
    )


@pytest.fixture
def clerk_a1z(cdcs_a1z):
    return actor_at("clerk_a1z", Role.CLERK, cdcs_a1z)


@pytest.fixture
def cluster(tree, district_clerk, cdcs_a1z):
    """Cụm thi đua số 1 of district A1: cdcs_a1x, cdcs_a1y and cdcs_a1z since 2024."""
    from emulation.services import cluster_create

    return cluster_create(
        actor=district_clerk,
        parent_unit=tree.district_a1,
        name="Cụm thi đua số 1",
        kind="region",
        formed_on=datetime.date(2024, 1, 1),
        formed_by_decision="12/QĐ-LĐLĐ",
        members=[tree.cdcs_a1x, tree.cdcs_a1y, cdcs_a1z],
    )


@pytest.fixture
def officers(cluster, district_clerk, tree):
    """cdcs_a1y heads the cluster in 2025, cdcs_a1x is its deputy."""
    from emulation.services import cluster_officer_elect

    head = cluster_officer_elect(
        actor=district_clerk,
        cluster=cluster,
        year=YEAR,
        unit=tree.cdcs_a1y,
        position="head",
        method="election",
        chosen_on=datetime.date(2024, 12, 20),
        minutes_number="BB 07/2024",
    )
    deputy = cluster_officer_elect(
        actor=district_clerk,
        cluster=cluster,
        year=YEAR,
        unit=tree.cdcs_a1x,
        position="deputy",
        method="rotation",
        chosen_on=datetime.date(2024, 12, 20),
        minutes_number="BB 07/2024",
    )
    return head, deputy


def agreement_specs():
    from emulation.services import AdjustmentSpec, IndicatorSpec

    indicators = [
        IndicatorSpec(
            code="doan-vien",
            name="Phát triển đoàn viên mới so với chỉ tiêu đăng ký",
            max_points=Decimal(30),
            scoring_method="proportional",
        ),
        IndicatorSpec(
            code="van-hoa",
            name="Tỷ lệ gia đình văn hóa",
            max_points=Decimal(20),
            scoring_method="bands",
            bands=[["70", "10"], ["85", "15"], ["95", "20"]],
        ),
        IndicatorSpec(
            code="hoat-dong",
            name="Tổ chức các hoạt động phong trào",
            max_points=Decimal(50),
            scoring_method="assessed",
        ),
    ]
    adjustments = [
        AdjustmentSpec(
            kind="bonus",
            code="dot-xuat",
            name="Được khen thưởng đột xuất",
            points=Decimal(2),
            max_points=Decimal(4),
        ),
        AdjustmentSpec(kind="penalty", code="vi-pham", name="Báo cáo chậm", points=Decimal(5)),
    ]
    return indicators, adjustments


@pytest.fixture
def agreement(cluster, officers, clerk_a1y):
    """The 2025 agreement, drawn up by the head's clerk: ties go to fewer penalties, then to
    more points on the activities indicator; one leading unit is proposed."""
    from emulation.services import cluster_agreement_create

    indicators, adjustments = agreement_specs()
    return cluster_agreement_create(
        actor=clerk_a1y,
        cluster=cluster,
        year=YEAR,
        title="Giao ước thi đua Cụm số 1 năm 2025",
        indicators=indicators,
        adjustments=adjustments,
        leaders_to_propose=1,
        tie_breaks=["fewer_penalties", "indicator:hoat-dong"],
    )


@pytest.fixture
def signed(agreement, tree, cdcs_a1z, clerk, clerk_a1y, clerk_a1z):
    """Every member signs with its own target of new members: 50, 40 and 60."""
    from emulation.services import agreement_sign

    for actor, unit, target in [
        (clerk, tree.cdcs_a1x, 50),
        (clerk_a1y, tree.cdcs_a1y, 40),
        (clerk_a1z, cdcs_a1z, 60),
    ]:
        agreement_sign(
            actor=actor,
            agreement=agreement,
            unit=unit,
            signed_on=datetime.date(YEAR, 1, 15),
            targets={"doan-vien": Decimal(target)},
        )
    return agreement


def self_assess(actor, agreement, unit, members, culture, activities, **kw):
    from emulation.services import IndicatorScore, score_sheet_submit

    return score_sheet_submit(
        actor=actor,
        agreement=agreement,
        unit=unit,
        scores={
            "doan-vien": IndicatorScore(result=Decimal(members), note="Sổ đoàn viên"),
            "van-hoa": IndicatorScore(result=Decimal(culture)),
            "hoat-dong": IndicatorScore(points=Decimal(activities), note="Báo cáo năm"),
        },
        **kw,
    )


@pytest.fixture
def self_assessed(signed, tree, cdcs_a1z, clerk, clerk_a1y, clerk_a1z):
    """The members' self-assessments:
    A1X 30 + 15 + 48 + bonus 2 = 95; A1Y 30 + 20 + 47 − penalty 5 = 92; A1Z 15 + 10 + 40 = 65."""
    x = self_assess(clerk, signed, tree.cdcs_a1x, 50, 90, 48, adjustments={"dot-xuat": 1})
    y = self_assess(clerk_a1y, signed, tree.cdcs_a1y, 40, 96, 47, adjustments={"vi-pham": 1})
    z = self_assess(clerk_a1z, signed, cdcs_a1z, 30, 80, 40)
    return x, y, z


@pytest.fixture
def checked(self_assessed, clerk, clerk_a1y):
    """The head checks A1X (activities corrected from 48 to 45: 92 in all) and A1Z as claimed;
    the deputy checks the head's own sheet as claimed. A1X and A1Y tie at 92."""
    from emulation.services import IndicatorScore, score_sheet_check

    x, y, z = self_assessed
    x = score_sheet_check(
        actor=clerk_a1y,
        sheet=x,
        scores={"hoat-dong": IndicatorScore(points=Decimal(45), note="Thiếu minh chứng 2 mục")},
    )
    z = score_sheet_check(actor=clerk_a1y, sheet=z)
    y = score_sheet_check(actor=clerk, sheet=y)
    return x, y, z
