"""HTML → cleaned lxml tree: what no article text can be in is removed before extraction.

Dropped: scripts, styles, forms' controls, comments, hidden elements, containers whose class/id
says boilerplate (menus, share bars, related boxes, footers...), data tables (a grid of figures
is neither paragraphs nor captions), boxes opened by a related-news heading ("Tin liên quan",
"Các tin khác"...), boxes of linked headlines wherever they sit, repeated sibling items that are
posted things (comments, listed articles: a time line and a name each), back matter (the
section a "Story Source:" / "Tài liệu tham khảo" heading opens), lists of labelled fields
("Date:", "Source:") and the selectors an adapter names. A container that still holds several long paragraphs of prose is never dropped
by a class cue — class names lie more often than text does — except a reader-comment thread,
which is long prose that is never the article. This module knows no site.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import lxml.html
from lxml import etree

from etl.errors import ExtractionError
from etl.vocab import back_matter as BM
from etl.vocab import boilerplate as B
from etl.vocab import comments as CM

log = logging.getLogger(__name__)

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PUNCT_RE = re.compile(r"[\s:>»·|\-–—.…]+$|^[\s>»·|\-–—•]+")

#: A container keeps its place if its non-link text is this long and this little linked.
PROTECT_MIN_CHARS = 500
PROTECT_MAX_LINK_DENSITY = 0.3
#: A box under a related heading is dropped when this share of its other text is links.
RELATED_MIN_LINK_DENSITY = 0.5
#: Longest cell of a data table; a longer one is prose in a layout table.
DATA_CELL_MAX_CHARS = 200
#: Share of letterless (numeric) cells that makes a grid without header cells a data table.
DATA_NUMERIC_SHARE = 0.3
_LETTER_RE = re.compile(r"[^\W\d_]")
#: Sibling items of one shape that make a comment thread or an item list, and the share of them
#: that must carry a time line of their own (``_drop_repeated_items``).
REPEAT_MIN_ITEMS = 3
REPEAT_TIMED_SHARE = 0.8
#: Longest time line of an item ("Nguyễn Văn An - 20/03/2024 09:15"), and the text an item
#: holds besides it (the comment, the headline).
ITEM_TIME_LINE_MAX_CHARS = 80
ITEM_MIN_OTHER_CHARS = 10
#: Longer element texts (before folding whitespace) are neither a time line, a name nor a
#: headline link of an item.
ITEM_LINE_MAX_RAW_CHARS = 400
#: Longest commenter's name, in words.
ITEM_NAME_MAX_WORDS = 6
#: What every time line holds: a digit, or one of the few relative times written without one.
_TIME_HINT_RE = re.compile(r"\d|vừa xong|hôm qua|just now|yesterday", re.I)
_FIELD_SEP_RE = re.compile(r"\s*[·|•]\s*|\s+[-–—]\s+")
#: A box left with no more text than a heading when its items are gone goes too.
ITEM_BOX_HEADING_MAX_CHARS = 60
#: A box of linked headlines (``_drop_link_boxes``): elements that can be one, how many
#: headline-long links it holds, the share of its text they make, and the unlinked text (a
#: label) it may have besides.
LINK_BOX_TAGS = ("div", "section", "ul", "ol", "dl", "table", "td")
LINK_BOX_MIN_LINKS = 2
LINK_BOX_MIN_LINK_CHARS = 20
LINK_BOX_MIN_DENSITY = 0.7
LINK_BOX_MAX_OWN_CHARS = 120
#: Elements that can head a section, and the most text a back-matter box holds besides its
#: heading (a longer parent is the article's container: the heading and what follows go).
HEADING_LIKE_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div", "dt"})
BACK_MATTER_MAX_CHARS = 1500
#: Longest label of a field in a definition list of fields ("Ngày đăng:", "Source:").
FIELD_LABEL_MAX_CHARS = 30


def norm_text(text: str) -> str:
    """Whitespace folded, Unicode NFC: text as a reader sees it."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


#: Pages longer than this (characters) are parsed incrementally, and only as far as extraction
#: reads them (``max_elements``); shorter ones in one call.
PULL_PARSE_MIN_CHARS = 1_000_000
#: Characters fed to the incremental parser at a time.
PULL_PARSE_CHUNK_CHARS = 64 * 1024


