"""Fixtures for the nomination workflow: the reference catalogue, a reviewer per level, a
council at the province, and helpers to build a complete dossier."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import AwardType
from nominations.services import attachment_add, nomination_create
from organizations.models import Role
from tests.factories import AnnualRatingFactory, PersonFactory, RoleAssignmentFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
REFERENCE_DATE = datetime.date(2025, 11, 15)


def pdf(name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def award(code: str, on: datetime.date = REFERENCE_DATE) -> AwardType:
    from awards.selectors import award_type_get_applicable

    return award_type_get_applicable(code=code, on=on)


def complete_dossier(actor, nomination) -> None:
    for requirement in nomination.award_type.document_requirements.select_related("document_type"):
        attachment_add(
            actor=actor, nomination=nomination, document_type=requirement.document_type, file=pdf()
        )


def actor_at(username: str, role: str, unit):
    user = UserFactory(username=username, home_unit=unit)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def district_reviewer(tree):
    return actor_at("district_reviewer", Role.REVIEWER, tree.district_a1)


@pytest.fixture
def member_a1x(tree):
    person = PersonFactory(unit=tree.cdcs_a1x, full_name="Nguyễn Thị Lan")
    for year in (2024, 2025):
        AnnualRatingFactory(person=person, year=year)
    return person


@pytest.fixture
def draft(reference_data, tree, clerk, member_a1x):
    """A draft for a provincial certificate of merit (decided at province A, by its council)."""
    return nomination_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        nominee_person=member_a1x,
        award_type=award("bang-khen-ldld"),
        year=2025,
        reference_date=REFERENCE_DATE,
        achievements="Hai năm liền hoàn thành xuất sắc nhiệm vụ.",
    )


@pytest.fixture
def ready(draft, clerk):
    """The draft with its complete dossier."""
    complete_dossier(clerk, draft)
    return draft


# --- councils and decisions (issue 3 §3, §4) -------------------------------------------------

COUNCIL_FROM = datetime.date(2025, 1, 1)


def to_council(nomination, *, clerk, reviewers):
    """Submit a complete draft and have each level's reviewer approve it, up to the deciding
    unit: the nomination ends at its council (or awaiting the decision, for an award that needs
    no vote)."""
    from nominations.services import nomination_review, nomination_submit

    nomination = nomination_submit(actor=clerk, nomination=nomination)
    for reviewer in reviewers:
        nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")
    return nomination


def nominate(*, clerk, person=None, unit=None, code="bang-khen-ldld", nominating_unit=None):
    """A draft with its complete dossier, for `person` or the collective `unit`."""
    nomination = nomination_create(
        actor=clerk,
        nominating_unit=nominating_unit or (person.memberships.get().unit if person else unit),
        nominee_person=person,
        nominee_unit=unit,
        award_type=award(code),
        year=2025,
        reference_date=REFERENCE_DATE,
        achievements="Hoàn thành xuất sắc nhiệm vụ năm 2025.",
    )
    complete_dossier(clerk, nomination)
    return nomination


def seat(council, user, *, position="member", by):
    from nominations.services import council_member_add

    return council_member_add(
        actor=by, council=council, user=user, position=position, started_on=COUNCIL_FROM
    )


@pytest.fixture
def council(reference_data, tree, unit_admin, council_member):
    """The council of province A: `council_member` chairs it and four more members sit on it."""
    from nominations.services import council_save

    council = council_save(
        actor=unit_admin,
        unit=tree.province_a,
        name="Hội đồng Thi đua – Khen thưởng LĐLĐ tỉnh A",
        established_by="Quyết định số 15/QĐ-LĐLĐ",
    )
    seat(council, council_member, position="chair", by=unit_admin)
    for number in range(1, 5):
        member = actor_at(f"member_{number}", Role.COUNCIL_MEMBER, tree.province_a)
        seat(council, member, by=unit_admin)
    return council


@pytest.fixture
def members(council):
    """The users on the council, chair first."""
    from nominations.selectors_councils import council_member_list

    return [member.user for member in council_member_list(council)]


@pytest.fixture
def at_council(ready, clerk, district_reviewer, reviewer):
    """The provincial certificate of merit of `ready`, approved up to province A's council (show
    of hands, half of those present, a two-thirds quorum)."""
    return to_council(ready, clerk=clerk, reviewers=[district_reviewer, reviewer])
