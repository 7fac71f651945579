"""An auditor reads its subtree and writes nothing (issue 6 §4): its token gets 403 on every
write endpoint of the API, called with a real object inside its subtree, and 404 on reads
outside it. The write endpoints are found by walking the API's URL patterns, so a new one is
covered without being listed here."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from audit.models import AuditEvent
from nominations.services import (
    agenda_item_add,
    council_session_create,
    decision_draft,
    decision_issue,
    submission_create,
)
from organizations.models import Role
from tests.factories import PersonFactory
from tests.nominations.conftest import actor_at, nominate, to_council
from workflows.selectors import open_tasks
from workflows.services import delegation_create

WRITE_METHODS = ("post", "put", "patch", "delete")
# Signing in is not a write: the token endpoint is open to everyone.
NOT_DOMAIN_WRITES = {"api:token"}


def _walk(patterns: list[Any], prefix: str, namespace: str) -> list[tuple[str, str, Any]]:
    """(namespaced name, route, view class) of every named pattern under `patterns`."""
    found: list[tuple[str, str, Any]] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            found += _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", None)
            found.append((f"{namespace}:{pattern.name}", route, view))
    return found


def api_write_routes() -> list[tuple[str, str, list[str]]]:
    """(url name, route, write methods) of every API endpoint that accepts a write."""
    routes = []
    for name, route, view in _walk(get_resolver().url_patterns, "/", ""):
        if not name.startswith("api:") or name in NOT_DOMAIN_WRITES or view is None:
            continue
        methods = [method for method in WRITE_METHODS if hasattr(view, method)]
        if methods and name != "api:not-found":
            routes.append((name, route, methods))
    return routes


@pytest.fixture
def world(
    reference_data,
    tree,
    clerk,
    district_reviewer,
    reviewer,
    council_secretary,
    signer,
    unit_admin,
    council,
):
    """One object of every kind inside province A, the auditor's subtree."""
    draft = nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x))
    attachment = draft.attachments.first()
    submitted = nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x))
    from nominations.services import nomination_submit

    nomination_submit(actor=clerk, nomination=submitted)
    task = open_tasks(submitted).get()
    letter = submission_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        subject="Tờ trình",
        nominations=[nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x))],
    )
    stand_in = actor_at("stand_in", Role.REVIEWER, tree.province_a)
    delegation = delegation_create(
        actor=reviewer,
        assignment=reviewer.role_assignments.get(),
        delegate=stand_in,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    at_council = to_council(
        nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x)),
        clerk=clerk,
        reviewers=[district_reviewer, reviewer],
    )
    session = council_session_create(
        actor=council_secretary,
        council=council,
        title="Phiên họp",
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
    )
    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    awaiting = to_council(
        nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x), code="lao-dong-tien-tien"),
        clerk=clerk,
        reviewers=[district_reviewer, reviewer],
    )
    decision = decision_issue(
        actor=signer,
        decision=decision_draft(
            actor=council_secretary,
            deciding_unit=tree.province_a,
            title="Quyết định",
            nominations=[awaiting],
        ),
        signed_on=timezone.localdate(),
    )
    return {
        "draft": draft,
        "attachment": attachment,
        "task": task,
        "submission": letter,
        "delegation": delegation,
        "council": council,
        "session": session,
        "item": item,
        "decision": decision,
        "decision_item": decision.items.get(),
        "unit": tree.cdcs_a1x,
        "person": draft.nominee_person,
    }


def _kwargs(name: str, world: dict[str, Any]) -> dict[str, int]:
    """A real object inside the auditor's subtree for each URL parameter of `name`."""
    by_name = {
        "api:nomination-attachment-remove": {
            "pk": world["draft"].pk,
            "attachment_pk": world["attachment"].pk,
        },
        "api:session-agenda-item": {"pk": world["session"].pk, "item_pk": world["item"].pk},
        "api:session-vote": {"pk": world["session"].pk, "item_pk": world["item"].pk},
        "api:decision-item-revoke": {
            "pk": world["decision"].pk,
            "item_pk": world["decision_item"].pk,
        },
    }
    if name in by_name:
        return by_name[name]
    prefix = name.removeprefix("api:").split("-")[0]
    owner = {
        "nomination": "draft",
        "task": "task",
        "submission": "submission",
        "delegation": "delegation",
        "council": "council",
        "session": "session",
        "decision": "decision",
        "unit": "unit",
        "person": "person",
    }.get(prefix)
    return {"pk": world[owner].pk} if owner else {}