def parse_html(html: str, *, max_elements: int | None = None) -> lxml.html.HtmlElement:
    """Parse a page (str) into an lxml document; ExtractionError when there is nothing to parse.

    ``max_elements``: a large page is parsed only until its body holds that many elements (the
    tree is then closed where the parser stands), so a page of 150 000 tiny elements does not
    cost its full parse when only its first thousands are read (``bound_tree``)."""
    html = _XML_DECL_RE.sub("", html, count=1)
    if not html.strip():
        raise ExtractionError("empty page")
    try:
        if max_elements is not None and len(html) > PULL_PARSE_MIN_CHARS:
            return _parse_bounded(html, max_elements)
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable page: {exc}") from exc


def _parse_bounded(html: str, max_elements: int) -> lxml.html.HtmlElement:
    """``html`` parsed chunk by chunk until its body has more than ``max_elements`` elements."""
    parser = etree.HTMLPullParser(events=("start",))
    parser.set_element_class_lookup(lxml.html.HtmlElementClassLookup())
    in_body = 0
    for start in range(0, len(html), PULL_PARSE_CHUNK_CHARS):
        parser.feed(html[start : start + PULL_PARSE_CHUNK_CHARS])
        for _, el in parser.read_events():
            if in_body or el.tag == "body":
                in_body += 1
        if in_body > max_elements + 1:
            break
    root = parser.close()
    if root is None:
        raise etree.ParserError("document is empty")
    return root


#: Elements whose text no reader sees: not counted against the text budget of ``bound_tree``.
_UNSEEN_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})


def bound_tree(root: etree._Element, *, max_elements: int, max_chars: int) -> bool:
    """Cut ``root`` after its first ``max_elements`` elements or ``max_chars`` characters of
    visible text, in document order: what follows the cut point is removed, and a text that
    crosses the budget ends at a word boundary. True if anything was cut.

    An oversize page then costs what a large real one does: the article of a real page lies
    well inside both budgets, and the tail of a 5 MiB dump is no one's article."""
    elements = chars = 0
    cut: tuple[etree._Element, str] | None = None
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            elements += 1
            if elements > max_elements:
                cut = (el, "element")
                break
            attr = "text"
        elif el is root:
            break
        else:
            attr = "tail"
        value = getattr(el, attr)
        if not value or (attr == "text" and (not isinstance(el.tag, str) or el.tag in _UNSEEN_TEXT_TAGS)):
            continue
        chars += len(value)
        if chars > max_chars:
            keep = len(value) - (chars - max_chars)
            space = value.rfind(" ", 0, keep + 1)
            setattr(el, attr, value[: space if space > 0 else keep])
            cut = (el, attr)
            break
    if cut is None:
        return False
    el, where = cut
    if where == "text":
        del el[:]
    node = el
    while node is not root:
        parent = node.getparent()
        index = parent.index(node)
        del parent[index if node is el and where == "element" else index + 1 :]
        node = parent
    return True


def link_chars(el: etree._Element) -> int:
    """Characters of text inside links under ``el``."""
    return sum(len(" ".join((a.text_content() or "").split())) for a in el.iter("a"))


def text_len(el: etree._Element) -> int:
    """Characters of visible text under ``el``, whitespace folded."""
    return len(" ".join((el.text_content() or "").split()))


def link_density(el: etree._Element) -> float:
    """Share of ``el``'s text that is inside links: menus and link lists are mostly links."""
    total = text_len(el)
    return link_chars(el) / total if total else 0.0


def holds_prose(el: etree._Element) -> bool:
    """Whether ``el`` holds enough unlinked text to be (part of) an article."""
    total = text_len(el)
    if total < PROTECT_MIN_CHARS:
        return False
    links = link_chars(el)
    return total - links >= PROTECT_MIN_CHARS and links / total <= PROTECT_MAX_LINK_DENSITY


