"""Adapter registry, selector subset, and adapters steering (not replacing) the generic path."""

from __future__ import annotations

import lxml.html
import pytest

from etl.adapters import ADAPTERS, get_adapter
from etl.adapters.base import SiteAdapter
from etl.adapters.selectors import css_to_xpath, select
from etl.errors import ConfigError
from etl.extract import SiteAdapter as ExportedSiteAdapter
from etl.extract import extract_article


def test_registry_names_and_lookup() -> None:
    assert set(ADAPTERS) >= {"mic", "thanhhoa"}
    assert get_adapter("mic").name == "mic"
    assert ExportedSiteAdapter is SiteAdapter


def test_unknown_adapter_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="adapter"):
        get_adapter("haiphong")
    with pytest.raises(ConfigError):
        extract_article("<html><body><p>x</p></body></html>", "https://x.vn/a", adapter="nope")


def test_bad_selector_is_rejected_at_definition() -> None:
    with pytest.raises(ConfigError, match="content"):
        SiteAdapter(name="broken", content="div:nth-child(2)")


def test_selector_subset() -> None:
    doc = lxml.html.fromstring(
        '<div><div class="a b" id="x"><p class="c">1</p><span><p class="c">2</p></span></div>'
        '<p class="c" data-k="v">3</p></div>')
    assert [e.text for e in select(doc, ".a > p.c")] == ["1"]
    assert [e.text for e in select(doc, "#x p.c")] == ["1", "2"]
    assert [e.text for e in select(doc, "p[data-k=v]")] == ["3"]
    assert [e.text for e in select(doc, "div.b > p, p[data-k]")] == ["1", "3"]
    assert "descendant" in css_to_xpath("div p")


PAGE = """<html><head><title>Tin - Sở X</title></head><body>
<div class="box"><p>Văn bản của khung bên phải với nhiều chữ, được viết khá dài để đánh lừa bộ chấm điểm, có dấu phẩy, có nhiều câu.
Thêm một câu nữa, thêm dấu phẩy, thêm chữ, thêm nội dung cho đủ dài để thành đoạn văn mạnh nhất trang.</p>
<p>Một đoạn dài khác của khung bên phải, cũng có dấu phẩy, cũng rất dài, cũng không phải bài viết, nhưng có nhiều chữ hơn bài.</p></div>
<div class="story"><div class="ttl">Hội nghị giao ban tháng 5</div><span class="when">Ngày 03/06/2023</span>
<div class="txt"><p>Sáng 2/6, tại Hà Nội, Sở tổ chức hội nghị giao ban.</p></div></div>
</body></html>"""


def test_adapter_selectors_steer_the_generic_machinery() -> None:
    generic = extract_article(PAGE, "https://x.vn/a")
    assert "Sáng 2/6, tại Hà Nội, Sở tổ chức hội nghị giao ban." not in generic.body
    adapter = SiteAdapter(name="x", title=".story .ttl", dateline=".when", content=".story .txt")
    art = extract_article(PAGE, "https://x.vn/a", adapter=adapter)
    assert art.title == "Hội nghị giao ban tháng 5"
    assert art.body == ["Sáng 2/6, tại Hà Nội, Sở tổ chức hội nghị giao ban."]
    assert art.published_at is not None and art.published_at.isoformat() == "2023-06-02T17:00:00+00:00"
    assert art.location == "Hà Nội"


def test_adapter_whose_selectors_miss_falls_back_to_generic() -> None:
    stale = SiteAdapter(name="stale", title="h1.gone", dateline=".gone", content="#gone", drop=(".gone",))
    html = ("<html><body><h1>Tiêu đề bài viết khá dài</h1><p>Ngày đăng: 03/06/2023 09:05</p>"
            "<div><p>Sáng 2/6, tại Hà Nội, Sở tổ chức hội nghị giao ban, có nhiều đại biểu tham dự.</p>"
            "<p>Hội nghị đánh giá kết quả, đề ra nhiệm vụ, giải pháp cho tháng tiếp theo.</p></div></body></html>")
    art = extract_article(html, "https://x.vn/a", adapter=stale)
    assert art.title == "Tiêu đề bài viết khá dài"
    assert len(art.body) == 2
    assert art.published_at is not None


def test_adapter_drop_selector_removes_content_boilerplate() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết khá dài</h1><div class='c'>"
            "<p>Đoạn văn thứ nhất của bài viết, có dấu phẩy, đủ dài để được chọn làm nội dung.</p>"
            "<p class='promo'>Đăng ký nhận bản tin hằng tuần của chúng tôi ngay hôm nay nhé bạn</p>"
            "<p>Đoạn văn thứ hai của bài viết, có dấu phẩy, đủ dài để được chọn làm nội dung.</p></div></body></html>")
    site = SiteAdapter(name="d", content=".c", drop=(".promo",))
    art = extract_article(html, "https://x.vn/a", adapter=site)
    assert all("bản tin" not in p for p in art.body)
    assert len(art.body) == 2
