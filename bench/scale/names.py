"""Word lists for the national-scale data: the 34 provinces after the 2025 merger, the central
sectoral unions, and what grassroots unions, people, dossiers and reasons are called.

People's names reuse the demo's lists (demo.data.names), region by region.
"""

from __future__ import annotations

# (name, kind of provincial unit, region of demo.data.names, relative size). Six centrally-run
# cities and 28 provinces; the size weighs how many upper-level and grassroots unions they get.
PROVINCES: tuple[tuple[str, str, int], ...] = (
    ("thành phố Hà Nội", "north", 10),
    ("thành phố Hồ Chí Minh", "central", 12),
    ("thành phố Hải Phòng", "north", 4),
    ("thành phố Huế", "central", 2),
    ("thành phố Đà Nẵng", "central", 3),
    ("thành phố Cần Thơ", "central", 3),
    ("tỉnh Tuyên Quang", "north_mountain", 2),
    ("tỉnh Cao Bằng", "north_mountain", 1),
    ("tỉnh Lai Châu", "north_mountain", 1),
    ("tỉnh Lào Cai", "north_mountain", 2),
    ("tỉnh Thái Nguyên", "north_mountain", 3),
    ("tỉnh Điện Biên", "north_mountain", 1),
    ("tỉnh Lạng Sơn", "north_mountain", 1),
    ("tỉnh Sơn La", "north_mountain", 1),
    ("tỉnh Phú Thọ", "north", 3),
    ("tỉnh Bắc Ninh", "north", 5),
    ("tỉnh Quảng Ninh", "north", 3),
    ("tỉnh Hưng Yên", "north", 3),
    ("tỉnh Ninh Bình", "north", 3),
    ("tỉnh Thanh Hóa", "north", 4),
    ("tỉnh Nghệ An", "central", 3),
    ("tỉnh Hà Tĩnh", "central", 2),
    ("tỉnh Quảng Trị", "central", 2),
    ("tỉnh Quảng Ngãi", "central", 2),
    ("tỉnh Gia Lai", "central", 2),
    ("tỉnh Khánh Hòa", "central", 2),
    ("tỉnh Lâm Đồng", "central", 2),
    ("tỉnh Đắk Lắk", "central", 2),
    ("tỉnh Đồng Nai", "central", 6),
    ("tỉnh Tây Ninh", "central", 3),
    ("tỉnh Vĩnh Long", "central", 2),
    ("tỉnh Đồng Tháp", "central", 2),
    ("tỉnh Cà Mau", "central", 2),
    ("tỉnh An Giang", "central", 3),
)

# (name, kind, sector of its grassroots unions, relative size)
SECTORAL_UNIONS: tuple[tuple[str, str, str, int], ...] = (
    ("Công đoàn Viên chức Việt Nam", "cd-nganh-tw", "state_administration", 3),
    ("Công đoàn Giáo dục Việt Nam", "cd-nganh-tw", "public_service", 3),
    ("Công đoàn Y tế Việt Nam", "cd-nganh-tw", "public_service", 3),
    ("Công đoàn Công Thương Việt Nam", "cd-nganh-tw", "state_enterprise", 2),
    ("Công đoàn Xây dựng Việt Nam", "cd-nganh-tw", "state_enterprise", 2),
    ("Công đoàn Nông nghiệp và Môi trường Việt Nam", "cd-nganh-tw", "state_enterprise", 2),
    ("Công đoàn Ngân hàng Việt Nam", "cd-nganh-tw", "state_enterprise", 2),
    ("Công đoàn Tài chính Việt Nam", "cd-nganh-tw", "state_administration", 1),
    ("Công đoàn Giao thông vận tải Việt Nam", "cd-nganh-tw", "state_enterprise", 1),
    ("Công đoàn Đường sắt Việt Nam", "cd-nganh-tw", "state_enterprise", 1),
    ("Công đoàn Hàng không Việt Nam", "cd-nganh-tw", "state_enterprise", 1),
    ("Công đoàn Bưu điện Việt Nam", "cd-nganh-tw", "state_enterprise", 1),
    ("Công đoàn Thông tin và Truyền thông Việt Nam", "cd-nganh-tw", "state_enterprise", 1),
    ("Công đoàn Công an nhân dân", "cd-nganh-tw", "state_administration", 2),
    ("Công đoàn Quốc phòng", "cd-nganh-tw", "state_enterprise", 2),
    ("Công đoàn Điện lực Việt Nam", "cd-tap-doan-tld", "state_enterprise", 2),
    ("Công đoàn Dầu khí Việt Nam", "cd-tap-doan-tld", "state_enterprise", 2),
    ("Công đoàn Than – Khoáng sản Việt Nam", "cd-tap-doan-tld", "state_enterprise", 2),
    ("Công đoàn Cao su Việt Nam", "cd-tap-doan-tld", "state_enterprise", 1),
    ("Công đoàn Dệt May Việt Nam", "cd-tap-doan-tld", "non_state_enterprise", 2),
)

