"""Vietnamese formats: Django's, plus what it leaves unset.

Numbers are grouped by thousands with dots (1.500.000), weeks start on Monday, and dates are
typed and shown day first (23/11/2026), as union offices write them.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
