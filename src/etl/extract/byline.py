"""The writer of a page: bylines, labelled meta lines, signatures and the head's author.

Byline candidates are read on the raw tree (cleaning drops the boxes that hold many of them);
``etl.extract.extract_article`` tries the cues in order of trust, and ``clean_author`` turns
any of them into a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from etl.clean import cue_string, norm_text
from etl.extract.dates import Dateline, looks_like_dateline, parse_dateline
from etl.extract.generic import signature_name
from etl.extract.meta import PageMeta
from etl.extract.nodes import spaced_text
from etl.extract.signature import before_date
from etl.vocab import boilerplate as B
from etl.vocab import comments as CM

#: Elements after the headline read as its header (meta line, byline).
HEADER_WINDOW = 80
#: Longest header line; a longer <p> is the lead and ends the header.
HEADER_LINE_MAX_CHARS = 160
#: Length bounds of a byline element's text.
BYLINE_MIN_CHARS = 2
BYLINE_MAX_CHARS = 60
#: Longest name an author can be (longer is a sentence or a credit block).
AUTHOR_MAX_CHARS = 80


def clean_author(text: str | None) -> str | None:
    """A byline or signature as a name: prefixes ("Bài và ảnh:"), notes ("(tổng hợp)"), the
    writer's unit ("(Trung tâm CNTT&TT)") and CMS accounts removed."""
    if not text:
        return None
    text = before_date(norm_text(text))
    # field separators around a name on a meta line ("/ Cory Doctorow /", "· Thanh Tâm ·") are not part of it
    text = text.strip(" -–—,;|/·•") if B.INITIALS_RE.match(text.strip(" -–—,;|/·•")) else text.strip(" -–—.,;|/·•")
    text = signature_name(text)
    if not text or text.lower() in B.NOT_AUTHORS or len(text) > AUTHOR_MAX_CHARS:
        return None
    return text


def without_site(author: str | None, meta: PageMeta) -> str | None:
    """An English byline that names the publication after the writer ("Jane Holloway, World
    Report"): the part after the last comma is dropped when it is the site's own name
    (og:site_name, or a part of <title> besides the headline)."""
    if not author or ", " not in author:
        return author
    site_names = [meta.site_name or "", *B.TITLE_SEPARATORS_RE.split(meta.title or "")[1:]]
    name, _, tail = author.rpartition(", ")
    tail_low = tail.strip().lower()
    if name and any(tail_low == s.lower() or s.lower().startswith(tail_low + " ") for s in site_names if s):
        return name.strip()
    return author


@dataclass
class Byline:
    """A byline element found before cleaning, with the containers it sat in then."""

    el: etree._Element
    name: str
    ancestors: tuple[etree._Element, ...]
    #: The element before ``el`` and before each of its ancestors, in the uncleaned tree.
    follows: tuple[etree._Element | None, ...] = ()


@lru_cache(maxsize=4096)
def _author_cues(cues: str) -> bool:
    """Whether a class/id string marks a byline (each distinct string matched once)."""
    return B.AUTHOR_CLASS_RE.search(cues) is not None


def byline_candidates(root: etree._Element) -> list[Byline]:
    """Byline elements (class/id or itemprop/rel author) with a short name in them, in
    document order. Read before cleaning: a byline in a "post-footer" is dropped with it."""
    out: list[Byline] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        cues = cue_string(el)
        if not ((cues and _author_cues(cues)) or el.get("itemprop") == "author" or el.get("rel") == "author"):
            continue
        text = norm_text(el.text_content() or "")
        if BYLINE_MIN_CHARS <= len(text) <= BYLINE_MAX_CHARS and not looks_like_dateline(text):
            name = clean_author(text)
            if name:
                ancestors = tuple(el.iterancestors())
                if _in_comments(el, ancestors):
                    continue
                follows = tuple(_previous_element(node) for node in (el, *ancestors[:2]))
                out.append(Byline(el, name, ancestors, follows))
    return out


def _in_comments(el: etree._Element, ancestors: tuple[etree._Element, ...]) -> bool:
    """Whether a byline-classed element is a commenter's name: its class or a container's names
    a reader-comment thread ("comment-author", inside "binh-luan"). A commenter is not the writer."""
    return any(CM.COMMENT_CLASS_RE.search(cue_string(node) or "-") for node in (el, *ancestors))


