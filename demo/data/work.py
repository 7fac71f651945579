"""Workplaces of the demo people: jobs, education, and the initiatives people there write.

Each profile describes one kind of workplace (a high school, a district health centre, a garment
factory...). Leaders and managers are a minority: the head of the agency, a deputy, and a few
heads of department; everyone else is a direct worker.
"""

from __future__ import annotations

from dataclasses import dataclass

# Education mixes, lowest to highest (organizations.models.EducationLevel values).
WORKER = (("general", 55), ("vocational", 40), ("college", 5))
SKILLED_WORKER = (("general", 20), ("vocational", 60), ("college", 20))
TECHNICIAN = (("vocational", 30), ("college", 50), ("university", 20))
NURSE = (("vocational", 15), ("college", 55), ("university", 30))
GRADUATE = (("university", 85), ("master", 15))
TEACHER = (("college", 5), ("university", 75), ("master", 20))
PRESCHOOL_TEACHER = (("vocational", 10), ("college", 50), ("university", 40))
LECTURER = (("master", 55), ("doctorate", 45))
MANAGER = (("university", 60), ("master", 35), ("doctorate", 5))
DOCTOR = (("university", 55), ("master", 35), ("doctorate", 10))


@dataclass(frozen=True)
class Job:
    title: str
    weight: int = 1
    is_leader: bool = False
    education: tuple[tuple[str, int], ...] = GRADUATE
    # Chance that someone in this job is a woman; None follows the unit's share of women.
    women_share: float | None = None


@dataclass(frozen=True)
class Profile:
    head: Job  # one person, the head of the agency or enterprise
    deputy: Job  # one person in units with nine people or more
    jobs: tuple[Job, ...]  # everyone else, drawn by weight
    sub_head: Job | None = None  # the one manager of a CĐ bộ phận / tổ công đoàn, if any
    initiative_share: float = 0.3  # share of people with recognised initiatives
    # Beneficial value in million VND: the share of initiatives that quantify it, and the range.
    quantified_share: float = 0.0
    value_range: tuple[int, int] = (0, 0)
    scientific_share: float = 0.0  # share of "initiatives" that are scientific topics
    initiative_titles: tuple[str, ...] = ()


SCHOOL_TITLES = (
    "Một số biện pháp nâng cao chất lượng đọc hiểu văn bản cho học sinh lớp 10",
    "Ứng dụng phần mềm GeoGebra trong dạy học hình học không gian",
    "Giáo dục kỹ năng sống cho học sinh thông qua hoạt động trải nghiệm",
    "Tổ chức dạy học theo dự án môn Địa lí gắn với thực tiễn địa phương",
    "Biện pháp phụ đạo học sinh yếu môn Toán",
    "Xây dựng ngân hàng câu hỏi trắc nghiệm môn Lịch sử",
    "Ứng dụng trí tuệ nhân tạo hỗ trợ luyện nói tiếng Anh cho học sinh",
    "Một số kinh nghiệm làm công tác chủ nhiệm lớp ở trường vùng nông thôn",
    "Phương pháp bồi dưỡng học sinh giỏi môn Hóa học",
    "Tích hợp giáo dục bảo vệ môi trường trong dạy học môn Sinh học",
    "Đổi mới sinh hoạt tổ chuyên môn theo hướng nghiên cứu bài học",
    "Sử dụng sơ đồ tư duy trong ôn tập môn Ngữ văn",
    "Thiết kế thí nghiệm Vật lí đơn giản từ vật liệu tái chế",
    "Phối hợp với cha mẹ học sinh phòng chống bạo lực học đường",
    "Quản lý hồ sơ học sinh trên nền tảng số của nhà trường",
    "Hướng dẫn học sinh nghiên cứu khoa học kỹ thuật cấp trường",
    "Nâng cao hiệu quả thư viện thân thiện trong nhà trường",
    "Tổ chức câu lạc bộ tiếng Anh cho học sinh trung học",
)

