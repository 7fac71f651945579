"""The facts the rules read, gathered from the database for one nomination or a batch.

`case_facts_for(nominations, step, needs=...)` builds one `awards.rules.facts.CaseFacts` per
nomination. Every table is read once for the whole batch (IN queries, aggregates), never per
nomination or per rule, so checking one nomination or a thousand costs the same number of
queries; `needs` (the sections the rules of the step read, see `sections_for`) leaves out the
tables no rule will look at. The rules then run in memory (nominations/checks.py).

What the records do not hold yet is left empty, and the rules that read it say so (a rule on a
missing *record* fails and says what to record; one on a missing *section* warns): trainings,
scores, incidents, campaign registrations, public posting, dossier sets and whether a
committee seat was served in full are not recorded; "a union official" is someone with a union
service period running on the reference date; a council's chair is taken to be the unit's
president when the council has one seated.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery

from awards.models import (
    AwardDocumentRequirement,
    AwardRecord,
    AwardType,
    DossierDocumentType,
)
from awards.rules import RULE_TYPES
from awards.rules.facts import (
    AwardFact,
    CaseFacts,
    ClusterFacts,
    CouncilFacts,
    DocumentFact,
    DossierFacts,
    InitiativeFact,
    MembershipFact,
    PendingCaseFact,
    PersonFacts,
    ProposalFacts,
    QuotaFacts,
    RoutingFacts,
    SanctionFact,
    ServicePeriodFact,
    UnitFacts,
)
from nominations.models import (
    AgendaItem,
    AgendaResult,
    Attachment,
    Attendance,
    Council,
    CouncilPosition,
    DecisionItem,
    Nomination,
    NominationStatus,
)
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    Membership,
    PendingCase,
    UnionServicePeriod,
    UnitClosure,
    UnitKind,
)

S = NominationStatus
# Nominations in flight: they count as pending awards of their nominee and in quotas.
PENDING_STATUSES = (S.IN_REVIEW, S.RETURNED, S.AT_COUNCIL, S.AWAITING_DECISION)
# Quotas count what went up, pending or granted (awards.rules.facts.QuotaFacts).
QUOTA_STATUSES = (*PENDING_STATUSES, S.AWARDED)
# The level whose unions are "the proposing unit" of a quota (LĐLĐ tỉnh, CĐ ngành TW).
PROPOSING_LEVEL = "tinh-nganh"
# The old unit's comments on a transfer (regulations.md §B.4, TRANS-01).
TRANSFER_COMMENTS_DOCUMENT = "y-kien-don-vi-cu"
# The signed submission letter stands for the proposal letter of every nomination it carries.
SUBMISSION_LETTER_TYPE = "to-trinh"
TERM_NUMBER = re.compile(r"\d+")

# --- which tables the rules of a step read -------------------------------------------------------

RATINGS, INITIATIVES, AWARDS, MEMBERSHIPS, SERVICE, SANCTIONS, CASES = (
    "ratings",
    "initiatives",
    "awards",
    "memberships",
    "service",
    "sanctions",
    "cases",
)
QUOTA, CLUSTER, ROUTING, DOSSIER, COUNCIL, KINDS = (
    "quota",
    "cluster",
    "routing",
    "dossier",
    "council",
    "kinds",
)
TYPE_SECTIONS: dict[str, frozenset[str]] = {
    "consecutive_ratings": frozenset({RATINGS}),
    "initiatives": frozenset({INITIATIVES}),
    "beneficial_value": frozenset({INITIATIVES, MEMBERSHIPS}),
    "head_follows_collective": frozenset({MEMBERSHIPS, RATINGS}),
    "prior_award": frozenset({AWARDS}),
    "never_received": frozenset({AWARDS}),
    "same_year_combination": frozenset({AWARDS}),
    "achievement_not_reused": frozenset({AWARDS}),
    "service_years": frozenset({SERVICE, SANCTIONS}),
    "committee_terms": frozenset({SERVICE}),
    "no_sanction": frozenset({SANCTIONS}),
    "no_pending_case": frozenset({CASES}),
    "membership": frozenset({MEMBERSHIPS, SERVICE}),
    "transfer_comments": frozenset({MEMBERSHIPS, DOSSIER}),
    "recipient_kind": frozenset({KINDS}),
    "quota_count": frozenset({QUOTA}),
    "quota_percent": frozenset({QUOTA}),
    "dossier_complete": frozenset({DOSSIER}),
    "dossier_sets": frozenset({DOSSIER}),
    "deciding_authority": frozenset({ROUTING}),
    "direct_upper_level": frozenset({ROUTING}),
    "council_composition": frozenset({COUNCIL}),
    "vote_threshold": frozenset({COUNCIL}),
    "cluster_rank": frozenset({CLUSTER}),
    "cluster_participation": frozenset({CLUSTER}),
    "cluster_documented": frozenset({CLUSTER}),
    "cluster_head_rotation": frozenset({CLUSTER}),
}


def sections_for(rule_type: str, params: Any) -> frozenset[str]:
    """The sections a rule reads; an `any_of` reads those of its alternatives."""
    if rule_type == "any_of" and isinstance(params, Mapping):
        needed: set[str] = set()
        for ref in params.get("rules") or ():
            if isinstance(ref, Mapping):
                needed |= sections_for(str(ref.get("type", "")), ref.get("params"))
        return frozenset(needed)
    return TYPE_SECTIONS.get(rule_type, frozenset())


ALL_SECTIONS = frozenset(section for s in TYPE_SECTIONS.values() for section in s)
assert set(TYPE_SECTIONS) <= set(RULE_TYPES)


# --- the batch -----------------------------------------------------------------------------------


def nominations_for_facts(ids: Iterable[int]) -> list[Nomination]:
    """The nominations as they are now, with what every section reads joined (one query)."""
    return list(
        Nomination.objects.filter(pk__in=list(ids))
        .select_related(
            "award_type__regulation",
            "award_type__deciding_level",
            "nominating_unit__kind__level",
            "nominating_unit__parent",
            "nominee_person",
            "nominee_unit__kind__level",
            "topic",
            "submission",
            "deciding_unit__kind__level",
            "current_unit",
        )
        .order_by("pk")
    )


@dataclass
class _Batch:
    nominations: list[Nomination]
    needs: frozenset[str]

    def __post_init__(self) -> None:
        self.person_ids = {n.nominee_person_id for n in self.nominations if n.nominee_person_id}
        self.unit_ids = {n.nominee_unit_id for n in self.nominations if n.nominee_unit_id}
        self.names: dict[str, str] = {}


def case_facts_for(
    nominations: Iterable[Nomination],
    step: str,
    *,
    needs: Iterable[str] | None = None,
    loaded: bool = False,
) -> dict[int, CaseFacts]:
    """One CaseFacts per nomination (by id), for `step`, in a number of queries that does not
    depend on how many nominations or rules there are. `needs`: the sections to gather (every
    one when None); the proposal and the nominee's own fields are always there. `loaded`: the
    nominations come from `nominations_for_facts` already (otherwise they are read again, as
    they are now)."""
    batch = _Batch(
        list(nominations) if loaded else nominations_for_facts(n.pk for n in nominations),
        ALL_SECTIONS if needs is None else frozenset(needs),
    )
    if not batch.nominations:
        return {}
    needs_set = batch.needs
    memberships = _memberships(batch) if MEMBERSHIPS in needs_set else {}
    headed = _headed_units(memberships, batch)
    ratings = _ratings(batch, headed) if RATINGS in needs_set else ({}, {})
    initiatives = _initiatives(batch) if INITIATIVES in needs_set else {}
    awards = _awards(batch) if AWARDS in needs_set else _Awards()
    service = _service_periods(batch) if SERVICE in needs_set else {}
    sanctions = _sanctions(batch) if SANCTIONS in needs_set else {}
    cases = _cases(batch) if CASES in needs_set else {}
    ancestors = _ancestors(batch) if needs_set & {ROUTING, QUOTA} else {}
    dossiers = _dossiers(batch) if needs_set & {DOSSIER} else {}
    quotas = _quotas(batch, ancestors) if QUOTA in needs_set else {}
    councils = _councils(batch, step) if COUNCIL in needs_set else {}
    clusters = _clusters(batch) if CLUSTER in needs_set else {}
    if KINDS in needs_set:
        batch.names.update(dict(UnitKind.objects.values_list("code", "name")))

    facts: dict[int, CaseFacts] = {}
    for nomination in batch.nominations:
        person_id = nomination.nominee_person_id
        award_facts = awards.of(nomination)
        nominee: PersonFacts | UnitFacts
        if person_id is not None:
            person = nomination.nominee_person
            assert person is not None
            periods = service.get(person_id, [])
            open_membership = next(
                (m for m in memberships.get(person_id, []) if m.ended_on is None), None
            )
            head_of = headed.get(person_id)
            nominee = PersonFacts(
                ratings=ratings[0].get(person_id, {}),
                prior_awards=award_facts,
                sex=person.gender,
                education_level=person.education_level,
                is_leader=bool(open_membership and open_membership.is_leader),
                is_union_member=bool(open_membership and open_membership.is_union_member),
                is_union_official=any(
                    p.start <= nomination.reference_date
                    and (p.end is None or p.end >= nomination.reference_date)
                    for p in periods
                ),
                initiatives=tuple(initiatives.get(person_id, ())),
                service_periods=tuple(periods),
                sanctions=tuple(sanctions.get(person_id, ())),
                pending_cases=tuple(cases.get(person_id, ())),
                memberships=tuple(
                    _membership_fact(m, dossiers.get(nomination.pk))
                    for m in memberships.get(person_id, [])
                ),
                heads_collective=head_of is not None,
                collective_ratings=ratings[1].get(head_of, {}) if head_of is not None else {},
            )
        else:
            unit = nomination.nominee_unit
            assert unit is not None  # a nomination has exactly one nominee
            nominee = UnitFacts(
                ratings=ratings[1].get(unit.pk, {}),
                prior_awards=award_facts,
                code=unit.code,
                kind=unit.kind.code,
                level=unit.kind.level.code,
                headcount=unit.headcount,
                women_headcount=unit.women_headcount,
            )
        facts[nomination.pk] = CaseFacts(
            proposal=_proposal(nomination, awards.cited.get(nomination.pk, ())),
            nominee=nominee,
            quota=quotas.get(nomination.pk),
            cluster=clusters.get(nomination.pk),
            routing=_routing(nomination, ancestors) if ROUTING in needs_set else None,
            dossier=dossiers.get(nomination.pk),
            council=councils.get(nomination.pk),
            names=batch.names,
        )
    return facts


# --- the proposal --------------------------------------------------------------------------------


def _proposal(nomination: Nomination, cited: Iterable[int]) -> ProposalFacts:
    award = nomination.award_type
    return ProposalFacts(
        year=nomination.year,
        award_code=award.code,
        reference_date=nomination.reference_date,
        occasion=award.occasion,
        deciding_level=award.deciding_level.code,
        topic=nomination.topic.code if nomination.topic is not None else "",
        achievement_ids=tuple(f"initiative:{pk}" for pk in sorted(cited)),
        submitted_on=nomination.submitted_at.date() if nomination.submitted_at else None,
    )


# --- the nominee's records -----------------------------------------------------------------------


def _memberships(batch: _Batch) -> dict[int, list[Membership]]:
    by_person: dict[int, list[Membership]] = defaultdict(list)
    rows = Membership.objects.filter(person_id__in=batch.person_ids).select_related("unit")
    for membership in rows.order_by("started_on", "pk"):
        by_person[membership.person_id].append(membership)
    return by_person


def _headed_units(memberships: dict[int, list[Membership]], batch: _Batch) -> dict[int, int]:
    """The collective each nominee heads now (its open membership as a leader)."""
    return {
        person_id: m.unit_id
        for person_id, rows in memberships.items()
        for m in rows
        if m.ended_on is None and m.is_leader
    }


def _membership_fact(membership: Membership, dossier: DossierFacts | None) -> MembershipFact:
    comments = bool(dossier and dossier.present.get(TRANSFER_COMMENTS_DOCUMENT))
    return MembershipFact(
        unit=membership.unit.code,
        start=membership.started_on,
        end=membership.ended_on,
        comments_on_file=comments,
    )


def _ratings(
    batch: _Batch, headed: dict[int, int]
) -> tuple[dict[int, dict[int, str]], dict[int, dict[int, str]]]:
    """Ratings by year of the nominated people, and of the nominated and headed collectives."""
    units = batch.unit_ids | set(headed.values())
    people: dict[int, dict[int, str]] = defaultdict(dict)
    collectives: dict[int, dict[int, str]] = defaultdict(dict)
    rows = AnnualRating.objects.filter(
        Q(person_id__in=batch.person_ids) | Q(unit_id__in=units)
    ).values_list("person_id", "unit_id", "year", "rating")
    for person_id, unit_id, year, rating in rows:
        if person_id is not None:
            people[person_id][year] = rating
        else:
            collectives[unit_id][year] = rating
    return people, collectives


def _initiatives(batch: _Batch) -> dict[int, list[InitiativeFact]]:
    by_person: dict[int, list[InitiativeFact]] = defaultdict(list)
    for initiative in Initiative.objects.filter(person_id__in=batch.person_ids).order_by("pk"):
        by_person[initiative.person_id].append(
            InitiativeFact(
                id=f"initiative:{initiative.pk}",
                year=initiative.year,
                recognition_level=initiative.recognition_level,
                kind=initiative.kind,
                value=initiative.beneficial_value,
                applied=initiative.is_applied,
                title=initiative.title,
            )
        )
    return by_person


@dataclass
class _Awards:
    """Award records and nominations in flight of the nominees (each with the nomination it
    came from, if any), and the initiatives each nomination cites (its achievements, DUP-02)."""

    by_person: Mapping[int, list[tuple[int | None, AwardFact]]] = field(default_factory=dict)
    by_unit: Mapping[int, list[tuple[int | None, AwardFact]]] = field(default_factory=dict)
    cited: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    def of(self, nomination: Nomination) -> tuple[AwardFact, ...]:
        """The nominee's awards and pending nominations, this nomination left out."""
        if nomination.nominee_person_id is not None:
            rows = self.by_person.get(nomination.nominee_person_id, [])
        else:
            rows = self.by_unit.get(nomination.nominee_unit_id or 0, [])
        return tuple(fact for source, fact in rows if source != nomination.pk)


