"""The emulation pages of the admin: read-only, inside the administrator's subtree, in a bounded
number of queries, with their history pages."""

import datetime
from decimal import Decimal

import pytest
from django.test import RequestFactory

from common.admin import admin_site
from emulation.services import (
    cluster_ranking_finalise,
    lead_proposal_record,
    progress_report_submit,
)
from organizations.models import Role
from tests.admin.utils import admin_url
from tests.factories import RegistrationFactory

from .conftest import YEAR, actor_at, pdf

MODELS = sorted(
    (model for model in admin_site._registry if model._meta.app_label == "emulation"),
    key=lambda model: model._meta.label,
)
CHANGELIST_QUERY_BUDGET = 10


@pytest.fixture
def sample(campaign, half_year, checked, district_clerk, clerk_a1y, tree):
    """One of each: the campaign, a registration, a report with evidence, the cluster, its
    agreement with the ranking, score sheets and the proposal."""
    RegistrationFactory(campaign=campaign, unit=tree.district_a1)
    progress_report_submit(
        actor=district_clerk,
        period=half_year,
        unit=tree.district_a1,
        values={"doan-vien-moi": Decimal(640)},
        files=[pdf()],
    )
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)
    lead_proposal_record(
        actor=clerk_a1y,
        agreement=agreement,
        units=[tree.cdcs_a1x],
        meeting_on=datetime.date(YEAR, 12, 18),
        minutes_number="BB 11/2025",
    )


def first_visible(model, user):
    request = RequestFactory().get("/")
    request.user = user
    return admin_site._registry[model].get_queryset(request).first()


def test_every_emulation_model_of_the_admin_is_read_only(unit_admin):
    request = RequestFactory().get("/")
    request.user = unit_admin

    assert len(MODELS) == 7
    for model in MODELS:
        model_admin = admin_site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("model", MODELS, ids=[m._meta.label for m in MODELS])
@pytest.mark.parametrize("actor", ["system_admin", "unit_admin"])
def test_pages_open_in_bounded_queries(
    request, client, sample, model, actor, django_assert_max_num_queries
):
    # given
    user = request.getfixturevalue(actor)
    obj = first_visible(model, user)
    assert obj is not None, "the sample has one of each kind in scope"
    client.force_login(user)
    url = admin_url(model, "changelist")
    client.get(url)  # warms the content-type cache

    # when
    with django_assert_max_num_queries(CHANGELIST_QUERY_BUDGET):
        changelist = client.get(url)
    change = client.get(admin_url(model, "change", obj.pk))
    history = client.get(admin_url(model, "history", obj.pk))

    # then
    assert (changelist.status_code, change.status_code, history.status_code) == (200, 200, 200)


@pytest.mark.parametrize("model", MODELS, ids=[m._meta.label for m in MODELS])
def test_an_administrator_of_another_province_finds_nothing(
    client, sample, tree, model, unit_admin
):
    # given
    obj = first_visible(model, unit_admin)
    other = actor_at("admin_b", Role.ADMIN, tree.province_b)
    client.force_login(other)

    # then
    assert first_visible(model, other) is None
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 404
