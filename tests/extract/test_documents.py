"""Behaviours of ``extract_documents``: codes, types, dates and what is not a reference."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract.documents import extract_documents
from etl.models import DocumentRef


def one(text: str, **kwargs: int) -> DocumentRef:
    [doc] = extract_documents([text], **kwargs)
    return doc


@pytest.mark.parametrize(
    ("text", "doc_type", "code"),
    [
        ("theo Kết luận số 14-KL/TW của Bộ Chính trị", "Kết luận", "14-KL/TW"),
        ("Chính phủ ban hành Nghị quyết số 68/NQ-CP về cải cách", "Nghị quyết", "68/NQ-CP"),
        ("ban hành Luật An toàn thông tin mạng số 86/2015/QH13;", "Luật", "86/2015/QH13"),
        ("theo Quy định số 08-QĐi/TW của Ban Chấp hành", "Quy định", "08-QĐi/TW"),
        ("Kế hoạch số 155- KH/ĐUK của Ban Thường vụ", "Kế hoạch", "155-KH/ĐUK"),
        ("bám sát Chỉ thị số 35 - CT/TW của Bộ Chính trị", "Chỉ thị", "35-CT/TW"),
        ("Quyết định số 3765/QĐ- UBND về dữ liệu mở", "Quyết định", "3765/QĐ-UBND"),
        ("Quyết định số 1046/QĐTTg của Thủ tướng", "Quyết định", "1046/QĐ-TTg"),
        ("thực hiện nghiêm Chỉ thị 05-CT/TW của Bộ Chính trị", "Chỉ thị", "05-CT/TW"),
        ("Nghị định 13/2023/NĐ-CP có hiệu lực", "Nghị định", "13/2023/NĐ-CP"),
        ("Công văn số 1552/BTTTT-THH hướng dẫn kỹ thuật", "Công văn", "1552/BTTTT-THH"),
        ("Chương trình số 01-CTHĐ/ĐU về chương trình hành động", "Chương trình", "01-CTHĐ/ĐU"),
    ],
)
def test_code_and_type(text: str, doc_type: str, code: str) -> None:
    doc = one(text)
    assert (doc.type, doc.code) == (doc_type, code)


def test_lowercase_type_is_canonicalised() -> None:
    assert one("thực hiện nghị quyết số 06-NQ/TU của Tỉnh ủy").type == "Nghị quyết"


def test_type_agreeing_with_code_marker_wins_over_nearer_word() -> None:
    assert one("theo quy định tại Nghị định số 13/2023/NĐ-CP").type == "Nghị định"
    assert one("Thông báo kết luận số 45-TB/TW của Ban Bí thư").type == "Thông báo"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Kế hoạch số 155- KH/ĐUK ngày 10/10/2019 của Ban Thường vụ", date(2019, 10, 10)),
        ("Quy định số 08-QĐi/TW ngày 25/10/ 2018 của Ban Chấp hành", date(2018, 10, 25)),
        ("Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị", date(2024, 12, 22)),
        ("Kế hoạch số 05/KH-STTTT, ngày 10/01/2025.", date(2025, 1, 10)),
        ("Luật Báo chí số 103/2016/QH13 ngày 5/4/2016", date(2016, 4, 5)),
    ],
)
def test_date_right_after_code(text: str, when: date) -> None:
    assert one(text).date == when


def test_date_not_right_after_code_is_not_taken() -> None:
    assert one("Chỉ thị số 35-CT/TW của Bộ Chính trị được triển khai từ ngày 1/6/2019").date is None


def test_impossible_date_is_dropped() -> None:
    assert one("Kế hoạch số 12/KH-UBND ngày 31/2/2022").date is None


def test_default_year_completes_day_and_month() -> None:
    text = "Kế hoạch số 102/KH-UBND ngày 15/8 của UBND tỉnh"
    assert one(text, default_year=2020).date == date(2020, 8, 15)
    assert one(text).date is None


def test_code_year_completes_day_and_month_before_default_year() -> None:
    assert one("Nghị định số 13/2023/NĐ-CP ngày 17/4 của Chính phủ", default_year=2024).date == date(2023, 4, 17)


def test_document_named_twice_is_listed_once_with_its_date() -> None:
    docs = extract_documents(
        [
            "Thực hiện Nghị quyết số 06-NQ/TU của Ban Thường vụ Tỉnh ủy.",
            "Nhằm thực hiện thắng lợi Nghị quyết số 06-NQ/TU ngày 10/11/2021.",
        ]
    )
    assert docs == [DocumentRef("Nghị quyết", "06-NQ/TU", date(2021, 11, 10))]


def test_list_of_codes_after_one_type_word() -> None:
    docs = extract_documents(["quán triệt các Nghị quyết số 18-NQ/TW, 19-NQ/TW và 20-NQ/TW Hội nghị Trung ương 5"])
    assert [(d.type, d.code) for d in docs] == [
        ("Nghị quyết", "18-NQ/TW"),
        ("Nghị quyết", "19-NQ/TW"),
        ("Nghị quyết", "20-NQ/TW"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ban hành 02 Chỉ thị, 18 Quyết định, 14 Kế hoạch, 01 chương trình",
        "thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng",
        "Nghị quyết Đại hội đại biểu Đảng bộ nhiệm kỳ 2020- 2025",
        "Chỉ số chuyển đổi số năm 2021 đứng thứ 12/63 tỉnh thành phố theo Kế hoạch",
        "dịch bệnh Covid - 19 bùng phát; Kế hoạch phòng chống dịch",
        "phổ cập mạng di động 4G/5G theo Quyết định của Thủ tướng",
        "Giấy phép số 12/GP-TTĐT do Cục Quản lý Phát thanh cấp",
    ],
)
def test_not_documents(text: str) -> None:
    assert extract_documents([text]) == []


def test_order_of_first_mention() -> None:
    docs = extract_documents(["Chỉ thị số 35 - CT/TW và Kế hoạch số 155- KH/ĐUK.", "Chỉ thị số 05-CT/TW."])
    assert [d.code for d in docs] == ["35-CT/TW", "155-KH/ĐUK", "05-CT/TW"]
