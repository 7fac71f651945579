"""Reads of clusters and blocs, their agreements, scores and rankings, through the reader's
scope; and the cluster result the award rules read.

A cluster is listed for the readers of the unit that formed it and of any unit that has been a
member. Its *internal* results for a year (score sheets, ranking) only for the readers of the
forming unit and of the units that were members in that year: a unit outside the cluster, or one
that joined later, gets a 404 (DomainNotFound).

`cluster_result_for` answers, with no reader, what a nomination's rule checks need about a unit's
year in its cluster (awards.rules.facts.ClusterFacts); the caller has already checked who may
see the nomination.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from common.exceptions import DomainNotFound
from emulation.choices import (
    AgreementStatus,
    OfficerPosition,
)
from emulation.models import (
    AgreementSignature,
    Cluster,
    ClusterAgreement,
    ClusterMembership,
    ClusterOfficer,
    ClusterRankingEntry,
    LeadProposalUnit,
    ScoreAdjustmentLine,
    ScoreLine,
    ScoreSheet,
)
from emulation.selectors import campaign_registered
from organizations.models import Unit, UnitClosure
from organizations.permissions import is_system_admin, visible_unit_ids

# --- clusters ------------------------------------------------------------------------------------


def in_year_q(year: int, prefix: str = "") -> Q:
    """Memberships that overlap `year` (seen through `prefix`, e.g. "memberships__")."""
    return Q(**{f"{prefix}joined_on__lte": datetime.date(year, 12, 31)}) & (
        Q(**{f"{prefix}left_on__isnull": True})
        | Q(**{f"{prefix}left_on__gte": datetime.date(year, 1, 1)})
    )


def cluster_members_in(cluster: Cluster | int, year: int) -> QuerySet[Unit]:
    """The units that belonged to the cluster at some time in `year`."""
    memberships = ClusterMembership.objects.filter(in_year_q(year), cluster=cluster)
    return Unit.objects.filter(id__in=memberships.values("unit_id"))


def cluster_list_visible_to(
    user: Any,
    *,
    parent_unit: Unit | int | None = None,
    kind: str = "",
    year: int | None = None,
    search: str = "",
) -> QuerySet[Cluster]:
    """Clusters formed by a unit the reader may read, or with a member (present or past) the
    reader may read. `year` keeps the clusters that had members that year."""
    qs = Cluster.objects.select_related("parent_unit")
    if not is_system_admin(user):
        visible = visible_unit_ids(user)
        member_read = ClusterMembership.objects.filter(
            cluster_id=OuterRef("pk"), unit_id__in=visible
        )
        qs = qs.filter(Q(parent_unit_id__in=visible) | Exists(member_read))
    if parent_unit is not None:
        qs = qs.filter(parent_unit=parent_unit)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        in_year = ClusterMembership.objects.filter(in_year_q(year), cluster_id=OuterRef("pk"))
        qs = qs.filter(Exists(in_year))
    if search:
        qs = qs.filter(name__icontains=search)
    return qs.order_by("parent_unit__name", "name")


def cluster_get_visible(user: Any, pk: Any) -> Cluster:
    cluster = (
        cluster_list_visible_to(user)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ClusterMembership.objects.select_related("unit").order_by(
                    "left_on", "unit__name"
                ),
            ),
            "officers__unit",
            "agreements",
        )
        .first()
    )
    if cluster is None:
        raise DomainNotFound()
    return cluster


def cluster_internals_readable(user: Any, cluster: Cluster, year: int) -> bool:
    """Whether the reader may see the cluster's internal results for `year`: a reader of the
    forming unit, or of a unit that was a member that year."""
    if is_system_admin(user):
        return True
    visible = visible_unit_ids(user)
    if visible.filter(descendant_id=cluster.parent_unit_id).exists():
        return True
    return cluster_members_in(cluster, year).filter(id__in=visible).exists()


def cluster_agreement_get_visible(user: Any, pk: Any) -> ClusterAgreement:
    """An agreement (its indicators, items and signatures) of a cluster the reader sees."""
    agreement = (
        ClusterAgreement.objects.filter(pk=pk, cluster__in=cluster_list_visible_to(user))
        .select_related("cluster__parent_unit")
        .prefetch_related(
            "indicators",
            "adjustments",
            Prefetch("signatures", queryset=AgreementSignature.objects.select_related("unit")),
        )
        .first()
    )
    if agreement is None:
        raise DomainNotFound()
    return agreement


def _internal_agreement(user: Any, agreement: ClusterAgreement) -> ClusterAgreement:
    if not cluster_internals_readable(user, agreement.cluster, agreement.year):
        raise DomainNotFound()
    return agreement


def score_sheet_list_visible_to(user: Any, agreement: ClusterAgreement) -> QuerySet[ScoreSheet]:
    """The agreement's score sheets with their lines; a 404 for a reader outside the cluster."""
    _internal_agreement(user, agreement)
    return (
        ScoreSheet.objects.filter(agreement=agreement)
        .select_related("unit", "checking_unit")
        .prefetch_related(
            Prefetch("lines", queryset=ScoreLine.objects.select_related("indicator")),
            Prefetch(
                "adjustment_lines", queryset=ScoreAdjustmentLine.objects.select_related("item")
            ),
        )
        .order_by("unit__name")
    )


