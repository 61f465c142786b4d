"""Generic extractor behaviours, each on a small page that would fail without it."""

from __future__ import annotations

from datetime import date

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"


def page(body: str, head: str = "<title>Tiêu đề bài viết thử nghiệm - Sở Thông tin và Truyền thông</title>") -> str:
    return (f"<html><head>{head}</head><body><div id='menu'><a href='/'>Trang chủ</a></div>"
            f"<div class='main'><h1>Tiêu đề bài viết thử nghiệm</h1>{body}</div>"
            "<div id='footer'><p>Giấy phép số 1/GP</p></div></body></html>")


def test_title_without_site_suffix_and_body_order() -> None:
    art = extract_article(page(f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p>"), URL)
    assert art.title == "Tiêu đề bài viết thử nghiệm"
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}."]


def test_br_br_and_div_paragraphs_and_nbsp_dropped() -> None:
    art = extract_article(page(f"<div>Đoạn một, {LONG}.<br><br>Đoạn hai, {LONG}.<br /> <br/>"
                               f"<div>&nbsp;</div><div>Đoạn ba, {LONG}.</div></div>"), URL)
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_items_after_single_br_are_paragraphs_and_wrapped_lines_join() -> None:
    art = extract_article(page(f"<p>Đoạn mở đầu, {LONG}.</p><p>Mục tiêu:<br>- Một, {LONG};<br>- Hai, {LONG}.</p>"
                               f"<p>Câu bị ngắt<br>dòng giữa chừng, {LONG}.</p>"), URL)
    assert art.body[1:] == ["Mục tiêu:", f"- Một, {LONG};", f"- Hai, {LONG}.",
                            f"Câu bị ngắt dòng giữa chừng, {LONG}."]


def test_whitespace_folded_and_nfc() -> None:
    decomposed = "Hội nghị"  # "Hội nghị" with combining marks
    art = extract_article(page(f"<p>  {decomposed}\n\t tổng   kết, {LONG}. </p><p>Đoạn hai, {LONG}.</p>"), URL)
    assert art.body[0] == f"Hội nghị tổng kết, {LONG}."


def test_caption_forms() -> None:
    body = (f"<p>Đoạn một, {LONG}.</p>"
            "<figure><img src='/a.jpg' alt='A'><figcaption>Dòng một<br>dòng hai</figcaption></figure>"
            f"<p>Đoạn hai, {LONG}.</p>"
            "<p style='text-align:center'><img src='/b.jpg'></p><p style='text-align:center'><em>Chú thích nghiêng</em></p>"
            f"<p>Đoạn ba, {LONG}.</p>"
            "<p><img src='/c.jpg'></p><p>Ảnh: Đại biểu dự hội nghị</p>"
            "<table class='tplCaption'><tr><td><img src='/d.jpg'></td></tr><tr><td>Chú thích bảng</td></tr></table>"
            f"<p>Đoạn bốn, {LONG}.</p><p><img src='/e.jpg'></p><p>Đoạn năm không phải chú thích, {LONG}.</p>")
    art = extract_article(page(body), URL)
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in art.images] == [
        ("a.jpg", "Dòng một dòng hai"), ("b.jpg", "Chú thích nghiêng"),
        ("c.jpg", "Ảnh: Đại biểu dự hội nghị"), ("d.jpg", "Chú thích bảng"), ("e.jpg", None)]
    assert art.images[0].alt == "A" and art.images[1].alt is None
    assert not any("Chú thích" in p or p.startswith("Ảnh:") or "Dòng một" in p for p in art.body)
    assert len(art.body) == 5


def test_image_urls_absolute_lazy_and_chrome_skipped() -> None:
    body = (f"<p>Đoạn một, {LONG}.</p><p><img src='/images/loading.gif' data-src='/up/anh-1.jpg'></p>"
            "<p><img src='/Style Library/images/icon.png'></p><p><img src='/up/tiny.jpg' width='16'></p>"
            "<p><a href='/tin-khac.html'><img src='/up/thumb.jpg'></a></p>"
            f"<p><a href='/up/anh-2-large.jpg'><img src='../up/anh-2.jpg'></a></p><p>Đoạn hai, {LONG}.</p>")
    art = extract_article(page(body), URL)
    assert [i.url for i in art.images] == ["https://so.example.gov.vn/up/anh-1.jpg",
                                           "https://so.example.gov.vn/up/anh-2.jpg"]


def test_furniture_counters_tags_and_inline_related_box_dropped() -> None:
    body = (f"<div class='content'><p>Đoạn một, {LONG}.</p><p>Chia sẻ | In bài | A- A+</p>"
            "<div><p><strong>Tin liên quan</strong></p><ul><li><a href='/1.html'>Một tin khác rất dài dòng</a></li>"
            "<li><a href='/2.html'>Hai tin khác cũng dài dòng</a></li></ul></div>"
            f"<p>Đoạn hai, {LONG}.</p><p><b>Xem thêm:</b> <a href='/3.html'>Bài viết khác trong chuyên mục</a></p>"
            "<p>Lượt xem: 1.234</p><p>Từ khóa: <a href='/t'>chuyển đổi số</a></p></div>")
    art = extract_article(page(body), URL)
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}."]


