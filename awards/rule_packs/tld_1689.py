"""The QĐ 1689/QĐ-TLĐ (2019) rule pack: the mechanical rules of regulations.md §E as rule-pack
rows, the way an administrator would store them, and where each applies.

`PACK` rows are `awards.rules.Rule` keyword arguments; `PLACEMENT` says, per rule id, which awards
(catalogue codes; none: every award of the version), which nominees and which steps. The
reference loader stores both for the 1689 version; the 999 version starts as a copy marked
uncertain (its rules run as warnings until an administrator verifies them). REV-01 is an action
on an awarded item, not a check; DOS-01 is built into the check point (the catalogue's required
documents) and is not stored.

Confidence: [V] → verified; [H] → historical; [U], and any mix with [U] → uncertain; [V][H]
→ historical (the lower one).
"""

from __future__ import annotations

from typing import Any

V, H, U = "verified", "historical", "uncertain"
TITLE_DOSSIER = ["to-trinh", "bao-cao-thanh-tich", "bien-ban-binh-xet"]
FORM_DOSSIER = ["to-trinh", "bao-cao-thanh-tich", "bien-ban-xet-khen-thuong"]


def row(
    rule_id: str,
    type: str,
    params: dict[str, Any] | None = None,
    *,
    confidence: str,
    citation: str,
    severity: str = "block",
) -> dict[str, Any]:
    return {
        "rule_id": rule_id,
        "type": type,
        "params": params or {},
        "severity": severity,
        "confidence": confidence,
        "citation": citation,
    }


