"""An oversize page is read up to the extraction budget (``EXTRACT_MAX_ELEMENTS``,
``EXTRACT_MAX_TEXT_CHARS``, ``MENTIONS_MAX_CHARS`` in settings): its start is extracted as any
page, its tail past the budget is not read, so a page at the fetch cap stays cheap."""

from __future__ import annotations

from lxml import etree
from pagekit import LONG, URL

from etl.clean import PULL_PARSE_MIN_CHARS, bound_tree, parse_html
from etl.extract import extract_article
from etl.settings import EXTRACT_MAX_ELEMENTS, EXTRACT_MAX_TEXT_CHARS, MENTIONS_MAX_CHARS

HEAD = "<html><head><title>Hội nghị chuyển đổi số năm 2024</title></head><body><h1>Hội nghị chuyển đổi số năm 2024</h1>"


def _body(html: str) -> etree._Element:
    return parse_html(html).find("body")


def test_a_tree_within_the_budget_is_left_alone() -> None:
    body = _body("<html><body><div><p>một hai ba</p><p>bốn năm</p></div><p>sáu</p></body></html>")
    before = etree.tostring(body)
    assert bound_tree(body, max_elements=100, max_chars=1000) is False
    assert etree.tostring(body) == before


def test_elements_past_the_element_budget_are_removed_in_document_order() -> None:
    body = _body("<html><body><div><p>một</p><p>hai</p></div><p>ba</p><p>bốn</p></body></html>")
    assert bound_tree(body, max_elements=4, max_chars=1000) is True
    assert etree.tostring(body, encoding="unicode") == "<body><div><p>một</p><p>hai</p></div></body>"


def test_text_past_the_text_budget_ends_at_a_word_and_what_follows_goes() -> None:
    body = _body("<html><body><div><p>một <b>hai</b> ba</p>bốn năm sáu bảy<p>tám</p></div><p>chín</p></body></html>")
    assert bound_tree(body, max_elements=100, max_chars=16) is True
    assert etree.tostring(body, encoding="unicode") == "<body><div><p>một <b>hai</b> ba</p>bốn</div></body>"


def test_script_text_does_not_count_against_the_text_budget() -> None:
    body = _body(f"<html><body><script>{'x' * 5000}</script><p>một hai ba</p></body></html>")
    assert bound_tree(body, max_elements=100, max_chars=100) is False
    assert body.find("p").text == "một hai ba"


def test_a_large_page_is_parsed_only_as_far_as_the_budget() -> None:
    rows = "".join(f"<p>Đoạn {i}.</p>" for i in range(120_000))
    html = f"<html><body>{rows}</body></html>"
    assert len(html) > PULL_PARSE_MIN_CHARS
    partial = parse_html(html, max_elements=1000)
    full = parse_html(html)
    assert 1000 < len(partial.find("body")) < 120_000 == len(full.find("body"))
    assert [p.text for p in partial.find("body")[:3]] == ["Đoạn 0.", "Đoạn 1.", "Đoạn 2."]


def test_a_page_of_many_paragraphs_keeps_its_first_ones_as_body() -> None:
    paragraphs = [f"Đoạn thứ {i} của bài." for i in range(2 * EXTRACT_MAX_ELEMENTS)]
    html = HEAD + "<div class='content'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>"
    art = extract_article(html, URL)
    assert art.title == "Hội nghị chuyển đổi số năm 2024"
    assert 0.9 * EXTRACT_MAX_ELEMENTS < len(art.body) < EXTRACT_MAX_ELEMENTS
    assert art.body == paragraphs[: len(art.body)]


def test_one_paragraph_longer_than_the_text_budget_is_cut_at_a_word() -> None:
    sentence = "Sáng 12/3, tại Hội trường UBND tỉnh, đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh phát biểu. "
    text = sentence * (2 * EXTRACT_MAX_TEXT_CHARS // len(sentence))
    art = extract_article(HEAD + f"<div class='content'><p>{text}</p></div></body></html>", URL)
    [body] = art.body
    assert EXTRACT_MAX_TEXT_CHARS - 200 < len(body) <= EXTRACT_MAX_TEXT_CHARS
    assert text.startswith(body) and text[len(body)] == " "
    assert art.location == "Hội trường UBND tỉnh"
    assert art.people[0].name == "Nguyễn Văn Hùng"


def test_people_and_documents_are_read_in_the_first_mention_characters() -> None:
    filler = f"Đoạn văn, {LONG}, {LONG}."
    n_filler = MENTIONS_MAX_CHARS // len(filler) + 1
    paragraphs = [
        "Đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh chủ trì theo Kế hoạch số 45/KH-UBND.",
        *[filler] * n_filler,
        "Đồng chí Lê Thị Mai, Giám đốc Sở Y tế báo cáo theo Quyết định số 12/QĐ-UBND.",
    ]
    html = HEAD + "<div class='content'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>"
    art = extract_article(html, URL)
    assert len(art.body) == len(paragraphs)
    assert [p.name for p in art.people] == ["Nguyễn Văn Hùng"]
    assert [d.code for d in art.documents] == ["45/KH-UBND"]