def _awards(batch: _Batch) -> _Awards:
    nominee = Q(person_id__in=batch.person_ids) | Q(unit_id__in=batch.unit_ids)
    records = list(
        AwardRecord.objects.filter(nominee).select_related(
            "award_type__deciding_level", "topic", "decision_item"
        )
    )
    pending = list(
        Nomination.objects.filter(
            Q(nominee_person_id__in=batch.person_ids) | Q(nominee_unit_id__in=batch.unit_ids),
            status__in=PENDING_STATUSES,
        ).select_related("award_type__deciding_level", "topic")
    )
    record_nomination: dict[int, int] = {}
    for record in records:
        item: DecisionItem | None = getattr(record, "decision_item", None)
        if item is not None:
            record_nomination[record.pk] = item.nomination_id
    nomination_ids = (
        {n.pk for n in batch.nominations}
        | {n.pk for n in pending}
        | set(record_nomination.values())
    )
    cited: dict[int, list[int]] = defaultdict(list)
    through = Nomination.initiatives.through.objects.filter(nomination_id__in=nomination_ids)
    for nomination_id, initiative_id in through.values_list("nomination_id", "initiative_id"):
        cited[nomination_id].append(initiative_id)

    def achievements(nomination_id: int | None) -> tuple[str, ...]:
        if nomination_id is None:
            return ()
        return tuple(f"initiative:{pk}" for pk in sorted(cited.get(nomination_id, ())))

    by_person: dict[int, list[tuple[int | None, AwardFact]]] = defaultdict(list)
    by_unit: dict[int, list[tuple[int | None, AwardFact]]] = defaultdict(list)
    for record in records:
        award = record.award_type
        source = record_nomination.get(record.pk)
        fact = AwardFact(
            code=record.award_code,
            year=record.year,
            name=record.award_name,
            deciding_level=award.deciding_level.code if award is not None else "",
            occasion=award.occasion if award is not None else "general",
            topic=record.topic.code if record.topic is not None else "",
            revoked=record.revoked_on is not None,
            achievement_ids=achievements(source),
        )
        if record.person_id is not None:
            by_person[record.person_id].append((source, fact))
        elif record.unit_id is not None:
            by_unit[record.unit_id].append((source, fact))
    for other in pending:
        fact = AwardFact(
            code=other.award_type.code,
            year=other.year,
            name=other.award_type.name,
            deciding_level=other.award_type.deciding_level.code,
            occasion=other.award_type.occasion,
            topic=other.topic.code if other.topic is not None else "",
            pending=True,
            achievement_ids=achievements(other.pk),
        )
        if other.nominee_person_id:
            by_person[other.nominee_person_id].append((other.pk, fact))
        elif other.nominee_unit_id:
            by_unit[other.nominee_unit_id].append((other.pk, fact))
    versions = {n.award_type.regulation_id for n in batch.nominations}
    batch.names.update(
        {
            code: short or name
            for code, name, short in AwardType.objects.filter(
                regulation_id__in=versions
            ).values_list("code", "name", "short_name")
        }
    )
    return _Awards(
        by_person=by_person,
        by_unit=by_unit,
        cited={pk: tuple(values) for pk, values in cited.items()},
    )


