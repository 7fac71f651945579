"""The award catalogue pages."""

import pytest
from django.urls import reverse

from awards.models import AwardType


@pytest.fixture
def signed_in(client, tree, clerk):
    client.force_login(clerk)
    return client


def test_catalogue_shows_the_version_in_force_on_the_chosen_date(
    signed_in, reference_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        old = signed_in.get(reverse("awards:catalogue"), {"on": "2023-06-01"})
    new = signed_in.get(reverse("awards:catalogue"), {"on": "2025-06-01"})

    assert old.context["union_version"].number == "1689/QĐ-TLĐ"
    assert new.context["union_version"].number == "999/QĐ-TLĐ"
    assert {a.regulation.number for a in old.context["object_list"]} == {"1689/QĐ-TLĐ"}
    assert "Bằng khen của Ban Chấp hành Tổng Liên đoàn" in old.text


def test_catalogue_filters_awards_for_collectives(signed_in, reference_data):
    response = signed_in.get(
        reverse("awards:catalogue"), {"on": "2023-06-01", "recipient": "collective"}
    )

    codes = {a.code for a in response.context["object_list"]}
    assert "co-thi-dua-tld" in codes
    assert "bang-lao-dong-sang-tao" not in codes


def test_catalogue_exports_to_excel(signed_in, reference_data):
    response = signed_in.get(reverse("awards:catalogue"), {"on": "2023-06-01", "export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_award_type_page_shows_requirements_quotas_and_amount(signed_in, reference_data):
    topic_award = AwardType.objects.get(
        code="bang-khen-chuyen-de-tld", regulation__code="TLD-1689-2019"
    )
    cstd = AwardType.objects.get(code="chien-si-thi-dua-cap-tinh", regulation__code="TLD-1689-2019")

    topic_page = signed_in.get(reverse("awards:award_type_detail", args=[topic_award.pk]))
    cstd_page = signed_in.get(reverse("awards:award_type_detail", args=[cstd.pk]))

    assert topic_page.status_code == 200
    assert "300" in topic_page.text
    assert topic_page.context["other_versions"].count() == 1
    # 3 × 2,340,000 VND base salary in force today
    assert cstd_page.context["amount"] == 7_020_000


def test_regulation_pages_render(signed_in, reference_data):
    listing = signed_in.get(reverse("awards:regulation_list"))
    version = AwardType.objects.filter(regulation__code="TLD-999-2024").first().regulation
    detail = signed_in.get(reverse("awards:regulation_detail", args=[version.pk]))

    assert listing.status_code == detail.status_code == 200
    assert "1689/QĐ-TLĐ" in detail.text  # supersedes


def test_unknown_award_type_is_not_found(signed_in, reference_data):
    assert signed_in.get(reverse("awards:award_type_detail", args=[999999])).status_code == 404
