"""The auditor's API (issue 6 §4): the event log, a nomination's timeline, the anomaly reports
and the chain, read-only and kept to the auditor's subtree; and the log of opening a person's
records through the API (issue 6 §5)."""

import pytest

from audit.models import AuditEvent, EventType
from nominations.services import nomination_submit, nomination_update
from organizations.models import Role
from tests.factories import PersonFactory
from tests.nominations.conftest import actor_at, nominate

EVENTS = "/api/v1/audit/events/"
REPORTS = "/api/v1/audit/reports/"
CHAIN = "/api/v1/audit/chain/"


def timeline_url(pk: int) -> str:
    return f"/api/v1/audit/nominations/{pk}/timeline/"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


@pytest.fixture
def theirs(reference_data, tree):
    """A nomination of province B, outside the auditor's subtree."""
    clerk_b = actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)
    return nominate(clerk=clerk_b, person=PersonFactory(unit=tree.cdcs_b1x))


# --- the event log -------------------------------------------------------------------------------


def test_the_event_log_lists_the_auditors_subtree_newest_first(
    api_as, ready, theirs, auditor, clerk
):
    # when
    body = ok(api_as(auditor).get(EVENTS))

    # then
    rows = body["results"]
    assert [row["seq"] for row in rows] == sorted((row["seq"] for row in rows), reverse=True)
    nominations = {
        row["object_id"] for row in rows if row["object_type"] == "nominations.nomination"
    }
    assert nominations == {str(ready.pk)}
    created = next(r for r in rows if r["event_type"] == EventType.NOMINATION_CREATED)
    assert created["actor"]["username"] == "clerk"
    assert created["actor_role"] == "clerk"
    assert created["actor_role_label"]
    assert created["unit"]["code"] == "CDCS-A1X"
    assert len(created["hash"]) == 64


