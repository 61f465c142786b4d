"""Behaviours of the location (``etl.extract.place``): the place name the opening sentence gives."""

from __future__ import annotations

from pagekit import LONG, PARAS, URL

from etl.extract import extract_article
from etl.extract.place import find_location


def test_country_after_a_comma_continues_the_place_chain() -> None:
    text = "HTTV - Chiều 19/5, tại Thủ đô Viêng Chăn, Lào, Đoàn công tác tỉnh đã hội đàm."
    assert find_location([text]) == "Thủ đô Viêng Chăn, Lào"


def test_a_capitalised_clause_after_a_comma_is_not_a_country() -> None:
    text = "Ngày 9/5, tại Đồn Biên phòng Lao Bảo, Anh em chiến sĩ tổ chức tuần tra."
    assert find_location([text]) == "Đồn Biên phòng Lao Bảo"


def test_compound_word_does_not_end_a_place_name() -> None:
    text = "Ngày 21/7, tại Nhà Văn hóa Công nhân tỉnh, Tỉnh đoàn tổ chức Ngày hội hiến máu."
    assert find_location([text]) == "Nhà Văn hóa Công nhân tỉnh"


def test_meeting_room_is_a_location() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>19/04/2024</div>"
        f"<div><p>Chiều 19/4, tại phòng họp B2, Khoa tổ chức đối thoại, {LONG}.</p>{PARAS}</div>"
        "</body></html>"
    )
    assert extract_article(html, URL).location == "phòng họp B2"


def test_dash_inside_a_place_name_does_not_end_it() -> None:
    text = "Ngày 06/11, tại Trung tâm Văn hóa - Thể thao huyện Đô Lương, Hội tổ chức hội thi."
    assert find_location([text]) == "Trung tâm Văn hóa - Thể thao huyện Đô Lương"


def test_dash_before_a_clause_still_ends_the_place() -> None:
    assert find_location(["Tại Hà Nội - sáng nay, Bộ tổ chức hội nghị."]) == "Hà Nội"


def test_village_units_continue_the_place_chain() -> None:
    text = "Sáng 15/11, tại nhà văn hóa xóm Đông, thôn Tân Hà, xã Sơn Tây, Ban Công tác Mặt trận tổ chức."
    assert find_location([text]) == "nhà văn hóa xóm Đông, thôn Tân Hà, xã Sơn Tây"


def test_location_goes_on_over_administrative_units_only() -> None:
    assert (
        find_location(["Sáng 18/2, tại xã Hạ Long, huyện Vân Đồn, Tỉnh ủy tổ chức lễ."]) == "xã Hạ Long, huyện Vân Đồn"
    )
    assert (
        find_location(["Ngày 22/4, tại Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn, Sở Y tế phát động."])
        == "Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn"
    )
    assert find_location(["Ngày 5/3, tại Hà Nội, Sở Y tế tổ chức hội nghị."]) == "Hà Nội"
    assert find_location(["Ngày 5/3, tại Hà Nội, tỉnh ủy viên dự họp."]) == "Hà Nội"


def test_abbreviated_unit_word_does_not_end_the_place() -> None:
    assert find_location(["Sáng 5/3, tại TP. Hồ Chí Minh, Bộ Y tế tổ chức hội nghị."]) == "TP. Hồ Chí Minh"
    assert find_location(["Ngày 5/3, tại TP.HCM, Sở họp."]) == "TP.HCM"
    assert find_location(["Ngày 5/3, tại Q.1, TP. Hồ Chí Minh, Sở họp."]) == "Q.1, TP. Hồ Chí Minh"
    assert find_location(["Ngày 5/3 tại Hà Nội. Sau đó tại Huế."]) == "Hà Nội"
