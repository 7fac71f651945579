"""The nomination workflow through the API, driven role by role: each actor uses their own
token, as an integration would."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent, EventType
from nominations.models import Attachment, Nomination
from nominations.services import nomination_create
from tests.factories import PersonFactory
from tests.nominations.conftest import REFERENCE_DATE, award, pdf

URL = "/api/v1/nominations/"
REQUIRED_DOCUMENTS = {"to-trinh", "bao-cao-thanh-tich", "bien-ban-xet-khen-thuong"}


def url(nomination_id: int, action: str = "") -> str:
    return f"{URL}{nomination_id}/{action + '/' if action else ''}"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def attach(client, nomination_id: int, code: str, file=None):
    return client.post(
        url(nomination_id, "attachments"),
        {"document_type": code, "file": file or pdf()},
        format="multipart",
    )


def review(client, nomination_id: int, outcome: str, reason: str = "", **extra):
    return client.post(
        url(nomination_id, "review"), {"outcome": outcome, "reason": reason, **extra}, format="json"
    )


def create_body(tree, person, **overrides) -> dict:
    return {
        "nominating_unit": tree.cdcs_a1x.pk,
        "nominee_person": person.pk,
        "award_type": award("bang-khen-ldld").pk,
        "year": 2025,
        "reference_date": REFERENCE_DATE.isoformat(),
        "achievements": "Hai năm liền hoàn thành xuất sắc nhiệm vụ.",
        **overrides,
    }


@pytest.fixture
def submitted(api_as, ready, clerk):
    """`ready`, sent through the API: at district A1, waiting for its reviewers."""
    ok(api_as(clerk).post(url(ready.pk, "submit")))
    return ready


# --- the paths, role by role -------------------------------------------------------------------


def test_approved_at_every_level_reaches_the_councils_queue(
    api_as, reference_data, tree, clerk, member_a1x, district_reviewer, reviewer, council_secretary
):
    as_clerk, as_district, as_province = (
        api_as(clerk),
        api_as(district_reviewer),
        api_as(reviewer),
    )
    ratings = list(member_a1x.ratings.values_list("pk", flat=True))

    # the clerk starts a draft citing the nominee's ratings
    created = ok(as_clerk.post(URL, create_body(tree, member_a1x, ratings=ratings)), 201)
    pk = created["id"]
    assert created["status"] == "draft"
    assert created["nominee"] == {
        "kind": "person",
        "id": member_a1x.pk,
        "code": member_a1x.code,
        "name": "Nguyễn Thị Lan",
    }
    assert sorted(r["id"] for r in created["ratings"]) == sorted(ratings)
    required = {d["document_type"]["code"] for d in created["document_requirements"]}
    assert required == REQUIRED_DOCUMENTS

    # the checks say what is missing; once every document is attached they pass
    assert ok(as_clerk.get(url(pk, "checks")))["passed"] is False
    for code in sorted(required):
        ok(attach(as_clerk, pk, code), 201)
    assert ok(as_clerk.get(url(pk, "checks") + "?step=review"))["passed"] is True

    # the clerk submits: it goes to the district
    submitted = ok(as_clerk.post(url(pk, "submit")))
    assert submitted["status"] == "in_review"
    assert submitted["current_unit"]["code"] == "LDLD-A1"

    # the district's reviewer takes the task from the queue and approves
    queue = ok(as_district.get("/api/v1/tasks/?box=queue"))["results"]
    assert [(t["step"], t["nomination"]["id"]) for t in queue] == [("review", pk)]
    ok(as_district.post(f"/api/v1/tasks/{queue[0]['id']}/claim/"))
    at_province = ok(review(as_district, pk, "approved"))
    assert at_province["current_unit"]["code"] == "LDLD-A"

    # the province, which decides this award, approves: it goes to its council
    at_council = ok(review(as_province, pk, "approved"))

    # then
    assert at_council["status"] == "at_council"
    assert at_council["deciding_unit"]["code"] == "LDLD-A"
    council_queue = ok(api_as(council_secretary).get("/api/v1/tasks/"))["results"]
    assert [(t["step"], t["unit"]["code"]) for t in council_queue] == [("council", "LDLD-A")]
    history = ok(as_clerk.get(url(pk, "history")))
    assert [(r["unit"]["code"], r["outcome"]) for r in history["reviews"]] == [
        ("LDLD-A1", "approved"),
        ("LDLD-A", "approved"),
    ]
    assert [e["event_type"] for e in history["events"]] == [
        EventType.NOMINATION_CREATED,
        EventType.ATTACHMENT_ADDED,
        EventType.ATTACHMENT_ADDED,
        EventType.ATTACHMENT_ADDED,
        EventType.NOMINATION_SUBMITTED,
        EventType.TASK_CLAIMED,
        EventType.NOMINATION_APPROVED,
        EventType.NOMINATION_APPROVED,
    ]
    approved_by_district = history["events"][6]
    assert approved_by_district["actor"]["username"] == "district_reviewer"
    assert approved_by_district["actor_role"] == "reviewer"
    assert approved_by_district["actor_unit"]["code"] == "LDLD-A1"
    assert approved_by_district["changes"]["status"] == ["in_review", "in_review"]


def test_returned_twice_then_approved(api_as, submitted, clerk, district_reviewer, reviewer):
    as_clerk, as_district = api_as(clerk), api_as(district_reviewer)
    pk = submitted.pk

    for round_number in (1, 2):
        # the district returns it with its reasons
        returned = ok(review(as_district, pk, "returned", f"Lần {round_number}: bổ sung số liệu"))
        assert returned["status"] == "returned"
        assert returned["current_unit"]["code"] == "CDCS-A1X"
        # the clerk edits and sends it back
        edited = ok(
            as_clerk.patch(
                url(pk),
                {"achievements": f"Bổ sung lần {round_number}", "reason": "Theo yêu cầu"},
                format="json",
            )
        )
        assert edited["achievements"] == f"Bổ sung lần {round_number}"
        back = ok(as_clerk.post(url(pk, "resubmit"), {"note": "Đã bổ sung"}, format="json"))
        assert back["status"] == "in_review"
        assert back["current_unit"]["code"] == "LDLD-A1"

    ok(review(as_district, pk, "approved"))
    final = ok(review(api_as(reviewer), pk, "approved"))

    assert final["status"] == "at_council"
    assert final["return_count"] == 2
    assert [(r["round"], r["outcome"]) for r in final["reviews"]] == [
        (1, "returned"),
        (2, "returned"),
        (3, "approved"),
        (3, "approved"),
    ]
    assert [r["reason"] for r in final["reviews"][:2]] == [
        "Lần 1: bổ sung số liệu",
        "Lần 2: bổ sung số liệu",
    ]


def test_rejected_with_reasons_is_closed(api_as, submitted, district_reviewer):
    client = api_as(district_reviewer)

    # without reasons the reviewer is told to give them
    refused = review(client, submitted.pk, "rejected", "  ")
    rejected = ok(review(client, submitted.pk, "rejected", "Không đủ tiêu chuẩn"))

    assert refused.status_code == 400
    assert refused.json()["code"] == "reason_required"
    assert list(refused.json()["details"]) == ["reason"]
    assert rejected["status"] == "rejected"
    assert rejected["closing_reason"] == "Không đủ tiêu chuẩn"
    assert rejected["current_unit"] is None
    assert ok(client.get("/api/v1/tasks/"))["count"] == 0


def test_withdrawn_by_the_clerk_with_a_reason(api_as, submitted, clerk, district_reviewer):
    as_clerk = api_as(clerk)

    without_reason = as_clerk.post(url(submitted.pk, "withdraw"), {}, format="json")
    withdrawn = ok(
        as_clerk.post(url(submitted.pk, "withdraw"), {"reason": "Chuyển công tác"}, format="json")
    )
    too_late = review(api_as(district_reviewer), submitted.pk, "approved")

    assert without_reason.status_code == 400
    assert without_reason.json()["code"] == "reason_required"
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["closing_reason"] == "Chuyển công tác"
    assert too_late.status_code == 409
    assert too_late.json()["code"] == "step_not_open"


def test_blocked_submit_names_the_failed_check_with_its_rule_and_citation(api_as, draft, clerk):
    # when the dossier is still empty
    response = api_as(clerk).post(url(draft.pk, "submit"))

    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "checks_failed"
    assert body["message"]
    check = body["details"]["checks"][0]
    assert check["rule"] == "DOS-01"
    assert "84" in check["citation"]
    assert check["outcome"] == "failed"
    assert set(check["facts"]["missing"]) == REQUIRED_DOCUMENTS
    # the refusal is on record, and the nomination did not move
    assert AuditEvent.objects.filter(
        event_type=EventType.CHECKS_BLOCKED, object_id=str(draft.pk)
    ).exists()
    assert Nomination.objects.get(pk=draft.pk).status == "draft"


def test_approving_a_step_already_done_is_409(api_as, submitted, tree, district_reviewer, reviewer):
    as_district, as_province = api_as(district_reviewer), api_as(reviewer)
    ok(review(as_district, submitted.pk, "approved"))

    # the district approves again: its step is done, the nomination has moved up
    again_at_district = review(as_district, submitted.pk, "approved")
    # the province approves (its council takes over), then approves again
    ok(review(as_province, submitted.pk, "approved"))
    again_at_province = review(as_province, submitted.pk, "approved")

    for response in (again_at_district, again_at_province):
        assert response.status_code == 409
        assert response.json()["code"] == "step_not_open"
        assert set(response.json()) == {"code", "message", "details"}
    assert list(Nomination.objects.get(pk=submitted.pk).reviews.values_list("outcome")) == [
        ("approved",),
        ("approved",),
    ]


def test_a_reviewer_may_act_only_where_the_nomination_is(api_as, submitted, reviewer):
    # the province reads it but it is still at the district
    response = review(api_as(reviewer), submitted.pk, "approved")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_reviewer_of_another_province_gets_404_everywhere(api_as, submitted, reviewer_b):
    client = api_as(reviewer_b)
    pk = submitted.pk
    attachment = submitted.attachments.first()

    responses = [
        client.get(url(pk)),
        client.get(url(pk, "checks")),
        client.get(url(pk, "history")),
        client.patch(url(pk), {"achievements": "x"}, format="json"),
        review(client, pk, "approved"),
        client.post(url(pk, "resubmit"), {}, format="json"),
        client.post(url(pk, "withdraw"), {"reason": "x"}, format="json"),
        attach(client, pk, "to-trinh"),
        client.delete(url(pk, f"attachments/{attachment.pk}")),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert {r.json()["code"] for r in responses} == {"not_found"}
    assert ok(client.get(URL))["count"] == 0


def test_auditor_reads_but_every_write_is_403(api_as, submitted, draft_b, auditor, tree):
    client = api_as(auditor)
    pk = submitted.pk
    attachment = submitted.attachments.first()

    # reads
    assert ok(client.get(URL))["count"] == 2
    assert ok(client.get(url(pk)))["id"] == pk
    assert ok(client.get(url(pk, "history")))["events"]
    assert ok(client.get(url(pk, "checks")))["passed"] is True

    # writes
    member = PersonFactory(unit=tree.cdcs_a1y)
    writes = [
        client.post(
            URL,
            create_body(tree, member, nominating_unit=tree.cdcs_a1y.pk),
            format="json",
        ),
        client.patch(url(draft_b.pk), {"achievements": "x"}, format="json"),
        attach(client, draft_b.pk, "to-trinh"),
        client.delete(url(pk, f"attachments/{attachment.pk}")),
        client.post(url(draft_b.pk, "submit")),
        review(client, pk, "approved"),
        client.post(url(pk, "withdraw"), {"reason": "x"}, format="json"),
    ]

    assert [w.status_code for w in writes] == [403] * len(writes)
    assert {w.json()["code"] for w in writes} == {"permission_denied"}
    assert Nomination.objects.count() == 2


@pytest.fixture
def draft_b(reference_data, tree):
    """A second draft, of a district of province A (for the auditor's writes)."""
    from organizations.models import Role
    from tests.nominations.conftest import actor_at

    clerk_y = actor_at("clerk_y", Role.CLERK, tree.cdcs_a1y)
    return nomination_create(
        actor=clerk_y,
        nominating_unit=tree.cdcs_a1y,
        nominee_person=PersonFactory(unit=tree.cdcs_a1y, full_name="Trần Văn Hùng"),
        award_type=award("bang-khen-ldld"),
        year=2025,
        reference_date=REFERENCE_DATE,
    )


# --- drafts and their dossiers -----------------------------------------------------------------


def test_upload_of_a_renamed_non_document_is_refused(api_as, draft, clerk):
    # a script renamed to look like a PDF
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf"
    )

    response = attach(api_as(clerk), draft.pk, "bao-cao-thanh-tich", fake)

    assert response.status_code == 400
    assert response.json()["code"] == "attachment_type_refused"
    assert list(response.json()["details"]) == ["file"]
    assert not Attachment.objects.exists()


