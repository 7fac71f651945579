"""The caller's notifications through the API: listing them and marking them read."""

from nominations.services import nomination_submit
from notifications.models import Notification
from notifications.services import notify

URL = "/api/v1/notifications/"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def test_a_reviewer_is_told_of_a_new_nomination_to_review(api_as, ready, clerk, district_reviewer):
    # when the clerk submits
    nomination_submit(actor=clerk, nomination=ready)

    # then the district's reviewer finds it among their unread notifications
    unread = ok(api_as(district_reviewer).get(f"{URL}?unread=true"))["results"]
    assert len(unread) == 1
    assert "Nguyễn Thị Lan" in unread[0]["subject"]
    assert unread[0]["url"] == f"/nominations/{ready.pk}/"
    assert unread[0]["read_at"] is None


def test_each_user_reads_only_their_own(api_as, tree, clerk, reviewer):
    notify(recipients=[clerk], subject="Cho cán bộ CĐCS")
    notify(recipients=[reviewer], subject="Cho chuyên viên tỉnh")

    subjects = [n["subject"] for n in ok(api_as(clerk).get(URL))["results"]]

    assert subjects == ["Cho cán bộ CĐCS"]


def test_marking_some_read_by_their_ids(api_as, tree, clerk, reviewer):
    for number in range(3):
        notify(recipients=[clerk], subject=f"Thông báo {number}")
    notify(recipients=[reviewer], subject="Của người khác")
    mine = list(Notification.objects.filter(recipient=clerk).order_by("pk"))
    theirs = Notification.objects.get(recipient=reviewer)
    client = api_as(clerk)

    # when the clerk marks two of theirs, and tries someone else's
    marked = ok(client.post(f"{URL}read/", {"ids": [mine[0].pk, theirs.pk]}, format="json"))

    # then only their own is marked
    assert marked == {"marked": 1}
    assert ok(client.get(f"{URL}?unread=true"))["count"] == 2
    assert ok(client.get(f"{URL}?unread=false"))["count"] == 3
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read(api_as, tree, clerk):
    for number in range(3):
        notify(recipients=[clerk], subject=f"Thông báo {number}")
    client = api_as(clerk)

    marked = ok(client.post(f"{URL}read/", {"all": True}, format="json"))
    again = ok(client.post(f"{URL}read/", {"all": True}, format="json"))

    assert marked == {"marked": 3}
    assert again == {"marked": 0}
    assert ok(client.get(f"{URL}?unread=true"))["count"] == 0
    assert all(n["read_at"] for n in ok(client.get(URL))["results"])


def test_marking_read_needs_ids_or_all(api_as, tree, clerk):
    notify(recipients=[clerk], subject="Thông báo")
    client = api_as(clerk)

    nothing = client.post(f"{URL}read/", {}, format="json")
    empty = client.post(f"{URL}read/", {"ids": []}, format="json")
    bad = client.post(f"{URL}read/", {"ids": ["một"]}, format="json")

    for response in (nothing, empty, bad):
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_input"
        assert list(response.json()["details"]) == ["ids"]
    assert Notification.objects.get().read_at is None


def test_bad_unread_filter_is_400(api_as, tree, clerk):
    response = api_as(clerk).get(f"{URL}?unread=maybe")

    assert response.status_code == 400
    assert list(response.json()["details"]) == ["unread"]


def test_notifications_need_a_signed_in_user(anonymous, db):
    assert anonymous.get(URL).status_code == 401
    assert anonymous.post(f"{URL}read/", {"all": True}, format="json").status_code == 401


def test_notification_list_queries_do_not_grow_with_the_rows(
    api_as, tree, clerk, django_assert_max_num_queries
):
    for number in range(30):
        notify(recipients=[clerk], subject=f"Thông báo {number}")
    client = api_as(clerk)

    # token, count, page
    with django_assert_max_num_queries(3):
        response = client.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 30
