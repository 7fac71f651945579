"""The eligibility finder and quota use through the API (issue 5 §4)."""

import pytest

from tests.factories import PersonFactory
from tests.nominations.test_eligibility import (
    IN_1689,
    YEAR,
    make_qualified,
    make_quotas,
    submitted_for_province,
)


@pytest.fixture
def qualified(reference_data, tree):
    return make_qualified(PersonFactory(unit=tree.cdcs_a1x, full_name="Trần Văn Bình"))


@pytest.fixture
def quotas(reference_data):
    return make_quotas()


def test_the_api_answers_with_verdicts_rules_and_citations(
    reference_data, api_as, clerk, qualified
):
    qualified.award_records.all().delete()
    api = api_as(clerk)

    response = api.get(
        "/api/v1/eligibility/",
        {"person": qualified.pk, "year": YEAR, "reference_date": IN_1689.isoformat()},
    )

    assert response.status_code == 200
    body = response.json()
    bktld = next(a for a in body["awards"] if a["award"]["code"] == "bang-khen-tld")
    assert bktld["verdict"] == "not_eligible"
    assert [r["rule"] for r in bktld["failed"]] == ["BKTLD-03"]
    assert bktld["failed"][0]["citation"] == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"
    assert body["nominating_unit"]["code"] == "CDCS-A1X"


def test_the_api_needs_exactly_one_nominee(reference_data, api_as, clerk, tree, qualified):
    api = api_as(clerk)

    neither = api.get("/api/v1/eligibility/", {"year": YEAR})
    both = api.get("/api/v1/eligibility/", {"person": qualified.pk, "unit": tree.cdcs_a1x.pk})

    assert neither.status_code == both.status_code == 400
    assert neither.json()["code"] == "invalid_input"


def test_the_api_lists_quota_use(quotas, api_as, clerk, reviewer, tree):
    submitted_for_province(clerk, tree, name="Lê Văn A")

    response = api_as(reviewer).get("/api/v1/quotas/", {"year": 2025, "award": "bang-khen-ldld"})

    assert response.status_code == 200
    rows = {(r["scope"], (r["unit"] or {}).get("code")): r for r in response.json()}
    assert rows[("per_proposing_unit", "LDLD-A1")]["pending"] == 1
    assert rows[("per_proposing_unit", "LDLD-A1")]["remaining"] == 1
    assert rows[("national", None)]["remaining"] == 99
