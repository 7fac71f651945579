"""Builds the demo data as a plan: pure Python, deterministic, no database.

`build_plan()` draws every person, record and number from one seeded `random.Random`, so every
run (and every machine) gets exactly the same plan. The handwritten cases that exercise the
commendation rules live in demo.scenarios; this module generates everyone else and provides the
helpers both use, so that a decision number is shared by everyone the same decision covers.
"""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Collection, Sequence
from dataclasses import replace

from demo.data import names, tree, work
from demo.specs import (
    AwardSpec,
    CollectiveRecordsSpec,
    DemoPlan,
    InitiativeSpec,
    PersonSpec,
    RatingSpec,
    ServicePeriodSpec,
    UnitSpec,
)

SEED = 20190728  # any constant: the plan must not change between runs
RATING_YEARS = (2023, 2024, 2025)
# The plan's "now": ages and recent hires count from it, not from the calendar, so that the
# plan does not drift from one year to the next.
PLAN_YEAR = 2026

D = datetime.date

STATE_SECTORS = {"state_administration", "public_service", "state_enterprise"}
# Congress terms: grassroots unions elected their committees in 2017 and 2022; upper levels in
# 2023.
CDCS_TERM_STARTS = (D(2017, 10, 1), D(2022, 10, 1))
CDCS_TERM = "2022–2027"
UPPER_TERM = "2023–2028"


def _weighted[T](rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights, k=1)[0]


def _day(rng: random.Random, year: int) -> D:
    return D(year, rng.randint(1, 12), rng.randint(1, 28))


