"""Councils and their sessions through the API, driven role by role: the secretary plans and runs
the session, each member votes with their own token, as an integration would."""

import datetime
import json

import pytest
from django.utils import timezone

from audit.models import AuditEvent, EventType
from nominations.models import (
    AgendaItem,
    CouncilMember,
    CouncilSession,
    NominationStatus,
    SessionStatus,
    Vote,
)
from nominations.services import (
    agenda_item_add,
    attendance_record,
    council_member_end,
    council_session_create,
    council_session_open,
    vote_cast,
)
from organizations.models import Role
from tests.factories import PersonFactory
from tests.nominations.conftest import actor_at, nominate, to_council

URL = "/api/v1/council-sessions/"
COUNCILS = "/api/v1/councils/"
MEETING = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))


def url(session_id: int, action: str = "") -> str:
    return f"{URL}{session_id}/{action + '/' if action else ''}"


def item_url(session_id: int, item_id: int, action: str = "") -> str:
    return url(session_id, f"agenda/{item_id}" + (f"/{action}" if action else ""))


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def error(response, status: int) -> dict:
    assert response.status_code == status, response.json()
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    return body


def plan(secretary, council, *nominations, title="Phiên họp xét khen thưởng năm 2025"):
    session = council_session_create(
        actor=secretary, council=council, title=title, scheduled_at=MEETING, location="Phòng 1"
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


def seat_of(council, user) -> CouncilMember:
    return CouncilMember.objects.get(council=council, user=user)


@pytest.fixture
def flag(tree, district_clerk, reviewer):
    """The province's emulation flag for CĐCS A1-X, at province A's council: a secret ballot."""
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


# --- a whole session ---------------------------------------------------------------------------


def test_a_whole_session_runs_through_the_api(
    api_as, council, at_council, council_secretary, members, signer
):
    secretary = api_as(council_secretary)

    # the secretary plans the session
    created = ok(
        secretary.post(
            URL,
            {
                "council": council.pk,
                "title": "Phiên họp xét khen thưởng năm 2025",
                "scheduled_at": MEETING.isoformat(),
                "location": "Phòng họp 1",
            },
            format="json",
        ),
        201,
    )
    pk = created["id"]
    assert created["status"] == "planned"
    assert created["council"]["unit"]["code"] == "LDLD-A"
    assert created["agenda"] == [] and created["attendance"] == []

    # puts the nomination on its agenda
    item = ok(secretary.post(url(pk, "agenda"), {"nomination": at_council.pk}, format="json"), 201)
    assert (item["position"], item["ballot_type"], item["result"]) == (1, "open", "pending")
    assert item["nomination"]["id"] == at_council.pk
    assert item["tally"] is None  # nothing to count before the session opens

    # opens it: every member is listed, absent
    opened = ok(secretary.post(url(pk, "open")))
    assert (opened["status"], opened["member_count"]) == ("open", 5)
    assert [row["present"] for row in opened["attendance"]] == [False] * 5
    member_ids = {
        row["member"]["user"]["username"]: row["member"]["id"] for row in opened["attendance"]
    }

    # records four members present
    for user in members[:4]:
        row = ok(
            secretary.post(
                url(pk, "attendance"),
                {"member": member_ids[user.username], "present": True},
                format="json",
            )
        )
        assert row["present"] is True
    absent = ok(
        secretary.post(
            url(pk, "attendance"),
            {"member": member_ids[members[4].username], "present": False, "note": "Đi công tác"},
            format="json",
        )
    )
    assert absent["note"] == "Đi công tác"

    # the members present vote, each with their own token
    for user, choice in zip(members[:4], ["yes", "yes", "no", "abstain"], strict=True):
        cast = ok(
            api_as(user).post(item_url(pk, item["id"], "vote"), {"choice": choice}, format="json"),
            201,
        )
        assert cast == {
            "item": item["id"],
            "member": member_ids[user.username],
            "ballot_type": "open",
            "recorded": True,
        }
    # a show of hands: the running count and who voted how are public
    running = ok(secretary.get(item_url(pk, item["id"])))
    assert running["tally"] == {"yes": 2, "no": 1, "abstain": 1, "cast": 4}
    assert len(running["votes"]) == 4

    # closes it: the results come back
    closed = ok(secretary.post(url(pk, "close"), {}, format="json"))

    assert closed["status"] == "closed"
    (result,) = closed["agenda"]
    assert (result["result"], result["base_count"]) == ("passed", 4)
    assert result["tally"] == {"yes": 2, "no": 1, "abstain": 1, "cast": 4}
    assert "BIÊN BẢN" in closed["minutes"]
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.AWAITING_DECISION
    assert AuditEvent.objects.filter(event_type=EventType.COUNCIL_SESSION_CLOSED).count() == 1


def test_the_secretary_writes_the_minutes_when_closing(
    api_as, council, at_council, council_secretary, members
):
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    for user in members:
        vote_cast(actor=user, item=session.items.get(), choice="yes")

    closed = ok(
        api_as(council_secretary).post(
            url(session.pk, "close"), {"minutes": "Biên bản viết tay."}, format="json"
        )
    )

    assert closed["minutes"] == "Biên bản viết tay."


def test_an_agenda_item_comes_off_a_planned_session(api_as, council, at_council, council_secretary):
    session = plan(council_secretary, council, at_council)
    item = session.items.get()
    client = api_as(council_secretary)

    removed = client.delete(item_url(session.pk, item.pk) + "?reason=Bổ sung hồ sơ")
    again = client.delete(item_url(session.pk, item.pk))

    assert removed.status_code == 204
    assert error(again, 404)["code"] == "not_found"
    assert not AgendaItem.objects.exists()
    event = AuditEvent.objects.get(event_type=EventType.AGENDA_ITEM_REMOVED)
    assert event.reason == "Bổ sung hồ sơ"


def test_a_planned_session_is_cancelled_and_frees_its_nominations(
    api_as, council, at_council, council_secretary
):
    session = plan(council_secretary, council, at_council)
    client = api_as(council_secretary)

    cancelled = ok(client.post(url(session.pk, "cancel"), {"reason": "Hoãn họp"}, format="json"))
    other = plan(council_secretary, council)
    added = client.post(url(other.pk, "agenda"), {"nomination": at_council.pk}, format="json")

    assert cancelled["status"] == "cancelled"
    assert added.status_code == 201


# --- errors ------------------------------------------------------------------------------------


def test_a_step_no_longer_possible_answers_409(
    api_as, council, at_council, council_secretary, members
):
    # given a session that has closed
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    item = session.items.get()
    vote_cast(actor=members[0], item=item, choice="yes")
    secretary = api_as(council_secretary)
    voter = api_as(members[0])
    twice = voter.post(item_url(session.pk, item.pk, "vote"), {"choice": "no"}, format="json")
    for user in members[1:]:
        vote_cast(actor=user, item=item, choice="yes")
    ok(secretary.post(url(session.pk, "close"), {}, format="json"))

    # when
    late_vote = api_as(members[1]).post(
        item_url(session.pk, item.pk, "vote"), {"choice": "no"}, format="json"
    )
    responses = {
        "open again": secretary.post(url(session.pk, "open")),
        "close again": secretary.post(url(session.pk, "close"), {}, format="json"),
        "cancel": secretary.post(url(session.pk, "cancel"), {}, format="json"),
        "remove item": secretary.delete(item_url(session.pk, item.pk)),
        "attendance": secretary.post(
            url(session.pk, "attendance"),
            {"member": seat_of(council, members[0]).pk, "present": False},
            format="json",
        ),
    }

    # then
    assert error(twice, 409)["code"] == "already_voted"
    assert error(late_vote, 409)["code"] == "session_not_open"
    codes = {name: error(response, 409)["code"] for name, response in responses.items()}
    assert codes == {
        "open again": "session_not_planned",
        "close again": "session_not_open",
        "cancel": "session_not_planned",
        "remove item": "session_not_planned",
        "attendance": "session_not_open",
    }
    assert Vote.objects.count() == 5


def test_closing_without_quorum_answers_409_and_changes_nothing(
    api_as, council, at_council, council_secretary, members
):
    # given 3 of 5 present: below the award's two-thirds quorum
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:3]
    )

    body = error(api_as(council_secretary).post(url(session.pk, "close"), {}, format="json"), 409)

    assert body["code"] == "quorum_not_met"
    assert (body["details"]["present"], body["details"]["members"]) == (3, 5)
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_a_member_who_voted_cannot_be_marked_absent(
    api_as, council, at_council, council_secretary, members
):
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    vote_cast(actor=members[0], item=session.items.get(), choice="yes")

    response = api_as(council_secretary).post(
        url(session.pk, "attendance"),
        {"member": seat_of(council, members[0]).pk, "present": False},
        format="json",
    )

    assert error(response, 409)["code"] == "attendance_locked"


