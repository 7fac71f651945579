"""Quotas: how many nominations of an award may go up, per proposing unit, nationally, or as a
share of a subtree's units or a unit's headcount (1689 art. 15(4); awards.models.AwardQuota).

The counts (QuotaFacts) are of nominations pending or awarded in the year, *without* the one
under check; the rule adds it. With a limit of 4, three others make this one the 4th (passes)
and four others make it the 5th (fails). A percentage cap allows ⌊limit × base / 100⌋ ("không
quá X%"): 15% of 10 units allows 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import CaseFacts, FactsMissing, QuotaFacts
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import number, verdict

SCOPES = ("per_proposing_unit", "national")
PERCENT_SCOPES = ("percent_of_units", "percent_of_headcount")


def _quota(facts: CaseFacts) -> QuotaFacts:
    if facts.quota is None:
        raise FactsMissing(_("The quota counts were not gathered for this step."))
    return facts.quota


@dataclass(frozen=True)
class QuotaCountParams(Params):
    scope: str = param(help=gettext_lazy("Who the limit applies to."), choices=SCOPES)
    max_count: int = param(help=gettext_lazy("At most this many per year."), minimum=0)
    per_topic: bool = param(False, help=gettext_lazy("The limit applies to each topic separately."))
    exempt_units: tuple[str, ...] = param(
        (), help=gettext_lazy("Proposing units not held to the limit (codes).")
    )


def check_quota_count(facts: CaseFacts, params: QuotaCountParams) -> RuleResult:
    """BKCD-01: ≤ 4 topic Bằng khen per topic from one LĐLĐ tỉnh / CĐ ngành TW a year;
    BKCD-02: ≤ 300 per topic nationally a year."""
    quota = _quota(facts)
    if params.scope == "national":
        others = quota.national_topic if params.per_topic else quota.national
    else:
        others = quota.by_proposing_unit_topic if params.per_topic else quota.by_proposing_unit
    position = others + 1
    exempt = params.scope == "per_proposing_unit" and quota.proposing_unit in params.exempt_units
    summary = {
        "scope": params.scope,
        "topic": facts.proposal.topic if params.per_topic else None,
        "others": others,
        "this_one": position,
        "limit": params.max_count,
        "exempt": exempt,
    }
    scope_text = _("nationally") if params.scope == "national" else _("from the proposing unit")
    return verdict(
        exempt or position <= params.max_count,
        "quota_count",
        ok_message=_("Nomination %(position)s of at most %(limit)s %(scope)s this year.")
        % {"position": position, "limit": params.max_count, "scope": scope_text},
        fail_message=_(
            "This would be nomination %(position)s %(scope)s this year; the limit is %(limit)s."
        )
        % {"position": position, "limit": params.max_count, "scope": scope_text},
        hint=_(
            "Rank the candidates and keep the best within the limit (women and collectives of "
            "mostly women first among equals); withdraw the others."
        ),
        facts=summary,
    )


@dataclass(frozen=True)
class QuotaPercentParams(Params):
    scope: str = param(help=gettext_lazy("What the percentage is of."), choices=PERCENT_SCOPES)
    max_percent: Decimal = param(  # noqa: RUF009
        help=gettext_lazy("At most this percentage."), minimum=0, maximum=100
    )


def check_quota_percent(facts: CaseFacts, params: QuotaPercentParams) -> RuleResult:
    """A cap as a share of the subtree's units or of a unit's headcount."""
    quota = _quota(facts)
    base = quota.subtree_units if params.scope == "percent_of_units" else quota.headcount
    if base is None:
        raise FactsMissing(_("The size the percentage is taken of was not gathered."))
    position = quota.in_subtree + 1
    allowed = int((params.max_percent * base / 100).to_integral_value(rounding=ROUND_FLOOR))
    return verdict(
        position <= allowed,
        "quota_percent",
        ok_message=_("Nomination %(position)s of at most %(allowed)s (%(percent)s%% of %(base)s).")
        % {
            "position": position,
            "allowed": allowed,
            "percent": number(params.max_percent),
            "base": base,
        },
        fail_message=_(
            "This would be nomination %(position)s; %(percent)s%% of %(base)s allows %(allowed)s."
        )
        % {
            "position": position,
            "allowed": allowed,
            "percent": number(params.max_percent),
            "base": base,
        },
        hint=_("Rank the candidates and keep the best within the limit; withdraw the others."),
        facts={
            "scope": params.scope,
            "others": quota.in_subtree,
            "this_one": position,
            "base": base,
            "max_percent": params.max_percent,
            "allowed": allowed,
        },
    )
