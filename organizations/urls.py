from django.urls import path

from organizations.views import people, roles, units

app_name = "organizations"
urlpatterns = [
    # the tree
    path("units/", units.UnitListView.as_view(), name="unit_list"),
    path("units/tree/", units.UnitTreeView.as_view(), name="unit_tree"),
    path("units/lookup/", units.UnitLookupView.as_view(), name="unit_lookup"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/children/", units.UnitChildrenView.as_view(), name="unit_children"),
    path("units/<int:pk>/add-unit/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/edit/", units.UnitUpdateView.as_view(), name="unit_update"),
    path("units/<int:pk>/move/", units.UnitMoveView.as_view(), name="unit_move"),
    path("units/<int:pk>/merge/", units.UnitMergeView.as_view(), name="unit_merge"),
    path("units/<int:pk>/dissolve/", units.UnitDissolveView.as_view(), name="unit_dissolve"),
    path("units/<int:pk>/add-person/", people.PersonCreateView.as_view(), name="person_create"),
    path(
        "units/<int:pk>/records/<slug:kind>/add/",
        people.UnitRecordCreateView.as_view(),
        name="unit_record_create",
    ),
    # people and records
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person_update"),
    path("people/<int:pk>/transfer/", people.PersonTransferView.as_view(), name="person_transfer"),
    path(
        "people/<int:pk>/records/<slug:kind>/add/",
        people.RecordCreateView.as_view(),
        name="record_create",
    ),
    path(
        "records/<slug:kind>/<int:pk>/edit/",
        people.RecordUpdateView.as_view(),
        name="record_update",
    ),
    path(
        "records/<slug:kind>/<int:pk>/delete/",
        people.RecordDeleteView.as_view(),
        name="record_delete",
    ),
    # roles
    path("roles/", roles.RoleListView.as_view(), name="role_list"),
    path("roles/grant/", roles.RoleGrantView.as_view(), name="role_grant"),
    path("roles/<int:pk>/revoke/", roles.RoleRevokeView.as_view(), name="role_revoke"),
]