PRESCHOOL_TITLES = (
    "Một số biện pháp giúp trẻ 5 tuổi làm quen với chữ cái",
    "Xây dựng góc vận động từ nguyên vật liệu tái chế",
    "Giáo dục dinh dưỡng cho trẻ mẫu giáo qua hoạt động trải nghiệm",
    "Biện pháp giúp trẻ 3 tuổi mạnh dạn trong giao tiếp",
    "Tổ chức trò chơi dân gian trong hoạt động ngoài trời",
    "Phối hợp với phụ huynh rèn thói quen vệ sinh cho trẻ nhà trẻ",
    "Làm đồ dùng dạy học bằng vật liệu sẵn có ở địa phương",
    "Ứng dụng công nghệ thông tin trong hoạt động làm quen với toán",
    "Xây dựng môi trường lớp học lấy trẻ làm trung tâm",
    "Biện pháp phòng chống suy dinh dưỡng cho trẻ tại trường",
)

HOSPITAL_TITLES = (
    "Cải tiến quy trình tiếp đón người bệnh tại khoa Khám bệnh",
    "Ứng dụng phần mềm quản lý lịch hẹn tái khám bệnh nhân tăng huyết áp",
    "Giảm thời gian chờ trả kết quả xét nghiệm máu",
    "Chuẩn hóa quy trình chăm sóc người bệnh sau mổ",
    "Quản lý bệnh nhân đái tháo đường tại trạm y tế xã",
    "Tiết kiệm vật tư tiêu hao trong phòng mổ",
    "Áp dụng bảng kiểm an toàn phẫu thuật",
    "Triển khai bệnh án điện tử tại khoa Nội tổng hợp",
    "Cải tiến quy trình cấp phát thuốc ngoại trú",
    "Phòng ngừa té ngã cho người bệnh cao tuổi nằm viện",
    "Tư vấn dinh dưỡng cho phụ nữ mang thai tại tuyến xã",
    "Sàng lọc sớm lao phổi bằng X-quang kỹ thuật số",
    "Quy trình khử khuẩn dụng cụ nội soi tiết kiệm hóa chất",
    "Theo dõi tiêm chủng mở rộng trên nền tảng số",
    "Giảm tỉ lệ nhiễm khuẩn vết mổ tại khoa Ngoại",
)

OFFICE_TITLES = (
    "Số hóa hồ sơ lưu trữ của cơ quan",
    "Cải tiến quy trình tiếp nhận và trả kết quả theo cơ chế một cửa",
    "Ứng dụng chữ ký số trong trao đổi văn bản nội bộ",
    "Xây dựng phần mềm theo dõi nhiệm vụ được giao",
    "Chuẩn hóa biểu mẫu báo cáo thống kê định kỳ",
    "Rút ngắn thời gian thẩm định hồ sơ",
    "Tổ chức hội nghị trực tuyến tiết kiệm chi phí",
    "Quản lý tài sản công bằng mã QR",
    "Cơ sở dữ liệu cán bộ, công chức, viên chức",
    "Công khai thủ tục hành chính trên cổng thông tin điện tử",
    "Giải pháp tiết kiệm điện trong trụ sở cơ quan",
    "Quy trình rà soát văn bản quy phạm pháp luật",
)

COMMUNE_TITLES = (
    "Số hóa sổ hộ tịch của xã",
    "Cải tiến quy trình chứng thực tại bộ phận một cửa",
    "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
    "Quản lý đất đai bằng bản đồ số",
    "Tuyên truyền pháp luật qua nhóm mạng xã hội của thôn",
    "Thu gom rác thải sinh hoạt theo mô hình tổ tự quản",
    "Hỗ trợ người dân nộp hồ sơ trực tuyến mức độ toàn trình",
    "Theo dõi hộ nghèo, cận nghèo bằng bảng tính dùng chung",
    "Lồng ghép các chương trình xây dựng nông thôn mới",
)

