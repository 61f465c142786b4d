"""Behaviours of the body (``etl.clean`` and ``etl.extract.generic``): which blocks of a page are
article paragraphs and which are furniture around or inside the article."""

from __future__ import annotations

from datetime import date

from pagekit import LONG, PARAS, PARAS_BODY, URL, article_page, row, signed_page

from etl.extract import extract_article


def test_table_title_line_is_neither_body_nor_caption() -> None:
    html = article_page(
        f"{PARAS}<table><tr><td>Nông nghiệp</td><td>3,38</td></tr></table>"
        "<p style='text-align:center'><i>Bảng: Tốc độ tăng các khu vực kinh tế</i></p>"
        f"<p>Đoạn bốn, {LONG}.</p>"
    )
    art = extract_article(html, URL)
    assert art.body[:3] == PARAS_BODY and art.body[-1] == f"Đoạn bốn, {LONG}."
    assert not any(p.startswith("Bảng:") for p in art.body)
    assert not any(im.caption for im in art.images)


def test_print_page_address_line_attachment_list_and_transcript_label_are_not_body() -> None:
    html = article_page(
        "<div class='label'>Nội dung chi tiết</div>"
        + PARAS
        + "<ul class='list-group'><li class='list-group-item'><strong>Tài liệu hội nghị</strong></li>"
        "<li class='list-group-item'><a href='/a.pdf'>tai-lieu.pdf</a></li></ul>"
        "<div><i>Địa chỉ bài viết: https://so.example.gov.vn/Detail.aspx?ContentID=1</i></div>"
    )
    art = extract_article(html, URL)
    assert art.body == PARAS_BODY


def test_rows_between_article_rows_are_article() -> None:
    rows = "".join(row(f"Đoạn {i}, {LONG}, {LONG}, {LONG}.") for i in range(3))
    html = (
        "<html><body><table>"
        + row("<b>Tiêu đề bài viết thử nghiệm trong bản tin</b>")
        + rows
        + "<tr><td>•</td><td>Mục một của danh sách ngắn;</td></tr>"
        + row("Một đoạn ngắn giữa hai đoạn dài.")
        + rows.replace("Đoạn", "Phần")
        + "</table></body></html>"
    )
    body = extract_article(html, URL).body
    assert "Mục một của danh sách ngắn;" in body
    assert "Một đoạn ngắn giữa hai đoạn dài." in body


def test_data_table_in_the_body_is_neither_body_nor_caption() -> None:
    html = (
        "<html><body><h1>Giải ngân vốn đầu tư công 2 tháng đạt 8,3%</h1><div class='article-content'>"
        f"<p>Đoạn một, {LONG}.</p><p>Tình hình giải ngân của một số chủ đầu tư như sau:</p>"
        "<table class='table'><thead><tr><th>Chủ đầu tư</th><th>Kế hoạch vốn</th><th>Tỷ lệ (%)</th></tr>"
        "</thead><tbody><tr><td>Ban QLDA giao thông</td><td>1.120</td><td>9,1</td></tr>"
        "<tr><td>UBND thành phố Đông Hà</td><td>274</td><td>11,3</td></tr></tbody></table>"
        f"<p>Đoạn hai, {LONG}.</p></div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.body == [
        f"Đoạn một, {LONG}.",
        "Tình hình giải ngân của một số chủ đầu tư như sau:",
        f"Đoạn hai, {LONG}.",
    ]


def test_grid_of_figures_without_header_cells_is_a_data_table() -> None:
    from etl.clean import is_data_table, parse_html

    doc = parse_html(
        "<table><tr><td>Huyện A</td><td>12</td><td>4,5</td></tr>"
        "<tr><td>Huyện B</td><td>30</td><td>7,1</td></tr></table>"
    )
    assert is_data_table(next(doc.iter("table")))


def test_layout_and_caption_tables_are_not_data_tables() -> None:
    from etl.clean import is_data_table, parse_html

    layout = parse_html(
        f"<table><tr><td><a href='/'>Trang chủ</a></td><td>Tin tức</td></tr>"
        f"<tr><td>Menu</td><td>{LONG}, {LONG}, {LONG}.</td></tr></table>"
    )
    caption = parse_html(
        "<table class='tr-caption-container'><tr><td><img src='/a.jpg'></td></tr>"
        "<tr><td class='tr-caption'>Quang cảnh hội nghị</td></tr></table>"
    )
    assert not is_data_table(next(layout.iter("table")))
    assert not is_data_table(next(caption.iter("table")))
    grid = parse_html("<table><tr><th>Chỉ tiêu</th><th>Năm 2023</th></tr><tr><td>Lúa</td><td>3,38</td></tr></table>")
    assert is_data_table(next(grid.iter("table")))


