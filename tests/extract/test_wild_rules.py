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
