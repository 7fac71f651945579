"""A small world of its own for the measurements that drive nominations through the services
(issue 7 §2 a, b, d): a province, a district and a grassroots union, one actor per role, the
province's council, and complete dossiers ready to submit.

Everything is made through the services, as the demo data is, under codes and user names of
its own (`BW<tag>-…`), so that it sits beside the generated national data without touching it
and a second run on the same database makes a second world. The dossier is the one the
workflow tests use (tests/nominations/conftest.py): a provincial certificate of merit
(`bang-khen-ldld`, decided by the province after its council votes) for a member with two
excellent years, which passes every check; and a grassroots title (`doan-vien-cd-xuat-sac`,
decided by the union itself, no vote), the cheapest way to a nomination awaiting a decision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.selectors import system_user
from accounts.services import user_create
from awards.models import AwardType
from awards.reference_loader import reference_data_load
from awards.selectors import award_type_get_applicable
from nominations.models import Council, CouncilMember, Nomination
from nominations.services import (
    attachment_add,
    council_member_add,
    council_save,
    nomination_create,
)
from organizations.models import AnnualRating, Gender, Rating, Role, Unit, UnitKind
from organizations.services import person_create, record_create, role_grant, unit_create

# The dossier of the workflow tests: nominations of the year 2025, as of 15 November 2025.
YEAR = 2025
REFERENCE_DATE = datetime.date(2025, 11, 15)
MEMBER_SINCE = datetime.date(2015, 1, 1)
COUNCIL_FROM = datetime.date(2025, 1, 1)
VOTED_AWARD = "bang-khen-ldld"  # province, council vote
UNVOTED_AWARD = "doan-vien-cd-xuat-sac"  # the grassroots union itself, no vote
COUNCIL_SIZE = 5  # a chair and four members, like the tests' council
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class World:
    tag: str
    province: Unit
    district: Unit
    union: Unit  # the grassroots union that nominates
    clerk: Any
    district_reviewer: Any
    province_reviewer: Any
    union_reviewer: Any
    secretary: Any
    signer: Any
    union_signer: Any
    members: list[Any]
    council: Council
    voted_award: AwardType
    unvoted_award: AwardType
    people: int = 0
    member_seats: dict[int, CouncilMember] = field(default_factory=dict)


def _kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def _actor(world_tag: str, name: str, role: str, unit: Unit, *, by: Any) -> Any:
    user = user_create(
        actor=by,
        username=f"bw{world_tag}-{name}".lower(),
        home_unit=unit,
        full_name=f"Bench {name}",
        email=f"bw{world_tag}-{name}@example.org".lower(),
    )
    role_grant(actor=by, user=user, role=role, unit=unit)
    return user


def world_build(*, tag: str) -> World:
    """Make the world (reference data first, if the database has none yet)."""
    system = system_user()
    reference_data_load(actor=system)
    code = f"BW{tag}".upper()
    province = unit_create(
        actor=system,
        code=f"{code}-P",
        name=f"Liên đoàn Lao động tỉnh Đo kiểm {tag}",
        kind=_kind("ldld-tinh"),
        parent=None,
    )
    district = unit_create(
        actor=system,
        code=f"{code}-D",
        name=f"Liên đoàn Lao động huyện Đo kiểm {tag}",
        kind=_kind("ldld-huyen"),
        parent=province,
    )
    union = unit_create(
        actor=system,
        code=f"{code}-U",
        name=f"Công đoàn cơ sở Trường Đo kiểm {tag}",
        kind=_kind("cdcs"),
        parent=district,
        sector="public_service",
        headcount=40,
        women_headcount=30,
    )
    admin = _actor(tag, "admin", Role.ADMIN, province, by=system)
    world = World(
        tag=tag,
        province=province,
        district=district,
        union=union,
        clerk=_actor(tag, "clerk", Role.CLERK, union, by=system),
        district_reviewer=_actor(tag, "district-reviewer", Role.REVIEWER, district, by=system),
        province_reviewer=_actor(tag, "reviewer", Role.REVIEWER, province, by=system),
        union_reviewer=_actor(tag, "union-reviewer", Role.REVIEWER, union, by=system),
        secretary=_actor(tag, "secretary", Role.COUNCIL_SECRETARY, province, by=system),
        signer=_actor(tag, "signer", Role.SIGNER, province, by=system),
        union_signer=_actor(tag, "union-signer", Role.SIGNER, union, by=system),
        members=[
            _actor(tag, f"member-{n}", Role.COUNCIL_MEMBER, province, by=system)
            for n in range(1, COUNCIL_SIZE + 1)
        ],
        council=council_save(
            actor=admin,
            unit=province,
            name=f"Hội đồng Thi đua – Khen thưởng tỉnh Đo kiểm {tag}",
            established_by="Quyết định số 15/QĐ-LĐLĐ",
        ),
        voted_award=award_type_get_applicable(code=VOTED_AWARD, on=REFERENCE_DATE),
        unvoted_award=award_type_get_applicable(code=UNVOTED_AWARD, on=REFERENCE_DATE),
    )
    for number, user in enumerate(world.members):
        seat = council_member_add(
            actor=admin,
            council=world.council,
            user=user,
            position="chair" if number == 0 else "member",
            started_on=COUNCIL_FROM,
        )
        world.member_seats[user.pk] = seat
    return world


def world_tag() -> str:
    """A tag for a new world: unique enough on one database (the time of day, to the second,
    plus a counter of worlds already there)."""
    stamp = timezone.now().strftime("%H%M%S")
    return f"{stamp}{Unit.objects.filter(code__startswith='BW').count()}"


def dossier_make(world: World, *, voted: bool = True) -> Nomination:
    """A new member of the union with two excellent years, and a draft for them with every
    document the award asks for: ready to submit."""
    world.people += 1
    system = system_user()
    person = person_create(
        actor=system,
        unit=world.union,
        code=f"BW{world.tag}-{world.people:06d}",
        full_name=f"Nguyễn Thị Đo Kiểm {world.people}",
        gender=Gender.FEMALE,
        started_on=MEMBER_SINCE,
        position="Chuyên viên",
        birth_date=datetime.date(1985, 5, 20),
        education_level="university",
    )
    for year in (YEAR - 1, YEAR):
        record_create(
            actor=system,
            model=AnnualRating,
            data={"person": person, "year": year, "rating": Rating.EXCELLENT},
        )
    award = world.voted_award if voted else world.unvoted_award
    nomination = nomination_create(
        actor=world.clerk,
        nominating_unit=world.union,
        nominee_person=person,
        award_type=award,
        year=YEAR,
        reference_date=REFERENCE_DATE,
        achievements="Hai năm liền hoàn thành xuất sắc nhiệm vụ.",
    )
    for requirement in award.document_requirements.select_related("document_type"):
        attachment_add(
            actor=world.clerk,
            nomination=nomination,
            document_type=requirement.document_type,
            file=SimpleUploadedFile("tai-lieu.pdf", PDF, content_type="application/pdf"),
        )
    return nomination