GARMENT_TITLES = (
    "Cải tiến cữ gá may cổ áo giảm thao tác",
    "Sắp xếp lại chuyền may theo dòng chảy một chiếc",
    "Bộ gá may túi hậu quần âu",
    "Tận dụng vải vụn làm túi đựng thành phẩm",
    "Cải tiến bàn là hơi giảm tiêu hao điện",
    "Dưỡng cắt nhanh cho chi tiết nẹp áo",
    "Phần mềm theo dõi năng suất từng công đoạn",
    "Chân vịt may viền tự chế",
    "Cải tiến quy trình kiểm hàng cuối chuyền",
    "Hệ thống hút bụi vải tại khu vực cắt",
    "Tối ưu sơ đồ giác mẫu tiết kiệm vải",
    "Cữ gá may đáp khóa quần jean",
    "Giảm tỉ lệ hàng lỗi đường may",
    "Giá treo bán thành phẩm di động giữa các tổ",
)

OFFICE_ENTERPRISE_TITLES = (
    "Tự động hóa bảng lương theo sản phẩm",
    "Quản lý kho nguyên phụ liệu bằng mã vạch",
    "Rút ngắn thời gian làm thủ tục hải quan xuất khẩu",
    "Chuẩn hóa hồ sơ tuyển dụng lao động",
    "Theo dõi chấm công bằng máy quét vân tay",
    "Thanh toán lương qua tài khoản ngân hàng cho công nhân",
)

BUILDING_MATERIALS_TITLES = (
    "Cải tiến buồng đốt lò nung tuynel tiết kiệm than",
    "Tận dụng nhiệt thải lò nung để sấy gạch mộc",
    "Thay thế băng tải cao su bằng băng tải xích",
    "Điều chỉnh phối liệu giảm tỉ lệ gạch cong vênh",
    "Cải tiến khuôn đùn gạch rỗng hai lỗ",
    "Tự động hóa khâu xếp gạch lên goòng",
    "Xử lý bụi khu vực nghiền đất",
    "Bảo dưỡng định kỳ máy cán thô",
)

CEMENT_TITLES = (
    "Cải tiến hệ thống làm mát ghi lò clinker",
    "Tiết kiệm điện năng cho máy nghiền xi măng",
    "Thay thế bạc lót con lăn máy nghiền đứng",
    "Tận dụng xỉ lò cao làm phụ gia xi măng",
    "Điều khiển tự động van cấp liệu lò nung",
    "Giảm thời gian dừng lò khi thay gạch chịu lửa",
    "Hệ thống lọc bụi tay áo tại khu vực đóng bao",
    "Phục hồi trục vít tải bằng công nghệ hàn đắp",
    "Cảnh báo sớm quá nhiệt động cơ băng tải",
    "Tối ưu tỉ lệ phối liệu đá vôi và đất sét",
    "Cải tiến máng xuất xi măng rời lên xe bồn",
)

TEA_TITLES = (
    "Cải tiến máy vò chè giảm tỉ lệ chè vụn",
    "Lò sao chè dùng nhiệt từ trấu ép",
    "Quy trình héo chè bằng quạt gió điều tốc",
    "Sàng phân loại chè thành phẩm nhiều cấp",
    "Đóng gói chè hút chân không bảo quản lâu hơn",
    "Thu hái chè bằng máy cầm tay cho nông hộ liên kết",
    "Ghi chép nhật ký vùng nguyên liệu chè an toàn",
)

FOOTWEAR_TITLES = (
    "Cữ gá định vị khi dán đế giày",
    "Cải tiến khuôn ép đế giảm ba via",
    "Tận dụng da vụn làm miếng lót gót",
    "Sắp xếp chuyền gò theo mô hình tế bào",
    "Máy quét keo bán tự động",
    "Giảm tỉ lệ lỗi lệch mũi giày",
    "Buồng hút hơi dung môi tại công đoạn dán",
    "Cải tiến lò sấy giày sau khi dán keo",
    "Bảng theo dõi chất lượng trực quan cho tổ trưởng",
    "Giá kệ luân chuyển mũ giày giữa các công đoạn",
)

