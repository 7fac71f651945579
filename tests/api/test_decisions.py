"""Award decisions through the API: the secretary drafts, the signer issues under the next
number of the unit and year, an award is revoked with its reason."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent, EventType
from awards.models import AwardRecord, RegulationDocument
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
from tests.factories import PersonFactory
from tests.nominations.conftest import actor_at, nominate, to_council

URL = "/api/v1/decisions/"
TODAY = timezone.localdate
NO_VOTE_AWARD = "lao-dong-tien-tien"  # decided by the province without a council vote
TITLE = "Quyết định khen thưởng danh hiệu Lao động tiên tiến năm 2025"


def url(decision_id: int, action: str = "") -> str:
    return f"{URL}{decision_id}/{action + '/' if action else ''}"


def revoke_url(decision_id: int, item_id: int) -> str:
    return url(decision_id, f"items/{item_id}/revoke")


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def error(response, status: int) -> dict:
    assert response.status_code == status, response.json()
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    return body


@pytest.fixture
def awaiting(reference_data, tree, clerk, district_reviewer, reviewer):
    """Makes nominations of CĐCS A1-X that wait for province A's decision (Lao động tiên tiến:
    no vote)."""

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


def draft_of(actor, unit, nominations, **kwargs) -> Decision:
    return decision_draft(
        actor=actor, deciding_unit=unit, title=TITLE, nominations=nominations, **kwargs
    )


@pytest.fixture
def issued(awaiting, council_secretary, signer, tree) -> Decision:
    """An issued decision of province A granting one nomination of CĐCS A1-X."""
    (nomination,) = awaiting()
    draft = draft_of(council_secretary, tree.province_a, [nomination])
    return decision_issue(actor=signer, decision=draft, signed_on=TODAY())


# --- drafting and issuing ----------------------------------------------------------------------


def test_drafts_issued_through_the_api_take_consecutive_numbers(
    api_as, awaiting, council_secretary, signer, tree
):
    secretary = api_as(council_secretary)
    nominations = awaiting(3)

    # the secretary drafts two decisions
    drafts = [
        ok(
            secretary.post(
                URL,
                {
                    "deciding_unit": tree.province_a.pk,
                    "title": TITLE,
                    "nominations": [n.pk for n in chunk],
                    "funding_source": "Quỹ Thi đua – Khen thưởng",
                },
                format="json",
            ),
            201,
        )
        for chunk in (nominations[:2], nominations[2:])
    ]
    for draft in drafts:
        assert (draft["status"], draft["number"], draft["reference"]) == ("draft", None, "")
        assert "06/2022/QH15" in draft["legal_basis"]  # the law in force, cited by default
        assert {d["code"] for d in draft["legal_documents"]} >= {"LUAT-TDKT-2022"}
    assert [len(d["items"]) for d in drafts] == [2, 1]
    assert drafts[0]["items"][0]["amount_vnd"] == 702_000  # 0.3 × the base salary
    assert drafts[0]["funding_source"] == "Quỹ Thi đua – Khen thưởng"

    # the signer issues them, the second one first
    signing = api_as(signer)
    second = ok(signing.post(url(drafts[1]["id"], "issue"), {}, format="json"))
    first = ok(
        signing.post(
            url(drafts[0]["id"], "issue"), {"signed_on": TODAY().isoformat()}, format="json"
        )
    )

    # then the numbers follow each other in the order of issue
    assert (second["number"], first["number"]) == (1, 2)
    assert second["reference"] == "1/QĐ-LDLD-A"
    assert first["reference"] == "2/QĐ-LDLD-A"
    assert first["status"] == "issued"
    assert (first["signed_on"], first["signer"]["username"]) == (TODAY().isoformat(), "signer")
    # and each recipient is awarded, with their award record
    assert {item["nomination"]["status"] for item in first["items"]} == {"awarded"}
    records = {item["award_record_id"] for item in first["items"] + second["items"]}
    assert records == set(AwardRecord.objects.values_list("pk", flat=True))
    assert len(records) == 3


def test_a_decision_after_a_council_vote_rests_on_its_session(
    api_as, council, at_council, council_secretary, members, tree
):
    # given the council passed the nomination in a closed session
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

    # when the secretary drafts the decision
    draft = ok(
        api_as(council_secretary).post(
            URL,
            {
                "deciding_unit": tree.province_a.pk,
                "title": "Quyết định tặng Bằng khen",
                "nominations": [at_council.pk],
            },
            format="json",
        ),
        201,
    )

    # then it cites the session and its minutes
    assert draft["council_session"]["id"] == session.pk
    assert "10/12/2025" in draft["legal_basis"]
    assert draft["items"][0]["recipient_name"] == at_council.nominee_person.full_name


def test_a_draft_is_edited_field_by_field(api_as, awaiting, council_secretary, tree):
    first, second = awaiting(2)
    decision = draft_of(council_secretary, tree.province_a, [first], signer_title="Chủ tịch")
    law = RegulationDocument.objects.get(code="LUAT-TDKT-2022")

    patched = ok(
        api_as(council_secretary).patch(
            url(decision.pk),
            {
                "title": "Quyết định (sửa)",
                "add_nominations": [second.pk],
                "remove_nominations": [first.pk],
                "legal_documents": [law.pk],
            },
            format="json",
        )
    )

    assert patched["title"] == "Quyết định (sửa)"
    assert patched["signer_title"] == "Chủ tịch"  # not sent, not changed
    assert [item["nomination"]["id"] for item in patched["items"]] == [second.pk]
    assert [d["code"] for d in patched["legal_documents"]] == ["LUAT-TDKT-2022"]
    event = AuditEvent.objects.get(event_type=EventType.DECISION_UPDATED)
    assert (event.changes["added"], event.changes["removed"]) == ([second.pk], [first.pk])


# --- errors ------------------------------------------------------------------------------------


def test_issuing_an_issued_decision_answers_409(api_as, issued, signer):
    client = api_as(signer)

    again = client.post(url(issued.pk, "issue"), {}, format="json")
    edit = client.patch(url(issued.pk), {"title": "Sửa"}, format="json")

    assert error(again, 409)["code"] == "decision_not_draft"
    assert error(edit, 409)["code"] == "decision_not_draft"
    issued.refresh_from_db()
    assert (issued.number, issued.title) == (1, TITLE)


def test_invalid_input_names_the_fields(api_as, awaiting, council_secretary, signer, tree):
    (nomination,) = awaiting()
    secretary = api_as(council_secretary)

    nothing = secretary.post(URL, {}, format="json")
    empty = secretary.post(
        URL,
        {"deciding_unit": tree.province_a.pk, "title": TITLE, "nominations": []},
        format="json",
    )
    unknown = secretary.post(
        URL,
        {"deciding_unit": tree.province_a.pk, "title": TITLE, "nominations": [999_999]},
        format="json",
    )

    assert set(error(nothing, 400)["details"]) == {"deciding_unit", "title", "nominations"}
    body = error(empty, 400)
    assert (body["code"], list(body["details"])) == ("decision_empty", ["nominations"])
    assert list(error(unknown, 400)["details"]) == ["nominations"]

    # a signing date in the future, or not a date
    decision = draft_of(council_secretary, tree.province_a, [nomination])
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    future = api_as(signer).post(url(decision.pk, "issue"), {"signed_on": tomorrow}, format="json")
    garbled = api_as(signer).post(url(decision.pk, "issue"), {"signed_on": "mai"}, format="json")
    body = error(future, 400)
    assert (body["code"], list(body["details"])) == ("signed_on_invalid", ["signed_on"])
    assert error(garbled, 400)["code"] == "invalid_input"
    assert list(garbled.json()["details"]) == ["signed_on"]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_a_nomination_not_waiting_for_the_decision_is_refused(
    api_as, awaiting, at_council, council_secretary, tree
):
    (waiting,) = awaiting()
    secretary = api_as(council_secretary)
    body = {"deciding_unit": tree.province_a.pk, "title": TITLE}

    still_at_council = secretary.post(URL, {**body, "nominations": [at_council.pk]}, format="json")
    ok(secretary.post(URL, {**body, "nominations": [waiting.pk]}, format="json"), 201)
    twice = secretary.post(URL, {**body, "nominations": [waiting.pk]}, format="json")

    assert error(still_at_council, 400)["code"] == "not_awaiting_decision"
    assert error(twice, 409)["code"] == "already_in_decision"


def test_who_lacks_the_role_gets_403(api_as, awaiting, council_secretary, auditor, tree):
    (nomination,) = awaiting()
    decision = draft_of(council_secretary, tree.province_a, [nomination])

    # the auditor reads the province's nominations, but drafts and edits nothing
    draft_by_auditor = api_as(auditor).post(
        URL,
        {"deciding_unit": tree.province_a.pk, "title": TITLE, "nominations": [nomination.pk]},
        format="json",
    )
    patch_by_auditor = api_as(auditor).patch(url(decision.pk), {"title": "x"}, format="json")
    # issuing is the signer's
    issue_by_secretary = api_as(council_secretary).post(url(decision.pk, "issue"), {})

    assert error(draft_by_auditor, 403)["code"] == "permission_denied"
    assert error(issue_by_secretary, 403)["code"] == "permission_denied"
    assert error(patch_by_auditor, 403)["code"] == "permission_denied"
    decision.refresh_from_db()
    assert (decision.status, decision.title) == (DecisionStatus.DRAFT, TITLE)


def test_the_filing_unit_reads_the_decision_that_awards_it_but_cannot_act(api_as, issued, clerk):
    client = api_as(clerk)
    item = issued.items.get()

    listed = ok(client.get(URL))
    detail = ok(client.get(url(issued.pk)))
    revoke = client.post(revoke_url(issued.pk, item.pk), {"reason": "x"}, format="json")

    assert [d["id"] for d in listed["results"]] == [issued.pk]
    assert detail["items"][0]["nomination"]["nominating_unit"]["code"] == "CDCS-A1X"
    assert error(revoke, 403)["code"] == "permission_denied"


def test_decisions_of_another_province_are_not_found(api_as, issued, tree, reviewer_b):
    signer_b = actor_at("signer_b", Role.SIGNER, tree.province_b)
    item = issued.items.get()
    responses = []
    for user in (reviewer_b, signer_b):
        client = api_as(user)
        responses += [
            client.get(url(issued.pk)),
            client.patch(url(issued.pk), {"title": "x"}, format="json"),
            client.post(url(issued.pk, "issue"), {}, format="json"),
            client.post(revoke_url(issued.pk, item.pk), {"reason": "x"}, format="json"),
        ]
        assert ok(client.get(URL))["count"] == 0

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert {r.json()["code"] for r in responses} == {"not_found"}


# --- revocation --------------------------------------------------------------------------------


def test_an_award_is_revoked_with_its_reason(
    api_as, issued, signer, awaiting, council_secretary, tree
):
    item = issued.items.get()
    client = api_as(signer)
    reason = "Kê khai sai thành tích (Luật Thi đua, khen thưởng 2022, chương VII)."

    no_reason = client.post(revoke_url(issued.pk, item.pk), {}, format="json")
    revoked = ok(client.post(revoke_url(issued.pk, item.pk), {"reason": reason}, format="json"))
    twice = client.post(revoke_url(issued.pk, item.pk), {"reason": reason}, format="json")

    body = error(no_reason, 400)
    assert (body["code"], list(body["details"])) == ("reason_required", ["reason"])
    assert (revoked["revoked_on"], revoked["revocation_reason"]) == (TODAY().isoformat(), reason)
    assert revoked["revoked_by"]["username"] == "signer"
    assert revoked["nomination"]["status"] == NominationStatus.REVOKED
    assert error(twice, 409)["code"] == "not_revocable"
    shown = ok(api_as(signer).get(url(issued.pk)))
    assert shown["items"][0]["revocation_reason"] == reason
    assert shown["status"] == "issued"  # the decision itself stays as issued

    # an award of a draft cannot be revoked: there is none yet
    (other,) = awaiting()
    draft = draft_of(council_secretary, tree.province_a, [other])
    on_draft = client.post(
        revoke_url(draft.pk, draft.items.get().pk), {"reason": reason}, format="json"
    )
    assert error(on_draft, 409)["code"] == "not_revocable"


def test_an_item_of_another_decision_is_not_found(api_as, issued, awaiting, signer, tree):
    (nomination,) = awaiting()
    other = decision_issue(
        actor=signer,
        decision=draft_of(signer, tree.province_a, [nomination]),
        signed_on=TODAY(),
    )

    response = api_as(signer).post(
        revoke_url(issued.pk, other.items.get().pk), {"reason": "x"}, format="json"
    )

    assert error(response, 404)["code"] == "not_found"


# --- reads -------------------------------------------------------------------------------------


def test_decisions_are_filtered_by_status_year_and_unit(
    api_as, issued, awaiting, council_secretary, signer, tree
):
    (nomination,) = awaiting()
    draft = draft_of(council_secretary, tree.province_a, [nomination])
    client = api_as(signer)

    def ids(query: str) -> set[int]:
        return {d["id"] for d in ok(client.get(f"{URL}?{query}"))["results"]}

    assert ids("") == {issued.pk, draft.pk}
    assert ids("status=issued") == {issued.pk}
    assert ids("status=draft") == {draft.pk}
    assert ids(f"year={TODAY().year}") == {issued.pk, draft.pk}
    assert ids(f"year={TODAY().year - 1}") == set()
    assert ids(f"unit={tree.province_a.pk}") == {issued.pk, draft.pk}
    assert ids(f"unit={tree.province_b.pk}") == set()
    bad = error(client.get(f"{URL}?status=signed&year=last&unit=x"), 400)
    assert set(bad["details"]) == {"status", "year", "unit"}


def test_decision_list_queries_do_not_grow_with_the_rows(
    api_as, awaiting, council_secretary, signer, tree, auditor, django_assert_max_num_queries
):
    for nomination in awaiting(6):
        decision = draft_of(council_secretary, tree.province_a, [nomination])
        decision_issue(actor=signer, decision=decision, signed_on=TODAY())
    client = api_as(auditor)

    # token, roles, count, page
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 6


def test_decision_detail_queries_do_not_grow_with_its_recipients(
    api_as, awaiting, council_secretary, signer, tree, auditor, django_assert_max_num_queries
):
    decision = decision_issue(
        actor=signer,
        decision=draft_of(council_secretary, tree.province_a, awaiting(5)),
        signed_on=TODAY(),
    )
    client = api_as(auditor)

    # token, roles, the decision, its legal documents, its recipients
    with django_assert_max_num_queries(5):
        response = client.get(url(decision.pk))

    assert len(response.json()["items"]) == 5