PACK = [
    row("AUTH-01", "deciding_authority", confidence=U, citation="HD 2236/HD-TLĐ"),
    row("ROUTE-01", "direct_upper_level", confidence=U, citation="Điều lệ Công đoàn"),
    row("ROUTE-02", "cluster_rank", {"max_rank": 1, "require_proposed": True}, confidence=V,
        citation="TLĐ 2022"),
    row("ROUTE-03", "prior_award", {"award_codes": ["co-thi-dua-tld"], "years_before": 0},
        confidence=V, citation="TLĐ 2022"),
    row("BKTLD-01", "consecutive_ratings", {"years": 2, "min_rating": "HTXSNV"}, confidence=V,
        citation="QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.1"),
    row("BKTLD-02", "initiatives", {"window_years": 2, "min_count": 2}, confidence=V,
        citation="QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.1"),
    row("BKTLD-03", "prior_award", {"award_codes": ["bang-khen-ldld"], "years_before": 1},
        confidence=V, citation="QĐ 1689/QĐ-TLĐ, điều 14 khoản 1.2"),
    row("BKCD-01", "quota_count",
        {"scope": "per_proposing_unit", "max_count": 4, "per_topic": True}, confidence=V,
        citation="QĐ 1689/QĐ-TLĐ, điều 15 khoản 4"),
    row("BKCD-02", "quota_count", {"scope": "national", "max_count": 300, "per_topic": True},
        confidence=V, citation="QĐ 1689/QĐ-TLĐ, điều 15 khoản 4"),
    row("BKCD-03", "recipient_kind",
        {"individuals": True, "unit_kinds": ["cdcs", "nghiep-doan"]}, confidence=V,
        citation="QĐ 1689/QĐ-TLĐ, điều 15 khoản 2"),
    row("DUP-01", "same_year_combination", confidence=H, citation="HD 1217/HD-TLĐ, mục 1.1"),
    row("DUP-02", "achievement_not_reused", confidence=V, citation="Luật TĐKT 2022"),
    row("TRANS-01", "transfer_comments", {"min_months": 6}, confidence=H,
        citation="HD 1217/HD-TLĐ, mục 1.3"),
    row("TRAIN-01", "training_year", confidence=H, citation="HD 1217/HD-TLĐ, mục 1.2",
        severity="info"),
    row("KNC-01", "never_received",
        {
            "award_codes": ["ky-niem-chuong", "huy-chuong-xd-cong-doan"],
            "name_contains": ["Huy chương Vì sự nghiệp xây dựng tổ chức Công đoàn"],
        },
        confidence=H, citation="HD 149/HD-TLĐ"),
    row("KNC-02", "any_of",
        {
            "rules": [
                {"type": "service_years", "params": {"min_years": 20}},
                {"type": "service_years",
                 "params": {"min_years": 25, "unit_categories": ["union_public_service"],
                            "part_time": 1, "part_time_non_state": 1}},
                {"type": "service_years",
                 "params": {"min_years": 25, "unit_categories": ["union_enterprise"],
                            "leadership_only": True, "part_time": 1, "part_time_non_state": 1}},
                {"type": "committee_terms",
                 "params": {"committees": ["executive", "inspection"], "terms": 2,
                            "body_levels": ["trung-uong"]}},
                {"type": "committee_terms",
                 "params": {"committees": ["executive"], "terms": 2, "bodies": ["CDVCVN"]}},
                {"type": "committee_terms",
                 "params": {"committees": ["presidium"], "terms": 1,
                            "body_levels": ["trung-uong"]}},
            ]
        },
        confidence=H, citation="HD 149/HD-TLĐ"),
    row("KNC-03", "no_sanction", confidence=H, citation="HD 149/HD-TLĐ; 168/HD-CĐCT"),
    row("KNC-04", "no_pending_case", confidence=H, citation="HD 149/HD-TLĐ; 168/HD-CĐCT"),
    row("KNC-05", "deadline_window",
        {"opens": "07-01", "closes": "07-31", "date": "decided", "also_at_congress": True},
        confidence=H, citation="HD 149/HD-TLĐ", severity="warn"),
    row("LDST-01", "membership", {"requires": "union_member"}, confidence=H,
        citation="QĐ 1564/QĐ-TLĐ, điều 16"),
    row("LDST-02", "beneficial_value",
        {
            "tiers": [
                {"label": "Lãnh đạo, quản lý", "leader": True, "min_single_value": 200_000_000,
                 "alternative_kind": "management_solution",
                 "alternative_min_level": "provincial"},
                {"label": "Đại học trở lên", "leader": False, "min_education": "university",
                 "min_single_value": 150_000_000},
                {"label": "Cao đẳng trở xuống", "leader": False, "max_education": "college",
                 "min_single_value": 80_000_000, "consecutive_years": 3,
                 "min_total_value": 120_000_000},
            ]
        },
        confidence=H, citation="QĐ 1564/QĐ-TLĐ, điều 16"),
    row("LDST-03", "initiatives", {"window_years": 1, "min_count": 1}, confidence=H,
        citation="QĐ 1564/QĐ-TLĐ, điều 16; Luật TĐKT 2022, điều 3"),
    row("NVL-01a", "never_received", {"award_codes": ["giai-thuong-nguyen-van-linh"]},
        confidence=H, citation="QĐ 2106/QĐ-TLĐ, điều 18 khoản 2"),
    row("NVL-01b", "membership", {"requires": "union_official"}, confidence=H,
        citation="QĐ 2106/QĐ-TLĐ, điều 18 khoản 2"),
    row("XSD-01", "no_incident", confidence=H, citation="HD 168/HD-TLĐ, mục II.1"),
    row("XSD-02", "prior_award",
        {"award_codes": ["co-thi-dua-ldld", "bang-khen-chuyen-de-tld"],
         "topic": "xanh-sach-dep-atvsld"},
        confidence=H, citation="HD 168/HD-TLĐ, mục II.1"),
    row("XSD-03", "min_score", {"sheet": "xanh-sach-dep-atvsld", "min_points": "96"},
        confidence=H, citation="HD 168/HD-TLĐ, mục II.1"),
    row("PRIO-01", "tie_break_priority", {"women_majority_pct": 70}, confidence=V,
        citation="QĐ 1689/QĐ-TLĐ, điều 4", severity="info"),
    row("HEAD-01", "head_follows_collective", confidence=V, citation="QĐ 1689/QĐ-TLĐ, điều 4",
        severity="warn"),
    row("DOS-01", "dossier_complete", {"documents": TITLE_DOSSIER, "use_catalogue": False},
        confidence=V, citation="Luật TĐKT 2022, điều 84 khoản 1"),
    row("DOS-02", "dossier_complete",
        {"documents": ["xac-nhan-sang-kien"], "use_catalogue": False}, confidence=V,
        citation="Luật TĐKT 2022, điều 84 khoản 1"),
    row("DOS-03", "dossier_complete", {"documents": FORM_DOSSIER, "use_catalogue": False},
        confidence=V, citation="Luật TĐKT 2022, điều 84 khoản 2"),
    row("DOS-04", "dossier_sets", {"min_sets": 2}, confidence=H, citation="Ban TĐKT TW"),
    row("DOS-05", "dossier_complete",
        {"documents": ["ket-qua-bo-phieu-kin"], "use_catalogue": False}, confidence=H,
        citation="NĐ 91/2017/NĐ-CP, điều 45 khoản 8"),
    row("HD-01", "council_composition", {"max_members": 9, "chair_is_unit_chair": True},
        confidence=H, citation="QĐ 2106/QĐ-TLĐ, điều 35"),
    row("VOTE-01", "vote_threshold",
        {"threshold_pct": 90, "base": "all_members", "secret_ballot": True}, confidence=H,
        citation="NĐ 91/2017/NĐ-CP, điều 45 khoản 8"),
    row("VOTE-02", "vote_threshold",
        {"threshold_pct": "50", "base": "present", "strictly_more": True, "quorum_pct": "50"},
        confidence=U, citation="regulations.md §D.3"),
    row("PUB-01", "public_posting", confidence=H, citation="NĐ 91/2017/NĐ-CP, điều 45 khoản 10"),
    row("CL-01", "cluster_participation", {"registered": True}, confidence=U,
        citation="regulations.md §D.4", severity="warn"),
    row("CL-02", "cluster_head_rotation", {"max_terms": 1}, confidence=U,
        citation="regulations.md §D.4", severity="warn"),
    row("CL-03", "cluster_documented", confidence=U, citation="TLĐ (bình xét, suy tôn)"),
]  # fmt: skip