def _service_periods(batch: _Batch) -> dict[int, list[ServicePeriodFact]]:
    by_person: dict[int, list[ServicePeriodFact]] = defaultdict(list)
    rows = UnionServicePeriod.objects.filter(person_id__in=batch.person_ids).select_related(
        "unit__kind__level"
    )
    for period in rows.order_by("started_on", "pk"):
        term = TERM_NUMBER.search(period.term_label or "")
        unit = period.unit
        by_person[period.person_id].append(
            ServicePeriodFact(
                start=period.started_on,
                end=period.ended_on,
                mode=period.mode,
                unit_category=period.unit_category,
                committee=period.committee,
                body=unit.code if unit is not None else "",
                body_level=unit.kind.level.code if unit is not None else "",
                term=int(term.group()) if term else None,
            )
        )
    return by_person


def _sanctions(batch: _Batch) -> dict[int, list[SanctionFact]]:
    by_person: dict[int, list[SanctionFact]] = defaultdict(list)
    rows = DisciplinarySanction.objects.filter(person_id__in=batch.person_ids)
    for sanction in rows.order_by("effective_from", "pk"):
        by_person[sanction.person_id].append(
            SanctionFact(
                start=sanction.effective_from, end=sanction.effective_to, form=sanction.form
            )
        )
    return by_person


