"""The decision pages, driven role by role: the council secretary drafts, the signer issues and
revokes; each page stays in the reader's scope, shows only the reader's actions, keeps what was
typed when a service refuses, and costs a bounded number of queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent, EventType
from awards.models import AwardDocumentRequirement, DossierDocumentType
from awards.services import catalogue_save
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import Decision, DecisionStatus, NominationStatus
from nominations.services import (
    agenda_item_add,
    attendance_record,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    vote_cast,
)
from organizations.models import Role
from tests.factories import PersonFactory, RoleAssignmentFactory

from .conftest import actor_at, nominate, to_council

TODAY = timezone.localdate
NO_VOTE_AWARD = "lao-dong-tien-tien"  # decided by province A without a council vote


@pytest.fixture
def awaiting(reference_data, tree, clerk, district_reviewer, reviewer):
    """Makes nominations of cdcs_a1x that wait for province A's decision."""

    def make(count=1):
        return [
            to_council(
                nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x), code=NO_VOTE_AWARD),
                clerk=clerk,
                reviewers=[district_reviewer, reviewer],
            )
            for _ in range(count)
        ]

    return make


def draft_of(secretary, unit, nominations, title="Về việc khen thưởng Lao động tiên tiến 2025"):
    return decision_draft(actor=secretary, deciding_unit=unit, title=title, nominations=nominations)


@pytest.fixture
def drafted(awaiting, council_secretary, tree):
    """A draft of province A granting one nomination."""
    return draft_of(council_secretary, tree.province_a, awaiting())


@pytest.fixture
def issued(drafted, signer):
    return decision_issue(actor=signer, decision=drafted, signed_on=TODAY())


def detail_url(decision):
    return reverse("nominations:decision_detail", args=[decision.pk])


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- the list ------------------------------------------------------------------------------------


def test_decision_list_is_scoped_and_its_queries_do_not_grow_with_rows(
    client,
    awaiting,
    council_secretary,
    signer,
    tree,
    auditor,
    reviewer_b,
    django_assert_max_num_queries,
):
    # given an issued decision and a draft of province A
    first, _draft = (draft_of(council_secretary, tree.province_a, [n]) for n in awaiting(2))
    decision_issue(actor=signer, decision=first, signed_on=TODAY())
    client.force_login(auditor)
    few = count_queries(client, reverse("nominations:decision_list"))

    # when five more are drafted
    for nomination in awaiting(5):
        draft_of(council_secretary, tree.province_a, [nomination])
    with django_assert_max_num_queries(few):
        response = client.get(reverse("nominations:decision_list"))

    # then the page costs the same, lists all seven, and another province sees none
    assert len(response.context["object_list"]) == 7
    assert not response.context["can_create"]
    client.force_login(reviewer_b)
    assert not client.get(reverse("nominations:decision_list")).context["object_list"]


def test_decision_list_filters_by_status_year_unit_and_number(
    client, awaiting, council_secretary, signer, tree
):
    first, second = (draft_of(council_secretary, tree.province_a, [n]) for n in awaiting(2))
    decision_issue(actor=signer, decision=first, signed_on=TODAY())
    client.force_login(council_secretary)
    url = reverse("nominations:decision_list")

    def listed(**query):
        return [d.pk for d in client.get(url, query).context["object_list"]]

    assert listed(status="draft") == [second.pk]
    assert listed(status="issued", year=TODAY().year) == [first.pk]
    assert listed(search="1/QĐ-LDLD") == [first.pk]
    assert set(listed(unit=tree.province_a.pk)) == {first.pk, second.pk}
    assert listed(year=2001) == []
    assert client.get(url).context["can_create"]


def test_decision_list_exports_to_excel_and_the_export_is_audited(client, issued, auditor):
    client.force_login(auditor)

    response = client.get(reverse("nominations:decision_list"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[7], row[8]) for row in rows] == [
        ("1/QĐ-LDLD-A", issued.title, 1, 702_000)  # 0.3 × the base salary of 2,340,000 VND
    ]
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT_DOWNLOADED, actor=auditor).exists()


