"""Boilerplate vocabulary: phrases and class/id cues of what surrounds an article.

Kept apart from the logic in ``etl.clean`` and ``etl.extract.generic`` so a new portal's
wording is added here, once.
"""

from __future__ import annotations

import re

#: Tags that never hold article text.
DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "select", "option", "textarea", "input", "button", "nav", "map", "audio", "video", "link",
    "meta", "amp-ad", "amp-embed", "amp-sticky-ad", "amp-analytics", "amp-sidebar", "amp-social-share",
)

#: Tags of article photos: <img> and its AMP form.
IMAGE_TAGS: tuple[str, ...] = ("img", "amp-img")

#: Headings that open a list of other articles (the box is dropped, heading and all).
RELATED_HEADINGS: tuple[str, ...] = (
    "tin liên quan", "bài liên quan", "bài viết liên quan", "tin bài liên quan", "tin cùng chuyên mục",
    "cùng chuyên mục", "các tin khác", "tin khác", "các bài khác", "bài khác", "tin mới", "tin mới nhất",
    "tin mới hơn", "tin cũ hơn", "tin đã đưa", "các tin đã đưa", "xem thêm", "đọc thêm", "có thể bạn quan tâm",
    "tin nổi bật", "tin đọc nhiều", "đọc nhiều nhất", "tin xem nhiều", "tin tiêu điểm", "tin bài khác",
    "văn bản mới", "thông báo", "liên kết website", "tin ảnh", "video", "tin cùng loại",
    "các tin bài khác", "tin tức khác", "bài viết khác", "tin tức liên quan", "chủ đề liên quan",
    "bài đọc nhiều", "tin đọc nhiều nhất", "tin khác cùng chuyên mục", "các tin cũ hơn", "các tin mới hơn",
)

#: Short lines that are page furniture whatever element holds them (compared lower-case,
#: after stripping punctuation); a line equal to or starting with one of these is dropped.
FURNITURE_LINES: tuple[str, ...] = (
    "chia sẻ", "in bài", "in trang", "gửi email", "gửi bài viết", "gửi cho bạn bè", "về đầu trang",
    "lên đầu trang", "quay lại", "trở về", "bản in", "lưu bài", "lưu tin", "bình luận", "ý kiến bạn đọc",
    "gửi ý kiến", "gửi bình luận", "đánh giá", "lượt xem", "lượt đọc", "số lượt xem", "lượt truy cập",
    "từ khóa", "từ khoá", "tags", "tag", "xem chi tiết", "xem tiếp", "đọc tiếp", "xem thêm", "cỡ chữ",
    "kích thước chữ", "font chữ", "trang chủ", "tải về", "tải file", "tệp đính kèm", "file đính kèm",
    "nghe bài", "nghe đọc", "đọc bài", "phóng to", "thu nhỏ", "a- a+", "a a a", "facebook", "zalo",
    "twitter", "tweet", "like", "share", "print", "email", "top", "in", "bản quyền", "copyright",
    "đăng nhập", "đăng ký", "tìm kiếm", "theo dõi", "views", "lượt thích", "0 bình luận",
    "xem bản in", "gửi tin", "trở lại", "phản hồi", "ý kiến của bạn", "quảng cáo", "advertisement",
    "một số hình ảnh", "hình ảnh hoạt động", "album ảnh", "thư viện ảnh", "nội dung chi tiết",
)

#: Lines of a site footer: licence, address, responsibility (checked with ``startswith``).
FOOTER_LINE_PREFIXES: tuple[str, ...] = (
    "giấy phép", "cơ quan chủ quản", "chịu trách nhiệm", "địa chỉ:", "điện thoại:", "số đt", "email:",
    "fax:", "ghi rõ nguồn", "website được thiết kế", "thiết kế bởi", "bản quyền thuộc", "© ",
    "copyright", "trưởng ban biên tập", "đơn vị quản lý", "cơ quan thường trực", "trang thông tin điện tử",
    "cổng thông tin điện tử", "ghi rõ nguồn", "đang online", "hôm nay:", "đã truy cập", "tổng lượt truy cập",
    "lượt truy cập", "lượt xem:", "số lượt xem", "địa chỉ bài viết", "địa chỉ bài:", "link bài viết",
)

#: A line of hashtags only ("#TinhdoanHaTinh #TuoitreHaTinh 🌸"): tag links, not prose.
HASHTAG_LINE_RE = re.compile(r"^[^\w#]*#\w+(?:[^\w#]*#\w+)*[^\w#]*$")

#: A counter or rating line: "Lượt xem: 1234", "Đã xem: 55", "(12 lượt xem)".
COUNTER_RE = re.compile(r"(lượt\s+(xem|đọc|truy cập|thích)|đã\s+xem|views?)\s*[:：]?\s*\d|\d+\s*lượt\s+(xem|đọc)", re.I)

