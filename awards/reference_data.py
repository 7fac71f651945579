"""The catalogue every deployment starts with, transcribed from ../shared/domain/regulations.md.

Regulation documents, dossier document types, topics, and the award types of §B.1 under
QĐ 1689/QĐ-TLĐ (2019), each with the confidence tag of its source ([V] verified, [H] from an
older regulation, [U] uncertain). QĐ 999/QĐ-TLĐ (2024) is created as the next version and starts
as a copy of 1689 marked uncertain, for an administrator to check against the text.

Values the research could not confirm are marked uncertain in `confidence` and say so in `note`;
nothing here is a constant in code: it is loaded once and edited in the admin afterwards.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from organizations.reference_data import (
    GRASSROOTS_KINDS,
    PROVINCIAL_KINDS,
    SUB_GRASSROOTS_KINDS,
    UPPER_GRASSROOTS_KINDS,
)

D = datetime.date
UNCONFIRMED_VOTE = (
    "Ngưỡng biểu quyết và túc số là giá trị tạm (chưa xác nhận trong quy chế của Công đoàn, "
    "regulations.md §D.3); cần đối chiếu QĐ 999/QĐ-TLĐ."
)

REGULATION_DOCUMENTS: list[dict[str, Any]] = [
    {
        "code": "LUAT-TDKT-2022",
        "number": "06/2022/QH15",
        "kind": "law",
        "title": "Luật Thi đua, khen thưởng",
        "issuer": "Quốc hội",
        "issued_on": D(2022, 6, 15),
        "effective_from": D(2024, 1, 1),
        "confidence": "verified",
    },
    {
        "code": "ND-91-2017",
        "number": "91/2017/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "issuer": "Chính phủ",
        "issued_on": D(2017, 7, 31),
        "effective_from": D(2017, 10, 1),
        "effective_to": D(2023, 12, 31),
        "confidence": "historical",
    },
    {
        "code": "ND-98-2023",
        "number": "98/2023/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "issuer": "Chính phủ",
        "issued_on": D(2023, 12, 31),
        "effective_from": D(2024, 1, 1),
        "supersedes": "ND-91-2017",
        "confidence": "verified",
        "note": "Có thể đã được thay thế bởi NĐ 152/2025/NĐ-CP (chưa xác nhận).",
    },
    {
        "code": "ND-152-2025",
        "number": "152/2025/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết Luật Thi đua, khen thưởng (mức tiền thưởng)",
        "issuer": "Chính phủ",
        "issued_on": D(2025, 6, 14),
        "effective_from": D(2025, 7, 1),
        "supersedes": "ND-98-2023",
        "confidence": "uncertain",
        "note": "Tồn tại và quy định mức tiền thưởng [V]; việc thay thế NĐ 98/2023 và các "
        "ngày [U].",
    },
    {
        "code": "HD-2236-2010",
        "number": "2236/HD-TLĐ",
        "kind": "guidance",
        "title": "Hướng dẫn thẩm quyền quyết định khen thưởng và mức tiền thưởng trong hệ thống "
        "Công đoàn",
        "issuer": "Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2010, 12, 31),
        "effective_from": D(2010, 12, 31),
        "confidence": "verified",
    },
    {
        "code": "TLD-1564-2014",
        "number": "1564/QĐ-TLĐ",
        "kind": "decision",
        "title": "Quy chế Khen thưởng của tổ chức Công đoàn",
        "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2014, 12, 24),
        "effective_from": D(2014, 12, 24),
        "effective_to": D(2017, 12, 27),
        "confidence": "historical",
    },
    {
        "code": "HD-149-2015",
        "number": "149/HD-TLĐ",
        "kind": "guidance",
        "title": "Hướng dẫn xét tặng Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        "issuer": "Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2015, 2, 4),
        "effective_from": D(2015, 2, 4),
        "confidence": "historical",
    },
    {
        "code": "HD-168-2015",
        "number": "168/HD-TLĐ",
        "kind": "guidance",
        "title": "Hướng dẫn tiêu chuẩn khen thưởng chuyên đề “Xanh – Sạch – Đẹp, bảo đảm an toàn "
        "vệ sinh lao động”",
        "issuer": "Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2015, 1, 1),
        "effective_from": D(2015, 1, 1),
        "confidence": "historical",
        "note": "Ngày ban hành chính xác chưa xác nhận; chỉ biết năm 2015.",
    },
    {
        "code": "HD-1217-2016",
        "number": "1217/HD-TLĐ",
        "kind": "guidance",
        "title": "Hướng dẫn thực hiện Quy chế Khen thưởng của tổ chức Công đoàn",
        "issuer": "Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2016, 8, 11),
        "effective_from": D(2016, 8, 11),
        "confidence": "historical",
    },
    {
        "code": "TLD-2106-2017",
        "number": "2106/QĐ-TLĐ",
        "kind": "decision",
        "title": "Quy chế Khen thưởng của tổ chức Công đoàn",
        "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2017, 12, 28),
        "effective_from": D(2017, 12, 28),
        "effective_to": D(2019, 11, 11),
        "supersedes": "TLD-1564-2014",
        "confidence": "historical",
    },
    {
        "code": "HD-1294-2019",
        "number": "1294/HD-TLĐ",
        "kind": "guidance",
        "title": "Hướng dẫn đánh giá, xếp loại chất lượng hoạt động công đoàn cơ sở",
        "issuer": "Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2019, 8, 14),
        "effective_from": D(2019, 8, 14),
        "confidence": "verified",
    },
    {
        "code": "TLD-1689-2019",
        "number": "1689/QĐ-TLĐ",
        "kind": "decision",
        "title": "Quy chế Khen thưởng của tổ chức Công đoàn",
        "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2019, 11, 12),
        "effective_from": D(2019, 11, 12),
        "effective_to": D(2024, 5, 28),
        "supersedes": "TLD-2106-2017",
        "catalogue_track": "union",
        "confidence": "verified",
        "source_url": "https://hieuluat.vn/thi-dua/quyet-dinh-1689-qd-tld-tong-lien-doan-lao-"
        "dong-viet-nam-2bc10.html",
    },
    {
        "code": "TLD-999-2024",
        "number": "999/QĐ-TLĐ",
        "kind": "decision",
        "title": "Quy chế Khen thưởng của tổ chức Công đoàn",
        "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        "issued_on": D(2024, 5, 29),
        "effective_from": D(2024, 5, 29),
        "supersedes": "TLD-1689-2019",
        "catalogue_track": "union",
        "confidence": "uncertain",
        "source_url": "https://luatvietnam.vn/lao-dong/quyet-dinh-999-qd-tld-2024-quy-che-khen-"
        "thuong-cua-to-chuc-cong-doan-360516-d1.html",
        "note": "Chỉ đọc được thông tin văn bản (số, ngày, người ký). Danh mục khen thưởng được "
        "chuyển từ QĐ 1689 và đánh dấu chưa xác nhận cho đến khi đối chiếu với toàn văn.",
    },
    # Base-salary decrees: award money is a multiple of the base salary in force.
    {
        "code": "ND-38-2019",
        "number": "38/2019/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định mức lương cơ sở",
        "issuer": "Chính phủ",
        "issued_on": D(2019, 5, 9),
        "effective_from": D(2019, 7, 1),
        "effective_to": D(2023, 6, 30),
        "confidence": "uncertain",
        "note": "Ngoài phạm vi regulations.md; cần đối chiếu.",
    },
    {
        "code": "ND-24-2023",
        "number": "24/2023/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định mức lương cơ sở",
        "issuer": "Chính phủ",
        "issued_on": D(2023, 5, 14),
        "effective_from": D(2023, 7, 1),
        "effective_to": D(2024, 6, 30),
        "supersedes": "ND-38-2019",
        "confidence": "uncertain",
        "note": "Ngoài phạm vi regulations.md; cần đối chiếu.",
    },
    {
        "code": "ND-73-2024",
        "number": "73/2024/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định mức lương cơ sở",
        "issuer": "Chính phủ",
        "issued_on": D(2024, 6, 30),
        "effective_from": D(2024, 7, 1),
        "supersedes": "ND-24-2023",
        "confidence": "uncertain",
        "note": "Ngoài phạm vi regulations.md; cần đối chiếu.",
    },
]

BASE_SALARIES = [
    # effective from, VND, legal basis
    (D(2019, 7, 1), 1_490_000, "ND-38-2019"),
    (D(2023, 7, 1), 1_800_000, "ND-24-2023"),
    (D(2024, 7, 1), 2_340_000, "ND-73-2024"),
]

DOSSIER_DOCUMENT_TYPES = [
    # code, name, description
    ("to-trinh", "Tờ trình đề nghị khen thưởng", "Do chủ tịch/phó chủ tịch ký thay mặt BTV/BCH."),
    (
        "bao-cao-thanh-tich",
        "Báo cáo thành tích",
        "Cá nhân hoặc thủ trưởng tập thể ký; cấp trên xác nhận.",
    ),
    ("tom-tat-thanh-tich", "Tóm tắt thành tích", "Dùng cho thủ tục đơn giản (khen đột xuất)."),
    ("bien-ban-binh-xet", "Biên bản bình xét thi đua", "Chủ trì cuộc họp và thư ký ký."),
    ("bien-ban-xet-khen-thuong", "Biên bản họp xét khen thưởng", "Chủ trì cuộc họp và thư ký ký."),
    (
        "xac-nhan-sang-kien",
        "Xác nhận sáng kiến, đề tài khoa học",
        "Giấy chứng nhận hoặc xác nhận của cấp có thẩm quyền về sáng kiến, đề tài, giải pháp.",
    ),
    (
        "ket-qua-bo-phieu-kin",
        "Kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng",
        "",
    ),
    ("bang-cham-diem", "Bảng chấm điểm", "Bảng chấm điểm theo tiêu chí của chuyên đề."),
    (
        "xac-nhan-qua-trinh-cong-tac",
        "Bản khai quá trình công tác công đoàn",
        "Có xác nhận của đơn vị quản lý (xét Kỷ niệm chương).",
    ),
    (
        "y-kien-don-vi-cu",
        "Ý kiến nhận xét của đơn vị cũ",
        "Khi người được đề nghị chuyển công tác trong năm và làm việc ở đơn vị cũ từ 6 tháng.",
    ),
]

TOPICS = [
    ("xanh-sach-dep-atvsld", "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động"),
    ("van-hoa-the-thao", "Văn hóa, Thể thao"),
    ("gioi-viec-nuoc-dam-viec-nha", "Giỏi việc nước, đảm việc nhà"),
]

# The minimum dossier of Law 06/2022 art. 84, used for every union award (regulations.md §C.3).
TITLE_DOSSIER = ["to-trinh", "bao-cao-thanh-tich", "bien-ban-binh-xet"]
FORM_DOSSIER = ["to-trinh", "bao-cao-thanh-tich", "bien-ban-xet-khen-thuong"]
COLLECTIVES_UP_TO_PROVINCE = PROVINCIAL_KINDS + UPPER_GRASSROOTS_KINDS + GRASSROOTS_KINDS

# Award types of regulations.md §B.1 under QĐ 1689/QĐ-TLĐ.
AWARD_TYPES_1689: list[dict[str, Any]] = [
    {
        "code": "co-thi-dua-tld",
        "name": "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
        "short_name": "Cờ thi đua TLĐ",
        "category": "title",
        "occasion": "general",
        "unit_kinds": PROVINCIAL_KINDS,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "Thực tiễn TLĐ 2022 (bình xét, suy tôn trong cụm, khối thi đua)",
        "confidence": "verified",
        "note": "Tồn tại [V]. Tiêu chuẩn và số lượng [U]. Trao cho đơn vị dẫn đầu cụm, khối; "
        "việc trao cho CĐCTTTCS/CĐCS [U].",
        "ballot_type": "secret",
        "documents": TITLE_DOSSIER,
    },
    {
        "code": "co-thi-dua-chuyen-de-tld",
        "name": "Cờ thi đua chuyên đề của Tổng Liên đoàn",
        "short_name": "Cờ chuyên đề TLĐ",
        "category": "title",
        "occasion": "topic",
        "topics": ["xanh-sach-dep-atvsld"],
        "unit_kinds": UPPER_GRASSROOTS_KINDS,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "HD 168/HD-TLĐ (2015) mục II.1",
        "confidence": "historical",
        "note": "Không có tai nạn lao động chết người; năm trước liền kề được Cờ LĐLĐ/CĐ ngành "
        "hoặc Bằng khen chuyên đề TLĐ; đạt từ 96 điểm. Số lượng cờ mỗi năm [U].",
        "documents": [*TITLE_DOSSIER, "bang-cham-diem"],
    },
    {
        "code": "bang-khen-tld",
        "name": "Bằng khen của Ban Chấp hành Tổng Liên đoàn (toàn diện)",
        "short_name": "Bằng khen TLĐ",
        "category": "form",
        "occasion": "general",
        "for_individuals": True,
        "unit_kinds": COLLECTIVES_UP_TO_PROVINCE,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "QĐ 1689/QĐ-TLĐ, Điều 14",
        "confidence": "verified",
        "note": "Cá nhân: 2 năm liên tục HTXSNV (kể cả năm đề nghị), ít nhất 2 sáng kiến cấp cơ "
        "sở trong 2 năm; năm trước liền kề được Bằng khen LĐLĐ tỉnh/CĐ ngành TW. Tiêu chuẩn tập "
        "thể [U].",
        "documents": FORM_DOSSIER,
    },
    {
        "code": "bang-khen-chuyen-de-tld",
        "name": "Bằng khen chuyên đề của Tổng Liên đoàn",
        "short_name": "Bằng khen chuyên đề TLĐ",
        "category": "form",
        "occasion": "topic",
        "topics": ["xanh-sach-dep-atvsld", "van-hoa-the-thao", "gioi-viec-nuoc-dam-viec-nha"],
        "for_individuals": True,
        "unit_kinds": GRASSROOTS_KINDS,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "QĐ 1689/QĐ-TLĐ, Điều 15",
        "confidence": "verified",
        "note": "Đối tượng: CĐCS và cá nhân trong CĐCS (QĐ 2106 cho cả CĐCTTTCS). Tiêu chuẩn chi "
        "tiết theo hướng dẫn riêng của Đoàn Chủ tịch.",
        "documents": FORM_DOSSIER,
        "quotas": [
            {
                "scope": "national",
                "limit_count": 300,
                "citation": "QĐ 1689/QĐ-TLĐ, Điều 15 khoản 4",
                "confidence": "verified",
                "note": "Toàn quốc không quá 300 Bằng khen mỗi chuyên đề mỗi năm.",
            },
            {
                "scope": "per_proposing_unit",
                "limit_count": 4,
                "citation": "QĐ 1689/QĐ-TLĐ, Điều 15 khoản 4",
                "confidence": "verified",
                "note": "Mỗi LĐLĐ tỉnh/CĐ ngành TW đề nghị không quá 4 mỗi chuyên đề; có ngoại lệ "
                "cho một số LĐLĐ lớn (danh sách chưa xác nhận).",
            },
        ],
    },
    {
        "code": "bang-lao-dong-sang-tao",
        "name": "Bằng Lao động sáng tạo của Tổng Liên đoàn",
        "short_name": "Bằng LĐST",
        "category": "form",
        "occasion": "general",
        "for_individuals": True,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "QĐ 1564/QĐ-TLĐ, Điều 16",
        "confidence": "historical",
        "note": "Giá trị làm lợi: ≤ cao đẳng, không lãnh đạo: 1 giải pháp ≥ 80 triệu hoặc 3 năm "
        "liên tục ≥ 120 triệu; ≥ đại học: ≥ 150 triệu; lãnh đạo: ≥ 200 triệu.",
        "documents": [*FORM_DOSSIER, "xac-nhan-sang-kien"],
    },
    {
        "code": "ky-niem-chuong",
        "name": "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        "short_name": "Kỷ niệm chương",
        "category": "form",
        "occasion": "commemorative",
        "for_individuals": True,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "HD 149/HD-TLĐ (2015)",
        "confidence": "historical",
        "note": "Một lần trong đời; không xét cho người đã có Huy chương cùng tên. Xét quanh ngày "
        "28/7 hoặc tại đại hội cấp tỉnh trở lên. Việc họp Hội đồng biểu quyết [U].",
        "requires_council_vote": False,
        "documents": ["to-trinh", "xac-nhan-qua-trinh-cong-tac"],
    },
    {
        "code": "giai-thuong-nguyen-van-linh",
        "name": "Giải thưởng Nguyễn Văn Linh",
        "short_name": "Giải thưởng Nguyễn Văn Linh",
        "category": "form",
        "occasion": "commemorative",
        "for_individuals": True,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "QĐ 2106/QĐ-TLĐ, Điều 18 khoản 2",
        "confidence": "historical",
        "note": "Cho cán bộ công đoàn các cấp; một lần; xét quanh ngày 28/7.",
        "documents": FORM_DOSSIER,
    },
    {
        "code": "giai-thuong-nguyen-duc-canh",
        "name": "Giải thưởng Nguyễn Đức Cảnh",
        "short_name": "Giải thưởng Nguyễn Đức Cảnh",
        "category": "form",
        "occasion": "commemorative",
        "for_individuals": True,
        "deciding_level": "trung-uong",
        "deciding_body": "Tổng Liên đoàn",
        "citation": "Nguồn thứ cấp",
        "confidence": "uncertain",
        "note": "Cho công nhân trực tiếp sản xuất trong doanh nghiệp mọi thành phần kinh tế.",
        "documents": FORM_DOSSIER,
    },
    {
        "code": "co-thi-dua-ldld",
        "name": "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố / Công đoàn ngành Trung ương",
        "short_name": "Cờ thi đua LĐLĐ",
        "category": "title",
        "occasion": "general",
        "unit_kinds": UPPER_GRASSROOTS_KINDS + GRASSROOTS_KINDS,
        "deciding_level": "tinh-nganh",
        "deciding_body": "Ban Thường vụ LĐLĐ tỉnh / CĐ ngành Trung ương",
        "citation": "QĐ 1564/QĐ-TLĐ, Điều 11",
        "confidence": "historical",
        "note": "Cho CĐCS, CĐCTTTCS được công nhận hoàn thành xuất sắc nhiệm vụ và dẫn đầu phong "
        "trào thi đua của cấp đó.",
        "ballot_type": "secret",
        "documents": TITLE_DOSSIER,
    },
    {
        "code": "bang-khen-ldld",
        "name": "Bằng khen của Liên đoàn Lao động tỉnh, thành phố / Công đoàn ngành Trung ương",
        "short_name": "Bằng khen LĐLĐ",
        "category": "form",
        "occasion": "general",
        "for_individuals": True,
        "unit_kinds": UPPER_GRASSROOTS_KINDS + GRASSROOTS_KINDS + SUB_GRASSROOTS_KINDS,
        "deciding_level": "tinh-nganh",
        "deciding_body": "Ban Thường vụ LĐLĐ tỉnh / CĐ ngành Trung ương",
        "citation": "QĐ 1689/QĐ-TLĐ, Điều 14 (điều kiện của Bằng khen TLĐ)",
        "confidence": "verified",
        "note": "Tồn tại [V]; tiêu chuẩn và số lượng [U].",
        "documents": FORM_DOSSIER,
    },
    {
        "code": "giay-khen-cd-cap-tren",
        "name": "Giấy khen của Ban Chấp hành Công đoàn cấp trên trực tiếp cơ sở",
        "short_name": "Giấy khen CĐ cấp trên",
        "category": "form",
        "occasion": "general",
        "for_individuals": True,
        "unit_kinds": GRASSROOTS_KINDS + SUB_GRASSROOTS_KINDS,
        "deciding_level": "cap-tren-co-so",
        "deciding_body": "Ban Thường vụ Công đoàn cấp trên trực tiếp cơ sở",
        "citation": "Hướng dẫn cơ sở 2021",
        "confidence": "verified",
        "note": "Tồn tại [V]; tiêu chuẩn và số lượng [U].",
        "documents": FORM_DOSSIER,
    },
    {
        "code": "cdcs-htxsnv",
        "name": "Công đoàn cơ sở hoàn thành xuất sắc nhiệm vụ",
        "short_name": "CĐCS HTXSNV",
        "category": "title",
        "occasion": "general",
        "unit_kinds": GRASSROOTS_KINDS,
        "deciding_level": "cap-tren-co-so",
        "deciding_body": "Ban Thường vụ Công đoàn cấp trên trực tiếp cơ sở",
        "citation": "QĐ 1689/QĐ-TLĐ; HD 1294/HD-TLĐ (đánh giá, xếp loại CĐCS)",
        "confidence": "uncertain",
        "note": "Danh hiệu xếp loại hằng năm của CĐCS (trước đây “CĐCS vững mạnh”).",
        "documents": TITLE_DOSSIER,
    },
    {
        "code": "doan-vien-cd-xuat-sac",
        "name": "Đoàn viên công đoàn xuất sắc",
        "short_name": "ĐVCĐ xuất sắc",
        "category": "title",
        "occasion": "general",
        "for_individuals": True,
        "deciding_level": "co-so",
        "deciding_body": "Ban Chấp hành Công đoàn cơ sở",
        "citation": "Hướng dẫn cơ sở 2021",
        "confidence": "uncertain",
        "note": "Căn cứ trong quy chế của TLĐ chưa xác nhận.",
        "requires_council_vote": False,
        "documents": ["to-trinh", "bien-ban-binh-xet"],
    },
    {
        "code": "to-cd-xuat-sac",
        "name": "Tổ công đoàn xuất sắc",
        "short_name": "Tổ CĐ xuất sắc",
        "category": "title",
        "occasion": "general",
        "unit_kinds": SUB_GRASSROOTS_KINDS,
        "deciding_level": "co-so",
        "deciding_body": "Ban Chấp hành Công đoàn cơ sở",
        "citation": "Hướng dẫn cơ sở 2021",
        "confidence": "uncertain",
        "note": "Căn cứ trong quy chế của TLĐ chưa xác nhận.",
        "requires_council_vote": False,
        "documents": ["to-trinh", "bien-ban-binh-xet"],
    },
    # State titles inside union bodies (regulations.md §B.1 item 14).
    {
        "code": "tap-the-lao-dong-xuat-sac",
        "name": "Tập thể lao động xuất sắc",
        "short_name": "TTLĐXS",
        "track": "state",
        "category": "title",
        "occasion": "general",
        "unit_kinds": UPPER_GRASSROOTS_KINDS,
        "deciding_level": "trung-uong",
        "deciding_body": "Đoàn Chủ tịch Tổng Liên đoàn",
        "citation": "QĐ 2106/QĐ-TLĐ, Điều 31",
        "confidence": "historical",
        "note": "Cho các ban của cơ quan TLĐ, LĐLĐ, CĐ ngành; LĐLĐ huyện, CĐ ngành địa phương, CĐ "
        "KCN và tương đương. Cấp quyết định [U].",
        "documents": TITLE_DOSSIER,
    },
    {
        "code": "chien-si-thi-dua-cap-tinh",
        "name": "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh, đoàn thể Trung ương",
        "short_name": "CSTĐ cấp tỉnh",
        "track": "state",
        "category": "title",
        "occasion": "general",
        "for_individuals": True,
        "deciding_level": "trung-uong",
        "deciding_body": "Chủ tịch Tổng Liên đoàn",
        "citation": "NĐ 91/2017/NĐ-CP, Điều 45 khoản 8; Luật 06/2022, Điều 84 khoản 1",
        "confidence": "historical",
        "note": "Bỏ phiếu kín, đạt từ 90% tổng số thành viên Hội đồng (NĐ 91/2017, giá trị hiện "
        "hành [U]). Tiền thưởng 3 lần lương cơ sở (NĐ 152/2025).",
        "ballot_type": "secret",
        "vote_base": "all_members",
        "vote_threshold_pct": Decimal("90"),
        "amount_multiplier": Decimal("3.0"),
        "documents": [*TITLE_DOSSIER, "xac-nhan-sang-kien"],
    },
    {
        "code": "chien-si-thi-dua-co-so",
        "name": "Chiến sĩ thi đua cơ sở",
        "short_name": "CSTĐ cơ sở",
        "track": "state",
        "category": "title",
        "occasion": "general",
        "for_individuals": True,
        "deciding_level": "tinh-nganh",
        "deciding_body": "Chủ tịch LĐLĐ tỉnh / CĐ ngành Trung ương",
        "citation": "Luật 06/2022, Điều 84 khoản 1",
        "confidence": "uncertain",
        "note": "Cho cán bộ trong cơ quan công đoàn; cấp quyết định trong hệ thống Công đoàn [U].",
        "documents": [*TITLE_DOSSIER, "xac-nhan-sang-kien"],
    },
    {
        "code": "lao-dong-tien-tien",
        "name": "Lao động tiên tiến",
        "short_name": "LĐTT",
        "track": "state",
        "category": "title",
        "occasion": "general",
        "for_individuals": True,
        "deciding_level": "tinh-nganh",
        "deciding_body": "Thủ trưởng cơ quan công đoàn",
        "citation": "Luật 06/2022, Điều 80; NĐ 152/2025 (tiền thưởng)",
        "confidence": "uncertain",
        "note": "Tiền thưởng 0,3 lần lương cơ sở (NĐ 152/2025 [V]). Cấp quyết định [U].",
        "requires_council_vote": False,
        "amount_multiplier": Decimal("0.3"),
        "documents": ["to-trinh", "bien-ban-binh-xet"],
    },
]

# Provisional council parameters for awards that need a vote and have none above: the union's
# values are unconfirmed (regulations.md §D.3), so these common ones ("at least half of those
# present, a two-thirds quorum") are loaded with UNCONFIRMED_VOTE in the award's note.
DEFAULT_VOTE = {
    "ballot_type": "open",
    "vote_base": "present",
    "vote_threshold_pct": Decimal("50"),
    "quorum_pct": Decimal("66.67"),
}

# Composition of the emulation-commendation council of a level (regulations.md §D.3, rule HD-01):
# the council of a provincial federation or central sector union has at most 9 members, chaired
# by the unit's president (QĐ 2106/QĐ-TLĐ art. 35, an older regulation [H]). Nothing newer was
# found, so the value is seeded for 1689 and, unconfirmed, for 999.
COUNCIL_RULES: list[dict[str, Any]] = [
    {
        "regulation": "TLD-1689-2019",
        "unit_level": "tinh-nganh",
        "max_members": 9,
        "requires_chair": True,
        "citation": "QĐ 2106/QĐ-TLĐ, Điều 35",
        "confidence": "historical",
        "note": "Hội đồng Thi đua – Khen thưởng của LĐLĐ tỉnh, thành phố và CĐ ngành Trung ương: "
        "tối đa 9 thành viên; Chủ tịch Hội đồng là Chủ tịch LĐLĐ/CĐ ngành. Theo QĐ 2106/QĐ-TLĐ "
        "(quy chế trước đó) [H].",
    },
    {
        "regulation": "TLD-999-2024",
        "unit_level": "tinh-nganh",
        "max_members": 9,
        "requires_chair": True,
        "citation": "QĐ 2106/QĐ-TLĐ, Điều 35",
        "confidence": "historical",
        "note": "Giá trị theo QĐ 2106/QĐ-TLĐ, Điều 35; chưa xác nhận trong QĐ 999/QĐ-TLĐ, cần "
        "đối chiếu với toàn văn.",
    },
]
