"""The file format: how cells are read, and the downloadable templates."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from imports import formats
from imports.formats import CellError
from imports.models import ImportKind
from imports.workbook import template_bytes
from organizations.models import EducationLevel, InitiativeKind, Rating, RecognitionLevel


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.datetime(1990, 3, 5), datetime.date(1990, 3, 5)),
        (datetime.date(1990, 3, 5), datetime.date(1990, 3, 5)),
        ("05/03/1990", datetime.date(1990, 3, 5)),
        ("5/3/1990", datetime.date(1990, 3, 5)),
        (" 05-03-1990 ", datetime.date(1990, 3, 5)),
        ("05.03.1990", datetime.date(1990, 3, 5)),
    ],
)
def test_dates_are_read_from_date_cells_and_day_month_year_text(value, expected):
    assert formats.parse_date(value) == expected


@pytest.mark.parametrize("value", ["1990-03-05", "31/02/2020", "03/1990", 32000, "hôm qua"])
def test_other_date_writings_are_refused_with_the_format_to_use(value):
    with pytest.raises(CellError) as error:
        formats.parse_date(value)

    assert "05/03/1990" in error.value.message


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(CellError):
        formats.parse_past_date(datetime.date.today() + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        (1500000, 1_500_000),
        (1500000.0, 1_500_000),
        ("1,500,000", 1_500_000),
        ("1 500 000 đ", 1_500_000),
        ("25.000.000 VNĐ", 25_000_000),
        ("0", 0),
    ],
)
def test_amounts_accept_dotted_and_plain_numbers(value, expected):
    assert formats.parse_amount(value) == expected


@pytest.mark.parametrize("value", ["1.5", "-200", "12.34.567", "một triệu", 10.5, "NaN"])
def test_amounts_that_are_not_whole_vnd_are_refused(value):
    with pytest.raises(CellError):
        formats.parse_amount(value)


@pytest.mark.parametrize("value, expected", [("2024", 2024), (2024, 2024), (2024.0, 2024)])
def test_years_are_four_digits(value, expected):
    assert formats.parse_year(value) == expected


@pytest.mark.parametrize("value", ["24", "1949", "năm 2024", str(datetime.date.today().year + 1)])
def test_years_out_of_range_or_badly_written_are_refused(value):
    with pytest.raises(CellError):
        formats.parse_year(value)


def test_choices_ignore_case_spacing_and_unicode_composition():
    assert formats.parse_gender("  nữ ") == "female"
    assert formats.parse_yes_no("CÓ") is True
    assert formats.parse_yes_no("không") is False
    assert formats.parse_education("Thạc sỹ") == EducationLevel.MASTER
    # "Nữ" typed decomposed (u + horn + tilde), as some keyboards and Macs do
    assert formats.parse_gender("Nu\u031b\u0303") == "female"


def test_a_value_outside_the_list_is_refused_naming_the_allowed_ones():
    with pytest.raises(CellError) as error:
        formats.parse_gender("Khác")

    assert "Nam, Nữ" in error.value.message


@pytest.mark.parametrize(
    "values, enum",
    [
        (formats.EDUCATION_VALUES, EducationLevel),
        (formats.RATING_VALUES, Rating),
        (formats.INITIATIVE_KIND_VALUES, InitiativeKind),
        (formats.RECOGNITION_VALUES, RecognitionLevel),
    ],
)
def test_every_stored_value_has_a_vietnamese_writing_in_the_format(values, enum):
    assert set(values) == set(enum)


def test_codes_typed_as_numbers_come_back_without_decimals():
    assert formats.clean_text(1024.0) == "1024"


@pytest.mark.parametrize("kind", ImportKind.values)
def test_each_template_has_the_headers_and_a_sheet_explaining_every_column(kind):
    # when
    workbook = load_workbook(io.BytesIO(template_bytes(kind)))

    # then
    data, guide = workbook.worksheets
    headers = [cell.value for cell in data[1]]
    assert headers == [column.header for column in formats.COLUMNS[kind]]
    assert data.max_row == 1  # no example row that could be imported by mistake
    explained = {row[0] for row in guide.iter_rows(values_only=True)}
    assert set(headers) <= explained
    assert guide.title == "Hướng dẫn"


def test_the_people_template_offers_the_allowed_values():
    workbook = load_workbook(io.BytesIO(template_bytes(ImportKind.PEOPLE)))

    guide = {row[0]: row for row in workbook.worksheets[1].iter_rows(values_only=True)}

    assert guide["Giới tính"][3] == "Nam / Nữ"
    assert guide["Trình độ"][3] == "Phổ thông / Trung cấp / Cao đẳng / Đại học / Thạc sĩ / Tiến sĩ"
    assert guide["Họ và tên"][1] == "bắt buộc"