def test_upload_is_stored_under_a_clean_name_with_its_real_type(api_as, draft, clerk):
    # a PDF whose name hides a path and claims another type
    upload = pdf("../../etc/Báo cáo thành tích.docx")

    body = ok(attach(api_as(clerk), draft.pk, "bao-cao-thanh-tich", upload), 201)

    assert body["content_type"] == "application/pdf"
    assert body["original_name"].endswith(".pdf")
    assert "/" not in body["original_name"]
    assert body["document_type"]["code"] == "bao-cao-thanh-tich"
    assert body["uploaded_by"]["username"] == "clerk"
    assert len(body["sha256"]) == 64


def test_upload_needs_a_known_document_type_and_a_file(api_as, draft, clerk):
    response = api_as(clerk).post(
        url(draft.pk, "attachments"), {"document_type": "khong-co"}, format="multipart"
    )

    assert response.status_code == 400
    assert set(response.json()["details"]) == {"document_type", "file"}


def test_attachment_is_removed_with_its_reason(api_as, ready, clerk):
    attachment = ready.attachments.first()

    response = api_as(clerk).delete(
        url(ready.pk, f"attachments/{attachment.pk}") + "?reason=Nhầm tệp"
    )

    assert response.status_code == 204
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    event = AuditEvent.objects.get(event_type=EventType.ATTACHMENT_REMOVED)
    assert event.reason == "Nhầm tệp"


