"""The deadlines every deployment starts with, one per step for every award.

The union's own time limits are not confirmed (regulations.md §D.2): these are working values
from the complaint that appraisal takes 15–30 days per level, to be edited by administrators
(per award where needed) in the admin.
"""

STEP_DEADLINES = [
    # step, days allowed, remind this many days before, note
    ("review", 15, 3, "Thẩm định tại mỗi cấp; giá trị tạm, chưa có quy định của Công đoàn."),
    ("resubmit", 10, 3, "Đơn vị bổ sung hồ sơ bị trả lại; giá trị tạm."),
    ("council", 30, 5, "Hội đồng TĐKT xét; giá trị tạm."),
    ("decision", 15, 3, "Ban hành quyết định sau khi Hội đồng thông qua; giá trị tạm."),
]
