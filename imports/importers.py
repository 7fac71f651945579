"""Checking rows and writing them, one importer per kind of data.

An importer is fed the file in chunks (`validate_chunk`), so that the job can report progress
between chunks. Each chunk costs a few queries whatever its size: the codes it mentions are looked
up together. Nothing is written while checking; the rows that passed become unsaved model
instances (`plan`), and `write` saves them all with their history rows, once no row failed.

Scope: every subject must be a person or a unit that the uploader keeps the records of (the
clerks and administrators covering it, as organizations.services.people decides) and that lies
under the unit the job was filed for. A code outside that scope reads "not found", exactly like
a code that does not exist, so that a file cannot be used to probe other units.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards.models import AwardRecord, AwardRecordSource, AwardType
from awards.selectors import award_type_get_applicable
from common.exceptions import DomainNotFound
from imports import formats
from imports.formats import CellError, Column, is_blank
from imports.models import ImportKind
from imports.workbook import SheetRow
from organizations.models import (
    AnnualRating,
    Initiative,
    InitiativeKind,
    Membership,
    Person,
    Role,
    Unit,
)
from organizations.permissions import PEOPLE_WRITE_ROLES, visible_unit_ids
from organizations.selectors import unit_subtree_ids

WRITE_BATCH_SIZE = 500


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    # Columns already reported for this row: later checks skip them instead of piling up
    # a second message about the same cell.
    bad: set[str] = field(default_factory=set)

    def ok(self, *keys: str) -> bool:
        return not self.bad.intersection(keys)

    def get(self, key: str) -> Any:
        return self.values.get(key)


class Scope:
    """The people and units an uploader may import records for, under the job's unit."""

    def __init__(self, *, actor: Any, unit: Unit) -> None:
        subtree = unit_subtree_ids(unit)
        self.people_units = Unit.objects.filter(
            id__in=visible_unit_ids(actor, PEOPLE_WRITE_ROLES)
        ).filter(id__in=subtree)
        # People who have left every unit are kept by the administrators of their last unit
        # (organizations.services.people.person_grant).
        self.admin_units = Unit.objects.filter(id__in=visible_unit_ids(actor, {Role.ADMIN})).filter(
            id__in=subtree
        )
        self._units: dict[str, Unit | None] = {}
        self._people: dict[str, Person | None] = {}
        self._any_units: dict[str, Unit | None] = {}

    def units(self, codes: Iterable[str]) -> dict[str, Unit]:
        """Units with these codes among those the uploader manages (cached across chunks)."""
        codes = set(codes)
        missing = {code for code in codes if code not in self._units}
        if missing:
            found = {unit.code: unit for unit in self.people_units.filter(code__in=missing)}
            for code in missing:
                self._units[code] = found.get(code)
        return {code: unit for code in codes if (unit := self._units.get(code)) is not None}

    def people(self, codes: Iterable[str]) -> dict[str, Person]:
        codes = set(codes)
        missing = {code for code in codes if code not in self._people}
        if missing:
            found = {person.code: person for person in self._people_in_scope(missing)}
            for code in missing:
                self._people[code] = found.get(code)
        return {code: person for code in codes if (person := self._people.get(code)) is not None}

    def _people_in_scope(self, codes: set[str]) -> QuerySet[Person]:
        current = Membership.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
        latest = Membership.objects.filter(person=OuterRef("pk")).order_by(
            F("ended_on").desc(nulls_first=True), "-started_on"
        )
        return (
            Person.objects.filter(code__in=codes)
            .annotate(
                current_unit_id=Subquery(current.values("unit_id")[:1]),
                latest_unit_id=Subquery(latest.values("unit_id")[:1]),
            )
            .filter(
                Q(current_unit_id__in=self.people_units.values("id"))
                | Q(current_unit_id__isnull=True, latest_unit_id__in=self.admin_units.values("id"))
            )
        )

    def any_units(self, codes: Iterable[str]) -> dict[str, Unit]:
        """Units anywhere in the tree, for the body that decided an award: deciding units are
        upper levels outside the uploader's scope, and the tree's codes are not confidential."""
        codes = set(codes)
        missing = {code for code in codes if code not in self._any_units}
        if missing:
            found = {unit.code: unit for unit in Unit.objects.filter(code__in=missing)}
            for code in missing:
                self._any_units[code] = found.get(code)
        return {code: unit for code in codes if (unit := self._any_units.get(code)) is not None}


