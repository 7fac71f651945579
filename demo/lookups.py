"""What of the demo exists already: the lookups that make demo_seed idempotent.

Read once per run in a few queries, so that a second run decides in memory that it has nothing to
do. Natural keys, not ids: a unit or person by its code, a record by its subject with its year,
title or date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from awards.models import AwardRecord, AwardTopic, AwardType, RegulationDocument, Track
from demo.specs import AwardSpec, CollectiveRecordsSpec, DemoPlan, PersonSpec
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    Membership,
    PendingCase,
    Person,
    UnionServicePeriod,
    Unit,
)


@dataclass
class ExistingRecords:
    """The natural keys of the demo records already in the database, read in a few queries."""

    people: dict[str, Person] = field(default_factory=dict)
    current_unit: dict[int, int] = field(default_factory=dict)  # person id -> unit id
    ratings: set[tuple[Any, ...]] = field(default_factory=set)
    initiatives: set[tuple[Any, ...]] = field(default_factory=set)
    service_periods: set[tuple[Any, ...]] = field(default_factory=set)
    sanctions: set[tuple[Any, ...]] = field(default_factory=set)
    pending_cases: set[tuple[Any, ...]] = field(default_factory=set)
    awards: set[tuple[Any, ...]] = field(default_factory=set)

    @classmethod
    def load(cls, plan: DemoPlan) -> ExistingRecords:
        codes = [person.code for person in plan.people]
        people = {person.code: person for person in Person.objects.filter(code__in=codes)}
        ids = [person.pk for person in people.values()]
        unit_codes = [unit.code for unit in plan.units]
        return cls(
            people=people,
            current_unit=dict(
                Membership.objects.filter(person_id__in=ids, ended_on__isnull=True).values_list(
                    "person_id", "unit_id"
                )
            ),
            ratings={
                ("person", person_id, year)
                for person_id, year in AnnualRating.objects.filter(person_id__in=ids).values_list(
                    "person_id", "year"
                )
            }
            | {
                ("unit", code, year)
                for code, year in AnnualRating.objects.filter(
                    unit__code__in=unit_codes
                ).values_list("unit__code", "year")
            },
            initiatives=set(
                Initiative.objects.filter(person_id__in=ids).values_list("person_id", "title")
            ),
            service_periods=set(
                UnionServicePeriod.objects.filter(person_id__in=ids).values_list(
                    "person_id", "started_on", "position"
                )
            ),
            sanctions=set(
                DisciplinarySanction.objects.filter(person_id__in=ids).values_list(
                    "person_id", "decision_number"
                )
            ),
            pending_cases=set(
                PendingCase.objects.filter(person_id__in=ids).values_list(
                    "person_id", "kind", "opened_on"
                )
            ),
            awards={
                ("person", person_id, name, year)
                for person_id, name, year in AwardRecord.objects.filter(
                    person_id__in=ids
                ).values_list("person_id", "award_name", "year")
            }
            | {
                ("unit", code, name, year)
                for code, name, year in AwardRecord.objects.filter(
                    unit__code__in=unit_codes
                ).values_list("unit__code", "award_name", "year")
            },
        )

    def has_person(self, spec: PersonSpec, units: dict[str, Unit]) -> bool:
        """The person exists, in the unit the plan moves them to, with every planned record
        (the test that lets a second run skip them without opening a transaction)."""
        person = self.people.get(spec.code)
        if person is None:
            return False
        pk = person.pk
        if spec.previous_unit and self.current_unit.get(pk) == units[spec.previous_unit].pk:
            return False
        return (
            all(("person", pk, r.year) in self.ratings for r in spec.ratings)
            and all((pk, i.title) in self.initiatives for i in spec.initiatives)
            and all(
                (pk, s.started_on, s.position) in self.service_periods for s in spec.service_periods
            )
            and all((pk, s.decision_number) in self.sanctions for s in spec.sanctions)
            and all((pk, c.kind, c.opened_on) in self.pending_cases for c in spec.pending_cases)
            and all(("person", pk, a.award_name, a.year) in self.awards for a in spec.awards)
        )

    def has_collective(self, records: CollectiveRecordsSpec) -> bool:
        return all(("unit", records.unit, r.year) in self.ratings for r in records.ratings) and all(
            ("unit", records.unit, a.award_name, a.year) in self.awards for a in records.awards
        )


@dataclass
class Catalogue:
    """The union catalogue versions and their award types and topics, to link prior awards to
    the entry of the version in force on their decision date."""

    versions: list[RegulationDocument]
    award_types: dict[tuple[int, str], AwardType]
    topics: dict[tuple[int, str], AwardTopic]

    @classmethod
    def load(cls) -> Catalogue:
        versions = list(
            RegulationDocument.objects.filter(catalogue_track=Track.UNION).order_by(
                "-effective_from"
            )
        )
        return cls(
            versions=versions,
            award_types={
                (award.regulation_id, award.code): award
                for award in AwardType.objects.filter(regulation__in=versions)
            },
            topics={
                (topic.regulation_id, topic.code): topic
                for topic in AwardTopic.objects.filter(regulation__in=versions)
            },
        )

    def version_on(self, on: datetime.date) -> RegulationDocument | None:
        for version in self.versions:  # latest first, as awards.selectors.regulation_in_force
            if version.effective_from <= on and (
                version.effective_to is None or version.effective_to >= on
            ):
                return version
        return None

    def entry(self, spec: AwardSpec) -> tuple[AwardType | None, AwardTopic | None]:
        version = self.version_on(spec.decision_date)
        if version is None or not spec.award_code:
            return None, None
        award_type = self.award_types.get((version.pk, spec.award_code))
        topic = self.topics.get((version.pk, spec.topic)) if spec.topic else None
        return award_type, topic