def test_signature_is_author_not_body() -> None:
    body = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p style='text-align:right'><strong>Ngọc Anh</strong></p>"
    art = extract_article(page(body), URL)
    assert art.author == "Ngọc Anh"
    assert art.body[-1] == f"Đoạn hai, {LONG}."


def test_theo_bao_signature_and_cms_user_is_not_author() -> None:
    art = extract_article(page(f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Theo Báo Thanh Hóa</p>"), URL)
    assert art.author == "Theo Báo Thanh Hóa"
    art = extract_article(page(f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p>",
                               head="<title>T</title><meta name='author' content='admin'>")
                          + "", URL)
    assert art.author is None
    byline = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><div class='author'>Tác giả: admin</div>"
    assert extract_article(page(byline), URL).author is None


def test_last_short_sentence_is_not_a_signature() -> None:
    art = extract_article(page(f"<p>Đoạn một, {LONG}.</p><p>Xin trân trọng giới thiệu!</p>"), URL)
    assert art.author is None
    assert art.body[-1] == "Xin trân trọng giới thiệu!"


def test_dateline_near_headline_beats_sidebar_dates_and_is_utc() -> None:
    html = ("<html><body><div class='side'><ul><li><a href='/x'>Tin cũ</a> (01/01/2020)</li></ul></div>"
            "<h1>Tiêu đề bài viết thử nghiệm</h1><div class='info'>Thứ bảy, 3/6/2023, 09:05 (GMT+7)</div>"
            f"<div><p>Sáng nay (3/6), tại Hà Nội, {LONG}.</p><p>Đoạn hai, {LONG}.</p></div></body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2023-06-03T02:05:00+00:00"
    assert art.event_date == date(2023, 6, 3)
    assert art.location == "Hà Nội"
    assert not any("3/6/2023" in p for p in art.body)


def test_meta_only_date_and_canonical() -> None:
    head = ("<title>T</title><meta property='article:published_time' content='2024-03-05T14:30:00+07:00'>"
            "<link rel='canonical' href='https://so.example.gov.vn/c.html'>")
    art = extract_article(page(f"<p>Chiều 4/3, {LONG}.</p><p>Đoạn hai, {LONG}.</p>", head=head), URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-05T07:30:00+00:00"
    assert art.event_date == date(2024, 3, 4)
    assert art.canonical_url == "https://so.example.gov.vn/c.html"


def test_location_skips_event_nouns_and_stops_at_clause() -> None:
    art = extract_article(page("<p>Phát biểu tại Hội nghị, đồng chí Bí thư đánh giá cao kết quả đạt được "
                               "tại Hội trường UBND tỉnh đã diễn ra sáng 5/3.</p>"
                               f"<p>Đoạn hai, {LONG}.</p>"), URL)
    assert art.location == "Hội trường UBND tỉnh"
    art = extract_article(page(f"<p>Ngày 5/3, Sở tổ chức hội nghị, {LONG}.</p><p>Đoạn hai, {LONG}.</p>"), URL)
    assert art.location is None


def test_lead_outside_content_div_is_body() -> None:
    body = (f"<div class='sapo'>Lời dẫn của bài viết, {LONG}.</div>"
            f"<div class='detail'><p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></div>")
    art = extract_article(page(body), URL)
    assert art.body[0] == f"Lời dẫn của bài viết, {LONG}."
    assert len(art.body) == 4


def test_bytes_input_is_decoded() -> None:
    html = page(f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p>").replace("<head>", "<head><meta charset='utf-8'>")
    art = extract_article(html.encode("utf-8"), URL)
    assert art.body[0] == f"Đoạn một, {LONG}."
    cp = page(f"<p>Đoạn một, {LONG}.</p>").encode("utf-8")
    assert extract_article(cp, URL).title == "Tiêu đề bài viết thử nghiệm"


def test_people_and_documents_come_from_body() -> None:
    art = extract_article(page("<p>Ngày 5/3/2024, đồng chí Nguyễn Văn An, Giám đốc Sở, quán triệt Nghị quyết "
                               f"số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, {LONG}.</p>"), URL)
    assert any(p.name == "Nguyễn Văn An" for p in art.people)
    assert any(d.code == "57-NQ/TW" for d in art.documents)


def test_dateline_in_a_meta_list_item_keeps_its_time() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><ul class='meta'><li>Ngày đăng: 05/03/2024 - 14:30</li>"
            f"<li>Lượt xem: 12</li></ul><div><p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p></div></body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-05T07:30:00+00:00"
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}."]