def test_lead_beside_a_body_of_wrapped_paragraphs_is_body() -> None:
    wrapped = "".join(
        f"<div class='css-0'><div class='css-1u8'><p class='css-1x'>Đoạn {i}, {LONG}.</p></div></div>"
        for i in ("hai", "ba", "bốn")
    )
    html = (
        "<html><body><main><article><h1 itemProp='headline'>Sơ kết 3 năm chuyển đổi số tỉnh Quảng Nam</h1>"
        f"<div class='css-1q8'><div class='css-1wb'><p class='css-1l3'>Chiều 14/3, tại Trung tâm Hội nghị tỉnh, "
        f"{LONG}.</p></div></div><div class='css-9xu' itemProp='articleBody'>{wrapped}</div>"
        "<div class='css-1s9'><span itemProp='author'><span itemProp='name'>Hoàng Lam (CTV)</span></span>"
        "<time>14/03/2024 15:42</time></div></article></main></body></html>"
    )
    art = extract_article(html, URL)
    assert art.body[0] == f"Chiều 14/3, tại Trung tâm Hội nghị tỉnh, {LONG}."
    assert len(art.body) == 4
    assert art.location == "Trung tâm Hội nghị tỉnh"
    assert art.author == "Hoàng Lam (CTV)"


def test_lead_in_the_article_header_after_the_headline_is_body() -> None:
    html = (
        "<html><body><main><article class='news-page'><header class='news-page__header'>"
        "<h1 class='news-page__title'>Triển khai công tác y tế dự phòng năm 2024</h1>"
        "<p class='news-page__meta'><time datetime='2024-03-13T17:30:00+07:00'>13/03/2024</time></p>"
        f"<p class='news-page__intro'>Sáng 13/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị, {LONG}.</p></header>"
        f"<div class='rich-text'><p>Đoạn hai, {LONG}.</p><h2>Kết quả nổi bật năm 2023</h2>"
        f"<ol><li>Tỷ lệ tiêm chủng đầy đủ đạt 89,7%.</li><li>Số ca mắc sốt xuất huyết giảm 55%.</li></ol>"
        f"<p>Đoạn ba, {LONG}.</p></div></article></main></body></html>"
    )
    art = extract_article(html, URL)
    assert art.body == [
        f"Sáng 13/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị, {LONG}.",
        f"Đoạn hai, {LONG}.",
        "Kết quả nổi bật năm 2023",
        "Tỷ lệ tiêm chủng đầy đủ đạt 89,7%.",
        "Số ca mắc sốt xuất huyết giảm 55%.",
        f"Đoạn ba, {LONG}.",
    ]
    assert art.location == "Hà Nội"
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-13T10:30:00+00:00"


def test_gallery_heading_is_not_body_and_leaves_the_signature_last() -> None:
    html = signed_page(
        "",
        f"{PARAS}<p style='text-align:right'><strong>Thu Hà (Phòng Công tác xã hội)</strong></p>",
        after="<div class='news-gallery'><h3>Một số hình ảnh</h3><img src='/a/1.jpg' width='800' height='600'></div>",
    )
    art = extract_article(html, URL)
    assert art.author == "Thu Hà"
    assert "Một số hình ảnh" not in art.body


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


def test_advert_label_inside_the_body_is_not_a_paragraph() -> None:
    html = (
        f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div><p>Đoạn một, {LONG}.</p>"
        "<div class='alert border small'>Quảng cáo</div>"
        f"<p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></div></body></html>"
    )
    assert extract_article(html, URL).body == PARAS_BODY


COMMENT = "<div class='item'><div class='meta'><b>{name}</b> <span>{time}</span></div><p>{text}</p></div>"
READERS = [
    ("Nguyễn Văn An", "20/03/2024 09:15"),
    ("Trần Thị Bình", "20/03/2024 10:02"),
    ("Lê Hoàng", "21/03/2024 07:05"),
]


