"""API clients: anonymous, and signed in with a user's token."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.services import api_token_issue

# The nomination workflow's fixtures, for its endpoints.
from tests.nominations.conftest import (  # noqa: F401
    at_council,
    council,
    district_reviewer,
    draft,
    member_a1x,
    members,
    ready,
)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # The token endpoint's throttle counts requests in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as(db) -> Callable[..., APIClient]:
    """api_as(user): a client that sends the user's API token, as an integration would."""

    def make(user) -> APIClient:
        client = APIClient()
        token = api_token_issue(actor=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
