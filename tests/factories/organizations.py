import datetime

import factory

from accounts.models import User
from accounts.selectors import system_user
from organizations import reference_data
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Gender,
    Initiative,
    Membership,
    PendingCase,
    PendingCaseKind,
    Person,
    Rating,
    RecognitionLevel,
    RoleAssignment,
    SanctionForm,
    ServiceMode,
    ServiceUnitCategory,
    UnionServicePeriod,
    Unit,
    UnitKind,
    UnitLevel,
)
from organizations.services import unit_create

_LEVELS = {code: (name, rank, grassroots) for code, name, rank, grassroots in reference_data.LEVELS}
_KINDS = {code: (name, abbr, level_code) for code, name, abbr, level_code in reference_data.KINDS}


def level(code: str) -> UnitLevel:
    """The unit level with this code from the reference data (created on first use)."""
    name, rank, grassroots = _LEVELS[code]
    return UnitLevel.objects.get_or_create(
        code=code, defaults={"name": name, "rank": rank, "is_grassroots_or_below": grassroots}
    )[0]


def kind(code: str) -> UnitKind:
    """The unit kind with this code from the reference data (created on first use)."""
    name, abbreviation, level_code = _KINDS[code]
    return UnitKind.objects.get_or_create(
        code=code,
        defaults={"name": name, "abbreviation": abbreviation, "level": level(level_code)},
    )[0]


class UnitFactory(factory.django.DjangoModelFactory):
    """Units are created through unit_create so that the closure table is right."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Công đoàn cơ sở số {n}")
    kind = factory.LazyFunction(lambda: kind("cdcs"))
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        code = kwargs.pop("code")
        name = kwargs.pop("name")
        unit_kind = kwargs.pop("kind")
        parent = kwargs.pop("parent")
        dissolved_on = kwargs.pop("dissolved_on", None)
        unit = unit_create(
            actor=system_user(), code=code, name=name, kind=unit_kind, parent=parent, **kwargs
        )
        if dissolved_on:
            unit.dissolved_on = dissolved_on
            unit.save(update_fields=["dissolved_on"])
        return unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-demo-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "clerk"
    unit = factory.SubFactory(UnitFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person who is a member of `unit` (pass unit=...) since 2015."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"P{n:06d}")
    full_name = factory.Faker("name", locale="vi_VN")
    gender = Gender.FEMALE
    birth_date = datetime.date(1985, 5, 20)
    education_level = "university"

    @factory.post_generation
    def unit(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            Membership.objects.create(
                person=obj,
                unit=extracted,
                started_on=kwargs.get("started_on", datetime.date(2015, 1, 1)),
                position=kwargs.get("position", "Chuyên viên"),
                is_leader=kwargs.get("is_leader", False),
            )


class AnnualRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualRating

    person = factory.SubFactory(PersonFactory)
    year = 2024
    rating = Rating.EXCELLENT


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến quy trình số {n}")
    recognition_level = RecognitionLevel.GRASSROOTS
    year = 2024
    beneficial_value = 50_000_000


class ServicePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnionServicePeriod

    person = factory.SubFactory(PersonFactory)
    unit_category = ServiceUnitCategory.UNION_BODY
    mode = ServiceMode.FULL_TIME
    position = "Phó Chủ tịch"
    started_on = datetime.date(2005, 1, 1)
    ended_on = datetime.date(2015, 12, 31)


class DisciplinarySanctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplinarySanction

    person = factory.SubFactory(PersonFactory)
    form = SanctionForm.REPRIMAND
    decided_on = datetime.date(2023, 3, 1)
    effective_from = datetime.date(2023, 3, 1)
    effective_to = datetime.date(2024, 2, 29)


class PendingCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PendingCase

    person = factory.SubFactory(PersonFactory)
    kind = PendingCaseKind.COMPLAINT
    opened_on = datetime.date(2025, 4, 1)
