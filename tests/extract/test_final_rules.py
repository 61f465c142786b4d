"""Rules learnt from the third hand-written corpus (tests/corpus_final), each on a small
real-shaped page."""

from __future__ import annotations

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def _row(text: str, style: str = "font-size:15px;") -> str:
    return f"<tr><td style='{style}'>{text}</td></tr>"


def test_nguon_line_gives_the_author_without_its_label() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>20/03/2024</div>"
            f"<div class='content'>{PARAS}<p style='text-align:right'><b>Nguồn: Báo Bắc Giang</b></p>"
            "</div></body></html>")
    art = extract_article(html, URL)
    assert art.author == "Báo Bắc Giang"
    assert all("Nguồn" not in p for p in art.body)


def test_rows_between_article_rows_are_article() -> None:
    rows = "".join(_row(f"Đoạn {i}, {LONG}, {LONG}, {LONG}.") for i in range(3))
    html = ("<html><body><table>"
            + _row("<b>Tiêu đề bài viết thử nghiệm trong bản tin</b>")
            + rows
            + "<tr><td>•</td><td>Mục một của danh sách ngắn;</td></tr>"
            + _row("Một đoạn ngắn giữa hai đoạn dài.")
            + rows.replace("Đoạn", "Phần")
            + "</table></body></html>")
    body = extract_article(html, URL).body
    assert "Mục một của danh sách ngắn;" in body
    assert "Một đoạn ngắn giữa hai đoạn dài." in body
