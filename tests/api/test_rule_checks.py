"""Rule checks through the API: a nomination failing a blocking rule cannot be submitted and the
error body names the rule and its citation; the override endpoint records the justification;
the checks endpoint shows the checks now, the latest run per step and the overrides."""

import pytest

from audit.models import AuditEvent, EventType
from organizations.models import Role
from tests.factories import AnnualRatingFactory, InitiativeFactory, PersonFactory
from tests.nominations.conftest import actor_at
from tests.nominations.test_rule_checks import IN_1689, nominate

URL = "/api/v1/nominations/"
JUSTIFICATION = "Bằng khen LĐLĐ năm 2022 đã có quyết định, đang cập nhật vào hệ thống."


def url(pk, action=""):
    return f"{URL}{pk}/{action + '/' if action else ''}"


@pytest.fixture
def blocked(tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)
    for year in (2022, 2023):
        AnnualRatingFactory(person=person, year=year)
        InitiativeFactory(person=person, year=year)
    return nominate(clerk, person, on=IN_1689)


@pytest.fixture
def local_reviewer(tree):
    return actor_at("local_reviewer", Role.REVIEWER, tree.cdcs_a1x)


def test_submit_refused_with_the_rule_and_its_citation_in_the_error_body(api_as, clerk, blocked):
    response = api_as(clerk).post(url(blocked.pk, "submit"))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "checks_failed"
    (check,) = body["details"]["checks"]
    assert (check["rule"], check["citation"], check["blocks"]) == (
        "BKTLD-03",
        "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2",
        True,
    )
    assert check["hint"] and check["facts"]["year"] == 2022


def test_override_then_submit_and_the_history_shows_the_justification(
    api_as, clerk, local_reviewer, blocked
):
    # when the reviewer overrides BKTLD-03
    response = api_as(local_reviewer).post(
        url(blocked.pk, "checks/BKTLD-03/override"), {"justification": JUSTIFICATION}, format="json"
    )

    # then
    assert response.status_code == 201, response.json()
    override = response.json()
    assert (override["rule_id"], override["step"], override["justification"]) == (
        "BKTLD-03",
        "submit",
        JUSTIFICATION,
    )
    assert override["result"]["citation"] == "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"
    assert api_as(clerk).post(url(blocked.pk, "submit")).status_code == 200
    history = api_as(clerk).get(url(blocked.pk, "history")).json()
    overridden = [e for e in history["events"] if e["event_type"] == "CHECK_OVERRIDDEN"]
    assert [e["reason"] for e in overridden] == [JUSTIFICATION]


@pytest.mark.parametrize(
    ("who", "rule_id", "body", "status", "code"),
    [
        ("clerk", "BKTLD-03", {"justification": JUSTIFICATION}, 403, "permission_denied"),
        ("local_reviewer", "BKTLD-03", {"justification": " "}, 400, "justification_required"),
        ("local_reviewer", "BKTLD-01", {"justification": "Lý do"}, 409, "check_not_blocking"),
        ("reviewer_b", "BKTLD-03", {"justification": "Lý do"}, 404, "not_found"),
    ],
)
def test_override_refusals(request, api_as, blocked, who, rule_id, body, status, code):
    response = api_as(request.getfixturevalue(who)).post(
        url(blocked.pk, f"checks/{rule_id}/override"), body, format="json"
    )

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not AuditEvent.objects.filter(event_type=EventType.CHECK_OVERRIDDEN).exists()


def test_checks_endpoint_shows_the_checks_now_the_runs_and_the_overrides(
    api_as, clerk, local_reviewer, blocked, django_assert_max_num_queries
):
    # given a refused submit (a run) and an override
    api_as(clerk).post(url(blocked.pk, "submit"))
    api_as(local_reviewer).post(
        url(blocked.pk, "checks/BKTLD-03/override"), {"justification": JUSTIFICATION}, format="json"
    )
    client = api_as(clerk)

    # when
    with django_assert_max_num_queries(30):
        response = client.get(url(blocked.pk, "checks"))

    # then: the next step by default, passing now thanks to the override
    body = response.json()
    assert (body["step"], body["passed"]) == ("submit", True)
    results = {r["rule"]: r for r in body["results"]}
    assert results["BKTLD-03"]["overridden"]["justification"] == JUSTIFICATION
    assert results["BKTLD-01"]["outcome"] == "passed"
    (run,) = body["runs"]
    assert (run["step"], run["passed"], run["regulation"]) == ("submit", False, "1689/QĐ-TLĐ")
    assert [o["rule_id"] for o in body["overrides"]] == ["BKTLD-03"]


def test_the_checks_endpoint_refuses_an_unknown_step(api_as, clerk, blocked):
    response = api_as(clerk).get(url(blocked.pk, "checks") + "?step=party")

    assert response.status_code == 400
    assert list(response.json()["details"]) == ["step"]
