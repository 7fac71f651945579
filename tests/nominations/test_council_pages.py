"""The council pages, driven role by role: the secretary plans a session, builds its agenda,
opens it, records attendance and closes it; each member present votes on their ballot; readers
see results; a secret ballot shows nobody's choice before the close; every page stays in the
reader's scope and in a bounded number of queries."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from openpyxl import load_workbook

from audit.models import AuditEvent, EventType
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaResult,
    CouncilMember,
    CouncilSession,
    NominationStatus,
    SecretTally,
    SessionStatus,
    Vote,
)
from nominations.services import (
    agenda_item_add,
    attendance_record,
    council_session_create,
    council_session_open,
    vote_cast,
)

from .conftest import nominate, to_council

MEETING = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))


@pytest.fixture
def client(client):
    """The pages in English, their source language: the assertions read the message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def english(text) -> str:
    with translation.override("en"):
        return str(text)


def session_url(session, name="session_detail", *args):
    return reverse(f"nominations:{name}", args=[session.pk, *args])


def plan(secretary, council, *nominations, title="Phiên họp xét khen thưởng năm 2025"):
    session = council_session_create(
        actor=secretary, council=council, title=title, scheduled_at=MEETING, location="Phòng họp 1"
    )
    for nomination in nominations:
        agenda_item_add(actor=secretary, session=session, nomination=nomination)
    return session


def open_with(secretary, session, present):
    session = council_session_open(actor=secretary, session=session)
    for user in present:
        member = CouncilMember.objects.get(council=session.council, user=user)
        attendance_record(actor=secretary, session=session, member=member, present=True)
    return session


def seat_of(council, user):
    return CouncilMember.objects.get(council=council, user=user)


@pytest.fixture
def flag(council, tree, district_clerk, reviewer):
    """The province's emulation flag for a grassroots union, at the council: a secret ballot."""
    nomination = to_council(
        nominate(
            clerk=district_clerk,
            unit=tree.cdcs_a1x,
            code="co-thi-dua-ldld",
            nominating_unit=tree.district_a1,
        ),
        clerk=district_clerk,
        reviewers=[reviewer],
    )
    assert nomination.award_type.ballot_type == "secret"
    return nomination


# --- menu and councils -------------------------------------------------------------------------


def test_the_main_menu_leads_everyone_signed_in_to_the_councils(client, reference_data, clerk):
    # given a clerk who sits on no council
    client.force_login(clerk)

    # when
    response = client.get(reverse("nominations:list"))

    # then
    assert f'href="{reverse("nominations:council_list")}"' in response.text


def test_council_list_marks_the_readers_seat_in_bounded_queries(
    client, council, council_member, django_assert_max_num_queries
):
    # given the chair of province A's council
    client.force_login(council_member)

    # when
    with django_assert_max_num_queries(12):
        response = client.get(reverse("nominations:council_list"))

    # then
    assert response.status_code == 200
    assert [c.pk for c in response.context["object_list"]] == [council.pk]
    assert response.context["object_list"][0].my_seat.position == "chair"
    assert reverse("nominations:council_detail", args=[council.pk]) in response.text
    assert "You sit on the councils marked below" in response.text


def test_council_list_explains_when_the_reader_sits_on_no_council(client, council, clerk):
    # given a grassroots clerk, whose scope does not reach the province's council
    client.force_login(clerk)

    # when
    response = client.get(reverse("nominations:council_list"))

    # then
    assert list(response.context["object_list"]) == []
    assert "You sit on no council and run none" in response.text
    assert reverse("nominations:session_create") not in response.text


