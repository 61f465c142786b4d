"""Behaviours of the publication dateline (``etl.extract.dateline``): which date on a page is
when it was published, to the second the page gives."""

from __future__ import annotations

from datetime import date

from pagekit import BLOG_URL, LONG, PARAS, URL, blog_page, published_iso

from etl.extract import extract_article


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


def test_visible_seconds_are_kept() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<div class='date'>Ngày đăng: 15-03-2024 08:45:12</div>"
        f"<div>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-03-15T01:45:12+00:00"


def test_dateline_to_the_minute_gives_second_zero() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<div class='date'>Ngày đăng: 15/03/2024 08:45</div>"
        f"<div>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-03-15T01:45:00+00:00"


def test_rdfa_date_gives_the_seconds_of_the_same_minute() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<span property='dc:date dc:created' content='2024-03-05T14:25:37+07:00'>"
        "Cập nhật: 14:25 | 05/03/2024</span>"
        f"<div>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-03-05T07:25:37+00:00"


def test_machine_time_of_another_minute_does_not_replace_the_visible_one() -> None:
    html = (
        "<html><head><meta property='article:modified_time' content='2024-03-05T16:02:09+07:00'>"
        "</head><body><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<div class='date'>Cập nhật: 14:25 | 05/03/2024</div>"
        f"<div>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-03-05T07:25:00+00:00"


def test_time_written_apart_from_the_date_header_joins_it() -> None:
    footer = (
        "Đăng bởi <span class='fn'>admin</span> lúc <a class='timestamp-link' href='"
        + BLOG_URL
        + "'><span class='published'>16:40</span></a>"
    )
    comments = (
        "<dl class='comments'><dd class='comment-footer'><span class='comment-timestamp'>"
        "<a href='#c1'>12 tháng 3, 2024 lúc 18:20</a></span></dd></dl>"
    )
    art = extract_article(blog_page("Thứ Ba, 12 tháng 3, 2024", footer, comments), BLOG_URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-12T09:40:00+00:00"
    assert art.author is None


def test_abbr_title_gives_the_machine_readable_date() -> None:
    footer = (
        "lúc <a class='timestamp-link' href='" + BLOG_URL + "'><abbr class='published' "
        "itemprop='datePublished' title='2024-03-15T10:05:00+07:00'>10:05</abbr></a>"
    )
    art = extract_article(blog_page("Thứ Sáu, 15 tháng 3, 2024", footer), BLOG_URL)
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-15T03:05:00+00:00"


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


def test_zoned_machine_time_beats_a_bare_clock_shown_in_another_zone() -> None:
    # the server prints UTC on the page; the meta tag says so
    html = (
        "<html><head><meta property='article:published_time' content='2024-09-17T03:15:00+00:00'>"
        "</head><body><h1>Trường nghề khai giảng khóa học mới cho học viên</h1>"
        f"<div class='post-meta'>17/09/2024 03:15</div><div class='content'>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-09-17T03:15:00+00:00"


def test_a_bare_clock_the_meta_confirms_stays_and_a_different_day_in_meta_does_not_win() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='2024-09-10T08:00:00+07:00'>"
        "</head><body><h1>Trường nghề khai giảng khóa học mới cho học viên</h1>"
        f"<div class='post-meta'>17/09/2024 03:15</div><div class='content'>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-09-16T20:15:00+00:00"


def test_a_marked_dateline_under_the_text_beats_the_top_bar_date() -> None:
    html = (
        "<html><body><div class='date-now'>Thứ Hai, 18/03/2024</div>"
        "<h1 class='news-title'>Bộ phận một cửa tiếp nhận hồ sơ trực tuyến</h1>"
        f"<div class='news-content'>{PARAS}<p class='signature'><b>Ngọc Hà</b></p></div>"
        "<div class='news-date'>Ngày đăng: 12/03/2024 09:40</div></body></html>"
    )
    assert published_iso(html) == "2024-03-12T02:40:00+00:00"


def test_a_marked_dateline_at_the_foot_of_a_page_without_headline_markup() -> None:
    html = (
        "<html><head><title>Cổng thông tin điện tử</title></head><body><table><tr><td>"
        f"<font size='2'>Đoạn một, {LONG}.<br><br>Đoạn hai, {LONG}.<br><br>Đoạn ba, {LONG}.</font>"
        "</td></tr><tr><td align='right'><i>Cập nhật: 22/11/2021 16:30</i></td></tr></table></body></html>"
    )
    assert published_iso(html) == "2021-11-22T09:30:00+00:00"


def test_twelve_hour_dateline_of_a_wordpress_post() -> None:
    html = (
        "<html><body><h1 class='entry-title'>Hội chợ nông sản thu hút hơn 150 gian hàng</h1>"
        "<div class='entry-meta'><span class='entry-date'>20/09/2024 2:45 chiều</span></div>"
        f"<div class='entry-content'>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2024-09-20T07:45:00+00:00"


def test_a_zoned_instant_in_the_title_of_the_date_element_beats_its_bare_visible_clock() -> None:
    # hAtom-style markup: the visible clock has no zone, the title attribute has the instant
    html = (
        "<html><body><h1 class='headline'>Media bosses push back on the data retention bill</h1>"
        "<ul class='story-info'><li class='byline'>by: <cite>Laurie Oakes</cite></li>"
        "<li class='date-and-time' title='2015-03-13T21:00:00+11:00'><span class='datestamp'>March 13, 2015</span>"
        f" <span class='timestamp'>9:00PM</span></li></ul><div class='story-body'>{PARAS}</div></body></html>"
    )
    assert published_iso(html) == "2015-03-13T10:00:00+00:00"
