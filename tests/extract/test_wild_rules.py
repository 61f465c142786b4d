"""Rules learnt from layouts the extractor was not built against, each on a small real-shaped page."""

from __future__ import annotations

from datetime import date

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def test_published_at_is_given_to_the_minute() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<time datetime='2024-04-12T16:48:05+07:00'>Ngày đăng: 12/04/2024 16:48</time>"
            f"<div>{PARAS}</div></body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-04-12T09:48:00+00:00"


def test_english_meta_date_gives_the_time_a_visible_day_lacks() -> None:
    html = ("<html><head><meta name='pubdate' content='May 10, 2024 07:45:00 AM'></head><body>"
            "<div class='header__date'>Thứ Sáu, 10/05/2024</div><h1>Tiêu đề bài viết thử nghiệm</h1>"
            f"<div><p>Ngày 9/5, {LONG}.</p><p>Đoạn hai, {LONG}.</p></div></body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-05-10T00:45:00+00:00"
    assert art.event_date == date(2024, 5, 9)


def test_font_and_br_page_headline_is_the_bold_line_above_the_dateline() -> None:
    html = ("<html><head><title>UBND HUYEN NAM DAN - Tin tuc</title></head><body><table><tr>"
            "<td><font size='2'><a href='/'>Trang chủ</a> | <a href='/l'>Tin tức</a></font></td>"
            "<td><font size='3'><b>Nam Đàn: Tổng kết thực hiện nhiệm vụ năm 2023</b></font><br>"
            "<font size='1'><i>Ngày cập nhật: 27/12/2023</i></font><br><br>"
            f"<font size='3'><b>Ngày 26/12, tại thị trấn Nam Đàn, {LONG}.</b><br><br>Đoạn hai, {LONG}.<br><br>"
            f"Đoạn ba, {LONG}.</font></td></tr></table></body></html>")
    art = extract_article(html, URL)
    assert art.title == "Nam Đàn: Tổng kết thực hiện nhiệm vụ năm 2023"
    assert art.published_at is not None and art.published_at.isoformat() == "2023-12-26T17:00:00+00:00"
    assert art.body == [f"Ngày 26/12, tại thị trấn Nam Đàn, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]
    assert art.event_date == date(2023, 12, 26)
    assert art.location == "thị trấn Nam Đàn"


def test_module_box_heading_is_not_the_headline() -> None:
    html = ("<html><head><title>Sở Tư pháp &gt; Tin tức</title></head><body>"
            "<div class='left'><h2 class='c_title'>Liên kết</h2><p><a href='https://moj.gov.vn'>Bộ Tư pháp</a></p></div>"
            "<div class='pane'><h2 class='c_title'>Tin tức - Sự kiện</h2><div class='article-detail'>"
            "<span class='ArticleTitle'>Hà Tĩnh: Tập huấn nghiệp vụ phổ biến pháp luật năm 2023</span><br>"
            "<span class='ArticleDate'>Thứ Tư, 15/11/2023 - 3:20 PM</span>"
            f"<div class='ArticleContent'>{PARAS}</div></div></div></body></html>")
    art = extract_article(html, URL)
    assert art.title == "Hà Tĩnh: Tập huấn nghiệp vụ phổ biến pháp luật năm 2023"
    assert art.published_at is not None and art.published_at.isoformat() == "2023-11-15T08:20:00+00:00"
    assert art.body[0] == f"Đoạn một, {LONG}."


def test_lead_in_a_table_row_before_the_content_row_is_body() -> None:
    html = ("<html><body><table><tr><td><span class='ArticleTitle'>Quảng Nam ra quân làm cho thế giới sạch hơn"
            "</span></td></tr><tr><td><span class='ArticleDate'>(Cập nhật: 23/09/2023 10:49)</span></td></tr>"
            f"<tr><td><span class='ArticleSummary'>Sáng ngày 23/9, tại bãi biển An Bàng, {LONG}.</span></td></tr>"
            f"<tr><td class='ArticleContent'><div>Đoạn hai, {LONG}.</div><div>Đoạn ba, {LONG}.</div>"
            f"<div>Đoạn bốn, {LONG}.</div></td></tr></table></body></html>")
    art = extract_article(html, URL)
    assert art.body[0] == f"Sáng ngày 23/9, tại bãi biển An Bàng, {LONG}."
    assert art.location == "bãi biển An Bàng"
    assert art.event_date == date(2023, 9, 23)


def test_location_goes_on_over_administrative_units_only() -> None:
    from etl.extract.fields import find_location

    assert find_location(["Sáng 18/2, tại xã Hạ Long, huyện Vân Đồn, Tỉnh ủy tổ chức lễ."]) \
        == "xã Hạ Long, huyện Vân Đồn"
    assert find_location(["Ngày 22/4, tại Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn, Sở Y tế phát động."]) \
        == "Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn"
    assert find_location(["Ngày 5/3, tại Hà Nội, Sở Y tế tổ chức hội nghị."]) == "Hà Nội"
    assert find_location(["Ngày 5/3, tại Hà Nội, tỉnh ủy viên dự họp."]) == "Hà Nội"


def test_signature_with_unit_or_label_is_the_author() -> None:
    for line, name in (("<p><em>Trần Hoa (Trung tâm CNTT&amp;TT)</em></p>", "Trần Hoa"),
                       ("<p style='text-align:right'><strong>Thu Hường (Trung tâm Thông tin Công nghiệp "
                        "và Thương mại)</strong></p>", "Thu Hường"),
                       ("<p style='text-align: right;'><strong>Bài và ảnh: Lê Hợi</strong></p>", "Lê Hợi"),
                       ("<div style='text-align: right;'><strong>Thanh Tâm (CCBVMT)</strong></div>", "Thanh Tâm")):
        art = extract_article(f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}{line}</div>"
                              "</body></html>", URL)
        assert art.author == name, line
        assert len(art.body) == 3


def test_sentence_in_brackets_is_not_a_unit() -> None:
    art = extract_article(f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}"
                          "<p>Hội nghị kết thúc (xem thêm phụ lục).</p></div></body></html>", URL)
    assert art.author is None
    assert art.body[-1] == "Hội nghị kết thúc (xem thêm phụ lục)."
