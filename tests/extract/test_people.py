"""Behaviours of ``extract_people``: which runs are people and which position they get."""

from __future__ import annotations

import unicodedata

import pytest
from pagekit import people_of

from etl.extract.people import extract_people
from etl.models import Person


def names(paragraphs: list[str]) -> list[str]:
    return [p.name for p in extract_people(paragraphs)]


def test_honorific_with_appositive_position_after_comma() -> None:
    got = extract_people(
        ["Dự hội nghị có đồng chí Lê Hải Quân, UV Ban Thường vụ Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh."]
    )
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
    assert (
        names(["Đồng chí Phó Bí thư Đảng ủy Khối phát biểu.", "Đồng chí yêu cầu toàn Đảng bộ khắc phục hạn chế."]) == []
    )


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


def test_foreign_name_framed_by_a_rank_and_a_position() -> None:
    text = "Thiếu tá Bounmy Phommachanh, Đại đội trưởng Đại đội Biên phòng 411 đánh giá cao kết quả."
    assert people_of(text) == {"Bounmy Phommachanh": "Đại đội trưởng Đại đội Biên phòng 411"}


def test_title_alone_does_not_make_an_organisation_a_person() -> None:
    assert people_of("Chủ tịch Hội Nông dân tỉnh phát biểu tại hội nghị.") == {}
    assert people_of("Đồng chí Lê Văn Hòa, Chủ tịch Hội Nông dân tỉnh phát biểu tại hội nghị.") == {
        "Lê Văn Hòa": "Chủ tịch Hội Nông dân tỉnh"
    }


def test_unit_commander_titles_and_closing_verbs_bound_the_position() -> None:
    text = (
        "Đồng chí Atsaphangthong Siphandone, Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn cảm ơn "
        "sự giúp đỡ; Trung tá Lê Quang Minh, Đồn trưởng Đồn Biên phòng Lao Bảo cho biết."
    )
    assert people_of(text) == {
        "Atsaphangthong Siphandone": "Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn",
        "Lê Quang Minh": "Đồn trưởng Đồn Biên phòng Lao Bảo",
    }


def test_ethnic_minority_name_with_an_apostrophe() -> None:
    text = "Theo bà H’Nhi Êban, Trưởng Trạm Khuyến nông huyện Cư Kuin, toàn huyện còn nhiều diện tích."
    assert people_of(text) == {"H’Nhi Êban": "Trưởng Trạm Khuyến nông huyện Cư Kuin"}


def test_capitalised_ong_inside_a_proper_name_is_not_an_honorific() -> None:
    text = "Ban Quản lý Di tích Lăng Cá Ông Thắng Tam tổ chức lễ hội; ông Trần Văn Tuấn, Phó Chủ tịch UBND phát biểu."
    assert people_of(text) == {"Trần Văn Tuấn": "Phó Chủ tịch UBND"}


def test_no_name_starts_at_the_second_syllable_after_a_place_word() -> None:
    from etl.extract.people import extract_people

    got = extract_people(["Phó Chủ tịch UBND tỉnh Nguyễn Văn Đề yêu cầu nhà thầu thi công đúng tiến độ."])
    assert "Văn Đề" not in [p.name for p in got]


def test_academic_titles_and_em_frame_a_name() -> None:
    from etl.extract.people import extract_people

    got = extract_people(
        [
            "Đề tài do Trung tâm chủ trì, ThS. Lê Thị Mai làm chủ nhiệm.",
            "Đặc biệt, em Nguyễn Minh Khôi, học sinh lớp 12 đạt giải Nhất.",
        ]
    )
    assert [p.name for p in got] == ["Lê Thị Mai", "Nguyễn Minh Khôi"]


def test_title_reaches_back_over_a_comma_inside_the_ministry_name() -> None:
    from etl.extract.people import extract_people

    got = extract_people(
        ["Phát biểu tại buổi lễ, Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch Hoàng Đạo Minh đánh giá cao."]
    )
    assert [(p.name, p.position) for p in got] == [("Hoàng Đạo Minh", "Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch")]


def test_ethnic_minority_name_after_a_person_noun() -> None:
    names = [
        p.name
        for p in extract_people(
            [
                "Giải Vàng thuộc về tác phẩm “Mùa lúa mới” của tác giả Rơ Chăm Bloan.",
                "Tham dự có già làng Rơ Mah Hiếu và nghệ nhân Y Hoang Niê cùng trình diễn cồng chiêng.",
            ]
        )
    ]
    assert names == ["Rơ Chăm Bloan", "Rơ Mah Hiếu", "Y Hoang Niê"]


def test_person_noun_without_a_name_gives_no_person() -> None:
    assert extract_people(["Các tác giả trẻ và nghệ nhân Tây Nguyên tham gia triển lãm tại Hà Nội."]) == []
    assert people_of("Các tác giả trẻ và nghệ nhân Y Hoang Niê tham gia triển lãm tại Hà Nội.") == {"Y Hoang Niê": None}
