"""The workflow's data in the admin: nominations, letters, reviews, sessions and decisions are
read-only and kept inside the administrator's subtree; councils and their members, and the step
deadlines, change only through their services; secret ballots, mailboxes and viewflow's own
tables have no page at all."""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib import admin as django_admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Process, Task

from audit.models import AuditEvent, EventType
from common.admin import admin_site
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaItem,
    BallotCast,
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DecisionCounter,
    DecisionItem,
    Nomination,
    ReviewDecision,
    SecretTally,
    Submission,
)
from nominations.services import (
    agenda_item_add,
    attendance_record,
    award_revoke,
    council_save,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    submission_create,
    vote_cast,
)
from notifications.models import Notification
from organizations.models import Role, RoleAssignment
from tests.admin.utils import action_data, admin_url, change_form_data, messages_of
from tests.factories import PersonFactory, UserFactory
from tests.nominations.conftest import actor_at, nominate, seat, to_council
from workflows.models import Delegation, NominationProcess, Step, StepDeadline
from workflows.services import delegation_create

# What the agenda item page says of a secret ballot's count while its session is open.
NOT_SHOWN = gettext_lazy("Not shown until the session closes.")
MEETING = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))
# As in test_pages.py: the session, the user and their roles, the counts, the page of rows, the
# options of the filters and the action form; never one query per row.
CHANGELIST_QUERY_BUDGET = 10

WORKFLOW_MODELS = [
    Nomination,
    Submission,
    ReviewDecision,
    Council,
    CouncilMember,
    CouncilSession,
    AgendaItem,
    Decision,
    DecisionItem,
    StepDeadline,
    Delegation,
]
READ_ONLY_MODELS = [
    Nomination,
    Submission,
    ReviewDecision,
    CouncilSession,
    AgendaItem,
    Decision,
    DecisionItem,
    Delegation,
]


def model_id(model):
    return model._meta.label


def in_page_language(text) -> str:
    """A message as the pages show it (they are served in the installation's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@pytest.fixture
def reviewers(tree, reviewer):
    """The reviewers on the way up from a grassroots union of district A1: the district's, then
    the province's."""
    return [actor_at("district_reviewer", Role.REVIEWER, tree.district_a1), reviewer]


@pytest.fixture
def province_council(reference_data, tree, unit_admin, council_member):
    """Province A's council: `council_member` chairs it, four more members sit on it."""
    council = council_save(
        actor=unit_admin, unit=tree.province_a, name="Hội đồng Thi đua – Khen thưởng LĐLĐ tỉnh A"
    )
    seat(council, council_member, position="chair", by=unit_admin)
    for number in range(1, 5):
        user = actor_at(f"member_{number}", Role.COUNCIL_MEMBER, tree.province_a)
        seat(council, user, by=unit_admin)
    return council


def open_session(secretary, council, nomination, title):
    """A session with `nomination` on its agenda, opened with every member present."""
    session = council_session_create(
        actor=secretary, council=council, title=title, scheduled_at=MEETING
    )
    item = agenda_item_add(actor=secretary, session=session, nomination=nomination)
    council_session_open(actor=secretary, session=session)
    for attendance in session.attendance.all():
        attendance_record(actor=secretary, session=session, member=attendance.member, present=True)
    return session, item


@dataclass
class Workflow:
    nomination: Nomination  # awarded by province A after its council's vote
    session: CouncilSession  # the closed session that passed it
    decision: Decision  # the issued decision that awards it
    letter: Submission
    delegation: Delegation
    nomination_b: Nomination  # a draft of province B
    council_b: Council
    member_b: CouncilMember


