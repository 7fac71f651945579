"""The levels and kinds of units every deployment starts with (regulations.md §A.1).

Loaded by `manage.py load_reference_data`; administrators edit them afterwards (the 2025 reform
may have removed district federations as an upper level: a kind can simply stop being used).
"""

LEVELS = [
    # code, name, rank, grassroots or below
    ("trung-uong", "Cấp Trung ương", 0, False),
    ("tinh-nganh", "Cấp tỉnh, ngành Trung ương và tương đương", 1, False),
    ("cap-tren-co-so", "Công đoàn cấp trên trực tiếp cơ sở", 2, False),
    ("co-so", "Cấp cơ sở", 3, True),
    ("bo-phan", "Công đoàn bộ phận, công đoàn cơ sở thành viên", 4, True),
    ("to-cong-doan", "Tổ công đoàn", 5, True),
]

KINDS = [
    # code, name, abbreviation, level code
    ("tld", "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "trung-uong"),
    ("ldld-tinh", "Liên đoàn Lao động tỉnh, thành phố", "LĐLĐ tỉnh", "tinh-nganh"),
    ("cd-nganh-tw", "Công đoàn ngành Trung ương và tương đương", "CĐ ngành TW", "tinh-nganh"),
    (
        "cd-tap-doan-tld",
        "Công đoàn tập đoàn kinh tế, tổng công ty trực thuộc Tổng Liên đoàn",
        "CĐ TĐ/TCT trực thuộc TLĐ",
        "tinh-nganh",
    ),
    (
        "ldld-huyen",
        "Liên đoàn Lao động huyện, quận, thị xã, thành phố",
        "LĐLĐ huyện",
        "cap-tren-co-so",
    ),
    ("cd-nganh-dia-phuong", "Công đoàn ngành địa phương", "CĐ ngành địa phương", "cap-tren-co-so"),
    ("cdvc-tinh", "Công đoàn Viên chức tỉnh, thành phố", "CĐVC tỉnh", "cap-tren-co-so"),
    (
        "cd-kcn",
        "Công đoàn các khu công nghiệp, khu chế xuất, khu kinh tế, khu công nghệ cao",
        "CĐ KCN",
        "cap-tren-co-so",
    ),
    ("cd-tong-cong-ty", "Công đoàn tổng công ty", "CĐ TCT", "cap-tren-co-so"),
    (
        "cd-cap-tren-khac",
        "Công đoàn cấp trên trực tiếp cơ sở khác (công đoàn bộ, ngành, cơ quan trực thuộc)",
        "CĐ cấp trên cơ sở",
        "cap-tren-co-so",
    ),
    ("cdcs", "Công đoàn cơ sở", "CĐCS", "co-so"),
    ("nghiep-doan", "Nghiệp đoàn cơ sở", "NĐCS", "co-so"),
    ("cdcs-thanh-vien", "Công đoàn cơ sở thành viên", "CĐCS thành viên", "bo-phan"),
    ("cd-bo-phan", "Công đoàn bộ phận", "CĐBP", "bo-phan"),
    ("to-cong-doan", "Tổ công đoàn", "Tổ CĐ", "to-cong-doan"),
]

UPPER_GRASSROOTS_KINDS = [
    "ldld-huyen",
    "cd-nganh-dia-phuong",
    "cdvc-tinh",
    "cd-kcn",
    "cd-tong-cong-ty",
    "cd-cap-tren-khac",
]
PROVINCIAL_KINDS = ["ldld-tinh", "cd-nganh-tw", "cd-tap-doan-tld"]
GRASSROOTS_KINDS = ["cdcs", "nghiep-doan"]
SUB_GRASSROOTS_KINDS = ["cdcs-thanh-vien", "cd-bo-phan", "to-cong-doan"]
