"""The plain data the rules read: one `CaseFacts` per nomination, gathered once per step.

Frozen dataclasses of dates, numbers and codes. No model, no queryset, no request: whoever builds
them (the check point in nominations/checks.py) reads the database once; the rules only compute.

Codes are those the models store (organizations.models, awards.models): rating "HTXSNV",
education "university", service mode "part_time", unit kind "cdcs", unit level "tinh-nganh"...
The orders the rules compare by are below; tests/rules/test_facts.py keeps them in step with the
models' choices.

Conventions:
- A period's `end` is the last day (inclusive); `None` means still running.
- Counts in `QuotaFacts` leave out the nomination under check: the quota rules add it.
- A missing record of the nominee (no rating for a year, no education level) counts as "not met"
  and the result says what to record. A missing *section* (no council facts before the council
  step, a person-only rule on a collective) makes the rule undecidable: see `FactsMissing`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

# Annual ratings, best first (organizations.models.Rating).
RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
# Education levels, lowest first (organizations.models.EducationLevel).
EDUCATION_LEVELS = ("general", "vocational", "college", "university", "master", "doctorate")
# Who recognised an initiative, lowest first (organizations.models.RecognitionLevel).
RECOGNITION_LEVELS = ("grassroots", "provincial", "national")
INITIATIVE_KINDS = ("initiative", "scientific_topic", "management_solution")
# Union service (organizations.models.ServiceMode, ServiceUnitCategory, Committee).
SERVICE_MODES = ("full_time", "part_time")
SERVICE_UNIT_CATEGORIES = (
    "union_body",
    "grassroots_state",
    "grassroots_non_state",
    "union_public_service",
    "union_enterprise",
)
COMMITTEES = ("executive", "standing", "inspection", "presidium")
PENDING_CASE_KINDS = ("disciplinary_review", "complaint", "denunciation", "legal_case")
# How an award was given (awards.models.Occasion).
OCCASIONS = ("general", "topic", "phase", "ad_hoc", "commemorative", "lifetime")
# Results of a training course, best first; "good" is "khá" (regulations.md §B.4).
TRAINING_RESULTS = ("excellent", "very_good", "good", "average", "poor")
# Events that disqualify a unit from the occupational-safety topic flag (HD 168, XSD-01).
INCIDENT_KINDS = ("fatal_accident", "serious_technical_incident", "fire", "explosion")
SEXES = ("male", "female")


class FactsMissing(Exception):
    """A rule cannot be decided with the facts given: the section it reads is not there (no
    council votes yet), or it does not apply to this kind of nominee. `evaluate` turns it into a
    WARNING result that names what is missing; it never blocks."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# --- records of a nominee ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class InitiativeFact:
    id: str
    year: int
    recognition_level: str = "grassroots"
    kind: str = "initiative"
    value: int | None = None  # giá trị làm lợi, VND; None when not quantified
    applied: bool = True
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class AwardFact:
    """An award the nominee received, or (pending=True) a nomination of it still in progress."""

    code: str
    year: int
    name: str = ""
    deciding_level: str = ""
    occasion: str = "general"
    topic: str = ""
    revoked: bool = False
    pending: bool = False
    achievement_ids: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ServicePeriodFact:
    start: datetime.date
    end: datetime.date | None = None
    mode: str = "full_time"
    unit_category: str = "union_body"
    leader: bool = False
    committee: str = ""
    body: str = ""  # the code of the unit whose committee it was
    body_level: str = ""
    term: int | None = None  # ordinal of the congress term (khóa), for committee terms
    full_term: bool = False


@dataclass(frozen=True, kw_only=True)
class SanctionFact:
    start: datetime.date
    end: datetime.date | None = None  # None: in force until lifted
    form: str = ""


@dataclass(frozen=True, kw_only=True)
class PendingCaseFact:
    kind: str
    opened_on: datetime.date
    resolved_on: datetime.date | None = None


@dataclass(frozen=True, kw_only=True)
class MembershipFact:
    """A period in a unit. When the person moved during the year, the old unit's comments must
    be on file (regulations.md §B.4, TRANS-01)."""

    unit: str
    start: datetime.date
    end: datetime.date | None = None
    comments_on_file: bool = False


@dataclass(frozen=True, kw_only=True)
class TrainingFact:
    start: datetime.date
    end: datetime.date
    result: str = ""


@dataclass(frozen=True, kw_only=True)
class ScoreFact:
    sheet: str  # the scoring sheet's code, e.g. a topic
    year: int
    points: Decimal


@dataclass(frozen=True, kw_only=True)
class IncidentFact:
    kind: str
    date: datetime.date


# --- the nominee ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NomineeFacts:
    """What individuals and collectives share."""

    ratings: Mapping[int, str] = field(default_factory=dict)  # year → rating code
    prior_awards: tuple[AwardFact, ...] = ()
    scores: tuple[ScoreFact, ...] = ()
    registered_campaigns: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PersonFacts(NomineeFacts):
    sex: str = ""
    education_level: str = ""  # "" when not recorded
    is_leader: bool = False
    is_union_member: bool = False
    is_union_official: bool = False
    initiatives: tuple[InitiativeFact, ...] = ()
    service_periods: tuple[ServicePeriodFact, ...] = ()
    sanctions: tuple[SanctionFact, ...] = ()
    pending_cases: tuple[PendingCaseFact, ...] = ()
    memberships: tuple[MembershipFact, ...] = ()
    trainings: tuple[TrainingFact, ...] = ()
    # When the person heads a collective: that collective's ratings (the head's award follows
    # the collective's achievements, 1689 art. 4).
    heads_collective: bool = False
    collective_ratings: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class UnitFacts(NomineeFacts):
    code: str = ""
    kind: str = ""
    level: str = ""
    headcount: int | None = None
    women_headcount: int | None = None
    incidents: tuple[IncidentFact, ...] = ()

    @property
    def women_share_pct(self) -> Decimal | None:
        if not self.headcount or self.women_headcount is None:
            return None
        return Decimal(self.women_headcount) * 100 / Decimal(self.headcount)