def test_invalid_input_names_the_fields(api_as, council, at_council, council_secretary, members):
    secretary = api_as(council_secretary)
    planned = plan(council_secretary, council)

    no_title = secretary.post(
        URL, {"council": council.pk, "scheduled_at": "next week"}, format="json"
    )
    no_nomination = secretary.post(url(planned.pk, "agenda"), {}, format="json")
    unknown_nomination = secretary.post(
        url(planned.pk, "agenda"), {"nomination": 999_999}, format="json"
    )

    body = error(no_title, 400)
    assert body["code"] == "invalid_input"
    assert set(body["details"]) == {"title", "scheduled_at"}
    assert list(error(no_nomination, 400)["details"]) == ["nomination"]
    assert list(error(unknown_nomination, 400)["details"]) == ["nomination"]

    # a vote needs a choice among yes, no and abstain; attendance needs present
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    item = session.items.get()
    maybe = api_as(members[0]).post(
        item_url(session.pk, item.pk, "vote"), {"choice": "maybe"}, format="json"
    )
    no_present = secretary.post(
        url(session.pk, "attendance"), {"member": seat_of(council, members[0]).pk}, format="json"
    )
    assert list(error(maybe, 400)["details"]) == ["choice"]
    assert list(error(no_present, 400)["details"]) == ["present"]
    assert not Vote.objects.exists()