BANG_KHEN_TLD = ("BKTLD-01", "BKTLD-02", "BKTLD-03", "DUP-01", "DUP-02", "HEAD-01", "PRIO-01")

# --- where each rule applies ---------------------------------------------------------------------

SUBMIT, REVIEW, COUNCIL, DECISION = "submit", "review", "council", "decision"
EVERY_STEP = [SUBMIT, REVIEW, COUNCIL, DECISION]
BEFORE_COUNCIL = [SUBMIT, REVIEW]
INDIVIDUALS, COLLECTIVES = "individuals", "collectives"

# Reward forms of the catalogue (awards.reference_data) whose dossier is the form dossier of Law
# 06/2022 art. 84(2). The Kỷ niệm chương has its own dossier (HD 149: proposal and service
# record), so DOS-03 leaves it out.
FORMS = [
    "bang-khen-tld",
    "bang-khen-chuyen-de-tld",
    "bang-lao-dong-sang-tao",
    "giai-thuong-nguyen-van-linh",
    "giai-thuong-nguyen-duc-canh",
    "bang-khen-ldld",
    "giay-khen-cd-cap-tren",
]
# Awards voted by a council (requires_council_vote), except the CSTĐ cấp tỉnh of VOTE-01.
VOTED = [
    "co-thi-dua-tld",
    "co-thi-dua-chuyen-de-tld",
    "bang-khen-tld",
    "bang-khen-chuyen-de-tld",
    "bang-lao-dong-sang-tao",
    "giai-thuong-nguyen-van-linh",
    "giai-thuong-nguyen-duc-canh",
    "co-thi-dua-ldld",
    "bang-khen-ldld",
    "giay-khen-cd-cap-tren",
    "cdcs-htxsnv",
    "tap-the-lao-dong-xuat-sac",
    "chien-si-thi-dua-co-so",
]
NOT_IN_CATALOGUE = (
    "Áp dụng cho hình thức khen thưởng của Nhà nước chưa có trong danh mục (Cờ thi đua của "
    "Chính phủ, Bằng khen Thủ tướng, CSTĐ toàn quốc, Huân chương): bật lại và chọn hình thức "
    "khi danh mục có."
)