def _thread(times: list[tuple[str, str]] = READERS) -> str:
    return "".join(COMMENT.format(name=n, time=t, text=f"Ý kiến của tôi: {LONG}, {LONG}, {LONG}.") for n, t in times)


def _article(after: str, content: str = PARAS) -> str:
    return (
        "<html><head><title>Khánh thành cầu dân sinh tại xã Hòa Bình</title></head><body><div class='main'>"
        "<h1>Khánh thành cầu dân sinh tại xã Hòa Bình</h1><div class='date'>20/03/2024 08:00</div>"
        f"<div class='content'>{content}<p style='text-align:right'><b>Thu Hà</b></p></div>{after}</div></body></html>"
    )


def test_a_comment_thread_named_by_its_class_goes_however_much_prose_it_holds() -> None:
    art = extract_article(_article(f"<div class='comments'><h3>Bình luận</h3>{_thread()}</div>"), URL)
    assert art.body == PARAS_BODY
    assert art.author == "Thu Hà"


def test_repeated_items_with_a_name_and_a_time_line_are_comment_furniture_whatever_their_class() -> None:
    art = extract_article(_article(f"<div class='box'><h3>Ý kiến bạn đọc (3)</h3>{_thread()}</div>"), URL)
    assert art.body == PARAS_BODY
    assert art.author == "Thu Hà"


def test_items_with_a_relative_time_are_comment_furniture() -> None:
    times = [("minh88", "2 giờ trước"), ("hoa.le", "5 giờ trước"), ("an nguyen", "1 ngày trước")]
    art = extract_article(_article(f"<div class='box'>{_thread(times)}</div>"), URL)
    assert art.body == PARAS_BODY


def test_dated_steps_of_the_article_itself_stay_body() -> None:
    steps = "".join(
        f"<li><b>Ngày {d}/3/2024:</b> {text}</li>"
        for d, text in (
            (20, "khai mạc và báo cáo tổng kết"),
            (21, "thảo luận tại các tổ"),
            (22, "bế mạc, ra nghị quyết"),
        )
    )
    art = extract_article(_article("", PARAS + f"<ul>{steps}</ul>"), URL)
    assert art.body == [
        *PARAS_BODY,
        "Ngày 20/3/2024: khai mạc và báo cáo tổng kết",
        "Ngày 21/3/2024: thảo luận tại các tổ",
        "Ngày 22/3/2024: bế mạc, ra nghị quyết",
    ]


def test_a_box_of_linked_headlines_inside_the_content_is_not_body_nor_its_label() -> None:
    box = (
        "<div class='box'><p><b>Xem thêm các bài:</b></p>"
        + "".join(
            f"<p><a href='/tin-{i}.html'>Tin bài số {i} về hoạt động của ngành giao thông tỉnh</a></p>"
            for i in range(3)
        )
        + "</div>"
    )
    content = f"<p>Đoạn một, {LONG}.</p>{box}<p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"
    assert extract_article(_article("", content), URL).body == PARAS_BODY


def test_prose_with_inline_links_is_not_a_link_box() -> None:
    linked = (
        "<p>Thực hiện <a href='/nq.html'>Nghị quyết số 12 của Hội đồng nhân dân tỉnh</a> và "
        f"<a href='/kh.html'>Kế hoạch triển khai năm 2024 của tỉnh</a>, {LONG}.</p>"
    )
    art = extract_article(_article("", PARAS + linked), URL)
    assert len(art.body) == 4 and art.body[:3] == PARAS_BODY and art.body[3].startswith("Thực hiện Nghị quyết số 12")


def _english(after_text: str, before_text: str = "") -> str:
    return (
        "<html><head><title>Mangrove forests store more carbon</title></head><body><div id='story'>"
        f"<h1>Mangrove forests store more carbon</h1>{before_text}<div id='story_text'>{PARAS}</div>{after_text}"
        "</div></body></html>"
    )


def test_back_matter_after_the_article_is_not_body() -> None:
    after = (
        "<div id='story_source'><h3>Story Source:</h3><p><a href='/src'>Materials</a> provided by "
        "<strong>University of the Mekong Delta</strong>. <em>Note: Content may be edited.</em></p></div>"
        "<div id='refs'><h3>Journal Reference:</h3><ol><li>Tran, H. et al. Soil carbon stocks in restored "
        "mangroves. Coastal Ecology Letters, 2024; 12 (3): 201</li></ol></div>"
    )
    assert extract_article(_english(after), URL).body == PARAS_BODY


