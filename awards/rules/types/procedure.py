"""Procedure: dossier, authority and routing, deadlines, public posting, council and votes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import CaseFacts, CouncilFacts, DossierFacts, FactsMissing, RoutingFacts
from awards.rules.params import ParamError, Params, month_day_in, param
from awards.rules.result import RuleResult
from awards.rules.types.base import day, number, verdict


def _dossier(facts: CaseFacts) -> DossierFacts:
    if facts.dossier is None:
        raise FactsMissing(_("The dossier was not gathered for this step."))
    return facts.dossier


def _routing(facts: CaseFacts) -> RoutingFacts:
    if facts.routing is None:
        raise FactsMissing(_("The route of the nomination was not gathered for this step."))
    return facts.routing


def _council(facts: CaseFacts) -> CouncilFacts:
    if facts.council is None:
        raise FactsMissing(_("The council has not met on this nomination yet."))
    return facts.council


# --- dossier -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierCompleteParams(Params):
    documents: tuple[str, ...] = param(
        (), help=gettext_lazy("Document types required besides the catalogue's (codes).")
    )
    use_catalogue: bool = param(
        True, help=gettext_lazy("The award's mandatory documents in the catalogue.")
    )
    check_copies: bool = param(
        False, help=gettext_lazy("Also check the number of copies of each document.")
    )


def check_dossier_complete(facts: CaseFacts, params: DossierCompleteParams) -> RuleResult:
    """DOS-01/03 (tờ trình, báo cáo thành tích, biên bản), DOS-02 (certification of
    initiatives for CSTĐ), DOS-05 (secret-ballot result): every required document is there."""
    dossier = _dossier(facts)
    names = {d.code: d.name or facts.name(d.code) for d in dossier.required}
    wanted: dict[str, int] = {}
    if params.use_catalogue:
        wanted |= {d.code: d.copies for d in dossier.required if d.mandatory}
    for code in params.documents:
        wanted.setdefault(code, 1)
    missing = [code for code in wanted if dossier.present.get(code, 0) < 1]
    short = [
        code
        for code, copies in wanted.items()
        if params.check_copies and code not in missing and dossier.present.get(code, 0) < copies
    ]
    summary = {
        "required": sorted(wanted),
        "present": sorted(dossier.present),
        "missing": missing,
        "short_of_copies": short,
    }
    problems = [names.get(code) or facts.name(code) for code in missing] + [
        _("%(document)s (%(copies)s copies)")
        % {"document": names.get(c) or facts.name(c), "copies": wanted[c]}
        for c in short
    ]
    return verdict(
        not problems,
        "dossier_complete",
        ok_message=_("The dossier holds every required document."),
        fail_message=_("Missing from the dossier: %(documents)s.")
        % {"documents": ", ".join(problems)},
        hint=_("Attach the missing documents, signed, and submit again."),
        facts=summary,
    )


@dataclass(frozen=True)
class DossierSetsParams(Params):
    min_sets: int = param(help=gettext_lazy("Original sets needed."), minimum=1)


def check_dossier_sets(facts: CaseFacts, params: DossierSetsParams) -> RuleResult:
    """DOS-04: 2 original sets for Cờ CP / Bằng khen TTg / CSTĐTQ, 3 for a Huân chương."""
    sets = _dossier(facts).sets
    return verdict(
        sets is not None and sets >= params.min_sets,
        "dossier_sets",
        ok_message=_("%(sets)s original sets (at least %(needed)s).")
        % {"sets": sets, "needed": params.min_sets},
        fail_message=(
            _("The number of original sets is not recorded; the award needs %(needed)s.")
            if sets is None
            else _("%(sets)s original sets; the award needs %(needed)s.")
        )
        % {"sets": sets, "needed": params.min_sets},
        hint=_("Record how many original sets are sent, and send the missing ones."),
        facts={"sets": sets, "needed": params.min_sets},
    )


# --- authority and routing -----------------------------------------------------------------------


@dataclass(frozen=True)
class DecidingAuthorityParams(Params):
    levels: tuple[str, ...] = param(
        (), help=gettext_lazy("Levels competent to decide the award (none: the catalogue's).")
    )


def check_deciding_authority(facts: CaseFacts, params: DecidingAuthorityParams) -> RuleResult:
    """AUTH-01: the deciding unit is competent for the award (authority matrix, §A.2)."""
    routing = _routing(facts)
    allowed = params.levels or routing.competent_levels
    return verdict(
        routing.deciding_unit_level in allowed,
        "deciding_authority",
        ok_message=_("%(unit)s is competent to decide this award.")
        % {"unit": facts.name(routing.deciding_unit)},
        fail_message=_(
            "%(unit)s (level %(level)s) is not competent to decide this award; it is decided at "
            "level %(allowed)s."
        )
        % {
            "unit": facts.name(routing.deciding_unit),
            "level": facts.name(routing.deciding_unit_level),
            "allowed": facts.names_of(allowed),
        },
        hint=_("Forward the nomination up to the competent level."),
        facts={
            "deciding_unit": routing.deciding_unit,
            "level": routing.deciding_unit_level,
            "allowed": list(allowed),
        },
    )


@dataclass(frozen=True)
class DirectUpperLevelParams(Params):
    pass


def check_direct_upper_level(facts: CaseFacts, params: DirectUpperLevelParams) -> RuleResult:
    """ROUTE-01: a nomination goes to the proposing unit's direct upper level, no skipping."""
    routing = _routing(facts)
    return verdict(
        routing.proposing_unit_parent is not None
        and routing.submitted_to == routing.proposing_unit_parent,
        "direct_upper_level",
        ok_message=_("Submitted to the direct upper level, %(unit)s.")
        % {"unit": facts.name(routing.submitted_to)},
        fail_message=_("Submitted to %(to)s, but the direct upper level of %(unit)s is %(parent)s.")
        % {
            "to": facts.name(routing.submitted_to),
            "unit": facts.name(routing.proposing_unit),
            "parent": facts.name(routing.proposing_unit_parent or ""),
        },
        hint=_("Submit to the direct upper level; it forwards what is beyond its authority."),
        facts={
            "proposing_unit": routing.proposing_unit,
            "direct_upper_level": routing.proposing_unit_parent,
            "submitted_to": routing.submitted_to,
        },
    )


