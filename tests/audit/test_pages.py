"""The auditor's pages (issue 6 §4) and the log of opening a person's records (issue 6 §5)."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEvent, EventType
from nominations.services import nomination_update, nomination_withdraw
from organizations.models import Role
from tests.factories import PersonFactory
from tests.nominations.conftest import actor_at, nominate


@pytest.fixture
def auditor_b(tree):
    return actor_at("auditor_b", Role.AUDITOR, tree.province_b)


@pytest.fixture
def theirs(reference_data, tree):
    """A nomination of province B, outside the auditor's subtree."""
    clerk_b = actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)
    return nominate(clerk=clerk_b, person=PersonFactory(unit=tree.cdcs_b1x))


def _exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=EventType.EXPORT_DOWNLOADED).order_by("seq"))


# --- who gets in ---------------------------------------------------------------------------------


def test_the_menu_offers_audit_to_auditors_and_system_administrators_only(
    client, tree, auditor, system_admin, clerk, unit_admin
):
    audit_url = reverse("audit:index")
    for user, shown in ((auditor, True), (system_admin, True), (clerk, False), (unit_admin, False)):
        client.force_login(user)
        page = client.get(reverse("home")).text
        assert (f'href="{audit_url}"' in page) is shown, user


def test_audit_pages_are_closed_to_other_roles(client, tree, clerk, unit_admin):
    for user in (clerk, unit_admin):
        client.force_login(user)
        for name in ("audit:index", "audit:events", "audit:reports", "audit:chain"):
            assert client.get(reverse(name)).status_code == 403, (user, name)
    client.logout()
    assert client.get(reverse("audit:events")).status_code == 302


def test_the_start_page_says_what_to_do(client, auditor):
    client.force_login(auditor)
    page = client.get(reverse("audit:index"))
    assert page.status_code == 200
    assert 'class="next-step"' in page.text
    assert reverse("audit:events") in page.text and reverse("audit:reports") in page.text


# --- the event log -------------------------------------------------------------------------------


def test_the_event_log_shows_the_subtree_only_and_filters(
    client, ready, theirs, auditor, clerk, django_assert_max_num_queries
):
    # given events in province A (the auditor's) and in province B
    client.force_login(auditor)
    url = reverse("audit:events")

    # when
    with django_assert_max_num_queries(15):
        page = client.get(url)

    # then
    assert page.status_code == 200
    shown = {
        int(event.object_id)
        for event in page.context["object_list"]
        if event.content_type and event.content_type.model == "nomination"
    }
    assert shown == {ready.pk}
    assert all(e.unit_id != theirs.nominating_unit_id for e in page.context["object_list"])
    by_type = client.get(url, {"event_type": EventType.NOMINATION_CREATED})
    assert {e.event_type for e in by_type.context["object_list"]} == {EventType.NOMINATION_CREATED}
    by_actor = client.get(url, {"actor": "clerk"})
    assert {e.actor_id for e in by_actor.context["object_list"]} == {clerk.pk}
    nobody = client.get(url, {"actor": "no-such-person"})
    assert list(nobody.context["object_list"]) == []


def test_the_event_log_query_count_does_not_grow_with_the_rows(
    client, ready, clerk, auditor, django_assert_max_num_queries
):
    # given many more events
    for n in range(15):
        nomination_update(actor=clerk, nomination=ready, achievements=f"Lần sửa {n}.")
    client.force_login(auditor)

    # then
    with django_assert_max_num_queries(15):
        page = client.get(reverse("audit:events"))
    assert len(page.context["object_list"]) >= 15


def test_exports_of_the_event_log_are_audited(client, ready, auditor):
    # given
    client.force_login(auditor)
    url = reverse("audit:events")

    # when
    excel = client.get(url, {"event_type": EventType.NOMINATION_CREATED, "export": "xlsx"})
    text = client.get(url, {"event_type": EventType.NOMINATION_CREATED, "export": "csv"})

    # then
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    assert text["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # the header and the one creation
    assert rows[1][3] == EventType.NOMINATION_CREATED
    excel_log, csv_log = _exports()
    assert excel_log.actor == auditor and csv_log.actor == auditor
    assert excel_log.changes["filters"] == {"event_type": EventType.NOMINATION_CREATED}
    assert csv_log.changes["filters"]["format"] == "csv"
    assert csv_log.changes["rows"] == 1


def test_a_csv_cell_that_looks_like_a_formula_stays_text(client, ready, clerk, auditor):
    # given a reason typed as a spreadsheet formula
    nomination_withdraw(actor=clerk, nomination=ready, reason="=HYPERLINK(1)")
    client.force_login(auditor)

    # when
    response = client.get(reverse("audit:events"), {"export": "csv"})

    # then
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1)" in {cell for row in rows for cell in row}
    assert not any(cell.startswith("=") for row in rows for cell in row)


# --- a nomination's timeline and its versions ----------------------------------------------------


def test_the_nomination_page_links_its_timeline_for_auditors(client, ready, auditor, clerk):
    timeline = reverse("audit:timeline", args=[ready.pk])
    client.force_login(auditor)
    assert timeline in client.get(reverse("nominations:detail", args=[ready.pk])).text
    client.force_login(clerk)
    assert timeline not in client.get(reverse("nominations:detail", args=[ready.pk])).text


