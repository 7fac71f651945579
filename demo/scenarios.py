"""Handwritten demo people whose records exercise the commendation rules (regulations.md §B, §E).

Each one is a case a clerk, reviewer or council will meet: someone who meets the criteria of the
Bằng khen of the Tổng Liên đoàn and someone who misses one; the thresholds of the Bằng Lao động
sáng tạo on each side; the commemorative medal with its multipliers, its exclusions (the former
Huy chương, an open complaint) and its "once in a lifetime"; sanctions in force and expired; a
transfer within the year. The generated people (demo.plan) fill the units around them.

Names used in demo.logins hints are constants here, so the hints stay true.
"""

from __future__ import annotations

import datetime

from demo.plan import PlanBuilder
from demo.specs import (
    AwardSpec,
    CollectiveRecordsSpec,
    PendingCaseSpec,
    PersonSpec,
    SanctionSpec,
    ServicePeriodSpec,
)

D = datetime.date

# People the demo accounts' hints point to.
BK_TLD_CANDIDATE = "Nguyễn Thị Thu Hà"  # garment worker: meets art. 14 and the LĐST threshold
BK_TLD_MISSING_PROVINCIAL = "Huỳnh Văn Phúc"  # teacher: no Bằng khen of the province last year
TRANSFERRED_TEACHER = "Phan Thị Mỹ Linh"
CHAIR_WITH_COMPLAINT = "Võ Văn Thành"
MEDAL_CANDIDATE = "Lê Thị Mỹ Dung"  # part-time chair in a non-state enterprise (×2)
FORMER_HUY_CHUONG = "Phan Văn Hùng"
SANCTIONED_WORKER = "Trương Văn Hải"
LEADER_OVER_THRESHOLD = "Ma Văn Quyết"


def scenario_people(b: PlanBuilder) -> list[PersonSpec]:
    """The handwritten people, each in the unit it belongs to now (codes are given later)."""
    people = [
        *_quang_nam(b),
        *_tuyen_quang(b),
        *_cdvc_viet_nam(b),
    ]
    for person in people:
        b.reserve_name(person.full_name)
        for initiative in person.initiatives:
            b.claim_title(person.unit, initiative.title)
    return people


