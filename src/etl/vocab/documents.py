"""Party and state document vocabulary: type words, code markers, issuers, code shapes.

Vietnamese documents carry a number and a code ("155-KH/ĐUK" for the Party, "68/NQ-CP" for
the State); the marker in the code ("KH", "NQ") names the kind of document and the issuer
part ("ĐUK", "CP") who signed it.
"""

from __future__ import annotations

#: Document type words in canonical capitalisation. Longer phrases first, so
#: "Thông tư liên tịch" wins over "Thông tư".
DOCUMENT_TYPES: tuple[str, ...] = (
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Thông báo kết luận",
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Quyết định",
    "Quy định",
    "Quy chế",
    "Chương trình",
    "Thông tư",
    "Nghị định",
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Công văn",
    "Văn bản",
    "Hướng dẫn",
    "Thông báo",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Điều lệ",
)

#: Canonical type a phrase is reported as when it differs from the phrase itself.
TYPE_ALIASES: dict[str, str] = {
    "Thông báo kết luận": "Thông báo",
}

#: Words right before a type word that make it an ordinary noun ("pháp luật").
TYPE_NEGATIVE_PREFIXES: tuple[str, ...] = ("pháp", "Pháp", "giáo", "theo các")

#: Marker inside a code → the type it implies. Used to pick the governing type word when
#: a title stands between the type word and the code.
MARKER_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QC": "Quy chế",
    "QCPH": "Quy chế",
    "CTr": "Chương trình",
    "CTHĐ": "Chương trình",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NĐ": "Nghị định",
    "CV": "Công văn",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CĐ": "Công điện",
    "PL": "Pháp lệnh",
}

#: Issuer codes, used to split a marker glued to its issuer ("QĐTTg" → "QĐ-TTg").
ISSUERS: tuple[str, ...] = (
    "TTg",
    "CP",
    "BTTTT",
    "UBND",
    "HĐND",
    "BCT",
    "BCH",
    "TU",
    "TW",
    "ĐU",
    "ĐUK",
    "BTV",
    "BTGTW",
    "BTCTW",
    "BKTTW",
    "VPTW",
    "UBKTTW",
    "BNV",
    "BTC",
    "BCA",
    "BQP",
    "BGDĐT",
    "BYT",
    "BKHĐT",
    "BVHTTDL",
    "VPCP",
    "QH",
    "UBTVQH",
    "HU",
    "TƯ",
    "BTG",
    "BDVTW",
    "ĐUKCQ",
    "ĐUKDN",
    "STTTT",
    "CĐBC",
)

#: Highest plausible document number and year span; keeps counts and ranges out.
MIN_YEAR = 1945
MAX_YEAR = 2100

#: A document number: up to five digits, not glued to another number or word.
CODE_NUMBER = r"(?<![\w/.,-])\d{1,5}"
#: Letters of a code group: an upper-case letter then letters/digits ("QĐi", "TTg", "QH13").
CODE_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9]*(?![\w])"
#: Separator between code parts; stray spaces around it are common in portal text.
CODE_SEPARATOR = r"\s*[-/–]\s*"

#: Phrases between a code and the date it was issued ("…, ngày", "ban hành ngày").
DATE_LEADS = (r"ngày", r"ban hành ngày", r"được ban hành ngày", r"ký ngày")
#: Words of a spelled-out date ("ngày 22 tháng 12 năm 2024").
DATE_MONTH_WORD = "tháng"
DATE_YEAR_WORD = "năm"

#: Laws carry the National Assembly's term as their marker ("86/2015/QH13").
LAW_MARKER_PATTERN = r"QH\d*"
LAW_TYPE = "Luật"
