"""Achievements: ratings in a row, initiatives, beneficial value, scores, the head and the
collective.

Counting rules (regulations.md §B.2, §B.4): the proposal year counts; "consecutive" means every
year of the run, with no gap; a year without a recorded rating breaks the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from awards.rules.facts import (
    EDUCATION_LEVELS,
    INITIATIVE_KINDS,
    RATINGS,
    RECOGNITION_LEVELS,
    CaseFacts,
    InitiativeFact,
    at_least,
    at_or_above,
    rank_of,
)
from awards.rules.params import ParamError, Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import failed, number, passed, verdict, vnd, years_text

# --- N consecutive years rated R or better ------------------------------------------------------


@dataclass(frozen=True)
class ConsecutiveRatingsParams(Params):
    years: int = param(help=gettext_lazy("How many consecutive years."), minimum=1, maximum=30)
    min_rating: str = param(
        "HTXSNV", help=gettext_lazy("The lowest rating that counts."), choices=RATINGS
    )
    include_proposal_year: bool = param(
        True,
        help=gettext_lazy("The run ends with the proposal year (otherwise with the year before)."),
    )


def check_consecutive_ratings(facts: CaseFacts, params: ConsecutiveRatingsParams) -> RuleResult:
    """BKTLD-01: "HTXSNV" in the proposal year and the year before (years=2)."""
    end = facts.year if params.include_proposal_year else facts.year - 1
    window = list(range(end - params.years + 1, end + 1))
    ratings = facts.nominee.ratings
    seen = {year: ratings.get(year) for year in window}
    run = 0
    for year in reversed(window):
        if not at_least(seen[year], params.min_rating, RATINGS):
            break
        run += 1
    short = [year for year in window if not at_least(seen[year], params.min_rating, RATINGS)]
    summary = {
        "years": seen,
        "needed": params.years,
        "run": run,
        "min_rating": params.min_rating,
    }
    return verdict(
        not short,
        "consecutive_ratings",
        ok_message=_("Rated %(rating)s or better in each of %(years)s.")
        % {"rating": params.min_rating, "years": years_text(window)},
        fail_message=_(
            "Needs %(needed)s consecutive years rated %(rating)s or better up to %(end)s; "
            "found %(run)s."
        )
        % {"needed": params.years, "rating": params.min_rating, "end": end, "run": run},
        hint=_("Record or correct the rating for %(years)s, or propose the award in a later year.")
        % {"years": years_text(short)},
        facts=summary,
    )


# --- head of a collective ------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadFollowsCollectiveParams(Params):
    min_rating: str = param(
        "HTXSNV",
        help=gettext_lazy("The rating the collective needs in the proposal year."),
        choices=RATINGS,
    )


def check_head_follows_collective(
    facts: CaseFacts, params: HeadFollowsCollectiveParams
) -> RuleResult:
    """HEAD-01: the head's award follows the achievements of the collective he or she leads."""
    person = facts.person()
    if not person.heads_collective:
        return passed(
            "head_follows_collective",
            _("The nominee does not head a collective."),
            {"heads_collective": False},
        )
    rating = person.collective_ratings.get(facts.year)
    return verdict(
        at_least(rating, params.min_rating, RATINGS),
        "head_follows_collective",
        ok_message=_("The collective the nominee heads is rated %(rating)s in %(year)s.")
        % {"rating": rating, "year": facts.year},
        fail_message=_(
            "The nominee heads a collective rated %(rating)s in %(year)s; the award to a head "
            "follows the collective's achievements (needs %(needed)s or better)."
        )
        % {"rating": rating or _("not rated"), "year": facts.year, "needed": params.min_rating},
        hint=_("Check the collective's rating, or explain in the report why the head stands out."),
        facts={
            "heads_collective": True,
            "collective_rating": rating,
            "min_rating": params.min_rating,
        },
    )


# --- initiatives in a window ---------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativesParams(Params):
    window_years: int = param(
        help=gettext_lazy("The window in years, ending with the proposal year."),
        minimum=1,
        maximum=30,
    )
    min_count: int = param(0, help=gettext_lazy("At least this many initiatives."), minimum=0)
    min_total_value: int | None = param(
        None, help=gettext_lazy("At least this total beneficial value (VND)."), minimum=0
    )
    min_recognition_level: str = param(
        "grassroots",
        help=gettext_lazy("Recognised at this level or higher."),
        choices=RECOGNITION_LEVELS,
    )
    kinds: tuple[str, ...] = param(
        (), help=gettext_lazy("Kinds that count (none: all)."), choices=INITIATIVE_KINDS
    )
    applied_only: bool = param(
        True, help=gettext_lazy("Only initiatives applied effectively count.")
    )

    def problems(self) -> list[ParamError]:
        if self.min_count == 0 and self.min_total_value is None:
            return [ParamError("min_count", _("Set a count, a total value or both."))]
        return []


