"""Checking is bounded (issue 5 §5): the facts are loaded once, then the rules run in memory, so
one nomination costs the same queries with 5 rules or with 40 (or 80), and a batch costs the same
whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import AwardRule, CheckStep
from nominations.checks import checks_evaluate
from nominations.services import nomination_create
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    InitiativeFactory,
    PersonFactory,
    ServicePeriodFactory,
)
from tests.nominations.conftest import REFERENCE_DATE, award

# One nomination, whatever the rules: the nominations, the pack, the overrides, and one query
# per table the rules read (ratings, initiatives, records, pending nominations, cited
# initiatives, memberships, service, sanctions, cases, the tree, the quota counts, the dossier,
# the council) and the names they mention.
MAX_QUERIES = 25


def queries_of(nominations, step=CheckStep.SUBMIT):
    with CaptureQueriesContext(connection) as captured:
        evaluated = checks_evaluate(nominations, step)
    assert len(evaluated) == len(nominations)
    return len(captured)


def pack_999():
    return AwardRule.objects.filter(regulation__code="TLD-999-2024")


def run_everywhere(rules):
    """Every rule of the pack runs on every nomination, at every step."""
    for rule in rules:
        rule.award_codes, rule.nominees = [], "any"
        rule.steps = [CheckStep.SUBMIT, CheckStep.REVIEW, CheckStep.COUNCIL, CheckStep.DECISION]
        rule.enabled = True
        rule.save()


def with_records(person):
    for year in (2024, 2025):
        AnnualRatingFactory(person=person, year=year)
        InitiativeFactory(person=person, year=year)
    AwardRecordFactory(person=person, unit=None, award_code="bang-khen-ldld", year=2024)
    ServicePeriodFactory(person=person)
    return person


def nominations_of(clerk, tree, count):
    return [
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=with_records(PersonFactory(unit=tree.cdcs_a1x)),
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
        for _ in range(count)
    ]


@pytest.fixture
def one(reference_data, tree, clerk):
    (nomination,) = nominations_of(clerk, tree, 1)
    return nomination


def test_one_nomination_costs_the_same_with_5_40_or_80_rules(one):
    # given a pack of 5 rules that run on it
    rules = list(pack_999().order_by("rule_id"))
    pack_999().update(enabled=False)
    run_everywhere(rules[:5])
    with_5 = queries_of([one])

    # when the whole pack (40) runs on it, then twice as many rules
    run_everywhere(rules)
    with_40 = queries_of([one])
    for rule in rules:
        rule.pk = None
        rule.rule_id = f"{rule.rule_id}-bis"
        rule.save()
    assert pack_999().filter(enabled=True).count() == 80
    with_80 = queries_of([one])

    # then the same bound; more rules add no query
    assert with_5 <= MAX_QUERIES
    assert with_40 <= MAX_QUERIES
    assert with_80 == with_40


def test_a_batch_costs_the_same_whatever_its_size(reference_data, tree, clerk):
    # given the whole pack running on every nomination
    run_everywhere(pack_999())
    batch = nominations_of(clerk, tree, 30)

    # when 5, then 30 nominations are checked together
    few = queries_of(batch[:5], CheckStep.REVIEW)
    many = queries_of(batch, CheckStep.REVIEW)

    # then
    assert many == few <= MAX_QUERIES
    # and every nomination got all 40 rules and the built-in dossier check
    evaluated = checks_evaluate(batch, CheckStep.REVIEW)
    assert {len(checks.results) for checks in evaluated.values()} == {41}
