"""The clean stage: what can never be article text leaves the tree; prose stays."""

from __future__ import annotations

import pytest

from etl.clean import clean_tree, is_related_heading, norm_text, parse_html
from etl.errors import ExtractionError

PROSE = ("Đoạn văn dài của bài viết, có nhiều dấu phẩy, nhiều chữ, để chắc chắn là nội dung chính "
         "của trang, không phải thanh công cụ hay trình đơn của trang web. ") * 3


def cleaned_text(html: str, **kw: object) -> str:
    return norm_text(clean_tree(parse_html(html), **kw).text_content())  # type: ignore[arg-type]


def test_scripts_styles_comments_and_controls_go() -> None:
    text = cleaned_text("<html><head><title>T</title><style>.a{}</style></head><body><script>var x=1;</script>"
                        "<!-- ghi chú --><p>Giữ lại</p><select><option>Chọn đơn vị</option></select>"
                        "<noscript>Bật JavaScript</noscript></body></html>")
    assert text == "Giữ lại"


def test_boilerplate_class_cues_drop_containers() -> None:
    text = cleaned_text("<html><body><ul id='menu'><li>Trang chủ</li></ul><div class='breadcrumb'>Trang chủ &gt; Tin</div>"
                        "<div class='share-tools'>Chia sẻ</div><p>Bài</p><div class='footer'>Giấy phép</div></body></html>")
    assert text == "Bài"


def test_class_cue_never_drops_a_container_of_prose() -> None:
    text = cleaned_text(f"<html><body><div class='print-area'><p>{PROSE}</p><p>{PROSE}</p></div></body></html>")
    assert "Đoạn văn dài" in text


def test_hidden_elements_go() -> None:
    text = cleaned_text("<html><body><p style='display: none'>Ẩn</p><p hidden>Ẩn nữa</p><p>Hiện</p></body></html>")
    assert text == "Hiện"


def test_related_box_found_by_its_heading_without_classes() -> None:
    html = ("<html><body><div><p>Bài viết chính của trang.</p></div>"
            "<div><h3>Các tin khác</h3><ul><li><a href='/1'>Tin một rất dài</a></li>"
            "<li><a href='/2'>Tin hai cũng dài</a></li></ul></div></body></html>")
    assert cleaned_text(html) == "Bài viết chính của trang."


def test_related_list_inside_article_goes_but_article_stays() -> None:
    html = (f"<html><body><div><p>{PROSE}</p><p><strong>Tin liên quan:</strong></p>"
            "<ul><li><a href='/1'>Tin một rất dài</a></li></ul><p>Đoạn cuối của bài.</p></div></body></html>")
    text = cleaned_text(html)
    assert "Tin liên quan" not in text and "Tin một" not in text
    assert "Đoạn cuối của bài." in text and "Đoạn văn dài" in text


def test_comment_form_goes_but_aspnet_page_form_stays() -> None:
    html = ("<html><body><form id='aspnetForm'><p>Nội dung trong form của ASP.NET</p>"
            "<form class='cmt'><p>Viết bình luận</p><textarea></textarea></form></form></body></html>")
    text = cleaned_text(html)
    assert "Nội dung trong form" in text and "Viết bình luận" not in text


def test_keep_protects_an_element_under_a_boilerplate_cue() -> None:
    doc = parse_html("<html><body><div class='sidebar'><h1 id='t'>Tiêu đề</h1></div></body></html>")
    title = doc.get_element_by_id("t")
    assert "Tiêu đề" in norm_text(clean_tree(doc, keep=[title]).text_content())


def test_related_heading_vocabulary() -> None:
    assert is_related_heading("TIN LIÊN QUAN")
    assert is_related_heading("Xem thêm:")
    assert is_related_heading("» Các tin khác")
    assert not is_related_heading("Tin liên quan đến dự án đã được công bố hôm qua")


def test_empty_page_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        parse_html("   ")


def test_xml_declaration_is_tolerated() -> None:
    doc = parse_html('<?xml version="1.0" encoding="utf-8"?><html><body><p>Xin chào</p></body></html>')
    assert norm_text(doc.text_content()) == "Xin chào"
