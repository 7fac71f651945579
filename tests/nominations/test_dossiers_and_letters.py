"""Dossier documents, submission letters, reassignment and delegation."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent, EventType
from awards.models import DossierDocumentType
from common.exceptions import DomainPermissionError, DomainRefusal, DomainValidationError
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import NominationStatus, Submission
from nominations.services import (
    attachment_add,
    attachment_remove,
    nomination_create,
    nomination_submit,
    submission_create,
    submission_review,
    submission_submit,
)
from organizations.models import RoleAssignment
from tests.factories import PersonFactory
from workflows.selectors import open_tasks, task_inbox_for, task_queue_for
from workflows.services import delegation_create, delegation_end, task_claim, task_reassign

from .conftest import PDF, REFERENCE_DATE, actor_at, award, complete_dossier, pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def doc(code):
    return DossierDocumentType.objects.get(code=code)


def test_a_document_is_stored_under_a_generated_name_with_its_hash(draft, clerk):
    attachment = attachment_add(
        actor=clerk,
        nomination=draft,
        document_type=doc("to-trinh"),
        file=SimpleUploadedFile("../../Tờ trình số 12.pdf", PDF),
    )

    assert attachment.original_name == "Tờ_trình_số_12.pdf"
    assert ".." not in attachment.file.name
    assert attachment.file.name.endswith(".pdf")
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64
    assert attachment.file.read() == PDF
    event = AuditEvent.objects.get(event_type=EventType.ATTACHMENT_ADDED)
    assert event.changes["sha256"] == attachment.sha256


def test_the_type_is_judged_by_content_not_by_name(draft, clerk):
    # an image renamed .pdf is kept as the image it is
    image = attachment_add(
        actor=clerk,
        nomination=draft,
        document_type=doc("to-trinh"),
        file=SimpleUploadedFile("scan.pdf", PNG),
    )
    assert (image.content_type, image.original_name) == ("image/png", "scan.png")

    # a script renamed .pdf is refused
    with pytest.raises(DomainValidationError) as error:
        attachment_add(
            actor=clerk,
            nomination=draft,
            document_type=doc("to-trinh"),
            file=SimpleUploadedFile("hoso.pdf", b"#!/bin/sh\nrm -rf /\n"),
        )
    assert error.value.code == Code.ATTACHMENT_TYPE_REFUSED
    assert draft.attachments.count() == 1


def test_oversized_and_empty_files_are_refused(draft, clerk, settings):
    settings.ATTACHMENT_MAX_SIZE = 10

    with pytest.raises(DomainValidationError) as too_large:
        attachment_add(actor=clerk, nomination=draft, document_type=doc("to-trinh"), file=pdf())
    with pytest.raises(DomainValidationError) as empty:
        attachment_add(
            actor=clerk,
            nomination=draft,
            document_type=doc("to-trinh"),
            file=SimpleUploadedFile("a.pdf", b""),
        )

    assert too_large.value.code == Code.ATTACHMENT_TOO_LARGE
    assert "file" in too_large.value.details
    assert empty.value.code == Code.ATTACHMENT_EMPTY


def test_documents_cannot_change_once_submitted(ready, clerk):
    nomination = nomination_submit(actor=clerk, nomination=ready)

    with pytest.raises(DomainValidationError):
        attachment_add(
            actor=clerk, nomination=nomination, document_type=doc("to-trinh"), file=pdf()
        )
    with pytest.raises(DomainValidationError):
        attachment_remove(actor=clerk, attachment=nomination.attachments.first())


def test_other_units_cannot_touch_the_dossier(draft, tree):
    other_clerk = actor_at("other_clerk", "clerk", tree.cdcs_a1y)

    with pytest.raises(DomainPermissionError):
        attachment_add(
            actor=other_clerk, nomination=draft, document_type=doc("to-trinh"), file=pdf()
        )


@pytest.fixture
def two_drafts(reference_data, tree, clerk):
    drafts = []
    for name in ("Trần Văn An", "Lê Thị Bình"):
        person = PersonFactory(unit=tree.cdcs_a1x, full_name=name)
        nomination = nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=person,
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
        for code in ("bao-cao-thanh-tich", "bien-ban-xet-khen-thuong"):
            attachment_add(actor=clerk, nomination=nomination, document_type=doc(code), file=pdf())
        drafts.append(nomination)
    return drafts


def test_the_signed_letter_stands_for_every_nominations_to_trinh(two_drafts, clerk, tree):
    # given a letter without its signed file, the nominations lack their tờ trình
    letter = submission_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        subject="Đề nghị khen thưởng năm 2025",
        nominations=two_drafts,
    )
    with pytest.raises(DomainRefusal) as refusal:
        submission_submit(actor=clerk, submission=letter)
    assert set(refusal.value.details["nominations"]) == {str(n.pk) for n in two_drafts}
    assert Submission.objects.get(pk=letter.pk).status == Submission.Status.DRAFT
    assert {n.status for n in letter.nominations.all()} == {NominationStatus.DRAFT}

    # when the signed letter is attached
    from nominations.services import submission_update

    submission_update(
        actor=clerk, submission=letter, letter_file=pdf("to-trinh-ky.pdf"), number="15/TTr-CĐCS"
    )
    submission_submit(actor=clerk, submission=letter)

    # then the whole letter went up
    letter.refresh_from_db()
    assert letter.status == Submission.Status.SUBMITTED
    assert letter.to_unit == tree.district_a1
    assert {n.status for n in letter.nominations.all()} == {NominationStatus.IN_REVIEW}


def test_a_reviewer_acts_on_the_whole_letter(two_drafts, clerk, district_reviewer, tree):
    from nominations.services import submission_update

    letter = submission_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        subject="Đề nghị khen thưởng",
        nominations=two_drafts,
    )
    submission_update(actor=clerk, submission=letter, letter_file=pdf())
    submission_submit(actor=clerk, submission=letter)

    reviewed = submission_review(
        actor=district_reviewer, submission=letter, unit=tree.district_a1, outcome="approved"
    )

    assert {n.current_unit for n in reviewed} == {tree.province_a}


def test_letters_carry_one_units_drafts(two_drafts, tree):
    other_clerk = actor_at("clerk_y", "clerk", tree.cdcs_a1y)

    with pytest.raises(DomainPermissionError):
        submission_create(
            actor=other_clerk, nominating_unit=tree.cdcs_a1x, subject="x", nominations=two_drafts
        )
    with pytest.raises(DomainValidationError) as error:
        submission_create(
            actor=other_clerk, nominating_unit=tree.cdcs_a1y, subject="x", nominations=two_drafts
        )
    assert error.value.code == Code.SUBMISSION_MIXED_UNITS


def test_reassignment_checks_that_the_new_owner_holds_the_role(
    ready, clerk, district_reviewer, tree, reviewer
):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    task_claim(actor=district_reviewer, task=task)
    colleague = actor_at("colleague", "reviewer", tree.district_a1)

    # the province's reviewer does not review at the district
    with pytest.raises(DomainValidationError) as error:
        task_reassign(actor=district_reviewer, task=task, to_user=reviewer)
    assert error.value.code == Code.REASSIGN_TARGET_LACKS_ROLE

    task_reassign(actor=district_reviewer, task=task, to_user=colleague, reason="Nghỉ phép")
    task.refresh_from_db()
    assert task.owner == colleague
    assert AuditEvent.objects.get(event_type=EventType.TASK_REASSIGNED).changes["owner"] == [
        district_reviewer.pk,
        colleague.pk,
    ]


def test_a_delegate_receives_the_absent_reviewers_tasks(ready, clerk, district_reviewer, tree):
    deputy = actor_at("deputy", "clerk", tree.district_a1)  # works at the district, not a reviewer
    assignment = RoleAssignment.objects.get(user=district_reviewer, role="reviewer")
    nomination = nomination_submit(actor=clerk, nomination=ready)
    assert not task_queue_for(deputy).exists()

    # when the reviewer names a delegate while away
    today = datetime.date.today()
    delegation = delegation_create(
        actor=district_reviewer,
        assignment=assignment,
        delegate=deputy,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
        reason="Đi công tác",
    )

    # then the delegate sees and works the tasks, recorded as a delegate
    assert list(task_queue_for(deputy)) == list(open_tasks(nomination))
    from nominations.services import nomination_review

    nomination_review(actor=deputy, nomination=nomination, outcome="approved")
    event = AuditEvent.objects.get(event_type=EventType.NOMINATION_APPROVED)
    assert event.actor == deputy
    assert event.actor_role == "reviewer (delegate)"

    # and once it ends, no longer
    delegation_end(actor=district_reviewer, delegation=delegation)
    deputy.__dict__.pop("_active_delegations", None)
    assert not task_inbox_for(deputy).exists()
    assert not task_queue_for(deputy).exists()


def test_a_delegate_must_work_at_the_unit(ready, district_reviewer, tree):
    stranger = actor_at("stranger", "clerk", tree.cdcs_b1x)
    assignment = RoleAssignment.objects.get(user=district_reviewer, role="reviewer")
    today = datetime.date.today()

    with pytest.raises(DomainValidationError) as error:
        delegation_create(
            actor=district_reviewer,
            assignment=assignment,
            delegate=stranger,
            starts_on=today,
            ends_on=today,
        )

    assert error.value.code == Code.DELEGATE_INVALID


def test_complete_dossier_helper_satisfies_the_checks(draft, clerk):
    complete_dossier(clerk, draft)

    nomination = nomination_submit(actor=clerk, nomination=draft)

    assert nomination.status == NominationStatus.IN_REVIEW
