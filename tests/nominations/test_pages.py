"""The nomination pages, driven role by role: the clerk files, attaches and submits; the
reviewer takes, approves, returns or rejects with reasons; each page stays in the reader's scope
and in a bounded number of queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from audit.models import AuditEvent, EventType
from awards.models import AwardType, DossierDocumentType
from nominations.checks import checks_for_step
from nominations.models import Nomination, NominationStatus, ReviewDecision, Submission
from nominations.services import nomination_create, nomination_review, nomination_submit
from tests.factories import AnnualRatingFactory, PersonFactory
from workflows.models import Step
from workflows.selectors import open_tasks
from workflows.services import task_claim

from .conftest import PDF, REFERENCE_DATE, actor_at, award, complete_dossier, pdf

S = NominationStatus


def detail(nomination):
    return reverse("nominations:detail", args=[nomination.pk])


def seen(nomination):
    return f"{nomination.status}:{nomination.current_unit_id or ''}"


def drafts_for(clerk, unit, count):
    nominations = []
    for _ in range(count):
        person = PersonFactory(unit=unit)
        nominations.append(
            nomination_create(
                actor=clerk,
                nominating_unit=unit,
                nominee_person=person,
                award_type=award("bang-khen-ldld"),
                year=2025,
                reference_date=REFERENCE_DATE,
            )
        )
    return nominations


def list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- the list ------------------------------------------------------------------------------------


def test_nomination_list_is_scoped_and_its_queries_do_not_grow_with_rows(
    client, reference_data, tree, clerk, reviewer, django_assert_max_num_queries
):
    # given two nominations in province A and one in province B
    drafts_for(clerk, tree.cdcs_a1x, 2)
    clerk_b = actor_at("clerk_b", "clerk", tree.cdcs_b1x)
    (other_province,) = drafts_for(clerk_b, tree.cdcs_b1x, 1)
    client.force_login(reviewer)
    few = list_queries(client, reverse("nominations:list"))

    # when ten more are filed
    drafts_for(clerk, tree.cdcs_a1x, 10)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("nominations:list"))

    # then the page costs the same, and shows only province A
    assert len(response.context["object_list"]) == 12
    assert str(other_province.nominee) not in response.text
    assert not response.context["can_create"]


def test_nomination_list_filters_by_status_and_offers_a_new_one_to_clerks(
    client, ready, draft, clerk, member_a1x
):
    nomination_submit(actor=clerk, nomination=ready)
    drafts_for(clerk, ready.nominating_unit, 1)  # a draft, which the filter leaves out
    client.force_login(clerk)

    response = client.get(reverse("nominations:list"), {"status": "in_review"})

    assert [n.pk for n in response.context["object_list"]] == [ready.pk]
    assert response.context["can_create"]
    assert reverse("nominations:create") in response.text


def test_nomination_list_exports_to_excel_and_the_export_is_audited(
    client, draft, reviewer, member_a1x
):
    client.force_login(reviewer)

    response = client.get(reverse("nominations:list"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1]) for row in rows] == [(draft.pk, str(member_a1x))]
    assert AuditEvent.objects.filter(
        event_type=EventType.EXPORT_DOWNLOADED, actor=reviewer
    ).exists()


# --- the form ------------------------------------------------------------------------------------


def test_clerk_files_a_draft_citing_the_nominees_records(
    client, reference_data, tree, clerk, member_a1x
):
    rating = member_a1x.ratings.order_by("year").last()
    bang_khen = award("bang-khen-ldld")
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:create"),
        {
            "nominating_unit": tree.cdcs_a1x.pk,
            "nominee_kind": "person",
            "nominee_person": member_a1x.pk,
            "reference_date": REFERENCE_DATE.isoformat(),
            "award_type": bang_khen.pk,
            "year": 2025,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
            "ratings": [rating.pk],
        },
    )

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(nomination) + "#dossier"
    assert (nomination.nominee_person, nomination.award_type, nomination.status) == (
        member_a1x,
        bang_khen,
        S.DRAFT,
    )
    assert list(nomination.ratings.all()) == [rating]
    assert AuditEvent.objects.filter(event_type=EventType.NOMINATION_CREATED).exists()


def test_a_nominee_of_another_unit_is_refused_on_its_field(
    client, reference_data, tree, clerk, member_a1x
):
    # a person of the sibling grassroots union, which the clerk cannot file for
    outsider = PersonFactory(unit=tree.cdcs_a1y)
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:create"),
        {
            "nominating_unit": tree.cdcs_a1x.pk,
            "nominee_kind": "person",
            "nominee_person": outsider.pk,
            "reference_date": REFERENCE_DATE.isoformat(),
            "award_type": award("bang-khen-ldld").pk,
            "year": 2025,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["nominee_person"]
    assert not Nomination.objects.exists()


def test_the_form_offers_collective_awards_once_a_collective_is_chosen(
    client, reference_data, tree, clerk
):
    client.force_login(clerk)

    # when the clerk switches to a collective (HTMX re-renders the fields)
    response = client.post(
        reverse("nominations:create"),
        {
            "_refresh": "1",
            "nominating_unit": tree.cdcs_a1x.pk,
            "nominee_kind": "collective",
            "nominee_unit": tree.team_a1x.pk,
            "reference_date": REFERENCE_DATE.isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )

    # then only awards for that kind of collective are offered, and no error is shown yet
    form = response.context["form"]
    offered = set(form.fields["award_type"].queryset)
    assert offered
    assert all(tree.team_a1x.kind in a.collective_unit_kinds.all() for a in offered)
    assert award("doan-vien-cd-xuat-sac") not in offered
    assert not form.is_bound
    assert 'id="nomination-fields"' in response.text
    assert "<html" not in response.text


def test_the_nominee_lookup_offers_members_of_the_nominating_unit_only(
    client, reference_data, tree, clerk, member_a1x
):
    PersonFactory(unit=tree.cdcs_a1y, full_name="Nguyễn Văn Khác")
    client.force_login(clerk)

    response = client.get(
        reverse("nominations:person_lookup"),
        {"person_search": "Nguyễn", "nominating_unit": tree.cdcs_a1x.pk},
    )

    assert member_a1x.full_name in response.text
    assert "Nguyễn Văn Khác" not in response.text


def test_only_clerks_open_the_new_nomination_form(client, reference_data, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("nominations:create"))

    assert response.status_code == 403


def test_clerk_edits_a_draft(client, draft, clerk):
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:update", args=[draft.pk]),
        {
            "reference_date": REFERENCE_DATE.isoformat(),
            "award_type": draft.award_type_id,
            "year": 2025,
            "period_label": "Đợt 2 năm 2025",
            "achievements": "Đã bổ sung thành tích.",
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.period_label, draft.achievements) == ("Đợt 2 năm 2025", "Đã bổ sung thành tích.")


# --- the dossier ---------------------------------------------------------------------------------


def test_clerk_attaches_a_document_and_the_dossier_and_checks_refresh_in_place(
    client, draft, clerk
):
    to_trinh = DossierDocumentType.objects.get(code="to-trinh")
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:attachment_add", args=[draft.pk]),
        {"document_type": to_trinh.pk, "file": pdf("To trinh 12.pdf")},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    attachment = draft.attachments.get()
    assert 'id="dossier"' in response.text
    assert 'id="checks" hx-swap-oob="true"' in response.text
    assert reverse("nominations:attachment_download", args=[draft.pk, attachment.pk]) in (
        response.text
    )
    assert "<html" not in response.text


def test_a_refused_upload_says_how_to_fix_it(client, draft, clerk):
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:attachment_add", args=[draft.pk]),
        {
            "document_type": DossierDocumentType.objects.get(code="to-trinh").pk,
            "file": SimpleUploadedFile("hoso.pdf", b"#!/bin/sh\necho\n"),
        },
        HTTP_HX_REQUEST="true",
    )

    form = response.context["attachment_form"]
    assert form.errors["file"]
    assert not draft.attachments.exists()


def test_clerk_removes_a_document(client, ready, clerk):
    attachment = ready.attachments.first()
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:attachment_remove", args=[ready.pk, attachment.pk]),
        {"reason": "Nhầm tệp"},
    )

    assert response.status_code == 302
    assert not ready.attachments.filter(pk=attachment.pk).exists()


def test_a_document_downloads_for_readers_and_is_not_found_for_another_province(
    client, ready, reviewer, reviewer_b
):
    attachment = ready.attachments.first()
    url = reverse("nominations:attachment_download", args=[ready.pk, attachment.pk])

    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert attachment.original_name in response["Content-Disposition"]

    client.force_login(reviewer_b)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "role_fixture", ["clerk", "district_reviewer", "reviewer", "council_secretary", "auditor"]
)
def test_the_review_screen_renders_for_every_reader_with_only_their_actions(
    client, ready, clerk, request, role_fixture
):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(detail(nomination))

    assert response.status_code == 200
    assert response.context["next_step"]
    actions = response.context["actions"]
    may_take = role_fixture == "district_reviewer"
    assert [t.can_claim for t in response.context["tasks"]] == [may_take]
    assert actions.can_withdraw == (role_fixture == "clerk")
    assert not actions.can_review  # nobody has taken the task yet
    assert not actions.can_submit


def test_a_nomination_of_another_province_is_not_found(client, ready, reviewer_b):
    client.force_login(reviewer_b)

    for url in (
        detail(ready),
        reverse("nominations:update", args=[ready.pk]),
        reverse("nominations:print", args=[ready.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("nominations:review", args=[ready.pk]), {}).status_code == 404


# --- the steps -----------------------------------------------------------------------------------


def test_a_blocked_submit_shows_the_failed_checks_with_their_citation(client, draft, clerk):
    # the draft has no document at all
    expected = checks_for_step(draft, step=Step.REVIEW)[0]
    client.force_login(clerk)

    response = client.post(reverse("nominations:submit", args=[draft.pk]), {"seen": seen(draft)})

    assert response.status_code == 200
    assert response.context["refused_checks"][0]["rule"] == expected.rule
    assert escape(expected.citation) in response.text
    assert escape(expected.message) in response.text
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert AuditEvent.objects.filter(event_type=EventType.CHECKS_BLOCKED).exists()


def test_clerk_submits_reviewer_takes_then_approves_through_the_pages(
    client, ready, clerk, district_reviewer, reviewer, tree, django_assert_max_num_queries
):
    # the clerk submits
    client.force_login(clerk)
    response = client.post(reverse("nominations:submit", args=[ready.pk]), {"seen": seen(ready)})
    assert response.status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.current_unit) == (S.IN_REVIEW, tree.district_a1)

    # the district reviewer sees the task to take, and no decision form before taking it
    client.force_login(district_reviewer)
    with django_assert_max_num_queries(40):
        page = client.get(detail(ready))
    assert not page.context["actions"].can_review
    task = open_tasks(ready).get()
    assert page.context["tasks"][0].can_claim

    response = client.post(reverse("workflows:claim", args=[task.pk]), {"next": detail(ready)})
    assert response["Location"] == detail(ready)
    page = client.get(detail(ready))
    assert page.context["actions"].can_review

    # and approves: the nomination goes up to the province
    response = client.post(
        reverse("nominations:review", args=[ready.pk]),
        {"seen": seen(ready), "outcome": "approved", "reason": ""},
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.current_unit) == (S.IN_REVIEW, tree.province_a)

    # the provincial reviewer, having taken it, approves: it reaches the council
    client.force_login(reviewer)
    client.post(reverse("workflows:claim", args=[open_tasks(ready).get().pk]))
    client.post(
        reverse("nominations:review", args=[ready.pk]),
        {"seen": seen(ready), "outcome": "approved"},
    )
    ready.refresh_from_db()
    assert ready.status == S.AT_COUNCIL
    assert ReviewDecision.objects.filter(nomination=ready).count() == 2


def test_return_needs_reasons_then_the_clerk_resubmits_and_the_history_shows_it(
    client, ready, clerk, district_reviewer
):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task_claim(actor=district_reviewer, task=open_tasks(nomination).get())
    client.force_login(district_reviewer)

    # without reasons: said on the reasons field, nothing changes
    response = client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"seen": seen(nomination), "outcome": "returned", "reason": " "},
    )
    assert response.status_code == 200
    assert response.context["forms"]["review"].errors["reason"]
    nomination.refresh_from_db()
    assert nomination.status == S.IN_REVIEW

    # with reasons: returned to the unit
    client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"seen": seen(nomination), "outcome": "returned", "reason": "Thiếu số quyết định."},
    )
    nomination.refresh_from_db()
    assert nomination.status == S.RETURNED

    # the clerk reads the reasons and resubmits
    client.force_login(clerk)
    page = client.get(detail(nomination))
    assert page.context["actions"].can_resubmit
    assert "Thiếu số quyết định." in page.text
    events = [event.event_type for event in page.context["events"]]
    assert EventType.NOMINATION_RETURNED in events
    returned = next(e for e in page.context["events"] if e.event_type == "NOMINATION_RETURNED")
    assert returned.reason == "Thiếu số quyết định."
    assert returned.role_label

    response = client.post(
        reverse("nominations:resubmit", args=[nomination.pk]),
        {"seen": seen(nomination), "note": "Đã bổ sung số quyết định."},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.current_unit_id) == (
        S.IN_REVIEW,
        district_reviewer.home_unit_id,
    )


def test_reviewer_rejects_with_reasons(client, ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task_claim(actor=district_reviewer, task=open_tasks(nomination).get())
    client.force_login(district_reviewer)

    client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"seen": seen(nomination), "outcome": "rejected", "reason": "Không đủ tiêu chuẩn."},
    )

    nomination.refresh_from_db()
    assert (nomination.status, nomination.closing_reason) == (S.REJECTED, "Không đủ tiêu chuẩn.")


def test_clerk_withdraws_with_a_reason(client, ready, clerk):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    client.force_login(clerk)

    # a reason is required
    response = client.post(
        reverse("nominations:withdraw", args=[nomination.pk]), {"seen": seen(nomination)}
    )
    assert response.context["forms"]["withdraw"].errors["reason"]

    client.post(
        reverse("nominations:withdraw", args=[nomination.pk]),
        {"seen": seen(nomination), "reason": "Cá nhân chuyển công tác."},
    )
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN
    assert not open_tasks(nomination).exists()


def test_acting_on_a_nomination_that_moved_meanwhile_is_a_conflict(
    client, ready, clerk, district_reviewer, tree
):
    # the district reviewer opened the page while the nomination was at the district...
    nomination = nomination_submit(actor=clerk, nomination=ready)
    seen_then = seen(nomination)
    other = actor_at("district_reviewer_2", "reviewer", tree.district_a1)
    # ...and a colleague approved it meanwhile
    nomination_review(actor=other, nomination=nomination, outcome="approved")
    client.force_login(district_reviewer)

    response = client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"seen": seen_then, "outcome": "approved"},
    )

    assert response.status_code == 200
    assert response.context["refusal"].code == "step_not_open"
    nomination.refresh_from_db()
    assert nomination.current_unit == tree.province_a


def test_a_clerk_cannot_review_and_a_reviewer_cannot_submit(client, ready, clerk, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("nominations:submit", args=[ready.pk]), {"seen": seen(ready)})
    assert response.status_code == 403

    nomination = nomination_submit(actor=clerk, nomination=ready)
    client.force_login(clerk)
    response = client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"seen": seen(nomination), "outcome": "approved"},
    )
    assert response.status_code == 403


def test_the_print_view_lays_out_the_proposal(client, ready, clerk):
    client.force_login(clerk)

    response = client.get(reverse("nominations:print", args=[ready.pk]))

    assert response.status_code == 200
    assert ready.nominee_person.full_name in response.text
    assert ready.award_type.name in response.text


# --- submission letters ----------------------------------------------------------------------


def test_clerk_sends_a_letter_and_the_reviewer_approves_it_whole(
    client, reference_data, tree, clerk, district_reviewer
):
    nominations = drafts_for(clerk, tree.cdcs_a1x, 2)
    for nomination in nominations:
        complete_dossier(clerk, nomination)
    client.force_login(clerk)

    # the clerk prepares the letter with both drafts and the signed file
    response = client.post(
        reverse("nominations:submission_create"),
        {
            "nominating_unit": tree.cdcs_a1x.pk,
            "subject": "Đề nghị tặng Bằng khen năm 2025",
            "number": "12/TTr-CĐCS",
            "nominations": [n.pk for n in nominations],
            "letter_file": pdf("to-trinh-12.pdf"),
        },
    )
    submission = Submission.objects.get()
    assert response["Location"] == reverse("nominations:submission_detail", args=[submission.pk])
    assert submission.nominations.count() == 2

    # and submits it
    response = client.post(reverse("nominations:submission_submit", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED

    # the district reviewer approves the whole letter
    client.force_login(district_reviewer)
    page = client.get(reverse("nominations:submission_detail", args=[submission.pk]))
    assert page.context["review_form"] is not None
    response = client.post(
        reverse("nominations:submission_review", args=[submission.pk]),
        {"unit": tree.district_a1.pk, "outcome": "approved"},
    )
    assert response.status_code == 302
    assert set(
        Nomination.objects.filter(submission=submission).values_list("current_unit", flat=True)
    ) == {tree.province_a.pk}

    # the printable letter and the signed file are there for readers
    assert (
        client.get(reverse("nominations:submission_print", args=[submission.pk])).status_code == 200
    )
    assert (
        client.get(reverse("nominations:submission_file", args=[submission.pk])).status_code == 200
    )


def test_a_letter_with_an_incomplete_dossier_is_refused_whole_with_each_ones_problems(
    client, reference_data, tree, clerk
):
    complete, incomplete = drafts_for(clerk, tree.cdcs_a1x, 2)
    complete_dossier(clerk, complete)
    client.force_login(clerk)
    client.post(
        reverse("nominations:submission_create"),
        {
            "nominating_unit": tree.cdcs_a1x.pk,
            "subject": "Đề nghị khen thưởng",
            "nominations": [complete.pk, incomplete.pk],
        },
    )
    submission = Submission.objects.get()

    response = client.post(reverse("nominations:submission_submit", args=[submission.pk]))

    assert response.status_code == 200
    refused = {n.pk: n.refused_checks for n in response.context["nominations"]}
    assert refused[incomplete.pk] and not refused[complete.pk]
    assert set(
        Nomination.objects.filter(submission=submission).values_list("status", flat=True)
    ) == {S.DRAFT}


def test_letter_list_is_scoped_and_bounded(
    client, reference_data, tree, clerk, reviewer_b, django_assert_max_num_queries
):
    from nominations.services import submission_create

    for number in range(5):
        submission_create(actor=clerk, nominating_unit=tree.cdcs_a1x, subject=f"Tờ trình {number}")
    client.force_login(clerk)
    few = list_queries(client, reverse("nominations:submission_list"))
    for number in range(5, 15):
        submission_create(actor=clerk, nominating_unit=tree.cdcs_a1x, subject=f"Tờ trình {number}")

    with django_assert_max_num_queries(few):
        response = client.get(reverse("nominations:submission_list"))

    assert len(response.context["object_list"]) == 15
    client.force_login(reviewer_b)
    assert not client.get(reverse("nominations:submission_list")).context["object_list"]
    letter = Submission.objects.first()
    assert client.get(reverse("nominations:submission_detail", args=[letter.pk])).status_code == 404


def test_collective_nominations_render_without_person_records(client, reference_data, tree, clerk):
    team_award = next(
        a
        for a in AwardType.objects.filter(collective_unit_kinds=tree.team_a1x.kind)
        if a.regulation.catalogue_track
    )
    AnnualRatingFactory(unit=tree.team_a1x, person=None, year=2025)
    client.force_login(clerk)
    response = client.post(
        reverse("nominations:create"),
        {
            "_refresh": "1",
            "nominating_unit": tree.cdcs_a1x.pk,
            "nominee_kind": "collective",
            "nominee_unit": tree.team_a1x.pk,
            "reference_date": REFERENCE_DATE.isoformat(),
            "award_type": team_award.pk,
        },
        HTTP_HX_REQUEST="true",
    )

    form = response.context["form"]
    assert "initiatives" not in form.fields
    assert form.fields["ratings"].queryset.count() == 1
