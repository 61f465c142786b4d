"""The headline of a page: candidates scored on markup and cross-checked with the head.

Candidates are h1/h2, headline-classed elements and lines right before a visible dateline; each
gains or loses the weights below, and the best one wins if it reaches ``SURE_SCORE`` (else
og:title, then weaker candidates, then the longest part of <title>).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from etl.clean import cue_string, link_density, norm_text
from etl.extract.dateline import DATELINE_MAX_CHARS, dateline_cued
from etl.extract.dates import looks_like_dateline
from etl.extract.meta import PageMeta
from etl.extract.nodes import in_link_list, spaced_text
from etl.vocab import boilerplate as B
from etl.vocab import dates as VD

#: Headings of this many words or fewer are box headings, not article headlines.
SHORT_HEADING_WORDS = 3
#: Elements looked back from a dateline for the headline above it.
HEADLINE_LOOKBACK = 8
#: Datelines whose preceding line (not a link: lists of other articles have dates too) is
#: considered as a headline.
MAX_DATELINE_ANCHORS = 3
#: Length bounds of a headline's text; a line before a dateline is a headline up to its own bound.
TITLE_MIN_CHARS = 8
TITLE_MAX_CHARS = 400
ANCHORED_MAX_CHARS = 300
#: Share of linked text above which an element is a link (a teaser), not a headline.
MAX_LINK_DENSITY = 0.5
#: Shortest text compared by prefix with <title>/og:title (shorter ones must match whole).
MIN_PREFIX_MATCH_CHARS = 10
#: This much text in paragraph-long chunks is the article's running text: datelines after it are under the
#: text (a signature, not a headline, sits before them), and an emphasised opening line must
#: come before it.
RUNNING_TEXT_CHARS = 400
RUNNING_CHUNK_CHARS = 60
#: Fewest words of an emphasised opening line read as the headline.
OPENING_LINE_MIN_WORDS = 4

# Scoring weights of a headline candidate (added, or subtracted for a penalty).
#: By tag: the page's h1 is the usual headline, an h2 sometimes.
TAG_WEIGHTS = {"h1": 3.0, "h2": 1.0}
#: A class/id naming a headline ("title", "tieu-de").
HEADLINE_CLASS_WEIGHT = 2.0
#: Right before a visible dateline, on top of tag or class; alone (plain <b> markup) it counts more.
ANCHORED_WEIGHT = 2.0
ANCHORED_ONLY_WEIGHT = 3.0
#: Three words or fewer: a box heading ("Tin liên quan").
SHORT_HEADING_PENALTY = 2.0
#: A kicker/supertitle (class cue, or the part of <title> before the colon).
KICKER_PENALTY = 6.0
#: The text og:title gives.
OG_TITLE_WEIGHT = 4.0
#: The text <title> (or one of its parts) gives; more when <title> opens with it.
PAGE_TITLE_WEIGHT = 3.0
PAGE_TITLE_LEAD_BONUS = 1.0
#: The site's own name, or a link to the home page (the portal name in the header).
SITE_NAME_PENALTY = 5.0
#: Mostly linked text that does not link to the page itself.
LINKED_PENALTY = 2.0
#: Text that reads as a dateline.
DATELINE_PENALTY = 10.0
#: A candidate this good wins outright; below it og:title comes first, then one this likely.
SURE_SCORE = 4.0
LIKELY_SCORE = 2.0

_DIGIT_RE = re.compile(r"\d")
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong", "header", "a")


def _site_name(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in B.SITE_NAME_CUES)


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in B.TITLE_SEPARATORS_RE.split(title) if p.strip()]


def _matches(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (
        len(a) >= MIN_PREFIX_MATCH_CHARS and (b.startswith(a) or a.startswith(b) and len(b) >= MIN_PREFIX_MATCH_CHARS)
    )


def _ends_title(text: str, page_title: str) -> bool:
    """``text`` closes <title> after a colon: "Đảng bộ xã Tân Hồng: Tập huấn …" (site first)."""
    low, title = text.lower(), page_title.lower()
    return len(low) >= MIN_PREFIX_MATCH_CHARS and title.endswith(low) and title[: -len(low)].rstrip().endswith(":")


def _kicker_of(text: str, full: str | None) -> bool:
    """``text`` is the kicker that <title>/og:title puts before a colon ("Kỷ niệm 70 năm …:
    Thành phố … dâng hương"): the supertitle, not the headline."""
    if not full or len(full) <= len(text) or not full.lower().startswith(text.lower()):
        return False
    return full[len(text) :].lstrip().startswith(":")


def _links_home(el: etree._Element) -> bool:
    """All of ``el``'s text is one link to the site's home page: the blog or portal name in
    the header ("<h1 class='title'><a href='https://x.blogspot.com/'>Đảng bộ xã …</a></h1>")."""
    links = list(el.iter("a"))
    if len(links) != 1:
        return False
    href = (links[0].get("href") or "").strip()
    if not href or norm_text(links[0].text_content() or "") != norm_text(el.text_content() or ""):
        return False
    parts = urlsplit(href)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _page_path(url: str) -> str:
    """The path of a URL, the part relative and absolute links to one page share."""
    return urlsplit(url.strip()).path.rstrip("/")


def _links_to(el: etree._Element, pages: set[str]) -> bool:
    """``el`` is a link to the page itself: a blog or WordPress headline is its permalink."""
    links = list(el.iter("a"))
    return len(links) == 1 and _page_path(links[0].get("href") or "") in pages - {""}


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def _dateline_anchored(body: etree._Element) -> list[etree._Element]:
    """Elements that sit right before a visible dateline: the headline of a page that marks it
    up with nothing but emphasis ("<font size=3><b>Tiêu đề</b></font><br><i>Ngày đăng: …</i>").

    Each one comes with its wrappers of the same text, so an <h2> around it counts too."""
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    anchored: list[etree._Element] = []
    found = 0
    text_from = _running_text_index(elements)
    for i, el in enumerate(elements):
        if i > text_from:
            break
        own = (el.text or "").strip()
        if not own or len(own) > DATELINE_MAX_CHARS or not _DIGIT_RE.search(own):
            continue
        if not (el.tag == "time" or dateline_cued(own) or VD.DATE_CLASS_RE.search(cue_string(el))):
            continue
        text = spaced_text(el)
        if in_link_list(el) or not looks_like_dateline(text, max_chars=DATELINE_MAX_CHARS):
            continue
        ancestors = set(el.iterancestors())
        for prev in reversed(elements[max(0, i - HEADLINE_LOOKBACK) : i]):
            if prev in ancestors or not (prev.text or "").strip():
                continue
            text_prev = norm_text(prev.text_content() or "")
            if (
                TITLE_MIN_CHARS <= len(text_prev) <= ANCHORED_MAX_CHARS
                and not looks_like_dateline(text_prev)
                and link_density(prev) <= MAX_LINK_DENSITY
            ):
                found += 1
                anchored.append(prev)
                parent = prev.getparent()
                while (
                    parent is not None
                    and parent not in ancestors
                    and len(norm_text(parent.text_content() or "")) == len(text_prev)
                ):
                    anchored.append(parent)
                    parent = parent.getparent()
            break
        if found >= MAX_DATELINE_ANCHORS:
            break
    return anchored


def _running_text_index(elements: list[etree._Element]) -> int:
    """Index of the element where the article's running text is under way: ``RUNNING_TEXT_CHARS``
    of text in chunks of at least ``RUNNING_CHUNK_CHARS`` (an element's own text, or the tail
    after an element, as the <br>-split paragraphs of a <font>, placed after its subtree). The
    text of links (a side box of linked headlines before the article) does not count."""
    pos = {el: i for i, el in enumerate(elements)}
    linked = {d for el in elements if el.tag == "a" for d in el.iter()}  # link text is not running text
    seen = 0
    for i, el in enumerate(elements):
        own = len((el.text or "").strip()) if el not in linked else 0
        seen += own if own >= RUNNING_CHUNK_CHARS else 0
        if seen >= RUNNING_TEXT_CHARS:
            return i
        tail = len((el.tail or "").strip())
        seen += tail if tail >= RUNNING_CHUNK_CHARS else 0
        if seen >= RUNNING_TEXT_CHARS:
            last = el
            for last in el.iterdescendants():  # noqa: B007 - the subtree's last element
                pass
            return pos.get(last, i)
    return len(elements)


def _generic_page_title(body: etree._Element, page_title: str) -> bool:
    """<title> names the site, not the article: it is empty once the site name is removed, or
    no element's text is it while a longer line holds it (the banner or the footer: "Bản quyền
    thuộc UBND huyện …"), as on print pages and old portals."""
    if not page_title:
        return True
    low = page_title.lower()
    if low not in norm_text(body.text_content() or "").lower():
        return False
    for el in body.iter():
        own = (el.text or "").strip().lower() if isinstance(el.tag, str) else ""
        if not own or not (low.startswith(own[:MIN_PREFIX_MATCH_CHARS]) or own.startswith(low[:MIN_PREFIX_MATCH_CHARS])):
            continue
        text = norm_text(el.text_content() or "").lower()
        if text == low or _matches(text, low):
            return False
    return True


def _emphasised_opening_line(body: etree._Element) -> tuple[str, etree._Element] | None:
    """The headline of a page marked up with nothing but emphasis and a generic <title>: the
    first bold/large line standing alone in its block ("<td><font size=4><b>Tiêu đề</b></font>
    </td>") before the running text, a sentence of a few words, no link, no date."""
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    for el in elements[: _running_text_index(elements)]:
        if el.tag not in ("b", "strong", "font", "big") or in_link_list(el) or link_density(el) > 0:
            continue
        text = norm_text(el.text_content() or "")
        if not TITLE_MIN_CHARS <= len(text) <= ANCHORED_MAX_CHARS or _words(text) < OPENING_LINE_MIN_WORDS:
            continue
        block = next((a for a in el.iterancestors() if a.tag in ("td", "p", "div", "center", "li", "th")), None)
        if block is None or norm_text(block.text_content() or "") != text:
            continue
        if looks_like_dateline(text) or _site_name(text):
            continue
        return text, el
    return None


def find_title(
    body: etree._Element, meta: PageMeta, forced: etree._Element | None = None, url: str | None = None
) -> tuple[str | None, etree._Element | None]:
    """The headline and its element (see ``_find_title``). A headline read from <title> or
    og:title is also looked up as visible text, so the dateline beside it can be found on pages
    that mark the headline up with nothing but inline style (e-mail newsletters)."""
    title, el = _find_title(body, meta, forced, url)
    if title is not None and el is None:
        el = _element_with_text(body, title)
    return title, el


def _element_with_text(body: etree._Element, text: str) -> etree._Element | None:
    """The innermost element outside links whose whole visible text is ``text``."""
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("a", "title") or not (el.text or "").strip():
            continue
        if norm_text(el.text_content() or "") != text or in_link_list(el):
            continue
        inner = el
        while (
            child := next(
                (c for c in inner if isinstance(c.tag, str) and norm_text(c.text_content() or "") == text), None
            )
        ) is not None:
            inner = child
        return inner if inner.tag != "a" else el
    return None


def _find_title(
    body: etree._Element, meta: PageMeta, forced: etree._Element | None = None, url: str | None = None
) -> tuple[str | None, etree._Element | None]:
    """The headline and its element: h1/headline-class candidates cross-checked with og:title
    and <title> (minus the site-name suffix), and with the dateline that follows a headline.

    A box heading ("Liên kết", "Tin hoạt động": three words or fewer) loses points: article
    headlines are sentences. An emphasised line right before a dateline is a candidate even
    without h1 or class, for pages whose markup is only <font> and <b>."""
    if forced is not None:
        text = norm_text(forced.text_content() or "")
        if text:
            return text, forced
    page_title = meta.title or ""
    parts = _title_parts(page_title)
    if len(parts) == 1 and _site_name(page_title):
        page_title, parts = "", []
    anchored = _dateline_anchored(body)
    anchored_set = set(anchored)
    own = {_page_path(u) for u in (url, meta.canonical) if u}
    best: tuple[float, int, str, etree._Element] | None = None
    for pos, el in enumerate(body.iter()):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        is_anchored = el in anchored_set
        if tag not in _TITLE_TAGS and not is_anchored:
            continue
        cues = cue_string(el)
        headline_class = bool(cues and B.TITLE_CLASS_RE.search(cues))
        if tag != "h1" and not headline_class and tag not in ("h2",) and not is_anchored:
            continue
        text = norm_text(el.text_content() or "")
        if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
            continue
        score = TAG_WEIGHTS.get(tag, 0.0) + (HEADLINE_CLASS_WEIGHT if headline_class else 0.0)
        if is_anchored:
            score += ANCHORED_WEIGHT if score else ANCHORED_ONLY_WEIGHT
        if _words(text) <= SHORT_HEADING_WORDS:
            score -= SHORT_HEADING_PENALTY
        if (cues and B.KICKER_CLASS_RE.search(cues)) or _kicker_of(text, meta.og_title or page_title):
            score -= KICKER_PENALTY
        if meta.og_title and _matches(text, meta.og_title):
            score += OG_TITLE_WEIGHT
        if page_title and (
            _matches(text, page_title) or any(_matches(text, p) for p in parts) or _ends_title(text, page_title)
        ):
            score += PAGE_TITLE_WEIGHT + (PAGE_TITLE_LEAD_BONUS if page_title.lower().startswith(text.lower()) else 0)
        if (_site_name(text) or _links_home(el)) and not (meta.og_title and _matches(text, meta.og_title)):
            score -= SITE_NAME_PENALTY
        if link_density(el) > MAX_LINK_DENSITY and not _links_to(el, own):
            score -= LINKED_PENALTY
        if looks_like_dateline(text):
            score -= DATELINE_PENALTY
        if best is None or score > best[0]:
            best = (score, pos, text, el)
    if best is not None and best[0] >= SURE_SCORE:
        return best[2], best[3]
    if meta.og_title:
        return meta.og_title, best[3] if best and _matches(best[2], meta.og_title) else None
    if best is not None and best[0] >= LIKELY_SCORE:
        return best[2], best[3]
    if _generic_page_title(body, page_title) and (opening := _emphasised_opening_line(body)) is not None:
        return opening
    if parts:
        return max(parts, key=len) if len(parts) > 1 else parts[0], None
    if best is not None and best[0] > 0:
        return best[2], best[3]
    return None, None
