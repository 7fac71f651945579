"""Emulation clusters (cụm, khối thi đua) and campaign registration (regulations.md §D.4).

The cluster's ranking is computed by emulation/scoring.py (shared ranks 1, 2, 2, 4); these rules
read its outcome for the nominee's cluster and year.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import CaseFacts, ClusterFacts
from awards.rules.params import Params, param
from awards.rules.result import RuleResult
from awards.rules.types.base import failed, verdict


def _no_cluster(rule_type: str, facts: CaseFacts) -> RuleResult:
    return failed(
        rule_type,
        _("No cluster result for %(year)s is on record for the nominee.") % {"year": facts.year},
        _("Record the cluster's year-end ranking (or check that the nominee is in a cluster)."),
        {"cluster": None, "year": facts.year},
    )


def _cluster(facts: CaseFacts) -> ClusterFacts | None:
    cluster = facts.cluster
    return cluster if cluster is not None and cluster.year == facts.year else None


@dataclass(frozen=True)
class ClusterRankParams(Params):
    max_rank: int = param(
        1, help=gettext_lazy("Ranked at this place or better (1: led the cluster)."), minimum=1
    )
    require_proposed: bool = param(False, help=gettext_lazy("The cluster acclaimed it (suy tôn)."))


def check_cluster_rank(facts: CaseFacts, params: ClusterRankParams) -> RuleResult:
    """ROUTE-02: a unit directly under TLĐ is proposed for the TLĐ flag from its cluster's
    result (led its cluster; or ranked in the top k, acclaimed)."""
    cluster = _cluster(facts)
    if cluster is None:
        return _no_cluster("cluster_rank", facts)
    ranked = cluster.rank is not None and cluster.rank <= params.max_rank
    proposed = cluster.proposed or not params.require_proposed
    problems = []
    if not ranked:
        problems.append(
            _("ranked %(rank)s, needs %(max)s or better")
            % {"rank": cluster.rank or "—", "max": params.max_rank}
        )
    if not proposed:
        problems.append(_("not acclaimed (suy tôn) by the cluster"))
    return verdict(
        ranked and proposed,
        "cluster_rank",
        ok_message=_("Ranked %(rank)s in cluster %(cluster)s in %(year)s.")
        % {"rank": cluster.rank, "cluster": facts.name(cluster.cluster), "year": cluster.year},
        fail_message=_("In cluster %(cluster)s in %(year)s: %(problems)s.")
        % {
            "cluster": facts.name(cluster.cluster),
            "year": cluster.year,
            "problems": "; ".join(problems),
        },
        hint=_("Only the cluster's leading units may be proposed; check the cluster's ranking."),
        facts={
            "cluster": cluster.cluster,
            "rank": cluster.rank,
            "members": cluster.members,
            "score": cluster.score,
            "max_rank": params.max_rank,
            "proposed": cluster.proposed,
        },
    )


@dataclass(frozen=True)
class ClusterParticipationParams(Params):
    registered: bool = param(True, help=gettext_lazy("Registered its content and indicators."))
    signed_agreement: bool = param(
        False, help=gettext_lazy("Signed the cluster agreement (giao ước).")
    )


def check_cluster_participation(facts: CaseFacts, params: ClusterParticipationParams) -> RuleResult:
    """CL-01: a member that did not register its indicators with the cluster head cannot be
    acclaimed; nor one that did not sign the agreement, where the pack says so."""
    cluster = _cluster(facts)
    if cluster is None:
        return _no_cluster("cluster_participation", facts)
    missing = []
    if params.registered and not cluster.registered:
        missing.append(_("registration of its indicators"))
    if params.signed_agreement and not cluster.signed_agreement:
        missing.append(_("signature of the cluster agreement"))
    return verdict(
        not missing,
        "cluster_participation",
        ok_message=_("Registered with cluster %(cluster)s.")
        % {"cluster": facts.name(cluster.cluster)},
        fail_message=_("Cluster %(cluster)s has no %(missing)s from the nominee in %(year)s.")
        % {
            "cluster": facts.name(cluster.cluster),
            "missing": _(" and ").join(missing),
            "year": facts.year,
        },
        hint=_(
            "Registration happens at the start of the cycle; the unit can be proposed next year."
        ),
        facts={
            "cluster": cluster.cluster,
            "registered": cluster.registered,
            "signed_agreement": cluster.signed_agreement,
        },
    )


@dataclass(frozen=True)
class ClusterDocumentedParams(Params):
    scoring_sheet: bool = param(True, help=gettext_lazy("A scoring and ranking sheet is recorded."))
    minutes: bool = param(
        True, help=gettext_lazy("The minutes of the cluster's meeting are recorded.")
    )


def check_cluster_documented(facts: CaseFacts, params: ClusterDocumentedParams) -> RuleResult:
    """CL-03: a cluster's proposal rests on a recorded scoring sheet and meeting minutes."""
    cluster = _cluster(facts)
    if cluster is None:
        return _no_cluster("cluster_documented", facts)
    missing = []
    if params.scoring_sheet and not cluster.has_scoring_sheet:
        missing.append(_("the scoring and ranking sheet"))
    if params.minutes and not cluster.has_minutes:
        missing.append(_("the minutes of the meeting"))
    return verdict(
        not missing,
        "cluster_documented",
        ok_message=_("The cluster's scoring sheet and minutes are recorded."),
        fail_message=_("The cluster's proposal lacks %(missing)s.")
        % {"missing": _(" and ").join(missing)},
        hint=_("The cluster head uploads them on the cluster's page."),
        facts={
            "cluster": cluster.cluster,
            "has_scoring_sheet": cluster.has_scoring_sheet,
            "has_minutes": cluster.has_minutes,
        },
    )


@dataclass(frozen=True)
class ClusterHeadRotationParams(Params):
    max_terms: int = param(
        1, help=gettext_lazy("Terms a head may serve without a new election."), minimum=1
    )


def check_cluster_head_rotation(facts: CaseFacts, params: ClusterHeadRotationParams) -> RuleResult:
    """CL-02: the cluster head is elected (or rotates) every year."""
    cluster = _cluster(facts)
    if cluster is None:
        return _no_cluster("cluster_head_rotation", facts)
    terms = cluster.head_terms_without_election
    return verdict(
        terms <= params.max_terms,
        "cluster_head_rotation",
        ok_message=_("The cluster head was elected for this term."),
        fail_message=_("The cluster head has served %(terms)s terms without a new election.")
        % {"terms": terms},
        hint=_("Record the cluster's election (or rotation) of its head."),
        facts={"cluster": cluster.cluster, "terms": terms, "max_terms": params.max_terms},
    )


@dataclass(frozen=True)
class CampaignRegisteredParams(Params):
    pass


def check_campaign_registered(facts: CaseFacts, params: CampaignRegisteredParams) -> RuleResult:
    """A campaign's (phase) award goes to those who registered for the campaign."""
    campaign = facts.proposal.campaign
    if not campaign:
        return failed(
            "campaign_registered",
            _("The nomination is not linked to a campaign."),
            _("Choose the campaign (phong trào) the achievement belongs to."),
            {"campaign": None},
        )
    return verdict(
        campaign in facts.nominee.registered_campaigns,
        "campaign_registered",
        ok_message=_("Registered for the campaign %(campaign)s.")
        % {"campaign": facts.name(campaign)},
        fail_message=_("Did not register for the campaign %(campaign)s.")
        % {"campaign": facts.name(campaign)},
        hint=_("Only those who registered their targets can be rewarded in the campaign."),
        facts={"campaign": campaign, "registered": list(facts.nominee.registered_campaigns)},
    )