def test_attachment_of_another_nomination_is_404(api_as, ready, draft_b, clerk):
    # the clerk may read `ready`, but the document belongs to a nomination of another union
    other = Attachment.objects.create(
        nomination=draft_b,
        document_type=ready.attachments.first().document_type,
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=clerk,
    )

    response = api_as(clerk).delete(url(ready.pk, f"attachments/{other.pk}"))

    assert response.status_code == 404
    assert Attachment.objects.filter(pk=other.pk).exists()


def test_a_submitted_nomination_is_no_longer_editable(api_as, submitted, clerk):
    client = api_as(clerk)

    edit = client.patch(url(submitted.pk), {"achievements": "Sửa muộn"}, format="json")
    upload = attach(client, submitted.pk, "to-trinh")

    assert edit.status_code == upload.status_code == 400
    assert {edit.json()["code"], upload.json()["code"]} == {"not_editable"}


def test_nominee_must_be_one_person_or_one_collective(api_as, reference_data, tree, clerk):
    member = PersonFactory(unit=tree.cdcs_a1x)
    client = api_as(clerk)

    both = client.post(URL, create_body(tree, member, nominee_unit=tree.cdcs_a1x.pk), format="json")
    neither = client.post(URL, create_body(tree, member, nominee_person=None), format="json")

    for response in (both, neither):
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_input"
        assert list(response.json()["details"]) == ["nominee_person"]