# Upper-level unions every province has, then as many area federations as its size asks.
PROVINCIAL_UPPERS: tuple[tuple[str, str, str], ...] = (
    ("Công đoàn Viên chức {province}", "cdvc-tinh", "state_administration"),
    ("Công đoàn ngành Giáo dục {province}", "cd-nganh-dia-phuong", "public_service"),
    ("Công đoàn ngành Y tế {province}", "cd-nganh-dia-phuong", "public_service"),
    ("Công đoàn các Khu công nghiệp {province}", "cd-kcn", "non_state_enterprise"),
)
AREA_UPPER = ("Liên đoàn Lao động khu vực {number} {province}", "ldld-huyen", "")
SECTORAL_UPPERS: tuple[tuple[str, str], ...] = (
    ("Công đoàn Tổng công ty {place}", "cd-tong-cong-ty"),
    ("Công đoàn cơ quan {place}", "cd-cap-tren-khac"),
)

PLACES: tuple[str, ...] = (
    "An Khánh", "An Phú", "Bình An", "Bình Minh", "Cẩm Thành", "Châu Thành", "Đông Hòa",
    "Đông Sơn", "Hòa Bình", "Hòa Lạc", "Hòa Thuận", "Hồng Phong", "Hương Sơn", "Kim Liên",
    "Long Hưng", "Minh Khai", "Nam Sơn", "Nghĩa Hưng", "Ngọc Lâm", "Phú Lâm", "Phú Mỹ",
    "Phú Thịnh", "Phúc Thọ", "Quang Trung", "Quảng Phú", "Tam Hiệp", "Tân An", "Tân Định",
    "Tân Phong", "Tân Phú", "Thạch Bàn", "Thanh Xuân", "Thành Công", "Thịnh Quang", "Thống Nhất",
    "Thuận An", "Tiên Du", "Trung Hòa", "Trường Thịnh", "Văn Lang", "Việt Hưng", "Vĩnh Phúc",
    "Xuân Đỉnh", "Xuân La", "Yên Hòa", "Yên Thế",
)  # fmt: skip
BRANDS: tuple[str, ...] = (
    "Hoàng Long", "Minh Phát", "Thành Đạt", "Phương Nam", "Đông Á", "Sao Việt", "Tân Tiến",
    "Hưng Thịnh", "An Bình", "Bình Minh", "Việt Tiến", "Hòa Phát", "Thái Dương", "Kim Cương",
    "Trường Sơn", "Sông Hồng", "Hải Đăng", "Phúc Lộc", "Nhật Quang", "Vạn Xuân",
)  # fmt: skip
INDUSTRIES: tuple[str, ...] = (
    "May mặc", "Giày da", "Điện tử", "Cơ khí", "Thực phẩm", "Chế biến gỗ", "Bao bì",
    "Vật liệu xây dựng", "Dược phẩm", "Logistics", "Nhựa", "Thủy sản",
)  # fmt: skip

# Employers of grassroots unions by sector: (template, share of women, what people do there).
WORKPLACES: dict[str, tuple[tuple[str, float, str], ...]] = {
    "public_service": (
        ("Trường Mầm non {place}", 0.95, "school"),
        ("Trường Tiểu học {place}", 0.8, "school"),
        ("Trường THCS {place}", 0.7, "school"),
        ("Trường THPT {place}", 0.6, "school"),
        ("Bệnh viện đa khoa {place}", 0.65, "health"),
        ("Trung tâm Y tế {place}", 0.65, "health"),
    ),
    "state_administration": (
        ("UBND xã {place}", 0.4, "office"),
        ("UBND phường {place}", 0.45, "office"),
        ("Chi cục Thuế khu vực {place}", 0.5, "office"),
        ("Kho bạc Nhà nước khu vực {place}", 0.55, "office"),
    ),
    "state_enterprise": (
        ("Công ty TNHH MTV {industry} {place}", 0.35, "factory"),
        ("Công ty Điện lực {place}", 0.25, "factory"),
        ("Xí nghiệp {industry} {place}", 0.35, "factory"),
    ),
    "non_state_enterprise": (
        ("Công ty TNHH {industry} {brand}", 0.7, "factory"),
        ("Công ty Cổ phần {industry} {brand}", 0.55, "factory"),
        ("Công ty TNHH {brand} Việt Nam", 0.75, "factory"),
    ),
}

