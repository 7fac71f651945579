"""A unit administrator works inside their subtree: lists, pages, choices and searches."""

import pytest
from django.urls import reverse

from accounts.models import User
from organizations.models import AnnualRating, Person, RoleAssignment, Unit
from tests.admin.utils import admin_url
from tests.factories import RoleAssignmentFactory, ServicePeriodFactory, UserFactory


def test_unit_changelist_shows_only_the_administrators_subtree(
    client, tree, unit_admin, django_assert_max_num_queries
):
    # given
    client.force_login(unit_admin)

    # when
    with django_assert_max_num_queries(10):
        response = client.get(admin_url(Unit, "changelist"))

    # then
    shown = {unit.code for unit in response.context["cl"].result_list}
    assert shown == {"LDLD-A", "LDLD-A1", "CDCS-A1X", "TO-A1X-1", "CDCS-A1Y", "LDLD-A2", "CDCS-A2X"}


def test_unit_outside_the_subtree_is_not_found(client, tree, unit_admin):
    client.force_login(unit_admin)

    assert client.get(admin_url(Unit, "change", tree.province_b.pk)).status_code == 404
    assert client.get(admin_url(Unit, "history", tree.province_b.pk)).status_code == 404
    assert client.get(admin_url(Unit, "change", tree.tld.pk)).status_code == 404


def test_person_changelist_shows_only_people_of_the_subtree(
    client, sample, unit_admin, django_assert_max_num_queries
):
    client.force_login(unit_admin)

    with django_assert_max_num_queries(10):
        response = client.get(admin_url(Person, "changelist"))

    assert set(response.context["cl"].result_list) == set(sample.people_a)


def test_person_outside_the_subtree_is_not_found(client, sample, unit_admin):
    client.force_login(unit_admin)
    person_b = sample.person_b

    assert client.get(admin_url(Person, "change", person_b.pk)).status_code == 404
    assert client.get(admin_url(Person, "history", person_b.pk)).status_code == 404


def test_record_lists_follow_the_people_and_collectives_in_scope(client, tree, sample, unit_admin):
    client.force_login(unit_admin)

    response = client.get(admin_url(AnnualRating, "changelist"))

    subjects = {(rating.person_id, rating.unit_id) for rating in response.context["cl"].result_list}
    assert subjects == {(person.pk, None) for person in sample.people_a} | {
        (None, tree.cdcs_a1x.pk)
    }
    rating_b = sample.person_b.ratings.get()
    assert client.get(admin_url(AnnualRating, "change", rating_b.pk)).status_code == 404


def test_role_assignments_and_users_of_other_provinces_are_hidden(client, tree, unit_admin):
    # given a user of province B with a role there
    other = UserFactory(username="admin_b", home_unit=tree.province_b)
    assignment_b = RoleAssignmentFactory(user=other, role="admin", unit=tree.province_b)
    client.force_login(unit_admin)

    # when
    roles = client.get(admin_url(RoleAssignment, "changelist"))
    users = client.get(admin_url(User, "changelist"))

    # then
    assert assignment_b not in roles.context["cl"].result_list
    assert other not in users.context["cl"].result_list
    assert unit_admin in users.context["cl"].result_list
    assert client.get(admin_url(RoleAssignment, "change", assignment_b.pk)).status_code == 404
    assert client.get(admin_url(User, "change", other.pk)).status_code == 404


def test_unit_choices_on_forms_are_limited_to_the_subtree(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.get(admin_url(Unit, "add"))

    parents = set(response.context["adminform"].form.fields["parent"].queryset)
    assert tree.district_a1 in parents
    assert tree.province_b not in parents
    assert tree.tld not in parents


def test_unit_search_box_offers_only_active_units_of_the_subtree(client, tree, unit_admin):
    # given a dissolved unit in the subtree
    Unit.objects.filter(pk=tree.cdcs_a2x.pk).update(dissolved_on="2025-07-01")
    client.force_login(unit_admin)

    # when the parent field of the unit form searches for "Công đoàn"
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "organizations", "model_name": "unit", "field_name": "parent", "term": ""},
    )

    # then
    offered = {int(item["id"]) for item in response.json()["results"]}
    assert tree.cdcs_a1x.pk in offered
    assert tree.cdcs_a2x.pk not in offered
    assert tree.province_b.pk not in offered


def test_deciding_unit_search_also_offers_the_units_above(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "awards",
            "model_name": "awardrecord",
            "field_name": "deciding_unit",
            "term": "",
        },
    )

    offered = {int(item["id"]) for item in response.json()["results"]}
    assert {tree.tld.pk, tree.province_a.pk, tree.cdcs_a1x.pk} <= offered
    assert tree.province_b.pk not in offered


def test_person_search_box_offers_only_people_of_the_subtree(client, sample, unit_admin):
    client.force_login(unit_admin)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "organizations", "model_name": "annualrating", "field_name": "person"},
    )

    offered = {int(item["id"]) for item in response.json()["results"]}
    assert offered == {person.pk for person in sample.people_a}


@pytest.mark.parametrize("view", ["change", "history"])
def test_system_administrator_reaches_every_unit(client, tree, system_admin, view):
    client.force_login(system_admin)

    assert client.get(admin_url(Unit, view, tree.province_b.pk)).status_code == 200


def test_service_in_a_unit_of_the_subtree_does_not_bring_in_someone_elses_record(
    client, sample, tree, unit_admin
):
    # given a person of province B who once served in a union of province A
    period = ServicePeriodFactory(person=sample.person_b, unit=tree.cdcs_a1x)
    client.force_login(unit_admin)

    # when
    response = client.get(admin_url(period, "changelist"))

    # then
    assert period not in response.context["cl"].result_list
