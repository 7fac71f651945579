"""Each kind of data imports a good file, and refuses its own kinds of mistakes."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEvent, EventType
from awards.models import AwardRecord, AwardRecordSource
from imports.models import ImportKind, ImportStatus
from organizations.models import AnnualRating, Initiative, InitiativeKind, Person, RecognitionLevel
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    AwardTypeFactory,
    InitiativeFactory,
    PersonFactory,
    RegulationDocumentFactory,
)


@pytest.fixture
def members(tree):
    """Two members of the clerk's union, one of its team, and one in another province."""
    return {
        "own": PersonFactory(code="DV-A1", unit=tree.cdcs_a1x),
        "team": PersonFactory(code="DV-A2", unit=tree.team_a1x),
        "elsewhere": PersonFactory(code="DV-B1", unit=tree.cdcs_b1x),
    }


def assert_written_once_by(actor, model, job, count):
    """The job succeeded, wrote `count` rows of `model` whose history names the uploader, and
    left exactly one business event."""
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert model.objects.count() == count
    assert model.history.filter(history_type="+").count() == count
    assert {h.history_user for h in model.history.all()} == {actor}
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(job), object_id=str(job.pk)
    )
    assert [e.event_type for e in events] == [EventType.RECORDS_IMPORTED]
    assert events[0].changes["created"] == {model._meta.label: count}


# --- people --------------------------------------------------------------------------------


def test_people_are_registered_with_their_membership(tree, clerk, run_import):
    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "code": "DV-100",
                "full_name": "Nguyễn Thị Lan",
                "gender": "Nữ",
                "birth_date": datetime.datetime(1990, 3, 5),
                "education_level": "Thạc sĩ",
                "started_on": "01/09/2015",
                "position": "Giáo viên",
                "is_leader": "Có",
                "is_union_member": "Không",
            },
            {
                "code": "DV-101",
                "full_name": "Trần Văn Bình",
                "gender": "Nam",
                "unit_code": "TO-A1X-1",
                "started_on": datetime.datetime(2020, 1, 1),
            },
        ],
    )

    assert job.status == ImportStatus.SUCCEEDED, job.errors
    lan = Person.objects.get(code="DV-100")
    assert (lan.full_name, lan.gender, lan.birth_date, lan.education_level) == (
        "Nguyễn Thị Lan",
        "female",
        datetime.date(1990, 3, 5),
        "master",
    )
    membership = lan.memberships.get()
    assert membership.unit == tree.cdcs_a1x
    assert (membership.position, membership.is_leader, membership.is_union_member) == (
        "Giáo viên",
        True,
        False,
    )
    binh = Person.objects.get(code="DV-101").memberships.get()
    assert (binh.unit, binh.is_leader, binh.is_union_member) == (tree.team_a1x, False, True)


def test_a_person_cannot_join_before_being_born(tree, clerk, run_import):
    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "code": "DV-1",
                "full_name": "Lê Văn Tám",
                "gender": "Nam",
                "birth_date": "01/01/2000",
                "started_on": "01/01/1999",
            }
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Ngày vào đơn vị")]


# --- ratings -------------------------------------------------------------------------------


def test_ratings_of_people_and_collectives_are_imported(tree, clerk, members, run_import):
    job = run_import(
        actor=clerk,
        kind=ImportKind.RATINGS,
        unit=tree.cdcs_a1x,
        rows=[
            {"person_code": "DV-A1", "year": 2023, "rating": "HTXSNV", "decision_number": "1/QĐ"},
            {"person_code": "DV-A1", "year": "2024", "rating": "hoàn thành tốt nhiệm vụ"},
            {"unit_code": "TO-A1X-1", "year": 2024, "rating": "HTNV", "decided_by": "CĐCS A1-X"},
        ],
    )

    assert_written_once_by(clerk, AnnualRating, job, 3)
    assert dict(members["own"].ratings.values_list("year", "rating")) == {
        2023: "HTXSNV",
        2024: "HTTNV",
    }
    team_rating = AnnualRating.objects.get(unit=tree.team_a1x)
    assert (team_rating.rating, team_rating.decided_by) == ("HTNV", "CĐCS A1-X")


def test_a_rating_twice_in_the_file_or_already_recorded_is_refused(
    tree, clerk, members, run_import
):
    # given a 2023 rating already recorded for the member
    AnnualRatingFactory(person=members["own"], year=2023)

    # when
    job = run_import(
        actor=clerk,
        kind=ImportKind.RATINGS,
        unit=tree.cdcs_a1x,
        rows=[
            {"person_code": "DV-A1", "year": 2023, "rating": "HTXSNV"},
            {"person_code": "DV-A2", "year": 2024, "rating": "HTXSNV"},
            {"person_code": "DV-A2", "year": 2024, "rating": "HTTNV"},
        ],
    )

    # then
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Năm"), (4, "Năm")]
    assert "đã có xếp loại" in job.errors[0]["message"]
    assert job.errors[1]["message"].startswith("Dòng 3 của tệp này")
    assert AnnualRating.objects.count() == 1