def test_the_agenda_takes_only_nominations_at_this_councils_step(
    api_as, council, council_secretary, clerk, tree
):
    # given a nomination still in review at the district
    in_review = to_council(
        nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x)), clerk=clerk, reviewers=[]
    )
    session = plan(council_secretary, council)

    response = api_as(council_secretary).post(
        url(session.pk, "agenda"), {"nomination": in_review.pk}, format="json"
    )

    body = error(response, 400)
    assert body["code"] == "not_at_this_council"
    assert list(body["details"]) == ["nomination"]


def test_a_member_not_on_this_council_is_refused_attendance(
    api_as, council, at_council, council_secretary, members, tree, unit_admin
):
    # given a seat that ended before the session opened
    leaving = seat_of(council, members[4])
    council_member_end(
        actor=unit_admin,
        member=leaving,
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
        reason="Nghỉ hưu",
    )
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:4]
    )

    response = api_as(council_secretary).post(
        url(session.pk, "attendance"), {"member": leaving.pk, "present": True}, format="json"
    )

    body = error(response, 400)
    assert body["code"] == "not_council_member"
    assert list(body["details"]) == ["member"]


def test_who_lacks_the_role_gets_403(
    api_as, council, at_council, council_secretary, members, reviewer, signer, auditor
):
    planned = plan(council_secretary, council, at_council)
    item = planned.items.get()

    # planning and running a session is the secretary's
    by_reviewer = api_as(reviewer).post(
        URL,
        {"council": council.pk, "title": "Phiên", "scheduled_at": MEETING.isoformat()},
        format="json",
    )
    by_member = api_as(members[0])
    member_writes = [
        by_member.post(url(planned.pk, "open")),
        by_member.post(url(planned.pk, "cancel"), {}, format="json"),
        by_member.delete(item_url(planned.pk, item.pk)),
    ]
    auditor_writes = [
        api_as(auditor).post(url(planned.pk, "open")),
        api_as(auditor).post(url(planned.pk, "agenda"), {"nomination": at_council.pk}),
    ]
    # voting is for the council's members
    session = open_with(council_secretary, planned, members)
    by_signer = api_as(signer).post(
        item_url(session.pk, item.pk, "vote"), {"choice": "yes"}, format="json"
    )
    close_by_member = by_member.post(url(session.pk, "close"), {}, format="json")

    assert error(by_reviewer, 403)["code"] == "permission_denied"
    assert [r.status_code for r in member_writes + auditor_writes] == [403] * 5
    assert error(by_signer, 403)["code"] == "not_council_member"
    assert error(close_by_member, 403)["code"] == "permission_denied"
    assert CouncilSession.objects.count() == 1
    assert not Vote.objects.exists()