# --- scope and roles -----------------------------------------------------------------------------


def test_decision_pages_are_not_found_outside_the_readers_scope(client, issued, reviewer_b):
    client.force_login(reviewer_b)
    item = issued.items.get()

    for url in (
        detail_url(issued),
        reverse("nominations:decision_print", args=[issued.pk]),
        reverse("nominations:decision_update", args=[issued.pk]),
    ):
        assert client.get(url).status_code == 404, url
    issue = client.post(reverse("nominations:decision_issue", args=[issued.pk]), {})
    revoke = client.post(
        reverse("nominations:award_revoke", args=[issued.pk, item.pk]), {"reason": "x"}
    )
    assert issue.status_code == revoke.status_code == 404


def test_only_secretaries_and_signers_open_the_draft_form(client, drafted, clerk, reviewer):
    for outsider in (clerk, reviewer):
        client.force_login(outsider)
        assert client.get(reverse("nominations:decision_create")).status_code == 403
        edit = client.get(reverse("nominations:decision_update", args=[drafted.pk]))
        assert edit.status_code == 403


def test_each_reader_sees_only_the_actions_they_may_take(
    client, drafted, council_secretary, signer, auditor, clerk
):
    def actions(user):
        client.force_login(user)
        context = client.get(detail_url(drafted)).context
        return (context["can_edit"], context["issue_form"] is not None, context["can_revoke"])

    # the secretary edits, the signer edits and issues, the others only read
    assert actions(council_secretary) == (True, False, False)
    assert actions(signer) == (True, True, False)
    assert actions(auditor) == (False, False, False)
    # the clerk whose nomination it grants reads it too, and may open that nomination
    assert actions(clerk) == (False, False, False)
    item = client.get(detail_url(drafted)).context["items"][0]
    assert item.nomination_readable


# --- drafting, issuing -----------------------------------------------------------------------