def test_the_event_log_filters_by_actor_type_unit_and_period(api_as, ready, theirs, auditor, tree):
    client = api_as(auditor)

    by_type = ok(client.get(EVENTS, {"event_type": EventType.ATTACHMENT_ADDED}))["results"]
    assert by_type and {r["event_type"] for r in by_type} == {EventType.ATTACHMENT_ADDED}
    assert ok(client.get(EVENTS, {"actor": "nobody-at-all"}))["results"] == []
    other_district = ok(client.get(EVENTS, {"unit": tree.district_a2.pk}))["results"]
    assert [r for r in other_district if r["object_type"] == "nominations.nomination"] == []
    assert ok(client.get(EVENTS, {"until": "2000-01-01"}))["results"] == []
    bad = client.get(EVENTS, {"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.json()["details"]


def test_a_system_administrator_reads_every_event(api_as, ready, theirs, system_admin):
    rows = ok(api_as(system_admin).get(EVENTS, {"event_type": EventType.NOMINATION_CREATED}))
    assert {r["object_id"] for r in rows["results"]} == {str(ready.pk), str(theirs.pk)}


def test_who_does_not_audit_gets_403(api_as, ready, clerk, unit_admin):
    for user in (clerk, unit_admin):
        client = api_as(user)
        for url in (EVENTS, REPORTS, CHAIN, timeline_url(ready.pk)):
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert response.json()["code"] == "permission_denied"


def test_the_event_log_reads_in_a_fixed_number_of_queries(
    api_as, ready, clerk, auditor, django_assert_max_num_queries
):
    # given
    client = api_as(auditor)
    client.get(EVENTS)
    for n in range(20):
        nomination_update(actor=clerk, nomination=ready, achievements=f"Bản sửa {n}.")

    # then
    with django_assert_max_num_queries(8):
        rows = ok(client.get(EVENTS))["results"]
    assert len(rows) > 20


# --- a nomination's timeline ---------------------------------------------------------------------


def test_the_timeline_of_a_submitted_nomination(
    api_as, ready, clerk, auditor, django_assert_max_num_queries
):
    # given
    nomination_submit(actor=clerk, nomination=ready)
    client = api_as(auditor)

    # when
    with django_assert_max_num_queries(35):
        body = ok(client.get(timeline_url(ready.pk)))

    # then
    assert body["nomination"]["id"] == ready.pk
    assert body["nomination"]["nominee"]["name"] == "Nguyễn Thị Lan"
    entries = body["entries"]
    assert [e["when"] for e in entries] == sorted(e["when"] for e in entries)
    codes = [e["code"] for e in entries]
    assert codes.index(EventType.NOMINATION_CREATED) < codes.index(EventType.NOMINATION_SUBMITTED)
    assert "review:opened" in codes
    submitted = next(e for e in entries if e["code"] == EventType.NOMINATION_SUBMITTED)
    assert submitted["kind"] == "event" and submitted["actor_id"] == clerk.pk
    assert submitted["role_label"]
    change = next(e for e in entries if e["kind"] == "change" and e["code"] == "~")
    assert change["version"] and change["model"].startswith("nominations.")


def test_a_timeline_outside_the_subtree_is_not_found(api_as, theirs, auditor):
    response = api_as(auditor).get(timeline_url(theirs.pk))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- the reports and the chain -------------------------------------------------------------------


def test_the_six_reports(api_as, ready, theirs, auditor, django_assert_max_num_queries):
    # given nominations returned three times, one here and one in province B
    for nomination in (ready, theirs):
        nomination.return_count = 3
        nomination.save(update_fields=["return_count"])
    client = api_as(auditor)

    # when
    with django_assert_max_num_queries(25):
        body = ok(client.get(REPORTS, {"year": 2025}))

    # then
    assert set(body) == {
        "year",
        "more_than",
        "overrides",
        "returned_often",
        "awards_without_council",
        "overdue",
        "leader_share",
        "quotas",
    }
    assert (body["year"], body["more_than"]) == (2025, 2)
    assert [row["id"] for row in body["returned_often"]] == [ready.pk]
    assert ok(client.get(REPORTS, {"year": 2025, "more_than": 3}))["returned_often"] == []
    assert body["overdue"] == {"open_steps": [], "escalations": []}


def test_report_parameters_are_checked(api_as, auditor):
    response = api_as(auditor).get(
        REPORTS, {"more_than": "-1", "since": "2025-02-01", "until": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "more_than" in response.json()["details"]


def test_the_chain_is_intact(api_as, ready, auditor):
    body = ok(api_as(auditor).get(CHAIN))
    assert body["intact"] is True and body["first_break"] is None
    assert body["head"]["seq"] == body["events"] >= 1
    assert len(body["head"]["hash"]) == 64


# --- opening a person's records (Decree 13/2023) --------------------------------------------------


def test_opening_a_person_through_the_api_is_logged_and_listing_is_not(api_as, tree, reviewer):
    # given
    person = PersonFactory(unit=tree.cdcs_a1x)
    client = api_as(reviewer)

    # when
    client.get("/api/v1/people/")
    ok(client.get(f"/api/v1/people/{person.pk}/"))

    # then
    (event,) = AuditEvent.objects.filter(event_type=EventType.PERSON_RECORDS_VIEWED)
    assert (event.actor, event.object_id, event.unit) == (reviewer, str(person.pk), tree.cdcs_a1x)
    assert event.changes == {"channel": "api"}


# --- a tracked object's versions and their diff ---------------------------------------------


def test_the_diff_between_two_versions_through_the_api(api_as, ready, clerk, auditor, theirs):
    # given
    nomination_update(actor=clerk, nomination=ready, achievements="Ba năm liền xuất sắc.")
    nomination_update(actor=clerk, nomination=ready, period_label="Đợt 2 năm 2025")
    versions = list(ready.history.order_by("history_id").values_list("history_id", flat=True))
    url = f"/api/v1/audit/history/nominations.nomination/{ready.pk}/"

    # when
    latest = ok(api_as(auditor).get(url))
    whole = ok(api_as(auditor).get(url, {"a": versions[0], "b": versions[-1]}))

    # then: the last change by default; any two versions on request
    assert [c["field"] for c in latest["changes"]] == ["period_label"]
    assert len(latest["versions"]) == len(versions)
    changed = {c["field"]: c for c in whole["changes"]}
    assert changed["achievements"]["new"] == "Ba năm liền xuất sắc."
    assert {"achievements", "period_label"} <= set(changed)
    # outside the subtree, a model that is not tracked, a bad version: not found or refused
    other = f"/api/v1/audit/history/nominations.nomination/{theirs.pk}/"
    assert api_as(auditor).get(other).status_code == 404
    assert api_as(auditor).get("/api/v1/audit/history/auth.permission/1/").status_code == 404
    assert api_as(auditor).get(url, {"a": "x"}).status_code == 400
    assert api_as(clerk).get(url).status_code == 403
