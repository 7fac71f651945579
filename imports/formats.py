"""The import file format: columns, allowed values and how cells are read.

The format is fixed and Vietnamese: clerks fill in the downloadable templates, so the column
headers and the allowed values (Nam/Nữ, Có/Không, HTXSNV...) are constants of the format, not
translated text. The explanations and error messages go through the translation machinery.

A file has one sheet (the first one is read; the template's instructions sheet is ignored) with
the headers on row 1, in any order, and one record per row below.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import AwardRecord
from imports.models import ImportKind
from organizations.models import (
    AnnualRating,
    EducationLevel,
    Gender,
    Initiative,
    InitiativeKind,
    Membership,
    Person,
    Rating,
    RecognitionLevel,
    Unit,
)

FIRST_YEAR = 1950


class CellError(Exception):
    """A cell whose content cannot be read; the message says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- reading cells -------------------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """The cell as text: NFC (some keyboards type Vietnamese decomposed), single spaces, and
    whole numbers without ".0" (a code like 1024 typed into a number cell comes back a float)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def is_blank(value: Any) -> bool:
    return clean_text(value) == ""


def _fold(text: str) -> str:
    return clean_text(text).casefold()


def text_parser(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = clean_text(value)
        if len(text) > max_length:
            raise CellError(
                _(
                    "This text is %(length)s characters long; at most %(max)s are allowed. "
                    "Shorten it."
                )
                % {"length": len(text), "max": max_length}
            )
        return text

    return parse


def model_text(model: Any, field_name: str) -> Callable[[Any], str]:
    """Text no longer than the model field it goes into."""
    return text_parser(model._meta.get_field(field_name).max_length)


def long_text(value: Any) -> str:
    # Notes keep their line breaks; only the ends are trimmed.
    return unicodedata.normalize("NFC", str(value)).strip()


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value: Any) -> datetime.date:
    """An Excel date cell, or text written dd/mm/yyyy (also with "-" or ".")."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_text(value)
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise CellError(
        _(
            "“%(value)s” is not a date. Write it as day/month/year, for example 05/03/1990, "
            "or use a date cell."
        )
        % {"value": text}
    )


def parse_past_date(value: Any) -> datetime.date:
    date = parse_date(value)
    if date.year < 1900 or date > timezone.localdate():
        raise CellError(
            _("The date %(date)s is not possible here: it must be in the past. Check the year.")
            % {"date": date.strftime("%d/%m/%Y")}
        )
    return date


def parse_year(value: Any) -> int:
    text = clean_text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise CellError(
            _("“%(value)s” is not a year. Write the year with four digits, for example 2024.")
            % {"value": text}
        )
    year = int(text)
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        raise CellError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": last}
        )
    return year


_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)$", re.IGNORECASE)


