"""Union service: effective service years and committee terms (KNC-02, KNC-03).

Service time (KNC-02, HD 149/HD-TLĐ) is counted in calendar years, exactly:

- A period runs from its first to its last day inclusive (an open period up to the reference
  date). Its length in years is the number of whole anniversaries plus the rest as a fraction of
  the year that follows the last anniversary (`years_between`). 1 March 2005 – 28 February 2025
  is exactly 20 years, whatever the leap days; six months is about 0.5. An anniversary of
  29 February falls on 1 March in a common year.
- Each day counts once, with the highest multiplier among the periods covering it (a full-time
  post and a part-time committee seat at the same time do not add up). Days under a sanction
  count zero (the sanction period does not count, HD 149).
- Consecutive days with the same multiplier form one stretch, measured as one period, so a
  period recorded in several rows measures as if recorded in one.
- Effective years = Σ stretch length × multiplier, kept as an exact fraction and compared exactly
  with the minimum: 19.5 fails a 20-year minimum and 20 passes. Results show two decimals,
  rounded down (19.997 shows as 19.99, never as a misleading 20.00).
"""

from __future__ import annotations

import calendar
import datetime
import itertools
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import COMMITTEES, SERVICE_UNIT_CATEGORIES, CaseFacts, ServicePeriodFact
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import number, verdict

ONE_DAY = datetime.timedelta(days=1)


# --- calendar arithmetic -------------------------------------------------------------------------


def add_years(value: datetime.date, years: int) -> datetime.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a common year
        return datetime.date(value.year + years, 3, 1)