RESEARCH_TITLES = (
    "Cơ sở dữ liệu số hóa tư liệu Hán Nôm",
    "Nghiên cứu lịch sử vùng đất Quảng Nam thế kỷ XVII",
    "Từ điển điện tử thuật ngữ ngôn ngữ học",
    "Khảo sát phương ngữ Nam Trung Bộ",
    "Quy trình biên tập xuất bản tạp chí khoa học trực tuyến",
    "Hệ thống quản lý đề tài khoa học của viện",
    "Ứng dụng kỹ thuật hạt nhân trong đánh giá xói mòn đất",
    "Quy trình kiểm định thiết bị đo liều bức xạ",
    "Nghiên cứu chế tạo đồng vị phóng xạ dùng trong y tế",
    "Lưu trữ số kho tư liệu điền dã",
    "Bảo quản tài liệu cổ bằng phương pháp khử axit",
    "Tối ưu quy trình xử lý mẫu phân tích môi trường",
)

UNIVERSITY_TITLES = (
    "Xây dựng học liệu điện tử môn Luật Dân sự",
    "Đổi mới phương pháp dạy học theo tình huống",
    "Tổ chức phiên tòa giả định cho sinh viên",
    "Ngân hàng đề thi trắc nghiệm trực tuyến",
    "Hướng dẫn sinh viên nghiên cứu khoa học",
    "Quản lý lớp học trên hệ thống học tập trực tuyến",
    "Kiểm định chất lượng chương trình đào tạo",
    "Bồi dưỡng kỹ năng nghề cho học viên lớp đào tạo chức danh",
    "Số hóa giáo trình và tài liệu tham khảo",
    "Khảo sát việc làm của sinh viên sau tốt nghiệp",
    "Chuẩn hóa quy trình tổ chức thi kết thúc học phần",
    "Biên soạn tài liệu bồi dưỡng lý luận chính trị cho đảng viên mới",
)

UNION_BODY_TITLES = (
    "Phần mềm quản lý đoàn viên công đoàn",
    "Đổi mới cách tổ chức hội nghị người lao động",
    "Mô hình đối thoại định kỳ tại doanh nghiệp ngoài nhà nước",
    "Quy trình xét duyệt hỗ trợ Mái ấm Công đoàn",
    "Tuyên truyền pháp luật lao động qua mạng xã hội",
    "Chuyển đổi số công tác thu, chi tài chính công đoàn",
    "Theo dõi phong trào thi đua của công đoàn cơ sở trực tuyến",
    "Sổ tay hướng dẫn thương lượng tập thể",
)

