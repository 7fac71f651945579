"""Emulation data written straight to the tables, for tests that need a state (a registration
filed on a given day, a cluster with members) rather than the services that lead to it."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.selectors import system_user
from emulation.choices import (
    CampaignStatus,
    ClusterKind,
    Measure,
    RegistrationStatus,
    ReportingKind,
    Rollup,
    ScoringMethod,
)
from emulation.models import (
    AgreementIndicator,
    AgreementSignature,
    Campaign,
    CampaignPhase,
    Cluster,
    ClusterAgreement,
    ClusterMembership,
    ProgressReport,
    Registration,
    ReportingPeriod,
    ReportValue,
    TargetIndicator,
)


def local_noon(day: datetime.date) -> datetime.datetime:
    """Midday of `day` in the project's time zone: a submission time on that local date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class CampaignFactory(factory.django.DjangoModelFactory):
    """A launched yearly campaign of 2025; pass launching_unit=..."""

    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Phong trào thi đua năm 2025 số {n}")
    theme = "Năm vì lợi ích đoàn viên"
    plan_number = factory.Sequence(lambda n: f"{n:02d}/KH-LĐLĐ")
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 12, 31)
    status = CampaignStatus.LAUNCHED
    registration_deadline = datetime.date(2025, 2, 28)
    created_by = factory.LazyFunction(system_user)


class CampaignPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPhase

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda p: f"Đợt {p.number}")
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 6, 30)


class TargetIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetIndicator

    campaign = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"chi-tieu-{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu số {n}")
    measure = Measure.COUNT
    target_value = Decimal(100)
    rollup = Rollup.SUM


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    campaign = factory.SubFactory(CampaignFactory)
    kind = ReportingKind.HALF_YEAR
    name = "Báo cáo 6 tháng đầu năm 2025"
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 6, 30)
    due_on = datetime.date(2025, 7, 15)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A unit's registration for 2025; pass campaign=, unit= and submitted_on=."""

    class Meta:
        model = Registration
        exclude = ("submitted_on",)

    campaign = factory.SubFactory(CampaignFactory)
    year = 2025
    status = RegistrationStatus.SUBMITTED
    reviewing_unit = factory.LazyAttribute(lambda r: r.unit.parent)
    submitted_on = datetime.date(2025, 2, 10)
    submitted_at = factory.LazyAttribute(lambda r: local_noon(r.submitted_on))
    submitted_by = factory.LazyFunction(system_user)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A unit's report; pass period=, unit= and submitted_on=."""

    class Meta:
        model = ProgressReport
        exclude = ("submitted_on",)

    period = factory.SubFactory(ReportingPeriodFactory)
    submitted_on = datetime.date(2025, 7, 10)
    submitted_at = factory.LazyAttribute(lambda r: local_noon(r.submitted_on))
    submitted_by = factory.LazyFunction(system_user)


class ReportValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportValue

    report = factory.SubFactory(ProgressReportFactory)
    indicator = factory.SubFactory(TargetIndicatorFactory)
    value = Decimal(0)


class ClusterFactory(factory.django.DjangoModelFactory):
    """A cluster; pass parent_unit= (and members=[units] to add them from its formation)."""

    class Meta:
        model = Cluster
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    kind = ClusterKind.REGION
    formed_on = datetime.date(2024, 1, 1)
    created_by = factory.LazyFunction(system_user)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            for unit in extracted:
                ClusterMembership.objects.create(cluster=obj, unit=unit, joined_on=obj.formed_on)


class ClusterAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterAgreement

    cluster = factory.SubFactory(ClusterFactory)
    year = 2025
    title = factory.LazyAttribute(lambda a: f"Giao ước thi đua {a.cluster.name} năm {a.year}")
    created_by = factory.LazyFunction(system_user)


class AgreementIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementIndicator

    agreement = factory.SubFactory(ClusterAgreementFactory)
    code = factory.Sequence(lambda n: f"tieu-chi-{n}")
    name = factory.Sequence(lambda n: f"Tiêu chí số {n}")
    max_points = Decimal(10)
    scoring_method = ScoringMethod.ASSESSED


class AgreementSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementSignature

    agreement = factory.SubFactory(ClusterAgreementFactory)
    signed_on = datetime.date(2025, 1, 20)
    recorded_by = factory.LazyFunction(system_user)