def test_a_rating_needs_exactly_one_subject(tree, clerk, members, run_import):
    job = run_import(
        actor=clerk,
        kind=ImportKind.RATINGS,
        unit=tree.cdcs_a1x,
        rows=[
            {"person_code": "DV-A1", "unit_code": "CDCS-A1X", "year": 2023, "rating": "HTNV"},
            {"year": 2023, "rating": "HTNV"},
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Mã đơn vị"), (3, "Mã cá nhân")]


def test_a_person_outside_the_scope_reads_not_found_like_an_unknown_code(
    tree, clerk, members, run_import
):
    job = run_import(
        actor=clerk,
        kind=ImportKind.RATINGS,
        unit=tree.cdcs_a1x,
        rows=[
            {"person_code": "DV-B1", "year": 2023, "rating": "HTNV"},
            {"person_code": "DV-XX", "year": 2023, "rating": "HTNV"},
        ],
    )

    first, second = (e["message"] for e in job.errors)
    assert first.startswith("Không tìm thấy")
    assert first.replace("DV-B1", "DV-XX") == second
    assert not AnnualRating.objects.exists()


def test_a_former_member_is_kept_by_the_administrators_of_the_last_unit(
    tree, clerk, unit_admin, run_import
):
    # given someone who left CĐCS A1-X
    former = PersonFactory(code="DV-OLD", unit=tree.cdcs_a1x)
    former.memberships.update(ended_on=datetime.date(2022, 12, 31))
    row = {"person_code": "DV-OLD", "year": 2022, "rating": "HTNV"}

    # when the union's clerk, then the province's administrator, import a rating for them
    by_clerk = run_import(actor=clerk, kind=ImportKind.RATINGS, unit=tree.cdcs_a1x, rows=[row])
    by_admin = run_import(
        actor=unit_admin, kind=ImportKind.RATINGS, unit=tree.province_a, rows=[row]
    )

    # then only the administrator may
    assert by_clerk.status == ImportStatus.REJECTED
    assert by_admin.status == ImportStatus.SUCCEEDED


# --- initiatives ---------------------------------------------------------------------------


def test_initiatives_are_imported(tree, clerk, members, run_import):
    job = run_import(
        actor=clerk,
        kind=ImportKind.INITIATIVES,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "person_code": "DV-A1",
                "title": "Số hóa hồ sơ đoàn viên",
                "kind": "Giải pháp quản lý",
                "recognition_level": "Cấp tỉnh",
                "year": 2024,
                "recognized_by": "Hội đồng sáng kiến tỉnh",
                "decision_number": "120/QĐ-UBND",
                "beneficial_value": "1.500.000",
                "is_applied": "Không",
            },
            {
                "person_code": "DV-A2",
                "title": "Cải tiến lịch trực",
                "recognition_level": "Cơ sở",
                "year": 2023,
            },
        ],
    )

    assert_written_once_by(clerk, Initiative, job, 2)
    first = Initiative.objects.get(person=members["own"])
    assert (first.kind, first.recognition_level, first.beneficial_value, first.is_applied) == (
        InitiativeKind.MANAGEMENT_SOLUTION,
        RecognitionLevel.PROVINCIAL,
        1_500_000,
        False,
    )
    second = Initiative.objects.get(person=members["team"])
    assert (second.kind, second.beneficial_value, second.is_applied) == (
        InitiativeKind.INITIATIVE,
        None,
        True,
    )


def test_importing_the_same_initiatives_again_is_refused(tree, clerk, members, run_import):
    InitiativeFactory(person=members["own"], title="Số hóa hồ sơ đoàn viên", year=2024)

    job = run_import(
        actor=clerk,
        kind=ImportKind.INITIATIVES,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "person_code": "DV-A1",
                "title": "số hóa hồ sơ  đoàn viên",
                "recognition_level": "Cơ sở",
                "year": 2024,
            }
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Tên sáng kiến")]
    assert Initiative.objects.count() == 1


# --- award records -------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    """The union catalogue of 2019, in force since 12/11/2019, with two awards."""
    version = RegulationDocumentFactory(effective_from=datetime.date(2019, 11, 12))
    return {
        "individual": AwardTypeFactory(
            regulation=version, code="bang-khen-ldld-tinh", name="Bằng khen của LĐLĐ tỉnh"
        ),
        "collective": AwardTypeFactory(
            regulation=version,
            code="co-thi-dua-ldld-tinh",
            name="Cờ thi đua của LĐLĐ tỉnh",
            for_individuals=False,
            unit_kinds=[tree_kind()],
        ),
    }


