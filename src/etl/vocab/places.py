"""Place vocabulary: how an opening sentence names where an event took place ("tại Hà Nội")."""

from __future__ import annotations

import re

#: The preposition that introduces the venue: "tại". Not "ở": in an opening it mostly says
#: where someone or something is ("bếp ăn của trường tiểu học ở Mù Cang Chải nấu …", "nhiều hộ ở
#: xã Kim Quan"), not where the event took place, and its phrase runs on into the verb.
PLACE_CUE_RE = re.compile(r"(?<!\w)tại\s+", re.I)

#: Words after "tại" that name an event, not a place ("phát biểu tại Đại hội ...").
EVENT_NOUNS: tuple[str, ...] = (
    "đại hội", "hội nghị", "hội thảo", "hội thi", "hội giảng", "lễ", "buổi", "cuộc", "phiên", "kỳ họp",
    "diễn đàn", "chương trình", "sự kiện", "tọa đàm", "toạ đàm", "lớp", "khóa", "khoá", "hội đàm",
    "cuộc họp", "cuộc thi", "triển lãm", "giải", "đợt", "chuyến", "văn bản", "quyết định", "nghị quyết",
    "kế hoạch", "thông tư", "nghị định", "công văn", "điều", "khoản", "mục", "phần", "đây", "đó",
    "thời điểm", "các", "những", "mỗi", "từng", "nhiều", "một số", "họp", "phiên họp", "đối thoại",
    "tổng kết", "sơ kết", "cơ sở", "địa phương", "chỗ",
)

#: Abbreviated unit words whose full stop is not the end of the place ("TP. Hồ Chí Minh",
#: "TP.HCM", "Q.1", "TX. Sơn Tây").
PLACE_ABBREVIATIONS: frozenset[str] = frozenset({"tp", "tx", "tt", "q", "p", "h", "x"})

#: Where the place name stops: punctuation, or a word that starts the next clause.
PLACE_STOP_RE = re.compile(
    r"[,.;:!?()\[\]“”\"]|\s[-–—]\s|(?<!\w)(?:đã|đang|sẽ|diễn ra|tổ chức|khai mạc|bế mạc|nhằm|để|với|"
    r"cho|về|theo|là|do|trong|khi|sau khi|trước khi|vào|từ|đến|nhân dịp|dưới sự|có|được|bởi|"
    r"tiến hành|chủ trì|cùng|và các|gồm|nhân|thì|mà|sáng|chiều|tối|trưa|ngày)(?!\w)",
    re.I,
)

#: Most words a place name has.
MAX_PLACE_WORDS = 12
#: Most words the name of an administrative unit has ("Quy Nhơn", "Bà Rịa - Vũng Tàu").
MAX_ADMIN_NAME_WORDS = 5

#: Lower-case words a place name may open with ("tại thành phố Thanh Hóa", "tại trụ sở Bộ").
PLACE_HEAD_WORDS: tuple[str, ...] = (
    "thành", "tỉnh", "huyện", "xã", "phường", "quận", "thị", "thủ", "trụ", "hội", "nhà", "khu", "trung",
    "văn", "sân", "cung", "trường", "làng", "thôn", "bản", "ấp", "đảo", "cảng", "tp", "tp.",
    "bãi", "bến", "chợ", "công", "quảng", "đền", "chùa", "đình", "di", "bệnh", "trạm", "đồn", "xóm",
    "khối", "cụm", "nhà", "điểm", "phòng", "giảng", "khách", "sảnh", "học",
)

#: Administrative units that go on naming the same place after a comma: "tại xã Hạ Long,
#: huyện Vân Đồn" is one place; "tại Hà Nội, Sở …" is not. The unit's name must follow,
#: capitalised ("tỉnh ủy" is not a unit).
ADMIN_UNIT_RE = re.compile(
    r"\s*(?:thành phố|thị xã|thị trấn|huyện|quận|tỉnh|xã|phường|tp\.?|thôn|bản|ấp|xóm|tổ dân phố|khu phố)\s+",
    re.I,
)

#: Compound words whose second syllable is also a stop word ("Nhà Văn hóa Công nhân tỉnh": the
#: "nhân" of "công nhân" is not the "nhân" of "nhân dịp").
STOP_WORD_COMPOUNDS: tuple[str, ...] = (
    "công nhân", "bệnh nhân", "doanh nhân", "cá nhân", "thương nhân", "nghệ nhân", "nông nhân",
    "văn nhân", "quân nhân", "tư nhân",
)

#: Countries: after a comma one ends a place chain abroad ("tại Thủ đô Viêng Chăn, Lào").
COUNTRIES: tuple[str, ...] = (
    "Lào", "Campuchia", "Trung Quốc", "Thái Lan", "Myanmar", "Malaysia", "Singapore", "Indonesia",
    "Philippines", "Brunei", "Đông Timor", "Hàn Quốc", "Triều Tiên", "Nhật Bản", "Ấn Độ", "Mông Cổ",
    "Nga", "Liên bang Nga", "Belarus", "Ukraine", "Hoa Kỳ", "Mỹ", "Canada", "Cuba", "Brazil",
    "Argentina", "Mexico", "Chile", "Anh", "Pháp", "Đức", "Italy", "Tây Ban Nha", "Bồ Đào Nha",
    "Hà Lan", "Bỉ", "Thụy Sĩ", "Thụy Điển", "Na Uy", "Đan Mạch", "Phần Lan", "Ba Lan", "Séc",
    "Hungary", "Bulgaria", "Romania", "Áo", "Australia", "Úc", "New Zealand", "Ai Cập", "Nam Phi",
    "Israel", "Thổ Nhĩ Kỳ", "Iran", "Ả Rập Xê Út", "UAE", "Qatar", "Kazakhstan", "Angola",
    "Mozambique", "Algeria", "Venezuela",
)
COUNTRY_RE = re.compile(
    r"\s*(" + "|".join(sorted((re.escape(c) for c in COUNTRIES), key=len, reverse=True)) + r")(?!\w)"
)

#: Dashes that may join two capitalised parts of one place name ("Văn hóa - Thể thao").
NAME_DASHES: frozenset[str] = frozenset({"-", "–"})
