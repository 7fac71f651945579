"""Writes the demo's emulation (demo.data.emulation): the campaigns of the five seed plans with
their phases, targets, reporting calendar, registrations and reports, and three clusters with a
signed agreement, scores, a final ranking and the proposed leading unit.

Every step goes through the emulation services acting as the person whose work it is: the
launching unit's staff drafts and launches a campaign and closes it; each unit's clerk registers
it and files its reports; the upper unit's staff acknowledges (or returns) what is filed with
it; the cluster's head draws up the agreement, each member signs it and scores itself, the head
cross-checks (the deputy checks the head), finalises the ranking and records the proposal. The
staff accounts the demo lacks (demo.data.emulation.STAFF) are created first, by the seed's
actor, as demo.workflow does for its own.

Idempotent like demo.services: a campaign is identified by its launching unit and name, a
cluster by its forming unit and name; whatever exists already is left as it is (someone trying
the demo may have changed it), and a second run creates nothing. Each campaign and each cluster
is one transaction: an interrupted run keeps those it finished and the next run completes the
others. A cluster whose agreement links to a campaign's indicators waits for that campaign.

Runs after the workflow (demo.workflow), on the whole demo only: a part of the plan (tests seed
parts to stay fast) lacks units the campaigns need and gets none of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_create
from common.exceptions import DomainError
from demo.data import emulation as data
from demo.data import workflow as workflow_data
from demo.data.emulation import (
    AgreementSpec,
    CampaignSpec,
    ClusterSpec,
    RegistrationSpec,
    ReportSpec,
    SheetSpec,
)
from demo.documents import demo_document
from demo.specs import AccountSpec, DemoPlan
from demo.workflow import _Missing, _scenario  # a scenario per transaction, skipped on refusal
from emulation.choices import ScoringMethod
from emulation.models import (
    Campaign,
    Cluster,
    ClusterAgreement,
    ReportingPeriod,
    ScoreSheet,
    TargetIndicator,
)
from emulation.services import (
    AdjustmentClaim,
    AdjustmentSpec,
    IndicatorScore,
    IndicatorSpec,
    agreement_sign,
    campaign_close,
    campaign_create,
    campaign_launch,
    campaign_phase_save,
    campaign_start,
    cluster_agreement_create,
    cluster_create,
    cluster_officer_elect,
    cluster_ranking_finalise,
    lead_proposal_record,
    progress_report_submit,
    registration_acknowledge,
    registration_return,
    registration_submit,
    reporting_period_save,
    score_sheet_check,
    score_sheet_submit,
    target_indicator_save,
)
from organizations.models import Person, Unit, UnitLevel
from organizations.services import role_grant

if TYPE_CHECKING:
    from demo.services import SeedResult

# The keys this step adds to SeedResult.created.
EMULATION_SUMMARY_KEYS = (
    "emulation_accounts",
    "campaigns",
    "registrations",
    "progress_reports",
    "clusters",
    "cluster_agreements",
)


# --- what the data needs -------------------------------------------------------------------------


def _unit_codes() -> set[str]:
    codes: set[str] = {account.unit for account in data.STAFF}
    for campaign in data.CAMPAIGNS:
        codes |= {campaign.launching_unit, *campaign.participants}
        codes |= {registration.unit for registration in campaign.registrations}
        codes |= {report.unit for report in campaign.reports}
    for cluster in data.CLUSTERS:
        codes |= {cluster.parent_unit, *cluster.members}
        codes |= {officer.unit for officer in cluster.officers}
    return codes


def _usernames() -> set[str]:
    names: set[str] = set()
    for campaign in data.CAMPAIGNS:
        names.add(campaign.run_by)
        for registration in campaign.registrations:
            names |= {registration.by, registration.acknowledged_by}
            if registration.returned:
                names.add(registration.returned.by)
        names |= {report.by for report in campaign.reports}
    for cluster in data.CLUSTERS:
        agreement = cluster.agreement
        names |= {cluster.formed_by, agreement.drawn_up_by, agreement.ranked_by}
        names |= {officer.by for officer in cluster.officers}
        names |= {signature.by for signature in agreement.signatures}
        names |= {sheet.by for sheet in agreement.sheets}
        names |= {sheet.check.by for sheet in agreement.sheets}
        names.add(agreement.proposal.by)
    return names


def emulation_applies(plan: DemoPlan) -> bool:
    """Whether `plan` holds every unit, account and person the emulation data names: the whole
    demo does; a part of it usually does not, and gets none of it."""
    accounts = {account.username for account in (*plan.accounts, *workflow_data.STAFF)}
    accounts |= {account.username for account in data.STAFF}
    people = {(person.unit, person.full_name) for person in plan.people}
    named_people = {
        (registration.unit, registration.person)
        for campaign in data.CAMPAIGNS
        for registration in campaign.registrations
        if registration.person
    }
    return (
        _unit_codes() <= set(plan.units_by_code)
        and _usernames() <= accounts
        and named_people <= people
    )


def demo_emulation_seed(*, actor: Any, plan: DemoPlan, result: SeedResult) -> None:
    """Create whatever of the demo's emulation is missing (see the module docstring)."""
    if not emulation_applies(plan):
        return
    _accounts_seed(actor=actor, accounts=data.STAFF, result=result)
    campaigns = set(Campaign.objects.values_list("launching_unit__code", "name"))
    clusters = set(Cluster.objects.values_list("parent_unit__code", "name"))
    due_campaigns = [c for c in data.CAMPAIGNS if (c.launching_unit, c.name) not in campaigns]
    due_clusters = [c for c in data.CLUSTERS if (c.parent_unit, c.name) not in clusters]
    if not (due_campaigns or due_clusters):
        return

    world = _World(plan)
    for campaign in due_campaigns:
        _scenario(
            campaign.name,
            result,
            lambda spec=campaign: _campaign_seed(spec, world=world, result=result),
        )
    for cluster in due_clusters:
        _scenario(
            cluster.name,
            result,
            lambda spec=cluster: _cluster_seed(spec, world=world, result=result),
        )