def _quang_nam(b: PlanBuilder) -> list[PersonSpec]:
    garment_px1 = "QNA-DLO-MAY-PX1"
    garment = "QNA-DLO-MAY"
    school = "QNA-DLO-LTK"
    lower_school = "QNA-DLO-NTR"
    return [
        PersonSpec(
            code="",
            full_name=BK_TLD_CANDIDATE,
            gender="female",
            birth_date=D(1990, 3, 14),
            education_level="vocational",
            unit=garment_px1,
            started_on=D(2013, 5, 2),
            position="Công nhân may",
            ratings=b.ratings(garment_px1, {2023: "HTTNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                b.initiative(
                    garment_px1, "Cữ gá may cổ áo sơ mi một lần gấp", 2024, value_million=95
                ),
                b.initiative(
                    garment_px1,
                    "Sắp xếp lại thao tác may tay áo, giảm 12 giây mỗi sản phẩm",
                    2025,
                    value_million=38,
                ),
            ),
            awards=(
                b.award("giay-khen", garment_px1, 2023),
                b.award("bang-khen-tinh", garment_px1, 2024),
            ),
        ),
        PersonSpec(
            code="",
            full_name=MEDAL_CANDIDATE,
            gender="female",
            birth_date=D(1979, 11, 2),
            education_level="university",
            unit=garment,
            started_on=D(2012, 6, 1),
            position="Trưởng phòng Hành chính – Nhân sự, Chủ tịch Công đoàn cơ sở",
            is_leader=True,
            ratings=b.ratings(garment, {2023: "HTXSNV", 2024: "HTTNV", 2025: "HTXSNV"}),
            service_periods=(
                ServicePeriodSpec(
                    unit_category="grassroots_non_state",
                    mode="part_time",
                    unit_name="Công đoàn cơ sở Công ty Cổ phần Dệt may Hòa Khánh",
                    position="Ủy viên Ban Chấp hành",
                    committee="executive",
                    started_on=D(2005, 3, 1),
                    ended_on=D(2012, 5, 31),
                ),
                ServicePeriodSpec(
                    unit_category="grassroots_non_state",
                    mode="part_time",
                    unit=garment,
                    position="Ủy viên Ban Chấp hành",
                    committee="executive",
                    started_on=D(2012, 6, 1),
                    ended_on=D(2016, 5, 31),
                ),
                ServicePeriodSpec(
                    unit_category="grassroots_non_state",
                    mode="part_time",
                    unit=garment,
                    position="Chủ tịch Công đoàn cơ sở",
                    committee="executive",
                    term_label="2022–2027",
                    started_on=D(2016, 6, 1),
                ),
            ),
            awards=(
                b.award("giay-khen", garment, 2019),
                b.award("bang-khen-tinh", garment, 2022),
            ),
        ),
        PersonSpec(
            code="",
            full_name=BK_TLD_MISSING_PROVINCIAL,
            gender="male",
            birth_date=D(1982, 7, 9),
            education_level="master",
            unit=school,
            started_on=D(2006, 8, 15),
            position="Giáo viên",
            ratings=b.ratings(school, {2023: "HTTNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                b.initiative(
                    school,
                    "Ứng dụng phần mềm GeoGebra trong dạy học hình học không gian lớp 11",
                    2024,
                ),
                b.initiative(
                    school, "Hướng dẫn học sinh nghiên cứu khoa học kỹ thuật cấp tỉnh", 2025
                ),
            ),
            awards=(b.award("giay-khen", school, 2024),),
        ),
        PersonSpec(
            code="",
            full_name=TRANSFERRED_TEACHER,
            gender="female",
            birth_date=D(1988, 1, 23),
            education_level="university",
            unit=school,
            previous_unit=lower_school,
            previous_started_on=D(2011, 8, 15),
            transferred_on=D(2024, 8, 15),
            started_on=D(2024, 8, 15),
            position="Giáo viên",
            note="Chuyển công tác từ Trường THCS Nguyễn Trãi ngày 15/8/2024.",
            # The old school rated her for 2023; the new one rates 2024 with the old school's
            # comments, since she worked there more than six months of the year (§B.4).
            ratings=(
                *b.ratings(lower_school, {2023: "HTXSNV"}),
                *b.ratings(school, {2024: "HTXSNV", 2025: "HTTNV"}),
            ),
            initiatives=(
                b.initiative(
                    lower_school, "Một số biện pháp phụ đạo học sinh yếu môn Toán lớp 8", 2023
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name=CHAIR_WITH_COMPLAINT,
            gender="male",
            birth_date=D(1970, 4, 30),
            education_level="university",
            unit=lower_school,
            started_on=D(1994, 8, 15),
            position="Giáo viên, Chủ tịch Công đoàn cơ sở",
            ratings=b.ratings(lower_school, {2023: "HTXSNV", 2024: "HTTNV", 2025: "HTTNV"}),
            service_periods=(
                ServicePeriodSpec(
                    unit_category="grassroots_state",
                    mode="part_time",
                    unit=lower_school,
                    position="Ủy viên Ban Chấp hành",
                    committee="executive",
                    started_on=D(2004, 10, 1),
                    ended_on=D(2012, 9, 30),
                ),
                ServicePeriodSpec(
                    unit_category="grassroots_state",
                    mode="part_time",
                    unit=lower_school,
                    position="Chủ tịch Công đoàn cơ sở",
                    committee="executive",
                    term_label="2022–2027",
                    started_on=D(2012, 10, 1),
                ),
            ),
            pending_cases=(
                PendingCaseSpec(
                    kind="complaint",
                    opened_on=D(2026, 9, 21),
                    summary="Đơn của một số đoàn viên phản ánh việc công khai thu, chi quỹ công "
                    "đoàn cơ sở năm 2025 chưa đầy đủ; Ủy ban Kiểm tra LĐLĐ huyện đang xác minh.",
                ),
            ),
            awards=(
                b.award("giay-khen", lower_school, 2018),
                b.award("bang-khen-tinh", lower_school, 2020),
            ),
        ),
        PersonSpec(
            code="",
            full_name=SANCTIONED_WORKER,
            gender="male",
            birth_date=D(1986, 12, 5),
            education_level="general",
            unit="QNA-DLO-VLXD",
            started_on=D(2009, 3, 1),
            position="Công nhân vận hành lò nung",
            ratings=b.ratings("QNA-DLO-VLXD", {2023: "HTTNV", 2024: "HTTNV", 2025: "HTNV"}),
            sanctions=(
                SanctionSpec(
                    form="reprimand",
                    decision_number="07/QĐ-VLXD",
                    decided_on=D(2026, 3, 20),
                    effective_from=D(2026, 3, 20),
                    effective_to=D(2027, 3, 19),
                    issuer="Giám đốc Công ty Cổ phần Vật liệu xây dựng Đại Lộc",
                    reason="Không sử dụng phương tiện bảo vệ cá nhân khi vận hành lò nung, vi "
                    "phạm nội quy an toàn lao động.",
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Lê Văn Tín",
            gender="male",
            birth_date=D(1984, 9, 17),
            education_level="university",
            unit="QNA-CDVC-STC",
            started_on=D(2008, 4, 1),
            position="Chuyên viên",
            # A civil servant disciplined in a year is rated "did not complete duties" for it.
            ratings=b.ratings("QNA-CDVC-STC", {2023: "KHTNV", 2024: "HTNV", 2025: "HTTNV"}),
            sanctions=(
                SanctionSpec(
                    form="warning",
                    decision_number="112/QĐ-STC",
                    decided_on=D(2023, 6, 12),
                    effective_from=D(2023, 6, 12),
                    effective_to=D(2024, 6, 11),
                    issuer="Giám đốc Sở Tài chính tỉnh Quảng Nam",
                    reason="Chậm thẩm định quyết toán vốn đầu tư, ảnh hưởng đến tiến độ chung "
                    "của Sở.",
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Đinh Văn Khoa",
            gender="male",
            birth_date=D(1983, 2, 11),
            education_level="university",
            unit="QNA-DLO-DHI",
            started_on=D(2010, 7, 1),
            position="Công chức Địa chính – Xây dựng",
            ratings=b.ratings("QNA-DLO-DHI", {2023: "HTTNV", 2024: "HTTNV", 2025: "HTTNV"}),
            pending_cases=(
                PendingCaseSpec(
                    kind="disciplinary_review",
                    opened_on=D(2025, 3, 10),
                    resolved_on=D(2025, 5, 20),
                    summary="Xem xét trách nhiệm trong việc thẩm định hồ sơ cấp giấy chứng nhận "
                    "quyền sử dụng đất cho một hộ dân.",
                    resolution="Hội đồng kỷ luật kết luận không có vi phạm; không xử lý kỷ luật.",
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Lê Thị Hoa",
            gender="female",
            birth_date=D(1978, 5, 26),
            education_level="master",
            unit="QNA-DLO-TTYT",
            started_on=D(2003, 9, 1),
            position="Bác sĩ",
            ratings=b.ratings("QNA-DLO-TTYT", {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTTNV"}),
            initiatives=(
                b.initiative(
                    "QNA-DLO-TTYT",
                    "Gây tê tủy sống liều thấp trong mổ lấy thai tại bệnh viện tuyến huyện",
                    2019,
                    level="provincial",
                ),
            ),
            awards=(
                AwardSpec(
                    award_name="Giải Ba Hội thi Sáng tạo kỹ thuật tỉnh Quảng Nam lần thứ 8 "
                    "(2018–2019)",
                    year=2019,
                    decision_number="3125/QĐ-UBND",
                    decision_date=D(2019, 10, 18),
                    deciding_body="Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam",
                ),
                b.award("bang-khen-tinh", "QNA-DLO-TTYT", 2019),
            ),
        ),
        # Staff of the union bodies: long careers, the commemorative medal and its former form.
        PersonSpec(
            code="",
            full_name=FORMER_HUY_CHUONG,
            gender="male",
            birth_date=D(1967, 8, 19),
            education_level="university",
            unit="QNA",
            started_on=D(1998, 3, 1),
            position="Trưởng Ban Tổ chức",
            is_leader=True,
            ratings=b.ratings("QNA", {2023: "HTXSNV", 2024: "HTTNV", 2025: "HTTNV"}),
            service_periods=(
                ServicePeriodSpec(
                    unit_category="grassroots_state",
                    mode="part_time",
                    unit_name="Công đoàn cơ sở Nhà máy Đường Quảng Nam (đã giải thể)",
                    position="Phó Chủ tịch Công đoàn cơ sở",
                    committee="executive",
                    started_on=D(1990, 5, 1),
                    ended_on=D(1998, 2, 28),
                ),
                ServicePeriodSpec(
                    unit_category="union_body",
                    mode="full_time",
                    unit="QNA",
                    position="Trưởng Ban Tổ chức",
                    committee="standing",
                    term_label="2023–2028",
                    started_on=D(1998, 3, 1),
                ),
            ),
            awards=(
                AwardSpec(
                    # The former form of today's Kỷ niệm chương: no catalogue entry, and its
                    # holders are not considered for the Kỷ niệm chương (regulations.md §B.1).
                    award_name="Huy chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
                    year=2003,
                    decision_number="1123/QĐ-TLĐ",
                    decision_date=D(2003, 7, 22),
                    deciding_unit="TLD",
                    deciding_body="Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
                    note="Hình thức trước đây của Kỷ niệm chương cùng tên.",
                ),
                b.award("bang-khen-tld", "QNA", 2015),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Huỳnh Thị Kim Oanh",
            gender="female",
            birth_date=D(1975, 10, 3),
            education_level="master",
            unit="QNA-DLO",
            started_on=D(2004, 7, 1),
            position="Phó Chủ tịch",
            is_leader=True,
            ratings=b.ratings("QNA-DLO", {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            service_periods=(
                ServicePeriodSpec(
                    unit_category="grassroots_state",
                    mode="part_time",
                    unit=lower_school,
                    position="Ủy viên Ban Chấp hành",
                    committee="executive",
                    started_on=D(1998, 10, 1),
                    ended_on=D(2004, 6, 30),
                ),
                ServicePeriodSpec(
                    unit_category="union_body",
                    mode="full_time",
                    unit="QNA-DLO",
                    position="Phó Chủ tịch",
                    committee="standing",
                    term_label="2023–2028",
                    started_on=D(2004, 7, 1),
                ),
            ),
            awards=(
                b.award("bang-khen-tinh", "QNA-DLO", 2021),
                b.award("bang-khen-tld", "QNA-DLO", 2023),
            ),
        ),
    ]


def _tuyen_quang(b: PlanBuilder) -> list[PersonSpec]:
    cement = "TQU-TP-XM"
    footwear = "TQU-KCN-GIAY"
    return [
        PersonSpec(
            code="",
            full_name=LEADER_OVER_THRESHOLD,
            gender="male",
            birth_date=D(1976, 6, 12),
            education_level="university",
            unit=cement,
            started_on=D(1999, 3, 1),
            position="Quản đốc Phân xưởng Lò nung",
            is_leader=True,
            ratings=b.ratings(cement, {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                b.initiative(
                    cement,
                    "Tận dụng nhiệt thu hồi từ ghi làm mát clinker để sấy nguyên liệu",
                    2025,
                    value_million=230,
                ),
            ),
            awards=(b.award("bang-khen-tinh", cement, 2023),),
        ),
        PersonSpec(
            code="",
            full_name="Hoàng Minh Đức",
            gender="male",
            birth_date=D(1981, 1, 30),
            education_level="university",
            unit=cement,
            started_on=D(2005, 8, 1),
            position="Trưởng phòng Kỹ thuật",
            is_leader=True,
            ratings=b.ratings(cement, {2023: "HTTNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                # Above the 150 million of staff with a degree, below the 200 of leaders.
                b.initiative(
                    cement,
                    "Biến tần cho quạt hút lò nung giảm điện năng tiêu thụ",
                    2025,
                    value_million=170,
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Nông Thị Hạnh",
            gender="female",
            birth_date=D(1989, 4, 4),
            education_level="university",
            unit=cement,
            started_on=D(2012, 9, 1),
            position="Kỹ sư công nghệ",
            ratings=b.ratings(cement, {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTTNV"}),
            initiatives=(
                b.initiative(
                    cement,
                    "Phối liệu tro bay thay một phần clinker trong xi măng PCB40",
                    2024,
                    value_million=180,
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Triệu Văn Sơn",
            gender="male",
            birth_date=D(1991, 12, 20),
            education_level="university",
            unit=cement,
            started_on=D(2015, 7, 1),
            position="Kỹ sư điện – tự động hóa",
            ratings=b.ratings(cement, {2023: "HTTNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                # Enough for a worker with a college education (80), not for a graduate (150).
                b.initiative(
                    cement,
                    "Tự động đảo chiều băng tải clinker khi quá tải",
                    2025,
                    value_million=120,
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Bàn Thị Thoa",
            gender="female",
            birth_date=D(1993, 8, 8),
            education_level="general",
            unit=footwear,
            started_on=D(2016, 5, 3),
            position="Công nhân may mũ giày",
            ratings=b.ratings(footwear, {2023: "HTXSNV", 2024: "HTTNV", 2025: "HTXSNV"}),
            # No single solution reaches 80 million, but three years in a row total 127.
            initiatives=(
                b.initiative(footwear, "Cữ gá may viền cổ giày một đường", 2023, value_million=45),
                b.initiative(
                    footwear, "Kẹp giữ mũ giày khi may đường chỉ đôi", 2024, value_million=40
                ),
                b.initiative(
                    footwear, "Đánh dấu vị trí đục lỗ bằng khuôn nhựa", 2025, value_million=42
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Hà Văn Tuấn",
            gender="male",
            birth_date=D(1990, 10, 10),
            education_level="college",
            unit="TQU-SDG-TTYT",
            started_on=D(2013, 2, 1),
            position="Điều dưỡng",
            ratings=b.ratings("TQU-SDG-TTYT", {2023: "HTTNV", 2024: "HTTNV", 2025: "HTNV"}),
            sanctions=(
                SanctionSpec(
                    form="reprimand",
                    decision_number="86/QĐ-TTYT",
                    decided_on=D(2025, 9, 5),
                    effective_from=D(2025, 9, 5),
                    effective_to=D(2026, 9, 4),
                    issuer="Giám đốc Trung tâm Y tế huyện Sơn Dương",
                    reason="Vi phạm quy tắc ứng xử trong giao tiếp với người bệnh.",
                ),
            ),
        ),
        PersonSpec(
            code="",
            full_name="Ma Thị Hằng",
            gender="female",
            birth_date=D(1968, 2, 14),
            education_level="master",
            unit="TQU",
            started_on=D(1996, 1, 2),
            position="Phó Chủ tịch",
            is_leader=True,
            ratings=b.ratings("TQU", {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTTNV"}),
            service_periods=(
                ServicePeriodSpec(
                    unit_category="union_body",
                    mode="full_time",
                    unit="TQU",
                    position="Phó Chủ tịch",
                    committee="standing",
                    term_label="2023–2028",
                    started_on=D(1996, 1, 2),
                ),
            ),
            awards=(
                # Given once in a lifetime; before QĐ 1689 took effect, so no catalogue entry.
                b.award("ky-niem-chuong", "TQU", 2019),
                b.award("bang-khen-tld", "TQU", 2021),
            ),
        ),
    ]


def _cdvc_viet_nam(b: PlanBuilder) -> list[PersonSpec]:
    institute = "CDVCVN-KHCN-NLNT"
    return [
        PersonSpec(
            code="",
            full_name="Đỗ Minh Tuấn",
            gender="male",
            birth_date=D(1977, 3, 3),
            education_level="doctorate",
            unit=institute,
            started_on=D(2002, 10, 1),
            position="Nghiên cứu viên chính",
            ratings=b.ratings(institute, {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"}),
            initiatives=(
                b.initiative(
                    institute,
                    "Chế tạo bộ kit đánh dấu đồng vị phóng xạ dùng trong chẩn đoán ung thư",
                    2024,
                    value_million=310,
                    level="provincial",
                    kind="scientific_topic",
                    co_authors="Vũ Thị Lan Anh, Phạm Quốc Khánh",
                ),
            ),
            awards=(
                b.award("bang-khen-tinh", institute, 2023),
                b.award("bang-khen-tld", institute, 2024),
            ),
        ),
    ]


def collective_awards(
    b: PlanBuilder, collectives: list[CollectiveRecordsSpec]
) -> list[CollectiveRecordsSpec]:
    """Add the collective awards the demo needs to the generated collective records: flags of
    the provinces and of the Tổng Liên đoàn, a topic certificate, a Bằng khen to a district."""
    extra: dict[str, list[AwardSpec]] = {
        "QNA-DLO-MAY": [b.award("co-tinh", "QNA-DLO-MAY", 2024)],
        "TQU-KCN-GIAY": [b.award("co-tinh", "TQU-KCN-GIAY", 2023)],
        "QNA-DLO": [b.award("bang-khen-tld", "QNA-DLO", 2023)],
        "QNA-DLO-LTK": [b.award("bang-khen-tinh", "QNA-DLO-LTK", 2017)],
        "TQU-TP-XM": [
            AwardSpec(
                award_name="Bằng khen chuyên đề “Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao "
                "động” của Tổng Liên đoàn Lao động Việt Nam",
                award_code="bang-khen-chuyen-de-tld",
                topic="xanh-sach-dep-atvsld",
                year=2024,
                decision_number="1987/QĐ-TLĐ",
                decision_date=D(2024, 11, 26),
                deciding_unit="TLD",
                deciding_body="Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            )
        ],
    }
    # The provinces themselves: they are not rated by an upper union, but they hold the flags
    # of the Tổng Liên đoàn won at the head of their cluster.
    top = [
        CollectiveRecordsSpec(unit="QNA", awards=(b.award("co-tld", "QNA", 2023),)),
        CollectiveRecordsSpec(unit="TQU", awards=(b.award("co-tld", "TQU", 2022),)),
    ]
    result = []
    for records in collectives:
        added = tuple(extra.pop(records.unit, []))
        ratings = records.ratings
        if added:
            # A flag or certificate for a year goes with an excellent rating of that year.
            by_year = {rating.year: rating.rating for rating in ratings}
            by_year.update({award.year: "HTXSNV" for award in added if award.year in by_year})
            ratings = b.collective_ratings(records.unit, by_year)
        result.append(
            CollectiveRecordsSpec(unit=records.unit, ratings=ratings, awards=records.awards + added)
        )
    if extra:
        raise ValueError(f"collective awards for units that are not rated: {sorted(extra)}")
    return result + top
