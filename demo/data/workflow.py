"""The demo's nominations, council and decision: pure data, written by demo.workflow.

Every state a nomination can be in is here once at least (issue 3 §7), across the demo tree:
the garment company's grassroots union in Đại Lộc (demo-clerk), the Lương Thúc Kỳ high school in
Đại Lộc, the Finance Department under CĐ Viên chức tỉnh, and the Sơn Dương health centre in
Tuyên Quang. Each nomination says who files it and the steps it goes through, each step by the
person who holds that role, so that the history and the audit log read like real work:

    draft ........................ Lê Thị Mỹ Dung, Kỷ niệm chương (dossier not complete yet)
    in review at the district .... Nguyễn Văn Huy and Đinh Văn Bình, Giấy khen, one letter
    returned ..................... Nguyễn Thị Thắm, Bằng khen LĐLĐ, with reasons
    approved at one level ........ Nguyễn Thị Thu Hà (Bằng khen TLĐ), Huỳnh Văn Phúc (Quảng Nam),
                                   Nguyễn Văn Thành (Tuyên Quang): in review at the province
    at the council ............... Nguyễn Minh Sương (Sở Tài chính), not on an agenda yet
    withdrawn .................... Nguyễn Thị Hằng, Bằng khen LĐLĐ, with the reason
    rejected ..................... Hà Văn Tuấn (under a reprimand), Giấy khen, by Sơn Dương
    voted in one council session . Trần Thị Xuân (passed, awarded), Nguyễn Đình Long (passed,
                                   awarded, then revoked), the garment union's Cờ thi đua
                                   (secret ballot, passed, awaiting its decision), Phan Thị Mỹ
                                   Linh (below the threshold: not passed)

Names are those of the demo plan (demo.plan, demo.scenarios); the rule cases of demo.scenarios
keep their meaning (the Bằng khen TLĐ candidate is nominated for it; the teacher without last
year's provincial certificate is nominated for this year's, which does not change last year).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from demo.specs import AccountSpec

D = datetime.date

# Year-end nominations: the achievements of 2025, proposed at the review of the year (the
# regulation version in force on that date judges them).
YEAR = 2025
YEAR_END = D(2026, 1, 12)
YEAR_END_LABEL = "Tổng kết năm 2025"


# --- shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submit:
    """The clerk who filed the nomination sends it up."""


@dataclass(frozen=True)
class Review:
    by: str  # username of a reviewer at the unit the nomination is at
    outcome: str = "approved"  # nominations.models.ReviewOutcome value
    reason: str = ""


@dataclass(frozen=True)
class Withdraw:
    reason: str  # by the clerk who filed it


@dataclass(frozen=True)
class Claim:
    by: str  # takes the nomination's open task from the queue into their inbox


Step = Submit | Review | Withdraw | Claim


@dataclass(frozen=True)
class NominationSpec:
    """One nomination and what happens to it. Its nominee, award and year identify it: a
    nomination for them that exists already (whatever its state) means it was seeded."""

    key: str  # a short name for reports and tests ("returned")
    clerk: str  # username of the clerk of `unit` who files it
    unit: str  # the nominating unit
    award: str  # award code, in the catalogue version in force on `reference_date`
    achievements: str
    person: str = ""  # the nominee's full name, a person of the plan in `person_unit`
    person_unit: str = ""
    collective: str = ""  # or the nominee is this unit
    year: int = YEAR
    reference_date: datetime.date = YEAR_END
    period_label: str = YEAR_END_LABEL
    # The dossier documents attached; None: every document the award requires (but the
    # submission letter, when a letter carries the nomination: the signed letter stands for it).
    documents: tuple[str, ...] | None = None
    steps: tuple[Step, ...] = (Submit(),)


@dataclass(frozen=True)
class LetterSpec:
    """A submission letter (tờ trình) carrying several nominations of one unit to the next
    level. The steps of its nominations after `Submit` run once the letter is sent."""

    clerk: str
    unit: str
    number: str
    subject: str
    nominations: tuple[str, ...]  # keys


@dataclass(frozen=True)
class SeatSpec:
    username: str
    position: str  # nominations.models.CouncilPosition value
    title: str


@dataclass(frozen=True)
class CouncilSpec:
    unit: str
    name: str
    established_by: str
    started_on: datetime.date
    seats: tuple[SeatSpec, ...]


@dataclass(frozen=True)
class AgendaSpec:
    nomination: str  # key
    votes: tuple[tuple[str, str], ...]  # (username of a member present, VoteChoice value)


@dataclass(frozen=True)
class SessionSpec:
    """A session held, voted and closed; its title identifies it within the council."""

    unit: str  # the council's unit
    secretary: str
    title: str
    location: str
    attendance: tuple[tuple[str, bool, str], ...]  # (username, present, note)
    agenda: tuple[AgendaSpec, ...]
    # After the close: (key, username) for tasks taken into someone's inbox.
    claims: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DecisionSpec:
    """A decision drafted, issued with its number, and one of its awards revoked; its title
    identifies it within the deciding unit."""

    unit: str
    drafted_by: str
    signed_by: str
    title: str
    signer_title: str
    funding_source: str
    nominations: tuple[str, ...]  # keys
    revoke: tuple[str, str] | None = None  # (key, reason)


# --- who works the steps -------------------------------------------------------------------------

# People the workflow needs where the demo has no account (ACCOUNTS is one account per role, and
# the README lists it): the clerks of two more grassroots unions and the reviewers of two more
# upper-level unions. They appear in the history as who did what; they have no password, so
# nobody signs in as them until an administrator sets one.
STAFF: tuple[AccountSpec, ...] = (
    AccountSpec(
        username="staff-clerk-ltk",
        full_name="Trần Thị Diệu Hiền",
        role="clerk",
        unit="QNA-DLO-LTK",
    ),
    AccountSpec(
        username="staff-clerk-stc",
        full_name="Phạm Ngọc Bảo Trâm",
        role="clerk",
        unit="QNA-CDVC-STC",
    ),
    AccountSpec(
        username="staff-reviewer-cdvc",
        full_name="Lê Quang Vinh",
        role="reviewer",
        unit="QNA-CDVC",
    ),
    AccountSpec(
        username="staff-reviewer-sdg",
        full_name="Hoàng Thị Thu Trang",
        role="reviewer",
        unit="TQU-SDG",
    ),
)

# The council of the Quảng Nam federation. Its chair is the federation's president (QĐ 2106/
# QĐ-TLĐ art. 35, seeded as the composition rule), who is also the demo's signer; the three demo
# council members sit with him. Four members, within the rule's nine.
COUNCIL = CouncilSpec(
    unit="QNA",
    name="Hội đồng Thi đua – Khen thưởng Liên đoàn Lao động tỉnh Quảng Nam",
    established_by="Quyết định số 05/QĐ-LĐLĐ ngày 08/01/2024",
    started_on=D(2024, 1, 8),
    seats=(
        SeatSpec("demo-signer", "chair", "Chủ tịch Liên đoàn Lao động tỉnh"),
        SeatSpec("demo-council-1", "vice_chair", "Phó Chủ tịch Liên đoàn Lao động tỉnh"),
        SeatSpec("demo-council-2", "member", "Trưởng Ban Tuyên giáo"),
        SeatSpec("demo-council-3", "member", "Trưởng Ban Chính sách – Pháp luật"),
    ),
)


# --- the nominations ---------------------------------------------------------------------------

GARMENT = "QNA-DLO-MAY"
SCHOOL = "QNA-DLO-LTK"
FINANCE = "QNA-CDVC-STC"
HEALTH_TQ = "TQU-SDG-TTYT"

NOMINATIONS: tuple[NominationSpec, ...] = (
    NominationSpec(
        key="draft",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Lê Thị Mỹ Dung",
        person_unit=GARMENT,
        award="ky-niem-chuong",
        year=2026,
        reference_date=D(2026, 11, 2),
        period_label="Đợt 2 năm 2026",
        achievements=(
            "Có 21 năm tham gia công tác công đoàn: Ủy viên Ban Chấp hành Công đoàn cơ sở Công "
            "ty Cổ phần Dệt may Hòa Khánh (3/2005 – 5/2012); Ủy viên Ban Chấp hành (6/2012 – "
            "5/2016) và Chủ tịch Công đoàn cơ sở Công ty TNHH May mặc Trường Giang Đại Lộc (từ "
            "6/2016 đến nay, kiêm nhiệm). Chủ trì thương lượng, ký kết thỏa ước lao động tập thể "
            "năm 2023 với nhiều điều khoản có lợi hơn cho người lao động; Công đoàn cơ sở ba năm "
            "liền (2023–2025) hoàn thành xuất sắc nhiệm vụ."
        ),
        # Being prepared: the service record is in, the letter is not signed yet.
        documents=("xac-nhan-qua-trinh-cong-tac",),
        steps=(),
    ),
    NominationSpec(
        key="letter-claimed",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Nguyễn Văn Huy",
        person_unit=GARMENT,
        award="giay-khen-cd-cap-tren",
        achievements=(
            "Tổ trưởng chuyền may số 3; năm 2025 chuyền đạt 106% kế hoạch sản lượng, tỉ lệ hàng "
            "lỗi dưới 1,5%, không để xảy ra tai nạn lao động. Kèm cặp 8 công nhân mới vào nghề; "
            "tích cực vận động công nhân gia nhập Công đoàn và tham gia phong trào thi đua "
            "“Năng suất – Chất lượng – An toàn” do Công đoàn cơ sở phát động."
        ),
        steps=(Submit(), Claim("demo-reviewer-huyen")),
    ),
    NominationSpec(
        key="letter-queued",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Đinh Văn Bình",
        person_unit="QNA-DLO-MAY-VP",
        award="giay-khen-cd-cap-tren",
        achievements=(
            "Nhân viên xuất nhập khẩu; năm 2025 hoàn thành thủ tục hải quan cho 146 lô hàng xuất "
            "khẩu đúng hạn, không để phát sinh phạt chậm giao hàng. Tích cực tham gia phong trào "
            "văn hóa, thể thao của Công đoàn (giải Nhì môn cầu lông, Hội thao công nhân, viên "
            "chức, lao động huyện Đại Lộc năm 2025)."
        ),
    ),
    NominationSpec(
        key="returned",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Nguyễn Thị Thắm",
        person_unit="QNA-DLO-MAY-PX1",
        award="bang-khen-ldld",
        achievements=(
            "Quản đốc Phân xưởng May 1; năm 2025 phân xưởng vượt 8% kế hoạch sản lượng, không để "
            "xảy ra tai nạn lao động. Tác giả hai sáng kiến được công nhận năm 2025: “Cải tiến "
            "bàn là hơi giảm tiêu hao điện” (làm lợi 107,6 triệu đồng) và “Phần mềm theo dõi "
            "năng suất từng công đoạn”. Hai năm liền (2024, 2025) hoàn thành xuất sắc nhiệm vụ."
        ),
        steps=(
            Submit(),
            Review(
                "demo-reviewer-huyen",
                "returned",
                "1. Báo cáo thành tích chưa có ý kiến xác nhận của Giám đốc Công ty.\n"
                "2. Chưa gửi kèm quyết định công nhận sáng kiến “Cải tiến bàn là hơi giảm tiêu "
                "hao điện” của Hội đồng Sáng kiến cấp cơ sở.\n"
                "Đề nghị Công đoàn cơ sở bổ sung, hoàn thiện hồ sơ và gửi lại.",
            ),
            Claim("demo-clerk"),
        ),
    ),
    NominationSpec(
        key="at-province-claimed",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Nguyễn Thị Thu Hà",
        person_unit="QNA-DLO-MAY-PX1",
        award="bang-khen-tld",
        achievements=(
            "Công nhân may Phân xưởng May 1, hai năm liền (2024, 2025) hoàn thành xuất sắc nhiệm "
            "vụ. Tác giả hai sáng kiến được Hội đồng Sáng kiến cấp cơ sở công nhận: “Cữ gá may cổ "
            "áo sơ mi một lần gấp” (2024, làm lợi 95 triệu đồng) và “Sắp xếp lại thao tác may tay "
            "áo, giảm 12 giây mỗi sản phẩm” (2025, làm lợi 38 triệu đồng). Được tặng Bằng khen "
            "của Ban Chấp hành Liên đoàn Lao động tỉnh Quảng Nam năm 2024. Nhiệt tình kèm cặp "
            "công nhân mới vào nghề."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen"), Claim("demo-reviewer")),
    ),
    NominationSpec(
        key="at-province-queued",
        clerk="staff-clerk-ltk",
        unit=SCHOOL,
        person="Huỳnh Văn Phúc",
        person_unit=SCHOOL,
        award="bang-khen-ldld",
        achievements=(
            "Giáo viên Toán, hai năm liền (2024, 2025) hoàn thành xuất sắc nhiệm vụ. Tác giả sáng "
            "kiến “Ứng dụng phần mềm GeoGebra trong dạy học hình học không gian lớp 11” (2024) và "
            "“Hướng dẫn học sinh nghiên cứu khoa học kỹ thuật cấp tỉnh” (2025). Năm học 2024–2025 "
            "bồi dưỡng 3 học sinh đạt giải học sinh giỏi cấp tỉnh môn Toán; hướng dẫn 1 dự án đạt "
            "giải Ba Cuộc thi khoa học kỹ thuật cấp tỉnh."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen")),
    ),
    NominationSpec(
        key="at-province-tq",
        clerk="demo-clerk-tq",
        unit=HEALTH_TQ,
        person="Nguyễn Văn Thành",
        person_unit=HEALTH_TQ,
        award="bang-khen-ldld",
        achievements=(
            "Giám đốc Trung tâm Y tế huyện Sơn Dương, ba năm liền (2023–2025) hoàn thành xuất sắc "
            "nhiệm vụ. Chỉ đạo áp dụng các sáng kiến “Phòng ngừa té ngã cho người bệnh cao tuổi "
            "nằm viện” và “Giảm tỉ lệ nhiễm khuẩn vết mổ tại khoa Ngoại” (2025). Quan tâm, tạo "
            "điều kiện để Công đoàn cơ sở hoạt động; phối hợp tổ chức tốt hội nghị người lao "
            "động và thực hiện đầy đủ chế độ cho viên chức, người lao động."
        ),
        steps=(Submit(), Review("staff-reviewer-sdg")),
    ),
    NominationSpec(
        key="at-council-claimed",
        clerk="staff-clerk-stc",
        unit=FINANCE,
        person="Nguyễn Minh Sương",
        person_unit=FINANCE,
        award="bang-khen-ldld",
        achievements=(
            "Chuyên viên, ba năm liền (2023–2025) hoàn thành xuất sắc nhiệm vụ; Chiến sĩ thi đua "
            "cơ sở năm 2024. Tác giả sáng kiến “Chuẩn hóa biểu mẫu báo cáo thống kê định kỳ”, áp "
            "dụng tại Sở từ năm 2023, rút ngắn thời gian tổng hợp báo cáo quý. Tích cực tham gia "
            "các hoạt động của Công đoàn cơ sở và phong trào “Giỏi việc nước, đảm việc nhà”."
        ),
        steps=(
            Submit(),
            Review("staff-reviewer-cdvc"),
            Review("demo-reviewer"),
            Claim("demo-secretary"),
        ),
    ),
    NominationSpec(
        key="withdrawn",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Nguyễn Thị Hằng",
        person_unit="QNA-DLO-MAY-PX2",
        award="bang-khen-ldld",
        achievements=(
            "Quản đốc Phân xưởng May 2; phân xưởng hoàn thành 104% kế hoạch sản lượng năm 2025. "
            "Tác giả sáng kiến “Giá treo bán thành phẩm di động giữa các tổ” (2024, làm lợi 91,4 "
            "triệu đồng)."
        ),
        steps=(
            Submit(),
            Withdraw(
                "Năm 2025 chị Nguyễn Thị Hằng được đánh giá hoàn thành tốt nhiệm vụ, chưa đạt mức "
                "hoàn thành xuất sắc nhiệm vụ theo tiêu chuẩn Bằng khen. Ban Chấp hành Công đoàn "
                "cơ sở thống nhất rút hồ sơ, xem xét đề nghị vào năm sau."
            ),
        ),
    ),
    NominationSpec(
        key="rejected",
        clerk="demo-clerk-tq",
        unit=HEALTH_TQ,
        person="Hà Văn Tuấn",
        person_unit=HEALTH_TQ,
        award="giay-khen-cd-cap-tren",
        achievements=(
            "Điều dưỡng, năm 2025 tham gia trực cấp cứu, chăm sóc người bệnh nặng, hoàn thành "
            "nhiệm vụ được giao; tích cực tham gia hiến máu tình nguyện và các hoạt động văn "
            "nghệ do Công đoàn cơ sở tổ chức."
        ),
        steps=(
            Submit(),
            Review(
                "staff-reviewer-sdg",
                "rejected",
                "Anh Hà Văn Tuấn đang trong thời gian thi hành kỷ luật khiển trách theo Quyết định "
                "số 86/QĐ-TTYT ngày 05/9/2025 của Giám đốc Trung tâm Y tế huyện Sơn Dương (đến hết "
                "ngày 04/9/2026); năm 2025 được đánh giá hoàn thành nhiệm vụ. Không đủ tiêu chuẩn "
                "xét tặng Giấy khen năm 2025.",
            ),
        ),
    ),
    # The four of the council session below: approved by the district, then by the province.
    NominationSpec(
        key="awarded",
        clerk="staff-clerk-ltk",
        unit=SCHOOL,
        person="Trần Thị Xuân",
        person_unit=SCHOOL,
        award="bang-khen-ldld",
        achievements=(
            "Giáo viên Tiếng Anh, ba năm liền (2023–2025) hoàn thành xuất sắc nhiệm vụ; Chiến sĩ "
            "thi đua cơ sở năm 2025. Tác giả sáng kiến “Tổ chức câu lạc bộ tiếng Anh cho học sinh "
            "trung học”, câu lạc bộ thu hút hơn 150 học sinh tham gia. Bồi dưỡng 2 học sinh đạt "
            "giải học sinh giỏi cấp tỉnh môn Tiếng Anh năm học 2024–2025."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen"), Review("demo-reviewer")),
    ),
    NominationSpec(
        key="revoked",
        clerk="demo-clerk",
        unit=GARMENT,
        person="Nguyễn Đình Long",
        person_unit=GARMENT,
        award="bang-khen-ldld",
        achievements=(
            "Kỹ thuật viên chuyền, hoàn thành xuất sắc nhiệm vụ năm 2023 và năm 2025. Hướng dẫn "
            "công nhân bốn chuyền may chuyển đổi 9 mã hàng mới đúng tiến độ, tỉ lệ hàng đạt chất "
            "lượng ngay lần đầu 98,2%. Tác giả sáng kiến “Bộ gá may túi hậu quần âu” (2025, làm "
            "lợi 93,1 triệu đồng) và “Cải tiến cữ gá may cổ áo giảm thao tác” (2024)."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen"), Review("demo-reviewer")),
    ),
    NominationSpec(
        key="awaiting-decision",
        clerk="demo-clerk",
        unit=GARMENT,
        collective=GARMENT,
        award="co-thi-dua-ldld",
        achievements=(
            "Công đoàn cơ sở ba năm liền (2023–2025) được công nhận hoàn thành xuất sắc nhiệm vụ, "
            "dẫn đầu cụm thi đua các doanh nghiệp ngoài nhà nước huyện Đại Lộc năm 2025. Phối "
            "hợp với Công ty thực hiện thỏa ước lao động tập thể có lợi hơn cho người lao động, "
            "tổ chức đối thoại định kỳ, không để xảy ra tranh chấp lao động, ngừng việc tập thể. "
            "Tỉ lệ đoàn viên đạt trên 90% số lao động; phong trào lao động giỏi, lao động sáng "
            "tạo có 14 sáng kiến được công nhận trong năm."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen"), Review("demo-reviewer")),
    ),
    NominationSpec(
        key="not-passed",
        clerk="staff-clerk-ltk",
        unit=SCHOOL,
        person="Phan Thị Mỹ Linh",
        person_unit=SCHOOL,
        award="bang-khen-ldld",
        achievements=(
            "Giáo viên Toán, chuyển công tác từ Trường THCS Nguyễn Trãi về Trường THPT Lương Thúc "
            "Kỳ từ tháng 8/2024. Năm 2023 và năm 2024 hoàn thành xuất sắc nhiệm vụ, năm 2025 hoàn "
            "thành tốt nhiệm vụ. Tác giả sáng kiến “Một số biện pháp phụ đạo học sinh yếu môn "
            "Toán lớp 8” (2023). Chủ nhiệm lớp 10A5 đạt danh hiệu lớp tiên tiến năm học "
            "2024–2025."
        ),
        steps=(Submit(), Review("demo-reviewer-huyen"), Review("demo-reviewer")),
    ),
)

# One letter of the garment company's union to the Đại Lộc federation, carrying two of them.
LETTER = LetterSpec(
    clerk="demo-clerk",
    unit=GARMENT,
    number="18/TTr-CĐCS",
    subject=(
        "Đề nghị Ban Thường vụ Liên đoàn Lao động huyện Đại Lộc tặng Giấy khen cho 02 cá nhân "
        "có thành tích xuất sắc năm 2025"
    ),
    nominations=("letter-claimed", "letter-queued"),
)

# Three of the four members present (a two-thirds quorum); each award's threshold is half of
# those present. The Cờ thi đua is voted by secret ballot (its catalogue entry says so): the
# tally keeps the count, not who voted how.
SESSION = SessionSpec(
    unit="QNA",
    secretary="demo-secretary",
    title="Phiên họp xét khen thưởng tổng kết năm 2025",
    location="Phòng họp tầng 2, Liên đoàn Lao động tỉnh Quảng Nam",
    attendance=(
        ("demo-signer", True, ""),
        ("demo-council-1", True, ""),
        ("demo-council-2", True, ""),
        ("demo-council-3", False, "Đi công tác tại Hà Nội, có báo cáo vắng"),
    ),
    agenda=(
        AgendaSpec(
            "awarded",
            (("demo-signer", "yes"), ("demo-council-1", "yes"), ("demo-council-2", "yes")),
        ),
        AgendaSpec(
            "revoked",
            (("demo-signer", "yes"), ("demo-council-1", "yes"), ("demo-council-2", "abstain")),
        ),
        AgendaSpec(
            "awaiting-decision",
            (("demo-signer", "yes"), ("demo-council-1", "yes"), ("demo-council-2", "no")),
        ),
        AgendaSpec(
            "not-passed",
            (("demo-signer", "yes"), ("demo-council-1", "no"), ("demo-council-2", "no")),
        ),
    ),
    # The Cờ thi đua is left for a decision of its own, in the signer's inbox.
    claims=(("awaiting-decision", "demo-signer"),),
)

DECISION = DecisionSpec(
    unit="QNA",
    drafted_by="demo-secretary",
    signed_by="demo-signer",
    title=(
        "Quyết định về việc tặng Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh Quảng Nam "
        "cho các cá nhân có thành tích xuất sắc năm 2025"
    ),
    signer_title="Chủ tịch",
    funding_source="Quỹ thi đua, khen thưởng của Liên đoàn Lao động tỉnh Quảng Nam",
    nominations=("awarded", "revoked"),
    revoke=(
        "revoked",
        "Qua kiểm tra sau khen thưởng theo phản ánh của người lao động: sáng kiến “Bộ gá may "
        "túi hậu quần âu” nêu trong báo cáo thành tích là sáng kiến của tập thể Phòng Kỹ thuật "
        "Công ty, anh Nguyễn Đình Long không phải tác giả. Hồ sơ đề nghị kê khai không đúng "
        "thành tích; thu hồi Bằng khen theo Chương VII Luật Thi đua, khen thưởng số "
        "06/2022/QH15.",
    ),
)
