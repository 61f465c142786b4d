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
    html = ("<html><head><title>In bài viết</title></head><body><div class='title'>Khai mạc "
            "Lễ hội Nghinh Ông Thắng Tam năm 2024</div><div class='info'><i>Ngày 18/09/2024 - 15:10 | "
            f"Tác giả: Thanh Tâm</i></div><div class='content'>{PARAS}</div></body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None
    assert art.published_at.isoformat() == "2024-09-18T08:10:00+00:00"


def test_marked_update_line_in_the_article_beats_the_top_bar_date() -> None:
    html = ("<html><body><div class='header'><span class='header-date'>Thứ Ba, 19/03/2024</span></div>"
            "<h1>Khởi công dự án nâng cấp đường tỉnh 389 đoạn qua thị xã</h1>"
            f"<div class='sapo'><strong>Sáng 18/3, tại phường An Lưu, {LONG}, {LONG}, {LONG}.</strong></div>"
            f"<div class='update'>(Cập nhật 18/3/2024 - 15:20)</div><div class='content'>{PARAS}</div>"
            "</body></html>")
    art = extract_article(html, URL)
    assert art.published_at is not None
    assert art.published_at.isoformat() == "2024-03-18T08:20:00+00:00"