class Importer:
    kind: str
    columns: tuple[Column, ...]
    # The model fields whose validation messages belong to a column (field name -> column key).
    field_columns: dict[str, str] = {}

    def __init__(self, *, actor: Any, unit: Unit) -> None:
        self.actor = actor
        self.unit = unit
        self.scope = Scope(actor=actor, unit=unit)
        self.errors: list[dict[str, Any]] = []
        self.plan: list[Any] = []
        self._columns = {column.key: column for column in self.columns}

    # --- checking ------------------------------------------------------------------------------

    def validate_chunk(self, rows: list[SheetRow]) -> None:
        parsed = [self._parse(row) for row in rows]
        self.load(parsed)
        for row in parsed:
            self.check_row(row)

    def load(self, rows: list[ParsedRow]) -> None:
        """Look up, in a few queries, everything the chunk's rows refer to."""

    def check_row(self, row: ParsedRow) -> None:
        raise NotImplementedError

    def add_error(self, row: ParsedRow, key: str, message: str) -> None:
        row.bad.add(key)
        self.errors.append(
            {"row": row.number, "column": self._columns[key].header, "message": str(message)}
        )

    def _parse(self, row: SheetRow) -> ParsedRow:
        parsed = ParsedRow(number=row.number, values={})
        for column in self.columns:
            raw = row.cells.get(column.key)
            if is_blank(raw):
                parsed.values[column.key] = None
                if column.required:
                    self.add_error(
                        parsed, column.key, _("This cell is empty; this column must be filled in.")
                    )
                continue
            try:
                parsed.values[column.key] = column.parse(raw)
            except CellError as error:
                parsed.values[column.key] = None
                self.add_error(parsed, column.key, error.message)
        return parsed

    def model_checks(self, row: ParsedRow, instance: Model, exclude: list[str]) -> None:
        """The model's own validation, as a last net under the checks above (lengths and choices
        are already checked cell by cell). Uniqueness is checked per chunk, not per row."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                # A problem of the record as a whole goes on its first column, its subject.
                key = self.field_columns.get(name, self.columns[0].key)
                for message in messages:
                    self.add_error(row, key, message)

    # --- subjects (a person or a collective) ---------------------------------------------------

    def load_subjects(self, rows: list[ParsedRow]) -> None:
        self.scope.people(
            {code for row in rows if (code := row.get("person_code")) and row.ok("person_code")}
        )
        self.scope.units(
            {code for row in rows if (code := row.get("unit_code")) and row.ok("unit_code")}
        )

    def subject(self, row: ParsedRow) -> Person | Unit | None:
        """The person or the collective the row is about, or None after reporting why."""
        person_code, unit_code = row.get("person_code"), row.get("unit_code")
        if not row.ok("person_code", "unit_code"):
            return None
        if person_code and unit_code:
            self.add_error(
                row,
                "unit_code",
                _(
                    "Fill in either the person code or the unit code, not both: each row is "
                    "about one person or one collective."
                ),
            )
            return None
        if person_code:
            return self.person(row, "person_code")
        if unit_code:
            unit = self.scope.units([unit_code]).get(unit_code)
            if unit is None:
                self.add_error(row, "unit_code", self.unit_not_found(unit_code))
            return unit
        self.add_error(
            row,
            "person_code",
            _("Fill in the person code (for a person) or the unit code (for a collective)."),
        )
        return None

    def person(self, row: ParsedRow, key: str) -> Person | None:
        code = row.get(key)
        person = self.scope.people([code]).get(code)
        if person is None:
            self.add_error(
                row,
                key,
                _(
                    "No person with code “%(code)s” was found among the people you manage. "
                    "Check the code, or register the person first."
                )
                % {"code": code},
            )
        return person

    def unit_not_found(self, code: str) -> str:
        return _(
            "No unit with code “%(code)s” was found among the units you manage under "
            "“%(unit)s”. Check the code."
        ) % {"code": code, "unit": self.unit.name}

    @staticmethod
    def subject_key(subject: Person | Unit) -> tuple[str, int]:
        return ("person" if isinstance(subject, Person) else "unit", subject.pk)

    @staticmethod
    def subject_fields(subject: Person | Unit) -> dict[str, Any]:
        return {"person": subject} if isinstance(subject, Person) else {"unit": subject}

    def subject_ids(self, rows: list[ParsedRow]) -> tuple[set[int], set[int]]:
        """The ids of the people and units this chunk's rows are about (already looked up)."""
        people = self.scope.people(row.get("person_code") for row in rows if row.get("person_code"))
        units = self.scope.units(row.get("unit_code") for row in rows if row.get("unit_code"))
        return {p.pk for p in people.values()}, {u.pk for u in units.values()}

    # --- writing -------------------------------------------------------------------------------

    def write(self, *, reason: str) -> dict[str, int]:
        """Save every planned object with its history rows; returns counts per model."""
        raise NotImplementedError

    def bulk_create(self, model: type[Model], objects: list[Model], reason: str) -> int:
        if objects:
            bulk_create_with_history(
                objects,
                model,
                batch_size=WRITE_BATCH_SIZE,
                default_user=self.actor,
                default_change_reason=reason,
            )
        return len(objects)