def test_the_timeline_page_and_the_versions_page(
    client, ready, clerk, auditor, django_assert_max_num_queries
):
    # given
    nomination_update(actor=clerk, nomination=ready, achievements="Ba năm liền xuất sắc.")
    client.force_login(auditor)

    # when
    with django_assert_max_num_queries(40):
        page = client.get(reverse("audit:timeline", args=[ready.pk]))

    # then
    assert page.status_code == 200
    assert "Ba năm liền xuất sắc." in page.text
    version = ready.history.order_by("-history_id").values_list("history_id", flat=True)[0]
    versions_url = reverse("audit:history", args=["nominations.nomination", ready.pk])
    assert f"{versions_url}?b={version}" in page.text
    diff = client.get(versions_url, {"b": version})
    assert diff.status_code == 200
    assert [c.field for c in diff.context["history"].changes] == ["achievements"]
    assert "Ba năm liền xuất sắc." in diff.text


def test_timelines_and_versions_outside_the_subtree_are_not_found(client, theirs, auditor):
    client.force_login(auditor)
    assert client.get(reverse("audit:timeline", args=[theirs.pk])).status_code == 404
    versions = reverse("audit:history", args=["nominations.nomination", theirs.pk])
    assert client.get(versions).status_code == 404
    unknown = reverse("audit:history", args=["nominations.nothing", theirs.pk])
    assert client.get(unknown).status_code == 404


# --- the reports and the chain -------------------------------------------------------------------


def test_the_reports_page_shows_six_reports_and_exports_each(
    client, ready, auditor, django_assert_max_num_queries
):
    # given
    ready.return_count = 3
    ready.save(update_fields=["return_count"])
    client.force_login(auditor)
    url = reverse("audit:reports")

    # when
    with django_assert_max_num_queries(30):
        page = client.get(url, {"year": 2025})

    # then
    assert page.status_code == 200
    for anchor in ("overrides", "returned", "without_council", "overdue", "leaders", "quotas"):
        assert f'id="{anchor}"' in page.text
    assert reverse("audit:timeline", args=[ready.pk]) in page.text
    # each report exports, and each export is audited
    for report in ("overrides", "returned", "without_council", "overdue", "escalations"):
        response = client.get(url, {"year": 2025, "report": report, "export": "xlsx"})
        assert response.status_code == 200, report
    response = client.get(url, {"year": 2025, "report": "leaders", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    response = client.get(url, {"year": 2025, "report": "quotas", "export": "csv"})
    names = [event.changes["export"] for event in _exports()]
    assert names == [
        "bao-cao-overrides",
        "bao-cao-returned",
        "bao-cao-without_council",
        "bao-cao-overdue",
        "bao-cao-escalations",
        "bao-cao-leaders",
        "bao-cao-quotas",
    ]
    assert _exports()[1].changes["rows"] == 1


def test_an_invalid_report_parameter_is_said_on_its_field(client, auditor):
    client.force_login(auditor)
    page = client.get(reverse("audit:reports"), {"more_than": "-1"})
    assert page.status_code == 200
    assert page.context["form"].errors["more_than"]


def test_the_chain_page_says_the_log_is_intact_and_shows_its_head(client, ready, auditor):
    client.force_login(auditor)
    page = client.get(reverse("audit:chain"))
    assert page.status_code == 200
    status = page.context["status"]
    assert status.first_break is None
    assert status.head.hash in page.text


# --- opening a person's records (Decree 13/2023) --------------------------------------------------


def test_opening_a_persons_page_is_logged_once_and_lists_are_not(client, tree, reviewer):
    # given
    person = PersonFactory(unit=tree.cdcs_a1x)
    client.force_login(reviewer)

    # when
    client.get(reverse("organizations:person_list"))
    client.get(reverse("organizations:person_detail", args=[person.pk]))

    # then
    (event,) = AuditEvent.objects.filter(event_type=EventType.PERSON_RECORDS_VIEWED)
    assert event.actor == reviewer
    assert event.object_id == str(person.pk)
    assert event.unit == tree.cdcs_a1x
    assert event.changes == {"channel": "page"}


def test_a_person_outside_the_readers_scope_is_not_logged(client, tree, clerk):
    other = PersonFactory(unit=tree.cdcs_a1y)
    client.force_login(clerk)
    assert client.get(reverse("organizations:person_detail", args=[other.pk])).status_code == 404
    assert not AuditEvent.objects.filter(event_type=EventType.PERSON_RECORDS_VIEWED).exists()


def test_the_auditor_finds_who_opened_a_persons_records(client, tree, reviewer, auditor):
    person = PersonFactory(unit=tree.cdcs_a1x)
    client.force_login(reviewer)
    client.get(reverse("organizations:person_detail", args=[person.pk]))

    client.force_login(auditor)
    page = client.get(reverse("audit:events"), {"event_type": EventType.PERSON_RECORDS_VIEWED})

    assert [e.actor for e in page.context["object_list"]] == [reviewer]
