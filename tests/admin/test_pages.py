"""Every admin page opens for the administrators who may open it, in a bounded number of
queries whatever the number of rows (no query per row)."""

import pytest

from audit.models import AuditEvent
from common.admin import admin_site
from tests.admin.utils import admin_url

# The workflow's pages need nominations, councils and decisions to show: test_workflow.py opens
# them on its own fixture (and tests/emulation/test_admin.py the emulation pages on its own).
WORKFLOW_APPS = {"nominations", "workflows", "emulation"}
REGISTERED = sorted(
    (model for model in admin_site._registry if model._meta.app_label not in WORKFLOW_APPS),
    key=lambda model: model._meta.label,
)
MODEL_IDS = [model._meta.label for model in REGISTERED]

# A changelist costs the session, the user and their roles, the count, the page of rows, the
# options of its related filters and the action form; never one query per row.
CHANGELIST_QUERY_BUDGET = 10


def _first_visible(model, user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return admin_site._registry[model].get_queryset(request).first()


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
@pytest.mark.parametrize("actor", ["system_admin", "unit_admin"])
def test_changelist_opens_in_bounded_queries(
    request, client, sample, model, actor, django_assert_max_num_queries
):
    # given
    user = request.getfixturevalue(actor)
    client.force_login(user)
    url = admin_url(model, "changelist")
    client.get(url)  # warms the content-type cache, which lives for the whole process

    # when
    with django_assert_max_num_queries(CHANGELIST_QUERY_BUDGET):
        response = client.get(url)

    # then: the event log is for system administrators and auditors only
    expected = 403 if (model is AuditEvent and actor == "unit_admin") else 200
    assert response.status_code == expected


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
@pytest.mark.parametrize("actor", ["system_admin", "unit_admin"])
def test_change_and_history_pages_render(request, client, sample, model, actor):
    # given
    user = request.getfixturevalue(actor)
    obj = _first_visible(model, user)
    client.force_login(user)
    if model is AuditEvent and actor == "unit_admin":
        # the event log is closed to an administrator who is not also an auditor
        assert obj is None
        event = AuditEvent.objects.first()
        assert client.get(admin_url(model, "change", event.pk)).status_code in (403, 404)
        return
    assert obj is not None, "the sample data has one of each kind in scope"

    # when
    change = client.get(admin_url(model, "change", obj.pk))
    history = client.get(admin_url(model, "history", obj.pk))

    # then
    assert change.status_code == 200
    assert history.status_code == 200