def test_councils_and_sessions_of_another_province_are_not_found(
    api_as, council, at_council, council_secretary, members, tree, reviewer_b
):
    # given province B's secretary, who also sits on province B's council
    secretary_b = actor_at("secretary_b", Role.COUNCIL_SECRETARY, tree.province_b)
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    item = session.items.get()
    client = api_as(secretary_b)

    responses = [
        client.get(f"{COUNCILS}{council.pk}/"),
        client.get(url(session.pk)),
        client.get(item_url(session.pk, item.pk)),
        client.post(url(session.pk, "agenda"), {"nomination": at_council.pk}, format="json"),
        client.delete(item_url(session.pk, item.pk)),
        client.post(
            url(session.pk, "attendance"),
            {"member": seat_of(council, members[0]).pk, "present": False},
            format="json",
        ),
        client.post(item_url(session.pk, item.pk, "vote"), {"choice": "yes"}, format="json"),
        client.post(url(session.pk, "open")),
        client.post(url(session.pk, "close"), {}, format="json"),
        client.post(url(session.pk, "cancel"), {}, format="json"),
    ]
    # a session of province A named as the council of a new session
    create = client.post(
        URL, {"council": council.pk, "title": "Phiên", "scheduled_at": MEETING.isoformat()}
    )

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert {r.json()["code"] for r in responses} == {"not_found"}
    assert list(error(create, 400)["details"]) == ["council"]
    assert ok(client.get(URL))["count"] == 0
    assert ok(client.get(COUNCILS))["count"] == 0
    assert ok(api_as(reviewer_b).get(URL))["count"] == 0


def test_an_item_of_another_session_is_not_found(api_as, council, at_council, council_secretary):
    first = plan(council_secretary, council, at_council)
    second = plan(council_secretary, council, title="Phiên bổ sung")

    response = api_as(council_secretary).get(item_url(second.pk, first.items.get().pk))

    assert error(response, 404)["code"] == "not_found"


# --- the secret ballot -------------------------------------------------------------------------


def _mentions_a_choice(body) -> bool:
    text = json.dumps(body)
    return '"choice"' in text or any(f'"{c}"' in text for c in ("yes", "no", "abstain"))


def test_a_secret_ballot_never_reveals_choices(api_as, council, flag, council_secretary, members):
    session = open_with(council_secretary, plan(council_secretary, council, flag), members)
    item = session.items.get()
    secretary = api_as(council_secretary)

    # when the five members vote, each differently from the one before
    answers = []
    for user, choice in zip(members, ["yes", "no", "abstain", "yes", "yes"], strict=True):
        cast = ok(
            api_as(user).post(
                item_url(session.pk, item.pk, "vote"), {"choice": choice}, format="json"
            ),
            201,
        )
        answers.append({key: value for key, value in cast.items() if key != "member"})
        # the running count stays hidden from everyone, the secretary included
        running = ok(secretary.get(url(session.pk)))
        assert running["agenda"][0]["tally"] is None
        assert running["agenda"][0]["votes"] == []
        assert not _mentions_a_choice(running)
        assert ok(api_as(members[0]).get(item_url(session.pk, item.pk)))["tally"] is None

    # then every vote got the same answer, whatever the choice
    assert answers == [{"item": item.pk, "ballot_type": "secret", "recorded": True}] * 5
    assert not Vote.objects.exists()

    # and only the total is published, at the close
    closed = ok(secretary.post(url(session.pk, "close"), {}, format="json"))
    (result,) = closed["agenda"]
    assert result["tally"] == {"yes": 3, "no": 1, "abstain": 1, "cast": 5}
    assert result["votes"] == []
    assert result["result"] == "passed"
    shown = ok(secretary.get(item_url(session.pk, item.pk)))
    assert "choice" not in json.dumps(shown)