def test_ids_outside_the_callers_scope_read_as_unknown(api_as, reference_data, tree, clerk):
    # a person of province B, and a rating of theirs
    elsewhere = PersonFactory(unit=tree.cdcs_b1x)
    from tests.factories import AnnualRatingFactory

    rating = AnnualRatingFactory(person=elsewhere, year=2024)

    response = api_as(clerk).post(
        URL, create_body(tree, elsewhere, ratings=[rating.pk]), format="json"
    )

    assert response.status_code == 400
    details = response.json()["details"]
    assert set(details) == {"nominee_person", "ratings"}
    assert elsewhere.full_name not in str(details)
    assert not Nomination.objects.exists()


def test_award_not_in_force_on_the_reference_date_is_refused(api_as, reference_data, tree, clerk):
    member = PersonFactory(unit=tree.cdcs_a1x)
    old_award = award("bang-khen-ldld", on=datetime.date(2023, 6, 1))

    response = api_as(clerk).post(
        URL, create_body(tree, member, award_type=old_award.pk), format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "award_not_applicable"


def test_topic_is_named_by_its_code(api_as, reference_data, tree, clerk):
    # given a topic award for the grassroots union itself
    topic_award = award("bang-khen-chuyen-de-tld")
    body = create_body(
        tree, PersonFactory(unit=tree.cdcs_a1x), award_type=topic_award.pk, nominee_person=None
    )
    body["nominee_unit"] = tree.cdcs_a1x.pk
    client = api_as(clerk)

    unknown = client.post(URL, {**body, "topic": "khong-co"}, format="json")
    created = client.post(URL, {**body, "topic": "xanh-sach-dep-atvsld"}, format="json")

    assert unknown.status_code == 400
    assert list(unknown.json()["details"]) == ["topic"]
    assert ok(created, 201)["topic"]["code"] == "xanh-sach-dep-atvsld"
    assert created.json()["nominee"]["kind"] == "collective"


def test_patch_replaces_the_cited_records(api_as, draft, clerk, member_a1x):
    ratings = list(member_a1x.ratings.order_by("year").values_list("pk", flat=True))
    client = api_as(clerk)

    cited = ok(client.patch(url(draft.pk), {"ratings": ratings}, format="json"))
    one = ok(client.patch(url(draft.pk), {"ratings": ratings[:1]}, format="json"))

    assert sorted(r["id"] for r in cited["ratings"]) == ratings
    assert [r["id"] for r in one["ratings"]] == ratings[:1]
    assert one["achievements"] == draft.achievements  # untouched


# --- reading -----------------------------------------------------------------------------------


def test_list_filters(api_as, submitted, draft_b, tree, reviewer):
    client = api_as(reviewer)

    def ids(query: str) -> set[int]:
        return {n["id"] for n in ok(client.get(f"{URL}?{query}"))["results"]}

    assert ids("") == {submitted.pk, draft_b.pk}
    assert ids("status=in_review") == {submitted.pk}
    assert ids(f"at_unit={tree.district_a1.pk}") == {submitted.pk}
    assert ids(f"unit={tree.cdcs_a1y.pk}") == {draft_b.pk}
    assert ids(f"under={tree.district_a1.pk}") == {submitted.pk, draft_b.pk}
    assert ids("search=lan") == {submitted.pk}
    assert ids("year=2024") == set()
    assert ids("award_code=bang-khen-ldld") == {submitted.pk, draft_b.pk}
    bad = client.get(f"{URL}?status=lost&year=x")
    assert bad.status_code == 400
    assert set(bad.json()["details"]) == {"status", "year"}


def test_a_clerk_lists_only_its_own_units_nominations(api_as, ready, draft_b, clerk):
    assert {n["id"] for n in ok(api_as(clerk).get(URL))["results"]} == {ready.pk}


def test_checks_of_an_unknown_step_are_400(api_as, draft, clerk):
    response = api_as(clerk).get(url(draft.pk, "checks") + "?step=party")

    assert response.status_code == 400
    assert list(response.json()["details"]) == ["step"]


def _nominations(clerk, tree, count: int) -> None:
    for _ in range(count):
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=PersonFactory(unit=tree.cdcs_a1x),
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )


def test_list_queries_do_not_grow_with_the_rows(
    api_as, reference_data, tree, clerk, reviewer, django_assert_max_num_queries
):
    client = api_as(reviewer)
    _nominations(clerk, tree, 2)
    with CaptureQueriesContext(connection) as with_few:
        client.get(f"{URL}?page_size=100")
    _nominations(clerk, tree, 20)

    # token, roles, count, page
    with django_assert_max_num_queries(5), CaptureQueriesContext(connection) as with_many:
        response = client.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 22
    assert len(with_many.captured_queries) == len(with_few.captured_queries)


def test_detail_and_history_queries_are_bounded(
    api_as, submitted, district_reviewer, clerk, django_assert_max_num_queries
):
    as_district, as_clerk = api_as(district_reviewer), api_as(clerk)
    for round_number in range(3):
        ok(review(as_district, submitted.pk, "returned", f"Lần {round_number}"))
        ok(as_clerk.post(url(submitted.pk, "resubmit"), {"note": "Đã sửa"}, format="json"))

    # token, roles, the nomination, then one query per prefetched relation (documents and their
    # types and uploaders, cited records, reviews and their units and reviewers, requirements);
    # the history adds the events, with their actors and units joined
    with django_assert_max_num_queries(14):
        detail = ok(as_clerk.get(url(submitted.pk)))
    with django_assert_max_num_queries(15):
        history = ok(as_clerk.get(url(submitted.pk, "history")))

    assert len(detail["reviews"]) == 3
    assert len(history["events"]) == 5 + 2 * 3  # created, 3 documents, submitted, 3 rounds


def test_schema_documents_the_workflow_endpoints(anonymous, db):
    schema = anonymous.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert {
        "/api/v1/nominations/",
        "/api/v1/nominations/{id}/",
        "/api/v1/nominations/{id}/checks/",
        "/api/v1/nominations/{id}/history/",
        "/api/v1/nominations/{id}/attachments/",
        "/api/v1/nominations/{id}/attachments/{attachment_pk}/",
        "/api/v1/nominations/{id}/submit/",
        "/api/v1/nominations/{id}/review/",
        "/api/v1/nominations/{id}/resubmit/",
        "/api/v1/nominations/{id}/withdraw/",
    } <= set(schema["paths"])
    review_responses = schema["paths"]["/api/v1/nominations/{id}/review/"]["post"]["responses"]
    assert {"200", "400", "403", "404", "409"} <= set(review_responses)
    attachment_body = schema["paths"]["/api/v1/nominations/{id}/attachments/"]["post"]
    assert "multipart/form-data" in attachment_body["requestBody"]["content"]