def parse_amount(value: Any) -> int:
    """A whole number of VND: 1500000, "1.500.000", "1,500,000" or "1 500 000", with or without
    "đ"/"VNĐ" after it."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if value >= 0 and Decimal(str(value)) == int(value):
            return int(value)
    else:
        text = _CURRENCY.sub("", clean_text(value))
        if text.isdigit():
            return int(text)
        if _GROUPED.match(text):
            return int(re.sub(r"[.,\s]", "", text))
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite() and number >= 0 and number == int(number):
            return int(number)
    raise CellError(
        _(
            "“%(value)s” is not an amount in VND. Write a whole number, with or without dots "
            "between thousands, for example 1.500.000."
        )
        % {"value": clean_text(value)}
    )


def choice_parser(values: Mapping[Any, tuple[str, ...]]) -> Callable[[Any], Any]:
    """Reads one of the allowed words; `values` maps each stored value to its spellings, the
    first being the one the template shows."""
    lookup = {
        _fold(spelling): stored for stored, spellings in values.items() for spelling in spellings
    }
    shown = ", ".join(spellings[0] for spellings in values.values())

    def parse(value: Any) -> Any:
        text = clean_text(value)
        try:
            return lookup[text.casefold()]
        except KeyError:
            raise CellError(
                _("“%(value)s” is not an allowed value. Write one of: %(allowed)s.")
                % {"value": text, "allowed": shown}
            ) from None

    return parse


# --- allowed values (part of the file format) ----------------------------------------------------

GENDER_VALUES = {Gender.MALE: ("Nam",), Gender.FEMALE: ("Nữ", "Nu")}
EDUCATION_VALUES = {
    EducationLevel.GENERAL: ("Phổ thông",),
    EducationLevel.VOCATIONAL: ("Trung cấp", "Sơ cấp", "Trung cấp nghề"),
    EducationLevel.COLLEGE: ("Cao đẳng",),
    EducationLevel.UNIVERSITY: ("Đại học",),
    EducationLevel.MASTER: ("Thạc sĩ", "Thạc sỹ"),
    EducationLevel.DOCTORATE: ("Tiến sĩ", "Tiến sỹ"),
}
RATING_VALUES = {
    Rating.EXCELLENT: ("HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"),
    Rating.GOOD: ("HTTNV", "Hoàn thành tốt nhiệm vụ"),
    Rating.COMPLETED: ("HTNV", "Hoàn thành nhiệm vụ"),
    Rating.NOT_COMPLETED: ("KHTNV", "Không hoàn thành nhiệm vụ"),
}
INITIATIVE_KIND_VALUES = {
    InitiativeKind.INITIATIVE: ("Sáng kiến",),
    InitiativeKind.SCIENTIFIC_TOPIC: ("Đề tài khoa học", "Đề tài"),
    InitiativeKind.MANAGEMENT_SOLUTION: ("Giải pháp quản lý", "Giải pháp"),
}
RECOGNITION_VALUES = {
    RecognitionLevel.GRASSROOTS: ("Cơ sở", "Cấp cơ sở"),
    RecognitionLevel.PROVINCIAL: ("Tỉnh/Bộ", "Cấp tỉnh", "Cấp bộ", "Tỉnh", "Bộ", "Cấp tỉnh/bộ"),
    RecognitionLevel.NATIONAL: ("Toàn quốc", "Cấp toàn quốc", "Quốc gia"),
}
YES_NO_VALUES = {True: ("Có", "Co", "x"), False: ("Không", "Khong")}

parse_gender = choice_parser(GENDER_VALUES)
parse_education = choice_parser(EDUCATION_VALUES)
parse_rating = choice_parser(RATING_VALUES)
parse_initiative_kind = choice_parser(INITIATIVE_KIND_VALUES)
parse_recognition = choice_parser(RECOGNITION_VALUES)
parse_yes_no = choice_parser(YES_NO_VALUES)


def allowed(values: Mapping[Any, tuple[str, ...]]) -> str:
    return " / ".join(spellings[0] for spellings in values.values())


# --- columns ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[Any], Any]
    description: Promise
    required: bool = False
    # The allowed values or the way to write them (a str of format words, or translated text).
    allowed: str | Promise = ""
    example: Any = ""
    # Excel number format of the template column, so that typed dates stay dates.
    number_format: str = ""
    choices: tuple[str, ...] = field(default=())


def _choices(values: Mapping[Any, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(spellings[0] for spellings in values.values())


DATE_FORMAT = "DD/MM/YYYY"
DATE_ALLOWED = gettext_lazy("a date cell, or dd/mm/yyyy")
YEAR_ALLOWED = gettext_lazy("four digits")
YES_NO_ALLOWED = allowed(YES_NO_VALUES)

PERSON_CODE = "Mã cá nhân"
UNIT_CODE = "Mã đơn vị"
YEAR = "Năm"
DECISION_NUMBER = "Số quyết định"
NOTE = "Ghi chú"

parse_person_code = model_text(Person, "code")

PEOPLE_COLUMNS = (
    Column(
        "code",
        PERSON_CODE,
        parse_person_code,
        gettext_lazy(
            "The person's member or staff code, unique in the whole system. A code that already "
            "exists is refused: edit that person on their page instead."
        ),
        required=True,
        example="DV-000123",
    ),
    Column(
        "full_name",
        "Họ và tên",
        model_text(Person, "full_name"),
        gettext_lazy("Full name, as on the identity card."),
        required=True,
        example="Nguyễn Thị Lan",
    ),
    Column(
        "gender",
        "Giới tính",
        parse_gender,
        gettext_lazy("Gender."),
        required=True,
        allowed=allowed(GENDER_VALUES),
        example="Nữ",
        choices=_choices(GENDER_VALUES),
    ),
    Column(
        "birth_date",
        "Ngày sinh",
        parse_past_date,
        gettext_lazy("Date of birth."),
        allowed=DATE_ALLOWED,
        example="05/03/1990",
        number_format=DATE_FORMAT,
    ),
    Column(
        "education_level",
        "Trình độ",
        parse_education,
        gettext_lazy("Highest education level."),
        allowed=allowed(EDUCATION_VALUES),
        example="Đại học",
        choices=_choices(EDUCATION_VALUES),
    ),
    Column(
        "unit_code",
        UNIT_CODE,
        model_text(Unit, "code"),
        gettext_lazy(
            "The code of the unit the person belongs to. Leave it empty for the unit chosen when "
            "uploading the file."
        ),
        example="CDCS-001",
    ),
    Column(
        "started_on",
        "Ngày vào đơn vị",
        parse_past_date,
        gettext_lazy("The date the person joined the unit."),
        required=True,
        allowed=DATE_ALLOWED,
        example="01/09/2015",
        number_format=DATE_FORMAT,
    ),
    Column(
        "position",
        "Chức vụ",
        model_text(Membership, "position"),
        gettext_lazy("Position held in the unit."),
        example="Giáo viên",
    ),
    Column(
        "is_leader",
        "Lãnh đạo/quản lý",
        parse_yes_no,
        gettext_lazy("Whether the person is a leader or manager. Empty means “Không”."),
        allowed=YES_NO_ALLOWED,
        example="Không",
        choices=_choices(YES_NO_VALUES),
    ),
    Column(
        "is_union_member",
        "Đoàn viên",
        parse_yes_no,
        gettext_lazy("Whether the person is a union member. Empty means “Có”."),
        allowed=YES_NO_ALLOWED,
        example="Có",
        choices=_choices(YES_NO_VALUES),
    ),
)

_subject_unit_code = Column(
    "unit_code",
    UNIT_CODE,
    model_text(Unit, "code"),
    gettext_lazy(
        "For a collective: the code of a unit you manage. Fill in either the person code or the "
        "unit code, not both."
    ),
    example="CDCS-001",
)
_person_or_unit_code = Column(
    "person_code",
    PERSON_CODE,
    parse_person_code,
    gettext_lazy(
        "For a person: the code of a person registered in a unit you manage. Fill in either the "
        "person code or the unit code, not both."
    ),
    example="DV-000123",
)
_year = Column(
    "year",
    YEAR,
    parse_year,
    gettext_lazy("The year the record is about."),
    required=True,
    allowed=YEAR_ALLOWED,
    example=2024,
)

RATING_COLUMNS = (
    _person_or_unit_code,
    _subject_unit_code,
    _year,
    Column(
        "rating",
        "Xếp loại",
        parse_rating,
        gettext_lazy("The annual rating."),
        required=True,
        allowed=allowed(RATING_VALUES),
        example="HTXSNV",
        choices=_choices(RATING_VALUES),
    ),
    Column(
        "decided_by",
        "Cấp đánh giá",
        model_text(AnnualRating, "decided_by"),
        gettext_lazy("Who rated: the unit or body that decided the rating."),
        example="Công đoàn cơ sở Trường Tiểu học Đại Lộc",
    ),
    Column(
        "decision_number",
        DECISION_NUMBER,
        model_text(AnnualRating, "decision_number"),
        gettext_lazy("Number of the rating decision, if any."),
        example="15/QĐ-CĐCS",
    ),
    Column("note", NOTE, long_text, gettext_lazy("Anything worth keeping with the record.")),
)

INITIATIVE_COLUMNS = (
    Column(
        "person_code",
        PERSON_CODE,
        parse_person_code,
        gettext_lazy("The code of the author, a person registered in a unit you manage."),
        required=True,
        example="DV-000123",
    ),
    Column(
        "title",
        "Tên sáng kiến",
        model_text(Initiative, "title"),
        gettext_lazy("Title of the initiative."),
        required=True,
        example="Cải tiến quy trình tiếp nhận hồ sơ một cửa",
    ),
    Column(
        "kind",
        "Loại",
        parse_initiative_kind,
        gettext_lazy("Kind of work. Empty means “Sáng kiến”."),
        allowed=allowed(INITIATIVE_KIND_VALUES),
        example="Sáng kiến",
        choices=_choices(INITIATIVE_KIND_VALUES),
    ),
    Column(
        "recognition_level",
        "Cấp công nhận",
        parse_recognition,
        gettext_lazy("The level that recognised the initiative."),
        required=True,
        allowed=allowed(RECOGNITION_VALUES),
        example="Cơ sở",
        choices=_choices(RECOGNITION_VALUES),
    ),
    Column(
        "year",
        YEAR,
        parse_year,
        gettext_lazy("The year the initiative was recognised."),
        required=True,
        allowed=YEAR_ALLOWED,
        example=2024,
    ),
    Column(
        "recognized_by",
        "Đơn vị công nhận",
        model_text(Initiative, "recognized_by"),
        gettext_lazy("The unit or council that recognised it."),
        example="Hội đồng sáng kiến huyện Đại Lộc",
    ),
    Column(
        "decision_number",
        DECISION_NUMBER,
        model_text(Initiative, "decision_number"),
        gettext_lazy("Number of the recognition decision."),
        example="120/QĐ-UBND",
    ),
    Column(
        "beneficial_value",
        "Giá trị làm lợi (VND)",
        parse_amount,
        gettext_lazy("The benefit in VND, if it was quantified."),
        allowed=gettext_lazy("a whole number, e.g. 1.500.000"),
        example="1.500.000",
    ),
    Column(
        "is_applied",
        "Áp dụng hiệu quả",
        parse_yes_no,
        gettext_lazy("Whether it was applied effectively. Empty means “Có”."),
        allowed=YES_NO_ALLOWED,
        example="Có",
        choices=_choices(YES_NO_VALUES),
    ),
)

AWARD_RECORD_COLUMNS = (
    _person_or_unit_code,
    _subject_unit_code,
    Column(
        "award_code",
        "Mã danh hiệu",
        model_text(AwardRecord, "award_code"),
        gettext_lazy(
            "The award's code in the catalogue, if it is there; the version in force at the "
            "decision date (or at the end of the year) is used. Leave it empty for awards outside "
            "the catalogue."
        ),
        example="bang-khen-ldld-tinh",
    ),
    Column(
        "award_name",
        "Tên danh hiệu/hình thức",
        model_text(AwardRecord, "award_name"),
        gettext_lazy("The award as the decision names it. Required when there is no code."),
        example="Bằng khen của Liên đoàn Lao động tỉnh",
    ),
    Column(
        "year",
        YEAR,
        parse_year,
        gettext_lazy("The year the award was for."),
        required=True,
        allowed=YEAR_ALLOWED,
        example=2023,
    ),
    Column(
        "decision_number",
        DECISION_NUMBER,
        model_text(AwardRecord, "decision_number"),
        gettext_lazy("Number of the award decision."),
        example="35/QĐ-LĐLĐ",
    ),
    Column(
        "decision_date",
        "Ngày quyết định",
        parse_past_date,
        gettext_lazy("Date of the award decision."),
        allowed=DATE_ALLOWED,
        example="15/01/2024",
        number_format=DATE_FORMAT,
    ),
    Column(
        "deciding_unit_code",
        "Mã đơn vị quyết định",
        model_text(Unit, "code"),
        gettext_lazy(
            "The code of the deciding unit, if it is in the system. Fill in this column or the "
            "next one."
        ),
        example="LDLD-QNAM",
    ),
    Column(
        "deciding_body",
        "Cơ quan quyết định",
        model_text(AwardRecord, "deciding_body"),
        gettext_lazy("The name of the deciding body, when it has no unit code in the system."),
        example="Ủy ban nhân dân tỉnh Quảng Nam",
    ),
    Column("note", NOTE, long_text, gettext_lazy("Anything worth keeping with the record.")),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.PEOPLE: PEOPLE_COLUMNS,
    ImportKind.RATINGS: RATING_COLUMNS,
    ImportKind.INITIATIVES: INITIATIVE_COLUMNS,
    ImportKind.AWARD_RECORDS: AWARD_RECORD_COLUMNS,
}

# What one row of each kind stands for, for the instructions sheet.
ROW_MEANING = {
    ImportKind.PEOPLE: gettext_lazy(
        "One row per person to register; each becomes a member of the unit in “Mã đơn vị”."
    ),
    ImportKind.RATINGS: gettext_lazy(
        "One row per annual rating of a person or of a collective; one rating per subject and year."
    ),
    ImportKind.INITIATIVES: gettext_lazy("One row per initiative, under its author's code."),
    ImportKind.AWARD_RECORDS: gettext_lazy(
        "One row per award a person or collective received, including awards given before the "
        "system existed."
    ),
}
