"""The tie-break of 1689 art. 4 (PRIO-01): among candidates with equal achievements under a
binding quota, women come first, then collectives with at least 70% women. A ranking aid for the
reviewer who has to choose, never a block.

`rank_for_quota` orders candidates; `check_tie_break_priority` tells, for one nominee, what
priority it would have (always an INFO result).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import CaseFacts, UnitFacts
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import info, number

DEFAULT_WOMEN_MAJORITY_PCT = Decimal(70)
WOMAN = "woman"
WOMEN_MAJORITY = "women_majority"
PLACED_BY_SCORE = "score"
PLACED_BY_PRIORITY = "priority"
TIED = "tied"


@dataclass(frozen=True, kw_only=True)
class Candidate:
    id: str
    score: Decimal  # what the candidates are compared on, higher first; equal scores tie
    label: str = ""
    sex: str = ""  # an individual's
    women_share_pct: Decimal | None = None  # a collective's


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    rank: int  # shared by candidates still equal after the tie-break: 1, 2, 2, 4
    priority: str  # WOMAN, WOMEN_MAJORITY or ""
    placed_by: str  # what put it below the one above: score, priority, tied ("" for the first)


def priority_of(*, sex: str, women_share_pct: Decimal | None, women_majority_pct: Decimal) -> str:
    if sex == "female":
        return WOMAN
    if women_share_pct is not None and women_share_pct >= women_majority_pct:
        return WOMEN_MAJORITY
    return ""


_TIER = {WOMAN: 0, WOMEN_MAJORITY: 1, "": 2}


def rank_for_quota(
    candidates: Iterable[Candidate], *, women_majority_pct: Decimal = DEFAULT_WOMEN_MAJORITY_PCT
) -> list[Ranked]:
    """By score, highest first; equal scores by priority (women, then collectives of mostly
    women, then the others); still equal share a rank, listed by label then id so that the
    order never depends on the input's."""
    keyed = []
    for c in candidates:
        priority = priority_of(
            sex=c.sex, women_share_pct=c.women_share_pct, women_majority_pct=women_majority_pct
        )
        keyed.append(((-c.score, _TIER[priority]), priority, c))
    keyed.sort(key=lambda k: (k[0], k[2].label, k[2].id))
    ranked: list[Ranked] = []
    for index, (key, priority, candidate) in enumerate(keyed):
        if index == 0:
            ranked.append(Ranked(candidate, 1, priority, ""))
            continue
        previous_key = keyed[index - 1][0]
        if key == previous_key:
            ranked.append(Ranked(candidate, ranked[-1].rank, priority, TIED))
        else:
            placed_by = PLACED_BY_SCORE if key[0] != previous_key[0] else PLACED_BY_PRIORITY
            ranked.append(Ranked(candidate, index + 1, priority, placed_by))
    return ranked


@dataclass(frozen=True)
class TieBreakParams(Params):
    women_majority_pct: Decimal = param(  # noqa: RUF009
        DEFAULT_WOMEN_MAJORITY_PCT,
        help=gettext_lazy("A collective with at least this share of women has priority."),
        minimum=0,
        maximum=100,
    )


def check_tie_break_priority(facts: CaseFacts, params: TieBreakParams) -> RuleResult:
    nominee = facts.nominee
    if isinstance(nominee, UnitFacts):
        sex, share = "", nominee.women_share_pct
    else:
        sex, share = nominee.sex, None
    priority = priority_of(
        sex=sex, women_share_pct=share, women_majority_pct=params.women_majority_pct
    )
    if priority == WOMAN:
        message = _("In a tie under the quota, the nominee comes first: a woman.")
    elif priority == WOMEN_MAJORITY:
        message = _(
            "In a tie under the quota, the nominee comes first: a collective with %(share)s%% "
            "women."
        ) % {"share": number(share or Decimal(0))}
    else:
        message = _("No priority in a tie under the quota.")
    return info(
        "tie_break_priority",
        message,
        {
            "priority": priority or None,
            "sex": sex or None,
            "women_share_pct": None if share is None else share.quantize(Decimal("0.01")),
            "women_majority_pct": params.women_majority_pct,
        },
    )
