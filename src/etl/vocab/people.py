"""Words that mark people in Vietnamese news text: honorifics, titles, surnames, stops.

Everything is lower-case word tuples (NFC) so the logic can compare token windows; the
one exception is ``SURNAMES``, which is matched against a title-cased token as written.
"""

from __future__ import annotations

#: Words that introduce a named person ("đồng chí Lê Hải Quân", "Đ/c …", "ông …").
HONORIFICS: tuple[str, ...] = (
    "đồng chí",
    "đ/c",
    "đc",
    "ông",
    "bà",
    "em",
    # nouns that frame a person the way "ông"/"bà" do, often before an ethnic-minority name
    # that no Kinh family name opens ("già làng Đinh Blong", "tác giả Rơ Chăm Bloan")
    "già làng",
    "nghệ nhân",
    "nghệ nhân ưu tú",
    "nghệ nhân nhân dân",
    "tác giả",
    "nhiếp ảnh gia",
    # academic titles, written as their tokens ("ThS." is "ths" then "."; "PGS.TS" ends in "ts")
    "ths",
    "ths .",
    "ts",
    "ts .",
    "tiến sĩ",
    "thạc sĩ",
)

#: Words that start a title ("Phó Bí thư …", "nguyên Bộ trưởng …") without being one.
POSITION_PREFIXES: tuple[str, ...] = (
    "phó",
    "nguyên",
    "quyền",
    "đương kim",
)

#: Heads of a position or office. A position runs from one of these to the name (before
#: it) or from the separator after the name to the next stop (after it).
POSITION_HEADS: tuple[str, ...] = (
    "tổng bí thư",
    "bí thư",
    "chủ tịch",
    "thủ tướng",
    "bộ trưởng",
    "thứ trưởng",
    "tổng giám đốc",
    "giám đốc",
    "ủy viên",
    "uỷ viên",
    "uv",
    "uvbtv",
    "uvbch",
    "tuv",
    "tỉnh ủy viên",
    "tỉnh uỷ viên",
    "thành ủy viên",
    "thành uỷ viên",
    "huyện ủy viên",
    "huyện uỷ viên",
    "đảng ủy viên",
    "đảng uỷ viên",
    "trưởng ban",
    "trưởng phòng",
    "trưởng đoàn",
    "trưởng khoa",
    "trưởng",
    "chủ nhiệm",
    "tổng cục trưởng",
    "chi cục trưởng",
    "cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "chánh văn phòng",
    "chánh thanh tra",
    "chánh án",
    "viện trưởng",
    "tổng biên tập",
    "tổng thư ký",
    "thư ký",
    "đại biểu quốc hội",
    "tư lệnh",
    "chính ủy",
    "chính uỷ",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "kiểm toán trưởng",
    # commanders and heads named by their unit ("Đồn trưởng Đồn Biên phòng …", "Đô trưởng Thủ đô …")
    "đồn trưởng",
    "đại đội trưởng",
    "tiểu đoàn trưởng",
    "trung đoàn trưởng",
    "lữ đoàn trưởng",
    "sư đoàn trưởng",
    "chỉ huy trưởng",
    "đô trưởng",
    "thường trực",
    "chuyên viên",
    "phát ngôn viên",
)

