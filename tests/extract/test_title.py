"""Behaviours of the headline (``etl.extract.title``): which element of a page is its title."""

from __future__ import annotations

from datetime import date

from pagekit import BLOG_URL, LONG, PARAS, URL, blog_page, row

from etl.extract import extract_article


def test_headline_in_a_styled_cell_anchors_the_dateline_after_it() -> None:
    rows = "".join(row(f"Đoạn {i}, {LONG}, {LONG}, {LONG}.") for i in range(3))
    html = (
        "<html><head><title>Nghiệm thu đề tài giống lúa chịu mặn</title></head><body><table>"
        + row("Nghiệm thu đề tài giống lúa chịu mặn", "font-size:22px;font-weight:bold")
        + row("22/03/2024 08:00", "font-size:12px;color:#888")
        + rows
        + "</table></body></html>"
    )
    assert extract_article(html, URL).published_at.isoformat() == "2024-03-22T01:00:00+00:00"


def test_blog_name_linking_home_is_not_the_headline() -> None:
    art = extract_article(blog_page("Thứ Ba, 12 tháng 3, 2024", ""), BLOG_URL)
    assert art.title == "Tập huấn kỹ thuật trồng xoài VietGAP"


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


def test_font_and_br_page_headline_is_the_bold_line_above_the_dateline() -> None:
    html = (
        "<html><head><title>UBND HUYEN NAM DAN - Tin tuc</title></head><body><table><tr>"
        "<td><font size='2'><a href='/'>Trang chủ</a> | <a href='/l'>Tin tức</a></font></td>"
        "<td><font size='3'><b>Nam Đàn: Tổng kết thực hiện nhiệm vụ năm 2023</b></font><br>"
        "<font size='1'><i>Ngày cập nhật: 27/12/2023</i></font><br><br>"
        f"<font size='3'><b>Ngày 26/12, tại thị trấn Nam Đàn, {LONG}.</b><br><br>Đoạn hai, {LONG}.<br><br>"
        f"Đoạn ba, {LONG}.</font></td></tr></table></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title == "Nam Đàn: Tổng kết thực hiện nhiệm vụ năm 2023"
    assert art.published_at is not None and art.published_at.isoformat() == "2023-12-26T17:00:00+00:00"
    assert art.body == [f"Ngày 26/12, tại thị trấn Nam Đàn, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]
    assert art.event_date == date(2023, 12, 26)
    assert art.location == "thị trấn Nam Đàn"


def test_module_box_heading_is_not_the_headline() -> None:
    html = (
        "<html><head><title>Sở Tư pháp &gt; Tin tức</title></head><body>"
        "<div class='left'><h2 class='c_title'>Liên kết</h2><p><a href='https://moj.gov.vn'>Bộ Tư pháp</a></p></div>"
        "<div class='pane'><h2 class='c_title'>Tin tức - Sự kiện</h2><div class='article-detail'>"
        "<span class='ArticleTitle'>Hà Tĩnh: Tập huấn nghiệp vụ phổ biến pháp luật năm 2023</span><br>"
        "<span class='ArticleDate'>Thứ Tư, 15/11/2023 - 3:20 PM</span>"
        f"<div class='ArticleContent'>{PARAS}</div></div></div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title == "Hà Tĩnh: Tập huấn nghiệp vụ phổ biến pháp luật năm 2023"
    assert art.published_at is not None and art.published_at.isoformat() == "2023-11-15T08:20:00+00:00"
    assert art.body[0] == f"Đoạn một, {LONG}."


def test_dated_links_of_a_sidebar_do_not_make_headlines() -> None:
    side = "".join(
        f"<div class='item'><h3><a href='/tin-{i}.html'>Tin khác số {i} của chuyên mục này</a></h3>"
        f"<span class='date'>Ngày đăng: 0{i}/03/2024</span></div>"
        for i in range(1, 5)
    )
    html = (
        f"<html><head><title>Sở Y tế</title></head><body><div class='side'>{side}</div><div class='main'>"
        "<h2 class='news-title'>Bình Định phát động chiến dịch tiêm vắc xin sởi</h2>"
        f"<div class='news-date'>Ngày đăng: 22/04/2024 15:40</div><div>{PARAS}</div></div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title == "Bình Định phát động chiến dịch tiêm vắc xin sởi"
    assert art.published_at is not None and art.published_at.isoformat() == "2024-04-22T08:40:00+00:00"


def test_legacy_page_with_a_generic_title_takes_the_bold_opening_line() -> None:
    from pagekit import LONG

    html = (
        "<html><head><title>Cổng thông tin điện tử tỉnh Hà Giang</title></head><body><table>"
        "<tr><td><font size='2'><a href='/'>Trang chủ</a><br><a href='/tt'>Tin tức</a></font></td>"
        "<td><table><tr><td><font size='4'><b>Hội thi nhà nông giỏi huyện Bắc Quang lần thứ V</b></font></td></tr>"
        f"<tr><td><font size='2'>Ngày 13/4, {LONG}, {LONG}.<br><br>Đoạn hai, {LONG}, {LONG}.<br><br>"
        f"Đoạn ba, {LONG}, {LONG}.<br><br>"
        "<div align='right'><b>Theo Báo Hà Giang</b></div></font></td></tr>"
        "<tr><td align='right'><i>Cập nhật: 14/04/2021 17:47</i></td></tr></table></td></tr>"
        "<tr><td colspan='2'>Cổng thông tin điện tử tỉnh Hà Giang - Ghi rõ nguồn khi phát hành lại</td></tr>"
        "</table></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title == "Hội thi nhà nông giỏi huyện Bắc Quang lần thứ V"
    assert art.author == "Theo Báo Hà Giang"
    assert art.published_at is not None and art.published_at.isoformat() == "2021-04-14T10:47:00+00:00"


def test_the_line_before_a_dateline_under_the_text_is_not_the_headline() -> None:
    from pagekit import LONG

    html = (
        "<html><head><title>UBND huyện Mộc Châu</title></head><body><div class='content'>"
        f"<font>Đoạn một, {LONG}, {LONG}.<br><br>Đoạn hai, {LONG}.</font><p><b>Hà Phương</b></p>"
        "<p><i>Cập nhật: 08/07/2022 08:12</i></p></div><div class='footer'>Bản quyền thuộc UBND huyện Mộc Châu"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title != "Hà Phương"


def test_a_side_box_of_linked_headlines_before_the_article_is_not_running_text() -> None:
    side = "".join(
        f"<div class='item'><a href='#'>Công văn số 59{i}/SGDĐT-GDTrH ngày 15/3/2024 về việc tổ chức thi chọn học sinh giỏi lớp 9</a></div>"
        for i in range(6)
    )
    html = (
        "<html><head><title>SỞ GIÁO DỤC VÀ ĐÀO TẠO - Tin tức sự kiện</title></head><body><table><tr>"
        f"<td><div class='box'><div class='box-title'>VĂN BẢN CHỈ ĐẠO</div>{side}</div></td><td>"
        "<div><span class='TitleNews'>Tổng kết Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2023 - 2024</span></div>"
        "<div><span class='DateNews'>Ngày đăng: 22/03/2024 16:05</span></div>"
        f"<div class='ContentNews'>{PARAS}</div></td></tr></table></body></html>"
    )
    assert extract_article(html, URL).title == "Tổng kết Hội thi giáo viên dạy giỏi cấp tỉnh năm học 2023 - 2024"