def test_council_list_exports_to_excel(client, council, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("nominations:council_list"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [council.name]


def test_council_page_shows_members_roles_and_the_composition_rule(
    client, council, council_secretary, members, django_assert_max_num_queries
):
    # given the secretary of the province
    client.force_login(council_secretary)

    # when
    with django_assert_max_num_queries(15):
        response = client.get(reverse("nominations:council_detail", args=[council.pk]))

    # then the five members, the chair first, the rule met, and a way to plan a session
    assert response.status_code == 200
    composition = response.context["composition"]
    assert [m.user for m in composition.members] == members
    assert composition.has_chair and composition.is_met
    assert "Chair" in response.text
    assert "The council can meet." in response.text
    assert f"{reverse('nominations:session_create')}?council={council.pk}" in response.text
    # the set-up stays in the admin, for administrators only
    assert reverse("admin:nominations_council_change", args=[council.pk]) not in response.text


def test_council_page_links_administrators_to_the_set_up(client, council, unit_admin):
    client.force_login(unit_admin)

    response = client.get(reverse("nominations:council_detail", args=[council.pk]))

    assert reverse("admin:nominations_council_change", args=[council.pk]) in response.text
    assert reverse("admin:nominations_councilmember_add") in response.text


def test_council_and_session_pages_404_outside_the_readers_scope(
    client, council, council_secretary, reviewer_b
):
    # given a session of province A's council, and the reviewer of province B
    session = plan(council_secretary, council)
    client.force_login(reviewer_b)

    # when / then
    assert client.get(reverse("nominations:council_detail", args=[council.pk])).status_code == 404
    assert client.get(session_url(session)).status_code == 404
    assert client.post(session_url(session, "session_open")).status_code == 404
    assert list(client.get(reverse("nominations:session_list")).context["object_list"]) == []


# --- sessions ----------------------------------------------------------------------------------


def test_session_list_filters_by_status_in_queries_that_do_not_grow(
    client, council, council_secretary, django_assert_max_num_queries
):
    # given two sessions, one of them cancelled
    first = plan(council_secretary, council, title="Phiên 1")
    plan(council_secretary, council, title="Phiên 2")
    client.force_login(council_secretary)
    client.post(session_url(first, "session_cancel"), {"reason": "Hoãn họp"})
    url = reverse("nominations:session_list")
    client.get(url)  # warm the per-user caches

    # when eight more are planned
    for number in range(3, 11):
        plan(council_secretary, council, title=f"Phiên {number}")
    with django_assert_max_num_queries(12):
        response = client.get(url, {"status": "planned", "council": council.pk})

    # then
    titles = {s.title for s in response.context["object_list"]}
    assert len(titles) == 9 and "Phiên 1" not in titles
    assert response.context["can_create"]
    cancelled = client.get(url, {"status": "cancelled"}).context["object_list"]
    assert [s.title for s in cancelled] == ["Phiên 1"]


def test_session_list_exports_to_excel_and_the_export_is_audited(
    client, council, council_secretary, reviewer
):
    plan(council_secretary, council, title="Phiên họp tháng 12")
    client.force_login(reviewer)

    response = client.get(reverse("nominations:session_list"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1]) for row in rows] == [("Phiên họp tháng 12", council.name)]
    assert AuditEvent.objects.filter(
        event_type=EventType.EXPORT_DOWNLOADED, actor=reviewer
    ).exists()


def test_only_a_council_secretary_plans_a_session(client, council, council_member, reviewer):
    # given a member and a reviewer of the province
    for user in (council_member, reviewer):
        client.force_login(user)

        # when / then
        assert client.get(reverse("nominations:session_create")).status_code == 403
        assert (
            reverse("nominations:session_create")
            not in client.get(reverse("nominations:session_list")).text
        )


def test_plan_a_session_keeps_the_input_when_it_is_incomplete(client, council, council_secretary):
    client.force_login(council_secretary)

    response = client.post(
        reverse("nominations:session_create"),
        {"council": council.pk, "title": "Phiên họp cuối năm", "scheduled_at": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["scheduled_at"]
    assert 'value="Phiên họp cuối năm"' in response.text
    assert not CouncilSession.objects.exists()


def test_members_see_no_secretary_buttons_and_cannot_act_by_posting(
    client, council, at_council, council_secretary, council_member
):
    # given a planned session with a nomination on its agenda
    session = plan(council_secretary, council, at_council)
    client.force_login(council_member)

    # when
    page = client.get(session_url(session))

    # then the chair reads it, without the secretary's actions, and the service refuses them
    assert page.status_code == 200
    assert session_url(session, "session_open") not in page.text
    assert session_url(session, "session_agenda_add") not in page.text
    assert "The session has not opened yet" in page.text
    assert client.post(session_url(session, "session_open")).status_code == 403
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_an_agenda_item_comes_off_only_with_a_reason(
    client, council, at_council, council_secretary
):
    session = plan(council_secretary, council, at_council)
    item = session.items.get()
    client.force_login(council_secretary)

    # when no reason is given, the item stays and the form says why
    response = client.post(session_url(session, "session_agenda_remove", item.pk), {"reason": ""})
    assert response.status_code == 200
    assert response.context["rows"][0].remove_form.errors["reason"]
    assert session.items.exists()

    # when a reason is given, it comes off and waits for another session
    response = client.post(
        session_url(session, "session_agenda_remove", item.pk), {"reason": "Bổ sung hồ sơ"}
    )
    assert response.status_code == 302
    assert not session.items.exists()
    page = client.get(session_url(session))
    assert [n.pk for n in page.context["agenda_form"].fields["nomination"].queryset] == [
        at_council.pk
    ]


def test_opening_an_empty_session_says_to_fill_the_agenda(client, council, council_secretary):
    session = plan(council_secretary, council)
    client.force_login(council_secretary)

    response = client.post(session_url(session, "session_open"))

    assert response.status_code == 200
    assert escape(english(Code.AGENDA_EMPTY.label)) in response.text
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


# --- the whole session, through the pages ------------------------------------------------------


def test_a_session_runs_through_the_pages_from_plan_to_results(
    client, council, at_council, council_secretary, members, signer
):
    # given the secretary plans a session
    client.force_login(council_secretary)
    response = client.post(
        reverse("nominations:session_create"),
        {
            "council": council.pk,
            "title": "Phiên họp xét khen thưởng năm 2025",
            "scheduled_at": "2025-12-10T08:30",
            "location": "Phòng họp 1",
        },
    )
    session = CouncilSession.objects.get()
    assert response.status_code == 302 and response.url == session_url(session)

    # and puts the nomination waiting for the council on its agenda
    page = client.get(session_url(session))
    assert at_council in page.context["agenda_form"].fields["nomination"].queryset
    response = client.post(
        session_url(session, "session_agenda_add"), {"nomination": at_council.pk}
    )
    assert response.status_code == 302
    item = session.items.get()
    page = client.get(session_url(session))
    assert reverse("nominations:detail", args=[at_council.pk]) in page.text

    # when it opens the session and records four of the five members present (one via HTMX)
    assert client.post(session_url(session, "session_open")).status_code == 302
    for user in members[:3]:
        response = client.post(
            session_url(session, "session_attendance", seat_of(council, user).pk),
            {"present": "1", "note": ""},
        )
        assert response.status_code == 302
    response = client.post(
        session_url(session, "session_attendance", seat_of(council, members[3]).pk),
        {"present": "1", "note": "Đến muộn"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card" id="attendance">')
    assert "Present: 4 of 5 members." in response.text

    # and the four present vote on their ballots (one via HTMX): three for, one against
    for user, choice in zip(members[:3], ["yes", "yes", "no"], strict=True):
        client.force_login(user)
        ballot = client.get(session_url(session))
        assert session_url(session, "session_vote", item.pk) in ballot.text
        response = client.post(session_url(session, "session_vote", item.pk), {"choice": choice})
        assert response.status_code == 302
        assert "You have voted" in client.get(session_url(session)).text
    client.force_login(members[3])
    response = client.post(
        session_url(session, "session_vote", item.pk),
        {"choice": "yes"},
        headers={"HX-Request": "true"},
    )
    assert response.text.lstrip().startswith(f'<tr id="ballot-item-{item.pk}">')
    assert "You have voted" in response.text
    assert 'name="choice"' not in response.text
    # the absent member is told what to do
    client.force_login(members[4])
    assert "You are recorded as absent" in client.get(session_url(session)).text

    # and the secretary closes the session
    client.force_login(council_secretary)
    response = client.post(session_url(session, "session_close"), {"minutes": ""})
    assert response.status_code == 302

    # then the page shows the result per item: tally, threshold, passed, and the minutes
    page = client.get(session_url(session))
    row = page.context["rows"][0]
    assert (row.tally.yes, row.tally.no, row.tally.abstain) == (3, 1, 0)
    assert row.item.result == AgendaResult.PASSED
    assert "3 for out of 4 counted, 50% needed" in page.text
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert escape(session.minutes.splitlines()[0]) in page.text
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.AWAITING_DECISION


def test_session_screen_queries_do_not_grow_with_the_agenda(
    client,
    council,
    at_council,
    council_secretary,
    members,
    tree,
    clerk,
    district_reviewer,
    reviewer,
    django_assert_max_num_queries,
):
    # given an open session with one item, two members voted
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    for user in members[:2]:
        vote_cast(actor=user, item=session.items.get(), choice="yes")
    client.force_login(members[2])
    url = session_url(session)
    with django_assert_max_num_queries(100) as captured:
        client.get(url)
    few = len(captured)

    # when another session holds three items with votes on each
    from tests.factories import PersonFactory

    more = []
    for number in range(3):
        person = PersonFactory(unit=tree.cdcs_a1x, full_name=f"Trần Văn {number}")
        more.append(
            to_council(
                nominate(clerk=clerk, person=person),
                clerk=clerk,
                reviewers=[district_reviewer, reviewer],
            )
        )
    bigger = open_with(council_secretary, plan(council_secretary, council, *more), members)
    for item in bigger.items.all():
        for user in members[:2]:
            vote_cast(actor=user, item=item, choice="yes")

    # then its screen costs no more
    with django_assert_max_num_queries(few):
        response = client.get(session_url(bigger))
    assert len(response.context["rows"]) == 3


def test_a_secret_ballot_page_never_shows_a_choice_before_the_close(
    client, council, flag, council_secretary, members
):
    # given an open secret ballot where four members voted differently
    session = open_with(council_secretary, plan(council_secretary, council, flag), members)
    item = session.items.get()
    for user, choice in zip(members[:4], ["yes", "no", "abstain", "yes"], strict=True):
        client.force_login(user)
        response = client.post(
            session_url(session, "session_vote", item.pk),
            {"choice": choice},
            headers={"HX-Request": "true"},
        )
        # then the answer says the vote was taken, never which
        assert "You have voted" in response.text
        for label in ("For", "Against", "Abstain"):
            assert f">{label}<" not in response.text
    tally = SecretTally.objects.get(item=item)
    assert (tally.yes, tally.no, tally.abstain) == (2, 1, 1)
    assert not Vote.objects.exists()

    # and nobody's page shows a count or a choice: not the secretary's, not a voter's
    for user in (council_secretary, members[0], members[4]):
        client.force_login(user)
        page = client.get(session_url(session))
        row = page.context["rows"][0]
        assert row.tally is None
        assert row.voted == 4  # who took part is public
        assert "the count is shown when the session closes" in page.text
        assert not re.search(r"for \d+ · against \d+", page.text)
        if user != members[4]:  # the one member who has not voted still has the buttons
            assert 'name="choice"' not in page.text

    # when the session closes, the count appears
    client.force_login(council_secretary)
    client.post(session_url(session, "session_close"), {"minutes": ""})
    row = client.get(session_url(session)).context["rows"][0]
    assert (row.tally.yes, row.tally.no, row.tally.abstain) == (2, 1, 1)


def test_closing_without_quorum_shows_why_and_keeps_the_minutes_typed(
    client, council, at_council, council_secretary, members
):
    # given 3 of 5 members present: 60%, below the award's two-thirds quorum
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:3]
    )
    client.force_login(council_secretary)

    # when the secretary tries to close it with minutes typed
    response = client.post(session_url(session, "session_close"), {"minutes": "Biên bản tay."})

    # then the refusal says why and how to fix it, the minutes are kept, nothing changed
    assert response.status_code == 200
    assert escape(english(Code.QUORUM_NOT_MET.label)) in response.text
    assert "Present: 3 of 5 members (60.00%)" in response.text
    assert "66.67%" in response.text
    assert "Biên bản tay." in response.text
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_a_member_who_voted_cannot_be_marked_absent_and_the_row_says_so(
    client, council, at_council, council_secretary, members
):
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    vote_cast(actor=members[1], item=session.items.get(), choice="yes")
    client.force_login(council_secretary)

    response = client.post(
        session_url(session, "session_attendance", seat_of(council, members[1]).pk),
        {"present": "0"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert escape(english(Code.ATTENDANCE_LOCKED.label)) in response.text
    assert seat_of(council, members[1]).pk  # still listed
    assert session.attendance.get(member__user=members[1]).present


def test_cancelling_a_session_needs_a_reason_and_frees_its_nominations(
    client, council, at_council, council_secretary
):
    session = plan(council_secretary, council, at_council)
    client.force_login(council_secretary)

    refused = client.post(session_url(session, "session_cancel"), {"reason": ""})
    assert refused.status_code == 200 and refused.context["cancel_form"].errors["reason"]

    response = client.post(session_url(session, "session_cancel"), {"reason": "Hoãn họp"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    page = client.get(session_url(session))
    assert "This session was cancelled" in page.text
    assert session_url(session, "session_open") not in page.text