@pytest.fixture
def workflow(
    tree, province_council, reviewers, council_secretary, signer, clerk, reviewer, system_admin
):
    """One nomination of province A taken all the way (reviews at the district and the
    province, a closed session with a show of hands, an issued decision), a submission letter,
    a delegation; and a nomination and a council of province B."""
    nominee = PersonFactory(unit=tree.cdcs_a1x)
    nomination = to_council(nominate(clerk=clerk, person=nominee), clerk=clerk, reviewers=reviewers)
    session, item = open_session(
        council_secretary, province_council, nomination, "Phiên họp cuối năm 2025"
    )
    for member in province_council.members.select_related("user"):
        vote_cast(actor=member.user, item=item, choice="yes")
    council_session_close(actor=council_secretary, session=session)
    decision = decision_draft(
        actor=council_secretary,
        deciding_unit=tree.province_a,
        title="Quyết định tặng Bằng khen năm 2025",
        nominations=[Nomination.objects.get(pk=nomination.pk)],
    )
    decision = decision_issue(actor=signer, decision=decision, signed_on=timezone.localdate())

    letter = submission_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        subject="Đề nghị khen thưởng năm 2025",
        nominations=[nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x))],
    )
    deputy = UserFactory(username="deputy", home_unit=tree.province_a)
    delegation = delegation_create(
        actor=reviewer,
        assignment=RoleAssignment.objects.get(user=reviewer, role=Role.REVIEWER),
        delegate=deputy,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=7),
        reason="Đi công tác",
    )

    clerk_b = actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)
    nomination_b = nominate(clerk=clerk_b, person=PersonFactory(unit=tree.cdcs_b1x))
    council_b = council_save(
        actor=system_admin, unit=tree.province_b, name="Hội đồng TĐKT LĐLĐ tỉnh B"
    )
    member_b = seat(
        council_b, actor_at("member_b", Role.COUNCIL_MEMBER, tree.province_b), by=system_admin
    )
    return Workflow(
        nomination=Nomination.objects.get(pk=nomination.pk),
        session=session,
        decision=decision,
        letter=letter,
        delegation=delegation,
        nomination_b=nomination_b,
        council_b=council_b,
        member_b=member_b,
    )


