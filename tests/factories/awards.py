import datetime

import factory

from awards.models import (
    AwardDocumentRequirement,
    AwardRecord,
    AwardType,
    DossierDocumentType,
    RegulationDocument,
)

from .organizations import PersonFactory, level


class RegulationDocumentFactory(factory.django.DjangoModelFactory):
    """A catalogue version of the *state* track: the reference data (loaded for every test)
    holds the union track's versions, and two versions of one track may not overlap."""

    class Meta:
        model = RegulationDocument

    code = factory.Sequence(lambda n: f"REG-{n}")
    number = factory.Sequence(lambda n: f"{n}/QĐ-TLĐ")
    kind = "decision"
    title = "Quy chế Khen thưởng của tổ chức Công đoàn"
    issuer = "Đoàn Chủ tịch Tổng Liên đoàn"
    issued_on = datetime.date(2019, 11, 12)
    effective_from = datetime.date(2019, 11, 12)
    catalogue_track = "state"


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        skip_postgeneration_save = True

    regulation = factory.SubFactory(RegulationDocumentFactory)
    code = factory.Sequence(lambda n: f"award-{n}")
    name = factory.Sequence(lambda n: f"Bằng khen số {n}")
    track = "state"
    category = "form"
    occasion = "general"
    for_individuals = True
    deciding_level = factory.LazyFunction(lambda: level("tinh-nganh"))

    @factory.post_generation
    def unit_kinds(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.collective_unit_kinds.set(extracted)


class DossierDocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierDocumentType
        django_get_or_create = ("code",)

    code = "to-trinh"
    name = "Tờ trình đề nghị khen thưởng"


class AwardDocumentRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardDocumentRequirement

    award_type = factory.SubFactory(AwardTypeFactory)
    document_type = factory.SubFactory(DossierDocumentTypeFactory)


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    person = factory.SubFactory(PersonFactory)
    award_name = "Bằng khen của Liên đoàn Lao động tỉnh"
    year = 2023
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-LĐLĐ")
