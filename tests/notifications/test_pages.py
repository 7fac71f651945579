"""The notifications page: each user reads their own, opens one (marked read, taken to its
page), marks them all read; the menu counts the unread ones."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify
from tests.factories import UserFactory


def test_the_list_shows_only_my_notifications_and_its_queries_do_not_grow(
    client, db, django_assert_max_num_queries
):
    me, someone = UserFactory(), UserFactory()
    notify(recipients=[me], subject="Hồ sơ mới cần xét", url="/nominations/1/")
    notify(recipients=[someone], subject="Không phải của tôi")
    client.force_login(me)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))

    for number in range(20):
        notify(recipients=[me], subject=f"Thông báo {number}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 21
    assert "Không phải của tôi" not in response.text
    # the menu shows the unread count
    assert response.context["nav_unread_notifications"] == 21


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, db):
    me = UserFactory()
    notify(recipients=[me], subject="Hồ sơ bị trả lại", url="/nominations/7/")
    notification = Notification.objects.get()
    client.force_login(me)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == "/nominations/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_sends_the_reader_to_another_site(client, db):
    me = UserFactory()
    notify(recipients=[me], subject="Lạ", url="https://example.com/phishing")
    client.force_login(me)

    response = client.post(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_not_found(client, db):
    me, someone = UserFactory(), UserFactory()
    notify(recipients=[someone], subject="Riêng tư")
    client.force_login(me)

    response = client.post(reverse("notifications:open", args=[Notification.objects.get().pk]))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_read_and_filter_the_unread(client, db):
    me, someone = UserFactory(), UserFactory()
    notify(recipients=[me, someone], subject="Hạn xét sắp đến")
    notify(recipients=[me], subject="Quá hạn")
    client.force_login(me)

    client.post(reverse("notifications:mark_all_read"))
    response = client.get(reverse("notifications:list"), {"unread_only": "on"})

    assert list(response.context["object_list"]) == []
    assert response.context["nav_unread_notifications"] == 0
    # someone else's stay unread
    assert Notification.objects.filter(recipient=someone, read_at__isnull=True).count() == 1


def test_the_list_exports_to_excel(client, db):
    import io

    from openpyxl import load_workbook

    me = UserFactory()
    notify(recipients=[me], subject="Hồ sơ mới cần xét")
    client.force_login(me)

    response = client.get(reverse("notifications:list"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Hồ sơ mới cần xét"]
