"""The national-scale dataset as a plan: pure Python, deterministic, no database.

Everything is a function of the seed and an index, never of what was generated before, so a
top-up continues the same dataset: grassroots union (CĐCS) number `c` always has the same parent,
people and nominations, whether it is generated in the first call or in the tenth. The tree above
the grassroots (the TLĐ, 34 provinces, 20 central sectoral unions and their upper-level unions)
is fixed; grassroots unions are added one after another, each with its people and its own
nominations, until the database holds the nominations asked for.

Nominations are stories: a status, a route up the tree (ADR 0008: the direct upper level reviews
first, then each level up to the award's deciding unit), and the steps taken on it, each with
its time, unit and role. `bench.scale.batch` turns the stories into rows.
"""

from __future__ import annotations

import datetime
import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate, pairwise

from bench.scale import names as words
from demo.data import names as people_names

D = datetime.date
DT = datetime.datetime
DAY = datetime.timedelta(days=1)

# The province whose accounts the benchmark signs in with: every fifth grassroots union is there.
BENCH_PROVINCE = "P01"
BENCH_CDCS = "C0"
BUSY_SHARE = 5  # one grassroots union in BUSY_SHARE is in the bench province
# People per nomination of a grassroots union: the pool its nominees are chosen from. A cap on
# the country's people: ratings (five per person) are the largest table after the workflow.
PEOPLE_PER_NOMINATION = 2
RATING_YEARS = 5
COUNCIL_SIZE = {"tld": 5, "provincial": 5, "upper": 3}

# Level ranks of organizations.reference_data.LEVELS, by the codes awards use.
LEVEL_RANK = {"trung-uong": 0, "tinh-nganh": 1, "cap-tren-co-so": 2, "co-so": 3}

# Nomination statuses (nominations.models.NominationStatus) and how often each is generated.
DRAFT, IN_REVIEW, RETURNED, AT_COUNCIL = "draft", "in_review", "returned", "at_council"
AWAITING, AWARDED, NOT_PASSED = "awaiting_decision", "awarded", "not_passed"
REJECTED, WITHDRAWN, REVOKED = "rejected", "withdrawn", "revoked"
STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    (DRAFT, 7),
    (IN_REVIEW, 14),
    (RETURNED, 4),
    (AT_COUNCIL, 5),
    (AWAITING, 4),
    (AWARDED, 47),
    (NOT_PASSED, 3),
    (REJECTED, 6),
    (WITHDRAWN, 5),
    (REVOKED, 1),
)
OPEN_STATUSES = frozenset({DRAFT, IN_REVIEW, RETURNED, AT_COUNCIL, AWAITING})
# Awards given to people and to grassroots unions (nominated by their upper-level union), with
# how often each is asked for: the lower levels' awards are the many, the TLĐ's the few.
INDIVIDUAL_AWARDS: tuple[tuple[str, int], ...] = (
    ("doan-vien-cd-xuat-sac", 20),
    ("giay-khen-cd-cap-tren", 25),
    ("lao-dong-tien-tien", 12),
    ("bang-khen-ldld", 16),
    ("chien-si-thi-dua-co-so", 7),
    ("bang-khen-tld", 6),
    ("bang-khen-chuyen-de-tld", 4),
    ("chien-si-thi-dua-cap-tinh", 3),
    ("ky-niem-chuong", 5),
    ("bang-lao-dong-sang-tao", 2),
)
COLLECTIVE_AWARDS: tuple[tuple[str, int], ...] = (
    ("cdcs-htxsnv", 45),
    ("co-thi-dua-ldld", 20),
    ("bang-khen-ldld", 20),
    ("bang-khen-tld", 10),
    ("bang-khen-chuyen-de-tld", 5),
)
COLLECTIVE_SHARE = 0.14
# Awards people received before the system: the award history rules read.
PRIOR_AWARDS = (("giay-khen-cd-cap-tren", 60), ("lao-dong-tien-tien", 25), ("bang-khen-ldld", 15))
RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")  # organizations.models.Rating, best first
SESSION_SLOTS = 6  # council sessions (and decisions) per deciding unit and year


