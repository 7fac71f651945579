"""The checks on the nomination page, end to end: a nomination failing a blocking rule cannot
be submitted, the page names the rule and its citation; a reviewer overrides it with a
justification, which the page and the audit trail show; re-checking keeps a run."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent, EventType
from nominations.models import CheckOverride, CheckRun, NominationStatus
from organizations.models import Role
from tests.factories import AnnualRatingFactory, InitiativeFactory, PersonFactory
from tests.nominations.conftest import actor_at

from .test_rule_checks import IN_1689, nominate

BKTLD_03_CITATION = "QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"
JUSTIFICATION = "Bằng khen LĐLĐ năm 2022 đã có quyết định số 12/QĐ-LĐLĐ, đang cập nhật."


def detail(nomination):
    return reverse("nominations:detail", args=[nomination.pk])


def seen(nomination):
    return f"{nomination.status}:{nomination.current_unit_id or ''}"


@pytest.fixture
def blocked(tree, clerk):
    """A 2023 nomination for Bằng khen TLĐ (QĐ 1689) whose nominee lacks only the provincial
    Bằng khen of 2022 (BKTLD-03, a verified rule that blocks)."""
    person = PersonFactory(unit=tree.cdcs_a1x, full_name="Lê Thị Hoa")
    for year in (2022, 2023):
        AnnualRatingFactory(person=person, year=year)
        InitiativeFactory(person=person, year=year)
    return nominate(clerk, person, on=IN_1689)


@pytest.fixture
def local_reviewer(tree):
    return actor_at("local_reviewer", Role.REVIEWER, tree.cdcs_a1x)


def test_a_blocked_nomination_cannot_be_submitted_and_the_page_names_rule_and_citation(
    client, clerk, blocked
):
    client.force_login(clerk)

    response = client.post(
        reverse("nominations:submit", args=[blocked.pk]), {"seen": seen(blocked)}
    )

    assert response.status_code == 200
    assert [c["rule"] for c in response.context["refused_checks"]] == ["BKTLD-03"]
    page = response.text
    assert "BKTLD-03" in page
    assert escape(BKTLD_03_CITATION) in page
    assert escape(response.context["refused_checks"][0]["hint"]) in page
    blocked.refresh_from_db()
    assert blocked.status == NominationStatus.DRAFT
    assert CheckRun.objects.filter(nomination=blocked, passed=False).exists()
    # the clerk is not offered an override
    assert response.context["checks_overridable"] is False
    assert reverse("nominations:check_override", args=[blocked.pk]) not in page


def test_a_reviewer_overrides_on_the_page_and_the_trail_shows_it_then_the_clerk_submits(
    client, clerk, local_reviewer, blocked
):
    # given the reviewer sees the blocking check with an override form by it
    client.force_login(local_reviewer)
    page = client.get(detail(blocked))
    assert page.context["checks_overridable"] is True
    assert [r.rule for r in page.context["checks_blocking"]] == ["BKTLD-03"]
    assert reverse("nominations:check_override", args=[blocked.pk]) in page.text

    # when they override it with a justification
    response = client.post(
        reverse("nominations:check_override", args=[blocked.pk]),
        {"rule_id": "BKTLD-03", "justification": JUSTIFICATION},
    )

    # then back to the page, which shows the override and the audit event with the reason
    assert response.status_code == 302
    page = client.get(detail(blocked))
    assert not page.context["checks_blocking"]
    assert [o.rule_id for o in page.context["check_overrides"]] == ["BKTLD-03"]
    assert escape(JUSTIFICATION) in page.text
    events = [e for e in page.context["events"] if e.event_type == EventType.CHECK_OVERRIDDEN]
    assert [e.reason for e in events] == [JUSTIFICATION]

    # and the clerk can now submit
    client.force_login(clerk)
    response = client.post(
        reverse("nominations:submit", args=[blocked.pk]), {"seen": seen(blocked)}
    )
    assert response.status_code == 302
    blocked.refresh_from_db()
    assert blocked.status == NominationStatus.IN_REVIEW


def test_an_override_without_justification_says_what_to_write(client, local_reviewer, blocked):
    client.force_login(local_reviewer)

    response = client.post(
        reverse("nominations:check_override", args=[blocked.pk]),
        {"rule_id": "BKTLD-03", "justification": ""},
    )

    assert response.status_code == 200
    assert response.context["override_form"].errors["justification"]
    assert not CheckOverride.objects.exists()


def test_re_check_now_keeps_a_run_shown_on_the_page(client, reviewer, blocked):
    client.force_login(reviewer)

    response = client.post(reverse("nominations:checks_run", args=[blocked.pk]))

    assert response.status_code == 302
    page = client.get(detail(blocked))
    (run,) = page.context["check_runs"]
    assert (run.step, run.passed, run.actor) == ("submit", False, reviewer)
    assert run.blocked_rules == ["BKTLD-03"]


def test_the_page_stays_bounded_whatever_the_runs_and_overrides(
    client, clerk, reviewer, local_reviewer, blocked, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations.services import check_override, nomination_checks_run

    client.force_login(reviewer)
    nomination_checks_run(actor=reviewer, nomination=blocked)
    with CaptureQueriesContext(connection) as first:
        assert client.get(detail(blocked)).status_code == 200

    # when many more runs and an override are on record
    for _ in range(5):
        nomination_checks_run(actor=reviewer, nomination=blocked)
    check_override(
        actor=local_reviewer, nomination=blocked, rule_id="BKTLD-03", justification=JUSTIFICATION
    )

    # then the page costs the same (the override list adds nothing per row)
    with django_assert_max_num_queries(len(first)):
        assert client.get(detail(blocked)).status_code == 200


def test_the_audit_trail_keeps_the_override_event_with_its_justification(local_reviewer, blocked):
    from nominations.services import check_override

    check_override(
        actor=local_reviewer, nomination=blocked, rule_id="BKTLD-03", justification=JUSTIFICATION
    )

    event = AuditEvent.objects.get(event_type=EventType.CHECK_OVERRIDDEN)
    assert (event.object_id, event.reason, event.actor) == (
        str(blocked.pk),
        JUSTIFICATION,
        local_reviewer,
    )
    assert event.changes["citation"] == BKTLD_03_CITATION