def score_sheet_get_visible(user: Any, pk: Any) -> ScoreSheet:
    sheet = ScoreSheet.objects.filter(pk=pk).select_related("agreement__cluster").first()
    if sheet is None:
        raise DomainNotFound()
    found = score_sheet_list_visible_to(user, sheet.agreement).filter(pk=pk).first()
    if found is None:
        raise DomainNotFound()
    return found


def cluster_ranking_visible_to(
    user: Any, agreement: ClusterAgreement
) -> QuerySet[ClusterRankingEntry]:
    """The final ranking of the agreement's year; a 404 for a reader outside the cluster."""
    _internal_agreement(user, agreement)
    return (
        ClusterRankingEntry.objects.filter(agreement=agreement)
        .select_related("unit")
        .order_by("position")
    )


# --- what the award rules read -------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterResult:
    """A unit's result in its cluster for a year: what awards.rules.facts.ClusterFacts holds
    (rules ROUTE-02, ROUTE-03, CL-01..03).

    A member registers its content and indicators with the cluster head by signing the
    agreement with its targets (agreement_sign refuses a signature without them), so
    `registered` and `signed` agree for a member with an agreement; `campaign_registered` says
    whether it also has a standing registration for an emulation campaign in that year."""

    cluster: Cluster
    year: int
    agreement: ClusterAgreement | None
    members: int  # units that were members at some time in the year
    signed: bool
    registered: bool
    campaign_registered: bool
    ranking_final: bool
    rank: int | None  # shared ranks: 1, 2, 2, 4
    score: Decimal | None
    ranked_count: int
    led: bool  # proposed by the cluster as a leading unit (suy tôn)
    has_scoring_sheet: bool  # its cross-checked score stands in the final ranking (CL-03)
    has_minutes: bool  # the proposal was recorded with the meeting's minutes (CL-03)
    proposal_minutes: str
    head: Unit | None  # the head for the year: the last one chosen up to that year
    head_terms_without_election: int  # years the head has served since it was last chosen (CL-02)

    @property
    def proposed(self) -> bool:
        return self.led


def _head_terms(cluster: Cluster, year: int) -> tuple[Unit | None, int]:
    """The head serving in `year` (the last chosen up to it) and how many consecutive years,
    `year` included, it has served since that choice: 1 when it was chosen for `year`."""
    last = (
        ClusterOfficer.objects.filter(
            cluster=cluster, year__lte=year, position=OfficerPosition.HEAD
        )
        .select_related("unit")
        .order_by("-year")
        .first()
    )
    if last is None:
        return None, 0
    return last.unit, year - last.year + 1


