"""The reference data the generator reads once: award catalogue versions, step deadlines, base
salaries. Loaded by `awards.reference_loader` (the generator loads it when it is missing)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from awards.models import AwardType, Track
from awards.selectors import award_type_list, regulation_in_force
from bench.scale.universe import LEVEL_RANK, AwardFacts
from nominations.services.decisions import award_amount
from workflows.models import StepDeadline

DEFAULT_THRESHOLD = Decimal("50")


@dataclass(frozen=True)
class Award:
    """An award type of one catalogue version, with what its rows copy."""

    pk: int
    code: str
    name: str
    short_name: str
    deciding_body: str
    council: bool
    ballot_type: str
    vote_base: str
    threshold: Decimal
    multiplier: Decimal | None
    topics: tuple[int, ...]
    instance: AwardType

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Catalogue:
    """The union catalogue's versions and their awards, by code and reference date."""

    def __init__(self, today: datetime.date) -> None:
        union = award_type_list(active_only=True).filter(regulation__catalogue_track=Track.UNION)
        versions = union.values_list(
            "regulation_id", "regulation__effective_from", "regulation__effective_to"
        )
        self._versions = sorted(set(versions), key=lambda row: row[1])
        current = regulation_in_force(track=Track.UNION, on=today)
        if current is None:
            raise RuntimeError("No union award catalogue is in force: load the reference data.")
        self.current_version = current.pk
        self.awards: dict[tuple[int, str], Award] = {}
        for award in union:
            self.awards[(award.regulation_id, award.code)] = Award(
                pk=award.pk,
                code=award.code,
                name=award.name,
                short_name=award.short_name,
                deciding_body=award.deciding_body,
                council=award.requires_council_vote,
                ballot_type=award.ballot_type,
                vote_base=award.vote_base,
                threshold=award.vote_threshold_pct or DEFAULT_THRESHOLD,
                multiplier=award.amount_multiplier,
                topics=tuple(topic.pk for topic in award.topics.all()),
                instance=award,
            )
        self._levels = {award.pk: award.deciding_level.code for award in union}
        self._amounts: dict[tuple[int, datetime.date], int | None] = {}
        self.deadlines: dict[str, tuple[int, int]] = {
            rule.step: (rule.days, rule.remind_days_before)
            for rule in StepDeadline.objects.filter(award_code="")
        }

    def facts(self) -> dict[str, AwardFacts]:
        """What the plan needs of each award, as the version in force today sets it."""
        return {
            code: AwardFacts(
                code=code,
                deciding_rank=LEVEL_RANK[self._levels[award.pk]],
                council=award.council,
                all_members=award.vote_base == "all_members",
                threshold=award.threshold,
                has_topics=bool(award.topics),
            )
            for (version, code), award in self.awards.items()
            if version == self.current_version
        }

    def award(self, code: str, on: datetime.date) -> Award:
        """The award with `code` as the version in force on `on` defines it (the current
        version's when none was in force then)."""
        version = self.current_version
        for pk, start, end in self._versions:
            if start <= on and (end is None or on <= end):
                version = pk
        return self.awards.get((version, code)) or self.awards[(self.current_version, code)]

    def amount(self, award: Award, on: datetime.date) -> int | None:
        key = (award.pk, on)
        if key not in self._amounts:
            self._amounts[key] = award_amount(award.instance, on)
        return self._amounts[key]


def deadline_moments(
    catalogue: Catalogue, step: str, opened: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime]:
    """(reminder, deadline) of a step opened at `opened`, as workflows.selectors arms them."""
    from workflows.selectors import NO_DEADLINE

    rule = catalogue.deadlines.get(step)
    if rule is None:
        return opened + NO_DEADLINE, opened + NO_DEADLINE
    days, remind = rule
    deadline = opened + datetime.timedelta(days=days)
    return deadline - datetime.timedelta(days=remind), deadline