def tree_kind():
    from tests.factories import kind

    return kind("cdcs")


def test_prior_awards_are_imported_from_the_catalogue_or_by_name(
    tree, clerk, members, catalogue, run_import
):
    job = run_import(
        actor=clerk,
        kind=ImportKind.AWARD_RECORDS,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "person_code": "DV-A1",
                "award_code": "BANG-KHEN-LDLD-TINH",
                "year": 2023,
                "decision_number": "35/QĐ-LĐLĐ",
                "decision_date": "15/01/2024",
                "deciding_unit_code": "LDLD-A",
            },
            {
                "unit_code": "CDCS-A1X",
                "award_code": "co-thi-dua-ldld-tinh",
                "year": 2022,
                "deciding_unit_code": "LDLD-A",
            },
            {
                "person_code": "DV-A2",
                "award_name": "Huy chương Vì thế hệ trẻ",
                "year": 2005,
                "deciding_body": "Trung ương Đoàn",
            },
        ],
    )

    assert_written_once_by(clerk, AwardRecord, job, 3)
    person_award = AwardRecord.objects.get(person=members["own"])
    assert person_award.award_type == catalogue["individual"]
    assert (person_award.award_code, person_award.award_name) == (
        "bang-khen-ldld-tinh",
        "Bằng khen của LĐLĐ tỉnh",
    )
    assert person_award.deciding_unit == tree.province_a
    assert person_award.source == AwardRecordSource.IMPORTED
    old = AwardRecord.objects.get(person=members["team"])
    assert (old.award_type, old.award_name, old.deciding_body) == (
        None,
        "Huy chương Vì thế hệ trẻ",
        "Trung ương Đoàn",
    )


def test_award_codes_must_be_in_the_catalogue_in_force_and_fit_the_recipient(
    tree, clerk, members, catalogue, run_import
):
    job = run_import(
        actor=clerk,
        kind=ImportKind.AWARD_RECORDS,
        unit=tree.cdcs_a1x,
        rows=[
            # unknown code
            {"person_code": "DV-A1", "award_code": "khong-co", "year": 2023, "deciding_body": "X"},
            # decided before the 2019 catalogue came into force
            {
                "person_code": "DV-A1",
                "award_code": "bang-khen-ldld-tinh",
                "year": 2018,
                "decision_date": "10/01/2019",
                "deciding_body": "LĐLĐ tỉnh",
            },
            # a collective award for a person
            {
                "person_code": "DV-A1",
                "award_code": "co-thi-dua-ldld-tinh",
                "year": 2023,
                "deciding_body": "LĐLĐ tỉnh",
            },
            # neither a code nor a name, and nobody who decided
            {"person_code": "DV-A1", "year": 2023},
            # a deciding unit code that does not exist
            {
                "person_code": "DV-A1",
                "award_name": "Giấy khen",
                "year": 2023,
                "deciding_unit_code": "ZZ",
            },
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "Mã danh hiệu"),
        (3, "Mã danh hiệu"),
        (4, "Mã danh hiệu"),
        (5, "Tên danh hiệu/hình thức"),
        (5, "Cơ quan quyết định"),
        (6, "Mã đơn vị quyết định"),
    ]
    assert "10/01/2019" in job.errors[1]["message"]
    assert not AwardRecord.objects.exists()


def test_an_award_already_recorded_is_refused(tree, clerk, members, run_import):
    AwardRecordFactory(
        person=members["own"], award_name="Giấy khen", year=2023, decision_number="7/QĐ"
    )

    job = run_import(
        actor=clerk,
        kind=ImportKind.AWARD_RECORDS,
        unit=tree.cdcs_a1x,
        rows=[
            {
                "person_code": "DV-A1",
                "award_name": "giấy khen",
                "year": 2023,
                "decision_number": "7/QĐ",
                "deciding_body": "CĐCS",
            },
            {
                "person_code": "DV-A2",
                "award_name": "Giấy khen",
                "year": 2023,
                "decision_number": "7/QĐ",
                "deciding_body": "CĐCS",
            },
            {
                "person_code": "DV-A2",
                "award_name": "Giấy khen",
                "year": 2023,
                "decision_number": "7/QĐ",
                "deciding_body": "CĐCS",
            },
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "Tên danh hiệu/hình thức"),
        (4, "Tên danh hiệu/hình thức"),
    ]
    assert AwardRecord.objects.count() == 1