# --- the nomination and its surroundings --------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ProposalFacts:
    """The nomination itself. `reference_date` is the day the rules judge by: today on submit
    and review, the decision date at the decision step."""

    year: int
    award_code: str
    reference_date: datetime.date
    occasion: str = "general"
    deciding_level: str = ""
    topic: str = ""
    achievement_ids: tuple[str, ...] = ()
    submitted_on: datetime.date | None = None
    decided_on: datetime.date | None = None
    achievement_date: datetime.date | None = None  # the feat (ad hoc) or the end of the topic
    campaign: str = ""
    at_congress: bool = False
    publicly_posted_on: datetime.date | None = None


@dataclass(frozen=True, kw_only=True)
class QuotaFacts:
    """Nominations of the same award in the same year, pending or awarded, *not counting the one
    under check*."""

    proposing_unit: str = ""
    by_proposing_unit: int = 0
    by_proposing_unit_topic: int = 0
    national: int = 0
    national_topic: int = 0
    in_subtree: int = 0  # for the percentage caps
    subtree_units: int | None = None
    headcount: int | None = None


@dataclass(frozen=True, kw_only=True)
class ClusterFacts:
    """The nominee's emulation cluster (cụm, khối thi đua) in the proposal year."""

    cluster: str
    year: int
    rank: int | None = None  # shared ranks: 1, 2, 2, 4
    score: Decimal | None = None
    members: int | None = None
    proposed: bool = False  # acclaimed by the cluster (suy tôn)
    registered: bool = False  # registered its content and indicators with the cluster head
    signed_agreement: bool = False
    has_scoring_sheet: bool = False
    has_minutes: bool = False
    head_terms_without_election: int = 0  # consecutive terms of the current head, no new vote


@dataclass(frozen=True, kw_only=True)
class RoutingFacts:
    proposing_unit: str
    proposing_unit_parent: str | None
    submitted_to: str
    deciding_unit: str = ""
    deciding_unit_level: str = ""
    competent_levels: tuple[str, ...] = ()  # from the catalogue (the award's deciding level)


@dataclass(frozen=True, kw_only=True)
class DocumentFact:
    code: str
    name: str = ""
    mandatory: bool = True
    copies: int = 1


@dataclass(frozen=True, kw_only=True)
class DossierFacts:
    required: tuple[DocumentFact, ...] = ()  # the catalogue's requirements for the award
    present: Mapping[str, int] = field(default_factory=dict)  # document code → copies
    sets: int | None = None  # original sets sent (State awards)


@dataclass(frozen=True, kw_only=True)
class CouncilFacts:
    members: int
    chair_is_unit_chair: bool | None = None
    present: int | None = None
    yes: int | None = None  # written votes of absent members included when the base is "all"
    ballot: str = ""  # "secret" or "open"


@dataclass(frozen=True, kw_only=True)
class CaseFacts:
    """Everything the rules of one step may read about one nomination."""

    proposal: ProposalFacts
    nominee: PersonFacts | UnitFacts
    quota: QuotaFacts | None = None
    cluster: ClusterFacts | None = None
    routing: RoutingFacts | None = None
    dossier: DossierFacts | None = None
    council: CouncilFacts | None = None
    # Display names of the codes the rules may mention (awards, documents, units, unit kinds and
    # levels, topics), from the catalogue; a code without a name is shown as it is.
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.proposal.year

    def name(self, code: str) -> str:
        return self.names.get(code) or code or "—"

    def names_of(self, codes: Iterable[str]) -> str:
        return ", ".join(self.name(code) for code in codes) or "—"

    def person(self) -> PersonFacts:
        if not isinstance(self.nominee, PersonFacts):
            raise FactsMissing(
                _("This rule is for individuals; the nominee is a collective."),
                _("An administrator should remove it from this award's rule pack."),
            )
        return self.nominee

    def unit(self) -> UnitFacts:
        if not isinstance(self.nominee, UnitFacts):
            raise FactsMissing(
                _("This rule is for collectives; the nominee is an individual."),
                _("An administrator should remove it from this award's rule pack."),
            )
        return self.nominee


def rank_of(value: str, order: tuple[str, ...]) -> int:
    """Position in an order (0 = first); unknown values sort last."""
    return order.index(value) if value in order else len(order)


def at_least(value: str | None, minimum: str, order: tuple[str, ...]) -> bool:
    """`value` is `minimum` or better in a best-first order (ratings, training results)."""
    return value is not None and value in order and rank_of(value, order) <= rank_of(minimum, order)


def at_or_above(value: str, minimum: str, order: tuple[str, ...]) -> bool:
    """`value` is `minimum` or higher in a lowest-first order (education, recognition)."""
    return value in order and rank_of(value, order) >= rank_of(minimum, order)