def add_months(value: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def years_between(start: datetime.date, stop: datetime.date) -> Fraction:
    """Length of [start, stop) in calendar years, exactly."""
    if stop <= start:
        return Fraction(0)
    whole = stop.year - start.year
    if add_years(start, whole) > stop:
        whole -= 1
    anchor, following = add_years(start, whole), add_years(start, whole + 1)
    return whole + Fraction((stop - anchor).days, (following - anchor).days)


def shown(value: Fraction) -> Decimal:
    """Two decimals, rounded down."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


# --- effective service years ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceYearsParams(Params):
    min_years: Decimal = param(help=gettext_lazy("The minimum effective years."), minimum=0)  # noqa: RUF009
    full_time: Decimal = param(  # noqa: RUF009
        Decimal(1), help=gettext_lazy("Multiplier for full-time service."), minimum=0
    )
    part_time: Decimal = param(  # noqa: RUF009
        Decimal("1.5"), help=gettext_lazy("Multiplier for part-time service."), minimum=0
    )
    part_time_non_state: Decimal = param(  # noqa: RUF009
        Decimal(2),
        help=gettext_lazy(
            "Multiplier for part-time service in a grassroots union of a non-state enterprise."
        ),
        minimum=0,
    )
    unit_categories: tuple[str, ...] = param(
        (),
        help=gettext_lazy("Only service in these kinds of unit counts (none: all)."),
        choices=SERVICE_UNIT_CATEGORIES,
    )
    leadership_only: bool = param(
        False, help=gettext_lazy("Only service in a leading position counts.")
    )
    subtract_sanctions: bool = param(True, help=gettext_lazy("Days under a sanction do not count."))


def _multiplier(period: ServicePeriodFact, params: ServiceYearsParams) -> Fraction:
    if period.mode == "full_time":
        return Fraction(params.full_time)
    if period.unit_category == "grassroots_non_state":
        return Fraction(params.part_time_non_state)
    return Fraction(params.part_time)


def _kind(period: ServicePeriodFact) -> str:
    if period.mode == "full_time":
        return "full_time"
    return "part_time_non_state" if period.unit_category == "grassroots_non_state" else "part_time"


def effective_service(
    facts: CaseFacts, params: ServiceYearsParams
) -> tuple[Fraction, dict[str, Fraction], Fraction]:
    """(effective years, calendar years by kind, calendar years lost to sanctions)."""
    person = facts.person()
    as_of = facts.proposal.reference_date
    stop_at = as_of + ONE_DAY

    def span(
        start: datetime.date, end: datetime.date | None
    ) -> tuple[datetime.date, datetime.date]:
        return start, min(end + ONE_DAY if end else stop_at, stop_at)

    periods = [
        (*span(p.start, p.end), _multiplier(p, params), _kind(p))
        for p in person.service_periods
        if p.start <= as_of
        and (not params.unit_categories or p.unit_category in params.unit_categories)
        and (p.leader or not params.leadership_only)
    ]
    sanctions = (
        [span(s.start, s.end) for s in person.sanctions if s.start <= as_of]
        if params.subtract_sanctions
        else []
    )
    bounds = sorted({d for p in periods for d in p[:2]} | {d for s in sanctions for d in s})
    # Stretches of consecutive days with the same (multiplier, kind, sanctioned).
    stretches: list[tuple[datetime.date, datetime.date, Fraction, str, bool]] = []
    for start, stop in itertools.pairwise(bounds):
        covering = [p for p in periods if p[0] <= start and stop <= p[1]]
        if not covering:
            continue
        best = max(covering, key=lambda p: p[2])
        barred = any(s[0] <= start and stop <= s[1] for s in sanctions)
        key = (best[2], best[3], barred)
        if stretches and stretches[-1][1] == start and stretches[-1][2:] == key:
            stretches[-1] = (stretches[-1][0], stop, *key)
        else:
            stretches.append((start, stop, *key))
    effective = Fraction(0)
    by_kind: dict[str, Fraction] = {}
    sanctioned = Fraction(0)
    for start, stop, multiplier, kind, barred in stretches:
        length = years_between(start, stop)
        if barred:
            sanctioned += length
            continue
        by_kind[kind] = by_kind.get(kind, Fraction(0)) + length
        effective += length * multiplier
    return effective, by_kind, sanctioned


def check_service_years(facts: CaseFacts, params: ServiceYearsParams) -> RuleResult:
    """KNC-02 (a route of): at least 20 effective years of union work, part-time ×1.5, part-time
    in a non-state enterprise's grassroots union ×2, sanction periods excluded."""
    effective, by_kind, sanctioned = effective_service(facts, params)
    summary = {
        "effective_years": shown(effective),
        "needed": params.min_years,
        "years_by_kind": {kind: shown(years) for kind, years in sorted(by_kind.items())},
        "sanctioned_years": shown(sanctioned),
        "as_of": facts.proposal.reference_date,
    }
    return verdict(
        effective >= Fraction(params.min_years),
        "service_years",
        ok_message=_("%(years)s effective years of union service (at least %(needed)s).")
        % {"years": number(shown(effective)), "needed": number(params.min_years)},
        fail_message=_("%(years)s effective years of union service; needs at least %(needed)s.")
        % {"years": number(shown(effective)), "needed": number(params.min_years)},
        hint=_(
            "Check the service periods (dates, full-time or part-time, kind of unit) against the "
            "certified service record."
        ),
        facts=summary,
    )


# --- committee terms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteeTermsParams(Params):
    committees: tuple[str, ...] = param(
        help=gettext_lazy("Seats on these committees count."), choices=COMMITTEES, min_items=1
    )
    terms: int = param(help=gettext_lazy("Consecutive terms needed."), minimum=1, maximum=10)
    bodies: tuple[str, ...] = param(
        (), help=gettext_lazy("Only the committees of these units (codes).")
    )
    body_levels: tuple[str, ...] = param(
        (), help=gettext_lazy("Only the committees of units of these levels.")
    )
    full_terms_only: bool = param(True, help=gettext_lazy("Only terms served in full count."))


def check_committee_terms(facts: CaseFacts, params: CommitteeTermsParams) -> RuleResult:
    """KNC-02 (a route of): 2 consecutive terms on the BCH or UBKT of TLĐ; 1 full term in the
    Presidium."""
    matching = [
        p
        for p in facts.person().service_periods
        if p.committee in params.committees
        and (not params.bodies or p.body in params.bodies)
        and (not params.body_levels or p.body_level in params.body_levels)
        and (p.full_term or not params.full_terms_only)
        and p.term is not None
    ]
    terms = sorted({p.term for p in matching if p.term is not None})
    longest = run = 0
    for index, term in enumerate(terms):
        run = run + 1 if index and term == terms[index - 1] + 1 else 1
        longest = max(longest, run)
    return verdict(
        longest >= params.terms,
        "committee_terms",
        ok_message=_("%(count)s consecutive terms on the committee.") % {"count": longest},
        fail_message=_("%(count)s consecutive terms on the committee; needs %(needed)s.")
        % {"count": longest, "needed": params.terms},
        hint=_(
            "Record each committee seat with its term number and whether it was served in full."
        ),
        facts={"terms": terms, "longest_run": longest, "needed": params.terms},
    )