def _previous_element(el: etree._Element) -> etree._Element | None:
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    return prev


def byline_after_article(candidates: list[Byline], roots: list[etree._Element]) -> str | None:
    """A byline box that sat right after the article's last content root and that cleaning
    dropped with its tag or class ("<section>…</section><footer class='byline'>Thanh Bình"):
    the box closing the article text names its writer."""
    if not roots:
        return None
    last = roots[-1]
    for c in candidates:
        if last in c.follows:
            return c.name
    return None


def _under_headline(body: etree._Element, title_el: etree._Element) -> Iterator[etree._Element]:
    """The first ``HEADER_WINDOW`` elements after the headline (outside it): where a meta line or
    byline sits on every layout that has one."""
    seen = 0
    after = False
    inside = set(title_el.iter())
    for el in body.iter():
        if el is title_el:
            after = True
            continue
        if not after or el in inside or not isinstance(el.tag, str):
            continue
        seen += 1
        if seen > HEADER_WINDOW:
            return
        yield el


def labelled_byline(body: etree._Element, title_el: etree._Element | None) -> str | None:
    """A writer named with a label in the short meta line under the headline ("Đăng ngày
    25/03/2024 · Tác giả: Phương Thảo · Chuyên mục: …"), read before cleaning drops the line."""
    if title_el is None:
        return None
    for el in _under_headline(body, title_el):
        if not (el.text or "").strip():
            continue
        text = spaced_text(el)
        if len(text) > HEADER_LINE_MAX_CHARS:
            if el.tag == "p":
                break
            continue
        m = B.AUTHOR_LABEL_RE.search(text)
        if m:
            return clean_author(m.group("name"))
    return None


def is_source_line(text: str) -> bool:
    """Whether a signature is only a source line ("Nguồn: Báo Hải Dương")."""
    return B.SOURCE_LINE_RE.match(norm_text(text)) is not None


def header_lines(body: etree._Element, title_el: etree._Element | None) -> list[str]:
    """The short lines right under the headline (meta line, byline), read before cleaning
    drops them; the first long paragraph ends the header."""
    if title_el is None:
        return []
    out: list[str] = []
    for el in _under_headline(body, title_el):
        text = spaced_text(el)
        if len(text) > HEADER_LINE_MAX_CHARS:
            if el.tag == "p":
                break
            continue
        if text:
            out.append(text)
    return out


def shown_meta_author(meta: PageMeta, header: list[str]) -> str | None:
    """The head's author (``<meta name=author>``, JSON-LD) when the header under the headline
    shows it as a field of its own ("12 tháng 5, 2024 · 3 phút · Trần Thảo Vy"): a visible
    name there is the byline; an unseen one may be a CMS account."""
    name = clean_author(meta.author)
    if not name:
        return None
    for line in header:
        if name in (f.strip() for f in B.META_FIELD_SPLIT_RE.split(line)):
            return name
    return None


def find_byline(candidates: list[Byline], doc: etree._Element, forced: etree._Element | None = None) -> str | None:
    """The first byline still in the cleaned document ``doc``."""
    if forced is not None:
        return clean_author(forced.text_content())
    for c in candidates:
        node = c.el
        while node.getparent() is not None:
            node = node.getparent()
        if node is doc:
            return c.name
    return None


def byline_in_article(candidates: list[Byline], roots: list[etree._Element], published: Dateline | None) -> str | None:
    """A byline that cleaning dropped with its box ("post-footer") but that sat in the
    article's own container, right beside the article's dateline ("Lê Hà - 15/03/2024 | 17:45"):
    a name next to the publication date is the writer, not a commenter or a profile widget."""
    scope = roots[0].getparent() if roots else None
    if published is None or scope is None or scope.tag in ("body", "html"):
        return None
    for c in candidates:
        if scope not in c.ancestors:
            continue
        for box in c.ancestors[:2]:
            text = spaced_text(box)
            if len(text) <= HEADER_LINE_MAX_CHARS:
                dl = parse_dateline(text)
                if dl is not None and dl.instant == published.instant:
                    return c.name
    return None