def _cases(batch: _Batch) -> dict[int, list[PendingCaseFact]]:
    by_person: dict[int, list[PendingCaseFact]] = defaultdict(list)
    rows = PendingCase.objects.filter(person_id__in=batch.person_ids)
    for case in rows.order_by("opened_on", "pk"):
        by_person[case.person_id].append(
            PendingCaseFact(kind=case.kind, opened_on=case.opened_on, resolved_on=case.resolved_on)
        )
    return by_person


# --- the route, the dossier, the quota, the council and the cluster ------------------------------


@dataclass(frozen=True)
class _Ancestor:
    unit_id: int
    code: str
    level: str
    rank: int
    depth: int


def _ancestors(batch: _Batch) -> dict[int, list[_Ancestor]]:
    """Each nominating unit's ancestors, itself first (one query on the closure table)."""
    units = {n.nominating_unit_id for n in batch.nominations}
    by_unit: dict[int, list[_Ancestor]] = defaultdict(list)
    rows = (
        UnitClosure.objects.filter(descendant_id__in=units)
        .select_related("ancestor__kind__level")
        .order_by("descendant_id", "depth")
    )
    for link in rows:
        ancestor = link.ancestor
        by_unit[link.descendant_id].append(
            _Ancestor(
                unit_id=ancestor.pk,
                code=ancestor.code,
                level=ancestor.kind.level.code,
                rank=ancestor.kind.level.rank,
                depth=link.depth,
            )
        )
        batch.names.setdefault(ancestor.code, ancestor.name)
    return by_unit