def cluster_result_for(unit: Unit | int, year: int) -> ClusterResult | None:
    """The unit's result in the cluster it belonged to in `year` (the one it joined last, if it
    moved), or None when it belonged to none. Seven queries."""
    unit_id: int = unit.pk if isinstance(unit, Unit) else unit
    membership = (
        ClusterMembership.objects.filter(in_year_q(year), unit_id=unit_id)
        .select_related("cluster")
        .order_by("-joined_on", "-pk")
        .first()
    )
    if membership is None:
        return None
    cluster = membership.cluster
    members = cluster_members_in(cluster, year).count()
    agreement = (
        ClusterAgreement.objects.filter(cluster=cluster, year=year)
        .select_related("lead_proposal")
        .annotate(
            signed=Exists(
                AgreementSignature.objects.filter(agreement=OuterRef("pk"), unit_id=unit_id)
            ),
            led=Exists(
                LeadProposalUnit.objects.filter(proposal__agreement=OuterRef("pk"), unit_id=unit_id)
            ),
        )
        .first()
    )
    registered_for_year = campaign_registered(unit_id, year)
    head, terms = _head_terms(cluster, year)
    entries = (
        list(
            ClusterRankingEntry.objects.filter(agreement=agreement).values(
                "unit_id", "rank", "score"
            )
        )
        if agreement is not None
        else []
    )
    mine = next((e for e in entries if e["unit_id"] == unit_id), None)
    proposal = getattr(agreement, "lead_proposal", None) if agreement is not None else None
    minutes = (proposal.minutes_number or proposal.minutes_file_name) if proposal else ""
    signed = bool(agreement is not None and agreement.signed)
    return ClusterResult(
        cluster=cluster,
        year=year,
        agreement=agreement,
        members=members,
        signed=signed,
        registered=signed,
        campaign_registered=registered_for_year,
        ranking_final=agreement is not None
        and agreement.status in (AgreementStatus.RANKED, AgreementStatus.PROPOSED),
        rank=mine["rank"] if mine else None,
        score=mine["score"] if mine else None,
        ranked_count=len(entries),
        led=bool(agreement is not None and agreement.led),
        has_scoring_sheet=mine is not None,
        has_minutes=bool(minutes),
        proposal_minutes=minutes,
        head=head,
        head_terms_without_election=terms,
    )


# --- appended for the API (issue 4 §5) -----------------------------------------------------------


def cluster_result_visible_to(
    user: Any, unit: Unit | int, year: int
) -> tuple[Unit, ClusterResult | None]:
    """The unit and `cluster_result_for(unit, year)`, for a reader of the unit: a unit the
    reader may not read (or that does not exist) is a 404, so its rank and score never reach a
    reader outside its scope."""
    unit_id: int = unit.pk if isinstance(unit, Unit) else unit
    found = Unit.objects.filter(pk=unit_id, id__in=visible_unit_ids(user)).first()
    if found is None:
        raise DomainNotFound()
    return found, cluster_result_for(found, year)


def cluster_member_candidate_list(parent_unit: Unit | int) -> QuerySet[Unit]:
    """The units a cluster formed by `parent_unit` may name as members: those under it. Its
    staff names them even where their own reading scope stops at their unit (a district
    clerk); the services check each one (active, not already in a cluster of the kind)."""
    parent_id: int = parent_unit.pk if isinstance(parent_unit, Unit) else parent_unit
    under = UnitClosure.objects.filter(ancestor_id=parent_id, depth__gt=0)
    return Unit.objects.filter(id__in=under.values("descendant_id")).order_by("name")


# --- appended for the pages (issue 4 §5) ---------------------------------------------------------


def agreement_signature_list(agreement: ClusterAgreement) -> QuerySet[AgreementSignature]:
    """The signatures of an agreement the reader already sees (cluster_agreement_get_visible),
    with the targets each member registered."""
    from emulation.models import SignatureTarget

    return (
        AgreementSignature.objects.filter(agreement=agreement)
        .select_related("unit")
        .prefetch_related(
            Prefetch("targets", queryset=SignatureTarget.objects.select_related("indicator"))
        )
        .order_by("unit__name")
    )


def lead_proposal_visible_to(user: Any, agreement: ClusterAgreement) -> Any:
    """The agreement's proposal of leading units with its units in order, or None when there is
    none yet; a 404 for a reader outside the cluster that year, like the ranking it rests on."""
    from emulation.models import LeadProposal

    _internal_agreement(user, agreement)
    return (
        LeadProposal.objects.filter(agreement=agreement)
        .prefetch_related(
            Prefetch("units", queryset=LeadProposalUnit.objects.select_related("unit"))
        )
        .first()
    )
