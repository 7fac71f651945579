"""The demo's emulation (thi đua): the campaigns of the five plans in ../shared/seeds and three
clusters, as pure data written by demo.emulation.

The five plans, mapped to the demo tree (demo.data.tree), by their key in CAMPAIGNS:

- "vh8h" (seed 000): CĐVC Việt Nam's ten-year review of “Xây dựng cơ quan văn hóa và ngày làm
  việc 8 giờ có chất lượng, hiệu quả”, the campaign of KH 145/KH-CĐVC of 04/7/2007: its
  affiliated unions report by 15/05/2017, CĐVC Việt Nam sums up in June 2017.
- "cdvc-2017" (seed 001): CĐVC Việt Nam's emulation of 2017, in two phases (01/01–30/6 and
  01/7–31/12), registered by its three affiliated unions.
- "qn-2019" (seed 002): CĐVC tỉnh Quảng Nam, 01/KH-CĐN of 18/01/2019, two phases (to 31/7,
  from 01/8), registered by its four grassroots unions.
- "dl-vhcs" (seed 003): LĐLĐ huyện Đại Lộc, “văn hóa công sở” from the fourth quarter of 2019
  to 2023, for the civil servants: the district's five grassroots unions of agencies and
  public-service units, chosen.
- "tq-2017" (seed 004): LĐLĐ tỉnh Tuyên Quang, plan of 07/02/2017, every target of its section
  II, reported by the upper-level unions (counts, money, shares of enterprises) or by the
  grassroots unions (rated strong or weak, families, women, works), six-monthly and yearly as
  its section IV says; registered by all thirteen units and two people.

Names, themes, legal bases, dates, phases and targets are the plans' own words. Where a plan
leaves something out, the demo does not make it up: a plan without a number has none, a plan
without phases (Tuyên Quang, Đại Lộc) has none, a plan without targets gets only the one its
text asks of every unit ("đến 100% đơn vị, cơ sở", "xây dựng bản đăng ký từng cá nhân"). Two
things a campaign needs are not in the plans and are the demo's: the due dates of Tuyên Quang's
reports (the plan refers to separate guidance, "có hướng dẫn riêng") and what units committed
to and reported — the results of 2017 in the province are invented, chosen so that most targets
are met and two are not (women "Giỏi việc nước, đảm việc nhà", training of new committee
members), and one grassroots union missed its six-monthly report.

Clusters (cụm, khối thi đua), with a signed agreement, scores, a final ranking and a leading
unit each:
- Tuyên Quang 2017, the cluster of the province's four upper-level unions that section IV.4 of
  the plan asks for: an agreement on the plan's own indicators, each member's registered targets,
  the head of 2016 organising the election of 2017's (four members: the demo tree has four).
- Đại Lộc 2020, the bloc of the five grassroots unions of agencies and public-service units: the
  “văn hóa công sở” campaign's first full year; two members tie and the women-majority rule
  (PRIO-01) places the kindergarten first.
- CĐVC Việt Nam 2017, the bloc of its five training and research institutions (the plan of 2017
  is addressed to "các Khối thi đua của CĐVCVN").
The agreements' contents (points, weights, bonus and penalty items) are the demo's: the union's
numbers are not confirmed (regulations.md §D.4), which is why they are data per agreement.

Everything is entered today for past years, so the reports count as late against their 2017
due dates: the deadline lists show them as such (the dates of filing are never backdated).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from demo.specs import AccountSpec

D = datetime.date
N = Decimal

# UnitLevel codes (organizations.reference_data)
UPPER = "cap-tren-co-so"
GRASSROOTS = "co-so"


# --- shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseSpec:
    number: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    theme: str = ""


@dataclass(frozen=True)
class TargetSpec:
    """A target indicator (chỉ tiêu) of a campaign; emulation.choices for the values."""

    code: str
    name: str
    measure: str  # Measure
    target: Decimal
    direction: str = "at_least"  # Direction
    level: str = ""  # UnitLevel code of the units reporting it; "" for every participant
    rollup: str = "sum"  # Rollup
    unit_threshold: Decimal | None = None  # Rollup.SHARE_MEETING
    note: str = ""


@dataclass(frozen=True)
class PeriodSpec:
    key: str
    kind: str  # ReportingKind
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date
    phase: int | None = None  # the phase's number, for a phase report


@dataclass(frozen=True)
class ReturnSpec:
    """A registration first filed with other targets, returned by `by` with the reason."""

    by: str
    reason: str
    first_targets: Mapping[str, Decimal]


@dataclass(frozen=True)
class RegistrationSpec:
    unit: str  # the registering unit; for a person, their unit
    by: str  # its staff who files it
    acknowledged_by: str  # staff of the unit it is filed with
    year: int
    targets: Mapping[str, Decimal] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    commitment: str = ""
    person: str = ""  # a person of the plan in `unit`, for a personal registration
    returned: ReturnSpec | None = None


@dataclass(frozen=True)
class ReportSpec:
    period: str  # PeriodSpec.key
    unit: str
    by: str
    values: Mapping[str, Decimal | None]
    notes: Mapping[str, str] = field(default_factory=dict)
    summary: str = ""
    evidence: str = ""  # the title of a document attached to the report, if any


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign and what happens in it; its launching unit and name identify it."""

    key: str
    launching_unit: str
    run_by: str  # staff of the launching unit
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    theme: str = ""
    plan_number: str = ""
    plan_date: datetime.date | None = None
    scope: str = "subtree"  # CampaignScope
    levels: tuple[str, ...] = ()  # UnitLevel codes, for a subtree campaign
    participants: tuple[str, ...] = ()  # unit codes, for a campaign of chosen units
    registration_deadline: datetime.date | None = None
    phases: tuple[PhaseSpec, ...] = ()
    targets: tuple[TargetSpec, ...] = ()
    periods: tuple[PeriodSpec, ...] = ()
    registrations: tuple[RegistrationSpec, ...] = ()
    reports: tuple[ReportSpec, ...] = ()
    closing_note: str = ""  # closed with this note once everything is filed


@dataclass(frozen=True)
class OfficerSpec:
    year: int
    unit: str
    position: str  # OfficerPosition
    method: str  # OfficerMethod
    chosen_on: datetime.date
    minutes: str
    by: str


@dataclass(frozen=True)
class AgreementIndicatorSpec:
    code: str
    name: str
    max_points: Decimal
    method: str  # ScoringMethod
    target: Decimal | None = None  # the default target; members register theirs otherwise
    floor: Decimal | None = None
    bands: tuple[tuple[Decimal, Decimal], ...] = ()
    direction: str = "at_least"
    campaign_target: str = ""  # the code of the linked campaign indicator
    note: str = ""


@dataclass(frozen=True)
class AdjustmentItemSpec:
    kind: str  # AdjustmentKind
    code: str
    name: str
    points: Decimal
    max_points: Decimal | None = None


@dataclass(frozen=True)
class SignatureSpec:
    unit: str
    by: str
    signed_on: datetime.date
    signatory: str
    targets: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckSpec:
    """The cluster's cross-check of a sheet: lines not named are kept as claimed."""

    by: str
    scores: Mapping[str, tuple[Decimal, str]] = field(default_factory=dict)  # (value, note)
    adjustments: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # (count, note)
    note: str = ""