def _deciding(nomination: Nomination, ancestors: dict[int, list[_Ancestor]]) -> _Ancestor | None:
    """The unit that decides (nominations.routing.deciding_unit_for, on the loaded tree)."""
    deciding_rank = nomination.award_type.deciding_level.rank
    for ancestor in ancestors.get(nomination.nominating_unit_id, []):
        if ancestor.rank <= deciding_rank:
            return ancestor
    return None


def _routing(nomination: Nomination, ancestors: dict[int, list[_Ancestor]]) -> RoutingFacts:
    unit = nomination.nominating_unit
    parent = unit.parent
    deciding = _deciding(nomination, ancestors)
    if nomination.deciding_unit_id is not None:
        decided_by = nomination.deciding_unit
        assert decided_by is not None
        deciding_code, deciding_level = decided_by.code, decided_by.kind.level.code
    else:
        deciding_code = deciding.code if deciding else ""
        deciding_level = deciding.level if deciding else ""
    # The first review goes to the direct upper level, or stays with a unit deciding its own
    # award (nominations.routing.first_review_unit).
    own = deciding is not None and deciding.unit_id == unit.pk
    submitted_to = unit.code if own or parent is None else parent.code
    return RoutingFacts(
        proposing_unit=unit.code,
        proposing_unit_parent=None if own or parent is None else parent.code,
        submitted_to=submitted_to,
        deciding_unit=deciding_code,
        deciding_unit_level=deciding_level,
        competent_levels=(nomination.award_type.deciding_level.code,),
    )