# Jobs by kind of workplace: (title, education levels) for staff, then for leaders.
JOBS: dict[str, tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]] = {
    "school": (
        (
            ("Giáo viên", ("college", "university", "university", "master")),
            ("Nhân viên văn phòng", ("vocational", "college")),
            ("Kế toán", ("college", "university")),
        ),
        ("Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn"),
    ),
    "health": (
        (
            ("Bác sĩ", ("university", "master")),
            ("Điều dưỡng", ("vocational", "college", "university")),
            ("Kỹ thuật viên", ("college", "university")),
            ("Dược sĩ", ("college", "university")),
        ),
        ("Giám đốc", "Phó Giám đốc", "Trưởng khoa", "Điều dưỡng trưởng"),
    ),
    "office": (
        (
            ("Chuyên viên", ("university", "university", "master")),
            ("Cán sự", ("college", "university")),
            ("Nhân viên", ("vocational", "college")),
        ),
        ("Chủ tịch", "Phó Chủ tịch", "Trưởng phòng", "Phó Trưởng phòng"),
    ),
    "factory": (
        (
            ("Công nhân", ("general", "general", "vocational")),
            ("Công nhân kỹ thuật", ("vocational", "college")),
            ("Kỹ sư", ("university",)),
            ("Nhân viên", ("college", "university")),
        ),
        ("Giám đốc", "Phó Giám đốc", "Quản đốc", "Trưởng phòng", "Tổ trưởng sản xuất"),
    ),
}

STAFF_TITLES = {
    "clerk": "Cán bộ thi đua – khen thưởng",
    "reviewer": "Trưởng ban Tổ chức",
    "council_secretary": "Thư ký Hội đồng Thi đua – Khen thưởng",
    "signer": "Chủ tịch",
    "auditor": "Ủy viên Ủy ban Kiểm tra",
    "council_member": "Ủy viên Ban Thường vụ",
    "chair": "Chủ tịch Công đoàn cơ sở",
}

ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ năm {year}; tích cực tham gia các phong trào thi đua.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng hiệu quả.",
    "Đạt danh hiệu Lao động tiên tiến; gương mẫu trong công tác công đoàn năm {year}.",
    "Tổ chức tốt phong trào thi đua yêu nước, chăm lo đời sống đoàn viên năm {year}.",
)
RETURN_REASONS = (
    "Thiếu bản thành tích có xác nhận của thủ trưởng đơn vị.",
    "Số liệu trong báo cáo thành tích chưa khớp với biên bản bình xét.",
    "Biên bản họp bình xét chưa đủ chữ ký.",
    "Chưa có xác nhận sáng kiến của cấp có thẩm quyền.",
)
REJECT_REASONS = (
    "Không đủ tiêu chuẩn: chưa đạt danh hiệu hai năm liền trước năm đề nghị.",
    "Vượt số lượng được phân bổ của đơn vị trong năm.",
    "Đang trong thời gian xem xét kỷ luật.",
)
WITHDRAW_REASONS = (
    "Đơn vị rút hồ sơ để đề nghị hình thức khen thưởng khác.",
    "Cá nhân chuyển công tác sang đơn vị khác.",
    "Đơn vị rút hồ sơ theo đề nghị của cá nhân.",
)
REVOKE_REASON = (
    "Phát hiện kê khai không trung thực thành tích (Luật Thi đua, khen thưởng, điều 93)."
)
INITIATIVES = (
    "Cải tiến quy trình {what}",
    "Giải pháp nâng cao hiệu quả {what}",
    "Ứng dụng công nghệ thông tin trong {what}",
    "Sáng kiến tiết kiệm chi phí {what}",
)
INITIATIVE_SUBJECTS = (
    "quản lý hồ sơ",
    "chăm sóc người bệnh",
    "giảng dạy môn Toán",
    "kiểm tra chất lượng sản phẩm",
    "vận hành dây chuyền",
    "giải quyết thủ tục hành chính",
    "an toàn, vệ sinh lao động",
)