#: Class/id cues of boilerplate containers (matched on "class id" lower-cased).
BOILERPLATE_CLASS_RE = re.compile(
    r"(?:^|[\s_\-])(?:"
    r"menu|menus|mainmenu|topmenu|nav|navbar|navigation|breadcrumbs?|bread-?crumb|duongdan|"
    r"footer|site-?footer|page-?footer|copyright|sidebar|side-?bar|col-?right|col-?left|right-?col|"
    r"left-?col|share|sharing|social|socials?|share-?box|sharebar|share-?tools|print|print-?bar|"
    r"toolbar|tools|news-?tools|article-?tools|utility|utilities|related|related-?news|related-?posts?|"
    r"tinlienquan|tin-?lien-?quan|lienquan|lien-?quan|other-?news|othernews|tinkhac|tin-?khac|"
    r"more-?news|same-?cate|cung-?chuyen-?muc|samecategory|also|readmore|read-?more|xemthem|xem-?them|"
    r"comments?|comment-?form|binh-?luan|binhluan|ykien|y-?kien|feedback|rating|ratings|rate|danhgia|"
    r"danh-?gia|vote|poll|survey|tags?|tag-?list|tagcloud|keywords?|tu-?khoa|tukhoa|"
    r"banner|banners|advert|adverts|ads|ad-?box|quangcao|quang-?cao|sponsor|counter|visitor|"
    r"thongke|thong-?ke|statistic|stats|search|search-?box|login|pager|pagination|paging|"
    r"font-?size|fontsize|text-?size|back-?top|backtotop|go-?top|gotop|totop|cookie|modal|popup|"
    r"hotline|top-?links|toplinks|weblink|web-?link|lienket|lien-?ket|box-?link|newest|latest|"
    r"most-?read|mostview|most-?viewed|docnhieu|hot-?news|tinmoi|tin-?moi|subscribe|newsletter|"
    r"audio-?player|player|skip-?link|contact|contact-?box|contact-?info|info-?contact|lien-?he|lienhe|"
    r"maps?|post-?map|map-?section|map-?note|map-?embed|file-?attach(?:ments?)?|"
    r"list-?group|dinh-?kem|dinhkem"
    r")(?:$|[\s_\-])",
    re.I,
)

#: Classes that hide an element, matched as whole class names only: "field-label-hidden"
#: hides a field's label, not the field.
HIDDEN_CLASS_RE = re.compile(
    r"(?:^|\s)(?:hidden|d-none|sr-only|visually-hidden|element-invisible|element-hidden|invisible|hide|screen-reader-text)(?:$|\s)", re.I
)

#: Class/id cues of a lead (sapo) paragraph outside the content container.
LEAD_CLASS_RE = re.compile(r"sapo|lead|summary|tomtat|tom-?tat|chapeau|description|intro|excerpt|abstract|teaser", re.I)

#: Class/id cues of headline elements.
TITLE_CLASS_RE = re.compile(
    r"title|tieude|tieu-?de|headline|heading|news-?name|ten-?bai|post-?name", re.I
)

#: Class/id cues of a kicker or supertitle above the headline (never the headline itself).
KICKER_CLASS_RE = re.compile(
    r"kicker|super-?title|pre-?title|over-?title|overline|eyebrow|upper-?title|title-?top|top-?title", re.I
)

#: Class/id cues of a byline element.
AUTHOR_CLASS_RE = re.compile(r"author|tacgia|tac-?gia|byline|writer|nguoi-?viet|signature|butdanh|but-?danh|reporter", re.I)

#: A note after a signature that is not part of the name: "Minh Châu (tổng hợp)".
AUTHOR_NOTE_RE = re.compile(r"\s*\((?:tổng hợp|th|t/h|st|sưu tầm|lược dịch|dịch|biên dịch)\)\s*$", re.I)

#: The writer's unit after a signature: "Trần Hoa (Trung tâm CNTT&TT)", "Thanh Tâm (CCBVMT)".
#: Only a capitalised name in the brackets is a unit (checked by the caller).
AUTHOR_UNIT_RE = re.compile(r"\s*\(([^()]{2,80})\)\s*$")

#: Notes in brackets that say what the writer is, not where they work: part of the signature
#: as written ("Hoàng Lam (CTV)"), unlike a unit ("Thanh Tâm (CCBVMT)").
AUTHOR_ROLE_NOTES: frozenset[str] = frozenset({"ctv", "cộng tác viên", "pv", "phóng viên", "btv", "biên tập viên"})

