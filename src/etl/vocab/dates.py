"""Date vocabulary of Vietnamese portals: weekday words, parts of the day, dateline cues, regexes.

Every date-related literal lives here so ``etl.extract.dates`` holds only logic.
"""

from __future__ import annotations

import re

#: Weekday words that open a dateline ("Thứ ba, 18/08/2020 12:12").
WEEKDAYS: tuple[str, ...] = (
    "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật",
    "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "t2", "t3", "t4", "t5", "t6", "t7", "cn",
)

#: Parts of the day that open an event sentence ("Sáng ngày 05/3/2024", "Chiều 12/4").
PARTS_OF_DAY: tuple[str, ...] = (
    "rạng sáng", "sáng sớm", "sáng", "trưa", "chiều tối", "chiều", "tối", "đêm", "khuya",
)

#: Words that announce a publication dateline; a date after one of them is the page's date.
DATELINE_CUES: tuple[str, ...] = (
    "ngày đăng", "đăng ngày", "ngày xuất bản", "xuất bản", "ngày cập nhật", "cập nhật",
    "cập nhật lúc", "đăng lúc", "thời gian đăng", "ngày phát hành", "posted", "published",
    "ngày tạo", "ngày viết", "đăng tải",
)

#: Words that announce a modification date: a weaker candidate than a publication date.
MODIFIED_CUES: tuple[str, ...] = ("sửa lần cuối", "chỉnh sửa", "last modified", "modified")

#: Meta tags (property or name or itemprop) holding the publication instant, best first.
META_PUBLISHED: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued",
    "dc.date", "dc:date", "dc:created", "dcterms:created", "date", "sailthru.date", "parsely-pub-date", "dcterms.created", "og:updated_time",
    "article:modified_time", "datemodified", "lastmod",
)

#: Class/id fragments of elements that carry a dateline.
DATE_CLASS_RE = re.compile(
    r"date|time|ngay|publish|post-?meta|posted|meta-?info|datetime|thoigian|calendar|news-?info",
    re.I,
)

#: A day-month-year date: 18/08/2020, 3-6-2023, 05.03.2024.
DMY_RE = re.compile(r"(?<![\d/])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")
#: A day-month date with a two-digit year, as short datelines write it ("26/09/24 14:05",
#: "02/10/24 - 09:40"): read only when no four-digit date is there, as 20yy.
DMY2_RE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{2})(?![\d/.]|-\d)")
#: Written-out date: "ngày 5 tháng 3 năm 2024", and Joomla's Vietnamese locale "11 Tháng 3 2024".
WORDY_DATE_RE = re.compile(
    r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)?\s*((?:19|20)\d{2}))?(?!\d)", re.I
)
#: English month names, as CMS meta tags and RFC 2822 dates write them ("Sep", "May").
EN_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_EN_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: "26 Sep 2023" (RFC 2822) — groups: day, month name, year.
EN_DMY_RE = re.compile(rf"(?<![\w/])(\d{{1,2}})\s+{_EN_MONTH},?\s+((?:19|20)\d{{2}})(?!\d)", re.I)
#: "May 10, 2024" — groups: month name, day, year.
EN_MDY_RE = re.compile(rf"(?<![\w/]){_EN_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})(?!\d)", re.I)
#: A numeric UTC offset written after a clock time: "20:15:00 +0700", "07:45 GMT+07:00".
OFFSET_AFTER_TIME_RE = re.compile(r"\s*(?:GMT|UTC)?\s*([+-]\d{2}:?\d{2}(?!\d)|Z(?!\w))", re.I)
#: Zone abbreviations English-language sites write after a clock time ("9:41 AM EDT", "06:30 PM
#: ICT"), as hours east of UTC. Ambiguous ones ("ET", "IST") are left out: unknown means Vietnam time.
ZONE_ABBREVIATIONS: dict[str, int] = {
    "utc": 0, "gmt": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7, "pdt": -7,
    "pst": -8, "bst": 1, "cet": 1, "cest": 2, "ict": 7, "wib": 7, "sgt": 8, "hkt": 8, "jst": 9, "kst": 9,
    "aest": 10, "aedt": 11,
}
#: A zone abbreviation right after a clock time (or its am/pm).
ZONE_AFTER_TIME_RE = re.compile(r"\s*\(?(" + "|".join(ZONE_ABBREVIATIONS) + r")\)?(?![\w+-])", re.I)

