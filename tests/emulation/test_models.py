"""What the emulation tables promise by themselves: every model keeps its history and its
timestamps, and the database refuses what the invariants forbid."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from common.models import TimeStampedModel
from emulation.models import ClusterMembership, Registration, ReportingPeriod
from tests.factories import (
    CampaignPhaseFactory,
    ClusterFactory,
    RegistrationFactory,
    ReportingPeriodFactory,
)

EMULATION_MODELS = [
    model
    for model in apps.get_app_config("emulation").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", EMULATION_MODELS, ids=lambda m: m.__name__)
def test_every_model_keeps_history_and_timestamps(model):
    assert hasattr(model, "history"), f"{model.__name__} has no history"
    assert issubclass(model, TimeStampedModel)


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_registration_per_unit_campaign_and_year(campaign, tree):
    RegistrationFactory(campaign=campaign, unit=tree.district_a1)

    refused(lambda: RegistrationFactory(campaign=campaign, unit=tree.district_a1))
    # another year is another registration
    RegistrationFactory(campaign=campaign, unit=tree.district_a1, year=2026)
    assert Registration.objects.count() == 2


def test_one_open_membership_per_unit_and_cluster_and_none_ending_before_it_starts(tree):
    cluster = ClusterFactory(parent_unit=tree.district_a1, members=[tree.cdcs_a1x])

    refused(
        lambda: ClusterMembership.objects.create(
            cluster=cluster, unit=tree.cdcs_a1x, joined_on=datetime.date(2025, 1, 1)
        )
    )
    refused(
        lambda: ClusterMembership.objects.create(
            cluster=cluster,
            unit=tree.cdcs_a1y,
            joined_on=datetime.date(2025, 1, 1),
            left_on=datetime.date(2024, 12, 31),
        )
    )


def test_a_phase_report_has_a_phase_and_periods_run_forwards(campaign):
    march = {"starts_on": datetime.date(2025, 3, 1), "ends_on": datetime.date(2025, 3, 31)}

    refused(lambda: ReportingPeriodFactory(campaign=campaign, kind="phase", **march))
    refused(
        lambda: ReportingPeriodFactory(
            campaign=campaign,
            starts_on=datetime.date(2025, 7, 1),
            ends_on=datetime.date(2025, 6, 30),
        )
    )
    refused(lambda: ReportingPeriodFactory(campaign=campaign, kind="year"))  # the same again
    ReportingPeriodFactory(
        campaign=campaign,
        kind="phase",
        phase=CampaignPhaseFactory(campaign=campaign, number=9),
        **march,
    )
    assert ReportingPeriod.objects.filter(campaign=campaign).count() == 3