PROFILES: dict[str, Profile] = {
    "school": Profile(
        head=Job("Hiệu trưởng", is_leader=True, education=MANAGER),
        deputy=Job("Phó Hiệu trưởng", is_leader=True, education=MANAGER),
        jobs=(
            Job("Giáo viên", 72, education=TEACHER),
            Job("Tổ trưởng chuyên môn", 10, education=TEACHER),
            Job("Kế toán", 4, education=GRADUATE, women_share=0.8),
            Job("Nhân viên văn thư", 4, education=TECHNICIAN, women_share=0.8),
            Job("Nhân viên thư viện", 3, education=TECHNICIAN, women_share=0.9),
            Job("Nhân viên y tế trường học", 3, education=NURSE, women_share=0.9),
        ),
        initiative_share=0.45,
        quantified_share=0.05,
        value_range=(5, 30),
        initiative_titles=SCHOOL_TITLES,
    ),
    "preschool": Profile(
        head=Job("Hiệu trưởng", is_leader=True, education=MANAGER, women_share=1.0),
        deputy=Job("Phó Hiệu trưởng", is_leader=True, education=MANAGER, women_share=1.0),
        jobs=(
            Job("Giáo viên mầm non", 80, education=PRESCHOOL_TEACHER),
            Job("Nhân viên nấu ăn", 10, education=WORKER),
            Job("Kế toán", 5, education=GRADUATE),
            Job("Nhân viên bảo vệ", 5, education=WORKER, women_share=0.0),
        ),
        initiative_share=0.4,
        initiative_titles=PRESCHOOL_TITLES,
    ),
    "hospital": Profile(
        head=Job("Giám đốc Trung tâm", is_leader=True, education=DOCTOR),
        deputy=Job("Phó Giám đốc Trung tâm", is_leader=True, education=DOCTOR),
        jobs=(
            Job("Bác sĩ", 24, education=DOCTOR),
            Job("Điều dưỡng", 32, education=NURSE, women_share=0.85),
            Job("Hộ sinh", 8, education=NURSE, women_share=1.0),
            Job("Dược sĩ", 6, education=TECHNICIAN),
            Job("Kỹ thuật viên xét nghiệm", 6, education=TECHNICIAN),
            Job("Trưởng khoa", 6, is_leader=True, education=DOCTOR),
            Job("Kế toán", 4, education=GRADUATE, women_share=0.8),
            Job("Nhân viên hộ lý", 4, education=WORKER, women_share=0.9),
        ),
        initiative_share=0.35,
        quantified_share=0.5,
        value_range=(10, 120),
        initiative_titles=HOSPITAL_TITLES,
    ),
    "commune": Profile(
        head=Job("Chủ tịch Ủy ban nhân dân", is_leader=True, education=MANAGER, women_share=0.15),
        deputy=Job("Phó Chủ tịch Ủy ban nhân dân", is_leader=True, education=MANAGER),
        jobs=(
            Job("Công chức Văn phòng – Thống kê", 3),
            Job("Công chức Địa chính – Xây dựng", 3, women_share=0.2),
            Job("Công chức Tư pháp – Hộ tịch", 3),
            Job("Công chức Văn hóa – Xã hội", 3),
            Job("Công chức Tài chính – Kế toán", 3, women_share=0.7),
            Job("Chỉ huy trưởng Quân sự", 1, education=TECHNICIAN, women_share=0.0),
        ),
        initiative_share=0.25,
        quantified_share=0.2,
        value_range=(5, 40),
        initiative_titles=COMMUNE_TITLES,
    ),
    "provincial_office": Profile(
        head=Job("Giám đốc", is_leader=True, education=MANAGER),
        deputy=Job("Phó Giám đốc", is_leader=True, education=MANAGER),
        jobs=(
            Job("Chuyên viên", 50),
            Job("Chuyên viên chính", 18, education=MANAGER),
            Job("Trưởng phòng", 5, is_leader=True, education=MANAGER),
            Job("Phó Trưởng phòng", 5, is_leader=True, education=MANAGER),
            Job("Kế toán", 6, women_share=0.8),
            Job("Văn thư", 5, education=TECHNICIAN, women_share=0.8),
            Job("Nhân viên lái xe", 3, education=WORKER, women_share=0.0),
        ),
        initiative_share=0.3,
        quantified_share=0.3,
        value_range=(10, 60),
        initiative_titles=OFFICE_TITLES,
    ),
    "central_office": Profile(
        head=Job("Cục trưởng", is_leader=True, education=MANAGER),
        deputy=Job("Phó Cục trưởng", is_leader=True, education=MANAGER),
        jobs=(
            Job("Chuyên viên", 45),
            Job("Chuyên viên chính", 20, education=MANAGER),
            Job("Thẩm định viên", 10, education=MANAGER),
            Job("Trưởng phòng", 8, is_leader=True, education=MANAGER),
            Job("Kế toán", 5, women_share=0.8),
            Job("Văn thư", 5, education=TECHNICIAN, women_share=0.8),
        ),
        initiative_share=0.3,
        quantified_share=0.3,
        value_range=(10, 90),
        initiative_titles=OFFICE_TITLES,
    ),
    "university": Profile(
        head=Job("Hiệu trưởng", is_leader=True, education=LECTURER),
        deputy=Job("Phó Hiệu trưởng", is_leader=True, education=LECTURER),
        jobs=(
            Job("Giảng viên", 55, education=LECTURER),
            Job("Giảng viên chính", 20, education=LECTURER),
            Job("Chuyên viên Phòng Đào tạo", 10),
            Job("Kế toán", 5, women_share=0.8),
            Job("Thủ thư", 5, education=TECHNICIAN, women_share=0.9),
        ),
        sub_head=Job("Trưởng khoa", is_leader=True, education=LECTURER),
        initiative_share=0.35,
        quantified_share=0.2,
        value_range=(10, 80),
        scientific_share=0.5,
        initiative_titles=UNIVERSITY_TITLES,
    ),
    "research": Profile(
        head=Job("Viện trưởng", is_leader=True, education=LECTURER),
        deputy=Job("Phó Viện trưởng", is_leader=True, education=LECTURER),
        jobs=(
            Job("Nghiên cứu viên", 50, education=LECTURER),
            Job("Nghiên cứu viên chính", 25, education=LECTURER),
            Job("Kỹ thuật viên", 10, education=TECHNICIAN),
            Job("Trưởng phòng", 6, is_leader=True, education=LECTURER),
            Job("Kế toán", 5, women_share=0.8),
        ),
        initiative_share=0.4,
        quantified_share=0.4,
        value_range=(20, 180),
        scientific_share=0.6,
        initiative_titles=RESEARCH_TITLES,
    ),
    "garment": Profile(
        head=Job("Giám đốc", is_leader=True, education=MANAGER, women_share=0.3),
        deputy=Job("Phó Giám đốc sản xuất", is_leader=True, education=MANAGER),
        jobs=(
            Job("Công nhân may", 62, education=WORKER),
            Job("Công nhân cắt", 10, education=WORKER),
            Job("Công nhân là – đóng gói", 8, education=WORKER),
            Job("Tổ trưởng chuyền may", 8, education=SKILLED_WORKER),
            Job("Nhân viên kiểm hàng (KCS)", 6, education=SKILLED_WORKER),
            Job("Kỹ thuật viên chuyền", 6, education=TECHNICIAN, women_share=0.4),
        ),
        sub_head=Job("Quản đốc phân xưởng", is_leader=True, education=TECHNICIAN),
        initiative_share=0.3,
        quantified_share=0.9,
        value_range=(15, 110),
        initiative_titles=GARMENT_TITLES,
    ),
    "enterprise_office": Profile(
        head=Job("Trưởng phòng Hành chính – Nhân sự", is_leader=True, education=MANAGER),
        deputy=Job("Phó phòng Kế toán", is_leader=True, education=GRADUATE),
        jobs=(
            Job("Nhân viên kế toán", 4, women_share=0.85),
            Job("Nhân viên nhân sự", 3),
            Job("Nhân viên xuất nhập khẩu", 3),
            Job("Nhân viên kho", 2, education=TECHNICIAN),
        ),
        sub_head=Job("Trưởng phòng Kế toán", is_leader=True, education=GRADUATE),
        initiative_share=0.3,
        quantified_share=0.8,
        value_range=(10, 70),
        initiative_titles=OFFICE_ENTERPRISE_TITLES,
    ),
    "building_materials": Profile(
        head=Job("Giám đốc", is_leader=True, education=MANAGER, women_share=0.0),
        deputy=Job("Phó Giám đốc kỹ thuật", is_leader=True, education=MANAGER, women_share=0.1),
        jobs=(
            Job("Công nhân vận hành lò nung", 25, education=WORKER, women_share=0.05),
            Job("Công nhân tạo hình", 20, education=WORKER),
            Job("Công nhân bốc xếp", 15, education=WORKER, women_share=0.1),
            Job("Công nhân cơ khí sửa chữa", 10, education=SKILLED_WORKER, women_share=0.0),
            Job("Quản đốc", 4, is_leader=True, education=TECHNICIAN, women_share=0.0),
            Job("Nhân viên kế toán", 5, women_share=0.85),
        ),
        initiative_share=0.3,
        quantified_share=0.9,
        value_range=(20, 160),
        initiative_titles=BUILDING_MATERIALS_TITLES,
    ),
    "cement": Profile(
        head=Job("Giám đốc", is_leader=True, education=MANAGER, women_share=0.0),
        deputy=Job("Phó Giám đốc kỹ thuật", is_leader=True, education=MANAGER, women_share=0.1),
        jobs=(
            Job("Công nhân vận hành lò nung", 22, education=SKILLED_WORKER, women_share=0.05),
            Job("Công nhân vận hành máy nghiền", 16, education=SKILLED_WORKER, women_share=0.05),
            Job("Công nhân cơ khí", 14, education=SKILLED_WORKER, women_share=0.0),
            Job("Kỹ sư điện – tự động hóa", 8, education=GRADUATE, women_share=0.1),
            Job("Kỹ sư công nghệ", 6, education=GRADUATE),
            Job("Nhân viên phòng thí nghiệm (KCS)", 6, education=TECHNICIAN, women_share=0.6),
            Job("Quản đốc phân xưởng", 4, is_leader=True, education=GRADUATE, women_share=0.0),
            Job("Nhân viên kế toán", 4, women_share=0.85),
        ),
        initiative_share=0.35,
        quantified_share=0.95,
        value_range=(30, 260),
        initiative_titles=CEMENT_TITLES,
    ),
    "tea": Profile(
        head=Job("Giám đốc", is_leader=True, education=MANAGER),
        deputy=Job("Phó Giám đốc", is_leader=True, education=MANAGER),
        jobs=(
            Job("Công nhân chế biến chè", 40, education=WORKER),
            Job("Công nhân thu hái chè", 30, education=WORKER),
            Job("Kỹ thuật viên nông nghiệp", 8, education=TECHNICIAN),
            Job("Nhân viên kế toán", 4, women_share=0.85),
        ),
        initiative_share=0.25,
        quantified_share=0.9,
        value_range=(10, 90),
        initiative_titles=TEA_TITLES,
    ),
    "footwear": Profile(
        head=Job("Tổng Giám đốc", is_leader=True, education=MANAGER, women_share=0.2),
        deputy=Job("Phó Tổng Giám đốc", is_leader=True, education=MANAGER),
        jobs=(
            Job("Công nhân may mũ giày", 35, education=WORKER),
            Job("Công nhân gò", 20, education=WORKER),
            Job("Công nhân ép đế", 12, education=WORKER, women_share=0.4),
            Job("Tổ trưởng sản xuất", 8, education=SKILLED_WORKER),
            Job("Nhân viên kiểm phẩm", 6, education=SKILLED_WORKER),
            Job("Kỹ thuật viên", 5, education=TECHNICIAN, women_share=0.4),
        ),
        initiative_share=0.3,
        quantified_share=0.9,
        value_range=(20, 130),
        initiative_titles=FOOTWEAR_TITLES,
    ),
    "union_body": Profile(
        head=Job("Chủ tịch", is_leader=True, education=MANAGER),
        deputy=Job("Phó Chủ tịch", is_leader=True, education=MANAGER),
        jobs=(
            Job("Trưởng Ban Chính sách – Pháp luật", 1, is_leader=True, education=MANAGER),
            Job("Chuyên viên Ban Tổ chức", 3),
            Job("Chuyên viên Ban Tuyên giáo – Nữ công", 3, women_share=0.8),
            Job("Chuyên viên Ủy ban Kiểm tra", 2),
            Job("Kế toán", 2, women_share=0.8),
        ),
        initiative_share=0.25,
        quantified_share=0.2,
        value_range=(10, 50),
        initiative_titles=UNION_BODY_TITLES,
    ),
}

# Who recognises an initiative above grassroots level, by the nearest of these ancestors: the
# council's name and the suffix of its decisions.
PROVINCIAL_RECOGNISERS = {
    "QNA": ("Hội đồng Sáng kiến tỉnh Quảng Nam", "QĐ-UBND"),
    "TQU": ("Hội đồng Sáng kiến tỉnh Tuyên Quang", "QĐ-UBND"),
    "CDVCVN-BTP": ("Hội đồng Sáng kiến Bộ Tư pháp", "QĐ-BTP"),
    "CDVCVN-VHL": ("Hội đồng Khoa học Viện Hàn lâm Khoa học xã hội Việt Nam", "QĐ-KHXH"),
    "CDVCVN-KHCN": ("Hội đồng Sáng kiến Bộ Khoa học và Công nghệ", "QĐ-BKHCN"),
    "CDVCVN": ("Hội đồng Sáng kiến Công đoàn Viên chức Việt Nam", "QĐ-CĐVC"),
}
