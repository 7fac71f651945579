"""Award history: a prior award required, once in a lifetime, same-year combinations and one
reward per achievement (regulations.md §B.2, §B.3).

Revoked awards never count (they were annulled, Law 06/2022 ch. VII). Pending nominations (the
same subject proposed elsewhere and not decided yet) count where a param says so: two dossiers in
flight can break a combination rule as surely as an award already given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import OCCASIONS, AwardFact, CaseFacts
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import passed, verdict


def _live(award: AwardFact, *, count_pending: bool, count_revoked: bool = False) -> bool:
    return (count_revoked or not award.revoked) and (count_pending or not award.pending)


def _award_name(facts: CaseFacts, award: AwardFact) -> str:
    return award.name or facts.name(award.code)


def _describe(award: AwardFact) -> dict[str, object]:
    return {
        "code": award.code,
        "name": award.name,
        "year": award.year,
        "deciding_level": award.deciding_level,
        "occasion": award.occasion,
        "pending": award.pending,
    }


# --- a prior award in the year before ------------------------------------------------------------


@dataclass(frozen=True)
class PriorAwardParams(Params):
    award_codes: tuple[str, ...] = param(help=gettext_lazy("Any of these awards."), min_items=1)
    years_before: int = param(
        1,
        help=gettext_lazy(
            "How many years before the proposal year (1: the year immediately before)."
        ),
        minimum=0,
        maximum=30,
    )
    topic: str = param("", help=gettext_lazy("Only awards of this topic (empty: any)."))
    count_pending: bool = param(False, help=gettext_lazy("A nomination still pending also counts."))


def check_prior_award(facts: CaseFacts, params: PriorAwardParams) -> RuleResult:
    """BKTLD-03: a Bằng khen of the LĐLĐ tỉnh / CĐ ngành TW in the immediately preceding year;
    XSD-02: the provincial flag or the TLĐ topic Bằng khen (any of a set)."""
    year = facts.year - params.years_before
    matching = [
        a
        for a in facts.nominee.prior_awards
        if a.code in params.award_codes
        and a.year == year
        and (not params.topic or a.topic == params.topic)
        and _live(a, count_pending=params.count_pending)
    ]
    return verdict(
        bool(matching),
        "prior_award",
        ok_message=_("Received %(award)s in %(year)s.")
        % {"award": _award_name(facts, matching[0]) if matching else "", "year": year},
        fail_message=_("Needs %(awards)s received in %(year)s; none is on record.")
        % {"awards": _(" or ").join(facts.name(c) for c in params.award_codes), "year": year},
        hint=_(
            "Add the award to the nominee's award history with its decision number, or propose "
            "the award in a later year."
        ),
        facts={
            "year": year,
            "award_codes": list(params.award_codes),
            "found": [_describe(a) for a in matching],
        },
    )


# --- once in a lifetime ------------------------------------------------------------------------


def _folded(text: str) -> str:
    """Lower case without accents, quotes or punctuation, so that "Huy chương Vì sự nghiệp"
    matches "huy chuong “vi su nghiep”" as a record's name is often typed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


@dataclass(frozen=True)
class NeverReceivedParams(Params):
    award_codes: tuple[str, ...] = param(
        help=gettext_lazy("The award and its predecessors (e.g. the former Huy chương)."),
        min_items=1,
    )
    name_contains: tuple[str, ...] = param(
        (),
        help=gettext_lazy(
            "Also match records without a code whose name contains one of these "
            "(accents and case ignored)."
        ),
    )
    count_pending: bool = param(False, help=gettext_lazy("A nomination still pending also counts."))


def check_never_received(facts: CaseFacts, params: NeverReceivedParams) -> RuleResult:
    """KNC-01 (the medal or the former Huy chương), NVL-01 (once per person)."""
    names = [_folded(n) for n in params.name_contains]
    found = [
        a
        for a in facts.nominee.prior_awards
        if _live(a, count_pending=params.count_pending)
        and (
            a.code in params.award_codes
            or (not a.code and any(n in _folded(a.name) for n in names))
        )
    ]
    return verdict(
        not found,
        "never_received",
        ok_message=_("The nominee has not received this award before."),
        fail_message=_("Awarded once only; the nominee already received %(award)s in %(year)s.")
        % {
            "award": _award_name(facts, found[0]) if found else "",
            "year": found[0].year if found else "",
        },
        hint=_("Withdraw the nomination. If the record is wrong, correct the award history first."),
        facts={"award_codes": list(params.award_codes), "found": [_describe(a) for a in found]},
    )