#: Labels before a byline or signature: "Tác giả:", "Bài và ảnh:", "Viết bởi".
BYLINE_PREFIX_RE = re.compile(
    r"^(?:tác giả|bài(?:\s*(?:và|,|&)\s*ảnh)?|tin(?:\s*(?:và|,|&)\s*ảnh)?|người viết|viết bởi|"
    r"đăng bởi|người đăng|by|phóng viên|pv|nguồn|ảnh)\s*[:：]\s*|^(?:(?:viết|đăng)\s+)?bởi\s+|^by\s+", re.I)

#: Initials signing an article ("H.V.", "N.T.H", "T.Hà"): the final dot is part of them.
INITIALS_RE = re.compile(r"^(?:[A-ZĐ]\.)+[A-ZĐ]?\.?$|^(?:[A-ZĐ]\.)+\s?[A-ZĐ][a-zà-ỹđ]+$")

#: An English byline meta line above the text ("By Jane Doe · Published 9:41 AM EDT …", "By
#: Hoang Phong September 23, 2024 | 09:12 pm"): "By", capitalised names (maybe ", Site"), then
#: nothing or a date (the caller cuts the date off first).
EN_BYLINE_START_RE = re.compile(r"^[Bb]y\s+(?=[A-Z])")
EN_BYLINE_NAMES_RE = re.compile(r"[A-Z][\w.'’-]*(?:(?:\s+|\s*,\s*|\s+(?:and|&)\s+)[A-Z][\w.'’-]*){0,9}")
#: Labels that end the names part of such a line, before its date.
EN_META_LABEL_RE = re.compile(r"\s*[·|•–—]?\s*(?:published|updated|posted|last updated)\s*:?\s*$", re.I)

#: A labelled writer inside a meta line, up to the next "·"/"|" field or the line's end.
AUTHOR_LABEL_RE = re.compile(
    r"(?:^|[\s·|•])(?:tác giả|người viết|bài và ảnh|bài, ảnh|bài & ảnh)\s*[:：]\s*"
    r"(?P<name>[^·|•:：]{2,60}?)\s*(?=[·|•]|$)", re.I)

#: A source line ("Nguồn: Báo Hải Dương"): the writer only when the page names no one else.
SOURCE_LINE_RE = re.compile(r"^nguồn\s*[:：]", re.I)

#: Separators between the fields of a meta line under a headline ("… · 3 phút · Tên").
META_FIELD_SPLIT_RE = re.compile(r"\s*[·|•]\s*|\s+[-–—]\s+")

#: Separators between the fields of a meta line that may hold a dateline with a dash in it
#: ("Ngày 18/09/2024 - 15:10 | Tác giả: Thanh Tâm").
META_FIELD_SEP_RE = re.compile(r"\s*[·|•]\s*")

#: First words of an office signing a report as written ("Phòng Thống kê Tổng hợp"): a
#: right-aligned line opening with one is a signature even though not every word is capitalised.
OFFICE_SIGNATURE_HEADS: tuple[str, ...] = (
    "phòng", "ban", "văn phòng", "trung tâm", "bộ phận", "tổ", "nhóm", "chi cục", "cục", "vụ",
    "khoa", "trạm", "đội", "hạt",
)

#: CMS account names that are not authors.
NOT_AUTHORS: tuple[str, ...] = (
    "admin", "administrator", "quản trị", "quản trị viên", "webmaster", "editor", "biên tập viên",
    "ban biên tập", "user", "guest", "root", "system", "cms",
)

#: Words that make a headline candidate look like the site's name rather than an article's.
SITE_NAME_CUES: tuple[str, ...] = (
    "cổng thông tin điện tử", "trang thông tin điện tử", "cổng thông tin", "trang chủ", "website",
)

#: Separators between an article title and the site name in <title>.
TITLE_SEPARATORS_RE = re.compile(r"\s+[-|–—:»]\s+|\s*\|\s*")

#: Image URL fragments of page chrome, not article photos.
CHROME_IMAGE_RE = re.compile(
    r"logo|icon|banner|button|btn[_-]|spacer|blank\.|pixel|avatar|loading|arrow|bullet|"
    r"facebook|zalo|twitter|youtube|social|share|print|rss|captcha|sprite|/ads?/|quangcao|flag",
    re.I,
)

#: Placeholder image sources of lazy loaders; the real URL is in a data- attribute.
LAZY_PLACEHOLDER_RE = re.compile(r"^data:|blank|lazy|placeholder|spacer|loading|grey\.gif|1x1", re.I)

#: Attributes that hold the real image URL when the page lazy-loads it, best first.
LAZY_ATTRS: tuple[str, ...] = (
    "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-full-src",
    "data-srcset", "data-image", "data-img", "srcset",
)
