"""Rules learnt from the second hand-written corpus (tests/corpus_holdout), each on a small
real-shaped page."""

from __future__ import annotations

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def _iso(html: str) -> str | None:
    art = extract_article(html, URL)
    return art.published_at.isoformat() if art.published_at else None


def test_visible_seconds_are_kept() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<div class='date'>Ngày đăng: 15-03-2024 08:45:12</div>"
            f"<div>{PARAS}</div></body></html>")
    assert _iso(html) == "2024-03-15T01:45:12+00:00"


def test_dateline_to_the_minute_gives_second_zero() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<div class='date'>Ngày đăng: 15/03/2024 08:45</div>"
            f"<div>{PARAS}</div></body></html>")
    assert _iso(html) == "2024-03-15T01:45:00+00:00"


def test_rdfa_date_gives_the_seconds_of_the_same_minute() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<span property='dc:date dc:created' content='2024-03-05T14:25:37+07:00'>"
            "Cập nhật: 14:25 | 05/03/2024</span>"
            f"<div>{PARAS}</div></body></html>")
    assert _iso(html) == "2024-03-05T07:25:37+00:00"


def test_machine_time_of_another_minute_does_not_replace_the_visible_one() -> None:
    html = ("<html><head><meta property='article:modified_time' content='2024-03-05T16:02:09+07:00'>"
            "</head><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<div class='date'>Cập nhật: 14:25 | 05/03/2024</div>"
            f"<div>{PARAS}</div></body></html>")
    assert _iso(html) == "2024-03-05T07:25:00+00:00"


BLOG_URL = "https://dangbo.blogspot.com/2024/03/tap-huan-xoai.html"


def _blog(date_header: str, footer: str, comments: str = "") -> str:
    return ("<html><head><title>Đảng bộ xã Tân Hồng: Tập huấn kỹ thuật trồng xoài VietGAP</title></head><body>"
            "<h1 class='title'><a href='https://dangbo.blogspot.com/'>Đảng bộ xã Tân Hồng</a></h1>"
            "<p class='description'>Trang thông tin của Đảng bộ xã Tân Hồng, tỉnh Đồng Tháp</p>"
            f"<h2 class='date-header'><span>{date_header}</span></h2>"
            "<h3 class='post-title entry-title'><a href='https://dangbo.blogspot.com/2024/03/tap-huan-xoai.html'>"
            "Tập huấn kỹ thuật trồng xoài VietGAP</a></h3>"
            f"<div class='post-body'><div>Ngày 12/3, tại Nhà văn hóa ấp Gò Bói, {LONG}, {LONG}.<br /><br />"
            f"Đoạn hai, {LONG}.<br /><br />Đoạn ba, {LONG}.</div></div>"
            f"<div class='post-footer'>{footer}</div>{comments}</body></html>")


def test_blog_name_linking_home_is_not_the_headline() -> None:
    art = extract_article(_blog("Thứ Ba, 12 tháng 3, 2024", ""), BLOG_URL)
    assert art.title == "Tập huấn kỹ thuật trồng xoài VietGAP"