# --- same-year combination ---------------------------------------------------------------------


@dataclass(frozen=True)
class SameYearCombinationParams(Params):
    conflicting: tuple[str, ...] = param(
        ("general", "topic"),
        help=gettext_lazy("Occasions that exclude each other at one deciding level in one year."),
        choices=OCCASIONS,
        min_items=2,
    )
    exempt: tuple[str, ...] = param(
        ("phase", "ad_hoc"),
        help=gettext_lazy("Occasions never caught by the rule (review by phase, ad-hoc awards)."),
        choices=OCCASIONS,
    )
    count_pending: bool = param(True, help=gettext_lazy("Nominations still pending also count."))


def check_same_year_combination(facts: CaseFacts, params: SameYearCombinationParams) -> RuleResult:
    """DUP-01: within one deciding level and one year, a general (toàn diện) award excludes a
    topic (chuyên đề) award and the reverse; phase reviews and ad-hoc awards are exempt."""
    proposal = facts.proposal
    summary: dict[str, object] = {
        "year": proposal.year,
        "deciding_level": proposal.deciding_level,
        "occasion": proposal.occasion,
    }
    if proposal.occasion in params.exempt or proposal.occasion not in params.conflicting:
        return passed(
            "same_year_combination",
            _("The rule does not apply to awards of this kind (%(occasion)s).")
            % {"occasion": proposal.occasion},
            {**summary, "conflicts": []},
        )
    conflicts = [
        a
        for a in facts.nominee.prior_awards
        if a.year == proposal.year
        and a.deciding_level == proposal.deciding_level
        and a.occasion in params.conflicting
        and a.occasion != proposal.occasion
        and _live(a, count_pending=params.count_pending)
    ]
    first = conflicts[0] if conflicts else None
    return verdict(
        first is None,
        "same_year_combination",
        ok_message=_("No other award of a conflicting kind at this level in %(year)s.")
        % {"year": proposal.year},
        fail_message=_(
            "In %(year)s the nominee already has %(award)s (%(occasion)s) from the same level; "
            "a general and a topic award of one level cannot go together in one year."
        )
        % {
            "year": proposal.year,
            "award": _award_name(facts, first) if first else "",
            "occasion": first.occasion if first else "",
        },
        hint=_(
            "Keep one of the two, propose this one at another level, or as a phase or ad-hoc "
            "award if that is what it is."
        ),
        facts={**summary, "conflicts": [_describe(a) for a in conflicts]},
    )


# --- one achievement, one reward ----------------------------------------------------------------


@dataclass(frozen=True)
class AchievementNotReusedParams(Params):
    count_pending: bool = param(True, help=gettext_lazy("Nominations still pending also count."))


def check_achievement_not_reused(
    facts: CaseFacts, params: AchievementNotReusedParams
) -> RuleResult:
    """DUP-02: an achievement already rewarded (or proposed) cannot be rewarded again."""
    mine = set(facts.proposal.achievement_ids)
    reused = {
        achievement: a
        for a in facts.nominee.prior_awards
        if _live(a, count_pending=params.count_pending)
        for achievement in a.achievement_ids
        if achievement in mine
    }
    return verdict(
        not reused,
        "achievement_not_reused",
        ok_message=_("None of the achievements was rewarded before."),
        fail_message=_("Already rewarded: %(achievements)s.")
        % {
            "achievements": ", ".join(
                f"{achievement} ({_award_name(facts, a)} {a.year})"
                for achievement, a in sorted(reused.items())
            )
        },
        hint=_("Remove the achievements already rewarded, or describe a new achievement."),
        facts={
            "achievements": sorted(mine),
            "reused": {k: _describe(a) for k, a in sorted(reused.items())},
        },
    )
