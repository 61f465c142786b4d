"""Headline, publication dateline, byline and location: the fields around the body.

Each field gathers candidates from several cues (adapter selector, visible elements near the
headline, meta tags, JSON-LD) and cross-checks them, so a page that lacks one cue still gets
the field from another.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from etl.clean import cue_string, link_density, norm_text
from etl.extract.dates import VN_TZ, Dateline, looks_like_dateline, parse_dateline
from etl.extract.generic import signature_name
from etl.vocab import boilerplate as B
from etl.vocab import dates as VD
from etl.vocab import places as VP

log = logging.getLogger(__name__)

#: Elements after the headline searched for its dateline.
DATELINE_WINDOW = 80
#: Longest element text read as a dateline.
DATELINE_MAX_CHARS = 160
#: Elements after the lead searched for a dateline the article marks ("(Cập nhật …)").
ARTICLE_DATELINE_WINDOW = 6
#: Headings of this many words or fewer are box headings, not article headlines.
SHORT_HEADING_WORDS = 3
#: Elements looked back from a dateline for the headline above it.
HEADLINE_LOOKBACK = 8
#: Datelines whose preceding line (not a link: lists of other articles have dates too) is
#: considered as a headline.
MAX_DATELINE_ANCHORS = 3
_DIGIT_RE = re.compile(r"\d")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")
_WORD_BEFORE_DOT_RE = re.compile(r"(?<!\w)(\w{1,2})\.$")
_TITLE_TAGS = ("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong", "header", "a")


@dataclass
class PageMeta:
    """What the <head> and structured data say, read before cleaning removes them."""

    title: str | None = None
    og_title: str | None = None
    published: list[str] | None = None
    author: str | None = None
    canonical: str | None = None


def read_meta(doc: etree._Element) -> PageMeta:
    """Meta tags, <title>, canonical link and JSON-LD of a document."""
    meta = PageMeta(published=[])
    t = doc.find(".//title")
    if t is not None and t.text_content():
        meta.title = norm_text(t.text_content())
    wanted = {k: i for i, k in enumerate(VD.META_PUBLISHED)}
    found: list[tuple[int, str]] = []
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not key or not content:
            continue
        if key in ("og:title", "twitter:title") and meta.og_title is None:
            meta.og_title = norm_text(content)
        elif key in wanted:
            found.append((wanted[key], content))
        elif key in ("author", "article:author", "dc.creator") and meta.author is None:
            meta.author = norm_text(content)
    for el in doc.xpath("//*[@property and @content and not(self::meta)]"):
        for key in el.get("property").lower().split():
            if key in wanted:
                found.append((wanted[key], el.get("content").strip()))
                break
    for el in doc.xpath("//*[@itemprop='datePublished' or @itemprop='dateCreated']"):
        value = el.get("content") or el.get("datetime") or (el.get("title") if el.tag == "abbr" else None) \
            or el.text_content()
        if value and value.strip():
            found.append((wanted.get("datepublished", 0), value.strip()))
    for script in doc.xpath("//script[@type='application/ld+json']"):
        _read_json_ld(script.text or "", meta, found, wanted)
    for el in doc.xpath("//link[@rel='canonical']"):
        if el.get("href"):
            meta.canonical = el.get("href").strip()
            break
    meta.published = [v for _, v in sorted(found, key=lambda kv: kv[0])]
    return meta


def _read_json_ld(text: str, meta: PageMeta, found: list[tuple[int, str]], wanted: dict[str, int]) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            if isinstance(item.get("datePublished"), str):
                found.append((wanted.get("datepublished", 0), item["datePublished"]))
            if isinstance(item.get("headline"), str) and meta.og_title is None:
                meta.og_title = norm_text(item["headline"])
            author = item.get("author")
            if isinstance(author, dict):
                author = author.get("name")
            elif isinstance(author, list) and author and isinstance(author[0], dict):
                author = author[0].get("name")
            if isinstance(author, str) and meta.author is None:
                meta.author = norm_text(author)


# --------------------------------------------------------------------------- title


def _site_name(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in B.SITE_NAME_CUES)


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in B.TITLE_SEPARATORS_RE.split(title) if p.strip()]


def _matches(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (len(a) >= 10 and (b.startswith(a) or a.startswith(b) and len(b) >= 10))


def _ends_title(text: str, page_title: str) -> bool:
    """``text`` closes <title> after a colon: "Đảng bộ xã Tân Hồng: Tập huấn …" (site first)."""
    low, title = text.lower(), page_title.lower()
    return len(low) >= 10 and title.endswith(low) and title[: -len(low)].rstrip().endswith(":")


def _kicker_of(text: str, full: str | None) -> bool:
    """``text`` is the kicker that <title>/og:title puts before a colon ("Kỷ niệm 70 năm …:
    Thành phố … dâng hương"): the supertitle, not the headline."""
    if not full or len(full) <= len(text) or not full.lower().startswith(text.lower()):
        return False
    return full[len(text):].lstrip().startswith(":")


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
    for i, el in enumerate(elements):
        own = (el.text or "").strip()
        if not own or len(own) > DATELINE_MAX_CHARS or not _DIGIT_RE.search(own):
            continue
        if not (el.tag == "time" or _dateline_cued(own) or VD.DATE_CLASS_RE.search(cue_string(el))):
            continue
        text = _spaced_text(el)
        if _in_link_list(el) or not looks_like_dateline(text, max_chars=DATELINE_MAX_CHARS):
            continue
        ancestors = set(el.iterancestors())
        for prev in reversed(elements[max(0, i - HEADLINE_LOOKBACK):i]):
            if prev in ancestors or not (prev.text or "").strip():
                continue
            text_prev = norm_text(prev.text_content() or "")
            if 8 <= len(text_prev) <= 300 and not looks_like_dateline(text_prev) \
                    and link_density(prev) <= 0.5:
                found += 1
                anchored.append(prev)
                parent = prev.getparent()
                while parent is not None and parent not in ancestors \
                        and len(norm_text(parent.text_content() or "")) == len(text_prev):
                    anchored.append(parent)
                    parent = parent.getparent()
            break
        if found >= MAX_DATELINE_ANCHORS:
            break
    return anchored


def find_title(body: etree._Element, meta: PageMeta, forced: etree._Element | None = None,
               url: str | None = None) -> tuple[str | None, etree._Element | None]:
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
        if norm_text(el.text_content() or "") != text or _in_link_list(el):
            continue
        inner = el
        while (child := next((c for c in inner if isinstance(c.tag, str)
                              and norm_text(c.text_content() or "") == text), None)) is not None:
            inner = child
        return inner if inner.tag != "a" else el
    return None


def _find_title(body: etree._Element, meta: PageMeta, forced: etree._Element | None = None,
               url: str | None = None) -> tuple[str | None, etree._Element | None]:
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
        if not 8 <= len(text) <= 400:
            continue
        score = {"h1": 3.0, "h2": 1.0}.get(tag, 0.0) + (2.0 if headline_class else 0.0)
        if is_anchored:
            score += 2 if score else 3
        if _words(text) <= SHORT_HEADING_WORDS:
            score -= 2
        if (cues and B.KICKER_CLASS_RE.search(cues)) or _kicker_of(text, meta.og_title or page_title):
            score -= 6
        if meta.og_title and _matches(text, meta.og_title):
            score += 4
        if page_title and (_matches(text, page_title) or any(_matches(text, p) for p in parts)
                           or _ends_title(text, page_title)):
            score += 3 + (1 if page_title.lower().startswith(text.lower()) else 0)
        if (_site_name(text) or _links_home(el)) and not (meta.og_title and _matches(text, meta.og_title)):
            score -= 5
        if link_density(el) > 0.5 and not _links_to(el, own):
            score -= 2
        if looks_like_dateline(text):
            score -= 10
        if best is None or score > best[0]:
            best = (score, pos, text, el)
    if best is not None and best[0] >= 4:
        return best[2], best[3]
    if meta.og_title:
        return meta.og_title, best[3] if best and _matches(best[2], meta.og_title) else None
    if best is not None and best[0] >= 2:
        return best[2], best[3]
    if parts:
        return max(parts, key=len) if len(parts) > 1 else parts[0], None
    if best is not None and best[0] > 0:
        return best[2], best[3]
    return None, None


# --------------------------------------------------------------------------- dateline


def _date_text(el: etree._Element) -> str | None:
    """The text to read a dateline from: a machine-readable ``datetime`` when the element holds
    a <time> giving the clock time, else the visible text (if short)."""
    for t in el.iter("time"):
        value = t.get("datetime")
        if value:
            dl = parse_dateline(value)
            if dl and (dl.has_time or el is t):
                return value
    text = _spaced_text(el)
    if not text or len(text) > DATELINE_MAX_CHARS:
        return None
    return text


def _spaced_text(el: etree._Element) -> str:
    """Text with a space between elements, so "14:30</li><li>Lượt xem" keeps its time apart."""
    return norm_text(" ".join(el.itertext()))


def _in_link_list(el: etree._Element) -> bool:
    """Inside a link, or in a list item that links to another article (a related list)."""
    node = el
    for _ in range(6):
        node = node.getparent()
        if node is None:
            return False
        if node.tag == "a":
            return True
        if node.tag == "li" and any(len(norm_text(a.text_content() or "")) >= 15 for a in node.iter("a")):
            return True
    return False


def find_published(body: etree._Element, meta: PageMeta, title_el: etree._Element | None,
                   forced: etree._Element | None = None) -> Dateline | None:
    """The publication instant: the adapter's dateline element, else the dateline just after
    (or just before) the headline, else meta tags / JSON-LD, else a date-classed element."""
    visible: Dateline | None = None
    if forced is not None:
        visible = parse_dateline(_spaced_text(forced))
    if visible is None and title_el is not None:
        visible = _near_headline(body, title_el)
    machine = [d for d in (parse_dateline(v) for v in meta.published or []) if d]
    meta_dl = machine[0] if machine else None
    if visible is not None:
        if not visible.has_time and meta_dl is not None and meta_dl.has_time \
                and meta_dl.local_date == visible.local_date:
            return meta_dl
        if visible.has_time and visible.instant.second == 0:
            return next((d for d in machine if d.has_time and _same_minute(d, visible)), visible)
        if not visible.has_time and title_el is not None:
            return _with_time_apart(body, title_el, visible)
        return visible
    if meta_dl is not None:
        return meta_dl
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        cues = cue_string(el)
        if el.tag != "time" and not (cues and VD.DATE_CLASS_RE.search(cues)):
            continue
        if _in_link_list(el):
            continue
        text = _date_text(el)
        if text:
            dl = parse_dateline(text)
            if dl:
                return dl
    return None


def _with_time_apart(body: etree._Element, title_el: etree._Element, day: Dateline) -> Dateline:
    """The day's dateline with the clock time a blog writes apart from it, after the post
    ("Đăng bởi admin lúc <span class='published'>16:40</span>" under a date header): the first
    date-classed element after the headline whose text is only a time."""
    after = False
    for el in body.iter():
        if el is title_el:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or not (el.text or "").strip():
            continue
        cues = cue_string(el)
        if not (cues and VD.DATE_CLASS_RE.search(cues)):
            continue
        m = VD.TIME_ONLY_RE.match(norm_text(el.text_content() or ""))
        if m is None:
            continue
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23 or minute > 59:
            return day
        local = day.instant.astimezone(VN_TZ).replace(hour=hour, minute=minute, second=int(m.group(3) or 0))
        return Dateline(local.astimezone(day.instant.tzinfo), True)
    return day


def _same_minute(a: Dateline, b: Dateline) -> bool:
    """One instant written twice: "14:25" on the page and "14:25:37" in its markup."""
    return a.instant.replace(second=0, microsecond=0) == b.instant.replace(second=0, microsecond=0)


def _near_headline(body: etree._Element, title_el: etree._Element) -> Dateline | None:
    """The dateline just after the headline, else just before it. A dateline marked "Cập
    nhật"/"Ngày đăng" in the article (under the lead) beats an unmarked date above the headline:
    that one is usually the site's top bar showing today."""
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    try:
        start = elements.index(title_el)
    except ValueError:
        return None
    inside_title = set(title_el.iter())
    after = [el for el in elements[start + 1:start + 1 + DATELINE_WINDOW] if el not in inside_title]
    cut = 0

    def up_to_lead() -> Iterator[etree._Element]:
        # lazily: most pages give their dateline in the first few elements
        nonlocal cut
        for el in after:
            if len((el.text or "").strip()) > DATELINE_MAX_CHARS or el.tag == "p" and len(
                    norm_text(el.text_content() or "")) > DATELINE_MAX_CHARS:
                return
            cut += 1
            yield el

    found = _first_dateline(up_to_lead())
    if found is not None:
        return found[0]
    before = _first_dateline(list(reversed(elements[max(0, start - 15):start])))
    marked = _first_dateline(after[cut:cut + ARTICLE_DATELINE_WINDOW], marked_only=True)
    if marked is not None and (before is None or not _publication_cued(before[1])):
        return marked[0]
    return before[0] if before else None


def _first_dateline(elements: Iterable[etree._Element], *, marked_only: bool = False
                    ) -> tuple[Dateline, str] | None:
    """The first element reading as a dateline, with its text; failing that, the first meta
    line with a dateline among its fields ("Ngày 18/09/2024 - 15:10 | Tác giả: Thanh Tâm")."""
    texts: list[str] = []
    for el in elements:
        if _in_link_list(el):
            continue
        text = _date_text(el)
        if not text:
            continue
        texts.append(text)
        if marked_only:
            if el.tag == "time" or not _publication_cued(text) or not looks_like_dateline(
                    text, max_chars=DATELINE_MAX_CHARS):
                continue
        elif el.tag != "time" and not looks_like_dateline(text, max_chars=DATELINE_MAX_CHARS) \
                and not _dateline_cued(text):
            continue
        dl = parse_dateline(text)
        if dl:
            return dl, text
    if marked_only:
        return None
    for text in texts:
        if not B.META_FIELD_SEP_RE.search(text):
            continue
        for field in B.META_FIELD_SEP_RE.split(text):
            dl = parse_dateline(field) if looks_like_dateline(field, max_chars=DATELINE_MAX_CHARS) else None
            if dl:
                return dl, field
    return None


def _publication_cued(text: str) -> bool:
    """Whether a dateline names itself a publication/update date ("Ngày đăng", "Cập nhật")."""
    low = text.lower()
    return any(cue in low for cue in VD.DATELINE_CUES)


def _dateline_cued(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in VD.DATELINE_CUES) or low.startswith(VD.WEEKDAYS)


# --------------------------------------------------------------------------- author


def clean_author(text: str | None) -> str | None:
    """A byline or signature as a name: prefixes ("Bài và ảnh:"), notes ("(tổng hợp)"), the
    writer's unit ("(Trung tâm CNTT&TT)") and CMS accounts removed."""
    if not text:
        return None
    text = norm_text(text).strip(" -–—.,;|")
    text = signature_name(text)
    if not text or text.lower() in B.NOT_AUTHORS or len(text) > 80:
        return None
    return text


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
        if not ((cues and _author_cues(cues)) or el.get("itemprop") == "author"
                or el.get("rel") == "author"):
            continue
        text = norm_text(el.text_content() or "")
        if 2 <= len(text) <= 60 and not looks_like_dateline(text):
            name = clean_author(text)
            if name:
                ancestors = tuple(el.iterancestors())
                follows = tuple(_previous_element(node) for node in (el, *ancestors[:2]))
                out.append(Byline(el, name, ancestors, follows))
    return out


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


def labelled_byline(body: etree._Element, title_el: etree._Element | None) -> str | None:
    """A writer named with a label in the short meta line under the headline ("Đăng ngày
    25/03/2024 · Tác giả: Phương Thảo · Chuyên mục: …"), read before cleaning drops the line."""
    if title_el is None:
        return None
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
        if seen > DATELINE_WINDOW:
            break
        if not (el.text or "").strip():
            continue
        text = _spaced_text(el)
        if len(text) > DATELINE_MAX_CHARS:
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
        if seen > DATELINE_WINDOW:
            break
        text = _spaced_text(el)
        if len(text) > DATELINE_MAX_CHARS:
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


def find_byline(candidates: list[Byline], doc: etree._Element, forced: etree._Element | None = None
                ) -> str | None:
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


def byline_in_article(candidates: list[Byline], roots: list[etree._Element],
                      published: Dateline | None) -> str | None:
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
            text = _spaced_text(box)
            if len(text) <= DATELINE_MAX_CHARS:
                dl = parse_dateline(text)
                if dl is not None and dl.instant == published.instant:
                    return c.name
    return None


# --------------------------------------------------------------------------- location


def _abbreviation_dot(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviated unit word ("TP. Hồ Chí Minh",
    "TP.HCM", "Q.1") rather than a sentence."""
    word = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 4), dot + 1)
    after = text[dot + 1:dot + 3].lstrip()
    return word is not None and word.group(1).lower() in VP.PLACE_ABBREVIATIONS and after[:1].isalnum()


def _joins_name(text: str, stop: re.Match[str]) -> bool:
    """Whether a spaced dash at ``stop`` joins two capitalised parts of one name ("Trung tâm
    Văn hóa - Thể thao huyện", "Bà Rịa - Vũng Tàu") rather than starting the next clause."""
    if stop.group().strip() not in VP.NAME_DASHES:
        return False
    before = text[: stop.start()].split()
    after = text[stop.end():].split(maxsplit=1)
    if not before or not after or not before[-1][:1].isalpha() or not after[0][:1].isupper():
        return False
    nxt = VP.PLACE_STOP_RE.search(text, stop.end())
    return nxt is None or nxt.start() > stop.end()


def _in_compound(text: str, stop: re.Match[str]) -> bool:
    """Whether a stop word is the second syllable of a compound ("Công nhân", "bệnh nhân")."""
    head = text[: stop.end()].lower()
    return any(head.endswith(c) and (len(head) == len(c) or not head[-len(c) - 1].isalnum())
               for c in VP.STOP_WORD_COMPOUNDS)


def _place_stop(rest: str, pos: int = 0) -> re.Match[str] | None:
    """Where the place name starting at ``pos`` stops; the full stop of "TP." and the dash
    inside a compound name do not count."""
    stop = VP.PLACE_STOP_RE.search(rest, pos)
    while stop is not None and ((stop.group() == "." and _abbreviation_dot(rest, stop.start()))
                                or _joins_name(rest, stop) or _in_compound(rest, stop)):
        stop = VP.PLACE_STOP_RE.search(rest, stop.end())
    return stop


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph; "TP. Hồ Chí Minh" does not end one."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if text[m.start() - 1] == "." and _abbreviation_dot(text, m.start() - 1):
            continue
        out.append(text[start:m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def _place_phrase(rest: str) -> str:
    """The place name at the start of ``rest``, with the administrative units that follow it
    after commas ("xã Hạ Long, huyện Vân Đồn")."""
    stop = _place_stop(rest)
    place = (rest[: stop.start()] if stop else rest).strip(" -–—")
    while stop is not None and rest[stop.start()] == ",":
        unit = VP.ADMIN_UNIT_RE.match(rest, stop.end())
        if unit is None:
            country = VP.COUNTRY_RE.match(rest, stop.end())
            after = _place_stop(rest, country.end()) if country else None
            if country and (after is None and not rest[country.end():].strip()
                            or after is not None and after.start() == country.end()):
                place = f"{place}, {country.group(1)}"
            break
        tail = rest[unit.end():]
        if not tail[:1].isupper() and not tail[:1].isdigit():
            break
        nxt = _place_stop(tail)
        name = (tail[: nxt.start()] if nxt else tail).strip(" -–—")
        if not name or len(name.split()) > VP.MAX_ADMIN_NAME_WORDS:
            break
        place = f"{place}, {rest[stop.end():unit.end()].strip()} {name}"
        rest = tail
        stop = nxt
    return place


def find_location(paragraphs: list[str], *, max_sentences: int = 2) -> str | None:
    """The place the opening sentence gives: "… tại Hà Nội." → "Hà Nội"; events are skipped
    ("tại Đại hội …"), the name stops at punctuation or the next clause."""
    if not paragraphs:
        return None
    sentences = _sentences(paragraphs[0])[:max_sentences]
    for sentence in sentences:
        for m in VP.PLACE_CUE_RE.finditer(sentence):
            rest = sentence[m.end():]
            low = rest.lower()
            if any(low.startswith(noun) and (len(low) == len(noun) or not low[len(noun)].isalnum())
                   for noun in VP.EVENT_NOUNS):
                continue
            place = _place_phrase(rest)
            words = place.split()
            if not words or len(words) > VP.MAX_PLACE_WORDS:
                continue
            if not words[0][0].isupper() and words[0].lower() not in VP.PLACE_HEAD_WORDS:
                continue
            return place
    return None