# --- reads -------------------------------------------------------------------------------------


def test_a_council_shows_its_members_today(api_as, council, members, unit_admin, auditor):
    # given a member whose term ended yesterday
    council_member_end(
        actor=unit_admin,
        member=seat_of(council, members[4]),
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
        reason="Hết nhiệm kỳ",
    )
    client = api_as(auditor)

    listed = ok(client.get(COUNCILS))
    detail = ok(client.get(f"{COUNCILS}{council.pk}/"))

    assert [c["id"] for c in listed["results"]] == [council.pk]
    assert detail["established_by"] == "Quyết định số 15/QĐ-LĐLĐ"
    assert [m["user"]["username"] for m in detail["members"]] == [u.username for u in members[:4]]
    assert detail["members"][0]["position"] == "chair"


def test_sessions_are_filtered_by_council_and_status(
    api_as, council, at_council, council_secretary, members, tree
):
    planned = plan(council_secretary, council, title="Phiên kế hoạch")
    opened = open_with(
        council_secretary, plan(council_secretary, council, at_council, title="Phiên mở"), members
    )
    client = api_as(council_secretary)

    def ids(query: str) -> list[int]:
        return [s["id"] for s in ok(client.get(f"{URL}?{query}"))["results"]]

    assert set(ids("")) == {planned.pk, opened.pk}
    assert ids("status=open") == [opened.pk]
    assert set(ids(f"council={council.pk}")) == {planned.pk, opened.pk}
    assert ids(f"council={council.pk + 1}") == []
    bad = error(client.get(f"{URL}?status=soon&council=x"), 400)
    assert set(bad["details"]) == {"status", "council"}


def test_council_list_queries_do_not_grow_with_the_rows(
    api_as, council, tree, auditor, django_assert_max_num_queries
):
    from nominations.services import council_save

    for unit in (tree.district_a1, tree.district_a2):
        admin = actor_at(f"admin_{unit.code}", Role.ADMIN, unit)
        council_save(actor=admin, unit=unit, name=f"Hội đồng {unit.name}")
    client = api_as(auditor)

    # token, roles, count, page
    with django_assert_max_num_queries(4):
        response = client.get(COUNCILS)

    assert response.json()["count"] == 3


def test_council_detail_queries_do_not_grow_with_its_members(
    api_as, council, members, auditor, django_assert_max_num_queries
):
    client = api_as(auditor)

    # token, roles, the council, its seats (prefetched), its members today
    with django_assert_max_num_queries(5):
        response = client.get(f"{COUNCILS}{council.pk}/")

    assert len(response.json()["members"]) == 5


def test_session_list_queries_do_not_grow_with_the_rows(
    api_as, council, council_secretary, django_assert_max_num_queries
):
    for number in range(12):
        plan(council_secretary, council, title=f"Phiên số {number}")
    client = api_as(council_secretary)

    # token, roles, count, page
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 12


def test_session_detail_queries_do_not_grow_with_the_agenda(
    api_as,
    council,
    council_secretary,
    members,
    clerk,
    tree,
    district_reviewer,
    reviewer,
    django_assert_max_num_queries,
):
    # given an open session of four nominations, each with votes
    nominations = [
        to_council(
            nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x)),
            clerk=clerk,
            reviewers=[district_reviewer, reviewer],
        )
        for _ in range(4)
    ]
    session = open_with(council_secretary, plan(council_secretary, council, *nominations), members)
    for item in session.items.all():
        for user in members[:3]:
            vote_cast(actor=user, item=item, choice="yes")
    client = api_as(council_secretary)

    # token, roles, the session, its agenda, the open votes, the attendance
    with django_assert_max_num_queries(6):
        response = client.get(url(session.pk))

    body = response.json()
    assert [item["tally"]["yes"] for item in body["agenda"]] == [3] * 4
    assert len(body["attendance"]) == 5