# --- deadlines -----------------------------------------------------------------------------------


def _judged_date(facts: CaseFacts, which: str) -> datetime.date:
    proposal = facts.proposal
    stated = proposal.decided_on if which == "decided" else proposal.submitted_on
    return stated or proposal.reference_date


@dataclass(frozen=True)
class DeadlineWindowParams(Params):
    closes: str = param(
        help=gettext_lazy("The last day allowed, MM-DD (inclusive)."), month_day=True
    )
    opens: str = param(
        "", help=gettext_lazy("The first day allowed, MM-DD (empty: no start)."), month_day=True
    )
    date: str = param(
        "submitted", help=gettext_lazy("Which date is judged."), choices=("submitted", "decided")
    )
    year_offset: int = param(
        0,
        help=gettext_lazy("The window lies in the proposal year plus this."),
        minimum=-1,
        maximum=1,
    )
    also_at_congress: bool = param(
        False, help=gettext_lazy("Awards given at a congress are exempt.")
    )

    def problems(self) -> list[ParamError]:
        if self.opens and month_day_in(2024, self.opens) > month_day_in(2024, self.closes):
            return [ParamError("opens", _("The window must open before it closes."))]
        return []


def check_deadline_window(facts: CaseFacts, params: DeadlineWindowParams) -> RuleResult:
    """Deadlines ("hồ sơ gửi trước ngày 20/12") and occasions (KNC-05: around 28 July, or at a
    provincial-level congress). Both ends are inclusive."""
    year = facts.year + params.year_offset
    closes = month_day_in(year, params.closes)
    opens = month_day_in(year, params.opens) if params.opens else None
    judged = _judged_date(facts, params.date)
    congress = params.also_at_congress and facts.proposal.at_congress
    inside = (opens is None or opens <= judged) and judged <= closes
    window = f"{day(opens)}–{day(closes)}" if opens else _("by %(date)s") % {"date": day(closes)}
    return verdict(
        inside or congress,
        "deadline_window",
        ok_message=_("%(date)s is within %(window)s.") % {"date": day(judged), "window": window}
        if inside
        else _("Given at a congress."),
        fail_message=_("%(date)s is outside %(window)s.") % {"date": day(judged), "window": window},
        hint=_("Submit within the window, or ask the deciding unit to accept it late."),
        facts={"date": judged, "opens": opens, "closes": closes, "at_congress": congress},
    )