def rng_for(seed: int, salt: int, index: int) -> random.Random:
    """An independent stream per (seed, kind of thing, index): ints hash the same everywhere."""
    return random.Random(hash((seed, salt, index)))


def key_number(key: str) -> int:
    return zlib.crc32(key.encode())


def weighted[T](rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in choices], [w for _, w in choices])[0]


# --- the catalogue as the plan needs it ------------------------------------------------------


@dataclass(frozen=True)
class AwardFacts:
    """What a story depends on, read once from the catalogue in force (bench.scale.catalogue)."""

    code: str
    deciding_rank: int
    council: bool
    all_members: bool  # threshold counted over all members, else over those present
    threshold: Decimal
    has_topics: bool


# --- the tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    key: str  # "TLD", "P01", "S03", "P01-04", "C42"
    code: str
    name: str
    kind: str
    parent: str | None
    level: str  # "tld", "provincial", "upper", "cdcs"
    short_name: str = ""
    sector: str = ""
    headcount: int | None = None
    women_headcount: int | None = None
    member_count: int | None = None
    document_symbol: str = ""
    established_on: D | None = None
    region: str = "north"
    work: str = ""  # what people do in the grassroots unions under it ("" = mixed)


@dataclass(frozen=True)
class CdcsSpec:
    index: int
    unit: UnitSpec
    upper: UnitSpec
    provincial: UnitSpec
    work: str
    women_share: float
    nominations: int
    people: int


@dataclass(frozen=True)
class PersonSpec:
    number: int
    code: str
    full_name: str
    gender: str
    birth_date: D
    education_level: str
    position: str
    is_leader: bool
    is_union_member: bool
    started_on: D
    ratings: tuple[str, ...]  # RATING_YEARS years, oldest first
    initiative: tuple[str, str, str, int, int | None] | None  # title, kind, level, year, value
    prior_award: tuple[str, int] | None  # award code, year

    @property
    def merit(self) -> int:
        """Lower is better: the sum of the ratings' ranks."""
        return sum(RATINGS.index(rating) for rating in self.ratings)


@dataclass(frozen=True)
class Clock:
    """The dataset's calendar: the award cycle now running and the fixed moments of past ones.

    The cycle of year Y runs from October of Y (dossiers) to the councils and decisions of the
    first quarter of Y+1. Open nominations belong to the running cycle.
    """

    now: DT  # aware, in the site's time zone
    current_year: int

    @classmethod
    def at(cls, now: DT) -> Clock:
        return cls(now=now, current_year=now.year if now.month >= 7 else now.year - 1)

    def local(self, day: D, hour: int = 8, minute: int = 0) -> DT:
        moment = datetime.time(hour, minute, tzinfo=self.now.tzinfo)
        return DT.combine(day, moment)

    def cycle_start(self, year: int) -> DT:
        return self.local(D(year, 10, 1))

    def session_time(self, kind: str, year: int, slot: int) -> DT:
        if kind == "planned":
            return self.local((self.now + 10 * DAY).date(), 8, 30)
        if kind == "recent":
            return self.local((self.now - 5 * DAY).date(), 8, 30)
        return self.local(D(year + 1, 1, 20) + 7 * slot * DAY, 8, 30)

    def decision_day(self, year: int, slot: int) -> D:
        return (self.session_time("closed", year, slot) + 10 * DAY).date()


# --- stories ----------------------------------------------------------------------------------


@dataclass
class Visit:
    """One visit of a human step: review at a level, changes by the nominating unit, the
    council, the decision."""

    step: str  # workflows.models.Step
    unit: str  # unit key
    opened: DT
    closed: DT | None = None
    outcome: str = "open"  # approved/returned/rejected (review), done, passed/not_passed, canceled
    reason: str = ""
    assigned: DT | None = None  # taken by the step's role holder (open steps)


@dataclass
class AgendaPlan:
    session: tuple[str, str, int, int]  # (kind, deciding unit key, year, slot)
    added_at: DT
    members: int = 0
    present: int = 0
    yes: int = 0
    no: int = 0
    abstain: int = 0
    base: int = 0
    passed: bool | None = None  # None: not voted yet


