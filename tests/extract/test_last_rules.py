"""Rules learnt from the fourth hand-written corpus (tests/corpus_last), each on a small
real-shaped page or sentence."""

from __future__ import annotations

from etl.extract.fields import find_location

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def test_dash_inside_a_place_name_does_not_end_it() -> None:
    text = "Ngày 06/11, tại Trung tâm Văn hóa - Thể thao huyện Đô Lương, Hội tổ chức hội thi."
    assert find_location([text]) == "Trung tâm Văn hóa - Thể thao huyện Đô Lương"


def test_dash_before_a_clause_still_ends_the_place() -> None:
    assert find_location(["Tại Hà Nội - sáng nay, Bộ tổ chức hội nghị."]) == "Hà Nội"


def test_village_units_continue_the_place_chain() -> None:
    text = "Sáng 15/11, tại nhà văn hóa xóm Đông, thôn Tân Hà, xã Sơn Tây, Ban Công tác Mặt trận tổ chức."
    assert find_location([text]) == "nhà văn hóa xóm Đông, thôn Tân Hà, xã Sơn Tây"
