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