class _World:
    """The users, units, levels and people the scenarios act with, loaded once."""

    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.users = {
            user.username: user for user in User.objects.filter(username__in=_usernames())
        }
        self.units = {
            unit.code: unit
            for unit in Unit.objects.filter(code__in=_unit_codes()).select_related("kind__level")
        }
        self.levels = {level.code: level for level in UnitLevel.objects.all()}
        named = {
            (registration.unit, registration.person)
            for campaign in data.CAMPAIGNS
            for registration in campaign.registrations
            if registration.person
        }
        codes = {
            person.code: (person.unit, person.full_name)
            for person in plan.people
            if (person.unit, person.full_name) in named
        }
        self.people = {
            codes[person.code]: person for person in Person.objects.filter(code__in=list(codes))
        }

    def user(self, username: str) -> Any:
        user = self.users.get(username)
        if user is None:
            raise _Missing(_("The account %(username)s does not exist.") % {"username": username})
        return user

    def unit(self, code: str) -> Unit:
        unit = self.units.get(code)
        if unit is None:
            raise _Missing(_("The unit %(code)s does not exist.") % {"code": code})
        return unit

    def level(self, code: str) -> UnitLevel:
        level = self.levels.get(code)
        if level is None:
            raise _Missing(_("The unit level %(code)s does not exist.") % {"code": code})
        return level

    def person(self, unit: str, full_name: str) -> Person:
        person = self.people.get((unit, full_name))
        if person is None:
            raise _Missing(_("%(name)s is not in the database.") % {"name": full_name})
        return person


# --- setup: the administrators' part --------------------------------------------------------


def _accounts_seed(*, actor: Any, accounts: tuple[AccountSpec, ...], result: SeedResult) -> None:
    """The staff accounts of the units that file, each with its role; existing ones are left as
    they are (their roles included)."""
    usernames = [account.username for account in accounts]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    missing = [account for account in accounts if account.username not in existing]
    if not missing:
        return
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[a.unit for a in missing])}
    for account in missing:
        unit = units.get(account.unit)
        if unit is None:
            result.skipped.append((account.username, _("Its unit was not created.")))
            continue
        try:
            with transaction.atomic():
                # No password: these people are in the history, nobody signs in as them.
                user = user_create(
                    actor=actor,
                    username=account.username,
                    home_unit=unit,
                    full_name=account.full_name,
                    email=f"{account.username}@example.org",
                )
                role_grant(actor=actor, user=user, role=account.role, unit=unit)
        except DomainError as error:
            result.skip(account.username, error)
            continue
        result.created["emulation_accounts"] += 1


# --- campaigns -----------------------------------------------------------------------------------