def _counted(
    initiatives: tuple[InitiativeFact, ...],
    *,
    years: range,
    min_level: str,
    kinds: tuple[str, ...],
    applied_only: bool,
) -> list[InitiativeFact]:
    return [
        i
        for i in initiatives
        if i.year in years
        and at_or_above(i.recognition_level, min_level, RECOGNITION_LEVELS)
        and (not kinds or i.kind in kinds)
        and (i.applied or not applied_only)
    ]


def check_initiatives(facts: CaseFacts, params: InitiativesParams) -> RuleResult:
    """BKTLD-02: at least 2 initiatives recognised at grassroots level within the two years."""
    years = range(facts.year - params.window_years + 1, facts.year + 1)
    counted = _counted(
        facts.person().initiatives,
        years=years,
        min_level=params.min_recognition_level,
        kinds=params.kinds,
        applied_only=params.applied_only,
    )
    total = sum(i.value or 0 for i in counted)
    count_ok = len(counted) >= params.min_count
    value_ok = params.min_total_value is None or total >= params.min_total_value
    summary = {
        "from": years.start,
        "to": facts.year,
        "counted": [i.id for i in counted],
        "count": len(counted),
        "needed": params.min_count,
        "total_value": total,
        "needed_value": params.min_total_value,
    }
    period = str(facts.year) if params.window_years == 1 else f"{years.start}–{facts.year}"
    needed = []
    if params.min_count:
        needed.append(
            ngettext("%(count)s initiative", "%(count)s initiatives", params.min_count)
            % {"count": params.min_count}
        )
    if params.min_total_value is not None:
        needed.append(_("a total value of %(value)s") % {"value": vnd(params.min_total_value)})
    found = {"count": len(counted), "period": period, "total": vnd(total)}
    return verdict(
        count_ok and value_ok,
        "initiatives",
        ok_message=_("%(count)s recognised initiatives in %(period)s (%(total)s).") % found,
        fail_message=_(
            "%(count)s recognised initiatives in %(period)s (%(total)s); needs at least %(needed)s."
        )
        % {**found, "needed": _(" and ").join(needed)},
        hint=_(
            "Link the nominee's initiatives with their recognition decisions (level %(level)s or "
            "higher, applied)."
        )
        % {"level": params.min_recognition_level},
        facts=summary,
    )


# --- beneficial value by category ----------------------------------------------------------------


@dataclass(frozen=True)
class ValueTier(Params):
    """The threshold for one category of nominee; the first tier the nominee fits applies."""

    label: str = param(help=gettext_lazy("The category's name, shown in the result."))
    leader: bool | None = param(
        None, help=gettext_lazy("Only leaders (true), only non-leaders (false), or both.")
    )
    min_education: str = param(
        "",
        help=gettext_lazy("Lowest education level of the category."),
        choices=("", *EDUCATION_LEVELS),
    )
    max_education: str = param(
        "",
        help=gettext_lazy("Highest education level of the category."),
        choices=("", *EDUCATION_LEVELS),
    )
    min_single_value: int | None = param(
        None,
        help=gettext_lazy("One solution in the proposal year worth at least this (VND)."),
        minimum=0,
    )
    consecutive_years: int | None = param(
        None,
        help=gettext_lazy("Or: solutions in each of this many years up to the proposal year."),
        minimum=1,
    )
    min_total_value: int | None = param(
        None, help=gettext_lazy("…totalling at least this (VND)."), minimum=0
    )
    alternative_kind: str = param(
        "", help=gettext_lazy("Or: one solution of this kind…"), choices=("", *INITIATIVE_KINDS)
    )
    alternative_min_level: str = param(
        "",
        help=gettext_lazy("…recognised at this level or higher."),
        choices=("", *RECOGNITION_LEVELS),
    )

    def problems(self) -> list[ParamError]:
        errors = []
        if (self.consecutive_years is None) != (self.min_total_value is None):
            errors.append(
                ParamError("min_total_value", _("Set both the years and the total, or neither."))
            )
        if bool(self.alternative_kind) != bool(self.alternative_min_level):
            errors.append(
                ParamError("alternative_kind", _("Set both the kind and the level, or neither."))
            )
        if (
            self.min_single_value is None
            and self.min_total_value is None
            and not self.alternative_kind
        ):
            errors.append(ParamError("min_single_value", _("Set at least one threshold.")))
        return errors

    def needs_education(self) -> bool:
        return bool(self.min_education or self.max_education)

    def fits(self, *, is_leader: bool, education: str) -> bool:
        if self.leader is not None and self.leader != is_leader:
            return False
        if self.min_education and not at_or_above(education, self.min_education, EDUCATION_LEVELS):
            return False
        return not (
            self.max_education
            and rank_of(education, EDUCATION_LEVELS) > rank_of(self.max_education, EDUCATION_LEVELS)
        )


@dataclass(frozen=True)
class BeneficialValueParams(Params):
    tiers: tuple[ValueTier, ...] = param(
        help=gettext_lazy("The categories, first match applies."), min_items=1
    )