def test_a_back_matter_heading_inside_the_text_ends_the_body() -> None:
    html = _english("").replace(
        "</div></div></body>",
        f"<h4>Tài liệu tham khảo</h4><p>Báo cáo tổng kết năm 2023 của Sở Nông nghiệp, {LONG}.</p>"
        f"<p>Niên giám thống kê tỉnh năm 2023, {LONG}.</p></div></div></body>",
    )
    assert extract_article(html, URL).body == PARAS_BODY


def test_a_list_of_labelled_fields_above_the_text_is_not_body() -> None:
    fields = (
        "<dl><dt>Date:</dt><dd>September 17, 2024</dd><dt>Source:</dt><dd>University of the Mekong Delta</dd>"
        "<dt>Summary:</dt><dd>Restored mangroves hold up to a third more carbon in their soils.</dd></dl>"
    )
    html = _english("").replace("<div id='story_text'>", f"<div id='story_text'>{fields}")
    assert extract_article(html, URL).body == PARAS_BODY


def test_a_glossary_in_the_text_stays_body() -> None:
    glossary = (
        "<dl><dt>Rừng ngập mặn</dt><dd>Rừng ven biển chịu ngập triều, có nhiều dấu phẩy, đủ dài để là nội dung.</dd>"
        "<dt>Bồi tụ</dt><dd>Quá trình phù sa lắng đọng ven sông, có nhiều dấu phẩy, đủ dài để là nội dung.</dd></dl>"
    )
    html = _english("").replace("</div></div></body>", f"{glossary}</div></div></body>")
    art = extract_article(html, URL)
    assert art.body[:3] == PARAS_BODY and "Rừng ngập mặn" in art.body and len(art.body) == 7


def test_a_comment_whose_name_and_time_share_one_line_is_furniture() -> None:
    items = "".join(
        f"<li><p class='who'>{name} · {time}</p><p>Ý kiến của tôi: {LONG}, {LONG}.</p></li>" for name, time in READERS
    )
    art = extract_article(_article(f"<ul class='list'>{items}</ul>"), URL)
    assert art.body == PARAS_BODY


def test_dated_places_of_the_article_itself_stay_body() -> None:
    items = "".join(
        f"<li><span>{day}/03/2024</span> <b>{place}</b>: {text}</li>"
        for day, place, text in (
            (20, "Hà Nội", "khai mạc hội nghị và báo cáo tổng kết"),
            (21, "Hải Phòng", "thảo luận tại các tổ, đoàn đại biểu"),
            (22, "Quảng Ninh", "bế mạc, ra nghị quyết của hội nghị"),
        )
    )
    art = extract_article(_article("", PARAS + f"<ul>{items}</ul>"), URL)
    assert art.body[:3] == PARAS_BODY and len(art.body) == 6
    assert art.body[3] == "20/03/2024 Hà Nội: khai mạc hội nghị và báo cáo tổng kết"


def test_a_commenter_is_not_the_author_and_comment_items_go_whatever_their_wrapper() -> None:
    items = "".join(
        f"<div class='item'><span class='comment-author'>{name}</span> <span class='time'>{time}</span>"
        f"<p>Ý kiến: {LONG}, {LONG}.</p></div>"
        for name, time in READERS
    )
    for thread in (f"<div class='comments'>{items}</div>", f"<div class='box'>{items}</div>", items):
        html = _article(thread).replace("<p style='text-align:right'><b>Thu Hà</b></p>", "")
        art = extract_article(html, URL)
        assert art.body == PARAS_BODY, thread[:30]
        assert art.author is None, thread[:30]


def test_a_thread_named_only_by_a_comment_system_goes() -> None:
    thread = "".join(f"<p>Ý kiến số {i}: {LONG}, {LONG}, {LONG}.</p>" for i in range(4))
    html = _article(f"<div id='disqus_thread'>{thread}</div>").replace(
        "<p style='text-align:right'><b>Thu Hà</b></p>", ""
    )
    assert extract_article(html, URL).body == PARAS_BODY
