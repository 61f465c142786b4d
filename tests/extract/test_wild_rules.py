"""Rules learnt from layouts the extractor was not built against, each on a small real-shaped page."""

from __future__ import annotations

from datetime import date

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def test_published_at_keeps_the_seconds_of_a_machine_readable_time() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<time datetime='2024-04-12T16:48:05+07:00'>Ngày đăng: 12/04/2024 16:48</time>"
        f"<div>{PARAS}</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-04-12T09:48:05+00:00"


def test_english_meta_date_gives_the_time_a_visible_day_lacks() -> None:
    html = (
        "<html><head><meta name='pubdate' content='May 10, 2024 07:45:00 AM'></head><body>"
        "<div class='header__date'>Thứ Sáu, 10/05/2024</div><h1>Tiêu đề bài viết thử nghiệm</h1>"
        f"<div><p>Ngày 9/5, {LONG}.</p><p>Đoạn hai, {LONG}.</p></div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-05-10T00:45:00+00:00"
    assert art.event_date == date(2024, 5, 9)


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


def test_lead_in_a_table_row_before_the_content_row_is_body() -> None:
    html = (
        "<html><body><table><tr><td><span class='ArticleTitle'>Quảng Nam ra quân làm cho thế giới sạch hơn"
        "</span></td></tr><tr><td><span class='ArticleDate'>(Cập nhật: 23/09/2023 10:49)</span></td></tr>"
        f"<tr><td><span class='ArticleSummary'>Sáng ngày 23/9, tại bãi biển An Bàng, {LONG}.</span></td></tr>"
        f"<tr><td class='ArticleContent'><div>Đoạn hai, {LONG}.</div><div>Đoạn ba, {LONG}.</div>"
        f"<div>Đoạn bốn, {LONG}.</div></td></tr></table></body></html>"
    )
    art = extract_article(html, URL)
    assert art.body[0] == f"Sáng ngày 23/9, tại bãi biển An Bàng, {LONG}."
    assert art.location == "bãi biển An Bàng"
    assert art.event_date == date(2023, 9, 23)


def test_location_goes_on_over_administrative_units_only() -> None:
    from etl.extract.place import find_location

    assert (
        find_location(["Sáng 18/2, tại xã Hạ Long, huyện Vân Đồn, Tỉnh ủy tổ chức lễ."]) == "xã Hạ Long, huyện Vân Đồn"
    )
    assert (
        find_location(["Ngày 22/4, tại Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn, Sở Y tế phát động."])
        == "Trạm Y tế phường Ghềnh Ráng, thành phố Quy Nhơn"
    )
    assert find_location(["Ngày 5/3, tại Hà Nội, Sở Y tế tổ chức hội nghị."]) == "Hà Nội"
    assert find_location(["Ngày 5/3, tại Hà Nội, tỉnh ủy viên dự họp."]) == "Hà Nội"


def test_signature_with_unit_or_label_is_the_author() -> None:
    for line, name in (
        ("<p><em>Trần Hoa (Trung tâm CNTT&amp;TT)</em></p>", "Trần Hoa"),
        (
            "<p style='text-align:right'><strong>Thu Hường (Trung tâm Thông tin Công nghiệp "
            "và Thương mại)</strong></p>",
            "Thu Hường",
        ),
        ("<p style='text-align: right;'><strong>Bài và ảnh: Lê Hợi</strong></p>", "Lê Hợi"),
        ("<div style='text-align: right;'><strong>Thanh Tâm (CCBVMT)</strong></div>", "Thanh Tâm"),
    ):
        art = extract_article(
            f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}{line}</div></body></html>", URL
        )
        assert art.author == name, line
        assert len(art.body) == 3


def test_sentence_in_brackets_is_not_a_unit() -> None:
    art = extract_article(
        f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}"
        "<p>Hội nghị kết thúc (xem thêm phụ lục).</p></div></body></html>",
        URL,
    )
    assert art.author is None
    assert art.body[-1] == "Hội nghị kết thúc (xem thêm phụ lục)."


def test_amp_figure_above_the_content_div_and_amp_ad_fallback() -> None:
    html = (
        "<html><body><h1 class='ttl'>Quảng Ninh phát động Tết trồng cây năm 2024</h1>"
        "<figure><amp-img src='https://cdn.example.vn/2024/02/18/tet-trong-cay.jpg' width='1200' height='800'"
        " layout='responsive' alt='Trồng cây'></amp-img>"
        "<figcaption>Bí thư Tỉnh ủy trồng cây tại lễ phát động. Ảnh: Đỗ Phương</figcaption></figure>"
        f"<div class='ctn'><p>Đoạn một, {LONG}.</p><amp-ad width='300' height='250' type='adsense'>"
        f"<div fallback>Quảng cáo</div></amp-ad><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></div>"
        "</body></html>"
    )
    art = extract_article(html, URL)
    assert [(im.url, im.caption) for im in art.images] == [
        (
            "https://cdn.example.vn/2024/02/18/tet-trong-cay.jpg",
            "Bí thư Tỉnh ủy trồng cây tại lễ phát động. Ảnh: Đỗ Phương",
        )
    ]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_advert_label_inside_the_body_is_not_a_paragraph() -> None:
    html = (
        f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div><p>Đoạn một, {LONG}.</p>"
        "<div class='alert border small'>Quảng cáo</div>"
        f"<p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></div></body></html>"
    )
    assert "Quảng cáo" not in extract_article(html, URL).body