def check_beneficial_value(facts: CaseFacts, params: BeneficialValueParams) -> RuleResult:
    """LDST-02: the beneficial-value threshold of the nominee's category (education level and
    leadership). Values count only for solutions with a recognised value."""
    person = facts.person()
    education = person.education_level
    tier = next(
        (
            t
            for t in params.tiers
            if not (t.needs_education() and not education)
            and t.fits(is_leader=person.is_leader, education=education)
        ),
        None,
    )
    base = {"is_leader": person.is_leader, "education_level": education or None}
    if tier is None:
        if not education and any(t.needs_education() for t in params.tiers):
            return failed(
                "beneficial_value",
                _("The threshold depends on the nominee's education level, which is not recorded."),
                _("Record the nominee's education level."),
                {**base, "tier": None},
            )
        return failed(
            "beneficial_value",
            _("No threshold of this award fits the nominee's category."),
            _(
                "Check the nominee's education level and position; an administrator may need to "
                "complete the rule pack."
            ),
            {**base, "tier": None},
        )
    routes: dict[str, bool] = {}
    this_year = [
        i for i in person.initiatives if i.year == facts.year and i.applied and i.value is not None
    ]
    best = max((i.value or 0 for i in this_year), default=0)
    if tier.min_single_value is not None:
        routes["single"] = best >= tier.min_single_value
    total = 0
    if tier.consecutive_years is not None and tier.min_total_value is not None:
        years = range(facts.year - tier.consecutive_years + 1, facts.year + 1)
        in_window = [i for i in person.initiatives if i.year in years and i.applied and i.value]
        every_year = all(any(i.year == y for i in in_window) for y in years)
        total = sum(i.value or 0 for i in in_window)
        routes["consecutive_total"] = every_year and total >= tier.min_total_value
    if tier.alternative_kind:
        routes["alternative"] = any(
            i.kind == tier.alternative_kind
            and i.year == facts.year
            and at_or_above(i.recognition_level, tier.alternative_min_level, RECOGNITION_LEVELS)
            for i in person.initiatives
        )
    summary = {**base, "tier": tier.label, "best_value": best, "total_value": total, **routes}
    wanted = []
    if tier.min_single_value is not None:
        wanted.append(_("one solution worth %(value)s") % {"value": vnd(tier.min_single_value)})
    if tier.consecutive_years is not None and tier.min_total_value is not None:
        wanted.append(
            _("solutions in %(years)s consecutive years totalling %(value)s")
            % {"years": tier.consecutive_years, "value": vnd(tier.min_total_value)}
        )
    if tier.alternative_kind:
        wanted.append(
            _("a %(kind)s recognised at %(level)s level")
            % {"kind": tier.alternative_kind, "level": tier.alternative_min_level}
        )
    return verdict(
        any(routes.values()),
        "beneficial_value",
        ok_message=_("Meets the threshold for %(tier)s.") % {"tier": tier.label},
        fail_message=_(
            "For %(tier)s the award needs %(wanted)s; the best solution of %(year)s is worth "
            "%(best)s."
        )
        % {
            "tier": tier.label,
            "wanted": _(" or ").join(wanted),
            "year": facts.year,
            "best": vnd(best),
        },
        hint=_("Link the solutions with their recognised beneficial value, or check the category."),
        facts=summary,
    )


# --- a score on a scoring sheet ------------------------------------------------------------------


@dataclass(frozen=True)
class MinScoreParams(Params):
    sheet: str = param(help=gettext_lazy("The scoring sheet's code (e.g. the topic)."))
    min_points: Decimal = param(help=gettext_lazy("The lowest passing score."), minimum=0)  # noqa: RUF009


def check_min_score(facts: CaseFacts, params: MinScoreParams) -> RuleResult:
    """XSD-03: at least 96 points on the topic's scoring sheet in the proposal year."""
    score = next(
        (s for s in facts.nominee.scores if s.sheet == params.sheet and s.year == facts.year), None
    )
    summary = {
        "sheet": params.sheet,
        "points": None if score is None else score.points,
        "needed": params.min_points,
    }
    if score is None:
        return failed(
            "min_score",
            _("No score on the sheet %(sheet)s for %(year)s.")
            % {"sheet": params.sheet, "year": facts.year},
            _("Attach the scoring sheet and record its total."),
            summary,
        )
    return verdict(
        score.points >= params.min_points,
        "min_score",
        ok_message=_("%(points)s points on %(sheet)s (at least %(needed)s).")
        % {
            "points": number(score.points),
            "sheet": params.sheet,
            "needed": number(params.min_points),
        },
        fail_message=_("%(points)s points on %(sheet)s; needs at least %(needed)s.")
        % {
            "points": number(score.points),
            "sheet": params.sheet,
            "needed": number(params.min_points),
        },
        hint=_("Check the scoring sheet; a unit below the threshold cannot be proposed this year."),
        facts=summary,
    )
