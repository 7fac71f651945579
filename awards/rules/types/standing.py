"""The nominee's standing: sanctions, pending cases, membership, transfers, training, incidents
and who may receive the award. Service years and committee terms are in service.py."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import (
    INCIDENT_KINDS,
    PENDING_CASE_KINDS,
    TRAINING_RESULTS,
    CaseFacts,
    TrainingFact,
    UnitFacts,
    at_least,
)
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import day, info, passed, verdict
from awards.rules.types.service import ONE_DAY, add_months, shown, years_between

# --- sanctions and pending cases -----------------------------------------------------------------


@dataclass(frozen=True)
class NoSanctionParams(Params):
    pass


def check_no_sanction(facts: CaseFacts, params: NoSanctionParams) -> RuleResult:
    """KNC-03: no disciplinary sanction in force on the reference date (both ends inclusive)."""
    as_of = facts.proposal.reference_date
    in_force = [
        s
        for s in facts.person().sanctions
        if s.start <= as_of and (s.end is None or as_of <= s.end)
    ]
    first = in_force[0] if in_force else None
    return verdict(
        first is None,
        "no_sanction",
        ok_message=_("No disciplinary sanction in force on %(date)s.") % {"date": day(as_of)},
        fail_message=_("A disciplinary sanction (%(form)s) is in force from %(start)s to %(end)s.")
        % {
            "form": first.form if first else "",
            "start": day(first.start) if first else "",
            "end": day(first.end) if first and first.end else _("until lifted"),
        },
        hint=_("The nomination can be filed once the sanction has ended."),
        facts={
            "as_of": as_of,
            "in_force": [{"form": s.form, "start": s.start, "end": s.end} for s in in_force],
        },
    )


@dataclass(frozen=True)
class NoPendingCaseParams(Params):
    kinds: tuple[str, ...] = param(
        (), help=gettext_lazy("Only cases of these kinds (none: all)."), choices=PENDING_CASE_KINDS
    )


def check_no_pending_case(facts: CaseFacts, params: NoPendingCaseParams) -> RuleResult:
    """KNC-04: no disciplinary review, complaint, denunciation or case still open."""
    as_of = facts.proposal.reference_date
    open_cases = [
        c
        for c in facts.person().pending_cases
        if (not params.kinds or c.kind in params.kinds)
        and c.opened_on <= as_of
        and (c.resolved_on is None or c.resolved_on > as_of)
    ]
    return verdict(
        not open_cases,
        "no_pending_case",
        ok_message=_("No open review, complaint or case."),
        fail_message=_("On hold: %(cases)s open since %(date)s.")
        % {
            "cases": ", ".join(c.kind for c in open_cases),
            "date": day(min(c.opened_on for c in open_cases)) if open_cases else "",
        },
        hint=_("The nomination waits until the case is concluded; record the conclusion then."),
        facts={
            "as_of": as_of,
            "open": [{"kind": c.kind, "opened_on": c.opened_on} for c in open_cases],
        },
    )


# --- membership ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipParams(Params):
    requires: str = param(
        help=gettext_lazy("What the nominee must be."), choices=("union_member", "union_official")
    )


def check_membership(facts: CaseFacts, params: MembershipParams) -> RuleResult:
    """LDST-01 (a union member), NVL-01 (a union official)."""
    person = facts.person()
    ok = person.is_union_official if params.requires == "union_official" else person.is_union_member
    what = _("a union official") if params.requires == "union_official" else _("a union member")
    return verdict(
        ok,
        "membership",
        ok_message=_("The nominee is %(what)s.") % {"what": what},
        fail_message=_("The award is for %(what)s; the nominee's record does not say so.")
        % {"what": what},
        hint=_("Check the nominee's membership (or union post) in the people records."),
        facts={
            "requires": params.requires,
            "is_union_member": person.is_union_member,
            "is_union_official": person.is_union_official,
        },
    )


# --- transfer during the year --------------------------------------------------------------------


@dataclass(frozen=True)
class TransferCommentsParams(Params):
    min_months: int = param(
        6, help=gettext_lazy("From this many months at the old unit."), minimum=1, maximum=12
    )


def check_transfer_comments(facts: CaseFacts, params: TransferCommentsParams) -> RuleResult:
    """TRANS-01: a person who moved during the year and worked at least 6 months of it at the
    old unit needs the old unit's comments. "6 months" is calendar months: 1 January to 30 June
    is 6 months, 1 January to 29 June is not."""
    year = facts.year
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    memberships = sorted(facts.person().memberships, key=lambda m: m.start)
    old = memberships[:-1]
    missing = []
    periods = []
    for m in old:
        start, end = max(m.start, first), min(m.end or last, last)
        if start > end:
            continue
        long_enough = add_months(start, params.min_months) <= end + ONE_DAY
        periods.append(
            {
                "unit": m.unit,
                "from": start,
                "to": end,
                "long_enough": long_enough,
                "comments_on_file": m.comments_on_file,
            }
        )
        if long_enough and not m.comments_on_file:
            missing.append(m.unit)
    return verdict(
        not missing,
        "transfer_comments",
        ok_message=_("No transfer in %(year)s needs the old unit's comments.") % {"year": year},
        fail_message=_(
            "The nominee worked %(months)s months or more of %(year)s at %(units)s before moving; "
            "that unit's comments are missing."
        )
        % {"months": params.min_months, "year": year, "units": ", ".join(missing)},
        hint=_("Attach the old unit's comments (ý kiến nhận xét của đơn vị cũ)."),
        facts={"year": year, "old_units": periods},
    )


# --- training ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingYearParams(Params):
    min_result: str = param(
        "good",
        help=gettext_lazy("The lowest result that counts (good = khá)."),
        choices=TRAINING_RESULTS,
    )
    window_years: int = param(
        1, help=gettext_lazy("Years looked at, ending with the proposal year."), minimum=1
    )


def check_training_year(facts: CaseFacts, params: TrainingYearParams) -> RuleResult:
    """TRAIN-01 (information): training of a year or more with "khá" or better counts as a year
    of "Lao động tiên tiến"; shorter training with "khá" or better is added to the work time."""
    first = datetime.date(facts.year - params.window_years + 1, 1, 1)
    last = datetime.date(facts.year, 12, 31)
    found: list[tuple[TrainingFact, Fraction, str]] = []
    for t in facts.person().trainings:
        if t.end < first or t.start > last:
            continue
        length = years_between(t.start, t.end + ONE_DAY)
        good = at_least(t.result, params.min_result, TRAINING_RESULTS)
        treatment = "not_counted" if not good else "advanced_worker" if length >= 1 else "work_time"
        found.append((t, length, treatment))
    if not found:
        return passed("training_year", _("No training in the period."), {"trainings": []})
    texts = {
        "advanced_worker": _("counts as a year of Lao động tiên tiến"),
        "work_time": _("is added to the work time"),
        "not_counted": _("does not count (result below %(result)s)")
        % {"result": params.min_result},
    }
    return info(
        "training_year",
        "; ".join(
            _("Training %(start)s–%(end)s %(treatment)s")
            % {"start": day(t.start), "end": day(t.end), "treatment": texts[treatment]}
            for t, _length, treatment in found
        ),
        {
            "trainings": [
                {
                    "from": t.start,
                    "to": t.end,
                    "years": shown(length),
                    "result": t.result,
                    "treatment": treatment,
                }
                for t, length, treatment in found
            ]
        },
    )


# --- incidents -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoIncidentParams(Params):
    kinds: tuple[str, ...] = param(
        INCIDENT_KINDS,
        help=gettext_lazy("Incidents that disqualify."),
        choices=INCIDENT_KINDS,
        min_items=1,
    )


def check_no_incident(facts: CaseFacts, params: NoIncidentParams) -> RuleResult:
    """XSD-01: no fatal accident, serious technical incident, fire or explosion in the year."""
    found = [
        i for i in facts.unit().incidents if i.date.year == facts.year and i.kind in params.kinds
    ]
    return verdict(
        not found,
        "no_incident",
        ok_message=_("No disqualifying incident in %(year)s.") % {"year": facts.year},
        fail_message=_(
            "%(kind)s on %(date)s: a unit with such an incident in the year cannot "
            "receive this award."
        )
        % {"kind": found[0].kind if found else "", "date": day(found[0].date) if found else ""},
        hint=_("If the incident was recorded against the wrong unit, correct the record."),
        facts={"year": facts.year, "incidents": [{"kind": i.kind, "date": i.date} for i in found]},
    )


# --- who may receive the award -------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientKindParams(Params):
    individuals: bool = param(False, help=gettext_lazy("Individuals may receive the award."))
    unit_kinds: tuple[str, ...] = param(
        (), help=gettext_lazy("Collectives of these kinds may receive it.")
    )


def check_recipient_kind(facts: CaseFacts, params: RecipientKindParams) -> RuleResult:
    """BKCD-03: under 1689 the topic Bằng khen goes to CĐCS and their members, not to upper
    grassroots unions (2106 allowed them)."""
    nominee = facts.nominee
    is_person = not isinstance(nominee, UnitFacts)
    kind = "" if not isinstance(nominee, UnitFacts) else nominee.kind
    ok = params.individuals if is_person else kind in params.unit_kinds
    who = _("individuals") if is_person else facts.name(kind)
    allowed = ([_("individuals")] if params.individuals else []) + [
        facts.name(k) for k in params.unit_kinds
    ]
    return verdict(
        ok,
        "recipient_kind",
        ok_message=_("The award may go to %(who)s.") % {"who": who},
        fail_message=_("The award goes to %(allowed)s, not to %(who)s.")
        % {"allowed": ", ".join(allowed) or "—", "who": who},
        hint=_("Choose an award meant for this kind of nominee."),
        facts={
            "nominee_kind": "person" if is_person else kind,
            "individuals": params.individuals,
            "unit_kinds": list(params.unit_kinds),
        },
    )
