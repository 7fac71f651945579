"""(c) Latency of the pages people wait on, through the test client (issue 7 §2 c).

Each page is asked for by the bench user whose work it is (bench.scale.BENCH_USERS), signed in
with a session like a browser: once to warm up, then `repeat` times, each request timed and its
statements counted. The same addresses are asked at the small size and at the large one (the
subjects are chosen once, at the small size), so the two can be compared: p95 at N over p95 at
the small size, and whether the statement count stayed the same.

The whole request is measured (middleware, view, selectors, template), in-process: no network,
no web server.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from awards.selectors import award_record_list_visible_to
from bench.measure.counting import StatementCounter, median, percentile
from nominations.models import NominationStatus
from nominations.selectors import nomination_list_visible_to
from organizations.selectors import person_list_visible_to


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    user: str  # a key of BENCH_USERS
    url: str


def bench_users() -> dict[str, Any]:
    """The generator's bench users, by role key (`reviewer`, `clerk`, `auditor`, …)."""
    from bench.scale import BENCH_USERS

    users = get_user_model().objects.in_bulk(list(BENCH_USERS.values()), field_name="username")
    return {role: users[username] for role, username in BENCH_USERS.items() if username in users}


def pages_choose(users: dict[str, Any]) -> list[Page]:
    """The pages and their addresses, with subjects the users may see (the first by id)."""
    reviewer, clerk, auditor = users["reviewer"], users["clerk"], users["auditor"]
    seen = nomination_list_visible_to(reviewer).order_by("pk")
    subject = seen.filter(status=NominationStatus.IN_REVIEW).first() or seen.first()
    year = subject.year if subject else 2025
    award_code = subject.award_type.code if subject else ""
    audited = nomination_list_visible_to(auditor).order_by("pk").first()
    record = award_record_list_visible_to(reviewer).order_by("pk").first()
    person = (
        person_list_visible_to(clerk).filter(nominations__isnull=False).order_by("pk").first()
        or person_list_visible_to(clerk).order_by("pk").first()
    )
    list_filters = {"status": NominationStatus.IN_REVIEW, "year": year, "award_code": award_code}
    record_filters = (
        {"year": record.year, "award_code": record.award_code} if record else {"year": year}
    )
    return [
        Page("inbox", "Reviewer inbox", "reviewer", reverse("workflows:inbox")),
        Page(
            "nomination_list",
            "Nomination list (status, year, award)",
            "reviewer",
            f"{reverse('nominations:list')}?{urlencode(list_filters)}",
        ),
        Page(
            "award_history",
            "Award-history lookup (API, year and award)",
            "reviewer",
            f"{reverse('api:award-record-list')}?{urlencode(record_filters)}",
        ),
        Page(
            "audit_timeline",
            "Audit timeline of a nomination",
            "auditor",
            reverse("audit:timeline", args=[audited.pk if audited else 0]),
        ),
        Page(
            "eligibility",
            "Eligibility finder (one person)",
            "clerk",
            f"{reverse('nominations:eligibility')}?"
            f"{urlencode({'person': person.pk if person else 0, 'year': year})}",
        ),
        Page("quotas", "Quota view", "reviewer", reverse("nominations:quotas")),
    ]


def _request(client: Client, url: str) -> tuple[float, int, int]:
    with StatementCounter() as counter:
        start = time.perf_counter()
        response = client.get(url, secure=True)
        seconds = time.perf_counter() - start
    return seconds, counter.count, response.status_code


def pages_measure(pages: list[Page], users: dict[str, Any], *, repeat: int) -> dict[str, Any]:
    """p50 and p95 in milliseconds and the statements of each page."""
    clients: dict[str, Client] = {}
    measured: dict[str, Any] = {}
    for page in pages:
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client()
            client.force_login(users[page.user])
        _request(client, page.url)  # warm-up
        times, counts, statuses = [], [], set()
        for _ in range(repeat):
            seconds, count, status = _request(client, page.url)
            times.append(seconds * 1000)
            counts.append(count)
            statuses.add(status)
        measured[page.key] = {
            "label": page.label,
            "url": page.url,
            "user": page.user,
            "status": sorted(statuses),
            "requests": repeat,
            "p50_ms": percentile(times, 50),
            "p95_ms": percentile(times, 95),
            "median_ms": median(times),
            "queries": counts[-1],
            "queries_min": min(counts),
            "queries_max": max(counts),
        }
    return measured