#: Words after a name (or inside a trailing position) where the position ends: the verbs
#: and prepositions that start the rest of the clause.
POSITION_STOPS: tuple[str, ...] = (
    "phát biểu",
    "chủ trì",
    "chủ tọa",
    "chủ toạ",
    "tặng",
    "trao",
    "trao tặng",
    "đồng chủ trì",
    "ghi nhận",
    "cho rằng",
    "cho biết",
    "đánh giá",
    "nhấn mạnh",
    "giữ chức",
    "được bầu",
    "tham dự",
    "đến dự",
    "về dự",
    "dự và",
    "dự hội nghị",
    "dự lễ",
    "dự buổi",
    "chỉ đạo",
    "cam kết",
    "dẫn đầu",
    "cảm ơn",
    "cám ơn",
    "đề nghị",
    "yêu cầu",
    "khẳng định",
    "biểu dương",
    "chúc mừng",
    "báo cáo",
    "trình bày",
    "thông qua",
    "kết luận",
    "khai mạc",
    "bế mạc",
    "quán triệt",
    "phổ biến",
    "thăm",
    "làm",
    "đã",
    "sẽ",
    "đang",
    "cũng",
    "vừa",
    "tại",
    "thay mặt",
    "cùng",
    "với",
    "là",
    "gửi",
    "lưu ý",
    "giới thiệu",
    "điều hành",
    "hướng dẫn",
    "trả lời",
    "nêu",
    "mong muốn",
    "đồng thời",
    "bày tỏ",
    "chia sẻ",
    "nhận",
    "trực tiếp",
    "cắt băng",
    "bấm nút",
    "ký",
    "tiếp",
    "lên",
    "đề xuất",
    "thừa ủy quyền",
    "thừa uỷ quyền",
    "trong",
    "theo",
    "nhằm",
    "để",
)

#: Conjunction that joins two people or two parts of an organisation's name.
CONJUNCTION = "và"
#: Tokens between names in a list of people ("…An, Trần Văn Bình và Lê Thị Cúc").
LIST_JOINERS: frozenset[str] = frozenset({",", ";", CONJUNCTION})

#: Words that end the clause before a name: a preceding position never reaches back past them.
CLAUSE_STOPS: tuple[str, ...] = POSITION_STOPS + (CONJUNCTION, "của", "có", "gồm", "cho", "về")

