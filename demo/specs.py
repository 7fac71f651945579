"""The shapes of the demo data: plain, immutable descriptions, built without touching the database.

`demo.plan.build_plan()` turns the static material of `demo.data` into these; `demo.services`
writes whatever of them is missing through the domain services. Keeping the plan apart from the
writing is what makes the seed deterministic and idempotent: every run computes the same plan,
and only the missing pieces are written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str  # UnitKind code from organizations.reference_data
    parent: str | None  # parent unit code
    short_name: str = ""
    sector: str = ""
    headcount: int | None = None
    women_headcount: int | None = None
    member_count: int | None = None
    established_on: datetime.date | None = None
    # How people are generated for the unit: a key of demo.data.work.PROFILES ("" = nobody).
    profile: str = ""
    people: int = 0
    # The agency or enterprise the union belongs to, and its head's title: the head rates the
    # people who work there ("Hiệu trưởng Trường THPT Lương Thúc Kỳ").
    employer: str = ""
    head_title: str = ""
    # The suffix of the unit's decision numbers ("QĐ-LĐLĐ" in "125/QĐ-LĐLĐ").
    doc_suffix: str = ""

    def unit_fields(self) -> dict[str, Any]:
        """The keyword arguments of organizations.services.unit_create besides code/name/kind."""
        fields = {
            "short_name": self.short_name,
            "sector": self.sector,
            "headcount": self.headcount,
            "women_headcount": self.women_headcount,
            "member_count": self.member_count,
            "established_on": self.established_on,
        }
        return {name: value for name, value in fields.items() if value not in (None, "")}


@dataclass(frozen=True)
class RatingSpec:
    year: int
    rating: str  # organizations.models.Rating value
    decided_by: str = ""
    decision_number: str = ""


@dataclass(frozen=True)
class InitiativeSpec:
    title: str
    recognition_level: str
    year: int
    kind: str = "initiative"
    recognized_by: str = ""
    decision_number: str = ""
    beneficial_value: int | None = None
    co_authors: str = ""


@dataclass(frozen=True)
class ServicePeriodSpec:
    unit_category: str
    mode: str
    started_on: datetime.date
    ended_on: datetime.date | None = None
    unit: str | None = None  # unit code, for service in a unit of the demo tree
    unit_name: str = ""  # for units outside the tree (merged, dissolved, elsewhere)
    position: str = ""
    committee: str = ""
    term_label: str = ""


@dataclass(frozen=True)
class SanctionSpec:
    form: str
    decision_number: str
    decided_on: datetime.date
    effective_from: datetime.date
    effective_to: datetime.date | None
    issuer: str
    reason: str


@dataclass(frozen=True)
class PendingCaseSpec:
    kind: str
    opened_on: datetime.date
    summary: str
    resolved_on: datetime.date | None = None
    resolution: str = ""


@dataclass(frozen=True)
class AwardSpec:
    """A prior award. `award_code` is the catalogue code (kept across regulation versions); the
    catalogue entry itself is looked up in the version in force on the decision date, and left
    empty when there is none (awards from before QĐ 1689/QĐ-TLĐ, or never in the catalogue)."""

    award_name: str
    year: int
    decision_number: str
    decision_date: datetime.date
    award_code: str = ""
    deciding_unit: str | None = None  # unit code
    deciding_body: str = ""
    topic: str = ""  # AwardTopic code, for topic awards
    source: str = "imported"
    note: str = ""


@dataclass(frozen=True)
class PersonSpec:
    code: str
    full_name: str
    gender: str
    birth_date: datetime.date
    education_level: str
    unit: str  # the unit the person belongs to now
    started_on: datetime.date
    position: str
    is_leader: bool = False
    is_union_member: bool = True
    note: str = ""
    # A person who moved: first a member of `previous_unit`, then of `unit` from `transferred_on`.
    previous_unit: str | None = None
    previous_started_on: datetime.date | None = None
    transferred_on: datetime.date | None = None
    ratings: tuple[RatingSpec, ...] = ()
    initiatives: tuple[InitiativeSpec, ...] = ()
    service_periods: tuple[ServicePeriodSpec, ...] = ()
    sanctions: tuple[SanctionSpec, ...] = ()
    pending_cases: tuple[PendingCaseSpec, ...] = ()
    awards: tuple[AwardSpec, ...] = ()

    @property
    def first_unit(self) -> str:
        return self.previous_unit or self.unit

    @property
    def first_started_on(self) -> datetime.date:
        return self.previous_started_on or self.started_on


@dataclass(frozen=True)
class CollectiveRecordsSpec:
    """The annual ratings and awards of one collective (a CĐCS, or an upper-level union)."""

    unit: str
    ratings: tuple[RatingSpec, ...] = ()
    awards: tuple[AwardSpec, ...] = ()


@dataclass(frozen=True)
class AccountSpec:
    username: str
    full_name: str
    role: str  # organizations.models.Role value
    unit: str  # unit code where the role is held; also the account's home unit
    # What the account is for and what to try first, in the words of demo_logins (lazy strings).
    description: Any = ""
    try_first: Any = ""


@dataclass(frozen=True)
class DemoPlan:
    units: tuple[UnitSpec, ...]
    people: tuple[PersonSpec, ...]
    collectives: tuple[CollectiveRecordsSpec, ...]
    accounts: tuple[AccountSpec, ...]
    units_by_code: dict[str, UnitSpec] = field(default_factory=dict, compare=False)
