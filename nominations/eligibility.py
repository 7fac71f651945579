"""The eligibility finder (issue 5 §4): for a person or a collective and a year, which awards it
qualifies for, which it misses and why.

Each award of the catalogue in force on the reference date that fits the nominee (an award for
people, or for collectives of its kind) and that some unit on its way up can decide becomes a
*candidate*: a nomination as the nominee's unit would file it, never stored. The candidates run
through the same rule packs and the same batch facts as real nominations (nominations/checks.py,
nominations/facts.py), so the finder and the checks at submission cannot disagree. Only the
rules about the nominee are run: the procedure of a filed nomination (its dossier, route,
deadlines, council vote) and the ranking aid have nothing to say before there is one.

A bounded number of queries whatever the number of awards and rules. Reading writes nothing;
the pages and the API log that a person's records were opened (Decree 13/2023/NĐ-CP).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils import timezone

from awards.models import AwardDocumentRequirement, AwardType, CheckStep
from awards.rules import RULE_TYPES, Severity, evaluate
from awards.rules.registry import PROCEDURE, RANKING
from awards.selectors import award_type_list
from nominations.checks import CheckResult, Outcome, rules_for
from nominations.facts import COUNCIL, DOSSIER, ROUTING, case_facts_for, sections_for
from nominations.models import Nomination, NominationStatus
from organizations.models import AnnualRating, Person, Unit, UnitClosure
from organizations.selectors import person_current_membership

# Rules about the filing, not about the nominee: left out of the finder.
PROCESS_GROUPS = frozenset({PROCEDURE, RANKING})
PROCESS_SECTIONS = frozenset({DOSSIER, ROUTING, COUNCIL})
ALL_STEPS = tuple(CheckStep.values)
CLOSED_STATUSES = (NominationStatus.REJECTED, NominationStatus.WITHDRAWN)


class Verdict:
    """Where an award stands for the nominee, best first."""

    ELIGIBLE = "eligible"  # every rule about the nominee passes
    TO_CONFIRM = "to_confirm"  # nothing blocks, but a rule warns or could not be decided
    NOT_ELIGIBLE = "not_eligible"  # a blocking rule fails

    ORDER = (ELIGIBLE, TO_CONFIRM, NOT_ELIGIBLE)


@dataclass(frozen=True)
class AwardEligibility:
    award: AwardType
    verdict: str
    results: list[CheckResult]
    deciding_unit: Unit
    # Nominations of this award and year for the nominee that are not closed (a draft too).
    existing: list[Nomination] = field(default_factory=list)

    @property
    def failed(self) -> list[CheckResult]:
        """What keeps the nominee from the award: the blocking rules it fails."""
        return [r for r in self.results if r.fails_blocking]

    @property
    def to_confirm(self) -> list[CheckResult]:
        """Failed warnings and rules that could not be decided on the records."""
        return [
            r
            for r in self.results
            if (r.outcome == Outcome.FAILED and not r.blocking) or r.outcome == Outcome.WARNING
        ]

    @property
    def passed(self) -> list[CheckResult]:
        return [r for r in self.results if r.outcome in (Outcome.PASSED, Outcome.INFO)]

    @property
    def documents(self) -> list[AwardDocumentRequirement]:
        """The dossier the nomination will need (prefetched with the award)."""
        return list(self.award.document_requirements.all())


@dataclass(frozen=True)
class Eligibility:
    year: int
    reference_date: datetime.date
    nominating_unit: Unit | None
    person: Person | None = None
    unit: Unit | None = None
    awards: list[AwardEligibility] = field(default_factory=list)

    @property
    def nominee(self) -> Person | Unit:
        nominee = self.person or self.unit
        assert nominee is not None
        return nominee

    def of(self, verdict: str) -> list[AwardEligibility]:
        return [a for a in self.awards if a.verdict == verdict]

    @property
    def eligible(self) -> list[AwardEligibility]:
        return self.of(Verdict.ELIGIBLE)

    @property
    def to_confirm(self) -> list[AwardEligibility]:
        return self.of(Verdict.TO_CONFIRM)

    @property
    def not_eligible(self) -> list[AwardEligibility]:
        return self.of(Verdict.NOT_ELIGIBLE)


def default_reference_date(year: int, *, today: datetime.date | None = None) -> datetime.date:
    """The day the finder judges on: today while nominations for `year` can still be filed (in
    that year or the next), the end of that window for an earlier year. Standing rules (no
    sanction in force, no complaint under review) and the regulation version read this date."""
    today = today or timezone.localdate()
    return min(today, datetime.date(year + 1, 12, 31))


def default_year(*, person: Person | None = None, unit: Unit | None = None) -> int:
    """The latest year the nominee was rated, this year at most (awards follow the ratings);
    this year for a nominee never rated."""
    ratings = AnnualRating.objects.filter(person=person) if person else None
    if ratings is None:
        ratings = AnnualRating.objects.filter(unit=unit)
    latest = ratings.aggregate(latest=Max("year"))["latest"]
    this_year = timezone.localdate().year
    return min(latest, this_year) if latest else this_year


def eligibility_for(
    *,
    year: int | None = None,
    person: Person | None = None,
    unit: Unit | None = None,
    reference_date: datetime.date | None = None,
    award_code: str = "",
) -> Eligibility:
    """Which awards `person` (or the collective `unit`) qualifies for in `year`, and why not.

    `year`: the year of the achievements (`default_year` when None). A person is nominated by
    the unit of their current membership, a collective by itself.
    `award_code` narrows the answer to one award. The reader's scope is the caller's to check.
    """
    if (person is None) == (unit is None):
        raise ValueError("eligibility_for takes a person or a unit")
    year = year or default_year(person=person, unit=unit)
    on = reference_date or default_reference_date(year)
    if person is not None:
        membership = person_current_membership(person)
        nominating = membership.unit if membership is not None else None
    else:
        nominating = unit
    base: dict[str, Any] = {
        "year": year,
        "reference_date": on,
        "nominating_unit": nominating,
        "person": person,
        "unit": unit,
    }
    if nominating is None:
        return Eligibility(**base)  # no current unit: nobody can file for the person

    awards = list(_candidate_awards(person=person, unit=unit, on=on, award_code=award_code))
    ranks = _ranks_up_from(nominating)
    candidates: list[Nomination] = []
    deciding: dict[int, Unit] = {}
    for award in awards:
        decider = next((u for u in ranks if u.kind.level.rank <= award.deciding_level.rank), None)
        if decider is None:
            continue  # no unit on the way up decides it: it cannot be filed from here
        candidate = Nomination(
            nominating_unit=nominating,
            nominee_person=person,
            nominee_unit=unit,
            award_type=award,
            year=year,
            reference_date=on,
            status=NominationStatus.DRAFT,
        )
        # The facts are keyed by nomination id; a candidate is never saved, so it takes an id
        # no stored nomination has.
        candidate.pk = -(len(candidates) + 1)
        candidates.append(candidate)
        deciding[candidate.pk] = decider
    if not candidates:
        return Eligibility(**base)

    chosen = rules_for(candidates, ALL_STEPS, dossier=False)
    needs: set[str] = set()
    for pk, rows in chosen.items():
        chosen[pk] = [(row, rule) for row, rule in rows if _about_the_nominee(rule.type, rule)]
        for _row, rule in chosen[pk]:
            needs |= sections_for(rule.type, rule.params)
    facts = case_facts_for(candidates, CheckStep.SUBMIT, needs=needs, loaded=True)
    existing = _existing(person=person, unit=unit, year=year)

    answers = []
    for candidate in candidates:
        results = [
            CheckResult.of(evaluate(rule, facts[candidate.pk]), message=row.message if row else "")
            for row, rule in chosen[candidate.pk]
        ]
        answers.append(
            AwardEligibility(
                award=candidate.award_type,
                verdict=_verdict(results),
                results=results,
                deciding_unit=deciding[candidate.pk],
                existing=existing.get(candidate.award_type.code, []),
            )
        )
    answers.sort(key=lambda a: Verdict.ORDER.index(a.verdict))  # stable: catalogue order within
    return Eligibility(**base, awards=answers)


def _candidate_awards(
    *, person: Person | None, unit: Unit | None, on: datetime.date, award_code: str
) -> Any:
    qs = award_type_list(
        on=on,
        for_individuals=True if person is not None else None,
        unit_kind=unit.kind_id if unit is not None else None,
        active_only=True,
    )  # the dossier each needs comes prefetched
    if award_code:
        qs = qs.filter(code=award_code)
    return qs


def _ranks_up_from(unit: Unit) -> list[Unit]:
    """The unit and its ancestors, nearest first, with their levels (one query)."""
    links = (
        UnitClosure.objects.filter(descendant=unit)
        .select_related("ancestor__kind__level")
        .order_by("depth")
    )
    return [link.ancestor for link in links]


def _about_the_nominee(rule_type: str, rule: Any) -> bool:
    registered = RULE_TYPES.get(rule_type)
    if registered is not None and (registered.family in PROCESS_GROUPS or registered.advisory):
        return False
    return not (sections_for(rule_type, rule.params) & PROCESS_SECTIONS)


def _verdict(results: list[CheckResult]) -> str:
    if any(r.fails_blocking for r in results):
        return Verdict.NOT_ELIGIBLE
    if any(
        r.outcome == Outcome.WARNING
        or (r.outcome == Outcome.FAILED and r.severity != Severity.INFO)
        for r in results
    ):
        return Verdict.TO_CONFIRM
    return Verdict.ELIGIBLE


def _existing(
    *, person: Person | None, unit: Unit | None, year: int
) -> dict[str, list[Nomination]]:
    rows = Nomination.objects.filter(year=year).exclude(status__in=CLOSED_STATUSES)
    if person is not None:
        rows = rows.filter(nominee_person=person)
    else:
        rows = rows.filter(nominee_unit=unit)
    found: dict[str, list[Nomination]] = {}
    for nomination in rows.select_related("award_type").order_by("pk"):
        found.setdefault(nomination.award_type.code, []).append(nomination)
    return found
