"""Fixtures for the admin tests: people with every kind of record on both sides of the tree."""

import datetime
from dataclasses import dataclass

import pytest

from awards.models import AwardQuota, AwardTopic, BaseSalary
from organizations.models import Person
from tests.factories import (
    AnnualRatingFactory,
    AwardDocumentRequirementFactory,
    AwardRecordFactory,
    AwardTypeFactory,
    DisciplinarySanctionFactory,
    InitiativeFactory,
    PendingCaseFactory,
    PersonFactory,
    ServicePeriodFactory,
)


@dataclass
class Sample:
    people_a: list[Person]
    person_b: Person
    award_type: object


def _person_with_records(unit, deciding_unit):
    person = PersonFactory(unit=unit)
    AnnualRatingFactory(person=person, year=2024)
    InitiativeFactory(person=person)
    ServicePeriodFactory(person=person, unit=unit)
    DisciplinarySanctionFactory(person=person)
    PendingCaseFactory(person=person)
    AwardRecordFactory(person=person, deciding_unit=deciding_unit)
    return person


@pytest.fixture
def sample(tree, unit_admin):
    """Three people of province A and one of province B, each with one record of every kind,
    and a small catalogue (one version, award type, topic, requirement, quota, base salary)."""
    people_a = [
        _person_with_records(unit, tree.province_a)
        for unit in (tree.cdcs_a1x, tree.cdcs_a1y, tree.cdcs_a2x)
    ]
    person_b = _person_with_records(tree.cdcs_b1x, tree.province_b)
    AnnualRatingFactory(person=None, unit=tree.cdcs_a1x, year=2024)
    award_type = AwardTypeFactory()
    AwardDocumentRequirementFactory(award_type=award_type)
    topic = AwardTopic.objects.create(
        regulation=award_type.regulation, code="atvsld", name="ATVSLĐ"
    )
    AwardQuota.objects.create(award_type=award_type, scope="national", limit_count=10, topic=topic)
    BaseSalary.objects.get_or_create(
        effective_from=datetime.date(2024, 7, 1), defaults={"amount_vnd": 2_340_000}
    )
    return Sample(people_a=people_a, person_b=person_b, award_type=award_type)