def _campaign_seed(spec: CampaignSpec, *, world: _World, result: SeedResult) -> None:
    """Drafted with its phases, targets and reporting calendar, launched; the registrations filed
    and acknowledged; under way, the reports filed; closed."""
    runner = world.user(spec.run_by)
    campaign = campaign_create(
        actor=runner,
        launching_unit=world.unit(spec.launching_unit),
        name=spec.name,
        theme=spec.theme,
        plan_number=spec.plan_number,
        plan_date=spec.plan_date,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        scope=spec.scope,
        participant_levels=[world.level(code) for code in spec.levels],
        participants=[world.unit(code) for code in spec.participants],
        registration_deadline=spec.registration_deadline,
    )
    phases = {
        phase.number: campaign_phase_save(
            actor=runner,
            campaign=campaign,
            number=phase.number,
            name=phase.name,
            theme=phase.theme,
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
        )
        for phase in spec.phases
    }
    for order, target in enumerate(spec.targets, start=1):
        target_indicator_save(
            actor=runner,
            campaign=campaign,
            code=target.code,
            name=target.name,
            measure=target.measure,
            target_value=target.target,
            direction=target.direction,
            level=world.level(target.level) if target.level else None,
            rollup=target.rollup,
            unit_threshold=target.unit_threshold,
            sort_order=order,
            note=target.note,
        )
    periods = {
        period.key: reporting_period_save(
            actor=runner,
            campaign=campaign,
            kind=period.kind,
            name=period.name,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            due_on=period.due_on,
            phase=phases[period.phase] if period.phase is not None else None,
        )
        for period in spec.periods
    }
    campaign_launch(actor=runner, campaign=campaign)
    for registration in spec.registrations:
        _registration_seed(registration, campaign=campaign, world=world)
    campaign_start(actor=runner, campaign=campaign)
    for report in spec.reports:
        _report_seed(report, period=periods[report.period], world=world)
    if spec.closing_note:
        campaign_close(actor=runner, campaign=campaign, note=spec.closing_note)
    # Counted once the whole scenario went through (a refusal above rolls all of it back).
    result.created["campaigns"] += 1
    result.created["registrations"] += len(spec.registrations)
    result.created["progress_reports"] += len(spec.reports)


def _registration_seed(spec: RegistrationSpec, *, campaign: Campaign, world: _World) -> None:
    """Filed by the unit's clerk (returned first, then filed again, if so) and acknowledged by
    the unit it is filed with."""
    clerk = world.user(spec.by)
    filing: dict[str, Any] = {
        "actor": clerk,
        "campaign": campaign,
        "year": spec.year,
        "unit": world.unit(spec.unit),
        "person": world.person(spec.unit, spec.person) if spec.person else None,
        "commitment": spec.commitment,
        "titles": spec.titles,
    }
    if spec.returned is not None:
        first = registration_submit(**filing, targets=spec.returned.first_targets)
        registration_return(
            actor=world.user(spec.returned.by), registration=first, reason=spec.returned.reason
        )
    registration = registration_submit(**filing, targets=spec.targets)
    registration_acknowledge(actor=world.user(spec.acknowledged_by), registration=registration)


def _report_seed(spec: ReportSpec, *, period: ReportingPeriod, world: _World) -> None:
    unit = world.unit(spec.unit)
    files = []
    if spec.evidence:
        files.append(
            demo_document(
                f"{spec.evidence}-{unit.code}",
                spec.evidence,
                [unit.name, period.name, "", spec.summary],
            )
        )
    progress_report_submit(
        actor=world.user(spec.by),
        period=period,
        unit=unit,
        values=spec.values,
        notes=spec.notes,
        summary=spec.summary,
        files=files,
    )


# --- clusters ------------------------------------------------------------------------------------


def _cluster_seed(spec: ClusterSpec, *, world: _World, result: SeedResult) -> None:
    """Formed with its members, its officers chosen, then its year: the agreement drawn up and
    signed, the members' sheets submitted and cross-checked, the ranking final, the leading
    unit proposed."""
    cluster = cluster_create(
        actor=world.user(spec.formed_by),
        parent_unit=world.unit(spec.parent_unit),
        name=spec.name,
        kind=spec.kind,
        formed_on=spec.formed_on,
        note=spec.note,
        members=[world.unit(code) for code in spec.members],
    )
    for officer in spec.officers:
        cluster_officer_elect(
            actor=world.user(officer.by),
            cluster=cluster,
            year=officer.year,
            unit=world.unit(officer.unit),
            position=officer.position,
            method=officer.method,
            chosen_on=officer.chosen_on,
            minutes_number=officer.minutes,
        )
    _agreement_seed(spec.agreement, cluster=cluster, world=world)
    result.created["clusters"] += 1
    result.created["cluster_agreements"] += 1


