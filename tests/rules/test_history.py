"""A prior award required, once in a lifetime, same-year combinations, one reward per
achievement."""

import pytest

from awards.rules.facts import AwardFact, PersonFacts
from awards.rules.result import Outcome
from awards.rules.types.history import (
    AchievementNotReusedParams,
    NeverReceivedParams,
    PriorAwardParams,
    SameYearCombinationParams,
    check_achievement_not_reused,
    check_never_received,
    check_prior_award,
    check_same_year_combination,
)
from tests.rules.builders import case, person

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED

# --- a prior award in the year before (BKTLD-03, XSD-02) ---------------------------------------

BK_LDLD_YEAR_BEFORE = PriorAwardParams(award_codes=("bang-khen-ldld",))
XSD_FLAG_OR_BK = PriorAwardParams(
    award_codes=("co-thi-dua-ldld", "bang-khen-chuyen-de-tld"), topic="xanh-sach-dep-atvsld"
)


def award(code, year, **fields):
    return AwardFact(code=code, year=year, **fields)


@pytest.mark.parametrize(
    ("awards", "params", "outcome"),
    [
        ((award("bang-khen-ldld", 2024),), BK_LDLD_YEAR_BEFORE, PASSED),
        # two years before is not "the year immediately before"
        ((award("bang-khen-ldld", 2023),), BK_LDLD_YEAR_BEFORE, FAILED),
        # the proposal year itself is not the year before either
        ((award("bang-khen-ldld", 2025),), BK_LDLD_YEAR_BEFORE, FAILED),
        ((award("bang-khen-ldld", 2024, revoked=True),), BK_LDLD_YEAR_BEFORE, FAILED),
        ((award("bang-khen-ldld", 2024, pending=True),), BK_LDLD_YEAR_BEFORE, FAILED),
        ((award("giay-khen-cd-cap-tren", 2024),), BK_LDLD_YEAR_BEFORE, FAILED),
        # any of a set of awards, of the right topic
        (
            (award("bang-khen-chuyen-de-tld", 2024, topic="xanh-sach-dep-atvsld"),),
            XSD_FLAG_OR_BK,
            PASSED,
        ),
        ((award("co-thi-dua-ldld", 2024, topic="xanh-sach-dep-atvsld"),), XSD_FLAG_OR_BK, PASSED),
        ((award("co-thi-dua-ldld", 2024, topic="van-hoa-the-thao"),), XSD_FLAG_OR_BK, FAILED),
    ],
)
def test_prior_award_table(awards, params, outcome):
    assert check_prior_award(person(prior_awards=awards), params).outcome is outcome


def test_prior_award_in_the_same_year_with_offset_zero():
    # given the TLĐ flag received in the proposal year (ROUTE-03)
    facts = person(prior_awards=(award("co-thi-dua-tld", 2025),))

    # when
    result = check_prior_award(
        facts, PriorAwardParams(award_codes=("co-thi-dua-tld",), years_before=0)
    )

    # then
    assert result.outcome is PASSED
    assert result.facts["year"] == 2025


# --- once in a lifetime (KNC-01, NVL-01) -------------------------------------------------------

MEDAL = NeverReceivedParams(
    award_codes=("ky-niem-chuong", "huy-chuong-xd-cong-doan"),
    name_contains=("Huy chương Vì sự nghiệp xây dựng tổ chức Công đoàn",),
)


@pytest.mark.parametrize(
    ("awards", "outcome"),
    [
        ((), PASSED),
        ((award("ky-niem-chuong", 2015),), FAILED),
        ((award("huy-chuong-xd-cong-doan", 1999),), FAILED),  # the predecessor
        # a legacy record without a code, matched by name without accents or case
        ((award("", 1998, name="HUY CHUONG vi su nghiep xay dung to chuc cong doan"),), FAILED),
        # ... and with the quotes the name is usually typed with
        ((award("", 2003, name="Huy chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”"),), FAILED),
        ((award("", 2003, name="Huy chương Vì thế hệ trẻ"),), PASSED),
        ((award("ky-niem-chuong", 2015, revoked=True),), PASSED),  # annulled
        ((award("bang-khen-tld", 2015),), PASSED),
    ],
)
def test_never_received_table(awards, outcome):
    assert check_never_received(person(prior_awards=awards), MEDAL).outcome is outcome


# --- same-year combination (DUP-01) ------------------------------------------------------------

RULE = SameYearCombinationParams()


def other(occasion, *, year=2025, level="trung-uong", **fields):
    """An award the nominee already has (or is proposed for) — TLĐ level, 2025 unless told."""
    return award("x", year, occasion=occasion, deciding_level=level, **fields)


@pytest.mark.parametrize(
    ("proposed", "existing", "outcome"),
    [
        # toàn diện then chuyên đề at the same level, the same year, and the reverse
        ("topic", other("general"), FAILED),
        ("general", other("topic"), FAILED),
        # different levels may both reward the subject in one year
        ("topic", other("general", level="tinh-nganh"), PASSED),
        # different years
        ("topic", other("general", year=2024), PASSED),
        # two general awards are not this rule's business
        ("general", other("general"), PASSED),
        # the exceptions: review by phase and ad-hoc awards, either way round
        ("ad_hoc", other("general"), PASSED),
        ("phase", other("topic"), PASSED),
        ("topic", other("ad_hoc"), PASSED),
        # a revoked award does not count; a pending nomination does
        ("topic", other("general", revoked=True), PASSED),
        ("topic", other("general", pending=True), FAILED),
    ],
)
def test_same_year_combination_table(proposed, existing, outcome):
    # given
    facts = case(
        PersonFacts(prior_awards=(existing,)),
        proposal={"occasion": proposed, "deciding_level": "trung-uong"},
    )

    # when / then
    assert check_same_year_combination(facts, RULE).outcome is outcome


# --- one achievement, one reward (DUP-02) ----------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "outcome"),
    [
        (award("x", 2024, achievement_ids=("A-7",)), FAILED),
        (award("x", 2024, achievement_ids=("A-8",)), PASSED),
        (award("x", 2024, achievement_ids=("A-7",), revoked=True), PASSED),
        (award("x", 2025, achievement_ids=("A-7",), pending=True), FAILED),
    ],
)
def test_achievement_not_reused_table(existing, outcome):
    # given
    facts = case(PersonFacts(prior_awards=(existing,)), proposal={"achievement_ids": ("A-7",)})

    # when
    result = check_achievement_not_reused(facts, AchievementNotReusedParams())

    # then
    assert result.outcome is outcome