class PlanBuilder:
    """Draws people and records for the units of demo.data.tree.

    One instance per plan; scenarios call its helpers (`ratings`, `award`, `initiative`) so that
    their records use the same deciders and decision numbers as the generated ones.
    """

    def __init__(self, units: Sequence[UnitSpec]) -> None:
        self.rng = random.Random(SEED)
        self.units = {unit.code: unit for unit in units}
        self.used_names: set[str] = set(names.RESERVED_NAMES)
        self._decisions: dict[tuple[str, str, int], tuple[str, D]] = {}
        self._titles_used: dict[str, set[str]] = {}

    # --- the tree -------------------------------------------------------------------------

    def ancestors(self, code: str) -> list[UnitSpec]:
        """The unit and its ancestors, nearest first."""
        chain = []
        current: str | None = code
        while current is not None:
            unit = self.units[current]
            chain.append(unit)
            current = unit.parent
        return chain

    def workplace(self, code: str) -> UnitSpec:
        """The unit whose employer employs the people of `code`: the unit itself, or for a
        CĐ bộ phận / tổ công đoàn the CĐCS it belongs to."""
        for unit in self.ancestors(code):
            if unit.employer:
                return unit
        raise ValueError(f"{code} has no employer")

    def upper_union(self, code: str) -> UnitSpec:
        """The direct upper-level union of the CĐCS that `code` belongs to."""
        workplace = self.workplace(code)
        assert workplace.parent is not None
        return self.units[workplace.parent]

    def provincial(self, code: str) -> UnitSpec:
        """The LĐLĐ tỉnh or CĐ ngành TW above `code` (or `code` itself)."""
        for unit in self.ancestors(code):
            if unit.kind in {"ldld-tinh", "cd-nganh-tw"}:
                return unit
        raise ValueError(f"{code} is not under a provincial-level union")

    def region(self, code: str) -> str:
        for unit in self.ancestors(code):
            if unit.code in tree.REGIONS:
                return tree.REGIONS[unit.code]
        return "north"

    def profile(self, code: str) -> work.Profile:
        for unit in self.ancestors(code):
            if unit.profile:
                return work.PROFILES[unit.profile]
        raise ValueError(f"{code} has no profile")

    def service_category(self, code: str) -> str:
        unit = self.workplace(code)
        if unit.kind not in {"cdcs", "nghiep-doan"}:
            return "union_body"
        return "grassroots_state" if unit.sector in STATE_SECTORS else "grassroots_non_state"

    # --- names ----------------------------------------------------------------------------

    def full_name(self, gender: str, region: str) -> str:
        for _ in range(200):
            name = " ".join(
                (
                    _weighted(self.rng, names.FAMILY_NAMES[region]),
                    _weighted(self.rng, names.MIDDLE_NAMES[gender]),
                    self.rng.choice(names.GIVEN_NAMES[gender]),
                )
            )
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("ran out of distinct names")

    def reserve_name(self, name: str) -> None:
        self.used_names.add(name)

    # --- decisions ------------------------------------------------------------------------

    def decision(self, issuer: UnitSpec, kind: str, year: int, date: D) -> tuple[str, D]:
        """One decision per issuer, kind and year: everyone it covers shares its number."""
        key = (issuer.code, kind, year)
        if key not in self._decisions:
            low, high = (900, 2600) if issuer.kind == "tld" else (12, 380)
            self._decisions[key] = (f"{self.rng.randint(low, high)}/{issuer.doc_suffix}", date)
        return self._decisions[key]

    def ratings(self, unit_code: str, by_year: dict[int, str]) -> tuple[RatingSpec, ...]:
        """Individual ratings, decided each year by the head of the person's workplace."""
        workplace = self.workplace(unit_code)
        decider = f"{workplace.head_title} {workplace.employer}"
        specs = []
        for year, rating in sorted(by_year.items()):
            number, _ = self.decision(workplace, "rating", year, D(year, 12, 25))
            specs.append(RatingSpec(year, rating, decided_by=decider, decision_number=number))
        return tuple(specs)

    def collective_ratings(self, unit_code: str, by_year: dict[int, str]) -> tuple[RatingSpec, ...]:
        """Ratings of a union, decided by the standing committee of the union above it."""
        unit = self.units[unit_code]
        assert unit.parent is not None
        upper = self.units[unit.parent]
        specs = []
        for year, rating in sorted(by_year.items()):
            number, _ = self.decision(upper, "collective-rating", year, D(year, 12, 28))
            specs.append(
                RatingSpec(
                    year,
                    rating,
                    decided_by=f"Ban Thường vụ {upper.name}",
                    decision_number=number,
                )
            )
        return tuple(specs)

    def award(self, kind: str, unit_code: str, year: int) -> AwardSpec:
        """A prior award of kind `kind` for an achievement of `year`, to someone (or a
        collective) of `unit_code`, decided when such decisions are usually signed."""
        rng = self.rng
        if kind == "giay-khen":
            issuer = self.upper_union(unit_code)
            date = D(year, 12, rng.randint(18, 29))
            name = f"Giấy khen của Ban Chấp hành {issuer.name}"
            code = "giay-khen-cd-cap-tren"
        elif kind == "bang-khen-tinh":
            issuer = self.provincial(unit_code)
            date = D(year + 1, 1, rng.randint(8, 26))
            name = f"Bằng khen của Ban Chấp hành {issuer.name}"
            code = "bang-khen-ldld"
        elif kind == "co-tinh":
            issuer = self.provincial(unit_code)
            date = D(year + 1, 1, rng.randint(8, 26))
            name = f"Cờ thi đua của Ban Chấp hành {issuer.name}"
            code = "co-thi-dua-ldld"
        elif kind == "bang-khen-tld":
            issuer = self.units["TLD"]
            date = D(year + 1, rng.choice((3, 4)), rng.randint(1, 28))
            name = "Bằng khen của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam"
            code = "bang-khen-tld"
        elif kind == "co-tld":
            issuer = self.units["TLD"]
            date = D(year, 12, rng.randint(15, 24))
            name = "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam"
            code = "co-thi-dua-tld"
        elif kind == "ky-niem-chuong":
            issuer = self.units["TLD"]
            date = D(year, 7, rng.randint(20, 27))
            name = "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”"
            code = "ky-niem-chuong"
        elif kind == "chien-si-thi-dua-co-so":
            # A State title, decided by the head of the agency, not by a union body.
            workplace = self.workplace(unit_code)
            number, date = self.decision(workplace, kind, year, D(year + 1, 1, rng.randint(5, 20)))
            return AwardSpec(
                award_name="Chiến sĩ thi đua cơ sở",
                award_code="chien-si-thi-dua-co-so",
                year=year,
                decision_number=number,
                decision_date=date,
                deciding_body=f"{workplace.head_title} {workplace.employer}",
            )
        else:
            raise ValueError(f"unknown award kind {kind!r}")
        number, date = self.decision(issuer, kind, year, date)
        return AwardSpec(
            award_name=name,
            award_code=code,
            year=year,
            decision_number=number,
            decision_date=date,
            deciding_unit=issuer.code,
            deciding_body=f"Ban Thường vụ {issuer.name}"
            if issuer.kind != "tld"
            else "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        )

    def initiative(
        self,
        unit_code: str,
        title: str,
        year: int,
        *,
        value_million: float | None = None,
        level: str = "grassroots",
        kind: str = "initiative",
        co_authors: str = "",
    ) -> InitiativeSpec:
        """An initiative recognised in `year`: at grassroots level by the workplace's council,
        above it by the province's or ministry's council."""
        workplace = self.workplace(unit_code)
        if level == "grassroots":
            recognised_by = f"Hội đồng Sáng kiến cấp cơ sở {workplace.employer}"
            number, _ = self.decision(workplace, "initiative", year, D(year, 11, 30))
        else:
            issuer = next(
                unit
                for unit in self.ancestors(unit_code)
                if unit.code in work.PROVINCIAL_RECOGNISERS
            )
            recognised_by, suffix = work.PROVINCIAL_RECOGNISERS[issuer.code]
            number = f"{self.rng.randint(1100, 3900)}/{suffix}"
        return InitiativeSpec(
            title=title,
            recognition_level=level,
            year=year,
            kind=kind,
            recognized_by=recognised_by,
            decision_number=number,
            beneficial_value=None if value_million is None else round(value_million * 10) * 100_000,
            co_authors=co_authors,
        )

    def fresh_title(self, unit_code: str) -> str | None:
        """An initiative title not yet used at this workplace, or None when all are taken (the
        same initiative is not recognised twice in one agency)."""
        workplace = self.workplace(unit_code).code
        used = self._titles_used.setdefault(workplace, set())
        titles = [t for t in self.profile(unit_code).initiative_titles if t not in used]
        if not titles:
            return None
        title = self.rng.choice(titles)
        used.add(title)
        return title

    def claim_title(self, unit_code: str, title: str) -> None:
        self._titles_used.setdefault(self.workplace(unit_code).code, set()).add(title)

    # --- generated people -----------------------------------------------------------------

    def people_of(self, unit: UnitSpec) -> list[PersonSpec]:
        """The generated people of one unit: its head (and deputy), then workers by weight;
        in a CĐ bộ phận or tổ công đoàn, its manager and workers."""
        profile = self.profile(unit.code)
        is_sub_unit = unit.kind in {"cd-bo-phan", "to-cong-doan", "cdcs-thanh-vien"}
        jobs: list[work.Job] = []
        if is_sub_unit:
            if profile.sub_head is not None:
                jobs.append(profile.sub_head)
        else:
            jobs.append(profile.head)
            if unit.people >= 9:
                jobs.append(profile.deputy)
        while len(jobs) < unit.people:
            jobs.append(_weighted(self.rng, [(job, job.weight) for job in profile.jobs]))
        return [self._person(unit, job) for job in jobs]

    def _person(self, unit: UnitSpec, job: work.Job) -> PersonSpec:
        rng = self.rng
        women_share = job.women_share
        if women_share is None:
            women_share = (unit.women_headcount or 1) / (unit.headcount or 2)
        gender = "female" if rng.random() < women_share else "male"
        full_name = self.full_name(gender, self.region(unit.code))
        age = rng.randint(40, 57) if job.is_leader else int(rng.triangular(23, 58, 36))
        birth_date = _day(rng, PLAN_YEAR - age)
        education = _weighted(rng, job.education)
        started_on = self._joined(unit, birth_date, education, new_hire_ok=not job.is_leader)
        merit = _weighted(
            rng,
            (("high", 40), ("mid", 50), ("low", 10))
            if job.is_leader
            else (("high", 25), ("mid", 60), ("low", 15)),
        )
        is_member = not (
            self.workplace(unit.code).sector == "non_state_enterprise" and rng.random() < 0.05
        )
        person = PersonSpec(
            code="",
            full_name=full_name,
            gender=gender,
            birth_date=birth_date,
            education_level=education,
            unit=unit.code,
            started_on=started_on,
            position=job.title,
            is_leader=job.is_leader,
            is_union_member=is_member,
            ratings=self._ratings(unit.code, started_on, merit),
        )
        person = replace(person, initiatives=self._initiatives(unit.code, merit, job))
        return replace(person, awards=self._awards(person, merit))

    def _joined(self, unit: UnitSpec, birth_date: D, education: str, *, new_hire_ok: bool) -> D:
        rng = self.rng
        study_years = {"general": 18, "vocational": 20, "college": 21}.get(education, 22)
        established = self.workplace(unit.code).established_on or D(1990, 1, 1)
        earliest = max(birth_date.year + study_years, established.year)
        if new_hire_ok and PLAN_YEAR - birth_date.year < 30 and rng.random() < 0.35:
            latest = 2025  # a recent hire: fewer than three ratings
        else:
            latest = max(earliest, 2022)
        year = rng.randint(min(earliest, latest), latest)
        if self.profile(unit.code) in (work.PROFILES["school"], work.PROFILES["preschool"]):
            return D(year, 8, 15)
        return D(year, rng.randint(1, 12), 1)

    def _ratings(self, unit_code: str, started_on: D, merit: str) -> tuple[RatingSpec, ...]:
        odds = {
            "high": (("HTXSNV", 65), ("HTTNV", 33), ("HTNV", 2)),
            "mid": (("HTXSNV", 14), ("HTTNV", 76), ("HTNV", 10)),
            "low": (("HTXSNV", 2), ("HTTNV", 60), ("HTNV", 36), ("KHTNV", 2)),
        }[merit]
        # Someone who joined in the second half of a year is rated from the next year on.
        first_year = started_on.year if started_on.month <= 6 else started_on.year + 1
        by_year = {year: _weighted(self.rng, odds) for year in RATING_YEARS if year >= first_year}
        return self.ratings(unit_code, by_year)

    def _initiatives(self, unit_code: str, merit: str, job: work.Job) -> tuple[InitiativeSpec, ...]:
        rng = self.rng
        profile = self.profile(unit_code)
        chance = profile.initiative_share * {"high": 2.0, "mid": 0.7, "low": 0.15}[merit]
        if rng.random() >= chance:
            return ()
        count = 2 if rng.random() < 0.3 else 1
        specs = []
        for _ in range(count):
            title = self.fresh_title(unit_code)
            if title is None:
                break
            level = "provincial" if merit == "high" and rng.random() < 0.12 else "grassroots"
            kind = "initiative"
            if rng.random() < profile.scientific_share:
                kind = "scientific_topic"
            elif job.is_leader and rng.random() < 0.3:
                kind = "management_solution"
            value = None
            if rng.random() < profile.quantified_share:
                low, high = profile.value_range
                value = round(rng.uniform(low, high), 1)
            specs.append(
                self.initiative(
                    unit_code,
                    title,
                    _weighted(rng, ((2021, 1), (2022, 2), (2023, 3), (2024, 4), (2025, 4))),
                    value_million=value,
                    level=level,
                    kind=kind,
                )
            )
        return tuple(specs)

    def _awards(self, person: PersonSpec, merit: str) -> tuple[AwardSpec, ...]:
        rng = self.rng
        unit_code = person.unit
        at_grassroots = self.service_category(unit_code) != "union_body"
        excellent_years = [r.year for r in person.ratings if r.rating == "HTXSNV"]
        awards: list[AwardSpec] = []
        # Giấy khen of the upper-level union: in an excellent year, or in an earlier year.
        if at_grassroots and rng.random() < {"high": 0.5, "mid": 0.12, "low": 0.0}[merit]:
            earlier = range(max(2016, person.started_on.year + 1), 2023)
            years = excellent_years or list(earlier)
            if years:
                awards.append(self.award("giay-khen", unit_code, rng.choice(years)))
        # Bằng khen of the province (or of CĐ Viên chức Việt Nam), sometimes followed by one of
        # the Tổng Liên đoàn a year or two later.
        provincial_years = range(max(2016, person.started_on.year + 2), 2025)
        if provincial_years and rng.random() < {"high": 0.22, "mid": 0.03, "low": 0.0}[merit]:
            year = rng.choice(provincial_years)
            awards.append(self.award("bang-khen-tinh", unit_code, year))
            if merit == "high" and year <= 2022 and rng.random() < 0.3:
                awards.append(self.award("bang-khen-tld", unit_code, year + rng.randint(1, 2)))
        # A State title from the agency's head, for excellent years in the state sector.
        workplace = self.workplace(unit_code)
        if (
            excellent_years
            and workplace.sector in STATE_SECTORS
            and at_grassroots
            and rng.random() < 0.3
        ):
            awards.append(
                self.award("chien-si-thi-dua-co-so", unit_code, rng.choice(excellent_years))
            )
        return tuple(awards)

    # --- union officials --------------------------------------------------------------------

    def union_roles(self, people: list[PersonSpec], unit: UnitSpec) -> list[PersonSpec]:
        """Give the unit's people their union service: the staff of a union body serve full
        time; in a grassroots union the chair and two committee members serve part time."""
        if not people:
            return people
        rng = self.rng
        category = self.service_category(unit.code)
        if category == "union_body":
            return [self._full_time_official(person, unit) for person in people]
        is_sub_unit = unit.kind in {"cd-bo-phan", "to-cong-doan", "cdcs-thanh-vien"}
        officials = list(range(len(people)))
        rng.shuffle(officials)
        result = list(people)
        if is_sub_unit:
            chair_title = (
                "Tổ trưởng công đoàn"
                if unit.kind == "to-cong-doan"
                else "Chủ tịch công đoàn bộ phận"
            )
            index = officials[0]
            result[index] = self._part_time(
                result[index], unit, chair_title, category, since=CDCS_TERM_STARTS[1]
            )
            return result
        # The chair is often the deputy head (second person); never the head of the agency
        # (first person), whom the union faces as the employer.
        if len(people) > 1 and people[1].is_leader:
            chair = 1
        else:
            chair = next((i for i in officials if i != 0), 0)
        result[chair] = self._chair(result[chair], unit, category)
        members = [i for i in officials if i != chair][:2]
        for index in members:
            since = CDCS_TERM_STARTS[1] if rng.random() < 0.6 else CDCS_TERM_STARTS[0]
            result[index] = self._part_time(
                result[index],
                unit,
                "Ủy viên Ban Chấp hành",
                category,
                since=max(since, result[index].started_on),
            )
        return result

    def _chair(self, person: PersonSpec, unit: UnitSpec, category: str) -> PersonSpec:
        rng = self.rng
        member_from = max(person.started_on, D(rng.randint(2008, 2016), 10, 1))
        chair_from = max(member_from, rng.choice(CDCS_TERM_STARTS))
        periods = []
        if chair_from > member_from:
            periods.append(
                ServicePeriodSpec(
                    unit_category=category,
                    mode="part_time",
                    unit=unit.code,
                    position="Ủy viên Ban Chấp hành",
                    committee="executive",
                    started_on=member_from,
                    ended_on=chair_from - datetime.timedelta(days=1),
                )
            )
        periods.append(
            ServicePeriodSpec(
                unit_category=category,
                mode="part_time",
                unit=unit.code,
                position="Chủ tịch Công đoàn cơ sở",
                committee="executive",
                term_label=CDCS_TERM,
                started_on=chair_from,
            )
        )
        return replace(
            person,
            position=f"{person.position}, Chủ tịch Công đoàn cơ sở",
            service_periods=tuple(periods),
        )

    def _part_time(
        self, person: PersonSpec, unit: UnitSpec, title: str, category: str, *, since: D
    ) -> PersonSpec:
        since = max(since, person.started_on)
        period = ServicePeriodSpec(
            unit_category=category,
            mode="part_time",
            unit=unit.code,
            position=title,
            committee="executive" if "Ban Chấp hành" in title else "",
            term_label=CDCS_TERM if since >= CDCS_TERM_STARTS[1] else "",
            started_on=since,
        )
        return replace(person, service_periods=(*person.service_periods, period))

    def _full_time_official(self, person: PersonSpec, unit: UnitSpec) -> PersonSpec:
        rng = self.rng
        periods = []
        if rng.random() < 0.5:
            earlier_from = D(max(person.birth_date.year + 22, person.started_on.year - 8), 9, 1)
            if earlier_from < person.started_on:
                periods.append(
                    ServicePeriodSpec(
                        unit_category="grassroots_state",
                        mode="part_time",
                        unit_name=rng.choice(tree.FORMER_GRASSROOTS[self.region(unit.code)]),
                        position="Ủy viên Ban Chấp hành",
                        committee="executive",
                        started_on=earlier_from,
                        ended_on=person.started_on - datetime.timedelta(days=1),
                    )
                )
        periods.append(
            ServicePeriodSpec(
                unit_category="union_body",
                mode="full_time",
                unit=unit.code,
                position=person.position,
                committee="standing" if person.is_leader else "",
                term_label=UPPER_TERM if person.is_leader else "",
                started_on=person.started_on,
            )
        )
        return replace(person, service_periods=tuple(periods))

    # --- collectives ------------------------------------------------------------------------

    def collective_records(self, unit: UnitSpec) -> CollectiveRecordsSpec | None:
        """Yearly ratings of a CĐCS or of a direct upper-level union, with a Giấy khen of the
        union above for some excellent years."""
        rng = self.rng
        if unit.kind not in {
            "cdcs",
            "ldld-huyen",
            "cdvc-tinh",
            "cd-nganh-dia-phuong",
            "cd-kcn",
            "cd-cap-tren-khac",
        }:
            return None
        odds = (("HTXSNV", 45), ("HTTNV", 45), ("HTNV", 9), ("KHTNV", 1))
        by_year = {year: _weighted(rng, odds) for year in RATING_YEARS}
        awards = []
        if unit.kind == "cdcs":
            for year in RATING_YEARS:
                if by_year[year] == "HTXSNV" and rng.random() < 0.4:
                    awards.append(self.award("giay-khen", unit.code, year))
        return CollectiveRecordsSpec(
            unit=unit.code,
            ratings=self.collective_ratings(unit.code, by_year),
            awards=tuple(awards),
        )


def _chairs_own_union(person: PersonSpec) -> bool:
    return any(
        period.unit == person.unit
        and period.ended_on is None
        and period.position.startswith("Chủ tịch")
        for period in person.service_periods
    )


@functools.cache
def build_plan() -> DemoPlan:
    """The whole demo plan, computed once per process (it is immutable and always the same)."""
    return make_plan()


def make_plan() -> DemoPlan:
    """The whole demo: the tree, the people with their records, the collectives, the accounts."""
    from demo import scenarios
    from demo.logins import ACCOUNTS

    builder = PlanBuilder(tree.UNITS)
    # The handwritten people first: their names are taken before any name is drawn.
    handwritten = scenarios.scenario_people(builder)
    chaired = {person.unit for person in handwritten if _chairs_own_union(person)}
    people: list[PersonSpec] = []
    for unit in tree.UNITS:
        generated = builder.people_of(unit) if unit.people else []
        if unit.code not in chaired:
            generated = builder.union_roles(generated, unit)
        unit_people = generated + [person for person in handwritten if person.unit == unit.code]
        people += [
            replace(person, code=f"{unit.code}-{index:03d}")
            for index, person in enumerate(unit_people, start=1)
        ]
    collectives = [
        records for unit in tree.UNITS if (records := builder.collective_records(unit)) is not None
    ]
    return DemoPlan(
        units=tree.UNITS,
        people=tuple(people),
        collectives=tuple(scenarios.collective_awards(builder, collectives)),
        accounts=ACCOUNTS,
        units_by_code={unit.code: unit for unit in tree.UNITS},
    )


def plan_part(unit_codes: Collection[str]) -> DemoPlan:
    """The part of the demo plan that concerns `unit_codes` (a part closed upwards: every
    unit's parent is in it). Tests seed a part to stay fast; it is the same data as in the
    whole plan."""
    selected = set(unit_codes)
    plan = build_plan()
    units = tuple(unit for unit in plan.units if unit.code in selected)
    orphans = [unit.code for unit in units if unit.parent and unit.parent not in selected]
    if orphans or len(units) != len(selected):
        raise ValueError(f"not a part of the demo tree closed upwards: {sorted(selected)}")
    return DemoPlan(
        units=units,
        people=tuple(
            person
            for person in plan.people
            if person.unit in selected and person.first_unit in selected
        ),
        collectives=tuple(records for records in plan.collectives if records.unit in selected),
        accounts=tuple(account for account in plan.accounts if account.unit in selected),
        units_by_code={unit.code: unit for unit in units},
    )
