"""The eligibility finder and the quota view (issue 5 §4): the selectors, the pages and the API."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent, EventType
from awards.models import AwardQuota, QuotaScope
from awards.selectors import award_type_list
from nominations.eligibility import Verdict, default_year, eligibility_for
from nominations.selectors_quotas import QuotaState, quota_usage_visible_to
from nominations.services import nomination_submit
from organizations.models import Rating
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    InitiativeFactory,
    PersonFactory,
)
from tests.nominations.conftest import award
from tests.nominations.test_rule_checks import IN_1689, nominate

YEAR = 2023  # judged under QĐ 1689/QĐ-TLĐ, whose rules are verified and block


@pytest.fixture
def person(tree):
    return PersonFactory(unit=tree.cdcs_a1x, full_name="Trần Văn Bình")


def make_qualified(person):
    """Meets Bằng khen TLĐ art. 14 for 2023: two years HTXSNV, two initiatives, the provincial
    Bằng khen in 2022."""
    for year in (2022, 2023):
        AnnualRatingFactory(person=person, year=year, rating=Rating.EXCELLENT)
        InitiativeFactory(person=person, year=year)
    AwardRecordFactory(person=person, unit=None, award_code="bang-khen-ldld", year=2022)
    return person


@pytest.fixture
def qualified(person):
    return make_qualified(person)


def find(nominee, **kwargs):
    kwargs.setdefault("reference_date", IN_1689)
    if hasattr(nominee, "full_name"):
        return eligibility_for(year=YEAR, person=nominee, **kwargs)
    return eligibility_for(year=YEAR, unit=nominee, **kwargs)


def answer_for(eligibility, code):
    return next(a for a in eligibility.awards if a.award.code == code)


# --- the selector ------------------------------------------------------------------------------


def test_a_qualified_person_qualifies_for_the_tld_certificate(reference_data, qualified):
    # when
    eligibility = find(qualified)

    # then: filed by the person's unit, decided by the TLĐ, with the dossier it will need
    bktld = answer_for(eligibility, "bang-khen-tld")
    assert bktld.verdict == Verdict.ELIGIBLE
    assert bktld.failed == []
    assert {"BKTLD-01", "BKTLD-02", "BKTLD-03"} <= {r.rule for r in bktld.passed}
    assert bktld.deciding_unit.code == "TLD"
    assert eligibility.nominating_unit.code == "CDCS-A1X"
    assert bktld.documents  # the catalogue's dossier for the award


def test_a_person_missing_a_criterion_is_told_which_and_why(reference_data, tree, qualified):
    # given no provincial Bằng khen the year before
    qualified.award_records.all().delete()

    # when
    bktld = answer_for(find(qualified), "bang-khen-tld")

    # then the one rule it fails, with its citation and the facts it judged
    assert bktld.verdict == Verdict.NOT_ELIGIBLE
    assert [r.rule for r in bktld.failed] == ["BKTLD-03"]
    failed = bktld.failed[0]
    assert failed.citation == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"
    assert failed.hint
    assert failed.facts


def test_at_the_boundary_one_year_of_excellence_is_not_two(reference_data, person):
    # given HTXSNV in 2023 only (two are needed, counting the proposal year)
    AnnualRatingFactory(person=person, year=2022, rating=Rating.GOOD)
    AnnualRatingFactory(person=person, year=2023, rating=Rating.EXCELLENT)

    # then
    bktld = answer_for(find(person), "bang-khen-tld")
    assert "BKTLD-01" in {r.rule for r in bktld.failed}


def test_the_finder_lists_only_awards_for_people_and_leaves_out_the_filing_procedure(
    reference_data, qualified
):
    eligibility = find(qualified)

    codes = {a.award.code for a in eligibility.awards}
    for_people = set(
        award_type_list(on=IN_1689, for_individuals=True, active_only=True).values_list(
            "code", flat=True
        )
    )
    assert codes == for_people
    rules = {r.rule for a in eligibility.awards for r in a.results}
    assert not rules & {"DOS-01", "ROUTE-01", "AUTH-01", "HD-01", "VOTE-01", "PRIO-01"}
    # eligible first, then to confirm, then not eligible
    order = [Verdict.ORDER.index(a.verdict) for a in eligibility.awards]
    assert order == sorted(order)


def test_a_collective_is_offered_the_awards_for_its_kind(reference_data, tree):
    eligibility = find(tree.cdcs_a1x)

    codes = {a.award.code for a in eligibility.awards}
    assert codes == set(
        award_type_list(on=IN_1689, unit_kind=tree.cdcs_a1x.kind_id, active_only=True).values_list(
            "code", flat=True
        )
    )
    assert eligibility.nominating_unit == tree.cdcs_a1x


def test_a_nomination_on_its_way_shows_and_counts_for_the_same_year(
    reference_data, clerk, qualified
):
    # given the person is already nominated for the TLĐ certificate this year
    nomination = nominate(clerk, qualified, year=YEAR)
    nomination_submit(actor=clerk, nomination=nomination)

    # when
    eligibility = find(qualified)

    # then the finder links it; a topic certificate the same year would combine (DUP-01, a
    # rule of historical confidence: it warns, to confirm)
    assert answer_for(eligibility, "bang-khen-tld").existing == [nomination]
    topic = answer_for(eligibility, "bang-khen-chuyen-de-tld")
    assert topic.verdict == Verdict.TO_CONFIRM
    assert "DUP-01" in {r.rule for r in topic.to_confirm}


def test_a_person_with_no_current_unit_gets_no_award(reference_data, person):
    person.memberships.update(ended_on=datetime.date(2020, 1, 1))

    eligibility = find(person)

    assert eligibility.nominating_unit is None
    assert eligibility.awards == []


def test_the_default_year_is_the_latest_rated(reference_data, person):
    AnnualRatingFactory(person=person, year=2021)
    AnnualRatingFactory(person=person, year=2022)

    assert default_year(person=person) == 2022


def test_the_finder_reads_a_fixed_number_of_queries(
    reference_data, tree, qualified, django_assert_max_num_queries
):
    # given a second person with many more records
    other = PersonFactory(unit=tree.cdcs_a1x)
    for year in range(2010, 2024):
        AnnualRatingFactory(person=other, year=year)
        InitiativeFactory(person=other, year=year)
        AwardRecordFactory(person=other, unit=None, award_code="giay-khen", year=year)

    # then every award and every rule of the pack, for either, in the same number of queries
    with django_assert_max_num_queries(26) as few:
        find(qualified)
    with django_assert_max_num_queries(len(few.captured_queries)):
        find(other)


# --- the quota view ----------------------------------------------------------------------------


def make_quotas():
    """Two provincial certificates per proposing unit, a hundred nationally."""
    bkldld = award("bang-khen-ldld", datetime.date(2025, 11, 15))
    AwardQuota.objects.create(award_type=bkldld, scope=QuotaScope.PER_PROPOSING_UNIT, limit_count=2)
    AwardQuota.objects.create(award_type=bkldld, scope=QuotaScope.NATIONAL, limit_count=100)
    return bkldld


@pytest.fixture
def quotas(reference_data):
    return make_quotas()


def submitted_for_province(clerk, tree, *, name):
    from nominations.services import nomination_create
    from tests.nominations.conftest import complete_dossier

    person = PersonFactory(unit=tree.cdcs_a1x, full_name=name)
    nomination = nomination_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        nominee_person=person,
        award_type=award("bang-khen-ldld", datetime.date(2025, 11, 15)),
        year=2025,
        reference_date=datetime.date(2025, 11, 15),
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
    )
    complete_dossier(clerk, nomination)
    return nomination_submit(actor=clerk, nomination=nomination) or nomination


def test_quota_use_shows_awarded_pending_and_remaining_per_unit_and_nationally(
    quotas, tree, clerk, reviewer
):
    # given one nomination on its way from district A1 and a draft (not counted)
    submitted_for_province(clerk, tree, name="Lê Văn A")
    from nominations.services import nomination_create

    nomination_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        nominee_person=PersonFactory(unit=tree.cdcs_a1x),
        award_type=quotas,
        year=2025,
        reference_date=datetime.date(2025, 11, 15),
    )

    # when
    rows = quota_usage_visible_to(reviewer, year=2025, award_code="bang-khen-ldld")

    # then
    found = {
        (
            row.quota.scope,
            row.unit.code if row.unit else None,
            row.awarded,
            row.pending,
            row.limit,
            row.remaining,
        )
        for row in rows
    }
    assert (QuotaScope.PER_PROPOSING_UNIT, "LDLD-A1", 0, 1, 2, 1) in found
    assert (QuotaScope.NATIONAL, None, 0, 1, 100, 99) in found


def test_a_unit_sees_its_own_quota_before_using_any(quotas, tree, reviewer):
    rows = quota_usage_visible_to(
        reviewer, year=2025, under=tree.district_a2, award_code="bang-khen-ldld"
    )

    mine = [row for row in rows if row.unit == tree.district_a2]
    assert [(row.counted, row.remaining, row.state) for row in mine] == [(0, 2, QuotaState.OPEN)]


def test_a_full_quota_reads_as_at_and_over(quotas, tree, clerk, reviewer):
    for name in ("Lê Văn A", "Lê Văn B", "Lê Văn C"):
        submitted_for_province(clerk, tree, name=name)

    rows = quota_usage_visible_to(reviewer, year=2025, award_code="bang-khen-ldld")

    district = next(row for row in rows if row.unit == tree.district_a1)
    assert (district.counted, district.remaining, district.over_by, district.state) == (
        3,
        0,
        1,
        QuotaState.OVER,
    )
    assert rows[0] == district  # fullest first


def test_another_province_does_not_see_a_units_quota_rows(quotas, tree, clerk, reviewer_b):
    submitted_for_province(clerk, tree, name="Lê Văn A")

    rows = quota_usage_visible_to(reviewer_b, year=2025, award_code="bang-khen-ldld")

    assert all(row.unit is None for row in rows)  # the national ones only


# --- pages -------------------------------------------------------------------------------------


def test_the_finder_page_searches_then_answers_and_logs_the_reading(
    reference_data, client, clerk, qualified
):
    client.force_login(clerk)
    url = reverse("nominations:eligibility")

    # search
    response = client.get(url, {"q": "Trần Văn"})
    assert response.status_code == 200
    assert f"?person={qualified.pk}" in response.content.decode()

    # answer
    response = client.get(
        url, {"person": qualified.pk, "year": YEAR, "reference_date": IN_1689.isoformat()}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bằng khen của Ban Chấp hành Tổng Liên đoàn" in page
    # the clerk of the person's unit can file straight from the answer
    assert reverse("nominations:create") + "?nominating_unit=" in page
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_RECORDS_VIEWED, object_id=str(qualified.pk)
    ).exists()


def test_the_finder_page_refuses_a_person_outside_the_readers_tree(
    reference_data, client, reviewer_b, qualified
):
    client.force_login(reviewer_b)

    response = client.get(reverse("nominations:eligibility"), {"person": qualified.pk})

    assert response.status_code == 404


def test_the_create_form_starts_from_the_finders_choice(reference_data, client, clerk, qualified):
    client.force_login(clerk)
    bktld = award("bang-khen-tld", IN_1689)

    response = client.get(
        reverse("nominations:create"),
        {
            "nominating_unit": qualified.memberships.get().unit_id,
            "nominee_kind": "person",
            "nominee_person": qualified.pk,
            "award_type": bktld.pk,
            "year": YEAR,
        },
    )

    form = response.context["form"]
    assert form.initial["nominee_person"] == str(qualified.pk)
    assert form.initial["year"] == YEAR


def test_the_quota_page_lists_and_exports(
    quotas, client, clerk, reviewer, tree, django_assert_max_num_queries
):
    submitted_for_province(clerk, tree, name="Lê Văn A")
    client.force_login(reviewer)
    url = reverse("nominations:quotas")

    with django_assert_max_num_queries(30):
        response = client.get(url, {"year": 2025})
    assert response.status_code == 200
    assert "Bằng khen của Liên đoàn Lao động tỉnh" in response.content.decode()

    export = client.get(url, {"year": 2025, "export": "xlsx"})
    assert export.status_code == 200
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT_DOWNLOADED).exists()
