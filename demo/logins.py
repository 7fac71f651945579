"""The demo accounts: one place that the seed, `manage.py demo_logins` and the README read.

One account per role, at the units where that role works in the demo tree; all share one
password, printed by `make run`. The descriptions and hints are shown to people trying the
system, so they are translated (Vietnamese in demo/locale).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from demo import scenarios
from demo.specs import AccountSpec

# Shared by every demo account. Printable on purpose (`make run` shows it); a demo database is
# never a production one.
DEMO_PASSWORD = "KhenThuong@2026"

ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        username="demo-clerk",
        full_name="Trần Thị Ngọc Ánh",
        role="clerk",
        unit="QNA-DLO-MAY",
        description=_("Emulation clerk of a grassroots union (garment company, Đại Lộc)"),
        try_first=format_lazy(
            _(
                "Open Tasks: Nguyễn Thị Thắm's nomination was returned with reasons; fix it and "
                "resubmit. Finish the draft for Lê Thị Mỹ Dung (its dossier lacks documents). "
                "Then look at the record of {name}, nominated for the Bằng khen of the TLĐ."
            ),
            name=scenarios.BK_TLD_CANDIDATE,
        ),
    ),
    AccountSpec(
        username="demo-reviewer-huyen",
        full_name="Đoàn Văn Lợi",
        role="reviewer",
        unit="QNA-DLO",
        description=_("Reviewer at the Đại Lộc district federation"),
        try_first=format_lazy(
            _(
                "Open Tasks: review the letter 18/TTr-CĐCS of the garment union (one nomination "
                "is yours, one waits in the queue); approve, return with reasons or reject. "
                "Compare {name}, who lacks last year's provincial certificate. In Emulation, see "
                "the bloc of the district's agencies: two units tie in 2020 and the one with "
                "more women comes first."
            ),
            name=scenarios.BK_TLD_MISSING_PROVINCIAL,
        ),
    ),
    AccountSpec(
        username="demo-reviewer",
        full_name="Nguyễn Thị Bích Thủy",
        role="reviewer",
        unit="QNA",
        description=_("Reviewer at the Quảng Nam provincial federation"),
        try_first=_(
            "Open Tasks: the nominations approved by Đại Lộc wait for the province's review; "
            "approve one and it goes to the council."
        ),
    ),
    AccountSpec(
        username="demo-secretary",
        full_name="Phạm Thị Thanh Tâm",
        role="council_secretary",
        unit="QNA",
        description=_("Secretary of the Quảng Nam emulation and commendation council"),
        try_first=_(
            "Open Council: plan a session, put Nguyễn Minh Sương's nomination on its agenda, "
            "record attendance, let the members vote and close it; then draft the decision."
        ),
    ),
    AccountSpec(
        username="demo-council-1",
        full_name="Huỳnh Tấn Lộc",
        role="council_member",
        unit="QNA",
        description=_("Council member, Quảng Nam (1 of 3)"),
        try_first=_(
            "Open Council: read the closed session's results and minutes; when the secretary "
            "opens a new session, vote on your ballot."
        ),
    ),
    AccountSpec(
        username="demo-council-2",
        full_name="Lương Thị Kim Chi",
        role="council_member",
        unit="QNA",
        description=_("Council member, Quảng Nam (2 of 3)"),
        try_first=_(
            "Open Council: read the closed session's results and minutes; when the secretary "
            "opens a new session, vote on your ballot."
        ),
    ),
    AccountSpec(
        username="demo-council-3",
        full_name="Võ Đình Nguyên",
        role="council_member",
        unit="QNA",
        description=_("Council member, Quảng Nam (3 of 3)"),
        try_first=_(
            "Open Council: read the closed session's results and minutes; when the secretary "
            "opens a new session, vote on your ballot."
        ),
    ),
    AccountSpec(
        username="demo-signer",
        full_name="Trần Văn Thạnh",
        role="signer",
        unit="QNA",
        description=_("Chair of the Quảng Nam provincial federation (signs decisions)"),
        try_first=_(
            "Open Tasks: the garment union's Cờ thi đua passed the council and waits for your "
            "decision; in Decisions, see decision 1 and the award revoked in it."
        ),
    ),
    AccountSpec(
        username="demo-auditor",
        full_name="Ngô Thị Hồng Vân",
        role="auditor",
        unit="QNA",
        description=_("Inspection committee of the Quảng Nam federation (reads, never writes)"),
        try_first=_(
            "Trace the history of any record in Quảng Nam and check the integrity of the audit "
            "log; every demo record was written by the system account."
        ),
    ),
    AccountSpec(
        username="demo-admin",
        full_name="Nông Văn Hậu",
        role="admin",
        unit="TQU",
        description=_("Administrator of the Tuyên Quang provincial federation"),
        try_first=_(
            "Manage the Tuyên Quang units, user accounts and roles; create a grassroots union "
            "under LĐLĐ huyện Sơn Dương."
        ),
    ),
    AccountSpec(
        username="demo-sysadmin",
        full_name="Đặng Quốc Trung",
        role="admin",
        unit="TLD",
        description=_("System administrator (Tổng Liên đoàn): award catalogue and regulations"),
        try_first=_(
            "Check the catalogue of QĐ 999/QĐ-TLĐ (2024), copied from QĐ 1689/QĐ-TLĐ and "
            "marked uncertain, against the text."
        ),
    ),
    AccountSpec(
        username="demo-clerk-tq",
        full_name="Hà Thị Phương",
        role="clerk",
        unit="TQU-SDG-TTYT",
        description=_("Emulation clerk of a grassroots union (Sơn Dương health centre)"),
        try_first=_(
            "Open Nominations: Hà Văn Tuấn's was rejected with reasons (he is under a "
            "reprimand); Nguyễn Văn Thành's is in review at the province."
        ),
    ),
    AccountSpec(
        username="demo-reviewer-tq",
        full_name="Lý Văn Bình",
        role="reviewer",
        unit="TQU",
        description=_("Reviewer at the Tuyên Quang provincial federation"),
        try_first=format_lazy(
            _(
                "Open Emulation: follow the province's 2017 campaign from its launch through the "
                "registrations of its 13 units (one returned and filed again) and the six-monthly "
                "and year-end reports to the roll-up against the plan's targets; then the "
                "upper-level unions' cluster: agreement, scores, ranking, leading unit. Look at "
                "{name} too (an initiative worth 230 million VND)."
            ),
            name=scenarios.LEADER_OVER_THRESHOLD,
        ),
    ),
)


@dataclass(frozen=True)
class LoginRow:
    username: str
    password: str
    full_name: str
    role: str  # what the account does, in the reader's language
    unit: str  # the unit's name
    try_first: str


def demo_login_rows() -> list[LoginRow]:
    """The demo accounts as rows for people to read (demo_logins, the README)."""
    from demo.data.tree import UNITS

    unit_names = {unit.code: unit.name for unit in UNITS}
    return [
        LoginRow(
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            role=str(account.description),
            unit=unit_names[account.unit],
            try_first=str(account.try_first),
        )
        for account in ACCOUNTS
    ]
