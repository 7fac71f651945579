"""The rule tests read messages in English (the msgids), whatever the translations say; one test
runs the pack in Vietnamese (test_messages.py)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
