"""Small real-shaped pages and paragraphs the extractor's behaviour tests are built from."""

from __future__ import annotations

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"
#: The three paragraphs of ``PARAS`` as the body they make.
PARAS_BODY = [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def article_page(content: str) -> str:
    """A page with a headline, a dateline and ``content`` in the content container."""
    return (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm dài</h1><div class='date'>20/03/2024 08:00</div>"
        f"<div class='content'>{content}</div></body></html>"
    )


def people_of(text: str) -> dict[str, str | None]:
    """Name → position of the people in one paragraph."""
    from etl.extract.people import extract_people

    return {p.name: p.position for p in extract_people([text])}


def row(text: str, style: str = "font-size:15px;") -> str:
    """One styled layout-table row, the unit of table-built portal pages."""
    return f"<tr><td style='{style}'>{text}</td></tr>"


def published_iso(html: str) -> str | None:
    """``published_at`` of a page as ISO text."""
    art = extract_article(html, URL)
    return art.published_at.isoformat() if art.published_at else None


BLOG_URL = "https://dangbo.blogspot.com/2024/03/tap-huan-xoai.html"


def blog_page(date_header: str, footer: str, comments: str = "") -> str:
    """A Blogger post: blog name linking home, date header, permalinked post title, post footer."""
    return (
        "<html><head><title>Đảng bộ xã Tân Hồng: Tập huấn kỹ thuật trồng xoài VietGAP</title></head><body>"
        "<h1 class='title'><a href='https://dangbo.blogspot.com/'>Đảng bộ xã Tân Hồng</a></h1>"
        "<p class='description'>Trang thông tin của Đảng bộ xã Tân Hồng, tỉnh Đồng Tháp</p>"
        f"<h2 class='date-header'><span>{date_header}</span></h2>"
        "<h3 class='post-title entry-title'><a href='https://dangbo.blogspot.com/2024/03/tap-huan-xoai.html'>"
        "Tập huấn kỹ thuật trồng xoài VietGAP</a></h3>"
        f"<div class='post-body'><div>Ngày 12/3, tại Nhà văn hóa ấp Gò Bói, {LONG}, {LONG}.<br /><br />"
        f"Đoạn hai, {LONG}.<br /><br />Đoạn ba, {LONG}.</div></div>"
        f"<div class='post-footer'>{footer}</div>{comments}</body></html>"
    )


def footdate_page(footer: str) -> str:
    """A page with a top-bar date, a headline and the article, then ``footer`` inside the post box."""
    return (
        "<html><body><div class='topbar'><span class='today'>Thứ Bảy, 16/03/2024</span></div>"
        "<div class='container'><div class='content'><div class='post'>"
        "<h1 class='post-title'>Nghệ An triển khai kỳ thi tốt nghiệp THPT năm 2024</h1>"
        f"<div class='post-content'>{PARAS}</div>{footer}</div></div></div></body></html>"
    )


def signed_page(head: str, content: str, after: str = "", meta: str = "") -> str:
    """A page: headline, ``head`` lines, dateline, ``content``, then boxes ``after`` it."""
    return (
        f"<html><head>{meta}</head><body><h1>Tiêu đề bài viết thử nghiệm</h1>{head}"
        f"<div class='date'>20/03/2024 08:00</div><div class='content'>{content}</div>{after}"
        "</body></html>"
    )