@dataclass(frozen=True)
class DaysAfterEventParams(Params):
    max_days: int = param(
        help=gettext_lazy("At most this many days after the achievement."), minimum=0
    )


def check_days_after_event(facts: CaseFacts, params: DaysAfterEventParams) -> RuleResult:
    """Ad-hoc and topic dossiers within N days after the achievement or the end of the topic
    (an analogue: 45 days, regulations.md §D.2). The day after the achievement is day 1."""
    event = facts.proposal.achievement_date
    judged = _judged_date(facts, "submitted")
    if event is None:
        return verdict(
            False,
            "days_after_event",
            ok_message="",
            fail_message=_("The date of the achievement is not recorded."),
            hint=_("Record the date of the achievement (or the end of the topic)."),
            facts={"event": None, "date": judged, "max_days": params.max_days},
        )
    elapsed = (judged - event).days
    return verdict(
        elapsed <= params.max_days,
        "days_after_event",
        ok_message=_("Filed %(days)s days after the achievement (at most %(max)s).")
        % {"days": elapsed, "max": params.max_days},
        fail_message=_("Filed %(days)s days after the achievement; the limit is %(max)s days.")
        % {"days": elapsed, "max": params.max_days},
        hint=_("Late: propose it as a regular award instead, or ask the deciding unit."),
        facts={"event": event, "date": judged, "days": elapsed, "max_days": params.max_days},
    )


@dataclass(frozen=True)
class PublicPostingParams(Params):
    min_days: int = param(
        0, help=gettext_lazy("Posted at least this many days before submission."), minimum=0
    )


def check_public_posting(facts: CaseFacts, params: PublicPostingParams) -> RuleResult:
    """PUB-01: the highest State awards are posted publicly before they are submitted."""
    posted = facts.proposal.publicly_posted_on
    judged = _judged_date(facts, "submitted")
    ok = posted is not None and (judged - posted).days >= params.min_days
    return verdict(
        ok,
        "public_posting",
        ok_message=_("Posted publicly on %(date)s.") % {"date": day(posted)} if posted else "",
        fail_message=(
            _("Not posted publicly at least %(days)s days before submission.")
            % {"days": params.min_days}
            if params.min_days
            else _("Not posted publicly before submission.")
        ),
        hint=_("Post the nominee on the proposing body's media, record the date, then submit."),
        facts={"posted_on": posted, "submitted_on": judged, "min_days": params.min_days},
    )


# --- council -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilCompositionParams(Params):
    min_members: int = param(1, help=gettext_lazy("At least this many members."), minimum=1)
    max_members: int | None = param(
        None, help=gettext_lazy("At most this many members."), minimum=1
    )
    chair_is_unit_chair: bool = param(
        False, help=gettext_lazy("The chair must be the unit's chairperson.")
    )

    def problems(self) -> list[ParamError]:
        if self.max_members is not None and self.max_members < self.min_members:
            return [ParamError("max_members", _("Must not be below the minimum."))]
        return []