PLACEMENT: dict[str, dict[str, Any]] = {
    "AUTH-01": {"steps": [SUBMIT, DECISION]},
    "ROUTE-01": {"steps": [SUBMIT]},
    "ROUTE-02": {"awards": ["co-thi-dua-tld"], "nominees": COLLECTIVES},
    "ROUTE-03": {"enabled": False, "note": NOT_IN_CATALOGUE},
    "BKTLD-01": {"awards": ["bang-khen-tld"], "nominees": INDIVIDUALS},
    "BKTLD-02": {"awards": ["bang-khen-tld"], "nominees": INDIVIDUALS},
    "BKTLD-03": {"awards": ["bang-khen-tld"], "nominees": INDIVIDUALS},
    "BKCD-01": {"awards": ["bang-khen-chuyen-de-tld"], "steps": BEFORE_COUNCIL},
    "BKCD-02": {"awards": ["bang-khen-chuyen-de-tld"], "steps": [DECISION]},
    "BKCD-03": {"awards": ["bang-khen-chuyen-de-tld"]},
    "DUP-01": {},
    "DUP-02": {},
    "TRANS-01": {"nominees": INDIVIDUALS, "steps": BEFORE_COUNCIL},
    "TRAIN-01": {"nominees": INDIVIDUALS, "steps": [SUBMIT]},
    "KNC-01": {"awards": ["ky-niem-chuong"], "nominees": INDIVIDUALS},
    "KNC-02": {"awards": ["ky-niem-chuong"], "nominees": INDIVIDUALS},
    "KNC-03": {"awards": ["ky-niem-chuong"], "nominees": INDIVIDUALS},
    "KNC-04": {"awards": ["ky-niem-chuong"], "nominees": INDIVIDUALS},
    "KNC-05": {"awards": ["ky-niem-chuong"], "nominees": INDIVIDUALS, "steps": [DECISION]},
    "LDST-01": {"awards": ["bang-lao-dong-sang-tao"], "nominees": INDIVIDUALS},
    "LDST-02": {"awards": ["bang-lao-dong-sang-tao"], "nominees": INDIVIDUALS},
    "LDST-03": {"awards": ["bang-lao-dong-sang-tao"], "nominees": INDIVIDUALS},
    "NVL-01a": {"awards": ["giai-thuong-nguyen-van-linh"], "nominees": INDIVIDUALS},
    "NVL-01b": {"awards": ["giai-thuong-nguyen-van-linh"], "nominees": INDIVIDUALS},
    "XSD-01": {"awards": ["co-thi-dua-chuyen-de-tld"], "nominees": COLLECTIVES},
    "XSD-02": {"awards": ["co-thi-dua-chuyen-de-tld"], "nominees": COLLECTIVES},
    "XSD-03": {"awards": ["co-thi-dua-chuyen-de-tld"], "nominees": COLLECTIVES},
    "PRIO-01": {"awards": ["bang-khen-chuyen-de-tld"], "steps": [REVIEW, DECISION]},
    "HEAD-01": {"nominees": INDIVIDUALS},
    "DOS-02": {"awards": ["chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-co-so"]},
    "DOS-03": {"awards": FORMS},
    "DOS-04": {"enabled": False, "note": NOT_IN_CATALOGUE},
    "DOS-05": {"enabled": False, "note": NOT_IN_CATALOGUE},
    "HD-01": {"awards": [*VOTED, "chien-si-thi-dua-cap-tinh"], "steps": [COUNCIL]},
    "VOTE-01": {"awards": ["chien-si-thi-dua-cap-tinh"], "steps": [DECISION]},
    "VOTE-02": {"awards": VOTED, "steps": [DECISION]},
    "PUB-01": {"enabled": False, "note": NOT_IN_CATALOGUE},
    "CL-01": {
        "awards": ["co-thi-dua-tld", "co-thi-dua-ldld"],
        "nominees": COLLECTIVES,
        "steps": BEFORE_COUNCIL,
    },
    "CL-02": {
        "awards": ["co-thi-dua-tld", "co-thi-dua-ldld"],
        "nominees": COLLECTIVES,
        "steps": BEFORE_COUNCIL,
    },
    "CL-03": {"awards": ["co-thi-dua-tld"], "nominees": COLLECTIVES},
}