@dataclass
class NominationSpec:
    cdcs: int
    number: int
    award: str
    status: str
    year: int
    created_at: DT
    nominating: str  # unit key
    person: int | None = None  # PersonSpec.number in the grassroots union
    nominee_unit: str | None = None  # unit key of a collective nominee
    topic: int | None = None  # index into the award's topics
    deciding: str | None = None
    current: str | None = None
    submitted_at: DT | None = None
    closed_at: DT | None = None
    closing_reason: str = ""
    return_count: int = 0
    visits: list[Visit] = field(default_factory=list)
    agenda: AgendaPlan | None = None
    decision: tuple[str, int, int, bool] | None = None  # (deciding unit key, year, slot, council)
    signed_on: D | None = None
    issued_at: DT | None = None
    revoked_on: D | None = None
    withdrawn_at: DT | None = None
    withdrawn_from: str = ""
    achievements: str = ""

    @property
    def reference_date(self) -> D:
        return self.created_at.date()


class Universe:
    """The whole dataset, built lazily from the seed."""

    def __init__(self, seed: int, awards: dict[str, AwardFacts]) -> None:
        self.seed = seed
        self.awards = awards
        self.units: dict[str, UnitSpec] = {}
        self._parents: dict[str, str] = {}  # grassroots union -> its upper-level union
        self.provincials: list[UnitSpec] = []
        self.uppers_of: dict[str, list[UnitSpec]] = {}
        self._build_tree()
        weights = [self._weight[p.key] for p in self.provincials]
        self._cumulative = list(accumulate(weights))

    # --- the fixed tree -----------------------------------------------------------------------

    def _build_tree(self) -> None:
        rng = rng_for(self.seed, 1, 0)
        self._weight: dict[str, int] = {}
        tld = UnitSpec(
            key="TLD",
            code="TLD",
            name="Tổng Liên đoàn Lao động Việt Nam",
            short_name="Tổng Liên đoàn",
            kind="tld",
            parent=None,
            level="tld",
            document_symbol="TLĐ",
            established_on=D(1929, 7, 28),
        )
        self.units[tld.key] = tld
        for number, (place, region, weight) in enumerate(words.PROVINCES, start=1):
            key = f"P{number:02d}"
            unit = UnitSpec(
                key=key,
                code=f"SC-{key}",
                name=f"Liên đoàn Lao động {place}",
                short_name=f"LĐLĐ {place.split(' ', 1)[1]}",
                kind="ldld-tinh",
                parent="TLD",
                level="provincial",
                headcount=60 + 8 * weight,
                women_headcount=30 + 4 * weight,
                member_count=50_000 + 90_000 * weight,
                document_symbol="LĐLĐ",
                established_on=D(1946, 1, 1) + rng.randrange(0, 40 * 365) * DAY,
                region=region,
            )
            self._add_provincial(unit, weight)
            uppers = [
                (template.format(province=place), kind, sector)
                for template, kind, sector in words.PROVINCIAL_UPPERS
                if kind != "cd-kcn" or weight >= 2
            ]
            template, kind, sector = words.AREA_UPPER
            uppers += [
                (template.format(number=n, province=place), kind, sector)
                for n in range(1, 2 + weight)
            ]
            self._add_uppers(unit, uppers, rng)
        for number, (name, kind, sector, weight) in enumerate(words.SECTORAL_UNIONS, start=1):
            key = f"S{number:02d}"
            unit = UnitSpec(
                key=key,
                code=f"SC-{key}",
                name=name,
                short_name=name.removeprefix("Công đoàn ").removesuffix(" Việt Nam"),
                kind=kind,
                parent="TLD",
                level="provincial",
                sector=sector,
                headcount=30 + 5 * weight,
                women_headcount=15 + 2 * weight,
                member_count=40_000 + 60_000 * weight,
                document_symbol="CĐN",
                established_on=D(1950, 1, 1) + rng.randrange(0, 40 * 365) * DAY,
                region="north",
            )
            self._add_provincial(unit, weight)
            uppers = []
            for n in range(2 + weight):
                template, upper_kind = words.SECTORAL_UPPERS[n % 2]
                place = words.PLACES[rng.randrange(len(words.PLACES))]
                uppers.append((template.format(place=f"{place} {n + 1}"), upper_kind, sector))
            self._add_uppers(unit, uppers, rng)

    def _add_provincial(self, unit: UnitSpec, weight: int) -> None:
        self.units[unit.key] = unit
        self.provincials.append(unit)
        self._weight[unit.key] = weight

    def _add_uppers(
        self, parent: UnitSpec, uppers: list[tuple[str, str, str]], rng: random.Random
    ) -> None:
        specs = []
        for number, (name, kind, sector) in enumerate(uppers, start=1):
            key = f"{parent.key}-{number:02d}"
            work = {"public_service": "", "state_administration": "office"}.get(sector, "")
            if "Giáo dục" in name:
                work = "school"
            elif "Y tế" in name:
                work = "health"
            elif sector.endswith("enterprise"):
                work = "factory"
            spec = UnitSpec(
                key=key,
                code=f"SC-{key}",
                name=name,
                kind=kind,
                parent=parent.key,
                level="upper",
                sector=sector,
                headcount=8 + rng.randrange(25),
                women_headcount=4 + rng.randrange(4),
                document_symbol="CĐ",
                established_on=D(1975, 1, 1) + rng.randrange(0, 45 * 365) * DAY,
                region=parent.region,
                work=work,
            )
            self.units[key] = spec
            specs.append(spec)
        self.uppers_of[parent.key] = specs

    def tree_units(self) -> list[UnitSpec]:
        """The fixed part of the tree, parents first."""
        return list(self.units.values())

    def council_units(self) -> list[UnitSpec]:
        """Units that decide awards with a council vote: the TLĐ, provincial and upper levels."""
        return [unit for unit in self.units.values() if unit.level != "cdcs"]

    # --- grassroots unions --------------------------------------------------------------------

    def cdcs(self, index: int) -> CdcsSpec:
        rng = rng_for(self.seed, 2, index)
        if index % BUSY_SHARE == 0:
            provincial = self.units[BENCH_PROVINCE]
            uppers = self.uppers_of[provincial.key]
            upper = uppers[(index // BUSY_SHARE) % len(uppers)]
        else:
            pick = rng.random() * self._cumulative[-1]
            provincial = next(
                p for p, top in zip(self.provincials, self._cumulative, strict=True) if pick < top
            )
            uppers = self.uppers_of[provincial.key]
            upper = uppers[rng.randrange(len(uppers))]
        sector = upper.sector or weighted(
            rng,
            (
                ("public_service", 35),
                ("state_administration", 20),
                ("state_enterprise", 10),
                ("non_state_enterprise", 35),
            ),
        )
        places = [t for t in words.WORKPLACES[sector] if not upper.work or t[2] == upper.work]
        places = places or list(words.WORKPLACES[sector])
        template, women_share, work = places[rng.randrange(len(places))]
        employer = template.format(
            place=words.PLACES[rng.randrange(len(words.PLACES))],
            brand=words.BRANDS[rng.randrange(len(words.BRANDS))],
            industry=words.INDUSTRIES[rng.randrange(len(words.INDUSTRIES))],
        )
        size = math.exp(rng.gauss(4.3 + (1.0 if work == "factory" else 0.0), 0.9))
        headcount = max(12, min(12_000, int(size)))
        nominations = max(3, min(40, round(3 + 1.3 * math.log(headcount) + rng.expovariate(0.4))))
        people = max(nominations + 2, round(nominations * PEOPLE_PER_NOMINATION))
        headcount = max(headcount, people)
        share = max(0.05, min(0.98, rng.gauss(women_share, 0.08)))
        women = round(headcount * share)
        members = headcount - rng.randrange(0, 1 + headcount // (12 if work == "factory" else 40))
        key = f"C{index}"
        self._parents[key] = upper.key
        unit = UnitSpec(
            key=key,
            code=f"SC-C{index:07d}",
            name=f"Công đoàn cơ sở {employer}",
            kind="cdcs",
            parent=upper.key,
            level="cdcs",
            short_name=f"CĐCS {employer}"[:100],
            sector=sector,
            headcount=headcount,
            women_headcount=women,
            member_count=max(members, 1),
            document_symbol="CĐCS",
            established_on=D(1980, 1, 1) + rng.randrange(0, 44 * 365) * DAY,
            region=upper.region,
            work=work,
        )
        return CdcsSpec(index, unit, upper, provincial, work, share, nominations, people)

    def parent_of(self, key: str) -> str | None:
        if key.startswith("C"):
            return self._parents.get(key) or self.cdcs(int(key[1:])).upper.key
        return self.units[key].parent

    # --- people -------------------------------------------------------------------------------

    def people(self, cdcs: CdcsSpec, clock: Clock) -> list[PersonSpec]:
        rng = rng_for(self.seed, 3, cdcs.index)
        staff, leaders = words.JOBS[cdcs.work]
        region = cdcs.unit.region
        first_year = clock.current_year - RATING_YEARS + 1
        result = []
        for number in range(cdcs.people):
            gender = "female" if rng.random() < cdcs.women_share else "male"
            full_name = person_name(rng, region, gender)
            is_leader = rng.random() < 0.09
            if is_leader:
                position = leaders[rng.randrange(len(leaders))]
                education = ("university", "university", "master")[rng.randrange(3)]
            else:
                position, levels = staff[rng.randrange(len(staff))]
                education = levels[rng.randrange(len(levels))]
            age = 22 + int(rng.triangular(0, 38, 12))
            birth = D(clock.current_year - age, 1 + rng.randrange(12), 1 + rng.randrange(28))
            started = D(max(1985, birth.year + 21 + rng.randrange(8)), 1 + rng.randrange(12), 1)
            merit = rng.random()  # the person's standing: good people stay good
            ratings = tuple(rating_for(rng, merit) for _ in range(RATING_YEARS))
            initiative = None
            if rng.random() < 0.06 + (0.1 if merit > 0.8 else 0):
                title = words.INITIATIVES[rng.randrange(len(words.INITIATIVES))].format(
                    what=words.INITIATIVE_SUBJECTS[rng.randrange(len(words.INITIATIVE_SUBJECTS))]
                )
                level = weighted(rng, (("grassroots", 80), ("provincial", 17), ("national", 3)))
                value = rng.randrange(20, 900) * 1_000_000 if rng.random() < 0.6 else None
                year = first_year + rng.randrange(RATING_YEARS)
                initiative = (title, "initiative", level, year, value)
            prior = None
            if rng.random() < 0.1 + 0.15 * merit:
                code = weighted(rng, PRIOR_AWARDS)
                prior = (code, first_year - 1 - rng.randrange(4))
            result.append(
                PersonSpec(
                    number=number,
                    code=f"SC-{cdcs.index:07d}-{number:03d}",
                    full_name=full_name,
                    gender=gender,
                    birth_date=birth,
                    education_level=education,
                    position=position,
                    is_leader=is_leader,
                    is_union_member=rng.random() < 0.96,
                    started_on=started,
                    ratings=ratings,
                    initiative=initiative,
                    prior_award=prior,
                )
            )
        return result

    def collective_ratings(self, cdcs: CdcsSpec) -> tuple[str, ...]:
        rng = rng_for(self.seed, 5, cdcs.index)
        merit = rng.random()
        return tuple(rating_for(rng, merit) for _ in range(RATING_YEARS))

    # --- nominations --------------------------------------------------------------------------

    def route(self, nominating: str, award: str) -> tuple[str, list[str]]:
        """(deciding unit, the units that review in order): nominations.routing, on keys."""
        rank = self.awards[award].deciding_rank
        chain: list[str] = []
        current: str | None = nominating
        while current is not None:
            chain.append(current)
            current = self.parent_of(current)
        levels = {"C": 3, "P": 1, "S": 1, "T": 0}
        deciding = next(key for key in chain if (2 if "-" in key else levels[key[0]]) <= rank)
        if deciding == nominating:
            return deciding, [nominating]
        stop = chain.index(deciding)
        return deciding, chain[1 : stop + 1]

    def nominations(
        self, cdcs: CdcsSpec, people: list[PersonSpec], clock: Clock
    ) -> list[NominationSpec]:
        rng = rng_for(self.seed, 4, cdcs.index)
        # The best-rated people are the ones nominated, each at most once.
        nominees = sorted(people, key=lambda p: (p.merit, rng.random()))
        next_person = 0
        alive: set[tuple[str, int]] = set()  # the collective nominee's (award, year)
        specs = []
        forced = SHOWCASE if cdcs.unit.key == BENCH_CDCS else ()
        for number in range(cdcs.nominations):
            status = forced[number][0] if number < len(forced) else weighted(rng, STATUS_WEIGHTS)
            collective = rng.random() < COLLECTIVE_SHARE and number >= len(forced)
            if collective:
                spec = self._collective(rng, cdcs, number, status, alive, clock)
            else:
                person = nominees[next_person]
                next_person += 1
                if number < len(forced):
                    award = forced[number][1]
                else:
                    award = self._award(rng, INDIVIDUAL_AWARDS, status)
                spec = NominationSpec(
                    cdcs=cdcs.index,
                    number=number,
                    award=award,
                    status=status,
                    year=self._year(rng, status, clock),
                    created_at=clock.now,
                    nominating=cdcs.unit.key,
                    person=person.number,
                )
            level = forced[number][2] if number < len(forced) else None
            assign = forced[number][3] if number < len(forced) else None
            self._tell(rng, spec, clock, level=level, assign=assign, showcase=number < len(forced))
            specs.append(spec)
        return specs

    def _award(self, rng: random.Random, choices: Sequence[tuple[str, int]], status: str) -> str:
        if status in (AT_COUNCIL, NOT_PASSED):
            choices = [(code, w) for code, w in choices if self.awards[code].council]
        return weighted(rng, choices)

    def _year(self, rng: random.Random, status: str, clock: Clock) -> int:
        if status in OPEN_STATUSES or (status in (REJECTED, WITHDRAWN) and rng.random() < 0.4):
            return clock.current_year
        return clock.current_year - weighted(rng, ((1, 30), (2, 25), (3, 20), (4, 15), (5, 10)))

    def _collective(
        self,
        rng: random.Random,
        cdcs: CdcsSpec,
        number: int,
        status: str,
        alive: set[tuple[str, int]],
        clock: Clock,
    ) -> NominationSpec:
        for _attempt in range(8):
            award = self._award(rng, COLLECTIVE_AWARDS, status)
            year = self._year(rng, status, clock)
            if (award, year) not in alive:
                break
        else:
            status = WITHDRAWN  # no free award and year left: one that is no longer alive
        if status not in (REJECTED, WITHDRAWN, NOT_PASSED, REVOKED):
            alive.add((award, year))
        return NominationSpec(
            cdcs=cdcs.index,
            number=number,
            award=award,
            status=status,
            year=year,
            created_at=clock.now,
            nominating=cdcs.upper.key,
            nominee_unit=cdcs.unit.key,
        )

    def _tell(
        self,
        rng: random.Random,
        spec: NominationSpec,
        clock: Clock,
        *,
        level: int | None = None,
        assign: bool | None = None,
        showcase: bool = False,
    ) -> None:
        """Fill the nomination's story: its route, steps and times, as the services would."""
        facts = self.awards[spec.award]
        if facts.has_topics:
            spec.topic = rng.randrange(8)
        spec.achievements = words.ACHIEVEMENTS[rng.randrange(len(words.ACHIEVEMENTS))].format(
            year=spec.year
        )
        status = spec.status
        current = spec.year == clock.current_year
        # Grassroots unions decide their own awards once a year; higher levels in a few rounds.
        slot = rng.randrange(SESSION_SLOTS) if facts.deciding_rank < LEVEL_RANK["co-so"] else 0
        if current:
            start = clock.now - rng.uniform(30, 100) * DAY
            end = clock.now - rng.uniform(0.05, 2) * DAY
        else:
            start = clock.cycle_start(spec.year) + rng.uniform(0, 60) * DAY
            end = clock.session_time("closed", spec.year, slot) - DAY
        deciding, route = self.route(spec.nominating, spec.award)
        if status == AWAITING and facts.council:
            end = clock.session_time("recent", spec.year, 0) - DAY
            start = min(start, end - 20 * DAY)
        if status == DRAFT or (status == WITHDRAWN and rng.random() < 0.3):
            spec.created_at = start
            if status == WITHDRAWN:
                spec.withdrawn_from = DRAFT
                spec.withdrawn_at = start + rng.uniform(0.1, 1) * (end - start)
                spec.closed_at = spec.withdrawn_at
                spec.closing_reason = words.WITHDRAW_REASONS[rng.randrange(3)]
            return
        spec.deciding = deciding
        levels = len(route)
        # How far up the route the story goes, and whether it was returned once on the way.
        if status in (IN_REVIEW, RETURNED, REJECTED, WITHDRAWN):
            stop = level if level is not None else rng.randrange(levels)
            stop = min(stop, levels - 1)
        else:
            stop = levels  # every level approved
        returned_at = rng.randrange(stop) if stop and rng.random() < 0.12 else None
        plan: list[tuple[str, str, str]] = []  # (step, unit key, outcome) of closed visits
        for index in range(min(stop, levels)):
            if index == returned_at:
                plan.append(("review", route[index], "returned"))
                plan.append(("resubmit", spec.nominating, "done"))
            plan.append(("review", route[index], "approved"))
        if status == RETURNED:
            plan.append(("review", route[stop], "returned"))
        elif status == REJECTED:
            plan.append(("review", route[stop], "rejected"))
        points = len(plan) + 2 + (1 if status == WITHDRAWN else 0)
        moments = spread(rng, start, end, points)
        spec.created_at, spec.submitted_at = moments[0], moments[1]
        visits = spec.visits
        for (step, unit, outcome), (opened, closed) in zip(
            plan, pairwise(moments[1:]), strict=False
        ):
            reason = ""
            if outcome == "returned":
                reason = words.RETURN_REASONS[rng.randrange(len(words.RETURN_REASONS))]
            elif outcome == "rejected":
                reason = words.REJECT_REASONS[rng.randrange(len(words.REJECT_REASONS))]
            visits.append(Visit(step, unit, opened, closed, outcome, reason))
            if outcome == "returned":
                spec.return_count += 1
        last = moments[len(plan) + 1]
        council_unit = deciding
        if status == IN_REVIEW:
            spec.current = route[stop]
            visits.append(Visit("review", route[stop], last))
        elif status == RETURNED:
            spec.current = spec.nominating
            visits.append(Visit("resubmit", spec.nominating, last))
        elif status == REJECTED:
            spec.closed_at = last
            spec.closing_reason = visits[-1].reason
        elif status == WITHDRAWN:
            spec.withdrawn_from = IN_REVIEW
            visits.append(Visit("review", route[stop], last, moments[-1], "canceled"))
            spec.withdrawn_at = spec.closed_at = moments[-1]
            spec.closing_reason = words.WITHDRAW_REASONS[rng.randrange(3)]
        elif status == AT_COUNCIL:
            spec.current = deciding
            visits.append(Visit("council", council_unit, last))
            if showcase or rng.random() < 0.6:
                session = ("planned", deciding, spec.year, 0)
                added = last + rng.random() * (clock.now - last)
                spec.agenda = AgendaPlan(session, added)
        else:  # through the council (if any) to the decision
            decided = last
            if facts.council:
                kind = "recent" if current else "closed"
                session_at = clock.session_time(kind, spec.year, slot)
                visits.append(Visit("council", council_unit, last, session_at, "passed"))
                spec.agenda = AgendaPlan(
                    (kind, deciding, spec.year, 0 if current else slot),
                    last + rng.random() * (session_at - last) * 0.5,
                )
                passed = status != NOT_PASSED
                self._votes(rng, spec.agenda, facts, self.council_size(deciding), passed)
                decided = session_at
                if not passed:
                    visits[-1].outcome = "not_passed"
                    spec.closed_at = session_at
                    spec.closing_reason = (
                        f"Không được Hội đồng thông qua: {spec.agenda.yes} phiếu tán thành trên "
                        f"{spec.agenda.base}, cần {facts.threshold.normalize():f}%."
                    )
                    return
            if status == AWAITING:
                spec.current = deciding
                visits.append(Visit("decision", deciding, decided))
            else:
                signed = clock.decision_day(spec.year, slot)
                issued = clock.local(signed, 10)
                visits.append(Visit("decision", deciding, decided, issued, "done"))
                spec.decision = (deciding, spec.year, slot, facts.council)
                spec.signed_on, spec.issued_at = signed, issued
                spec.closed_at = issued
                if status == REVOKED:
                    later = signed + rng.randrange(30, 200) * DAY
                    spec.revoked_on = min(later, (clock.now - DAY).date())
                    spec.closing_reason = words.REVOKE_REASON
        for visit in visits:
            if (
                visit.closed is None
                and visit.step != "council"
                and (assign if assign is not None else rng.random() < 0.35)
            ):
                visit.assigned = visit.opened + rng.random() * (clock.now - visit.opened) * 0.5

    def council_size(self, key: str) -> int:
        if key == "TLD":
            return COUNCIL_SIZE["tld"]
        return COUNCIL_SIZE["upper" if "-" in key else "provincial"]

    def _votes(
        self,
        rng: random.Random,
        agenda: AgendaPlan,
        facts: AwardFacts,
        members: int,
        passed: bool,
    ) -> None:
        present = members if rng.random() < 0.7 else members - 1
        base = members if facts.all_members else present
        needed = math.ceil(float(facts.threshold) * base / 100)
        if passed:
            yes = present if present - 1 < needed or rng.random() < 0.7 else present - 1
        else:
            yes = max(0, min(present, needed - 1 - rng.randrange(2)))
        abstain = 1 if present - yes > 1 and rng.random() < 0.3 else 0
        agenda.members, agenda.present, agenda.base = members, present, base
        agenda.yes, agenda.abstain, agenda.no = yes, abstain, present - yes - abstain
        agenda.passed = passed


# The bench clerk's grassroots union (C0, in the bench province) starts with a fixed set, so
# that each bench account has work whatever N: (status, award, review level, taken).
SHOWCASE: tuple[tuple[str, str, int | None, bool | None], ...] = (
    (IN_REVIEW, "bang-khen-ldld", 1, True),  # at the province, in bench-reviewer's inbox
    (IN_REVIEW, "bang-khen-ldld", 1, False),  # at the province, in its reviewers' queue
    (IN_REVIEW, "chien-si-thi-dua-co-so", 1, False),
    (AT_COUNCIL, "bang-khen-ldld", None, None),  # bench-secretary's council
    (RETURNED, "giay-khen-cd-cap-tren", 0, False),  # back with bench-clerk
    (DRAFT, "bang-khen-ldld", None, None),
)


def spread(rng: random.Random, start: DT, end: DT, count: int) -> list[DT]:
    """`count` increasing moments between start and end, at random."""
    span = max((end - start).total_seconds(), float(count))
    offsets = sorted(rng.random() * span for _ in range(count))
    return [
        start + datetime.timedelta(seconds=offset, microseconds=index)
        for index, offset in enumerate(offsets)
    ]


def rating_for(rng: random.Random, merit: float) -> str:
    """Mostly good ratings; better people more often excellent."""
    roll = rng.random()
    excellent = 0.08 + 0.45 * merit
    if roll < excellent:
        return RATINGS[0]
    if roll < excellent + 0.6:
        return RATINGS[1]
    if roll < 0.985:
        return RATINGS[2]
    return RATINGS[3]


def person_name(rng: random.Random, region: str, gender: str) -> str:
    family = weighted(rng, people_names.FAMILY_NAMES[region])
    middle = weighted(rng, people_names.MIDDLE_NAMES[gender])
    given = people_names.GIVEN_NAMES[gender]
    return f"{family} {middle} {given[rng.randrange(len(given))]}"
