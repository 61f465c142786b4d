"""Rules learnt from the fourth hand-written corpus (tests/corpus_last), each on a small
real-shaped page or sentence."""

from __future__ import annotations

from datetime import date

from etl.extract import extract_article
from etl.extract.dates import parse_event_date
from etl.extract.people import extract_people
from etl.extract.place import find_location

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


def _page(head: str, content: str, after: str = "", meta: str = "") -> str:
    return (
        f"<html><head>{meta}</head><body><h1>Tiêu đề bài viết thử nghiệm</h1>{head}"
        f"<div class='date'>20/03/2024 08:00</div><div class='content'>{content}</div>{after}"
        "</body></html>"
    )


def test_top_byline_wins_over_a_trailing_source_line() -> None:
    html = _page(
        "<p class='byline'>Tin, ảnh: Văn Long - Thu Trang</p>",
        f"{PARAS}<p style='text-align:right'><em>Nguồn: Báo Hải Dương</em></p>",
    )
    art = extract_article(html, URL)
    assert art.author == "Văn Long - Thu Trang"
    assert all("Nguồn" not in p for p in art.body)


def test_signature_right_before_a_source_line_is_the_author() -> None:
    html = _page(
        "",
        f"{PARAS}<p style='text-align:right'><strong>Bảo Yến</strong></p>"
        "<p style='text-align:right'><em>Nguồn: Báo Đại biểu Nhân dân</em></p>",
    )
    art = extract_article(html, URL)
    assert art.author == "Bảo Yến"
    assert "Bảo Yến" not in art.body


def test_source_line_alone_is_still_the_author() -> None:
    html = _page("", f"{PARAS}<p style='text-align:right'><b>Nguồn: Trung tâm Y tế huyện Kỳ Sơn</b></p>")
    assert extract_article(html, URL).author == "Trung tâm Y tế huyện Kỳ Sơn"


def test_theo_signature_before_map_and_contact_boxes() -> None:
    after = (
        "<section class='post-map'><h4>Vị trí trên bản đồ</h4><p class='map-note'>Quảng trường,"
        " đường Quách Xuân Kỳ, TP Đồng Hới</p></section><section class='contact-box'><h4>Thông tin"
        " liên hệ</h4><p>Trung tâm Thông tin xúc tiến du lịch</p></section>"
    )
    html = _page("", f"{PARAS}<p style='text-align:right'><strong>Theo Báo Quảng Bình</strong></p>{after}")
    art = extract_article(html, URL)
    assert art.author == "Theo Báo Quảng Bình"
    assert not any("liên hệ" in p or "bản đồ" in p or "Quách Xuân Kỳ" in p for p in art.body)


def test_gallery_heading_is_not_body_and_leaves_the_signature_last() -> None:
    html = _page(
        "",
        f"{PARAS}<p style='text-align:right'><strong>Thu Hà (Phòng Công tác xã hội)</strong></p>",
        after="<div class='news-gallery'><h3>Một số hình ảnh</h3><img src='/a/1.jpg' width='800' height='600'></div>",
    )
    art = extract_article(html, URL)
    assert art.author == "Thu Hà"
    assert "Một số hình ảnh" not in art.body


def test_head_author_shown_in_the_meta_line_is_the_author() -> None:
    meta = "<meta name='author' content='Trần Thảo Vy'>"
    html = _page(
        "<div class='post-meta'><span>12 tháng 5, 2024</span>&nbsp;·&nbsp;3 phút&nbsp;·&nbsp;Trần Thảo Vy</div>",
        PARAS,
        meta=meta,
    )
    assert extract_article(html, URL).author == "Trần Thảo Vy"


def test_head_author_not_shown_is_not_the_author() -> None:
    html = _page("", PARAS, meta="<meta name='author' content='Trần Thảo Vy'>")
    assert extract_article(html, URL).author is None


def test_event_range_with_den_gives_the_first_day() -> None:
    text = "Từ ngày 16 đến 18/9, Sở Du lịch đón đoàn famtrip gồm 40 doanh nghiệp lữ hành."
    assert parse_event_date([text], date(2024, 9, 18)) == date(2024, 9, 16)


def test_event_range_of_two_days_gives_the_first_day() -> None:
    text = "Trong 2 ngày 29 và 30/6, Hội Nông dân tỉnh tổ chức tập huấn cho hội viên."
    assert parse_event_date([text], date(2024, 7, 1)) == date(2024, 6, 29)


def test_weekday_between_part_of_day_and_date() -> None:
    text = "Sáng Chủ nhật ngày 02/3/2025, tại thôn Thượng Sơn, UBND xã tổ chức lễ ra quân."
    assert parse_event_date([text], date(2025, 3, 5)) == date(2025, 3, 2)


def test_supertitle_prefixed_in_the_page_title_is_not_the_headline() -> None:
    kicker, head = "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "Thành phố dâng hương tưởng niệm các anh hùng liệt sĩ"
    html = (
        f"<html><head><title>{kicker}: {head}</title><meta property='og:title' content='{kicker}: {head}'>"
        f"</head><body><p class='supertitle'>{kicker}</p><h1 class='news-detail-title'>{head}</h1>"
        f"<div class='date'>06/05/2024 18:25</div><div class='content'>{PARAS}</div></body></html>"
    )
    assert extract_article(html, URL).title == head


def test_kicker_class_above_the_headline_is_not_the_title() -> None:
    html = (
        "<html><head><title>Tin tức</title></head><body><h1 class='kicker title'>HƯỞNG ỨNG NGÀY PHÁP LUẬT"
        " VIỆT NAM</h1><h2 class='title'>Sôi nổi Hội thi tìm hiểu pháp luật cụm thi đua số 2</h2>"
        f"<div class='date'>07/11/2024 09:40</div><div class='content'>{PARAS}</div></body></html>"
    )
    assert extract_article(html, URL).title == "Sôi nổi Hội thi tìm hiểu pháp luật cụm thi đua số 2"


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
