"""Behaviours of ``extract_people``: which runs are people and which position they get."""

from __future__ import annotations

import unicodedata

import pytest

from etl.extract.people import extract_people
from etl.models import Person


def names(paragraphs: list[str]) -> list[str]:
    return [p.name for p in extract_people(paragraphs)]


def test_honorific_with_appositive_position_after_comma() -> None:
    got = extract_people(["Dự hội nghị có đồng chí Lê Hải Quân, UV Ban Thường vụ Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh."])
    assert got == [Person("Lê Hải Quân", "UV Ban Thường vụ Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh")]


def test_dc_with_hyphen_position_stops_at_verb() -> None:
    got = extract_people(["Ảnh: Đ/c Đỗ Hữu Quyết - Bí thư Đảng ủy, Giám đốc Sở phát biểu kết luận Hội nghị"])
    assert got == [Person("Đỗ Hữu Quyết", "Bí thư Đảng ủy, Giám đốc Sở")]


def test_title_before_name() -> None:
    got = extract_people(["Sáng nay, Bộ trưởng Nguyễn Mạnh Hùng làm việc với Sở."])
    assert got == [Person("Nguyễn Mạnh Hùng", "Bộ trưởng")]


def test_title_before_name_keeps_organisation_with_va() -> None:
    got = extract_people(["Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng chủ trì."])
    assert got == [Person("Nguyễn Mạnh Hùng", "Bộ trưởng Bộ Thông tin và Truyền thông")]


def test_honorific_then_title_then_name() -> None:
    got = extract_people(["Đồng chí Phó Bí thư Đảng ủy Khối Huỳnh Tấn Việt cho rằng, nhiệm kỳ qua rất thành công."])
    assert got == [Person("Huỳnh Tấn Việt", "Phó Bí thư Đảng ủy Khối")]


def test_position_without_name_is_not_a_person() -> None:
    assert names(["Đồng chí Phó Bí thư Đảng ủy Khối phát biểu.", "Đồng chí yêu cầu toàn Đảng bộ khắc phục hạn chế."]) == []


def test_two_people_joined_by_va_get_their_own_positions() -> None:
    got = extract_people(
        ["Đồng chí Huỳnh Tấn Việt , Phó Bí thư Đảng ủy Khối và Bộ trưởng Bộ TT&TT Nguyễn Mạnh Hùng tặng hoa chúc mừng"]
    )
    assert got == [
        Person("Huỳnh Tấn Việt", "Phó Bí thư Đảng ủy Khối"),
        Person("Nguyễn Mạnh Hùng", "Bộ trưởng Bộ TT&TT"),
    ]


def test_name_then_position_without_honorific() -> None:
    got = extract_people(["Tham dự có các đồng chí: Nguyễn Văn An, Bí thư Đảng ủy; Trần Thị Bình, Phó Giám đốc Sở."])
    assert got == [Person("Nguyễn Văn An", "Bí thư Đảng ủy"), Person("Trần Thị Bình", "Phó Giám đốc Sở")]


def test_ong_ba_with_position() -> None:
    got = extract_people(["Theo bà Đặng Thị Phương Thảo, Phó Cục trưởng Cục Thông tin cơ sở, cần đổi mới nội dung."])
    assert got == [Person("Đặng Thị Phương Thảo", "Phó Cục trưởng Cục Thông tin cơ sở")]


@pytest.mark.parametrize(
    "text",
    [
        "Như Chủ tịch Hồ Chí Minh đã nói: “Một tấm gương sống còn hơn cả trăm bài diễn văn tuyên truyền”.",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Đại hội diễn ra tại Hội trường 25B Lê Lợi, Hà Nội.",
        "Bà con nhân dân xã Quảng Phú phấn khởi đón nhận hệ thống loa.",
        "Ảnh: Nguyễn Văn Bình",
        "Bí thư Đoàn Thanh niên Sở đã phát động phong trào thi đua.",
        "Ban Chấp hành Đảng bộ Khối các cơ quan Trung ương và Ban Thường vụ Đảng ủy Khối gửi hoa.",
    ],
)
def test_not_people(text: str) -> None:
    assert names([text]) == []


def test_each_person_once_in_first_mention_order_with_longest_position() -> None:
    got = extract_people(
        [
            "Thứ trưởng Phạm Anh Tuấn và Bộ trưởng Nguyễn Mạnh Hùng dự hội nghị.",
            "Đồng chí Phạm Anh Tuấn, Ủy viên Ban cán sự Đảng, Thứ trưởng Bộ TT&TT giữ chức Bí thư Đảng ủy Bộ.",
            "Bộ trưởng Nguyễn Mạnh Hùng phát biểu.",
        ]
    )
    assert got == [
        Person("Phạm Anh Tuấn", "Ủy viên Ban cán sự Đảng, Thứ trưởng Bộ TT&TT"),
        Person("Nguyễn Mạnh Hùng", "Bộ trưởng"),
    ]


def test_listed_names_after_plural_honorific() -> None:
    assert names(["Dự buổi lễ có các đồng chí Nguyễn Văn An, Trần Văn Bình và Lê Thị Cúc."]) == [
        "Nguyễn Văn An",
        "Trần Văn Bình",
        "Lê Thị Cúc",
    ]


def test_rare_family_name_accepted_after_honorific() -> None:
    assert names(["Cùng dự có đồng chí Đầu Thanh Tùng, Phó Chủ tịch UBND tỉnh."]) == ["Đầu Thanh Tùng"]


def test_place_name_before_name_is_not_part_of_it() -> None:
    got = extract_people(["Giám đốc Sở TT&TT Hà Nội Nguyễn Việt Hùng cho biết."])
    assert got == [Person("Nguyễn Việt Hùng", "Giám đốc Sở TT&TT Hà Nội")]


def test_decomposed_input_gives_nfc_name() -> None:
    text = unicodedata.normalize("NFD", "Đồng chí Huỳnh Tấn Việt phát biểu.")
    [person] = extract_people([text])
    assert person.name == unicodedata.normalize("NFC", "Huỳnh Tấn Việt")
    assert unicodedata.is_normalized("NFC", person.name)


def test_no_position_when_article_gives_none() -> None:
    assert extract_people(["Đồng chí Phạm Anh Tuấn trình bày báo cáo chính trị."]) == [Person("Phạm Anh Tuấn", None)]


def test_empty_input() -> None:
    assert extract_people([]) == []