def _label(model: type[Model]) -> str:
    return model._meta.label


class PeopleImporter(Importer):
    kind = ImportKind.PEOPLE
    columns = formats.PEOPLE_COLUMNS
    field_columns = {
        "code": "code",
        "full_name": "full_name",
        "gender": "gender",
        "birth_date": "birth_date",
        "education_level": "education_level",
        "started_on": "started_on",
        "position": "position",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seen_codes: dict[str, int] = {}
        self.taken_codes: set[str] = set()

    def load(self, rows: list[ParsedRow]) -> None:
        codes = {code for row in rows if (code := row.get("code"))}
        self.taken_codes = set(Person.objects.filter(code__in=codes).values_list("code", flat=True))
        # Whether a taken code is one of the uploader's own people decides the advice given.
        self.scope.people(self.taken_codes)
        self.scope.units({code for row in rows if (code := row.get("unit_code"))})

    def check_row(self, row: ParsedRow) -> None:
        code = row.get("code")
        if code and row.ok("code"):
            if code in self.seen_codes:
                self.add_error(
                    row,
                    "code",
                    _(
                        "The code “%(code)s” is also on row %(row)s of this file. Each person "
                        "must appear once; give each a different code."
                    )
                    % {"code": code, "row": self.seen_codes[code]},
                )
            else:
                self.seen_codes[code] = row.number
                if code in self.taken_codes:
                    self.add_error(row, "code", self._taken_message(code))

        unit: Unit | None = self.unit
        unit_code = row.get("unit_code")
        if unit_code and row.ok("unit_code"):
            unit = self.scope.units([unit_code]).get(unit_code)
            if unit is None:
                self.add_error(row, "unit_code", self.unit_not_found(unit_code))
        if unit is not None and row.ok("unit_code") and not unit.is_active:
            self.add_error(
                row,
                "unit_code",
                _("The unit “%(unit)s” has been dissolved; people cannot join it.")
                % {"unit": unit.name},
            )

        birth_date, started_on = row.get("birth_date"), row.get("started_on")
        if birth_date and started_on and started_on < birth_date:
            self.add_error(
                row,
                "started_on",
                _("The person cannot join the unit before their date of birth. Check both dates."),
            )

        person = Person(
            code=code or "",
            full_name=row.get("full_name") or "",
            gender=row.get("gender") or "",
            birth_date=birth_date,
            education_level=row.get("education_level") or "",
        )
        membership = Membership(
            unit=unit,
            started_on=started_on,
            position=row.get("position") or "",
            is_leader=bool(row.get("is_leader")),
            is_union_member=row.get("is_union_member") is not False,
        )
        if row.bad:
            return
        self.model_checks(row, person, exclude=[])
        self.model_checks(row, membership, exclude=["person", "unit"])
        if not row.bad:
            self.plan.append((person, membership))

    def _taken_message(self, code: str) -> str:
        if self.scope.people([code]):
            return _(
                "A person with code “%(code)s” is already registered. To change their details, "
                "edit that person on their page instead of importing them again."
            ) % {"code": code}
        # Someone the uploader does not manage: codes are unique system-wide, so the row cannot
        # be saved, but nothing is said about who holds the code.
        return _("The code “%(code)s” is already in use. Give this person another code.") % {
            "code": code
        }

    def write(self, *, reason: str) -> dict[str, int]:
        people = [person for person, _membership in self.plan]
        created = self.bulk_create(Person, people, reason)
        memberships = []
        for person, membership in self.plan:
            membership.person = person  # the person has its id now
            memberships.append(membership)
        return {
            _label(Person): created,
            _label(Membership): self.bulk_create(Membership, memberships, reason),
        }


class RatingImporter(Importer):
    kind = ImportKind.RATINGS
    columns = formats.RATING_COLUMNS
    field_columns = {
        "year": "year",
        "rating": "rating",
        "decided_by": "decided_by",
        "decision_number": "decision_number",
        "note": "note",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seen: dict[tuple[str, int, int], int] = {}
        self.existing: set[tuple[str, int, int]] = set()

    def load(self, rows: list[ParsedRow]) -> None:
        self.load_subjects(rows)
        person_ids, unit_ids = self.subject_ids(rows)
        years = {year for row in rows if (year := row.get("year"))}
        self.existing = set()
        if not years or not (person_ids or unit_ids):
            return
        recorded = AnnualRating.objects.filter(
            Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids), year__in=years
        ).values_list("person_id", "unit_id", "year")
        for person_id, unit_id, year in recorded:
            self.existing.add(("person", person_id, year) if person_id else ("unit", unit_id, year))

    def check_row(self, row: ParsedRow) -> None:
        subject = self.subject(row)
        year = row.get("year")
        if subject is not None and year and row.ok("year"):
            key = (*self.subject_key(subject), year)
            if key in self.seen:
                self.add_error(
                    row,
                    "year",
                    _(
                        "Row %(row)s of this file already rates the same person or unit for "
                        "%(year)s. Keep only one of the two rows."
                    )
                    % {"row": self.seen[key], "year": year},
                )
            else:
                self.seen[key] = row.number
                if key in self.existing:
                    self.add_error(
                        row,
                        "year",
                        _(
                            "A rating for %(year)s is already recorded for this person or unit. "
                            "To change it, edit the rating on their page; otherwise delete this "
                            "row."
                        )
                        % {"year": year},
                    )
        if row.bad or subject is None:
            return
        rating = AnnualRating(
            **self.subject_fields(subject),
            year=year,
            rating=row.get("rating"),
            decided_by=row.get("decided_by") or "",
            decision_number=row.get("decision_number") or "",
            note=row.get("note") or "",
        )
        self.model_checks(row, rating, exclude=["person", "unit"])
        if not row.bad:
            self.plan.append(rating)

    def write(self, *, reason: str) -> dict[str, int]:
        return {_label(AnnualRating): self.bulk_create(AnnualRating, self.plan, reason)}


class InitiativeImporter(Importer):
    kind = ImportKind.INITIATIVES
    columns = formats.INITIATIVE_COLUMNS
    field_columns = {
        "title": "title",
        "kind": "kind",
        "recognition_level": "recognition_level",
        "year": "year",
        "recognized_by": "recognized_by",
        "decision_number": "decision_number",
        "beneficial_value": "beneficial_value",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seen: dict[tuple[int, str, int], int] = {}
        self.existing: set[tuple[int, str, int]] = set()

    def load(self, rows: list[ParsedRow]) -> None:
        self.load_subjects(rows)
        person_ids, _unit_ids = self.subject_ids(rows)
        years = {year for row in rows if (year := row.get("year"))}
        self.existing = {
            (person_id, title.casefold(), year)
            for person_id, title, year in Initiative.objects.filter(
                person_id__in=person_ids, year__in=years
            ).values_list("person_id", "title", "year")
        }

    def check_row(self, row: ParsedRow) -> None:
        person = self.person(row, "person_code") if row.ok("person_code") else None
        title, year = row.get("title"), row.get("year")
        if person is not None and title and year and row.ok("title", "year"):
            # Importing the same file twice must not double a person's initiatives.
            key = (person.pk, title.casefold(), year)
            if key in self.seen:
                self.add_error(
                    row,
                    "title",
                    _(
                        "Row %(row)s of this file already has this initiative for the same "
                        "person and year. Keep only one of the two rows."
                    )
                    % {"row": self.seen[key]},
                )
            else:
                self.seen[key] = row.number
                if key in self.existing:
                    self.add_error(
                        row,
                        "title",
                        _(
                            "This initiative is already recorded for this person in %(year)s. "
                            "Delete this row, or edit the record on the person's page."
                        )
                        % {"year": year},
                    )
        if row.bad or person is None:
            return
        initiative = Initiative(
            person=person,
            title=title,
            kind=row.get("kind") or InitiativeKind.INITIATIVE,
            recognition_level=row.get("recognition_level"),
            year=year,
            recognized_by=row.get("recognized_by") or "",
            decision_number=row.get("decision_number") or "",
            beneficial_value=row.get("beneficial_value"),
            is_applied=row.get("is_applied") is not False,
        )
        self.model_checks(row, initiative, exclude=["person"])
        if not row.bad:
            self.plan.append(initiative)

    def write(self, *, reason: str) -> dict[str, int]:
        return {_label(Initiative): self.bulk_create(Initiative, self.plan, reason)}


class AwardRecordImporter(Importer):
    kind = ImportKind.AWARD_RECORDS
    columns = formats.AWARD_RECORD_COLUMNS
    field_columns = {
        "award_code": "award_code",
        "award_name": "award_name",
        "year": "year",
        "decision_number": "decision_number",
        "decision_date": "decision_date",
        "deciding_body": "deciding_body",
        "note": "note",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.existing: set[tuple[Any, ...]] = set()
        self._award_types: dict[tuple[str, datetime.date], AwardType | None] = {}

    def load(self, rows: list[ParsedRow]) -> None:
        self.load_subjects(rows)
        self.scope.any_units({code for row in rows if (code := row.get("deciding_unit_code"))})
        person_ids, unit_ids = self.subject_ids(rows)
        years = {year for row in rows if (year := row.get("year"))}
        self.existing = set()
        if not years or not (person_ids or unit_ids):
            return
        recorded = AwardRecord.objects.filter(
            Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids), year__in=years
        ).values_list("person_id", "unit_id", "year", "award_code", "award_name", "decision_number")
        for person_id, unit_id, year, code, name, number in recorded:
            subject = ("person", person_id) if person_id else ("unit", unit_id)
            self.existing.add((*subject, year, self._award_key(code, name), number.casefold()))

    @staticmethod
    def _award_key(code: str, name: str) -> str:
        return code.casefold() if code else name.casefold()

    def award_type(self, code: str, on: datetime.date) -> AwardType | None:
        """The catalogue entry with this code in the version in force on `on` (cached: a file
        usually repeats a few awards and decision dates)."""
        key = (code, on)
        if key not in self._award_types:
            try:
                self._award_types[key] = award_type_get_applicable(code=code, on=on)
            except DomainNotFound:
                self._award_types[key] = None
        return self._award_types[key]

    def check_row(self, row: ParsedRow) -> None:
        subject = self.subject(row)
        year, decision_date = row.get("year"), row.get("decision_date")
        code = (row.get("award_code") or "").lower()
        name = row.get("award_name") or ""

        award_type = None
        if code and year and row.ok("award_code", "year", "decision_date"):
            # The version that governed the award is the one in force when it was decided.
            on = decision_date or datetime.date(year, 12, 31)
            award_type = self.award_type(code, on)
            if award_type is None:
                self.add_error(
                    row,
                    "award_code",
                    _(
                        "No award with code “%(code)s” is in the catalogue in force on "
                        "%(date)s. Check the code, or leave it empty and write the award's name."
                    )
                    % {"code": code, "date": on.strftime("%d/%m/%Y")},
                )
            elif subject is not None:
                self._check_recipient(row, award_type, subject)
        elif not code and not name and row.ok("award_name"):
            self.add_error(
                row,
                "award_name",
                _("Write the award's name, or its catalogue code in “Mã danh hiệu”."),
            )

        if decision_date and year and row.ok("decision_date", "year") and decision_date.year < year:
            self.add_error(
                row,
                "decision_date",
                _(
                    "The decision date is before the year the award was for (%(year)s). Check "
                    "the year and the date."
                )
                % {"year": year},
            )

        deciding_unit = None
        deciding_code = row.get("deciding_unit_code")
        if deciding_code and row.ok("deciding_unit_code"):
            deciding_unit = self.scope.any_units([deciding_code]).get(deciding_code)
            if deciding_unit is None:
                self.add_error(
                    row,
                    "deciding_unit_code",
                    _(
                        "No unit has the code “%(code)s”. Check the code; for a body outside "
                        "the union, write its name in “Cơ quan quyết định” instead."
                    )
                    % {"code": deciding_code},
                )
        elif not deciding_code and not row.get("deciding_body") and row.ok("deciding_body"):
            self.add_error(
                row,
                "deciding_body",
                _(
                    "Say who decided the award: the deciding unit's code in “Mã đơn vị quyết "
                    "định”, or the name of the body here."
                ),
            )

        if row.bad or subject is None:
            return
        record = AwardRecord(
            **self.subject_fields(subject),
            award_type=award_type,
            award_code=award_type.code if award_type else "",
            award_name=name or (award_type.name if award_type else ""),
            year=year,
            decision_number=row.get("decision_number") or "",
            decision_date=decision_date,
            deciding_unit=deciding_unit,
            deciding_body=row.get("deciding_body") or "",
            source=AwardRecordSource.IMPORTED,
            note=row.get("note") or "",
        )
        key = (
            *self.subject_key(subject),
            year,
            self._award_key(record.award_code, record.award_name),
            record.decision_number.casefold(),
        )
        if key in self.seen:
            self.add_error(
                row,
                "award_name",
                _(
                    "Row %(row)s of this file already has this award, for the same person or "
                    "unit, year and decision. Keep only one of the two rows."
                )
                % {"row": self.seen[key]},
            )
            return
        self.seen[key] = row.number
        if key in self.existing:
            self.add_error(
                row,
                "award_name",
                _(
                    "This award (same year and decision) is already recorded for this person or "
                    "unit. Delete this row, or edit the record on their page."
                ),
            )
            return
        self.model_checks(
            row, record, exclude=["person", "unit", "award_type", "topic", "deciding_unit"]
        )
        if not row.bad:
            self.plan.append(record)

    def _check_recipient(self, row: ParsedRow, award_type: AwardType, subject: Any) -> None:
        if isinstance(subject, Person) and not award_type.for_individuals:
            self.add_error(
                row,
                "award_code",
                _(
                    "“%(award)s” is not given to individuals. Check the code, or fill in the "
                    "unit code instead if a collective received it."
                )
                % {"award": award_type.name},
            )
        elif isinstance(subject, Unit) and not award_type.collective_unit_kinds.all():
            self.add_error(
                row,
                "award_code",
                _(
                    "“%(award)s” is given to individuals only. Check the code, or fill in the "
                    "person code instead."
                )
                % {"award": award_type.name},
            )

    def write(self, *, reason: str) -> dict[str, int]:
        return {_label(AwardRecord): self.bulk_create(AwardRecord, self.plan, reason)}


IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.PEOPLE: PeopleImporter,
    ImportKind.RATINGS: RatingImporter,
    ImportKind.INITIATIVES: InitiativeImporter,
    ImportKind.AWARD_RECORDS: AwardRecordImporter,
}


def importer_for(kind: str, *, actor: Any, unit: Unit) -> Importer:
    return IMPORTERS[kind](actor=actor, unit=unit)
