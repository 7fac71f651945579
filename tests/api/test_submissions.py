"""Submission letters through the API: a union sends its drafts in one letter; the district
acts on the whole letter."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nominations.models import Nomination, Submission
from nominations.services import attachment_add, nomination_create, submission_create
from tests.factories import PersonFactory
from tests.nominations.conftest import PDF, REFERENCE_DATE, award, pdf

URL = "/api/v1/submissions/"


def ok(response, status: int = 200) -> dict | list:
    assert response.status_code == status, response.json()
    return response.json()


def dossier_without_letter(clerk, nomination) -> None:
    """Every required document but the tờ trình, which the signed letter stands for."""
    for requirement in nomination.award_type.document_requirements.select_related("document_type"):
        if requirement.document_type.code != "to-trinh":
            attachment_add(
                actor=clerk,
                nomination=nomination,
                document_type=requirement.document_type,
                file=pdf(),
            )


@pytest.fixture
def drafts(reference_data, tree, clerk):
    """Two drafts of CĐCS A1-X, each with its dossier except the tờ trình."""
    nominations = []
    for name in ("Nguyễn Thị Lan", "Trần Văn Hùng"):
        nomination = nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=PersonFactory(unit=tree.cdcs_a1x, full_name=name),
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
        dossier_without_letter(clerk, nomination)
        nominations.append(nomination)
    return nominations


def letter(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_a_letter_carries_the_drafts_up_and_the_district_approves_it_whole(
    api_as, tree, drafts, clerk, district_reviewer
):
    as_clerk = api_as(clerk)

    # the clerk writes the letter with the signed file (multipart)
    created = ok(
        as_clerk.post(
            URL,
            {
                "nominating_unit": tree.cdcs_a1x.pk,
                "subject": "Đề nghị tặng Bằng khen LĐLĐ tỉnh năm 2025",
                "number": "12/TTr-CĐCS",
                "nominations": [n.pk for n in drafts],
                "letter_file": letter(),
            },
            format="multipart",
        ),
        201,
    )
    pk = created["id"]
    assert created["status"] == "draft"
    assert created["has_letter"] is True
    assert created["letter_file_name"] == "to-trinh.pdf"
    assert {n["id"] for n in created["nominations"]} == {n.pk for n in drafts}

    # a correction of the subject, in JSON
    patched = ok(as_clerk.patch(f"{URL}{pk}/", {"subject": "Đề nghị (sửa)"}, format="json"))
    assert patched["subject"] == "Đề nghị (sửa)"
    assert patched["number"] == "12/TTr-CĐCS"

    # sent: every nomination goes to the district
    sent = ok(as_clerk.post(f"{URL}{pk}/submit/"))
    assert sent["status"] == "submitted"
    assert sent["to_unit"]["code"] == "LDLD-A1"
    assert {n["status"] for n in sent["nominations"]} == {"in_review"}

    # the district approves the whole letter
    reviewed = ok(
        api_as(district_reviewer).post(
            f"{URL}{pk}/review/",
            {"unit": tree.district_a1.pk, "outcome": "approved"},
            format="json",
        )
    )

    assert {n["id"] for n in reviewed} == {n.pk for n in drafts}
    assert {n["current_unit"]["code"] for n in reviewed} == {"LDLD-A"}


def test_a_letter_whose_nominations_fail_their_checks_is_refused_whole(api_as, tree, drafts, clerk):
    # given a letter without its signed file: the tờ trình is missing from both dossiers
    submission = submission_create(
        actor=clerk, nominating_unit=tree.cdcs_a1x, subject="Đề nghị", nominations=drafts
    )

    response = api_as(clerk).post(f"{URL}{submission.pk}/submit/")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "checks_failed"
    assert set(body["details"]["nominations"]) == {str(n.pk) for n in drafts}
    check = body["details"]["nominations"][str(drafts[0].pk)][0]
    assert check["rule"] == "DOS-01"
    assert check["facts"]["missing"] == ["to-trinh"]
    assert set(Nomination.objects.values_list("status", flat=True)) == {"draft"}
    assert Submission.objects.get().status == "draft"


def test_the_letter_file_is_judged_by_its_content(api_as, tree, drafts, clerk):
    response = api_as(clerk).post(
        URL,
        {
            "nominating_unit": tree.cdcs_a1x.pk,
            "subject": "Đề nghị",
            "letter_file": SimpleUploadedFile("to-trinh.pdf", b"plain text, not a PDF"),
        },
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "attachment_type_refused"
    assert not Submission.objects.exists()


def test_a_letter_needs_a_subject_and_drafts_of_its_own_unit(api_as, tree, drafts, clerk, reviewer):
    client = api_as(clerk)

    no_subject = client.post(URL, {"nominating_unit": tree.cdcs_a1x.pk}, format="json")
    # a unit the clerk cannot file for
    other_unit = client.post(
        URL, {"nominating_unit": tree.cdcs_a1y.pk, "subject": "Đề nghị"}, format="json"
    )

    assert no_subject.status_code == 400
    assert list(no_subject.json()["details"]) == ["subject"]
    assert other_unit.status_code == 400  # CĐCS A1-Y is outside the clerk's scope
    assert list(other_unit.json()["details"]) == ["nominating_unit"]


def test_the_letters_of_another_province_are_out_of_sight(api_as, tree, drafts, clerk, reviewer_b):
    submission = submission_create(
        actor=clerk, nominating_unit=tree.cdcs_a1x, subject="Đề nghị", nominations=drafts
    )
    client = api_as(reviewer_b)

    responses = [
        client.get(f"{URL}{submission.pk}/"),
        client.patch(f"{URL}{submission.pk}/", {"subject": "x"}, format="json"),
        client.post(f"{URL}{submission.pk}/submit/"),
        client.post(
            f"{URL}{submission.pk}/review/",
            {"unit": tree.province_b.pk, "outcome": "approved"},
            format="json",
        ),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert ok(client.get(URL))["count"] == 0


def test_an_auditor_reads_letters_but_cannot_write_them(api_as, tree, drafts, clerk, auditor):
    submission = submission_create(
        actor=clerk, nominating_unit=tree.cdcs_a1x, subject="Đề nghị", nominations=drafts
    )
    client = api_as(auditor)

    read = ok(client.get(f"{URL}{submission.pk}/"))
    writes = [
        client.post(URL, {"nominating_unit": tree.cdcs_a1x.pk, "subject": "x"}, format="json"),
        client.patch(f"{URL}{submission.pk}/", {"subject": "x"}, format="json"),
        client.post(f"{URL}{submission.pk}/submit/"),
        client.post(
            f"{URL}{submission.pk}/review/",
            {"unit": tree.district_a1.pk, "outcome": "approved"},
            format="json",
        ),
    ]

    assert {n["id"] for n in read["nominations"]} == {n.pk for n in drafts}
    assert [w.status_code for w in writes] == [403] * len(writes)
    assert Submission.objects.get().subject == "Đề nghị"


def test_submission_list_queries_do_not_grow_with_the_rows(
    api_as, tree, reference_data, clerk, reviewer, django_assert_max_num_queries
):
    for number in range(15):
        submission_create(
            actor=clerk, nominating_unit=tree.cdcs_a1x, subject=f"Đề nghị số {number}"
        )
    client = api_as(reviewer)

    # token, roles, count, page
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 15


def test_submission_detail_queries_do_not_grow_with_its_nominations(
    api_as, tree, drafts, clerk, reviewer, django_assert_max_num_queries
):
    more = [
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=PersonFactory(unit=tree.cdcs_a1x),
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
        for _ in range(10)
    ]
    submission = submission_create(
        actor=clerk, nominating_unit=tree.cdcs_a1x, subject="Đề nghị", nominations=drafts + more
    )

    client = api_as(reviewer)

    # token, roles, the letter, then its nominations in one query
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}{submission.pk}/")

    assert len(response.json()["nominations"]) == 12