def _dossiers(batch: _Batch) -> dict[int, DossierFacts]:
    awards = {n.award_type_id for n in batch.nominations}
    required: dict[int, list[DocumentFact]] = defaultdict(list)
    rows = AwardDocumentRequirement.objects.filter(award_type_id__in=awards).select_related(
        "document_type"
    )
    for requirement in rows.order_by("award_type_id", "document_type__name"):
        doc = requirement.document_type
        required[requirement.award_type_id].append(
            DocumentFact(
                code=doc.code,
                name=doc.name,
                mandatory=requirement.is_mandatory,
                copies=requirement.copies,
            )
        )
    present: dict[int, dict[str, int]] = defaultdict(dict)
    counts = (
        Attachment.objects.filter(nomination_id__in=[n.pk for n in batch.nominations])
        .values("nomination_id", "document_type__code")
        .annotate(copies=Count("id"))
    )
    for row in counts:
        present[row["nomination_id"]][row["document_type__code"]] = row["copies"]
    batch.names.update(dict(DossierDocumentType.objects.values_list("code", "name")))
    dossiers = {}
    for nomination in batch.nominations:
        documents = dict(present.get(nomination.pk, {}))
        submission = nomination.submission
        if submission is not None and submission.letter_file:
            documents[SUBMISSION_LETTER_TYPE] = max(documents.get(SUBMISSION_LETTER_TYPE, 0), 1)
        dossiers[nomination.pk] = DossierFacts(
            required=tuple(required.get(nomination.award_type_id, ())), present=documents
        )
    return dossiers


def _quotas(batch: _Batch, ancestors: dict[int, list[_Ancestor]]) -> dict[int, QuotaFacts]:
    """Nominations of the same award and year that went up (pending or awarded), by the
    provincial union they come from and by topic: one aggregate query."""
    provincial = UnitClosure.objects.filter(
        descendant_id=OuterRef("nominating_unit_id"), ancestor__kind__level__code=PROPOSING_LEVEL
    ).values("ancestor_id")[:1]
    codes = {n.award_type.code for n in batch.nominations}
    years = {n.year for n in batch.nominations}
    counts = (
        Nomination.objects.filter(
            award_type__code__in=codes, year__in=years, status__in=QUOTA_STATUSES
        )
        .annotate(proposing=Subquery(provincial))
        .values("award_type__code", "year", "topic_id", "proposing")
        .annotate(count=Count("id"))
        .order_by()
    )
    table: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in counts:
        table[(row["award_type__code"], row["year"])].append(dict(row))
    quotas = {}
    for nomination in batch.nominations:
        proposing = next(
            (
                a
                for a in ancestors.get(nomination.nominating_unit_id, [])
                if a.level == PROPOSING_LEVEL
            ),
            None,
        )
        proposing_id = proposing.unit_id if proposing else None
        rows = table.get((nomination.award_type.code, nomination.year), [])
        same_unit = [r for r in rows if proposing_id is not None and r["proposing"] == proposing_id]
        topic = nomination.topic_id
        # The nomination under check is left out of its own counts.
        mine = 1 if nomination.status in QUOTA_STATUSES else 0
        by_unit = _count(same_unit) - mine if same_unit else 0
        quotas[nomination.pk] = QuotaFacts(
            proposing_unit=proposing.code if proposing else "",
            by_proposing_unit=max(by_unit, 0),
            by_proposing_unit_topic=max(_count(same_unit, topic) - mine, 0) if same_unit else 0,
            national=max(_count(rows) - mine, 0),
            national_topic=max(_count(rows, topic) - mine, 0),
            in_subtree=max(by_unit, 0),
        )
    return quotas