def check_council_composition(facts: CaseFacts, params: CouncilCompositionParams) -> RuleResult:
    """HD-01: a provincial council has at most 9 members, chaired by the unit's chairperson."""
    council = _council(facts)
    size_ok = council.members >= params.min_members and (
        params.max_members is None or council.members <= params.max_members
    )
    chair_ok = not params.chair_is_unit_chair or council.chair_is_unit_chair is True
    problems = []
    if not size_ok:
        problems.append(
            _("%(members)s members (allowed %(min)s–%(max)s)")
            % {
                "members": council.members,
                "min": params.min_members,
                "max": params.max_members or "∞",
            }
        )
    if not chair_ok:
        problems.append(_("the chair is not the unit's chairperson"))
    return verdict(
        size_ok and chair_ok,
        "council_composition",
        ok_message=_("The council is composed as the regulation requires."),
        fail_message=_("The council is not composed as required: %(problems)s.")
        % {"problems": "; ".join(problems)},
        hint=_("Correct the council's membership before it votes."),
        facts={
            "members": council.members,
            "min_members": params.min_members,
            "max_members": params.max_members,
            "chair_is_unit_chair": council.chair_is_unit_chair,
        },
    )


@dataclass(frozen=True)
class VoteThresholdParams(Params):
    threshold_pct: Decimal = param(  # noqa: RUF009
        help=gettext_lazy("Yes votes needed, in percent."), minimum=0, maximum=100
    )
    base: str = param(
        "present",
        help=gettext_lazy("Counted over all members or those present."),
        choices=("all_members", "present"),
    )
    quorum_pct: Decimal | None = param(  # noqa: RUF009
        None,
        help=gettext_lazy("Members present needed, in percent of all."),
        minimum=0,
        maximum=100,
    )
    secret_ballot: bool = param(False, help=gettext_lazy("The vote must be by secret ballot."))
    strictly_more: bool = param(
        False, help=gettext_lazy("More than the threshold (not just reaching it).")
    )


def check_vote_threshold(facts: CaseFacts, params: VoteThresholdParams) -> RuleResult:
    """VOTE-01: secret ballot, ≥ 90% of all members; VOTE-02: the award's configured threshold
    and quorum. 90% of 9 members needs 9 yes votes (8 is 88.9%); 90% of 10 needs 9."""
    council = _council(facts)
    if council.yes is None:
        raise FactsMissing(_("The votes are not counted yet."))
    base = council.members if params.base == "all_members" else council.present
    if base is None:
        raise FactsMissing(_("The attendance is not recorded yet."))
    yes_pct = Decimal(council.yes) * 100 / base if base else Decimal(0)
    # Compared exactly, in whole numbers: yes × 100 against threshold × base.
    scaled_yes, needed = Decimal(council.yes) * 100, params.threshold_pct * base
    reached = base > 0 and (scaled_yes > needed if params.strictly_more else scaled_yes >= needed)
    quorum_ok = True
    if params.quorum_pct is not None:
        present = council.present or 0
        quorum_ok = Decimal(present) * 100 >= params.quorum_pct * council.members
    ballot_ok = not params.secret_ballot or council.ballot == "secret"
    problems = []
    if not ballot_ok:
        problems.append(_("the vote was not by secret ballot"))
    if not quorum_ok:
        problems.append(
            _("%(present)s of %(members)s members present, below the quorum of %(quorum)s%%")
            % {
                "present": council.present or 0,
                "members": council.members,
                "quorum": number(params.quorum_pct or 0),
            }
        )
    if not reached:
        problems.append(
            _("%(yes)s yes of %(base)s (%(pct)s%%), needs %(threshold)s%%")
            % {
                "yes": council.yes,
                "base": base,
                "pct": number(yes_pct),
                "threshold": number(params.threshold_pct),
            }
        )
    return verdict(
        not problems,
        "vote_threshold",
        ok_message=_("%(yes)s yes of %(base)s (%(pct)s%%): passed.")
        % {"yes": council.yes, "base": base, "pct": number(yes_pct)},
        fail_message=_("Not passed: %(problems)s.") % {"problems": "; ".join(problems)},
        hint=_("The nomination cannot go into the decision; the council may vote again."),
        facts={
            "members": council.members,
            "present": council.present,
            "yes": council.yes,
            "base": params.base,
            "yes_pct": yes_pct.quantize(Decimal("0.01")),
            "threshold_pct": params.threshold_pct,
            "quorum_pct": params.quorum_pct,
            "ballot": council.ballot,
        },
    )