def test_secretary_drafts_and_signer_issues_through_the_pages(
    client, awaiting, council_secretary, signer, tree, clerk
):
    # given two nominations waiting for province A's decision
    first, second = awaiting(2)

    # the secretary opens the form: both wait there
    client.force_login(council_secretary)
    form = client.get(reverse("nominations:decision_create")).context["form"]
    assert set(form.fields["nominations"].queryset) == {first, second}

    # and drafts a decision for the first one
    response = client.post(
        reverse("nominations:decision_create"),
        {
            "deciding_unit": tree.province_a.pk,
            "title": "Về việc khen thưởng Lao động tiên tiến năm 2025",
            "nominations": [first.pk],
            "funding_source": "Quỹ Thi đua – Khen thưởng",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == detail_url(decision)
    assert decision.status == DecisionStatus.DRAFT and decision.number is None
    assert "06/2022/QH15" in decision.legal_basis  # the legal bases written for them
    assert client.get(detail_url(decision)).context["issue_form"] is None

    # when the signer issues it
    client.force_login(signer)
    assert client.get(detail_url(decision)).context["issue_form"] is not None
    response = client.post(
        reverse("nominations:decision_issue", args=[decision.pk]),
        {"signed_on": TODAY().isoformat()},
    )

    # then it has the unit's first number of the year, and its nomination is awarded
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.reference) == (DecisionStatus.ISSUED, "1/QĐ-LDLD-A")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == NominationStatus.AWARDED
    assert second.status == NominationStatus.AWAITING_DECISION
    page = client.get(detail_url(decision))
    assert "1/QĐ-LDLD-A" in page.text and "702.000" in page.text
    assert page.context["issue_form"] is None and page.context["can_revoke"]
    # and the nomination's page links to the decision that awarded it
    client.force_login(clerk)
    nomination_page = client.get(reverse("nominations:detail", args=[first.pk]))
    assert detail_url(decision) in nomination_page.text


def test_the_deciding_unit_is_chosen_first_when_the_user_drafts_for_several(
    client, awaiting, council_secretary, tree
):
    # given a secretary of both province A and district A1
    awaiting()
    both = actor_at("secretary_both", Role.COUNCIL_SECRETARY, tree.district_a1)
    RoleAssignmentFactory(user=both, role=Role.COUNCIL_SECRETARY, unit=tree.province_a)
    client.force_login(both)

    # nothing to tick before the unit is chosen
    page = client.get(reverse("nominations:decision_create"))
    assert page.context["unit"] is None
    assert len(page.context["units"]) == 2

    # once chosen, its waiting nominations are offered
    page = client.get(reverse("nominations:decision_create"), {"unit": tree.province_a.pk})
    assert page.context["unit"] == tree.province_a
    assert page.context["form"].fields["nominations"].queryset.count() == 1


def test_a_draft_without_recipients_is_refused_on_its_field_keeping_what_was_typed(
    client, awaiting, council_secretary, tree
):
    awaiting()
    client.force_login(council_secretary)

    response = client.post(
        reverse("nominations:decision_create"),
        {"deciding_unit": tree.province_a.pk, "title": "Khen thưởng năm 2025", "nominations": []},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["nominations"] == [str(Code.DECISION_EMPTY.label)]
    assert form["title"].value() == "Khen thưởng năm 2025"
    assert not Decision.objects.exists()


def test_secretary_edits_a_draft_swapping_its_recipient(client, awaiting, council_secretary, tree):
    first, second = awaiting(2)
    decision = draft_of(council_secretary, tree.province_a, [first])
    client.force_login(council_secretary)
    url = reverse("nominations:decision_update", args=[decision.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["nominations"].queryset) == {first, second}
    assert form.initial["nominations"] == [first.pk]

    response = client.post(
        url,
        {
            "title": "Về việc khen thưởng (sửa)",
            "legal_basis": "Căn cứ Luật Thi đua, khen thưởng;",
            "nominations": [second.pk],
        },
    )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "Về việc khen thưởng (sửa)"
    assert decision.legal_basis == "Căn cứ Luật Thi đua, khen thưởng;"
    assert [item.nomination for item in decision.items.all()] == [second]


def test_an_issued_decision_can_no_longer_be_edited(client, issued, signer):
    client.force_login(signer)

    response = client.get(reverse("nominations:decision_update", args=[issued.pk]))

    assert response.status_code == 302 and response.url == detail_url(issued)


def test_a_refused_issue_keeps_the_date_and_says_how_to_fix_it(client, drafted, signer):
    client.force_login(signer)
    tomorrow = TODAY() + datetime.timedelta(days=1)

    response = client.post(
        reverse("nominations:decision_issue", args=[drafted.pk]),
        {"signed_on": tomorrow.isoformat()},
    )

    assert response.status_code == 200
    form = response.context["issue_form"]
    assert form.errors["signed_on"] == [str(Code.SIGNED_ON_INVALID.label)]
    assert form["signed_on"].value() == tomorrow.isoformat()
    drafted.refresh_from_db()
    assert drafted.status == DecisionStatus.DRAFT


def test_a_blocked_issue_shows_the_checks_that_failed(client, drafted, signer, system):
    # given the award now requires a document the dossier lacks
    catalogue_save(
        actor=system,
        instance=AwardDocumentRequirement(
            award_type=drafted.items.get().award_type,
            document_type=DossierDocumentType.objects.get(code="xac-nhan-sang-kien"),
        ),
    )
    client.force_login(signer)

    # when
    response = client.post(
        reverse("nominations:decision_issue", args=[drafted.pk]), {"signed_on": TODAY().isoformat()}
    )

    # then the screen says why, with the failed checks, and nothing is issued
    assert response.status_code == 200
    assert response.context["refusal"].code == Code.CHECKS_FAILED
    assert response.context["refused_checks"]
    assert str(Code.CHECKS_FAILED.label) in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.status == DecisionStatus.DRAFT


# --- revoking ------------------------------------------------------------------------------------


def test_revoking_requires_a_reason_which_is_then_shown_with_who_and_when(
    client, issued, signer, council_secretary
):
    item = issued.items.get()
    url = reverse("nominations:award_revoke", args=[issued.pk, item.pk])
    client.force_login(signer)

    # without a reason: refused on the field, the date kept
    response = client.post(url, {"reason": "  ", "revoked_on": TODAY().isoformat()})
    assert response.status_code == 200
    shown = response.context["items"][0]
    assert shown.revoke_form.errors["reason"]
    assert response.context["revoke_item"] == item.pk
    item.refresh_from_db()
    assert item.revoked_on is None

    # with one
    reason = "Kê khai sai thành tích (Luật Thi đua, khen thưởng 2022, chương VII)."
    response = client.post(url, {"reason": reason, "revoked_on": TODAY().isoformat()})
    assert response.status_code == 302

    # then anyone reading the decision sees the reason, who revoked it and when
    item.refresh_from_db()
    assert (item.revocation_reason, item.revoked_by, item.revoked_on) == (reason, signer, TODAY())
    assert item.nomination.status == NominationStatus.REVOKED
    client.force_login(council_secretary)
    page = client.get(detail_url(issued))
    assert reason in page.text
    assert signer.get_full_name() in page.text
    assert TODAY().strftime("%d/%m/%Y") in page.text
    assert page.context["items"][0].revoke_form is None


def test_only_the_signer_or_an_administrator_revokes(client, issued, council_secretary):
    item = issued.items.get()
    client.force_login(council_secretary)

    assert client.get(detail_url(issued)).context["items"][0].revoke_form is None
    response = client.post(
        reverse("nominations:award_revoke", args=[issued.pk, item.pk]),
        {"reason": "Sai", "revoked_on": TODAY().isoformat()},
    )
    assert response.status_code == 403


# --- the screen and the paper --------------------------------------------------------------------


def test_the_decision_screen_costs_the_same_with_more_recipients(
    client, awaiting, council_secretary, signer, tree, django_assert_max_num_queries
):
    small = decision_issue(
        actor=signer,
        decision=draft_of(council_secretary, tree.province_a, awaiting(1)),
        signed_on=TODAY(),
    )
    large = decision_issue(
        actor=signer,
        decision=draft_of(council_secretary, tree.province_a, awaiting(6)),
        signed_on=TODAY(),
    )
    client.force_login(signer)
    few = count_queries(client, detail_url(small))

    with django_assert_max_num_queries(few):
        response = client.get(detail_url(large))

    assert len(response.context["items"]) == 6
    assert all(item.revoke_form is not None for item in response.context["items"])
    with django_assert_max_num_queries(few):
        client.get(reverse("nominations:decision_print", args=[large.pk]))


def test_the_print_view_lays_out_the_decision_for_paper(client, drafted, signer, auditor):
    client.force_login(auditor)
    name = drafted.items.get().recipient_name

    page = client.get(reverse("nominations:decision_print", args=[drafted.pk]))
    assert page.status_code == 200
    assert "……/QĐ-LDLD-A" in page.text and name in page.text
    assert "size: A4" in page.text

    decision_issue(actor=signer, decision=drafted, signed_on=TODAY())
    page = client.get(reverse("nominations:decision_print", args=[drafted.pk]))
    assert "1/QĐ-LDLD-A" in page.text and signer.get_full_name() in page.text


def test_the_screen_shows_the_council_session_the_decision_rests_on(
    client, council, at_council, council_secretary, members
):
    # given a nomination passed by province A's council
    session = council_session_create(
        actor=council_secretary,
        council=council,
        title="Phiên họp cuối năm 2025",
        scheduled_at=timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30)),
    )
    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    council_session_open(actor=council_secretary, session=session)
    for attendance in session.attendance.all():
        attendance_record(
            actor=council_secretary, session=session, member=attendance.member, present=True
        )
    for user in members:
        vote_cast(actor=user, item=item, choice="yes")
    council_session_close(actor=council_secretary, session=session)
    at_council.refresh_from_db()
    decision = draft_of(council_secretary, council.unit, [at_council])
    client.force_login(council_secretary)

    page = client.get(detail_url(decision))

    assert page.context["decision"].council_session == session
    assert "Phiên họp cuối năm 2025" in page.text
    assert "10/12/2025" in page.text