def _campaign_indicators(spec: AgreementSpec) -> dict[str, TargetIndicator]:
    """The indicators of the campaign the agreement links to, by code."""
    if not spec.campaign:
        return {}
    campaign = next(c for c in data.CAMPAIGNS if c.key == spec.campaign)
    indicators = {
        indicator.code: indicator
        for indicator in TargetIndicator.objects.filter(
            campaign__launching_unit__code=campaign.launching_unit, campaign__name=campaign.name
        )
    }
    if not indicators:
        raise _Missing(_("The campaign %(name)s was not created.") % {"name": campaign.name})
    return indicators


def _agreement_seed(spec: AgreementSpec, *, cluster: Cluster, world: _World) -> None:
    linked = _campaign_indicators(spec)
    agreement = cluster_agreement_create(
        actor=world.user(spec.drawn_up_by),
        cluster=cluster,
        year=spec.year,
        title=spec.title,
        indicators=[
            IndicatorSpec(
                code=indicator.code,
                name=indicator.name,
                max_points=indicator.max_points,
                scoring_method=indicator.method,
                direction=indicator.direction,
                target_value=indicator.target,
                floor_value=indicator.floor,
                bands=indicator.bands,
                campaign_indicator=(
                    linked[indicator.campaign_target] if indicator.campaign_target else None
                ),
                note=indicator.note,
            )
            for indicator in spec.indicators
        ],
        adjustments=[
            AdjustmentSpec(
                kind=item.kind,
                code=item.code,
                name=item.name,
                points=item.points,
                max_points=item.max_points,
            )
            for item in spec.adjustments
        ],
        leaders_to_propose=spec.leaders_to_propose,
        tie_breaks=spec.tie_breaks,
    )
    for signature in spec.signatures:
        agreement_sign(
            actor=world.user(signature.by),
            agreement=agreement,
            unit=world.unit(signature.unit),
            signed_on=signature.signed_on,
            signatory=signature.signatory,
            targets=signature.targets,
        )
    assessed = {i.code for i in spec.indicators if i.method == ScoringMethod.ASSESSED}
    sheets = [_sheet_submit(sheet, agreement, assessed, world) for sheet in spec.sheets]
    for sheet, submitted in zip(spec.sheets, sheets, strict=True):
        check = sheet.check
        score_sheet_check(
            actor=world.user(check.by),
            sheet=submitted,
            scores={
                code: _given(code, value, assessed, note)
                for code, (value, note) in check.scores.items()
            },
            adjustments={
                code: AdjustmentClaim(count, note)
                for code, (count, note) in check.adjustments.items()
            },
            note=check.note,
        )
    lead = world.user(spec.ranked_by)
    cluster_ranking_finalise(actor=lead, agreement=agreement)
    proposal = spec.proposal
    lead_proposal_record(
        actor=world.user(proposal.by),
        agreement=agreement,
        units=[world.unit(code) for code in proposal.units],
        meeting_on=proposal.meeting_on,
        minutes_number=proposal.minutes,
        reason=proposal.reason,
    )


def _given(code: str, value: Any, assessed: set[str], note: str = "") -> IndicatorScore:
    """A result, or the points of an assessed indicator."""
    if code in assessed:
        return IndicatorScore(points=value, note=note)
    return IndicatorScore(result=value, note=note)


def _sheet_submit(
    spec: SheetSpec, agreement: ClusterAgreement, assessed: set[str], world: _World
) -> ScoreSheet:
    evidence: Mapping[str, str] = spec.evidence
    return score_sheet_submit(
        actor=world.user(spec.by),
        agreement=agreement,
        unit=world.unit(spec.unit),
        scores={
            code: _given(code, value, assessed, evidence.get(code, ""))
            for code, value in spec.results.items()
        },
        adjustments={
            code: AdjustmentClaim(count, evidence.get(code, ""))
            for code, count in spec.adjustments.items()
        },
        note=spec.note,
    )