#: Words after a clock time that tell the half of a 12-hour clock, Vietnamese and English: the
#: hour is after noon for these ("2:45 chiều", "9:05 tối", "9:12 pm", "02:10 CH")...
AFTERNOON_WORDS: tuple[str, ...] = ("chiều", "tối", "pm", "p.m.", "ch")
#: ... before noon for these ("7:05 sáng", "10:30 am", "08:15 SA")...
MORNING_WORDS: tuple[str, ...] = ("sáng", "am", "a.m.", "sa")
#: ... around noon for "trưa" (11:20 trưa is 11:20, 1:15 trưa is 13:15) and at night for
#: "đêm"/"khuya" (10:20 đêm is 22:20, 1:10 đêm is 01:10).
NOON_WORDS: tuple[str, ...] = ("trưa",)
NIGHT_WORDS: tuple[str, ...] = ("đêm", "khuya")
_HALF = "|".join(re.escape(w) for w in sorted(AFTERNOON_WORDS + MORNING_WORDS + NOON_WORDS + NIGHT_WORDS, key=len, reverse=True))
#: An ISO date or instant: 2024-03-05, 2024-03-05T14:30:00+07:00.
ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)
#: A clock time: 09:05, 9h05, 14 giờ 30, 2:30 PM, 09:05:33.
TIME_RE = re.compile(
    r"(?<![\d/:.])(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?!\d)\s*(" + _HALF + r")?(?![\w/])",
    re.I,
)

#: A line that is only a clock time, maybe after "lúc" ("lúc 16:40", "16:40"): the time a blog
#: writes apart from its date header.
TIME_ONLY_RE = re.compile(r"^(?:(?:vào\s+)?lúc\s+)?(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?$", re.I)

#: Event dates in an opening sentence, strongest first. Groups: day, month, year (optional).
_PART = "|".join(PARTS_OF_DAY)
#: A written-out weekday between the part of day and the date: "Sáng Chủ nhật ngày 02/3".
_WEEKDAY = "|".join(w for w in WEEKDAYS if " " in w)
#: Verbs after which a bare date is the event's: "diễn ra ngày 18/8".
EVENT_VERBS = "diễn ra|tổ chức|khai mạc|bế mạc|tiến hành|họp|tham dự"
#: Day and month written "18/8", "5-3" or "12.4" (the press style "Sáng 5-3"), a day range
#: before it ("5-6/3", "29 và 30/6", "16 đến 18/9": the event starts on the first day), the
#: year optional.
_DM = (r"(\d{1,2})(?:\s*(?:-|–|và|,|đến|tới)\s*\d{1,2}(?=\s*/))?\s*[/.\-]\s*(\d{1,2})"
       r"(?:\s*[/.\-]\s*(\d{4}))?(?![\d/.\-]\d|\d|%)")
#: What may open a lead before its first sentence: symbols/emoji, or a short agency tag and a
#: dash ("BP - ", "(HQ Online) - ", "HTTV – ").
_LEAD_PREFIX = r"(?:[^\w(]*|\(?[A-ZĐ][\w.]*(?:\s[A-ZĐ][\w.]*)?\)?\s*[-–—]\s*)"
EVENT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "Sáng ngày 05/3/2024", "Chiều 12/4", "sáng nay (18/8)", "Tối hôm qua (1/10)"
    re.compile(
        rf"(?<!\w)(?:{_PART})\s+(?:(?:{_WEEKDAY})\s*,?\s*)?(?:ngày\s+|hôm\s+nay\s*|nay\s*|hôm\s+qua\s*|qua\s*|mai\s*)?"
        rf"(?:\(\s*(?:ngày\s+)?)?{_DM}",
        re.I,
    ),
    # "(18/8)" right after "hôm nay" / "nay" / "hôm qua"
    re.compile(rf"(?<!\w)(?:hôm\s+nay|nay|hôm\s+qua|vừa\s+qua)\s*\(\s*(?:ngày\s+)?{_DM}", re.I),
    # "Ngày 26/12/2022, ..." at the start of a sentence, also after a lead's agency prefix or
    # emoji ("BP - Ngày 9/5", "❤️ Ngày 21/7")
    re.compile(rf"(?:^{_LEAD_PREFIX}|[.!?]\s+)(?:trong\s+|vào\s+)?(?:hai\s+|2\s+|các\s+)?ngày\s+{_DM}", re.I),
    # "vào ngày 5/3", "trong ngày 5/3"
    re.compile(rf"(?<!\w)(?:vào|trong|từ)\s+(?:hai\s+|2\s+|các\s+)?ngày\s+{_DM}", re.I),
    # "diễn ra ngày 18/8", "tổ chức vào ngày 5/3"
    re.compile(
        rf"(?<!\w)(?:{EVENT_VERBS})\s+(?:vào\s+)?(?:ngày\s+|hôm\s+)?{_DM}", re.I
    ),
)
#: Event date written out: "Sáng ngày 5 tháng 3 năm 2024".
EVENT_WORDY_RE = re.compile(
    rf"(?:(?:{_PART})\s+)?ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+(\d{{4}}))?", re.I
)
#: A document code just before "ngày": "155-KH/ĐUK ngày 10/10/2019" is the document's date.
DOCUMENT_BEFORE_DATE_RE = re.compile(r"(?:\d+[/-]\S*[A-ZĐ]{2,}\S*|số\s+\S+)\s*$")

#: Time zone suffixes that say "Vietnam time" and can be ignored ("(GMT+7)").
TZ_NOISE_RE = re.compile(r"\(?\s*(?:GMT|UTC)\s*\+\s*7\s*\)?", re.I)