def _fill(route: str, kwargs: dict[str, int]) -> tuple[str, bool]:
    """The route with its parameters filled in, and whether each came from a real object.

    Routes whose objects `world` does not build (the emulation resources) get an id that does
    not exist: the refusal must come before any lookup, so they answer 403 all the same."""
    real = True

    def value(match: re.Match[str]) -> str:
        nonlocal real
        name = match.group(1).split(":")[-1]
        if name not in kwargs:
            real = False
        return str(kwargs.get(name, 999999))

    return re.sub(r"<([^>]+)>", value, route), real


def test_the_api_has_write_endpoints_to_check():
    # when
    routes = api_write_routes()

    # then
    names = {name for name, _route, _methods in routes}
    assert {"api:nomination-submit", "api:task-claim", "api:decision-issue"} <= names


def test_an_auditor_gets_403_on_every_write_endpoint(api_as, auditor, world):
    # given
    client = api_as(auditor)
    events_before = AuditEvent.objects.count()
    answers, with_real_objects = {}, set()

    # when
    for name, route, methods in api_write_routes():
        path, real = _fill(route, _kwargs(name, world))
        if real:
            with_real_objects.add(name)
        for method in methods:
            response = getattr(client, method)(path, {}, format="json")
            answers[f"{method.upper()} {path} ({name})"] = (
                response.status_code,
                response.json().get("code"),
            )

    # then
    assert answers
    refused = (403, "permission_denied")
    assert {key: answer for key, answer in answers.items() if answer != refused} == {}
    assert AuditEvent.objects.count() == events_before
    # every write of the nomination workflow was tried on a real object of the subtree
    assert {
        "api:nomination-detail",
        "api:nomination-attachment-remove",
        "api:nomination-submit",
        "api:nomination-review",
        "api:nomination-withdraw",
        "api:task-claim",
        "api:task-reassign",
        "api:submission-submit",
        "api:delegation-end",
        "api:session-agenda-item",
        "api:session-vote",
        "api:session-open",
        "api:decision-issue",
        "api:decision-item-revoke",
    } <= with_real_objects


def test_an_auditor_reads_its_subtree_but_not_outside_it(api_as, auditor, tree, world):
    # given
    client = api_as(auditor)
    outside = PersonFactory(unit=tree.cdcs_b1x)
    theirs = nominate(
        clerk=actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x),
        person=PersonFactory(unit=tree.cdcs_b1x),
    )

    # when / then
    assert client.get(f"/api/v1/people/{world['person'].pk}/").status_code == 200
    assert client.get(f"/api/v1/nominations/{world['draft'].pk}/").status_code == 200
    assert client.get(f"/api/v1/decisions/{world['decision'].pk}/").status_code == 200
    assert client.get(f"/api/v1/people/{outside.pk}/").status_code == 404
    assert client.get(f"/api/v1/units/{tree.cdcs_b1x.pk}/").status_code == 404
    assert client.get(f"/api/v1/nominations/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/audit/nominations/{theirs.pk}/timeline/").status_code == 404


def test_an_auditor_who_also_holds_an_acting_role_still_writes(api_as, tree, clerk, ready):
    # given the clerk is also an auditor of province A
    from tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=clerk, role=Role.AUDITOR, unit=tree.province_a)

    # when
    response = api_as(clerk).post(f"/api/v1/nominations/{ready.pk}/submit/", {}, format="json")

    # then
    assert response.status_code == 200, response.json()


def test_a_delegate_standing_in_for_a_reviewer_still_writes(api_as, tree, clerk, ready):
    # given an auditor who stands in for the district's reviewer
    district_reviewer = actor_at("district_reviewer", Role.REVIEWER, tree.district_a1)
    stand_in = actor_at("stand_in", Role.AUDITOR, tree.district_a1)
    delegation_create(
        actor=district_reviewer,
        assignment=district_reviewer.role_assignments.get(),
        delegate=stand_in,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    from nominations.services import nomination_submit

    nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(ready).get()

    # when
    response = api_as(stand_in).post(f"/api/v1/tasks/{task.pk}/claim/", {}, format="json")

    # then
    assert response.status_code == 200, response.json()