def cue_string(el: etree._Element) -> str:
    """The class and id of an element, the strings cues are matched on."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def is_related_heading(text: str) -> bool:
    """Whether a short line opens a list of other articles ("Tin liên quan:", "Các tin khác")."""
    if len(text) > 45:
        return False
    return _PUNCT_RE.sub("", text.lower()).strip() in _RELATED


_RELATED = frozenset(B.RELATED_HEADINGS)


def _remove(el: etree._Element) -> None:
    """Detach ``el`` but keep its tail text in the parent (lxml.html's drop_tree semantics)."""
    if el.getparent() is not None:
        el.drop_tree()


def _contains_any(el: etree._Element, keep: Sequence[etree._Element]) -> bool:
    for k in keep:
        node: etree._Element | None = k
        while node is not None:
            if node is el:
                return True
            node = node.getparent()
    return False


def _drop_related_boxes(doc: etree._Element, keep: Sequence[etree._Element]) -> None:
    """Drop the box a related-news heading opens; inside an article drop the heading and the
    link lists that follow it, not the article."""
    heads = [
        el
        for el in doc.iter()
        if isinstance(el.tag, str)
        and el.text
        and el.text.strip()
        and len(el.text.strip()) <= 45
        and is_related_heading(norm_text(el.text_content() or "")[:60])
    ]
    for head in heads:
        if head.getparent() is None or not _attached(head, doc):
            continue
        node = head
        while (
            node.getparent() is not None
            and node.getparent().tag not in ("body", "html")
            and text_len(node.getparent()) == text_len(node)
        ):
            node = node.getparent()
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            continue
        rest_total = text_len(parent) - text_len(node)
        rest_links = link_chars(parent) - link_chars(node)
        if (
            rest_total > 0
            and rest_links / rest_total >= RELATED_MIN_LINK_DENSITY
            and not _contains_any(parent, keep)
            and not holds_prose(parent)
        ):
            log.debug("dropping related box under %r", head.text)
            _remove(parent)
            continue
        followers = []
        sib = node.getnext()
        while sib is not None:
            total = text_len(sib)
            has_img = next(sib.iter(*B.IMAGE_TAGS), None) is not None
            if total == 0 and not has_img:
                followers.append(sib)
            elif total and link_chars(sib) / total >= RELATED_MIN_LINK_DENSITY:
                followers.append(sib)
            else:
                break
            sib = sib.getnext()
        if followers or node.tail is None or not node.tail.strip():
            for el in (node, *followers):
                _remove(el)


def _names_comments(el: etree._Element) -> bool:
    """Whether ``el``'s class/id names a reader-comment thread ("comments", "binh-luan",
    "box_comment"): such a block goes whatever prose it holds (the prose exemption exists
    because class names lie about articles; comment threads are long prose and never the
    article). One holding an <h1> is a page wrapper, not a thread."""
    cues = cue_string(el)
    return bool(cues and CM.COMMENT_CLASS_RE.search(cues)) and next(el.iter("h1"), None) is None


def _is_time_line(text: str) -> bool:
    """A short line giving when something was posted: a dateline ("20/03/2024 09:15", with a
    name before it at most) or a relative time ("2 giờ trước", "5 minutes ago")."""
    # Imported here: etl.extract imports this module, and date parsing lives there.
    from etl.extract.dates import looks_like_dateline

    return len(text) <= ITEM_TIME_LINE_MAX_CHARS and (
        CM.RELATIVE_TIME_RE.match(text) is not None or looks_like_dateline(text, max_chars=ITEM_TIME_LINE_MAX_CHARS)
    )


def _is_name(text: str) -> bool:
    """A short run of capitalised words without digits: a commenter's name ("Trần Thị Bình")."""
    words = text.split()
    return (
        0 < len(words) <= ITEM_NAME_MAX_WORDS
        and len(text) <= ITEM_TIME_LINE_MAX_CHARS
        and not any(ch.isdigit() for ch in text)
        and all(w[:1].isupper() for w in words)
    )


def _is_posted_item(item: etree._Element) -> bool:
    """Whether an item is something posted: besides its text it holds a time line of its own
    and says who or what was posted — a relative time ("2 giờ trước"), a name before the time
    or in its line ("Nguyễn Văn An · 20/03/2024 09:15"), or a headline link. A dated step of an
    article's own timeline ("<b>Ngày 20/3:</b> khai mạc", "20/03: <b>Hà Nội</b> …") has none."""
    if not len(item):
        return False
    whole = item.text_content() or ""
    if not _TIME_HINT_RE.search(whole):
        return False
    total = len(" ".join(whole.split()))
    timed = posted = name_seen = False
    for el in item.iterdescendants():
        if not isinstance(el.tag, str) or not (el.text or "").strip():
            continue
        raw = el.text_content() or ""
        if len(raw) > ITEM_LINE_MAX_RAW_CHARS:
            continue
        text = " ".join(raw.split())
        if not text or total - len(text) < ITEM_MIN_OTHER_CHARS:
            continue
        if el.tag == "a" and len(text) >= LINK_BOX_MIN_LINK_CHARS:
            posted = True
        elif _TIME_HINT_RE.search(text) and _is_time_line(text):
            timed = True
            posted = (
                posted
                or name_seen
                or CM.RELATIVE_TIME_RE.match(text) is not None
                or any(_is_name(f.strip()) for f in _FIELD_SEP_RE.split(text) if f.strip())
            )
        elif not timed and _is_name(text):
            name_seen = True
        if timed and posted:
            return True
    return False


def _mostly_posted(items: list[etree._Element]) -> bool:
    """Whether at least ``REPEAT_TIMED_SHARE`` of ``items`` (and ``REPEAT_MIN_ITEMS``) are posted
    items; stops at the first misses that settle it (an article's paragraphs fail at once)."""
    allowed_misses = len(items) - max(REPEAT_MIN_ITEMS, math.ceil(REPEAT_TIMED_SHARE * len(items)))
    misses = 0
    for it in items:
        if not _is_posted_item(it):
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def _drop_repeated_items(doc: etree._Element, keep: Sequence[etree._Element]) -> None:
    """Drop repeated sibling structures that are comment threads or item lists: at least
    ``REPEAT_MIN_ITEMS`` siblings of one shape (tag and class) nearly all of which carry a time
    line of their own and a name, a relative time or a headline link (``_is_posted_item``).
    That is the shape of a comment list (name, time, message), of a list of other articles
    (headline, date) and of a forum thread whatever the class names say; an article's
    paragraphs, and the dated steps of its own timeline, are not. A box left with
    no more than a heading ("Ý kiến bạn đọc (4)") goes with its items."""
    removed = False
    for parent in list(doc.iter()):
        if len(parent) < REPEAT_MIN_ITEMS or not isinstance(parent.tag, str) or removed and not _attached(parent, doc):
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for kid in parent:
            if isinstance(kid.tag, str):
                groups.setdefault((kid.tag, kid.get("class") or ""), []).append(kid)
        dropped = False
        for items in groups.values():
            if (
                len(items) < REPEAT_MIN_ITEMS
                or _contains_any(parent, keep)
                and any(_contains_any(it, keep) for it in items)
            ):
                continue
            if _mostly_posted(items):
                log.debug("dropping %d repeated <%s> items with time lines", len(items), items[0].tag)
                for it in items:
                    _remove(it)
                dropped = removed = True
        if (
            dropped
            and parent.tag not in ("body", "html")
            and text_len(parent) <= ITEM_BOX_HEADING_MAX_CHARS
            and not _contains_any(parent, keep)
        ):
            _remove(parent)


def _headline_links(el: etree._Element) -> int:
    """Links under ``el`` whose text is as long as a headline."""
    return sum(1 for a in el.iter("a") if len(" ".join((a.text_content() or "").split())) >= LINK_BOX_MIN_LINK_CHARS)


def _drop_link_boxes(doc: etree._Element, keep: Sequence[etree._Element]) -> None:
    """Drop a box whose text is mostly linked headlines (a related-news box, a "Xem thêm"
    list), with its label, wherever it sits: inside the article's container too, where the
    class cues that catch such boxes elsewhere are often missing. The box must have little
    unlinked text of its own (a label), so a short article beside many links is never one."""
    for el in list(doc.iter(*LINK_BOX_TAGS)):
        if not _attached(el, doc) or _contains_any(el, keep):
            continue
        total = text_len(el)
        if not total:
            continue
        linked = link_chars(el)
        if (
            linked / total >= LINK_BOX_MIN_DENSITY
            and total - linked <= LINK_BOX_MAX_OWN_CHARS
            and _headline_links(el) >= LINK_BOX_MIN_LINKS
        ):
            log.debug("dropping a box of %d linked characters", linked)
            _remove(el)


def _is_back_matter_heading(el: etree._Element) -> bool:
    """A heading or short bold line naming back matter ("Story Source:", "Tài liệu tham khảo")."""
    if el.tag not in HEADING_LIKE_TAGS or not (el.text or "").strip() or len(el.text.strip()) > 45:
        return False
    return _PUNCT_RE.sub("", norm_text(el.text_content() or "").lower()).strip() in BM.BACK_MATTER_HEADINGS


def _drop_back_matter(doc: etree._Element, keep: Sequence[etree._Element]) -> None:
    """Drop an article's back matter: the section a back-matter heading opens (source credit,
    journal references, "cite this page"): its own box when the heading opens one, else the
    heading and everything after it in its container. It ends the article, so nothing after
    it is body."""
    for head in [el for el in doc.iter() if isinstance(el.tag, str) and _is_back_matter_heading(el)]:
        if not _attached(head, doc):
            continue
        node = head
        while (
            node.getparent() is not None
            and node.getparent().tag not in ("body", "html")
            and text_len(node.getparent()) == text_len(node)
        ):
            node = node.getparent()
        parent = node.getparent()
        if parent is None:
            continue
        first = next((k for k in parent if isinstance(k.tag, str)), None)
        boxed = (
            first is node
            and parent.tag not in ("body", "html")
            and text_len(parent) - text_len(node) <= BACK_MATTER_MAX_CHARS
        )
        doomed = [parent] if boxed else [node, *node.itersiblings()]
        if any(_contains_any(el, keep) for el in doomed):
            continue
        log.debug("dropping back matter under %r", head.text)
        for el in doomed:
            _remove(el)


def _is_field_list(dl: etree._Element) -> bool:
    """A definition list of labelled fields ("Date:" September 17, "Source:" …, "Summary:" …):
    every term is a short label ending with a colon. A glossary's terms are words, not labels."""
    terms = [norm_text(dt.text_content() or "") for dt in dl if isinstance(dt.tag, str) and dt.tag == "dt"]
    return len(terms) >= 2 and all(0 < len(t) <= FIELD_LABEL_MAX_CHARS and t.endswith((":", "：")) for t in terms)


def _drop_field_lists(doc: etree._Element, keep: Sequence[etree._Element]) -> None:
    """Drop lists of labelled fields: the article's metadata shown as a table of labels and
    values (date, source, summary), which the field readers use before cleaning; not body."""
    for dl in list(doc.iter("dl")):
        if _attached(dl, doc) and not _contains_any(dl, keep) and _is_field_list(dl):
            _remove(dl)


def is_data_table(table: etree._Element) -> bool:
    """A grid of figures (header cells, short cells, numbers), not a layout or caption table:
    its rows are neither paragraphs nor captions. A table holding images, other tables or a
    cell of prose is layout."""
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    cells = [c for r in rows for c in r if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len([r for r in rows if len(r) >= 2]) < 2 or next(table.iter("table", *B.IMAGE_TAGS), table) is not table:
        return False
    if any(text_len(c) > DATA_CELL_MAX_CHARS for c in cells):
        return False
    if any(c.tag == "th" for c in cells):
        return True
    numeric = sum(1 for c in cells if (t := (c.text_content() or "").strip()) and not _LETTER_RE.search(t))
    return numeric >= DATA_NUMERIC_SHARE * len(cells)


def _attached(el: etree._Element, doc: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is doc:
            return True
        node = node.getparent()
    return False


@lru_cache(maxsize=4096)
def _furniture_cues(cues: str) -> bool:
    """Whether a class/id string marks boilerplate, a comment thread or a hidden element; pages
    repeat a few class strings on many elements, so each is matched once."""
    return bool(
        B.BOILERPLATE_CLASS_RE.search(cues) or B.HIDDEN_CLASS_RE.search(cues) or CM.COMMENT_CLASS_RE.search(cues)
    )


def clean_tree(
    doc: lxml.html.HtmlElement, *, drop_xpaths: Iterable[str] = (), keep: Sequence[etree._Element] = ()
) -> lxml.html.HtmlElement:
    """Remove boilerplate from ``doc`` in place and return its body (or the document).

    ``keep``: elements that must survive (an adapter's content root, the headline): a class
    cue on one of their ancestors is then ignored.
    """
    etree.strip_elements(doc, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for form in list(doc.iter("form")):
        if next(form.iter("textarea"), None) is not None and not holds_prose(form):
            _remove(form)
    etree.strip_elements(doc, "head", *B.DROP_TAGS, with_tail=False)
    for xpath in drop_xpaths:
        for el in doc.xpath(xpath):
            if not _contains_any(el, keep):
                _remove(el)
    # Before the class cues: they would strip the name element ("comment-author") that makes
    # an item a posted one.
    _drop_repeated_items(doc, keep)
    doomed = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        style = el.get("style")
        if el.get("hidden") is not None or (style and _HIDDEN_STYLE_RE.search(style)):
            doomed.append(el)
            continue
        cues = cue_string(el)
        if cues and el.tag == "img":
            # An image's own classes name its lightbox or zoom ("td-modal-image", "popup"), not
            # page furniture; chrome images are told apart by size and URL when walking.
            if B.HIDDEN_CLASS_RE.search(cues):
                doomed.append(el)
        elif cues and _furniture_cues(cues):
            doomed.append(el)
        elif el.tag in ("footer", "aside") or el.get("role") in ("navigation", "banner", "contentinfo"):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is None or _contains_any(el, keep) or (holds_prose(el) and not _names_comments(el)):
            continue
        _remove(el)
    for table in [t for t in doc.iter("table") if is_data_table(t)]:
        if table.getparent() is not None and not _contains_any(table, keep):
            _remove(table)
    _drop_related_boxes(doc, keep)
    _drop_link_boxes(doc, keep)
    _drop_back_matter(doc, keep)
    _drop_field_lists(doc, keep)
    body = doc.find("body")
    return body if body is not None else doc
