"""Rules learnt from the fifth hand-written corpus (tests/corpus_fifth), each on a small
real-shaped page or sentence."""

from __future__ import annotations

from datetime import date

from etl.extract import extract_article
from etl.extract.dates import parse_event_date

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def test_event_date_after_a_lead_agency_prefix() -> None:
    text = "BP - Ngày 9/5, tại Đồn Biên phòng, đơn vị tổ chức tuần tra song phương."
    assert parse_event_date([text], date(2024, 5, 10)) == date(2024, 5, 9)


def test_event_date_after_a_leading_emoji() -> None:
    text = "❤️ Ngày 21/7, tại Nhà Văn hóa Công nhân tỉnh, Tỉnh đoàn tổ chức Ngày hội hiến máu."
    assert parse_event_date([text], date(2024, 7, 21)) == date(2024, 7, 21)


def test_dateline_field_of_a_meta_line_with_the_author() -> None:
    html = (
        "<html><head><title>In bài viết</title></head><body><div class='title'>Khai mạc "
        "Lễ hội Nghinh Ông Thắng Tam năm 2024</div><div class='info'><i>Ngày 18/09/2024 - 15:10 | "
        f"Tác giả: Thanh Tâm</i></div><div class='content'>{PARAS}</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.published_at is not None
    assert art.published_at.isoformat() == "2024-09-18T08:10:00+00:00"


def test_marked_update_line_in_the_article_beats_the_top_bar_date() -> None:
    html = (
        "<html><body><div class='header'><span class='header-date'>Thứ Ba, 19/03/2024</span></div>"
        "<h1>Khởi công dự án nâng cấp đường tỉnh 389 đoạn qua thị xã</h1>"
        f"<div class='sapo'><strong>Sáng 18/3, tại phường An Lưu, {LONG}, {LONG}, {LONG}.</strong></div>"
        f"<div class='update'>(Cập nhật 18/3/2024 - 15:20)</div><div class='content'>{PARAS}</div>"
        "</body></html>"
    )
    art = extract_article(html, URL)
    assert art.published_at is not None
    assert art.published_at.isoformat() == "2024-03-18T08:20:00+00:00"


def _article(content: str) -> str:
    return (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm dài</h1><div class='date'>20/03/2024 08:00</div>"
        f"<div class='content'>{content}</div></body></html>"
    )


def test_hashtag_line_is_not_body_and_the_signature_above_it_is_the_author() -> None:
    art = extract_article(_article(f"{PARAS}<p>Tin: Ngọc Ánh</p><p>#TinhdoanHaTinh #TuoitreHaTinh 🌸</p>"), URL)
    assert not any("#" in p for p in art.body)
    assert art.author == "Ngọc Ánh"
    assert "Tin: Ngọc Ánh" not in art.body


def test_right_aligned_office_signature_is_the_author_as_written() -> None:
    html = _article(f"{PARAS}<p style='text-align:right'><b>Phòng Thống kê Tổng hợp</b></p>")
    art = extract_article(html, URL)
    assert art.author == "Phòng Thống kê Tổng hợp"
    assert art.body[-1].startswith("Đoạn ba")


def test_table_title_line_is_neither_body_nor_caption() -> None:
    html = _article(
        f"{PARAS}<table><tr><td>Nông nghiệp</td><td>3,38</td></tr></table>"
        "<p style='text-align:center'><i>Bảng: Tốc độ tăng các khu vực kinh tế</i></p>"
        f"<p>Đoạn bốn, {LONG}.</p>"
    )
    art = extract_article(html, URL)
    assert not any(p.startswith("Bảng:") for p in art.body)
    assert not any(im.caption for im in art.images)


def test_print_page_address_line_attachment_list_and_transcript_label_are_not_body() -> None:
    html = _article(
        "<div class='label'>Nội dung chi tiết</div>"
        + PARAS
        + "<ul class='list-group'><li class='list-group-item'><strong>Tài liệu hội nghị</strong></li>"
        "<li class='list-group-item'><a href='/a.pdf'>tai-lieu.pdf</a></li></ul>"
        "<div><i>Địa chỉ bài viết: https://so.example.gov.vn/Detail.aspx?ContentID=1</i></div>"
    )
    art = extract_article(html, URL)
    assert all(p.startswith("Đoạn") for p in art.body), art.body


def test_country_after_a_comma_continues_the_place_chain() -> None:
    from etl.extract.place import find_location

    text = "HTTV - Chiều 19/5, tại Thủ đô Viêng Chăn, Lào, Đoàn công tác tỉnh đã hội đàm."
    assert find_location([text]) == "Thủ đô Viêng Chăn, Lào"


def test_a_capitalised_clause_after_a_comma_is_not_a_country() -> None:
    from etl.extract.place import find_location

    text = "Ngày 9/5, tại Đồn Biên phòng Lao Bảo, Anh em chiến sĩ tổ chức tuần tra."
    assert find_location([text]) == "Đồn Biên phòng Lao Bảo"


def test_compound_word_does_not_end_a_place_name() -> None:
    from etl.extract.place import find_location

    text = "Ngày 21/7, tại Nhà Văn hóa Công nhân tỉnh, Tỉnh đoàn tổ chức Ngày hội hiến máu."
    assert find_location([text]) == "Nhà Văn hóa Công nhân tỉnh"


def _people(text: str) -> dict[str, str | None]:
    from etl.extract.people import extract_people

    return {p.name: p.position for p in extract_people([text])}


def test_foreign_name_framed_by_a_rank_and_a_position() -> None:
    text = "Thiếu tá Bounmy Phommachanh, Đại đội trưởng Đại đội Biên phòng 411 đánh giá cao kết quả."
    assert _people(text) == {"Bounmy Phommachanh": "Đại đội trưởng Đại đội Biên phòng 411"}


def test_title_alone_does_not_make_an_organisation_a_person() -> None:
    assert _people("Chủ tịch Hội Nông dân tỉnh phát biểu tại hội nghị.") == {}


def test_unit_commander_titles_and_closing_verbs_bound_the_position() -> None:
    text = (
        "Đồng chí Atsaphangthong Siphandone, Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn cảm ơn "
        "sự giúp đỡ; Trung tá Lê Quang Minh, Đồn trưởng Đồn Biên phòng Lao Bảo cho biết."
    )
    assert _people(text) == {
        "Atsaphangthong Siphandone": "Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn",
        "Lê Quang Minh": "Đồn trưởng Đồn Biên phòng Lao Bảo",
    }


def test_ethnic_minority_name_with_an_apostrophe() -> None:
    text = "Theo bà H’Nhi Êban, Trưởng Trạm Khuyến nông huyện Cư Kuin, toàn huyện còn nhiều diện tích."
    assert _people(text) == {"H’Nhi Êban": "Trưởng Trạm Khuyến nông huyện Cư Kuin"}


def test_capitalised_ong_inside_a_proper_name_is_not_an_honorific() -> None:
    text = "Ban Quản lý Di tích Lăng Cá Ông Thắng Tam tổ chức lễ hội; ông Trần Văn Tuấn, Phó Chủ tịch UBND phát biểu."
    assert _people(text) == {"Trần Văn Tuấn": "Phó Chủ tịch UBND"}
