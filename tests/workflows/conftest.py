# The workflow is exercised on nominations: reuse their fixtures.
from tests.nominations.conftest import district_reviewer, draft, member_a1x, ready  # noqa: F401