def test_time_written_apart_from_the_date_header_joins_it() -> None:
    footer = ("Đăng bởi <span class='fn'>admin</span> lúc <a class='timestamp-link' href='" + BLOG_URL
              + "'><span class='published'>16:40</span></a>")
    comments = ("<dl class='comments'><dd class='comment-footer'><span class='comment-timestamp'>"
                "<a href='#c1'>12 tháng 3, 2024 lúc 18:20</a></span></dd></dl>")
    art = extract_article(_blog("Thứ Ba, 12 tháng 3, 2024", footer, comments), BLOG_URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-12T09:40:00+00:00"
    assert art.author is None


def test_abbr_title_gives_the_machine_readable_date() -> None:
    footer = ("lúc <a class='timestamp-link' href='" + BLOG_URL + "'><abbr class='published' "
              "itemprop='datePublished' title='2024-03-15T10:05:00+07:00'>10:05</abbr></a>")
    art = extract_article(_blog("Thứ Sáu, 15 tháng 3, 2024", footer), BLOG_URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-15T03:05:00+00:00"


def test_data_table_in_the_body_is_neither_body_nor_caption() -> None:
    html = ("<html><body><h1>Giải ngân vốn đầu tư công 2 tháng đạt 8,3%</h1><div class='article-content'>"
            f"<p>Đoạn một, {LONG}.</p><p>Tình hình giải ngân của một số chủ đầu tư như sau:</p>"
            "<table class='table'><thead><tr><th>Chủ đầu tư</th><th>Kế hoạch vốn</th><th>Tỷ lệ (%)</th></tr>"
            "</thead><tbody><tr><td>Ban QLDA giao thông</td><td>1.120</td><td>9,1</td></tr>"
            "<tr><td>UBND thành phố Đông Hà</td><td>274</td><td>11,3</td></tr></tbody></table>"
            f"<p>Đoạn hai, {LONG}.</p></div></body></html>")
    art = extract_article(html, URL)
    assert art.body == [f"Đoạn một, {LONG}.", "Tình hình giải ngân của một số chủ đầu tư như sau:",
                        f"Đoạn hai, {LONG}."]


def test_grid_of_figures_without_header_cells_is_a_data_table() -> None:
    from etl.clean import is_data_table, parse_html

    doc = parse_html("<table><tr><td>Huyện A</td><td>12</td><td>4,5</td></tr>"
                     "<tr><td>Huyện B</td><td>30</td><td>7,1</td></tr></table>")
    assert is_data_table(next(doc.iter("table")))


def test_layout_and_caption_tables_are_not_data_tables() -> None:
    from etl.clean import is_data_table, parse_html

    layout = parse_html(f"<table><tr><td><a href='/'>Trang chủ</a></td><td>Tin tức</td></tr>"
                        f"<tr><td>Menu</td><td>{LONG}, {LONG}, {LONG}.</td></tr></table>")
    caption = parse_html("<table class='tr-caption-container'><tr><td><img src='/a.jpg'></td></tr>"
                         "<tr><td class='tr-caption'>Quang cảnh hội nghị</td></tr></table>")
    assert not is_data_table(next(layout.iter("table")))
    assert not is_data_table(next(caption.iter("table")))


def test_figcaption_paragraph_and_credit_are_one_caption() -> None:
    html = ("<html><body><h1>Công bố Quy hoạch vùng Đồng bằng sông Cửu Long</h1><article><section>"
            f"<p>Đoạn một, {LONG}.</p><figure class='story__figure'><img src='/media/hoi-nghi.jpg' alt=''>"
            "<figcaption>\n<p>Quang cảnh Hội nghị công bố Quy hoạch vùng.</p>\n"
            "<span class='credit'>Ảnh: TTXVN</span>\n</figcaption></figure>"
            f"<p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></section></article></body></html>")
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Quang cảnh Hội nghị công bố Quy hoạch vùng. Ảnh: TTXVN"]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_caption_split_over_two_italic_paragraphs_is_one_caption() -> None:
    html = ("<html><body><h1>Triển khai Nghị định 33 về cán bộ cấp xã</h1><div id='content'>"
            f"<div style='text-align: justify;'>Đoạn một, {LONG}.</div>"
            "<p style='text-align: center;'><img src='/uploads/hoi-nghi.jpg' width='600' height='400'></p>"
            "<p style='text-align: center;'><em>Đồng chí Hoàng Văn Tuấn, Giám đốc Sở Nội vụ</em></p>"
            "<p style='text-align: center;'><em>phát biểu khai mạc hội nghị</em></p>"
            f"<div style='text-align: justify;'>Đoạn hai, {LONG}.</div>"
            f"<div style='text-align: justify;'>Đoạn ba, {LONG}.</div></div></body></html>")
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == [
        "Đồng chí Hoàng Văn Tuấn, Giám đốc Sở Nội vụ phát biểu khai mạc hội nghị"]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_a_finished_caption_is_not_continued_by_the_next_line() -> None:
    html = ("<html><body><h1>Triển khai Nghị định 33 về cán bộ cấp xã</h1><div id='content'>"
            f"<p>Đoạn một, {LONG}.</p><p><img src='/uploads/hoi-nghi.jpg' width='600' height='400'></p>"
            "<p><em>Quang cảnh hội nghị.</em></p>"
            f"<p><em>và đây là một đoạn nghiêng, {LONG}.</em></p><p>Đoạn hai, {LONG}.</p>"
            f"<p>Đoạn ba, {LONG}.</p></div></body></html>")
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Quang cảnh hội nghị."]
    assert f"và đây là một đoạn nghiêng, {LONG}." in art.body


def _footdate(footer: str) -> str:
    return ("<html><body><div class='topbar'><span class='today'>Thứ Bảy, 16/03/2024</span></div>"
            "<div class='container'><div class='content'><div class='post'>"
            "<h1 class='post-title'>Nghệ An triển khai kỳ thi tốt nghiệp THPT năm 2024</h1>"
            f"<div class='post-content'>{PARAS}</div>{footer}</div></div></div></body></html>")


def test_byline_beside_the_dateline_in_a_post_footer() -> None:
    art = extract_article(_footdate("<div class='post-footer'><span class='post-author'>Lê Hà</span> - "
                                    "<span class='post-date'>15/03/2024 | 17:45 GMT+7</span></div>"), URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-15T10:45:00+00:00"
    assert art.author == "Lê Hà"


def test_name_in_a_dropped_box_without_the_dateline_is_not_the_author() -> None:
    art = extract_article(_footdate("<div class='post-date'>15/03/2024 | 17:45</div>"
                                    "<div class='comments'><dl><dt class='comment-author'>Nguyễn Văn Bình</dt>"
                                    "<dd>16/03/2024 | 08:10</dd></dl></div>"), URL)
    assert art.author is None


def test_lead_beside_a_body_of_wrapped_paragraphs_is_body() -> None:
    wrapped = "".join(f"<div class='css-0'><div class='css-1u8'><p class='css-1x'>Đoạn {i}, {LONG}.</p></div></div>"
                      for i in ("hai", "ba", "bốn"))
    html = ("<html><body><main><article><h1 itemProp='headline'>Sơ kết 3 năm chuyển đổi số tỉnh Quảng Nam</h1>"
            f"<div class='css-1q8'><div class='css-1wb'><p class='css-1l3'>Chiều 14/3, tại Trung tâm Hội nghị tỉnh, "
            f"{LONG}.</p></div></div><div class='css-9xu' itemProp='articleBody'>{wrapped}</div>"
            "<div class='css-1s9'><span itemProp='author'><span itemProp='name'>Hoàng Lam (CTV)</span></span>"
            "<time>14/03/2024 15:42</time></div></article></main></body></html>")
    art = extract_article(html, URL)
    assert art.body[0] == f"Chiều 14/3, tại Trung tâm Hội nghị tỉnh, {LONG}."
    assert len(art.body) == 4
    assert art.location == "Trung tâm Hội nghị tỉnh"
    assert art.author == "Hoàng Lam (CTV)"


def test_writer_role_note_stays_with_the_name_a_unit_does_not() -> None:
    from etl.extract.generic import signature_name

    assert signature_name("Hoàng Lam (CTV)") == "Hoàng Lam (CTV)"
    assert signature_name("Thanh Tâm (CCBVMT)") == "Thanh Tâm"


def test_lead_in_the_article_header_after_the_headline_is_body() -> None:
    html = ("<html><body><main><article class='news-page'><header class='news-page__header'>"
            "<h1 class='news-page__title'>Triển khai công tác y tế dự phòng năm 2024</h1>"
            "<p class='news-page__meta'><time datetime='2024-03-13T17:30:00+07:00'>13/03/2024</time></p>"
            f"<p class='news-page__intro'>Sáng 13/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị, {LONG}.</p></header>"
            f"<div class='rich-text'><p>Đoạn hai, {LONG}.</p><h2>Kết quả nổi bật năm 2023</h2>"
            f"<ol><li>Tỷ lệ tiêm chủng đầy đủ đạt 89,7%.</li><li>Số ca mắc sốt xuất huyết giảm 55%.</li></ol>"
            f"<p>Đoạn ba, {LONG}.</p></div></article></main></body></html>")
    art = extract_article(html, URL)
    assert art.body == [f"Sáng 13/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị, {LONG}.", f"Đoạn hai, {LONG}.",
                        "Kết quả nổi bật năm 2023", "Tỷ lệ tiêm chủng đầy đủ đạt 89,7%.",
                        "Số ca mắc sốt xuất huyết giảm 55%.", f"Đoạn ba, {LONG}."]
    assert art.location == "Hà Nội"
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-13T10:30:00+00:00"