#: Vietnamese family names, as written. A name must start with one of these.
SURNAMES: frozenset[str] = frozenset(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương
    Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Thái Lưu Cao Chu Châu Đinh Lương Quách Tăng Văn
    Triệu Kiều Đàm Hứa Khổng Lục Mạc Nông Hầu Thân Tôn Tống Từ Giang Kim La Lò Ninh Quan
    Trình Tiêu Vi Yên Âu Bạch Bế Cù Diệp Đồng Đường Hàn Hoàng Khúc Lại Lã Lữ Lạc Mã Mạnh
    Nghiêm Ông Phó Phương Sầm Sơn Thạch Thiều Tòng Trà Trang Trịnh Ứng Viên Vi Xa
    Doãn Đậu Hán Hoa Khuất Kha Khương Lan Liêu Lộc Lều Lô Man Mông Mẫn Ngọ Nhữ Phí Quang
    Tào Tiết Tưởng Uông Vòng Y Giáp Cấn Cầm Chế Chử Dư Đoạn Đổng Đồ Hầu Hồng Kha Kiều
    Ma Mai Nghiêm Ngụy Nhan Ôn Phú Sái Sử Thành Thập Thi Thiệu Tiền Tông Trầm Úc Vạn
    """.split()
)

#: Title-cased words that never belong to a person's name: a name run stops before them.
NAME_STOP_WORDS: frozenset[str] = frozenset(
    """
    Bộ Sở Ban Đảng Ủy Uỷ Khối Tỉnh Huyện Xã Phường Cục Vụ Viện Ương Ảnh Hội Nghị Phủ
    UBND HĐND Ngày Sáng Chiều Tối Tại Theo Trong Tháng
    """.split()
)

#: Lower-case words right before a title-cased run that make it a place, not a person
#: ("xã Quảng Phú", "đường Lê Lợi").
PLACE_MARKERS: tuple[str, ...] = (
    "xã",
    "huyện",
    "tỉnh",
    "thành phố",
    "tp",
    "phường",
    "quận",
    "thị xã",
    "thị trấn",
    "thôn",
    "bản",
    "làng",
    "ấp",
    "đường",
    "phố",
    "số nhà",
    "hội trường",
    "trường",
    "cầu",
    "sông",
    "núi",
)

#: Organisations whose names start like a person's ("Đoàn Thanh niên", "Đoàn Chủ tịch").
ORGANISATION_NAMES: tuple[str, ...] = (
    "đoàn thanh niên",
    "đoàn chủ tịch",
    "đoàn thư ký",
    "đoàn đại biểu",
    "đoàn công tác",
    "đoàn kiểm tra",
    "đoàn giám sát",
    "hội liên hiệp",
    "hội nông dân",
    "hội cựu chiến binh",
    "hội nhà báo",
    "mặt trận tổ quốc",
)

#: Names the text refers to as history or ideology, not as a participant.
HISTORICAL_NAMES: frozenset[str] = frozenset(
    (
        "Hồ Chí Minh",
        "Nguyễn Ái Quốc",
        "Nguyễn Tất Thành",
        "Tôn Đức Thắng",
        "Võ Nguyên Giáp",
        "Lê Duẩn",
        "Trường Chinh",
        "Phạm Văn Đồng",
        "Nguyễn Văn Linh",
        "Lê Hồng Phong",
        "Trần Phú",
        "Hà Huy Tập",
        "Nguyễn Văn Cừ",
        "Trần Hưng Đạo",
        "Lê Lợi",
        "Nguyễn Trãi",
        "Quang Trung",
        "Võ Thị Sáu",
        "Lý Tự Trọng",
        "Nguyễn Thị Minh Khai",
    )
)

#: Place names that look like a name starting with a surname ("Hà Nội", "Lâm Đồng").
PLACE_NAMES: frozenset[str] = frozenset(
    (
        "Hà Nội",
        # regions: "nghệ nhân Tây Nguyên" names where they come from, not who they are
        "Tây Nguyên",
        "Tây Bắc",
        "Đông Bắc",
        "Bắc Bộ",
        "Trung Bộ",
        "Nam Bộ",
        "Đông Nam Bộ",
        "Tây Nam Bộ",
        "Hà Tĩnh",
        "Hà Giang",
        "Hà Nam",
        "Hà Đông",
        "Lâm Đồng",
        "Cao Bằng",
        "Lạng Sơn",
        "Thái Nguyên",
        "Thái Bình",
        "Kim Bảng",
        "Quảng Ninh",
        "Quảng Bình",
        "Quảng Trị",
        "Quảng Nam",
        "Quảng Ngãi",
        "Phú Thọ",
        "Phú Yên",
        "Giang Thành",
        "Vĩnh Phúc",
        "Vĩnh Long",
        "Đồng Nai",
        "Đồng Tháp",
        "Đồng Hới",
        "Bình Dương",
        "Bình Phước",
        "Bình Định",
        "Bình Thuận",
        "Yên Bái",
        "Hồ Chí Minh",
        "Lào Cai",
        "Sơn La",
        "Cần Thơ",
        "Kiên Giang",
        "Tiền Giang",
        "Hậu Giang",
        "Bạc Liêu",
        "Cà Mau",
        "Long An",
        "Trà Vinh",
        "Tây Ninh",
        "Ninh Bình",
        "Ninh Thuận",
        "Hòa Bình",
        "Hoà Bình",
        "Thanh Hóa",
        "Thanh Hoá",
        "Nghệ An",
        "Bắc Ninh",
        "Bắc Giang",
        "Hải Phòng",
        "Hải Dương",
        "Hưng Yên",
        "Nam Định",
        "Sóc Trăng",
        "An Giang",
        "Đà Nẵng",
        "Gia Lai",
        "Kon Tum",
        "Đắk Lắk",
        "Đắk Nông",
        "Khánh Hòa",
        "Khánh Hoà",
        "Tuyên Quang",
        "Điện Biên",
        "Lai Châu",
        "Bắc Kạn",
        "Bến Tre",
        "Việt Nam",
        "Trung Quốc",
        "Ba Đình",
        "Hoàn Kiếm",
        "Mai Châu",
        "Mai Sơn",
    )
)

#: Most syllables a Vietnamese full name has; longer title-case runs are cut.
MAX_NAME_SYLLABLES = 4
#: Most words a trailing position may run before it is cut.
MAX_POSITION_WORDS = 24
