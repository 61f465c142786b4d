"""Element helpers the field modules share (title, dateline, byline)."""

from __future__ import annotations

from lxml import etree

from etl.clean import norm_text

#: Ancestors looked through for a link or a related-article list item around an element.
LINK_LIST_DEPTH = 6
#: Shortest link text that makes a list item a link to another article.
LINK_LIST_MIN_CHARS = 15


def spaced_text(el: etree._Element) -> str:
    """Text with a space between elements, so "14:30</li><li>Lượt xem" keeps its time apart."""
    return norm_text(" ".join(el.itertext()))


def in_link_list(el: etree._Element) -> bool:
    """Inside a link, or in a list item that links to another article (a related list)."""
    node = el
    for _ in range(LINK_LIST_DEPTH):
        node = node.getparent()
        if node is None:
            return False
        if node.tag == "a":
            return True
        if node.tag == "li" and any(
            len(norm_text(a.text_content() or "")) >= LINK_LIST_MIN_CHARS for a in node.iter("a")
        ):
            return True
    return False