@dataclass(frozen=True)
class SheetSpec:
    """A member's self-assessment: a result per indicator (points for an assessed one) and the
    bonus and penalty items it claims; then the cluster's check."""

    unit: str
    by: str
    results: Mapping[str, Decimal]
    check: CheckSpec
    adjustments: Mapping[str, int] = field(default_factory=dict)
    evidence: Mapping[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class ProposalSpec:
    by: str
    units: tuple[str, ...]
    meeting_on: datetime.date
    minutes: str
    reason: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    year: int
    drawn_up_by: str  # staff of the year's head unit
    title: str
    indicators: tuple[AgreementIndicatorSpec, ...]
    signatures: tuple[SignatureSpec, ...]
    sheets: tuple[SheetSpec, ...]
    ranked_by: str
    proposal: ProposalSpec
    adjustments: tuple[AdjustmentItemSpec, ...] = ()
    leaders_to_propose: int = 1
    tie_breaks: tuple[str, ...] = ()
    campaign: str = ""  # CampaignSpec.key whose indicators the agreement's link to


@dataclass(frozen=True)
class ClusterSpec:
    """A cluster (or bloc) and its year; its forming unit and name identify it."""

    parent_unit: str
    formed_by: str  # staff of the forming unit
    name: str
    kind: str  # ClusterKind
    formed_on: datetime.date
    members: tuple[str, ...]
    officers: tuple[OfficerSpec, ...]
    agreement: AgreementSpec
    note: str = ""


# --- who files -----------------------------------------------------------------------------------

# The emulation staff of the units that file, where the demo has no account (demo.logins has one
# per role, demo.data.workflow.STAFF a few more): each unit's own clerk files its registrations,
# reports and score sheets, as the services want. No password: they appear in the history as who
# did what; nobody signs in as them until an administrator sets one.
STAFF: tuple[AccountSpec, ...] = (
    # Công đoàn Viên chức Việt Nam (Ban Chính sách – Pháp luật runs its emulation)
    AccountSpec("staff-clerk-cdvcvn", "Nguyễn Thị Thanh Hương", "clerk", "CDVCVN"),
    AccountSpec("staff-clerk-btp", "Trần Minh Đức", "clerk", "CDVCVN-BTP"),
    AccountSpec("staff-clerk-vhl", "Phạm Thị Lan Anh", "clerk", "CDVCVN-VHL"),
    AccountSpec("staff-clerk-khcn", "Đỗ Văn Hải", "clerk", "CDVCVN-KHCN"),
    AccountSpec("staff-clerk-dhl", "Vũ Thị Thu Trang", "clerk", "CDVCVN-BTP-DHL"),
    AccountSpec("staff-clerk-hvtp", "Lê Hoàng Nam", "clerk", "CDVCVN-BTP-HVTP"),
    AccountSpec("staff-clerk-vsh", "Ngô Thị Minh Nguyệt", "clerk", "CDVCVN-VHL-VSH"),
    AccountSpec("staff-clerk-vnnh", "Bùi Thị Hồng Nhung", "clerk", "CDVCVN-VHL-VNNH"),
    AccountSpec("staff-clerk-nlnt", "Đặng Văn Khoa", "clerk", "CDVCVN-KHCN-NLNT"),
    # Công đoàn Viên chức tỉnh Quảng Nam (Sở Tài chính: demo.data.workflow.STAFF)
    AccountSpec("staff-clerk-vpub", "Huỳnh Thị Kim Oanh", "clerk", "QNA-CDVC-VPUB"),
    AccountSpec("staff-clerk-snv", "Trương Công Hiếu", "clerk", "QNA-CDVC-SNV"),
    AccountSpec("staff-clerk-tct", "Lê Thị Ngọc Hân", "clerk", "QNA-CDVC-TCT"),
    # LĐLĐ huyện Đại Lộc (Lương Thúc Kỳ: demo.data.workflow.STAFF)
    AccountSpec("staff-clerk-ntr", "Võ Thị Thu Hiền", "clerk", "QNA-DLO-NTR"),
    AccountSpec("staff-clerk-mnan", "Nguyễn Thị Bích Ngọc", "clerk", "QNA-DLO-MNAN"),
    AccountSpec("staff-clerk-ttyt-dl", "Phan Thanh Tùng", "clerk", "QNA-DLO-TTYT"),
    AccountSpec("staff-clerk-dhi", "Đinh Văn Toàn", "clerk", "QNA-DLO-DHI"),
    # LĐLĐ tỉnh Tuyên Quang (Sơn Dương: demo.data.workflow.STAFF; its health centre: demo-clerk-tq)
    AccountSpec("staff-clerk-tqtp", "Ma Thị Hường", "clerk", "TQU-TP"),
    AccountSpec("staff-clerk-tqgd", "Quan Văn Thắng", "clerk", "TQU-GD"),
    AccountSpec("staff-clerk-tqkcn", "Lý Thị Thu Hà", "clerk", "TQU-KCN"),
    AccountSpec("staff-clerk-pth", "Hoàng Thị Mai", "clerk", "TQU-TP-PTH"),
    AccountSpec("staff-clerk-xm", "Trần Quốc Hưng", "clerk", "TQU-TP-XM"),
    AccountSpec("staff-clerk-ttr", "Triệu Văn Hùng", "clerk", "TQU-SDG-TTR"),
    AccountSpec("staff-clerk-che", "Nông Thị Lụa", "clerk", "TQU-SDG-CHE"),
    AccountSpec("staff-clerk-chuyen", "Phạm Thị Thanh Hoa", "clerk", "TQU-GD-CHUYEN"),
    AccountSpec("staff-clerk-thptsd", "Hà Văn Cường", "clerk", "TQU-GD-SDG"),
    AccountSpec("staff-clerk-giay", "Đào Thị Yến", "clerk", "TQU-KCN-GIAY"),
    AccountSpec("staff-clerk-lba", "Nguyễn Thị Hạnh", "clerk", "TQU-KCN-MAY"),
)


# --- 000: CĐVC Việt Nam, the ten-year review of "cơ quan văn hóa, ngày làm việc 8 giờ" ------------

CDVCVN_AFFILIATED = (
    ("CDVCVN-BTP", "staff-clerk-btp"),
    ("CDVCVN-VHL", "staff-clerk-vhl"),
    ("CDVCVN-KHCN", "staff-clerk-khcn"),
)

VH8H = CampaignSpec(
    key="vh8h",
    launching_unit="CDVCVN",
    run_by="staff-clerk-cdvcvn",
    name=(
        "Phong trào thi đua “Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, "
        "hiệu quả” trong các cấp Công đoàn Viên chức Việt Nam – tổng kết 10 năm (2007 – 2017)"
    ),
    theme=(
        "Đánh giá kết quả 10 năm thực hiện phong trào (xây dựng cơ quan văn hóa; ngày làm việc "
        "8 giờ có chất lượng, hiệu quả; gắn với các phong trào “Lao động giỏi, lao động sáng "
        "tạo”, “Giỏi việc nước, đảm việc nhà”, xây dựng cơ quan “Xanh - sạch - đẹp, đảm bảo an "
        "toàn vệ sinh lao động”), rút ra bài học kinh nghiệm, nhân rộng gương điển hình tiên "
        "tiến và đề ra phương hướng thực hiện phong trào trong thời gian tới. Thực hiện Chương "
        "trình công tác năm 2017 của Ban Thường vụ Công đoàn Viên chức Việt Nam."
    ),
    # The campaign was launched by this plan; the review is its last step (seed 000).
    plan_number="145/KH-CĐVC",
    plan_date=D(2007, 7, 4),
    starts_on=D(2007, 7, 4),
    ends_on=D(2017, 6, 30),
    phases=(
        PhaseSpec(
            1,
            "Tổng kết ở các Công đoàn trực thuộc và Công đoàn Viên chức tỉnh, thành phố",
            D(2017, 1, 1),
            D(2017, 5, 15),
            theme=(
                "Tổng kết bằng văn bản; gửi báo cáo tổng kết về Công đoàn Viên chức Việt Nam "
                "trước ngày 15/5/2017 (qua Ban Chính sách pháp luật), đồng thời gửi file văn "
                "bản vào địa chỉ Email: thiduacdvcvn@gmail.com."
            ),
        ),
        PhaseSpec(
            2,
            "Tổng kết của Công đoàn Viên chức Việt Nam",
            D(2017, 6, 1),
            D(2017, 6, 30),
            theme=(
                "Tổng hợp xây dựng báo cáo tổng kết 10 năm trong các cấp Công đoàn Viên chức "
                "Việt Nam; tổ chức Hội thảo về giải pháp đẩy mạnh phong trào thi đua."
            ),
        ),
    ),
    targets=(
        TargetSpec(
            code="tong-ket-10-nam",
            name=(
                "Tổ chức tổng kết 10 năm và gửi báo cáo tổng kết bằng văn bản (có số liệu cụ "
                "thể) về Công đoàn Viên chức Việt Nam"
            ),
            measure="yes_no",
            target=N(100),
            rollup="share_meeting",
            unit_threshold=N(1),
        ),
    ),
    periods=(
        PeriodSpec(
            key="tong-ket",
            kind="phase",
            name="Báo cáo tổng kết 10 năm (2007 – 2017)",
            starts_on=D(2017, 1, 1),
            ends_on=D(2017, 5, 15),
            due_on=D(2017, 5, 15),
            phase=1,
        ),
    ),
    reports=tuple(
        ReportSpec(
            period="tong-ket",
            unit=unit,
            by=clerk,
            values={"tong-ket-10-nam": N(1)},
            summary=(
                "Báo cáo tổng kết 10 năm (2007 – 2017) thực hiện phong trào thi đua “Xây dựng cơ "
                "quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả”: công tác chỉ đạo, "
                "kết quả thực hiện, đánh giá chung, bài học kinh nghiệm, kiến nghị, đề xuất."
            ),
            evidence="Báo cáo tổng kết 10 năm phong trào thi đua (2007 – 2017)",
        )
        for unit, clerk in CDVCVN_AFFILIATED
    ),
    closing_note=(
        "Công đoàn Viên chức Việt Nam tổng hợp báo cáo tổng kết 10 năm toàn ngành (tháng 6 năm "
        "2017); phong trào tiếp tục được đẩy mạnh theo phương hướng đã đề ra."
    ),
)


# --- 001: CĐVC Việt Nam, emulation of 2017 ----------------------------------------------------

CDVC_2017 = CampaignSpec(
    key="cdvc-2017",
    launching_unit="CDVCVN",
    run_by="staff-clerk-cdvcvn",
    name="Phát động thi đua năm 2017 trong các cấp Công đoàn Viên chức Việt Nam",
    theme=(
        "Thi đua lao động sản xuất và công tác với mục tiêu “Năng suất, chất lượng, hiệu quả "
        "cao, đảm bảo an toàn, vệ sinh lao động”; chủ đề năm 2017 của Chính phủ “Tăng cường kỷ "
        "cương, đề cao trách nhiệm, thi đua sáng tạo, phát triển nhanh và bền vững” và “Năm vì "
        "lợi ích đoàn viên” của Tổng Liên đoàn Lao động Việt Nam."
    ),
    starts_on=D(2017, 1, 1),
    ends_on=D(2017, 12, 31),
    phases=(
        PhaseSpec(
            1,
            "Đợt 1 (01/01/2017 – 30/6/2017)",
            D(2017, 1, 1),
            D(2017, 6, 30),
            theme=(
                "“Mừng Đảng, mừng xuân, mừng Đất nước đổi mới”; chào mừng kỷ niệm Ngày thống nhất "
                "đất nước 30/4, Ngày Quốc tế lao động 1/5 và Ngày sinh nhật Chủ tịch Hồ Chí Minh "
                "19/5; thi đua hưởng ứng tháng công nhân."
            ),
        ),
        PhaseSpec(
            2,
            "Đợt 2 (01/7/2017 – 31/12/2017)",
            D(2017, 7, 1),
            D(2017, 12, 31),
            theme=(
                "Chào mừng 88 năm ngày thành lập Công đoàn Việt Nam; 23 năm ngày thành lập Công "
                "đoàn Viên chức Việt Nam; chào mừng 72 năm Cách mạng Tháng Tám và Quốc khánh 2/9; "
                "chào mừng Đại hội công đoàn các cấp, tiến tới Đại hội XII Công đoàn Việt Nam, "
                "Đại hội V Công đoàn Viên chức Việt Nam; phấn đấu hoàn thành và hoàn thành vượt "
                "mức các chỉ tiêu phát triển kinh tế - xã hội năm 2017."
            ),
        ),
    ),
    targets=(
        TargetSpec(
            code="phat-dong-100",
            name="Phát động thi đua ngay từ đầu năm đến 100% đơn vị, cơ sở",
            measure="percent",
            target=N(100),
            rollup="share_meeting",
            unit_threshold=N(100),
            note="Mỗi Công đoàn trực thuộc báo cáo tỷ lệ đơn vị, cơ sở đã được phát động thi đua.",
        ),
    ),
    registrations=(
        RegistrationSpec(
            unit="CDVCVN-BTP",
            by="staff-clerk-btp",
            acknowledged_by="staff-clerk-cdvcvn",
            year=2017,
            targets={"phat-dong-100": N(100)},
            titles=("Cờ thi đua của Công đoàn Viên chức Việt Nam",),
            commitment=(
                "Phát động thi đua đến 100% công đoàn cơ sở ngay từ đầu năm; tổ chức thành công "
                "đại hội công đoàn cơ sở nhiệm kỳ 2017 – 2022."
            ),
        ),
        RegistrationSpec(
            unit="CDVCVN-VHL",
            by="staff-clerk-vhl",
            acknowledged_by="staff-clerk-cdvcvn",
            year=2017,
            targets={"phat-dong-100": N(100)},
            titles=("Bằng khen của Công đoàn Viên chức Việt Nam",),
            commitment=(
                "Phát động thi đua đến 100% công đoàn cơ sở; gắn phong trào “Lao động giỏi, lao "
                "động sáng tạo” với nghiên cứu khoa học."
            ),
        ),
        RegistrationSpec(
            unit="CDVCVN-KHCN",
            by="staff-clerk-khcn",
            acknowledged_by="staff-clerk-cdvcvn",
            year=2017,
            targets={"phat-dong-100": N(100)},
            titles=("Bằng khen của Công đoàn Viên chức Việt Nam",),
            commitment="Phát động thi đua đến 100% công đoàn cơ sở ngay từ đầu năm.",
        ),
    ),
    closing_note="Tổng kết phong trào thi đua năm 2017.",
)


# --- 002: CĐVC tỉnh Quảng Nam, 2019 ----------------------------------------------------------

QN_GRASSROOTS = (
    ("QNA-CDVC-VPUB", "staff-clerk-vpub"),
    ("QNA-CDVC-STC", "staff-clerk-stc"),
    ("QNA-CDVC-SNV", "staff-clerk-snv"),
    ("QNA-CDVC-TCT", "staff-clerk-tct"),
)

QN_2019 = CampaignSpec(
    key="qn-2019",
    launching_unit="QNA-CDVC",
    run_by="staff-reviewer-cdvc",
    name="Phát động tổ chức các phong trào thi đua năm 2019",
    theme=(
        "Năm đầu tiên thực hiện Nghị quyết Đại hội Công đoàn Viên chức tỉnh lần thứ VI, Công "
        "đoàn Quảng Nam lần thứ XVI, Công đoàn Việt Nam lần thứ XII, nhiệm kỳ 2018 - 2023: phong "
        "trào thi đua “Lao động giỏi”, “Lao động sáng tạo”; xây dựng cơ quan, đơn vị đạt chuẩn "
        "văn hóa; chào mừng 90 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2019)."
    ),
    plan_number="01/KH-CĐN",
    plan_date=D(2019, 1, 18),
    starts_on=D(2019, 1, 1),
    ends_on=D(2019, 12, 31),
    phases=(
        PhaseSpec(
            1,
            "Đợt 1 (từ đầu năm đến 31/7/2019)",
            D(2019, 1, 1),
            D(2019, 7, 31),
            theme=(
                "Thi đua lập thành tích chào mừng 89 năm ngày thành lập Đảng Cộng sản Việt Nam "
                "(03/02/1930-03/02/2019); kỷ niệm 44 năm ngày Giải phóng hoàn toàn miền Nam, "
                "thống nhất đất nước (30/4/1975-30/4/2019); 65 năm ngày Chiến thắng Điện Biên "
                "Phủ (07/5/1954-07/5/2019); Kỷ niệm 129 năm ngày sinh Chủ tịch Hồ Chí Minh "
                "(19/5/1890-19/5/2019); Tổ chức các hoạt động Tháng Công nhân và kỷ niệm ngày "
                "Quốc tế Lao động 1/5 và 71 năm ngày Truyền thống Thi đua yêu nước "
                "(11/6/1948-11/6/2019); Kỷ niệm 90 năm ngày thành lập Công đoàn Việt Nam "
                "(28/7/1929-28/7/2019)."
            ),
        ),
        PhaseSpec(
            2,
            "Đợt 2 (01/8/2019 – 31/12/2019)",
            D(2019, 8, 1),
            D(2019, 12, 31),
            theme=(
                "Thiết thực lập thành tích chào mừng kỷ niệm 74 năm Cách mạng tháng Tám và Quốc "
                "khánh nước Cộng hòa XHCN Việt Nam (02/9/1945-02/9/2019), 50 năm thực hiện Di "
                "chúc của Bác Hồ (1969-2019); nỗ lực phấn đấu hoàn thành vượt mức kế hoạch kinh "
                "tế - xã hội năm 2019, kỷ niệm 75 năm ngày thành lập Quân đội Nhân dân Việt Nam "
                "(22/12/1944-22/12/2019)."
            ),
        ),
    ),
    targets=(
        TargetSpec(
            code="cdcs-phat-dong",
            name=(
                "Công đoàn cơ sở tổ chức phát động phong trào thi đua phù hợp với tình hình thực "
                "tiễn"
            ),
            measure="yes_no",
            target=N(100),
            level=GRASSROOTS,
            rollup="share_meeting",
            unit_threshold=N(1),
        ),
    ),
    registrations=tuple(
        RegistrationSpec(
            unit=unit,
            by=clerk,
            acknowledged_by="staff-reviewer-cdvc",
            year=2019,
            targets={"cdcs-phat-dong": N(1)},
            titles=("Công đoàn cơ sở vững mạnh xuất sắc",),
            commitment=(
                "Phát động phong trào thi đua “Lao động giỏi”, “Lao động sáng tạo” trong toàn "
                "thể đoàn viên; tham gia Hội thi Sáng tạo kỹ thuật tỉnh Quảng Nam lần thứ 8 "
                "(2018-2019); báo cáo kết quả qua các đợt giao ban hằng quý."
            ),
        )
        for unit, clerk in QN_GRASSROOTS
    ),
    closing_note="Tổng kết phong trào thi đua năm 2019.",
)


# --- 003: LĐLĐ huyện Đại Lộc, "văn hóa công sở" 2019–2023 ---------------------------------------

# The agencies and public-service units of the district: the civil servants the plan is for.
DL_PUBLIC = (
    ("QNA-DLO-LTK", "staff-clerk-ltk"),
    ("QNA-DLO-NTR", "staff-clerk-ntr"),
    ("QNA-DLO-MNAN", "staff-clerk-mnan"),
    ("QNA-DLO-TTYT", "staff-clerk-ttyt-dl"),
    ("QNA-DLO-DHI", "staff-clerk-dhi"),
)

DL_VHCS = CampaignSpec(
    key="dl-vhcs",
    launching_unit="QNA-DLO",
    run_by="demo-reviewer-huyen",
    name=(
        "Phong trào thi đua “Cán bộ, công chức thi đua thực hiện văn hóa công sở” giai đoạn "
        "2019-2023 gắn với xây dựng cơ quan đạt chuẩn văn hóa"
    ),
    theme=(
        "Tập thể: “Thi đua xây dựng cơ quan văn minh, hiện đại, xanh, sạch, đẹp”. Cán bộ, công "
        "chức: “Thi đua thực hiện kỷ cương, trách nhiệm, tận tụy, chuyên nghiệp”. Thực hiện "
        "Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ và Công văn số 18/BCĐ "
        "ngày 01/8/2019 của Ban Chỉ đạo Phong trào “TDĐKXDĐSVH” huyện Đại Lộc."
    ),
    starts_on=D(2019, 10, 1),  # "từ quý IV năm 2019 đến năm 2023"
    ends_on=D(2023, 12, 31),
    scope="chosen_units",
    participants=tuple(unit for unit, _clerk in DL_PUBLIC),
    targets=(
        TargetSpec(
            code="dang-ky-ca-nhan",
            name=(
                "Cán bộ, công chức, viên chức xây dựng bản đăng ký thi đua thực hiện văn hóa "
                "công sở của từng cá nhân"
            ),
            measure="percent",
            target=N(100),
            level=GRASSROOTS,
            rollup="average",
        ),
    ),
    registrations=tuple(
        RegistrationSpec(
            unit=unit,
            by=clerk,
            acknowledged_by="demo-reviewer-huyen",
            year=2020,
            targets={"dang-ky-ca-nhan": N(100)},
            titles=("Cơ quan đạt chuẩn văn hóa",),
            commitment=(
                "100% cán bộ, công chức, viên chức xây dựng bản đăng ký cá nhân; thực hiện “4 "
                "xin, 4 luôn”; giữ gìn cơ quan văn minh, hiện đại, xanh, sạch, đẹp."
            ),
        )
        for unit, clerk in DL_PUBLIC
    ),
    closing_note=(
        "Kết thúc giai đoạn 2019 – 2023; kết quả từng năm được đánh giá tại Hội nghị cán bộ, "
        "công chức đầu năm sau."
    ),
)


# --- 004: LĐLĐ tỉnh Tuyên Quang, 2017 ------------------------------------------------------------

TQ_UPPER = ("TQU-TP", "TQU-SDG", "TQU-GD", "TQU-KCN")
TQ_UPPER_STAFF = {
    "TQU-TP": "staff-clerk-tqtp",
    "TQU-SDG": "staff-reviewer-sdg",
    "TQU-GD": "staff-clerk-tqgd",
    "TQU-KCN": "staff-clerk-tqkcn",
}
TQ_GRASSROOTS_STAFF = {
    "TQU-TP-PTH": "staff-clerk-pth",
    "TQU-TP-XM": "staff-clerk-xm",
    "TQU-SDG-TTYT": "demo-clerk-tq",
    "TQU-SDG-TTR": "staff-clerk-ttr",
    "TQU-SDG-CHE": "staff-clerk-che",
    "TQU-GD-CHUYEN": "staff-clerk-chuyen",
    "TQU-GD-SDG": "staff-clerk-thptsd",
    "TQU-KCN-GIAY": "staff-clerk-giay",
    "TQU-KCN-MAY": "staff-clerk-lba",
}


def _pct(code: str, name: str, target: int, *, direction: str = "at_least") -> TargetSpec:
    """A percentage reported by each upper-level union for its own units, averaged."""
    return TargetSpec(
        code=code,
        name=name,
        measure="percent",
        target=N(target),
        direction=direction,
        level=UPPER,
        rollup="average",
    )


# Section II of the plan, in its order (1 to 9đ).
TQ_TARGETS: tuple[TargetSpec, ...] = (
    _pct(
        "hoc-tap-hcsn",
        "Đoàn viên, CNVCLĐ khối hành chính sự nghiệp được học tập, quán triệt đầy đủ các chỉ "
        "thị, nghị quyết của Đảng, pháp luật của Nhà nước, các nghị quyết của tổ chức Công đoàn",
        100,
    ),
    _pct(
        "hoc-tap-sxkd",
        "Đoàn viên, người lao động khối sản xuất kinh doanh được học tập, quán triệt đầy đủ các "
        "chỉ thị, nghị quyết của Đảng, pháp luật của Nhà nước, các nghị quyết của tổ chức Công "
        "đoàn",
        80,
    ),
    TargetSpec(
        code="doan-vien-moi",
        name="Số đoàn viên phát triển tăng thêm thực tế",
        measure="count",
        target=N(2000),
        level=UPPER,
    ),
    TargetSpec(
        code="cdcs-moi",
        name="Công đoàn cơ sở thành lập mới có sử dụng từ 10 lao động trở lên",
        measure="count",
        target=N(15),
        level=UPPER,
    ),
    _pct(
        "thu-hut-doan-vien",
        "Tỷ lệ thu hút đoàn viên trong các doanh nghiệp",
        85,
        direction="more_than",
    ),
    _pct(
        "tap-huan-chuyen-trach",
        "Cán bộ công đoàn chuyên trách được tập huấn nghiệp vụ công tác công đoàn",
        100,
    ),
    _pct(
        "tap-huan-bch-moi",
        "Cán bộ công đoàn cơ sở mới tham gia Ban Chấp hành được tập huấn nghiệp vụ công tác "
        "công đoàn",
        100,
    ),
    TargetSpec(
        code="cdcs-vung-manh",
        name="Công đoàn cơ sở đạt tiêu chuẩn vững mạnh",
        measure="yes_no",
        target=N(80),
        direction="more_than",
        level=GRASSROOTS,
        rollup="share_meeting",
        unit_threshold=N(1),
    ),
    TargetSpec(
        code="cdcs-yeu",
        name="Công đoàn cơ sở xếp loại yếu",
        measure="yes_no",
        target=N(0),
        direction="at_most",
        level=GRASSROOTS,
        note="Không có công đoàn cơ sở xếp loại yếu.",
    ),
    TargetSpec(
        code="doan-vien-uu-tu",
        name=(
            "Đoàn viên công đoàn ưu tú được bồi dưỡng, giới thiệu để cấp uỷ Đảng xem xét, bồi "
            "dưỡng kết nạp vào Đảng Cộng sản Việt Nam (bình quân mỗi CĐCS)"
        ),
        measure="count",
        target=N(1),
        level=GRASSROOTS,
        rollup="average",
    ),
    TargetSpec(
        code="gia-dinh-van-hoa",
        name="Gia đình CNVCLĐ đạt danh hiệu “Gia đình văn hóa”",
        measure="percent",
        target=N(90),
        level=GRASSROOTS,
        rollup="average",
    ),
    TargetSpec(
        code="gioi-viec-nuoc",
        name="Nữ CNVCLĐ đạt danh hiệu “Giỏi việc nước, đảm việc nhà”",
        measure="percent",
        target=N(85),
        level=GRASSROOTS,
        rollup="average",
    ),
    TargetSpec(
        code="quy-mai-am",
        name="Vận động ủng hộ Quỹ “Mái ấm Công đoàn”",
        measure="money",
        target=N(700_000_000),
        level=UPPER,
    ),
    TargetSpec(
        code="nha-mai-am",
        name=("Hỗ trợ gia đình đoàn viên, CNVCLĐ sửa chữa và xây dựng nhà ở “Mái ấm Công đoàn”"),
        measure="count",
        target=N(30),
        level=UPPER,
    ),
    TargetSpec(
        code="cong-trinh",
        name=(
            "Công trình, sản phẩm, việc làm thiết thực lập thành tích chào mừng các ngày lễ lớn "
            "và Đại hội CĐCS nhiệm kỳ 2017-2022, Đại hội Công đoàn cấp trên trực tiếp cơ sở "
            "nhiệm kỳ 2018-2023 (bình quân mỗi CĐCS)"
        ),
        measure="count",
        target=N(1),
        level=GRASSROOTS,
        rollup="average",
    ),
    _pct(
        "hoi-nghi-cbccvc",
        "Cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập tổ chức hội nghị cán bộ, công "
        "chức, viên chức",
        100,
    ),
    _pct("hoi-nghi-nld-dnnn", "Doanh nghiệp nhà nước tổ chức hội nghị người lao động", 100),
    _pct(
        "hoi-nghi-nld-ngoai-nn",
        "Doanh nghiệp ngoài nhà nước có tổ chức Công đoàn tổ chức hội nghị người lao động",
        70,
    ),
    _pct(
        "doi-thoai-dnnn",
        "Doanh nghiệp nhà nước tổ chức đối thoại định kỳ giữa chủ doanh nghiệp với người lao động",
        60,
    ),
    _pct(
        "doi-thoai-ngoai-nn",
        "Doanh nghiệp ngoài nhà nước có tổ chức Công đoàn tổ chức đối thoại định kỳ giữa chủ "
        "doanh nghiệp với người lao động",
        45,
    ),
    _pct(
        "thoa-uoc",
        "Doanh nghiệp có tổ chức công đoàn tổ chức thương lượng, ký kết Thỏa ước lao động tập "
        "thể có những nội dung có lợi hơn cho người lao động so với quy định của pháp luật",
        70,
    ),
    _pct(
        "dao-tao-dnnn",
        "Doanh nghiệp nhà nước tổ chức cho 80% trở lên công nhân, lao động được đào tạo, bồi "
        "dưỡng, nâng cao trình độ học vấn, kỹ năng nghề nghiệp",
        100,
    ),
    _pct(
        "dao-tao-ngoai-nn",
        "Doanh nghiệp ngoài nhà nước nơi có tổ chức Công đoàn tổ chức cho 80% trở lên công "
        "nhân, lao động được đào tạo, bồi dưỡng, nâng cao trình độ học vấn, kỹ năng nghề nghiệp",
        55,
    ),
    _pct(
        "bhxh-bhyt",
        "Công nhân, lao động đang làm việc tại doanh nghiệp được tham gia bảo hiểm xã hội, bảo "
        "hiểm y tế",
        85,
    ),
    TargetSpec(
        code="kiem-tra-dn",
        name=(
            "Doanh nghiệp được thanh tra, kiểm tra, giám sát việc thực hiện pháp luật lao động "
            "và Công đoàn"
        ),
        measure="count",
        target=N(70),
        level=UPPER,
    ),
    _pct(
        "kiem-tra-cdcs-sxkd",
        "CĐCS khối sản xuất kinh doanh thuộc phân cấp quản lý được Công đoàn cấp trên cơ sở "
        "phối hợp kiểm tra, giám sát",
        40,
    ),
)

# What each upper-level union committed to for 2017 (they add up to the province's targets)
# and what it reported at mid-year and at year end. The cluster of the four (TQ_CLUSTER)
# registers the same targets with its head and scores the same results.
TQ_UPPER_TARGETS: dict[str, dict[str, Decimal]] = {
    "TQU-TP": {
        "doan-vien-moi": N(400),
        "cdcs-moi": N(4),
        "quy-mai-am": N(180_000_000),
        "nha-mai-am": N(8),
        "kiem-tra-dn": N(22),
    },
    "TQU-SDG": {
        "doan-vien-moi": N(350),
        "cdcs-moi": N(3),
        "quy-mai-am": N(170_000_000),
        "nha-mai-am": N(10),
        "kiem-tra-dn": N(18),
    },
    "TQU-GD": {
        "doan-vien-moi": N(150),
        "cdcs-moi": N(1),
        "quy-mai-am": N(140_000_000),
        "nha-mai-am": N(5),
    },
    "TQU-KCN": {
        "doan-vien-moi": N(1100),
        "cdcs-moi": N(7),
        "quy-mai-am": N(210_000_000),
        "nha-mai-am": N(7),
        "kiem-tra-dn": N(30),
    },
}
TQ_UPPER_TITLES = {
    "TQU-TP": "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
    "TQU-SDG": "Cờ thi đua của Liên đoàn Lao động tỉnh",
    "TQU-GD": "Bằng khen của Liên đoàn Lao động tỉnh",
    "TQU-KCN": "Cờ thi đua của Liên đoàn Lao động tỉnh",
}

# The education union has no enterprise and the industrial-zones union no agency: they leave
# those indicators empty, with a word why (an average counts only the units that reported).
NO_ENTERPRISE = "Không có doanh nghiệp thuộc phân cấp quản lý."
NO_AGENCY = "Không có cơ quan hành chính, đơn vị sự nghiệp thuộc phân cấp quản lý."
_ENTERPRISE_CODES = (
    "hoc-tap-sxkd",
    "thu-hut-doan-vien",
    "hoi-nghi-nld-dnnn",
    "hoi-nghi-nld-ngoai-nn",
    "doi-thoai-dnnn",
    "doi-thoai-ngoai-nn",
    "thoa-uoc",
    "dao-tao-dnnn",
    "dao-tao-ngoai-nn",
    "bhxh-bhyt",
    "kiem-tra-dn",
    "kiem-tra-cdcs-sxkd",
)
_AGENCY_CODES = ("hoc-tap-hcsn", "hoi-nghi-cbccvc")

# Rows of (indicator code, value of TQU-TP, TQU-SDG, TQU-GD, TQU-KCN); None: not reported.
Column = tuple[str, Decimal | None, Decimal | None, Decimal | None, Decimal | None]

_UPPER_YEAR_COLUMNS: tuple[Column, ...] = (
    ("hoc-tap-hcsn", N(100), N(100), N(100), None),
    ("hoc-tap-sxkd", N(86), N(82), None, N(78)),
    ("doan-vien-moi", N(412), N(356), N(148), N(1265)),
    ("cdcs-moi", N(4), N(5), N(1), N(7)),
    ("thu-hut-doan-vien", N("88.5"), N("86.2"), None, N("84.1")),
    ("tap-huan-chuyen-trach", N(100), N(100), N(100), N(100)),
    ("tap-huan-bch-moi", N(100), N(100), N(100), N(92)),
    ("quy-mai-am", N(198_500_000), N(176_000_000), N(142_300_000), N(221_700_000)),
    ("nha-mai-am", N(9), N(11), N(5), N(7)),
    ("hoi-nghi-cbccvc", N(100), N(100), N(100), None),
    ("hoi-nghi-nld-dnnn", N(100), N(100), None, N(100)),
    ("hoi-nghi-nld-ngoai-nn", N(74), N(71), None, N(79)),
    ("doi-thoai-dnnn", N(67), N(60), None, N(75)),
    ("doi-thoai-ngoai-nn", N(48), N(41), None, N(52)),
    ("thoa-uoc", N(72), N(66), None, N(76)),
    ("dao-tao-dnnn", N(100), N(100), None, N(100)),
    ("dao-tao-ngoai-nn", N(57), N(52), None, N(61)),
    ("bhxh-bhyt", N("91.4"), N("86.7"), None, N("83.2")),
    ("kiem-tra-dn", N(24), N(19), None, N(31)),
    ("kiem-tra-cdcs-sxkd", N(45), N(42), None, N(48)),
)
_UPPER_HALF_COLUMNS: tuple[Column, ...] = (
    ("doan-vien-moi", N(205), N(168), N(61), N(598)),
    ("cdcs-moi", N(2), N(2), N(0), N(3)),
    ("quy-mai-am", N(92_000_000), N(81_500_000), N(60_000_000), N(104_000_000)),
    ("nha-mai-am", N(4), N(5), N(2), N(3)),
    ("kiem-tra-dn", N(11), N(8), None, N(14)),
)

_GRASSROOTS_YEAR_COLUMNS = {
    # unit:      strong, weak, outstanding members, families %, women %, works
    "TQU-TP-PTH": (N(1), N(0), N(1), N(95), N(88), N(1)),
    "TQU-TP-XM": (N(1), N(0), N(2), N("92.5"), N(84), N(2)),
    "TQU-SDG-TTYT": (N(1), N(0), N(2), N(94), N(86), N(1)),
    "TQU-SDG-TTR": (N(1), N(0), N(1), N(96), N(82), N(1)),
    "TQU-SDG-CHE": (N(0), N(0), N(0), N(88), N(79), N(1)),
    "TQU-GD-CHUYEN": (N(1), N(0), N(2), N(97), N(90), N(2)),
    "TQU-GD-SDG": (N(1), N(0), N(1), N(95), N(87), N(1)),
    "TQU-KCN-GIAY": (N(1), N(0), N(1), N("86.5"), N("78.5"), N(1)),
    "TQU-KCN-MAY": (N(1), N(0), N(1), N(87), N(80), N(1)),
}
_GRASSROOTS_YEAR_CODES = (
    "cdcs-vung-manh",
    "cdcs-yeu",
    "doan-vien-uu-tu",
    "gia-dinh-van-hoa",
    "gioi-viec-nuoc",
    "cong-trinh",
)
# Mid-year, the grassroots unions report what they have done; ratings come at year end. The tea
# company's union sent no six-monthly report.
_GRASSROOTS_HALF = {
    "TQU-TP-PTH": (N(0), N(1)),
    "TQU-TP-XM": (N(1), N(1)),
    "TQU-SDG-TTYT": (N(1), N(1)),
    "TQU-SDG-TTR": (N(0), N(0)),
    "TQU-GD-CHUYEN": (N(1), N(1)),
    "TQU-GD-SDG": (N(0), N(1)),
    "TQU-KCN-GIAY": (N(1), N(0)),
    "TQU-KCN-MAY": (N(0), N(1)),
}
TQ_HALF_MISSING = "TQU-SDG-CHE"

# Commitments of the grassroots unions: strong, outstanding members, families %, women %, works.
_GRASSROOTS_TARGETS = {
    "TQU-TP-PTH": (N(1), N(95), N(88), "Công đoàn cơ sở vững mạnh xuất sắc"),
    "TQU-TP-XM": (N(2), N(92), N(85), "Bằng khen của Liên đoàn Lao động tỉnh"),
    "TQU-SDG-TTYT": (N(2), N(93), N(86), "Công đoàn cơ sở vững mạnh xuất sắc"),
    "TQU-SDG-TTR": (N(1), N(95), N(85), "Công đoàn cơ sở vững mạnh"),
    "TQU-SDG-CHE": (N(1), N(90), N(85), "Công đoàn cơ sở vững mạnh"),
    "TQU-GD-CHUYEN": (N(2), N(96), N(90), "Công đoàn cơ sở vững mạnh xuất sắc"),
    "TQU-GD-SDG": (N(1), N(95), N(88), "Công đoàn cơ sở vững mạnh xuất sắc"),
    "TQU-KCN-GIAY": (N(1), N(90), N(85), "Cờ thi đua của Liên đoàn Lao động tỉnh"),
    "TQU-KCN-MAY": (N(1), N(90), N(85), "Công đoàn cơ sở vững mạnh"),
}


def _upper_values(columns: tuple[Column, ...], unit: str) -> dict[str, Decimal | None]:
    """The values of `unit` (one of TQ_UPPER) in a table of rows (code, TP, SDG, GD, KCN)."""
    index = TQ_UPPER.index(unit)
    return {code: values[index] for code, *values in columns if values[index] is not None}


def _upper_notes(unit: str, codes: set[str]) -> dict[str, str]:
    if unit == "TQU-GD":
        return {code: NO_ENTERPRISE for code in _ENTERPRISE_CODES if code in codes}
    if unit == "TQU-KCN":
        return {code: NO_AGENCY for code in _AGENCY_CODES if code in codes}
    return {}


_YEAR_CODES = {row[0] for row in _UPPER_YEAR_COLUMNS}
_HALF_CODES = {row[0] for row in _UPPER_HALF_COLUMNS}

TQ_REGISTRATIONS: tuple[RegistrationSpec, ...] = (
    *(
        RegistrationSpec(
            unit=unit,
            by=TQ_UPPER_STAFF[unit],
            acknowledged_by="demo-reviewer-tq",
            year=2017,
            targets=TQ_UPPER_TARGETS[unit],
            titles=(TQ_UPPER_TITLES[unit],),
            commitment=(
                "Phát động và tổ chức các phong trào thi đua năm 2017 đến 100% công đoàn cơ sở; "
                "hướng dẫn các CĐCS đăng ký thi đua; báo cáo kết quả định kỳ 6 tháng và 01 năm."
            ),
            # The industrial zones first registered fewer new members than the province asked
            # of them; returned, they registered again.
            returned=(
                ReturnSpec(
                    by="demo-reviewer-tq",
                    reason=(
                        "Chỉ tiêu phát triển đoàn viên (900) thấp hơn số Liên đoàn Lao động tỉnh "
                        "giao cho Công đoàn các Khu công nghiệp (1.100 đoàn viên, trong tổng số "
                        "2.000 của toàn tỉnh). Đề nghị đăng ký lại."
                    ),
                    first_targets={**TQ_UPPER_TARGETS[unit], "doan-vien-moi": N(900)},
                )
                if unit == "TQU-KCN"
                else None
            ),
        )
        for unit in TQ_UPPER
    ),
    *(
        RegistrationSpec(
            unit=unit,
            by=clerk,
            acknowledged_by=TQ_UPPER_STAFF[unit.rsplit("-", 1)[0]],
            year=2017,
            targets={
                "cdcs-vung-manh": N(1),
                "doan-vien-uu-tu": _GRASSROOTS_TARGETS[unit][0],
                "gia-dinh-van-hoa": _GRASSROOTS_TARGETS[unit][1],
                "gioi-viec-nuoc": _GRASSROOTS_TARGETS[unit][2],
                "cong-trinh": N(1),
            },
            titles=(_GRASSROOTS_TARGETS[unit][3],),
            commitment=(
                "Đạt tiêu chuẩn công đoàn cơ sở vững mạnh; có ít nhất một công trình, sản phẩm "
                "chào mừng Đại hội công đoàn cơ sở nhiệm kỳ 2017-2022."
            ),
        )
        for unit, clerk in TQ_GRASSROOTS_STAFF.items()
    ),
    # Two people of the Sơn Dương health centre register too, filed by its clerk.
    RegistrationSpec(
        unit="TQU-SDG-TTYT",
        person="Hoàng Công Lộc",
        by="demo-clerk-tq",
        acknowledged_by="demo-clerk-tq",
        year=2017,
        titles=("Lao động giỏi",),
        commitment="Hoàn thành xuất sắc nhiệm vụ xét nghiệm; có một sáng kiến cải tiến kỹ thuật.",
    ),
    RegistrationSpec(
        unit="TQU-SDG-TTYT",
        person="Nông Thị Hiền",
        by="demo-clerk-tq",
        acknowledged_by="demo-clerk-tq",
        year=2017,
        titles=("Giỏi việc nước, đảm việc nhà", "Lao động giỏi"),
        commitment="Bảo đảm cung ứng thuốc kịp thời, an toàn; gia đình đạt “Gia đình văn hóa”.",
    ),
)

TQ_REPORTS: tuple[ReportSpec, ...] = (
    *(
        ReportSpec(
            period="h1",
            unit=unit,
            by=TQ_UPPER_STAFF[unit],
            values=_upper_values(_UPPER_HALF_COLUMNS, unit),
            notes=_upper_notes(unit, _HALF_CODES),
            summary="Kết quả thực hiện các chỉ tiêu thi đua 6 tháng đầu năm 2017.",
        )
        for unit in TQ_UPPER
    ),
    *(
        ReportSpec(
            period="h1",
            unit=unit,
            by=TQ_GRASSROOTS_STAFF[unit],
            values={"doan-vien-uu-tu": values[0], "cong-trinh": values[1]},
            summary="Kết quả 6 tháng đầu năm 2017; xếp loại công đoàn cơ sở vào cuối năm.",
        )
        for unit, values in _GRASSROOTS_HALF.items()
    ),
    *(
        ReportSpec(
            period="year",
            unit=unit,
            by=TQ_UPPER_STAFF[unit],
            values=_upper_values(_UPPER_YEAR_COLUMNS, unit),
            notes=_upper_notes(unit, _YEAR_CODES),
            summary="Báo cáo tổng kết phong trào thi đua năm 2017.",
            evidence="Báo cáo tổng kết phong trào thi đua năm 2017",
        )
        for unit in TQ_UPPER
    ),
    *(
        ReportSpec(
            period="year",
            unit=unit,
            by=TQ_GRASSROOTS_STAFF[unit],
            values=dict(zip(_GRASSROOTS_YEAR_CODES, values, strict=True)),
            notes=(
                {"cdcs-vung-manh": "Xếp loại khá: chưa đạt tiêu chuẩn vững mạnh."}
                if unit == "TQU-SDG-CHE"
                else {}
            ),
            summary="Báo cáo kết quả phong trào thi đua năm 2017.",
        )
        for unit, values in _GRASSROOTS_YEAR_COLUMNS.items()
    ),
)

TQ_2017 = CampaignSpec(
    key="tq-2017",
    launching_unit="TQU",
    run_by="demo-reviewer-tq",
    name=(
        "Phát động, tổ chức các phong trào thi đua trong các cấp Công đoàn và cán bộ, đoàn viên, "
        "CNVCLĐ - Năm 2017"
    ),
    theme=(
        "Chủ đề hoạt động của tổ chức Công đoàn năm 2017: “Năm vì lợi ích đoàn viên”. Hăng hái "
        "thi đua lao động sản xuất và công tác với mục tiêu “Năng suất - Chất lượng - Hiệu "
        "quả”; xây dựng tổ chức Công đoàn vững mạnh."
    ),
    plan_date=D(2017, 2, 7),
    starts_on=D(2017, 1, 1),
    ends_on=D(2017, 12, 31),
    levels=(UPPER, GRASSROOTS),
    targets=TQ_TARGETS,
    # "báo cáo kết quả các phong trào thi đua theo định kỳ 6 tháng và 01 năm (Có hướng dẫn
    # riêng)": the guidance is not in the seeds; these due dates are the demo's.
    periods=(
        PeriodSpec(
            key="h1",
            kind="half_year",
            name="Báo cáo 6 tháng đầu năm 2017",
            starts_on=D(2017, 1, 1),
            ends_on=D(2017, 6, 30),
            due_on=D(2017, 6, 15),
        ),
        PeriodSpec(
            key="year",
            kind="year",
            name="Báo cáo tổng kết năm 2017",
            starts_on=D(2017, 1, 1),
            ends_on=D(2017, 12, 31),
            due_on=D(2017, 12, 10),
        ),
    ),
    registrations=TQ_REGISTRATIONS,
    reports=TQ_REPORTS,
    closing_note=(
        "Tổng kết phong trào thi đua năm 2017: vượt các chỉ tiêu phát triển đoàn viên, thành lập "
        "công đoàn cơ sở, Quỹ “Mái ấm Công đoàn”; chưa đạt chỉ tiêu nữ CNVCLĐ “Giỏi việc nước, "
        "đảm việc nhà” và tập huấn cán bộ công đoàn cơ sở mới tham gia Ban Chấp hành."
    ),
)

CAMPAIGNS: tuple[CampaignSpec, ...] = (VH8H, CDVC_2017, QN_2019, DL_VHCS, TQ_2017)


# --- clusters ----------------------------------------------------------------------------------

# Tuyên Quang 2017: the upper-level unions' cluster (plan, section IV.4). The head of 2016 (the
# city federation, by rotation) organises the election of 2017's; the head of 2017 (Sơn Dương)
# draws up the agreement on the plan's indicators with each member's registered targets.
TQ_CLUSTER = ClusterSpec(
    parent_unit="TQU",
    formed_by="demo-reviewer-tq",
    name="Cụm thi đua các Công đoàn cấp trên trực tiếp cơ sở",
    kind="region",
    formed_on=D(2016, 1, 15),
    members=TQ_UPPER,
    officers=(
        OfficerSpec(
            2016, "TQU-TP", "head", "rotation", D(2016, 1, 15), "01/BB-CTĐ", "demo-reviewer-tq"
        ),
        OfficerSpec(
            2017, "TQU-SDG", "head", "election", D(2017, 2, 20), "01/BB-CTĐ", "staff-clerk-tqtp"
        ),
        OfficerSpec(
            2017, "TQU-GD", "deputy", "election", D(2017, 2, 20), "01/BB-CTĐ", "staff-clerk-tqtp"
        ),
    ),
    agreement=AgreementSpec(
        year=2017,
        drawn_up_by="staff-reviewer-sdg",
        title="Giao ước thi đua năm 2017 của Cụm thi đua các Công đoàn cấp trên trực tiếp cơ sở",
        campaign="tq-2017",
        indicators=(
            AgreementIndicatorSpec(
                "doan-vien-moi",
                "Số đoàn viên phát triển tăng thêm thực tế",
                N(30),
                "proportional",
                campaign_target="doan-vien-moi",
            ),
            AgreementIndicatorSpec(
                "cdcs-moi",
                "Công đoàn cơ sở thành lập mới có sử dụng từ 10 lao động trở lên",
                N(15),
                "proportional",
                campaign_target="cdcs-moi",
            ),
            AgreementIndicatorSpec(
                "quy-mai-am",
                "Vận động ủng hộ Quỹ “Mái ấm Công đoàn”",
                N(20),
                "proportional",
                campaign_target="quy-mai-am",
            ),
            AgreementIndicatorSpec(
                "nha-mai-am",
                "Nhà ở “Mái ấm Công đoàn” sửa chữa và xây dựng",
                N(10),
                "achieved",
                campaign_target="nha-mai-am",
            ),
            AgreementIndicatorSpec(
                "chi-dao",
                "Công tác chỉ đạo, tổ chức phong trào thi đua và tham gia hoạt động của Cụm",
                N(25),
                "assessed",
            ),
        ),
        adjustments=(
            AdjustmentItemSpec(
                "bonus",
                "mo-hinh-hay",
                "Mô hình, cách làm hay được Liên đoàn Lao động tỉnh biểu dương",
                N(2),
                N(4),
            ),
            AdjustmentItemSpec(
                "penalty",
                "bao-cao-cham",
                "Báo cáo định kỳ gửi chậm so với quy định",
                N(1),
                N(3),
            ),
        ),
        tie_breaks=("fewer_penalties", "indicator:doan-vien-moi"),
        signatures=tuple(
            SignatureSpec(
                unit=unit,
                by=TQ_UPPER_STAFF[unit],
                signed_on=D(2017, 2, 20),
                signatory="Chủ tịch",
                targets={
                    code: value
                    for code, value in TQ_UPPER_TARGETS[unit].items()
                    if code in {"doan-vien-moi", "cdcs-moi", "quy-mai-am", "nha-mai-am"}
                },
            )
            for unit in TQ_UPPER
        ),
        sheets=(
            SheetSpec(
                unit="TQU-TP",
                by="staff-clerk-tqtp",
                results={
                    "doan-vien-moi": N(412),
                    "cdcs-moi": N(4),
                    "quy-mai-am": N(198_500_000),
                    "nha-mai-am": N(9),
                    "chi-dao": N(22),
                },
                adjustments={"mo-hinh-hay": 1},
                evidence={"mo-hinh-hay": "Mô hình “Mái ấm Công đoàn – địa chỉ nhân ái”."},
                check=CheckSpec(by="staff-reviewer-sdg"),
            ),
            SheetSpec(
                unit="TQU-SDG",
                by="staff-reviewer-sdg",
                results={
                    "doan-vien-moi": N(356),
                    "cdcs-moi": N(5),
                    "quy-mai-am": N(176_000_000),
                    "nha-mai-am": N(11),
                    "chi-dao": N(24),
                },
                # The head's own sheet is checked by the deputy.
                check=CheckSpec(
                    by="staff-clerk-tqgd",
                    scores={
                        "chi-dao": (
                            N(23),
                            "Chưa tổ chức giao ban Cụm quý III theo Quy chế hoạt động.",
                        )
                    },
                ),
            ),
            SheetSpec(
                unit="TQU-GD",
                by="staff-clerk-tqgd",
                results={
                    "doan-vien-moi": N(148),
                    "cdcs-moi": N(1),
                    "quy-mai-am": N(142_300_000),
                    "nha-mai-am": N(5),
                    "chi-dao": N(20),
                },
                check=CheckSpec(by="staff-reviewer-sdg"),
            ),
            SheetSpec(
                unit="TQU-KCN",
                by="staff-clerk-tqkcn",
                results={
                    "doan-vien-moi": N(1265),
                    "cdcs-moi": N(7),
                    "quy-mai-am": N(221_700_000),
                    "nha-mai-am": N(7),
                    "chi-dao": N(22),
                },
                adjustments={"mo-hinh-hay": 2},
                check=CheckSpec(
                    by="staff-reviewer-sdg",
                    adjustments={
                        "bao-cao-cham": (
                            2,
                            "Báo cáo 6 tháng và báo cáo chuyên đề an toàn vệ sinh lao động gửi "
                            "chậm.",
                        )
                    },
                ),
            ),
        ),
        ranked_by="staff-reviewer-sdg",
        proposal=ProposalSpec(
            by="staff-reviewer-sdg",
            units=("TQU-TP",),
            meeting_on=D(2018, 1, 12),
            minutes="02/BB-CTĐ",
        ),
    ),
)

# Đại Lộc 2020: the bloc of the district's agencies and public-service units, the first full year
# of the "văn hóa công sở" campaign. The kindergarten and the high school tie on 98 points; the
# kindergarten, whose staff are nearly all women, comes first (PRIO-01).
DL_BLOC = ClusterSpec(
    parent_unit="QNA-DLO",
    formed_by="demo-reviewer-huyen",
    name="Khối thi đua các công đoàn cơ sở hành chính, sự nghiệp",
    kind="sector",
    formed_on=D(2020, 1, 10),
    members=tuple(unit for unit, _clerk in DL_PUBLIC),
    officers=(
        OfficerSpec(
            2020,
            "QNA-DLO-TTYT",
            "head",
            "election",
            D(2020, 1, 15),
            "01/BB-KTĐ",
            "demo-reviewer-huyen",
        ),
        OfficerSpec(
            2020,
            "QNA-DLO-LTK",
            "deputy",
            "election",
            D(2020, 1, 15),
            "01/BB-KTĐ",
            "demo-reviewer-huyen",
        ),
    ),
    agreement=AgreementSpec(
        year=2020,
        drawn_up_by="staff-clerk-ttyt-dl",
        title=(
            "Giao ước thi đua năm 2020 của Khối thi đua các công đoàn cơ sở hành chính, sự "
            "nghiệp huyện Đại Lộc"
        ),
        campaign="dl-vhcs",
        indicators=(
            AgreementIndicatorSpec(
                "dang-ky-van-hoa-cong-so",
                "Cán bộ, công chức, viên chức đăng ký thi đua thực hiện văn hóa công sở (%)",
                N(20),
                "linear",
                target=N(100),
                floor=N(80),
                campaign_target="dang-ky-ca-nhan",
            ),
            AgreementIndicatorSpec(
                "chuan-van-hoa",
                "Cơ quan, đơn vị được công nhận đạt chuẩn văn hóa năm 2020 (1: có, 0: không)",
                N(20),
                "achieved",
                target=N(1),
            ),
            AgreementIndicatorSpec(
                "ket-nap-doan-vien",
                "Kết nạp đoàn viên mới",
                N(20),
                "proportional",
            ),
            AgreementIndicatorSpec(
                "xep-loai-cdcs",
                (
                    "Kết quả xếp loại công đoàn cơ sở (4: vững mạnh xuất sắc; 3: vững mạnh; "
                    "2: hoàn thành nhiệm vụ; 1: yếu)"
                ),
                N(20),
                "bands",
                bands=((N(4), N(20)), (N(3), N(15)), (N(2), N(8))),
            ),
            AgreementIndicatorSpec(
                "phoi-hop",
                (
                    "Phối hợp với thủ trưởng cơ quan xây dựng môi trường làm việc văn minh, thực "
                    "hiện “4 xin, 4 luôn”"
                ),
                N(20),
                "assessed",
            ),
        ),
        adjustments=(
            AdjustmentItemSpec(
                "bonus",
                "mo-hinh-hay",
                "Mô hình, sáng kiến về văn hóa công sở được Liên đoàn Lao động huyện biểu dương",
                N(2),
                N(4),
            ),
            AdjustmentItemSpec(
                "penalty",
                "vi-pham",
                "Cán bộ, công chức, viên chức vi phạm kỷ luật hành chính, quy chế văn hóa công sở",
                N(3),
            ),
        ),
        tie_breaks=("women_majority", "more_indicators_met"),
        signatures=tuple(
            SignatureSpec(
                unit=unit,
                by=clerk,
                signed_on=D(2020, 1, 15),
                signatory="Chủ tịch Công đoàn cơ sở",
                targets={"ket-nap-doan-vien": target},
            )
            for (unit, clerk), target in zip(
                DL_PUBLIC, (N(4), N(2), N(2), N(12), N(2)), strict=True
            )
        ),
        sheets=(
            SheetSpec(
                unit="QNA-DLO-LTK",
                by="staff-clerk-ltk",
                results={
                    "dang-ky-van-hoa-cong-so": N(100),
                    "chuan-van-hoa": N(1),
                    "ket-nap-doan-vien": N(5),
                    "xep-loai-cdcs": N(4),
                    "phoi-hop": N(18),
                },
                check=CheckSpec(by="staff-clerk-ttyt-dl"),
            ),
            SheetSpec(
                unit="QNA-DLO-NTR",
                by="staff-clerk-ntr",
                results={
                    "dang-ky-van-hoa-cong-so": N(96),
                    "chuan-van-hoa": N(1),
                    "ket-nap-doan-vien": N(2),
                    "xep-loai-cdcs": N(3),
                    "phoi-hop": N(17),
                },
                check=CheckSpec(by="staff-clerk-ttyt-dl"),
            ),
            SheetSpec(
                unit="QNA-DLO-MNAN",
                by="staff-clerk-mnan",
                results={
                    "dang-ky-van-hoa-cong-so": N(100),
                    "chuan-van-hoa": N(1),
                    "ket-nap-doan-vien": N(2),
                    "xep-loai-cdcs": N(4),
                    "phoi-hop": N(16),
                },
                adjustments={"mo-hinh-hay": 1},
                evidence={"mo-hinh-hay": "Mô hình “Góc thân thiện – lớp học xanh”."},
                check=CheckSpec(by="staff-clerk-ttyt-dl"),
            ),
            SheetSpec(
                unit="QNA-DLO-TTYT",
                by="staff-clerk-ttyt-dl",
                results={
                    "dang-ky-van-hoa-cong-so": N(92),
                    "chuan-van-hoa": N(1),
                    "ket-nap-doan-vien": N(10),
                    "xep-loai-cdcs": N(4),
                    "phoi-hop": N(19),
                },
                check=CheckSpec(
                    by="staff-clerk-ltk",
                    scores={
                        "phoi-hop": (
                            N(18),
                            "Còn phản ánh của người bệnh về thái độ giao tiếp tại khoa Khám bệnh.",
                        )
                    },
                ),
            ),
            SheetSpec(
                unit="QNA-DLO-DHI",
                by="staff-clerk-dhi",
                results={
                    "dang-ky-van-hoa-cong-so": N(85),
                    "chuan-van-hoa": N(0),
                    "ket-nap-doan-vien": N(3),
                    "xep-loai-cdcs": N(3),
                    "phoi-hop": N(14),
                },
                check=CheckSpec(
                    by="staff-clerk-ttyt-dl",
                    adjustments={
                        "vi-pham": (
                            1,
                            "Một công chức bị nhắc nhở vì không chấp hành giờ làm việc.",
                        )
                    },
                ),
            ),
        ),
        ranked_by="staff-clerk-ttyt-dl",
        proposal=ProposalSpec(
            by="staff-clerk-ttyt-dl",
            units=("QNA-DLO-MNAN",),
            meeting_on=D(2021, 1, 8),
            minutes="02/BB-KTĐ",
        ),
    ),
)

# CĐVC Việt Nam 2017: the bloc of its training and research institutions.
CDVC_BLOC_MEMBERS = (
    ("CDVCVN-BTP-DHL", "staff-clerk-dhl"),
    ("CDVCVN-BTP-HVTP", "staff-clerk-hvtp"),
    ("CDVCVN-VHL-VSH", "staff-clerk-vsh"),
    ("CDVCVN-VHL-VNNH", "staff-clerk-vnnh"),
    ("CDVCVN-KHCN-NLNT", "staff-clerk-nlnt"),
)

CDVC_BLOC = ClusterSpec(
    parent_unit="CDVCVN",
    formed_by="staff-clerk-cdvcvn",
    name="Khối thi đua các đơn vị đào tạo, nghiên cứu khoa học",
    kind="sector",
    formed_on=D(2017, 1, 10),
    members=tuple(unit for unit, _clerk in CDVC_BLOC_MEMBERS),
    officers=(
        OfficerSpec(
            2017,
            "CDVCVN-BTP-HVTP",
            "head",
            "election",
            D(2017, 1, 20),
            "01/BB-KTĐ",
            "staff-clerk-cdvcvn",
        ),
        OfficerSpec(
            2017,
            "CDVCVN-VHL-VSH",
            "deputy",
            "election",
            D(2017, 1, 20),
            "01/BB-KTĐ",
            "staff-clerk-cdvcvn",
        ),
    ),
    agreement=AgreementSpec(
        year=2017,
        drawn_up_by="staff-clerk-hvtp",
        title="Giao ước thi đua năm 2017 của Khối thi đua các đơn vị đào tạo, nghiên cứu khoa học",
        indicators=(
            AgreementIndicatorSpec(
                "phat-dong",
                "Phát động thi đua ngay từ đầu năm đến 100% công đoàn bộ phận, tổ công đoàn (%)",
                N(10),
                "achieved",
                target=N(100),
            ),
            AgreementIndicatorSpec(
                "dai-hoi",
                (
                    "Tổ chức thành công đại hội công đoàn cơ sở nhiệm kỳ 2017 – 2022 "
                    "(1: có, 0: không)"
                ),
                N(15),
                "achieved",
                target=N(1),
            ),
            AgreementIndicatorSpec("ket-nap", "Kết nạp đoàn viên mới", N(20), "proportional"),
            AgreementIndicatorSpec(
                "nckh-sang-kien",
                "Đề tài nghiên cứu khoa học, sáng kiến được công nhận",
                N(15),
                "bands",
                bands=((N(1), N(5)), (N(3), N(10)), (N(5), N(15))),
            ),
            AgreementIndicatorSpec(
                "gioi-viec-nuoc",
                "Nữ đoàn viên đạt danh hiệu “Giỏi việc nước, đảm việc nhà” (%)",
                N(20),
                "linear",
                target=N(85),
                floor=N(50),
            ),
            AgreementIndicatorSpec(
                "vi-loi-ich-doan-vien",
                (
                    "Chăm lo đời sống, đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng của "
                    "đoàn viên (“Năm vì lợi ích đoàn viên”)"
                ),
                N(20),
                "assessed",
            ),
        ),
        adjustments=(
            AdjustmentItemSpec(
                "bonus",
                "dien-hinh",
                "Điển hình tiên tiến được Công đoàn Viên chức Việt Nam biểu dương",
                N(2),
                N(4),
            ),
            AdjustmentItemSpec(
                "penalty",
                "bao-cao-cham",
                "Báo cáo gửi chậm so với quy định",
                N(1),
                N(3),
            ),
        ),
        tie_breaks=("fewer_penalties", "more_bonus"),
        signatures=tuple(
            SignatureSpec(
                unit=unit,
                by=clerk,
                signed_on=D(2017, 1, 20),
                signatory="Chủ tịch Công đoàn cơ sở",
                targets={"ket-nap": target},
            )
            for (unit, clerk), target in zip(
                CDVC_BLOC_MEMBERS, (N(20), N(10), N(3), N(3), N(15)), strict=True
            )
        ),
        sheets=(
            SheetSpec(
                unit="CDVCVN-BTP-DHL",
                by="staff-clerk-dhl",
                results={
                    "phat-dong": N(100),
                    "dai-hoi": N(1),
                    "ket-nap": N(24),
                    "nckh-sang-kien": N(6),
                    "gioi-viec-nuoc": N(82),
                    "vi-loi-ich-doan-vien": N(18),
                },
                adjustments={"dien-hinh": 1},
                check=CheckSpec(by="staff-clerk-hvtp"),
            ),
            SheetSpec(
                unit="CDVCVN-BTP-HVTP",
                by="staff-clerk-hvtp",
                results={
                    "phat-dong": N(100),
                    "dai-hoi": N(1),
                    "ket-nap": N(10),
                    "nckh-sang-kien": N(4),
                    "gioi-viec-nuoc": N(86),
                    "vi-loi-ich-doan-vien": N(20),
                },
                check=CheckSpec(
                    by="staff-clerk-vsh",
                    scores={
                        "vi-loi-ich-doan-vien": (
                            N(19),
                            "Chưa tổ chức đối thoại định kỳ giữa thủ trưởng với viên chức.",
                        )
                    },
                ),
            ),
            SheetSpec(
                unit="CDVCVN-VHL-VSH",
                by="staff-clerk-vsh",
                results={
                    "phat-dong": N(100),
                    "dai-hoi": N(1),
                    "ket-nap": N(3),
                    "nckh-sang-kien": N(5),
                    "gioi-viec-nuoc": N(80),
                    "vi-loi-ich-doan-vien": N(17),
                },
                check=CheckSpec(by="staff-clerk-hvtp"),
            ),
            SheetSpec(
                unit="CDVCVN-VHL-VNNH",
                by="staff-clerk-vnnh",
                results={
                    "phat-dong": N(100),
                    "dai-hoi": N(1),
                    "ket-nap": N(2),
                    "nckh-sang-kien": N(3),
                    "gioi-viec-nuoc": N(88),
                    "vi-loi-ich-doan-vien": N(17),
                },
                check=CheckSpec(
                    by="staff-clerk-hvtp",
                    adjustments={"bao-cao-cham": (1, "Báo cáo sơ kết 6 tháng gửi chậm.")},
                ),
            ),
            SheetSpec(
                unit="CDVCVN-KHCN-NLNT",
                by="staff-clerk-nlnt",
                results={
                    "phat-dong": N(90),
                    "dai-hoi": N(1),
                    "ket-nap": N(18),
                    "nckh-sang-kien": N(9),
                    "gioi-viec-nuoc": N(70),
                    "vi-loi-ich-doan-vien": N(18),
                },
                adjustments={"dien-hinh": 2},
                check=CheckSpec(by="staff-clerk-hvtp"),
            ),
        ),
        ranked_by="staff-clerk-hvtp",
        proposal=ProposalSpec(
            by="staff-clerk-hvtp",
            units=("CDVCVN-BTP-DHL",),
            meeting_on=D(2018, 1, 16),
            minutes="02/BB-KTĐ",
        ),
    ),
)

CLUSTERS: tuple[ClusterSpec, ...] = (TQ_CLUSTER, DL_BLOC, CDVC_BLOC)