def first_visible(model, user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return admin_site._registry[model].get_queryset(request).first()


# --- lists and pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("model", WORKFLOW_MODELS, ids=model_id)
@pytest.mark.parametrize("actor", ["system_admin", "unit_admin"])
def test_workflow_changelists_open_in_bounded_queries(
    request, client, workflow, model, actor, django_assert_max_num_queries
):
    # given
    client.force_login(request.getfixturevalue(actor))
    url = admin_url(model, "changelist")
    client.get(url)  # warms the content-type cache, which lives for the whole process

    # when
    with django_assert_max_num_queries(CHANGELIST_QUERY_BUDGET):
        response = client.get(url)

    # then
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= 1


@pytest.mark.parametrize("model", WORKFLOW_MODELS, ids=model_id)
@pytest.mark.parametrize("actor", ["system_admin", "unit_admin"])
def test_workflow_change_and_history_pages_render(request, client, workflow, model, actor):
    # given
    user = request.getfixturevalue(actor)
    obj = first_visible(model, user)
    assert obj is not None, "the workflow fixture has one of each kind in province A"
    client.force_login(user)

    # when
    change = client.get(admin_url(model, "change", obj.pk))
    history = client.get(admin_url(model, "history", obj.pk))

    # then
    assert change.status_code == 200
    assert history.status_code == 200


def test_nomination_page_links_its_documents_through_the_scoped_download(
    client, workflow, unit_admin
):
    # given
    client.force_login(unit_admin)
    nomination = workflow.nomination
    attachment = nomination.attachments.first()

    # when
    page = client.get(admin_url(Nomination, "change", nomination.pk))

    # then: the download view (which checks the reader's scope), never the storage URL
    content = page.content.decode()
    download = reverse("nominations:attachment_download", args=[nomination.pk, attachment.pk])
    assert download in content
    assert attachment.file.url not in content
    assert reverse("nominations:detail", args=[nomination.pk]) in content
    assert client.get(download).status_code == 200
    # and every review decision on its way up
    reviews = page.context["inline_admin_formsets"][1].formset.queryset
    assert {review.unit for review in reviews} == {
        nomination.nominating_unit.parent,
        nomination.deciding_unit,
    }


def test_nomination_list_filters_by_status_and_finds_nominees_by_code(client, workflow, unit_admin):
    client.force_login(unit_admin)
    url = admin_url(Nomination, "changelist")

    awarded = client.get(url, {"status": "awarded"})
    drafts = client.get(url, {"status": "draft"})
    found = client.get(url, {"q": workflow.nomination.nominee_person.code})

    assert list(awarded.context["cl"].result_list) == [workflow.nomination]
    assert workflow.nomination not in drafts.context["cl"].result_list
    assert list(found.context["cl"].result_list) == [workflow.nomination]


def test_decision_page_shows_number_signer_recipients_and_revocations(
    client, workflow, unit_admin, signer
):
    # given the award is later revoked
    item = workflow.decision.items.get()
    award_revoke(
        actor=signer,
        item=item,
        reason="Phát hiện kê khai sai thành tích",
        revoked_on=timezone.localdate(),
    )
    client.force_login(unit_admin)

    # when
    page = client.get(admin_url(Decision, "change", workflow.decision.pk))
    listed = client.get(admin_url(Decision, "changelist"))

    # then
    content = page.content.decode()
    decision = workflow.decision
    assert decision.reference and decision.reference in content
    assert str(signer) in content
    assert item.recipient_name in content
    assert "Phát hiện kê khai sai thành tích" in content
    row = listed.context["cl"].result_list[0]
    assert (row.recipient_count, row.revoked_count) == (1, 1)


# --- scope ---------------------------------------------------------------------------------------


def test_unit_administrator_does_not_see_another_provinces_workflow(client, workflow, unit_admin):
    # given
    client.force_login(unit_admin)

    # when
    nominations = client.get(admin_url(Nomination, "changelist"))
    councils = client.get(admin_url(Council, "changelist"))
    seats = client.get(admin_url(CouncilMember, "changelist"))

    # then
    assert workflow.nomination_b not in nominations.context["cl"].result_list
    assert workflow.council_b not in councils.context["cl"].result_list
    assert workflow.member_b not in seats.context["cl"].result_list
    for obj in (workflow.nomination_b, workflow.council_b, workflow.member_b):
        assert client.get(admin_url(obj, "change", obj.pk)).status_code == 404
        assert client.get(admin_url(obj, "history", obj.pk)).status_code == 404


def test_a_district_administrator_does_not_see_the_provinces_council(client, workflow, tree):
    # given an administrator of a district under province A
    district_admin = actor_at("district_admin", Role.ADMIN, tree.district_a1)
    client.force_login(district_admin)

    # when
    councils = client.get(admin_url(Council, "changelist"))
    nominations = client.get(admin_url(Nomination, "changelist"))

    # then: the council belongs to the province; the district's own nominations are listed
    assert list(councils.context["cl"].result_list) == []
    assert workflow.nomination in nominations.context["cl"].result_list
    council_a = workflow.session.council
    assert client.get(admin_url(Council, "change", council_a.pk)).status_code == 404
    assert client.get(admin_url(CouncilSession, "change", workflow.session.pk)).status_code == 404


# --- read-only models ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=model_id)
def test_workflow_records_cannot_be_added_changed_or_deleted_in_the_admin(
    client, workflow, system_admin, model
):
    # given the strongest administrator
    client.force_login(system_admin)
    obj = first_visible(model, system_admin)

    # when
    page = client.get(admin_url(model, "change", obj.pk))

    # then: a view-only page, and every write refused
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert page.context["has_delete_permission"] is False
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


# --- councils ------------------------------------------------------------------------------------


def test_unit_administrator_sets_up_a_council_through_the_service(client, tree, unit_admin):
    # given
    client.force_login(unit_admin)
    data = {
        "unit": tree.district_a1.pk,
        "name": "Hội đồng TĐKT LĐLĐ huyện A1",
        "established_by": "Quyết định số 7/QĐ-LĐLĐ",
    }

    # when
    created = client.post(admin_url(Council, "add"), data)
    council = Council.objects.get(unit=tree.district_a1)
    page = client.get(admin_url(Council, "change", council.pk))
    renamed = client.post(
        admin_url(Council, "change", council.pk),
        change_form_data(page, name="Hội đồng Thi đua – Khen thưởng huyện A1"),
    )

    # then
    assert created.status_code == 302
    assert renamed.status_code == 302
    council.refresh_from_db()
    assert council.name == "Hội đồng Thi đua – Khen thưởng huyện A1"
    events = AuditEvent.objects.filter(event_type=EventType.COUNCIL_SAVED, actor=unit_admin)
    assert events.count() == 2
    assert events.order_by("seq").last().changes["name"] == [
        "Hội đồng TĐKT LĐLĐ huyện A1",
        "Hội đồng Thi đua – Khen thưởng huyện A1",
    ]
    # the council stays with its unit, and its page says where members are seated
    assert "unit" not in page.context["adminform"].form.fields
    add_member = admin_url(CouncilMember, "add") + f"?council={council.pk}"
    assert add_member in page.content.decode()


def test_a_unit_keeps_one_council(client, tree, unit_admin, workflow):
    client.force_login(unit_admin)

    response = client.post(
        admin_url(Council, "add"), {"unit": tree.province_a.pk, "name": "Hội đồng thứ hai"}
    )

    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert Council.objects.get(unit=tree.province_a).name != "Hội đồng thứ hai"


def test_adding_a_council_member_goes_through_the_service(
    client, tree, province_council, unit_admin
):
    council = province_council
    # given a user who holds the council member role at the province
    newcomer = actor_at("member_new", Role.COUNCIL_MEMBER, tree.province_a)
    client.force_login(unit_admin)
    page = client.get(admin_url(CouncilMember, "add"), {"council": council.pk})

    # when
    response = client.post(
        admin_url(CouncilMember, "add"),
        {
            "council": council.pk,
            "user": newcomer.pk,
            "position": "member",
            "title": "Trưởng ban Tuyên giáo",
            "started_on": "2025-06-01",
        },
    )

    # then
    assert page.context["adminform"].form.initial["council"] == str(council.pk)
    assert response.status_code == 302
    member = CouncilMember.objects.get(council=council, user=newcomer)
    assert (member.title, member.started_on) == ("Trưởng ban Tuyên giáo", datetime.date(2025, 6, 1))
    event = AuditEvent.objects.get(event_type=EventType.COUNCIL_MEMBER_ADDED, object_id=member.pk)
    assert event.actor == unit_admin


def test_a_council_member_without_the_role_is_refused_with_a_clear_message(
    client, tree, province_council, unit_admin
):
    council = province_council
    # given someone of the province without the council member role
    outsider = UserFactory(username="outsider", home_unit=tree.province_a)
    client.force_login(unit_admin)
    events_before = AuditEvent.objects.filter(event_type=EventType.COUNCIL_MEMBER_ADDED).count()

    # when
    response = client.post(
        admin_url(CouncilMember, "add"),
        {
            "council": council.pk,
            "user": outsider.pk,
            "position": "member",
            "started_on": "2025-06-01",
        },
    )

    # then: the form comes back, saying on the member field what to do first
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["user"] == [in_page_language(Code.COUNCIL_MEMBER_LACKS_ROLE.label)]
    assert not CouncilMember.objects.filter(user=outsider).exists()
    assert (
        AuditEvent.objects.filter(event_type=EventType.COUNCIL_MEMBER_ADDED).count()
        == events_before
    )


def test_a_council_member_cannot_be_edited_or_deleted_in_place(
    client, province_council, unit_admin
):
    client.force_login(unit_admin)
    member = province_council.members.first()

    page = client.get(admin_url(CouncilMember, "change", member.pk))

    assert page.context["has_change_permission"] is False
    assert client.post(admin_url(CouncilMember, "change", member.pk), {}).status_code == 403
    assert client.post(admin_url(CouncilMember, "delete", member.pk), {}).status_code == 403


def test_ending_a_members_term_records_the_reason(client, province_council, unit_admin):
    # given
    member = province_council.members.exclude(position="chair").first()
    client.force_login(unit_admin)
    url = admin_url(CouncilMember, "changelist")

    # when: the action's page, then its confirmation
    page = client.post(url, action_data("end_term", member))
    response = client.post(
        url,
        action_data("end_term", member, ended_on="2025-12-31", reason="Nghỉ hưu"),
        follow=True,
    )

    # then
    assert page.status_code == 200
    member.refresh_from_db()
    assert member.ended_on == datetime.date(2025, 12, 31)
    event = AuditEvent.objects.get(event_type=EventType.COUNCIL_MEMBER_REMOVED)
    assert (event.reason, event.actor) == ("Nghỉ hưu", unit_admin)
    assert "1" in messages_of(response)[0]


def test_ending_a_term_without_a_reason_is_refused(client, province_council, unit_admin):
    member = province_council.members.exclude(position="chair").first()
    client.force_login(unit_admin)

    response = client.post(
        admin_url(CouncilMember, "changelist"),
        action_data("end_term", member, ended_on="2025-12-31", reason=""),
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    member.refresh_from_db()
    assert member.ended_on is None


def test_council_choices_are_the_councils_the_user_administers(client, workflow, unit_admin):
    client.force_login(unit_admin)

    page = client.get(admin_url(CouncilMember, "add"))

    offered = set(page.context["adminform"].form.fields["council"].queryset)
    assert offered == {workflow.session.council}


def test_seating_on_another_provinces_council_is_refused(client, workflow, tree, unit_admin):
    # given a council member of province A, posted by hand onto province B's council
    member_a = actor_at("member_a", Role.COUNCIL_MEMBER, tree.province_a)
    client.force_login(unit_admin)

    # when
    response = client.post(
        admin_url(CouncilMember, "add"),
        {
            "council": workflow.council_b.pk,
            "user": member_a.pk,
            "position": "member",
            "started_on": "2025-06-01",
        },
    )

    # then: not a choice the form offers
    assert response.status_code == 200
    assert "council" in response.context["adminform"].form.errors
    assert not CouncilMember.objects.filter(user=member_a).exists()


# --- secret ballots ------------------------------------------------------------------------------


def test_an_open_secret_ballot_shows_no_votes_in_the_admin(
    client, province_council, council_secretary, tree, district_clerk, reviewer, system_admin
):
    # given the province's emulation flag (a secret ballot) voted on in an open session
    flag = to_council(
        nominate(
            clerk=district_clerk,
            unit=tree.cdcs_a1x,
            code="co-thi-dua-ldld",
            nominating_unit=tree.district_a1,
        ),
        clerk=district_clerk,
        reviewers=[reviewer],
    )
    assert flag.award_type.ballot_type == "secret"
    _session, item = open_session(
        council_secretary, province_council, flag, "Phiên họp bỏ phiếu kín"
    )
    seats = province_council.members.select_related("user")
    for member, choice in zip(seats, ["yes", "no", "yes", "abstain", "yes"], strict=True):
        vote_cast(actor=member.user, item=item, choice=choice)
    client.force_login(system_admin)

    # when
    page = client.get(admin_url(AgendaItem, "change", item.pk))

    # then: no count and no vote rows, and no page on the ballots or the tally
    assert page.status_code == 200
    assert page.context["inline_admin_formsets"][0].formset.queryset.count() == 0
    assert in_page_language(NOT_SHOWN) in page.content.decode()
    assert BallotCast.objects.filter(item=item).count() == 5
    for model in (BallotCast, SecretTally):
        with pytest.raises(NoReverseMatch):
            admin_url(model, "changelist")


@pytest.mark.parametrize(
    "model",
    [BallotCast, SecretTally, DecisionCounter, Notification, NominationProcess, Process, Task],
    ids=model_id,
)
def test_secret_ballots_mailboxes_and_viewflow_tables_are_not_on_the_admin_site(model):
    assert model not in admin_site._registry


def test_the_admin_index_lists_no_viewflow_entries(client, system_admin):
    # given viewflow registers its own admin on Django's default site, which is not served
    assert Process in django_admin.site._registry
    client.force_login(system_admin)

    # when
    index = client.get(reverse("admin:index"))

    # then
    labels = {app["app_label"] for app in index.context["app_list"]}
    models = {model["object_name"] for app in index.context["app_list"] for model in app["models"]}
    assert "viewflow" not in labels
    assert not {"Process", "Task", "NominationProcess", "Notification"} & models
    assert {"nominations", "workflows"} <= labels
    assert client.get("/admin/viewflow/process/").status_code == 404


# --- step deadlines ------------------------------------------------------------------------------


def test_saving_a_step_deadline_writes_the_workflow_setting_event(client, system_admin):
    # given the general deadline of the review step
    deadline = StepDeadline.objects.get(step=Step.REVIEW, award_code="")
    client.force_login(system_admin)
    page = client.get(admin_url(StepDeadline, "change", deadline.pk))

    # when
    response = client.post(
        admin_url(StepDeadline, "change", deadline.pk),
        change_form_data(page, days=20, change_reason="Theo Kế hoạch số 12"),
    )

    # then
    assert response.status_code == 302
    event = AuditEvent.objects.filter(
        event_type=EventType.WORKFLOW_SETTING_SAVED, actor=system_admin
    ).get()
    assert event.changes["days"] == [deadline.days, 20]
    assert event.reason == "Theo Kế hoạch số 12"


def test_adding_a_deadline_for_one_award_goes_through_the_service(client, system_admin):
    client.force_login(system_admin)

    response = client.post(
        admin_url(StepDeadline, "add"),
        {"step": Step.COUNCIL, "award_code": "bang-khen-ldld", "days": 45, "remind_days_before": 5},
    )

    assert response.status_code == 302
    added = StepDeadline.objects.get(step=Step.COUNCIL, award_code="bang-khen-ldld")
    assert AuditEvent.objects.filter(
        event_type=EventType.WORKFLOW_SETTING_SAVED, object_id=added.pk
    ).exists()


def test_a_reminder_after_the_deadline_is_refused_on_the_form(client, system_admin):
    client.force_login(system_admin)

    response = client.post(
        admin_url(StepDeadline, "add"),
        {"step": Step.COUNCIL, "award_code": "bang-khen-ldld", "days": 5, "remind_days_before": 7},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not StepDeadline.objects.filter(award_code="bang-khen-ldld").exists()


def test_unit_administrator_reads_step_deadlines_without_changing_them(client, tree, unit_admin):
    client.force_login(unit_admin)
    deadline = StepDeadline.objects.get(step=Step.REVIEW, award_code="")

    page = client.get(admin_url(StepDeadline, "change", deadline.pk))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.get(admin_url(StepDeadline, "add")).status_code == 403
    assert client.post(admin_url(StepDeadline, "change", deadline.pk), {}).status_code == 403


def test_step_deadlines_cannot_be_deleted(client, system_admin):
    # no audited service deletes a deadline, so the admin offers no way to
    client.force_login(system_admin)
    deadline = StepDeadline.objects.get(step=Step.REVIEW, award_code="")

    response = client.post(admin_url(StepDeadline, "delete", deadline.pk), {"post": "yes"})

    assert response.status_code == 403
    assert StepDeadline.objects.filter(pk=deadline.pk).exists()


# --- delegations ---------------------------------------------------------------------------------


def test_delegations_are_listed_for_the_administrators_of_the_unit(
    client, workflow, tree, unit_admin
):
    # given a district administrator, below the province where the delegation is
    district_admin = actor_at("district_admin", Role.ADMIN, tree.district_a1)

    # when
    client.force_login(unit_admin)
    province = client.get(admin_url(Delegation, "changelist"), {"status": "current"})
    client.force_login(district_admin)
    district = client.get(admin_url(Delegation, "changelist"))

    # then
    assert list(province.context["cl"].result_list) == [workflow.delegation]
    assert list(district.context["cl"].result_list) == []
    assert client.get(admin_url(Delegation, "change", workflow.delegation.pk)).status_code == 404