def test_cms_image_and_caption_fields_beside_the_body_field() -> None:
    html = (
        "<html><body><h1 class='title'>Vĩnh Long tổ chức Hội nghị xúc tiến đầu tư năm 2024</h1>"
        "<div class='content clearfix'><div class='field field-name-field-image field-label-hidden'>"
        "<div class='field-item even'><img src='/files/hoi-nghi.jpg' width='720' height='480' alt=''></div></div>"
        "<div class='field field-name-field-chu-thich-anh field-label-hidden'><div class='field-item even'>"
        "Quang cảnh Hội nghị xúc tiến đầu tư</div></div>"
        f"<div class='field field-name-body field-label-hidden'><div class='field-item even'>{PARAS}</div></div>"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert [(im.url, im.caption) for im in art.images] == [
        ("https://so.example.gov.vn/files/hoi-nghi.jpg", "Quang cảnh Hội nghị xúc tiến đầu tư")
    ]
    assert len(art.body) == 3


def test_gallery_after_the_body_with_a_label_and_some_captions() -> None:
    item = (
        "<div class='field-item'><a href='/g/{n}.jpg' class='colorbox'><img src='/g/m/{n}.jpg' width='220' "
        "height='147' alt=''></a>{cap}</div>"
    )
    gallery = "".join(
        item.format(n=n, cap=f"<div class='image-caption'>{cap}</div>" if cap else "")
        for n, cap in ((1, "Tiết mục nghệ thuật tại lễ khai mạc"), (2, ""), (3, "Thi đấu bắn nỏ"))
    )
    html = (
        "<html><body><h1>Khai mạc Ngày hội Văn hóa các dân tộc tỉnh Sơn La</h1><article>"
        f"<div class='field field-name-body'>{PARAS}</div>"
        f"<div class='field field-name-field-gallery'><div class='field-label'>Hình ảnh:&nbsp;</div>{gallery}</div>"
        "</article></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Tiết mục nghệ thuật tại lễ khai mạc", None, "Thi đấu bắn nỏ"]
    assert len(art.body) == 3


def test_caption_span_and_credit_span_side_by_side() -> None:
    html = (
        "<html><body><div class='itemView'><h2 class='itemTitle'>Phú Thọ tuyên dương học sinh giỏi quốc gia</h2>"
        "<div class='itemBody'><div class='itemImageBlock'><span class='itemImage'><a href='/k2/XL.jpg'>"
        "<img src='/k2/L.jpg' alt='Tuyên dương'></a></span>"
        "<span class='itemImageCaption'>Lãnh đạo tỉnh trao thưởng cho học sinh</span>"
        "<span class='itemImageCredits'>Ảnh: Hà Linh</span></div>"
        f"<div class='itemIntroText'><p>Ngày 10/3, tại Nhà văn hóa trung tâm tỉnh, {LONG}.</p></div>"
        f"<div class='itemFullText'><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p><p>Đoạn bốn, {LONG}.</p>"
        "</div></div></div></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Lãnh đạo tỉnh trao thưởng cho học sinh"]
    assert "Ảnh: Hà Linh" not in art.body
    assert art.body[0].startswith("Ngày 10/3") and len(art.body) == 4


def test_related_thumbnails_beside_the_body_are_not_article_images() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='wrap'>"
        f"<div class='detail'>{PARAS}</div><div class='box-item'><a href='/bai-khac.htm'>"
        "<img src='/thumb/khac.jpg' alt='Bài khác'></a><h3><a href='/bai-khac.htm'>Bài khác</a></h3></div>"
        "</div></body></html>"
    )
    assert extract_article(html, URL).images == []


def test_abbreviated_unit_word_does_not_end_the_place() -> None:
    from etl.extract.place import find_location

    assert find_location(["Sáng 5/3, tại TP. Hồ Chí Minh, Bộ Y tế tổ chức hội nghị."]) == "TP. Hồ Chí Minh"
    assert find_location(["Ngày 5/3, tại TP.HCM, Sở họp."]) == "TP.HCM"
    assert find_location(["Ngày 5/3, tại Q.1, TP. Hồ Chí Minh, Sở họp."]) == "Q.1, TP. Hồ Chí Minh"
    assert find_location(["Ngày 5/3 tại Hà Nội. Sau đó tại Huế."]) == "Hà Nội"


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
