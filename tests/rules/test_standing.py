"""Sanctions, pending cases, membership, transfers, training, incidents and who may receive an
award."""

import pytest

from awards.rules.facts import (
    IncidentFact,
    MembershipFact,
    PendingCaseFact,
    PersonFacts,
    SanctionFact,
    TrainingFact,
    UnitFacts,
)
from awards.rules.result import Outcome
from awards.rules.types.standing import (
    MembershipParams,
    NoIncidentParams,
    NoPendingCaseParams,
    NoSanctionParams,
    RecipientKindParams,
    TrainingYearParams,
    TransferCommentsParams,
    check_membership,
    check_no_incident,
    check_no_pending_case,
    check_no_sanction,
    check_recipient_kind,
    check_training_year,
    check_transfer_comments,
)
from tests.rules.builders import REFERENCE_DATE, D, case, person, unit

PASSED, FAILED, INFO = Outcome.PASSED, Outcome.FAILED, Outcome.INFO


# --- sanctions and pending cases (KNC-03, KNC-04) ---------------------------------------------


@pytest.mark.parametrize(
    ("sanction", "outcome"),
    [
        (SanctionFact(start=D(2025, 1, 1), end=D(2025, 10, 31)), PASSED),  # ended the day before
        (SanctionFact(start=D(2025, 1, 1), end=REFERENCE_DATE), FAILED),  # ends that day
        (SanctionFact(start=REFERENCE_DATE, end=D(2026, 1, 1)), FAILED),  # starts that day
        (SanctionFact(start=D(2025, 11, 2), end=D(2026, 1, 1)), PASSED),  # not yet
        (SanctionFact(start=D(2020, 1, 1)), FAILED),  # never lifted
    ],
)
def test_no_sanction_in_force_boundaries(sanction, outcome):
    assert check_no_sanction(person(sanctions=(sanction,)), NoSanctionParams()).outcome is outcome


@pytest.mark.parametrize(
    ("case_", "params", "outcome"),
    [
        (PendingCaseFact(kind="complaint", opened_on=D(2025, 5, 1)), NoPendingCaseParams(), FAILED),
        (
            PendingCaseFact(kind="complaint", opened_on=D(2025, 5, 1), resolved_on=REFERENCE_DATE),
            NoPendingCaseParams(),
            PASSED,
        ),
        (
            PendingCaseFact(kind="complaint", opened_on=D(2025, 5, 1), resolved_on=D(2025, 11, 2)),
            NoPendingCaseParams(),
            FAILED,
        ),
        (
            PendingCaseFact(kind="complaint", opened_on=D(2025, 11, 2)),
            NoPendingCaseParams(),
            PASSED,
        ),
        (
            PendingCaseFact(kind="complaint", opened_on=D(2025, 5, 1)),
            NoPendingCaseParams(kinds=("disciplinary_review",)),
            PASSED,
        ),
    ],
)
def test_no_pending_case_table(case_, params, outcome):
    assert check_no_pending_case(person(pending_cases=(case_,)), params).outcome is outcome


# --- membership (LDST-01, NVL-01) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "requires", "outcome"),
    [
        ({"is_union_member": True}, "union_member", PASSED),
        ({"is_union_member": False}, "union_member", FAILED),
        ({"is_union_member": True}, "union_official", FAILED),
        ({"is_union_member": True, "is_union_official": True}, "union_official", PASSED),
    ],
)
def test_membership_table(flags, requires, outcome):
    assert check_membership(person(**flags), MembershipParams(requires=requires)).outcome is outcome


# --- transfer during the year (TRANS-01) --------------------------------------------------------


@pytest.mark.parametrize(
    ("old_end", "comments", "outcome"),
    [
        (D(2025, 6, 30), False, FAILED),  # 1 January – 30 June: six months
        (D(2025, 6, 29), False, PASSED),  # a day short of six months
        (D(2025, 6, 30), True, PASSED),
        (D(2024, 12, 31), False, PASSED),  # moved before the year
    ],
)
def test_transfer_comments_six_months_boundary(old_end, comments, outcome):
    # given
    facts = person(
        memberships=(
            MembershipFact(unit="OLD", start=D(2019, 3, 1), end=old_end, comments_on_file=comments),
            MembershipFact(unit="NEW", start=old_end),
        )
    )

    # when / then
    assert check_transfer_comments(facts, TransferCommentsParams()).outcome is outcome


# --- training (TRAIN-01) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("training", "outcome", "treatment"),
    [
        (
            TrainingFact(start=D(2024, 9, 1), end=D(2025, 8, 31), result="good"),
            INFO,
            "advanced_worker",
        ),
        (TrainingFact(start=D(2024, 9, 1), end=D(2025, 8, 30), result="good"), INFO, "work_time"),
        (
            TrainingFact(start=D(2024, 9, 1), end=D(2025, 8, 31), result="average"),
            INFO,
            "not_counted",
        ),
        (TrainingFact(start=D(2022, 9, 1), end=D(2023, 8, 31), result="good"), PASSED, None),
    ],
)
def test_training_year_is_information_only(training, outcome, treatment):
    # given / when
    result = check_training_year(person(trainings=(training,)), TrainingYearParams())

    # then
    assert result.outcome is outcome
    found = result.facts["trainings"]
    assert (found[0]["treatment"] if found else None) == treatment


# --- incidents (XSD-01) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incident", "outcome"),
    [
        (IncidentFact(kind="fatal_accident", date=D(2025, 3, 1)), FAILED),
        (IncidentFact(kind="fire", date=D(2025, 12, 31)), FAILED),
        (IncidentFact(kind="fatal_accident", date=D(2024, 12, 31)), PASSED),
    ],
)
def test_no_incident_in_the_year(incident, outcome):
    assert check_no_incident(unit(incidents=(incident,)), NoIncidentParams()).outcome is outcome


# --- who may receive the award (BKCD-03) --------------------------------------------------------

TOPIC_BK_1689 = RecipientKindParams(individuals=True, unit_kinds=("cdcs", "nghiep-doan"))


@pytest.mark.parametrize(
    ("nominee", "params", "outcome"),
    [
        (PersonFacts(), TOPIC_BK_1689, PASSED),
        (UnitFacts(kind="cdcs"), TOPIC_BK_1689, PASSED),
        (UnitFacts(kind="ldld-huyen"), TOPIC_BK_1689, FAILED),  # 1689 dropped upper grassroots
        (
            UnitFacts(kind="ldld-huyen"),
            RecipientKindParams(individuals=True, unit_kinds=("cdcs", "ldld-huyen")),  # 2106
            PASSED,
        ),
        (PersonFacts(), RecipientKindParams(unit_kinds=("cdcs",)), FAILED),
    ],
)
def test_recipient_kind_table(nominee, params, outcome):
    assert check_recipient_kind(case(nominee), params).outcome is outcome