def _count(rows: list[dict[str, Any]], *topic: int | None) -> int:
    """Nominations in the aggregate rows; of one topic when it is given (None: no topic)."""
    return sum(r["count"] for r in rows if not topic or r["topic_id"] == topic[0])


def _councils(batch: _Batch, step: str) -> dict[int, CouncilFacts]:
    """The council of the deciding unit; from the decision step on, its vote on the nomination
    (the last session that voted on it)."""
    deciding = {n.deciding_unit_id for n in batch.nominations if n.deciding_unit_id}
    if not deciding:
        return {}
    today = datetime.date.today()
    active = Q(members__ended_on__isnull=True) | Q(members__ended_on__gte=today)
    councils = {
        council.unit_id: council
        for council in Council.objects.filter(unit_id__in=deciding).annotate(
            seated=Count("members", filter=active),
            chairs=Count("members", filter=active & Q(members__position=CouncilPosition.CHAIR)),
        )
    }
    votes: dict[int, AgendaItem] = {}
    present: dict[int, int] = {}
    if step == "decision":
        items = (
            AgendaItem.objects.filter(
                nomination_id__in=[n.pk for n in batch.nominations],
                result__in=[AgendaResult.PASSED, AgendaResult.NOT_PASSED],
            )
            .select_related("session")
            .order_by("session__scheduled_at", "pk")
        )
        for item in items:
            votes[item.nomination_id] = item  # the last one wins
        sessions = {item.session_id for item in votes.values()}
        present = dict(
            Attendance.objects.filter(session_id__in=sessions, present=True)
            .values("session_id")
            .annotate(count=Count("id"))
            .values_list("session_id", "count")
        )
    facts = {}
    for nomination in batch.nominations:
        council = councils.get(nomination.deciding_unit_id or 0)
        if council is None:
            continue
        vote = votes.get(nomination.pk)
        members = council.seated
        if vote is not None and vote.session.member_count:
            members = vote.session.member_count
        facts[nomination.pk] = CouncilFacts(
            members=members,
            chair_is_unit_chair=True if council.chairs else None,
            present=present.get(vote.session_id, 0) if vote is not None else None,
            yes=vote.yes_count if vote is not None else None,
            ballot=vote.ballot_type if vote is not None else "",
        )
    return facts


def _clusters(batch: _Batch) -> dict[int, ClusterFacts]:
    """A collective nominee's result in its emulation cluster for the year
    (emulation.selectors_clusters.cluster_result_for, a few queries per distinct collective:
    only the cluster awards read it, a handful of nominations a year)."""
    from emulation.selectors_clusters import cluster_result_for

    results: dict[tuple[int, int], ClusterFacts | None] = {}
    facts = {}
    for nomination in batch.nominations:
        if nomination.nominee_unit_id is None:
            continue
        key = (nomination.nominee_unit_id, nomination.year)
        if key not in results:
            result = cluster_result_for(*key)
            results[key] = (
                None
                if result is None
                else ClusterFacts(
                    cluster=f"cluster:{result.cluster.pk}",
                    year=result.year,
                    rank=result.rank,
                    score=result.score,
                    members=result.members,
                    proposed=result.proposed,
                    registered=result.registered,
                    signed_agreement=result.signed,
                    has_scoring_sheet=result.has_scoring_sheet,
                    has_minutes=result.has_minutes,
                    head_terms_without_election=result.head_terms_without_election,
                )
            )
            if result is not None:
                batch.names.setdefault(f"cluster:{result.cluster.pk}", result.cluster.name)
        cluster = results[key]
        if cluster is not None:
            facts[nomination.pk] = cluster
    return facts
