"""Who sees what: every selector filters by the reader's roles and units."""

import pytest

from common.exceptions import DomainNotFound
from organizations.selectors import (
    person_get_visible,
    person_list_visible_to,
    unit_get_visible,
    unit_list_visible_to,
)
from tests.factories import PersonFactory


def test_cdcs_clerk_sees_only_its_unit_and_its_internal_sub_units(tree, clerk):
    # when
    visible = set(unit_list_visible_to(clerk).values_list("code", flat=True))

    # then
    assert visible == {"CDCS-A1X", "TO-A1X-1"}


def test_upper_level_clerk_sees_only_its_own_unit(tree, district_clerk):
    visible = set(unit_list_visible_to(district_clerk).values_list("code", flat=True))

    assert visible == {"LDLD-A1"}


def test_provincial_reviewer_sees_its_whole_subtree(tree, reviewer):
    visible = set(unit_list_visible_to(reviewer).values_list("code", flat=True))

    assert visible == {
        "LDLD-A",
        "LDLD-A1",
        "CDCS-A1X",
        "TO-A1X-1",
        "CDCS-A1Y",
        "LDLD-A2",
        "CDCS-A2X",
    }


def test_unit_outside_scope_is_not_found(tree, reviewer):
    with pytest.raises(DomainNotFound):
        unit_get_visible(reviewer, tree.cdcs_b1x.pk)


def test_user_without_roles_sees_nothing(tree):
    from tests.factories import UserFactory

    assert not unit_list_visible_to(UserFactory()).exists()


def test_system_admin_sees_every_unit(tree, system_admin):
    assert unit_list_visible_to(system_admin).count() == 11


def test_roles_at_several_units_add_up(tree, clerk):
    from tests.factories import RoleAssignmentFactory

    # given the clerk also reviews for province B
    RoleAssignmentFactory(user=clerk, role="reviewer", unit=tree.province_b)
    clerk.__dict__.pop("_active_assignments", None)

    visible = set(unit_list_visible_to(clerk).values_list("code", flat=True))

    assert visible == {"CDCS-A1X", "TO-A1X-1", "LDLD-B", "LDLD-B1", "CDCS-B1X"}


def test_clerk_sees_people_of_its_unit_only(tree, clerk):
    # given
    own = PersonFactory(unit=tree.cdcs_a1x)
    in_team = PersonFactory(unit=tree.team_a1x)
    PersonFactory(unit=tree.cdcs_a1y)

    # when
    visible = set(person_list_visible_to(clerk))

    # then
    assert visible == {own, in_team}


def test_person_outside_scope_is_not_found(tree, reviewer):
    elsewhere = PersonFactory(unit=tree.cdcs_b1x)

    with pytest.raises(DomainNotFound):
        person_get_visible(reviewer, elsewhere.pk)


def test_revoked_role_gives_no_scope(tree, clerk, unit_admin):
    from organizations.services import role_revoke

    assignment = clerk.role_assignments.get()
    role_revoke(actor=unit_admin, assignment=assignment, reason="Chuyển công tác")
    clerk.__dict__.pop("_active_assignments", None)

    assert not unit_list_visible_to(clerk).exists()
