"""The generic extractor: content root by text density, then typed blocks in reading order.

1. ``find_content_roots`` scores every container by the prose its paragraphs hold (length,
   commas, few links) — readability's idea — and keeps the best one plus the siblings that
   carry article text too (a lead outside the content div, a second text div).
2. ``walk`` turns the roots into blocks in document order: text paragraphs (split at block
   elements and at ``<br><br>``), images; each with the style cues a reader sees (centred,
   italic, bold, right-aligned, caption container, link share).
3. ``assemble`` types the blocks: boilerplate (furniture lines, counters, footer lines, link
   lists, related headings), captions (attached to the image before them), the signature line;
   what remains is the body.
No site is named here: adapters only choose the roots and the elements to skip.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from etl.clean import cue_string, is_related_heading, link_density, norm_text, text_len
from etl.extract.dates import looks_like_dateline
from etl.extract.signature import is_english_byline_line, is_signature_annex
from etl.models import Image
from etl.vocab import boilerplate as B
from etl.vocab import captions as C

log = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "address",
        "center",
        "hr",
        "form",
        "fieldset",
        "caption",
        "details",
        "summary",
        "body",
        "html",
        "picture",
        "legend",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARA_TAGS = frozenset({"p", "pre", "blockquote", "dd", "h2", "h3", "h4", "h5", "h6"})
_OWN_TEXT_TAGS = frozenset({"div", "td", "section", "article", "main", "center", "font", "span", "th"})

#: Paragraphs shorter than this add nothing to a container's score.
MIN_SCORING_CHARS = 25
# A paragraph's prose points (readability's measure), times its unlinked share: a base point,
# a point per comma up to a cap, a point per hundred characters up to a cap.
PARA_BASE_POINTS = 1.0
PARA_MAX_COMMA_POINTS = 3
PARA_CHARS_PER_POINT = 100.0
PARA_MAX_LENGTH_POINTS = 3.0
#: A paragraph's points go to its container in full and to the container's parent in this share.
GRANDPARENT_SHARE = 0.5
#: Lowest score, and most linked share, of a sibling joining the article on its score.
SIBLING_MIN_SCORE = 3.0
SIBLING_MAX_LINK_SHARE = 0.3
#: Most linked share of a lead (sapo) box or an image box.
LEAD_MAX_LINK_SHARE = 0.5
#: Text an image box may hold beyond a caption's worth per image (a label, a credit).
IMAGE_BOX_SLACK_CHARS = 40
#: Share of a lead row's text one lead-classed element must hold.
LEAD_ROW_TEXT_SHARE = 0.8
#: Share of a block's characters in italics/bold that makes the block italic/bold.
BLOCK_STYLE_SHARE = 0.9
#: Centring or italics is a caption cue while less than this share of the body prose has it.
STYLE_CUE_MAX_SHARE = 0.5
#: A sibling of the best container joins the article when its score reaches this share of it.
SIBLING_SCORE_SHARE = 0.2
#: Shortest lead (sapo) taken from outside the content container.
LEAD_MIN_CHARS = 80
#: A sibling between two article parts joins them below this share of linked characters (and so
#: does a long text sibling or a lead row under the headline).
GAP_MAX_LINK_SHARE = 0.25
#: Text blocks with at least this share of linked characters are link lists, not prose.
MAX_LINK_SHARE = 0.6
#: Lines this short may be page furniture ("Chia sẻ", "In bài").
FURNITURE_MAX_CHARS = 60
#: Longest signature line.
SIGNATURE_MAX_CHARS = 60
SIGNATURE_MAX_WORDS = 8

_ALIGN_CENTER_RE = re.compile(r"text-align\s*:\s*center", re.I)
_ALIGN_RIGHT_RE = re.compile(r"text-align\s*:\s*right", re.I)
_ALIGN_OTHER_RE = re.compile(r"text-align\s*:\s*(?:left|justify|start)", re.I)
_ITALIC_STYLE_RE = re.compile(r"font-style\s*:\s*italic", re.I)
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_CENTER_CLASS_RE = re.compile(r"(?:^|\s)(?:text-center|aligncenter|center-text|tc|centered)(?:\s|$)", re.I)
_RIGHT_CLASS_RE = re.compile(r"(?:^|\s)(?:text-right|alignright|right-text|tr)(?:\s|$)", re.I)
_LIST_MARKER_RE = re.compile(r"^(?:[-–—+•*●▪■◦]\s|\(?\d{1,2}[.)]\s|\(?[a-zđ][.)]\s|[IVX]+[.)]\s)")
_IMAGE_HREF_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)(?:\?|$)", re.I)
_SIZE_RE = re.compile(r"(\d+)")
_FURNITURE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(B.FURNITURE_LINES, key=len, reverse=True)) + r")(?!\w)", re.I
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_BR = None  # buffer sentinel for <br>
#: Smallest width/height (px) of an article photo; smaller images are icons.
MIN_IMAGE_PX = 60


@dataclass(frozen=True)
class _Ctx:
    centered: bool = False
    right: bool = False
    italic: bool = False
    bold: bool = False
    caption: bool = False
    link: bool = False
    heading: bool = False


@dataclass
class Block:
    """One unit of the page in reading order: a text paragraph or an image."""

    kind: str
    el: etree._Element
    lines: list[str] = field(default_factory=list)
    centered: bool = False
    right: bool = False
    italic: bool = False
    bold: bool = False
    caption_cue: bool = False
    heading: bool = False
    link_share: float = 0.0
    src: str | None = None
    alt: str | None = None
    role: str = "body"

    @property
    def text(self) -> str:
        return " ".join(self.lines)


# --------------------------------------------------------------------------- content root


def _own_text(el: etree._Element) -> tuple[str, int]:
    """Text directly in ``el`` (not in block children) and how much of it is linked."""
    parts = [el.text or ""]
    linked = 0
    for child in el:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            t = child.text_content() or ""
            parts.append(t)
            if child.tag == "a":
                linked += len(t.strip())
            else:
                linked += sum(len((a.text_content() or "").strip()) for a in child.iter("a"))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split()), linked


def _para_score(text: str, linked: int) -> float:
    """Prose weight of one paragraph (readability's measure): longer, comma-rich, unlinked text
    is article text; short or linked text counts for nothing."""
    n = len(text)
    if n < MIN_SCORING_CHARS:
        return 0.0
    share = min(linked / n, 1.0)
    commas = min(text.count(","), PARA_MAX_COMMA_POINTS)
    return (PARA_BASE_POINTS + commas + min(n / PARA_CHARS_PER_POINT, PARA_MAX_LENGTH_POINTS)) * (1.0 - share)


def score_containers(body: etree._Element) -> dict[etree._Element, float]:
    """Prose score of every container: its paragraphs' scores (parent full, grandparent half)."""
    scores: dict[etree._Element, float] = {}

    def add(el: etree._Element | None, value: float) -> None:
        if el is not None:
            scores[el] = scores.get(el, 0.0) + value

    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _PARA_TAGS or tag == "li":
            text = " ".join((el.text_content() or "").split())
            if len(text) < MIN_SCORING_CHARS:
                continue
            s = _para_score(text, sum(len((a.text_content() or "").strip()) for a in el.iter("a")))
            if s <= 0:
                continue
            holder = el.getparent()
            if tag == "li" and holder is not None:
                holder = holder.getparent()
            add(holder, s)
            add(holder.getparent() if holder is not None else None, s * GRANDPARENT_SHARE)
        elif tag in _OWN_TEXT_TAGS:
            text, linked = _own_text(el)
            s = _para_score(text, linked)
            if s > 0:
                add(el, s)
                add(el.getparent(), s * GRANDPARENT_SHARE)
    return scores


def _doc_index(body: etree._Element) -> dict[etree._Element, int]:
    return {el: i for i, el in enumerate(body.iter())}


def find_content_roots(body: etree._Element, *, after: etree._Element | None = None) -> list[etree._Element]:
    """The elements holding the article, in document order (best container + its text siblings).

    ``after``: the headline element; siblings before it are not article text.
    """
    scores = score_containers(body)
    if not scores:
        return [body]
    best, best_score = None, 0.0
    for el, s in scores.items():
        if el.tag in ("html",):
            continue
        final = s * (1.0 - link_density(el)) if s > best_score else 0.0
        if final > best_score:
            best, best_score = el, final
    if best is None:
        return [body]
    log.debug("content root <%s class=%r> score %.1f", best.tag, best.get("class"), best_score)
    index = _doc_index(body) if after is not None else {}
    after_pos = index.get(after, -1) if after is not None else -1
    while True:
        parent = best.getparent()
        while parent is not None and parent.tag not in ("body", "html") and text_len(parent) <= text_len(best) + 5:
            best, parent = parent, parent.getparent()
        if parent is None or best.tag == "body":
            return [best]
        roots = _with_siblings(best, parent, scores, best_score, after, index, after_pos)
        if parent.tag in ("body", "html") or not _covers(parent, roots):
            return roots
        best = parent


def _covers(parent: etree._Element, roots: list[etree._Element]) -> bool:
    """Every child of ``parent`` that holds text is article: the article is ``parent`` itself
    (paragraphs each in their own wrapper div), and its own siblings (a lead above it) are
    looked at next."""
    chosen = set(roots)
    return len(roots) > 1 and all(child in chosen for child in parent if isinstance(child.tag, str) and text_len(child))


def _with_siblings(
    best: etree._Element,
    parent: etree._Element,
    scores: dict[etree._Element, float],
    best_score: float,
    after: etree._Element | None,
    index: dict[etree._Element, int],
    after_pos: int,
) -> list[etree._Element]:
    """``best`` and the siblings that carry article text too, in document order."""
    roots = []
    before_best = True
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is best:
            roots.append(sib)
            before_best = False
            continue
        if after is not None and _contains(sib, after):
            roots.extend(_leads_after(sib, index, after_pos))
            continue
        if after is not None and index.get(sib, 0) <= after_pos:
            continue
        if _sibling_is_article(sib, scores.get(sib, 0.0), best_score, after is not None) or (
            before_best and after is not None and _is_lead_row(sib)
        ):
            roots.append(sib)
        elif (after is not None or not before_best) and _is_image_box(sib):
            roots.append(sib)
    return _fill_gaps(parent, roots)


def _fill_gaps(parent: etree._Element, roots: list[etree._Element]) -> list[etree._Element]:
    """Siblings lying between two article parts that hold unlinked text or a photo: an article
    is contiguous, and a layout that gives every paragraph its own table row or cell leaves
    short ones (a list item, a caption row) and weak ones below the sibling score."""
    if len(roots) < 2:
        return roots
    kids = [k for k in parent if isinstance(k.tag, str)]
    held: dict[etree._Element, list[etree._Element]] = {}
    for root in roots:
        kid = next((k for k in kids if _contains(k, root)), None)
        if kid is None:
            return roots
        held.setdefault(kid, []).append(root)
    positions = [i for i, k in enumerate(kids) if k in held]
    out: list[etree._Element] = []
    for i in range(positions[0], positions[-1] + 1):
        kid = kids[i]
        if kid in held:
            out.extend(held[kid])
        elif (
            text_len(kid)
            and link_density(kid) < GAP_MAX_LINK_SHARE
            and not looks_like_dateline(norm_text(kid.text_content() or ""))
        ) or _is_image_box(kid):
            out.append(kid)
    return out


def _leads_after(box: etree._Element, index: dict[etree._Element, int], after_pos: int) -> list[etree._Element]:
    """Lead-classed elements after the headline inside the box that holds it: the sapo in an
    article's <header> ("<header><h1>…</h1><p class='news-page__intro'>…</p></header>")."""
    leads: list[etree._Element] = []
    for el in box.iterdescendants():
        if not isinstance(el.tag, str) or index.get(el, -1) <= after_pos or (leads and _contains(leads[-1], el)):
            continue
        cues = cue_string(el)
        if (
            cues
            and B.LEAD_CLASS_RE.search(cues)
            and text_len(el) >= LEAD_MIN_CHARS
            and link_density(el) < LEAD_MAX_LINK_SHARE
        ):
            leads.append(el)
    return leads


def _article_images(el: etree._Element) -> int:
    """Article photos under ``el`` (icons, logos and linked thumbnails excluded)."""
    return sum(
        1 for img in el.iter(*B.IMAGE_TAGS) if (src := image_url(img, "")) is not None and is_article_image(img, src)
    )


def _is_image_box(sib: etree._Element) -> bool:
    """A figure or gallery beside the article text (the lead photo above the content div, a
    gallery field after it): article photos with at most a caption's worth of text each."""
    n_images = _article_images(sib)
    if not n_images:
        return False
    n = text_len(sib)
    return n <= n_images * C.MAX_CAPTION_CHARS + IMAGE_BOX_SLACK_CHARS and (
        not n or link_density(sib) < LEAD_MAX_LINK_SHARE
    )


def _contains(el: etree._Element, target: etree._Element | None) -> bool:
    """Whether ``target`` is ``el`` or lies inside it."""
    node = target
    while node is not None:
        if node is el:
            return True
        node = node.getparent()
    return False


def _sibling_is_article(sib: etree._Element, score: float, best_score: float, headline_known: bool) -> bool:
    """Whether a sibling of the best container is article text too: prose scoring a share of the
    best, a lead-classed box (the sapo outside the content div), or, under a known headline,
    one long unlinked block that is not a dateline (a second text div of the same article)."""
    if score >= max(SIBLING_SCORE_SHARE * best_score, SIBLING_MIN_SCORE) and link_density(sib) < SIBLING_MAX_LINK_SHARE:
        return True
    cues = cue_string(sib)
    if cues and B.LEAD_CLASS_RE.search(cues) and text_len(sib) and link_density(sib) < LEAD_MAX_LINK_SHARE:
        return True
    n = text_len(sib)
    if (
        headline_known
        and sib.tag in ("p", "div", "h2", "h3", "strong", "b", "span")
        and n >= LEAD_MIN_CHARS
        and link_density(sib) < GAP_MAX_LINK_SHARE
    ):
        return not looks_like_dateline(norm_text(sib.text_content() or ""))
    return False


def _is_lead_row(sib: etree._Element) -> bool:
    """A lead between the headline and the content, wrapped in layout markup: a table row or
    cell, or a box whose one text element carries a lead class ("<tr><td><span
    class='ArticleSummary'>…")."""
    n = text_len(sib)
    if n < LEAD_MIN_CHARS or link_density(sib) >= GAP_MAX_LINK_SHARE:
        return False
    if looks_like_dateline(norm_text(sib.text_content() or ""), max_chars=160):
        return False
    if sib.tag in ("tr", "td", "section", "article"):
        return True
    for el in sib.iterdescendants():
        if isinstance(el.tag, str) and text_len(el) >= LEAD_ROW_TEXT_SHARE * n:
            cues = cue_string(el)
            if cues and B.LEAD_CLASS_RE.search(cues):
                return True
    return False


# --------------------------------------------------------------------------- walking


def _ctx_for(el: etree._Element, ctx: _Ctx) -> _Ctx:
    """The style cues a reader sees on ``el`` (alignment, italics, bold, caption markup, link,
    heading), inherited from its ancestors and changed by its own tag, attributes and classes."""
    tag = el.tag
    style = el.get("style") or ""
    align = (el.get("align") or "").lower()
    cls = el.get("class") or ""
    centered, right = ctx.centered, ctx.right
    if tag == "center" or align == "center" or _ALIGN_CENTER_RE.search(style) or _CENTER_CLASS_RE.search(cls):
        centered, right = True, False
    elif align == "right" or _ALIGN_RIGHT_RE.search(style) or _RIGHT_CLASS_RE.search(cls):
        centered, right = False, True
    elif align in ("left", "justify") or _ALIGN_OTHER_RE.search(style):
        centered, right = False, False
    italic = ctx.italic or tag in ("em", "i", "cite") or bool(_ITALIC_STYLE_RE.search(style))
    bold = ctx.bold or tag in ("strong", "b") or tag in HEADING_TAGS or bool(_BOLD_STYLE_RE.search(style))
    caption = ctx.caption or tag in ("figcaption", "caption") or bool(cls and C.CAPTION_CLASS_RE.search(cue_string(el)))
    if (
        (centered, right, italic, bold, caption) == (ctx.centered, ctx.right, ctx.italic, ctx.bold, ctx.caption)
        and tag != "a"
        and tag not in HEADING_TAGS
    ):
        return ctx
    return _Ctx(
        centered,
        right,
        italic,
        bold,
        caption,
        ctx.link or (tag == "a" and bool(el.get("href"))),
        ctx.heading or tag in HEADING_TAGS,
    )


class _Walker:
    """Turns subtrees into blocks; keeps a buffer of inline text runs between block elements."""

    def __init__(self, base_url: str, skip: Iterable[etree._Element]) -> None:
        self.base_url = base_url
        self.skip = set(skip)
        self.blocks: list[Block] = []
        self.buf: list[tuple[str, _Ctx] | None] = []
        self.holder: list[tuple[etree._Element, _Ctx]] = []

    def run(self, root: etree._Element) -> list[Block]:
        self.holder.append((root, _ctx_for(root, _Ctx())))
        self._walk(root, self.holder[-1][1], top=True)
        self._flush()
        return self.blocks

    def _walk(self, el: etree._Element, ctx: _Ctx, top: bool = False) -> None:
        """Visit ``el`` in reading order: a block element (or a caption box) closes the text
        before it and after it, inline elements add their text to the buffer."""
        tag = el.tag
        if not isinstance(tag, str) or el in self.skip:
            return
        if tag == "br":
            self.buf.append(_BR)
            return
        if tag in B.IMAGE_TAGS:
            self._flush()
            self._image(el, ctx)
            return
        own = ctx if top else _ctx_for(el, ctx)
        is_block = tag in BLOCK_TAGS or (own.caption and not ctx.caption)
        if is_block and not top:
            self._flush()
            self.holder.append((el, own))
        if el.text:
            self.buf.append((el.text, own))
        for child in el:
            self._walk(child, own)
            if child.tail:
                self.buf.append((child.tail, own))
        if is_block and not top:
            self._flush()
            self.holder.pop()

    def _image(self, el: etree._Element, ctx: _Ctx) -> None:
        src = image_url(el, self.base_url)
        if src is None or not is_article_image(el, src):
            return
        alt = norm_text(el.get("alt") or "") or None
        self.blocks.append(Block("image", el, centered=ctx.centered, caption_cue=ctx.caption, src=src, alt=alt))

    def _flush(self) -> None:
        """Turn the buffered inline runs into paragraphs: two <br> in a row (with text before)
        start a new paragraph, one <br> a new line of the same block (``_body_paragraphs``
        decides later whether that line goes on with the sentence)."""
        if not self.buf:
            return
        buf, self.buf = self.buf, []
        holder, hctx = self.holder[-1]
        paragraphs: list[list[list[tuple[str, _Ctx]]]] = [[[]]]
        pending_breaks = 0
        for item in buf:
            if item is _BR:
                pending_breaks += 1
                continue
            text, ctx = item
            if not text.strip():
                if pending_breaks == 0:
                    paragraphs[-1][-1].append((text, ctx))
                continue
            if pending_breaks >= 2 and any(seg for line in paragraphs[-1] for seg in line):
                paragraphs.append([[]])
            elif pending_breaks == 1:
                paragraphs[-1].append([])
            pending_breaks = 0
            paragraphs[-1][-1].append((text, ctx))
        for para in paragraphs:
            self._emit(para, holder, hctx)

    def _emit(self, para: list[list[tuple[str, _Ctx]]], holder: etree._Element, hctx: _Ctx) -> None:
        """One text block with the style most of its characters carry (90 % italic or bold
        makes the block so), its link share and its caption/heading cues."""
        lines = [norm_text("".join(t for t, _ in line)) for line in para]
        lines = [ln for ln in lines if ln]
        if not lines:
            return
        total = italic = bold = linked = 0
        caption = heading = False
        for line in para:
            for text, ctx in line:
                n = len(text.strip())
                total += n
                italic += n if ctx.italic else 0
                bold += n if ctx.bold else 0
                linked += n if ctx.link else 0
                caption = caption or ctx.caption
                heading = heading or ctx.heading
        total = max(total, 1)
        self.blocks.append(
            Block(
                "text",
                holder,
                lines,
                centered=hctx.centered,
                right=hctx.right,
                italic=italic / total >= BLOCK_STYLE_SHARE,
                bold=bold / total >= BLOCK_STYLE_SHARE,
                caption_cue=caption or hctx.caption,
                heading=heading,
                link_share=linked / total,
            )
        )


def walk(roots: Sequence[etree._Element], base_url: str, skip: Iterable[etree._Element] = ()) -> list[Block]:
    """Blocks of all roots in document order."""
    skip = list(skip)
    blocks: list[Block] = []
    for root in roots:
        blocks.extend(_Walker(base_url, skip).run(root))
    return blocks


# --------------------------------------------------------------------------- images


def image_url(img: etree._Element, base_url: str) -> str | None:
    """The absolute URL of an image: ``src`` unless a lazy loader keeps it in a data- attribute."""
    src = (img.get("src") or "").strip()
    if not src or B.LAZY_PLACEHOLDER_RE.search(src):
        for attr in B.LAZY_ATTRS:
            value = (img.get(attr) or "").strip()
            if value:
                src = value.split(",")[0].strip().split(" ")[0]
                break
    if not src or src.startswith("data:"):
        return None
    try:
        return urljoin(base_url, src)
    except ValueError:
        return None


def _px(value: str | None) -> int | None:
    if not value:
        return None
    m = _SIZE_RE.search(value)
    return int(m.group(1)) if m and "%" not in value else None


def is_article_image(img: etree._Element, src: str) -> bool:
    """Not an icon, logo, banner, or the thumbnail of a link to another page."""
    path = src.split("?")[0]
    if B.CHROME_IMAGE_RE.search(path.rsplit("/", 1)[-1]) or B.CHROME_IMAGE_RE.search(cue_string(img)):
        return False
    for attr in ("width", "height"):
        px = _px(img.get(attr))
        if px is not None and px < MIN_IMAGE_PX:
            return False
    node = img.getparent()
    while node is not None and node.tag not in BLOCK_TAGS:
        if node.tag == "a":
            href = (node.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript")) and not _IMAGE_HREF_RE.search(href):
                return False
        node = node.getparent()
    return True


# --------------------------------------------------------------------------- typing blocks


def is_furniture(text: str) -> bool:
    """A short line made only of page-furniture words ("Chia sẻ | In bài | A- A+")."""
    if len(text) > FURNITURE_MAX_CHARS:
        return False
    if B.COUNTER_RE.search(text):
        return True
    rest = _FURNITURE_RE.sub(" ", text.lower())
    return not _LETTER_RE.search(rest)


def is_footer_line(text: str) -> bool:
    """A site-footer line that strayed into the content (licence, address, responsibility,
    visit counters): these open with a few fixed words on every portal."""
    low = text.lower()
    return len(text) <= 250 and low.startswith(B.FOOTER_LINE_PREFIXES)


def _is_boilerplate(block: Block) -> bool:
    """Whether a text block is page furniture rather than prose: mostly links, a related-news
    heading, a furniture or footer line, a hashtag line, or the title line of a data table."""
    text = block.text
    if block.link_share >= MAX_LINK_SHARE:
        return True
    return (
        is_related_heading(text)
        or is_furniture(text)
        or is_footer_line(text)
        or B.HASHTAG_LINE_RE.match(text) is not None
        or (len(text) <= C.MAX_CAPTION_CHARS and C.TABLE_TITLE_RE.match(text) is not None)
    )


def _caption_limit(block: Block) -> int:
    """Longest caption ``block`` may be: longer inside <figcaption>/<caption>, whose markup says
    caption whatever the length (photo stories tell the story in long captions)."""
    box = _caption_box(block) if block.caption_cue else None
    return C.MAX_FIGCAPTION_CHARS if box is not None and box.tag in ("figcaption", "caption") else C.MAX_CAPTION_CHARS


def _caption_style(block: Block, centred_is_cue: bool, italic_is_cue: bool) -> bool:
    """Whether a text block right after an image reads as its caption: caption markup or a
    caption prefix ("Ảnh:"), or the centring/italics that set captions apart on a page whose own
    prose is not styled so (``centred_is_cue``, ``italic_is_cue``)."""
    text = block.text
    if block.kind != "text" or not text or len(text) > _caption_limit(block):
        return False
    if block.caption_cue or C.CAPTION_PREFIX_RE.search(text):
        return True
    return (centred_is_cue and block.centered) or (italic_is_cue and block.italic)


def _is_caption_label(text: str) -> bool:
    """A label with nothing after it ("Hình ảnh:" above a gallery)."""
    m = C.CAPTION_PREFIX_RE.match(text)
    return m is not None and not text[m.end() :].strip()


def _is_photo_credit(text: str) -> bool:
    """A credit line of its own under a caption: "Ảnh: Hà Linh"."""
    return len(text) <= C.MAX_CREDIT_CHARS and C.CAPTION_PREFIX_RE.match(text) is not None


def _shares_small_container(img: Block, txt: Block) -> bool:
    """Image and text in one small box (a figure, a caption table, a div of just the two)."""
    if len(txt.text) > C.MAX_CAPTION_CHARS:
        return False
    node = img.el.getparent()
    for _ in range(4):
        if node is None or node.tag in ("body", "html"):
            return False
        if _contains(node, txt.el):
            return node.tag in ("figure", "table", "tbody", "tr") or text_len(node) <= len(txt.text) + 5
        node = node.getparent()
    return False


def _caption_box(block: Block) -> etree._Element | None:
    """The caption element (figcaption, caption-classed box) a block sits in, if any."""
    node: etree._Element | None = block.el
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            return None
        if node.tag in ("figcaption", "caption") or C.CAPTION_CLASS_RE.search(cue_string(node)):
            return node
        node = node.getparent()
    return None


def _continues_caption(first: Block, caption: str, nxt: Block) -> bool:
    """Whether ``nxt`` is more of the caption that ``first`` opens: another paragraph or the
    credit of the same <figcaption>, or a line in the same centred/italic style that goes on
    with the unfinished sentence ("<em>Đồng chí X, Giám đốc Sở</em>" + "<em>phát biểu …</em>")."""
    text = nxt.text
    if nxt.kind != "text" or nxt.role != "body" or len(caption) + len(text) > C.MAX_CAPTION_CHARS:
        return False
    box = _caption_box(first)
    if box is not None and _contains(box, nxt.el):
        return True
    return (
        text[:1].islower()
        and caption[-1:] not in ".!?…:"
        and (first.italic or first.centered)
        and (nxt.italic, nxt.centered) == (first.italic, first.centered)
    )


def signature_name(text: str) -> str:
    """The name in a signature line: its label ("Bài và ảnh:"), note ("(tổng hợp)") and the
    writer's unit ("(Trung tâm CNTT&TT)") removed."""
    text = B.BYLINE_PREFIX_RE.sub("", text).strip()
    text = B.AUTHOR_NOTE_RE.sub("", text).strip()
    unit = B.AUTHOR_UNIT_RE.search(text)
    if (
        unit
        and unit.start() > 0
        and unit.group(1).strip()[:1].isupper()
        and unit.group(1).strip().lower() not in B.AUTHOR_ROLE_NOTES
    ):
        text = text[: unit.start()].strip()
    return text


def _looks_like_signature(block: Block, line: str | None = None) -> bool:
    """Whether ``block`` (or one ``line`` of it) reads as a signature."""
    full = block.text if line is None else line
    if len(full) > 2 * SIGNATURE_MAX_CHARS or full.endswith(":") or _LIST_MARKER_RE.match(full):
        return False
    low = full.lower()
    if (
        len(full) <= SIGNATURE_MAX_CHARS
        and len(full.split()) <= SIGNATURE_MAX_WORDS
        and (low.startswith(("theo ", "nguồn:", "nguồn ")) or "(tổng hợp)" in low or "(theo " in low)
    ):
        return True
    text = signature_name(full)
    if not text or len(text) > SIGNATURE_MAX_CHARS or len(text.split()) > SIGNATURE_MAX_WORDS:
        return False
    if (block.right or _signature_classed(block)) and _office_signature(text):
        return True
    words = [w for w in re.split(r"[\s,\-–/]+", text.strip("()")) if w]
    namey = all(w[0].isupper() or not w[0].isalpha() for w in words if _LETTER_RE.search(w))
    if text.endswith(".") and not text.endswith("./."):
        namey = namey and len(words) <= 4
    return namey and (block.right or block.bold or block.italic or len(words) <= 5)


def _signature_classed(block: Block) -> bool:
    """The block's element (or its parent) is classed as the byline ("p.signature",
    "div.author-sign"): the page itself says the closing line signs the article."""
    for el in (block.el, block.el.getparent()):
        cues = cue_string(el) if el is not None else ""
        if cues and B.AUTHOR_CLASS_RE.search(cues):
            return True
    return False


def _office_signature(text: str) -> bool:
    """An office signing the article ("Phòng Thống kê Tổng hợp"): capitalised, opening with an
    office word, no sentence punctuation."""
    low = text.lower()
    return (
        text[:1].isupper()
        and not any(ch in text for ch in ".,;:!?")
        and any(low.startswith(head + " ") for head in B.OFFICE_SIGNATURE_HEADS)
    )


def trailing_signature(roots: Sequence[etree._Element], base_url: str) -> str | None:
    """A signature just after the article's last root ("<div class='sign'>Nhóm PV</div>"):
    the first non-empty element there, if it reads as a signature."""
    if not roots:
        return None
    sib = roots[-1].getnext()
    while sib is not None and (not isinstance(sib.tag, str) or not text_len(sib)):
        sib = sib.getnext()
    if sib is None or text_len(sib) > SIGNATURE_MAX_CHARS:
        return None
    blocks = [b for b in _Walker(base_url, ()).run(sib) if b.kind == "text"]
    if len(blocks) == 1 and not _is_boilerplate(blocks[0]) and _looks_like_signature(blocks[0]):
        return blocks[0].text
    return None


@dataclass
class Assembled:
    body: list[str]
    images: list[Image]
    signature: str | None


def _body_paragraphs(block: Block) -> list[str]:
    """A block's lines as paragraphs: a single <br> splits them unless the next line goes on
    with the sentence (starts lower-case or with punctuation)."""
    out: list[str] = []
    for line in block.lines:
        if out and (line[:1].islower() or line[:1] in ",;)") and not _LIST_MARKER_RE.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _following_images(blocks: list[Block]) -> set[int]:
    """Ids of the body text blocks right after an image (the place of a caption)."""
    out: set[int] = set()
    previous: Block | None = None
    for b in blocks:
        if b.kind == "image" or b.role == "body":
            if b.kind == "text" and previous is not None and previous.kind == "image":
                out.add(id(b))
            previous = b
    return out


def assemble(blocks: list[Block], *, title: str | None = None) -> Assembled:
    """Type the blocks (boilerplate, caption, signature, body) and build body and images."""
    title_n = norm_text(title).lower() if title else None
    texts = [b for b in blocks if b.kind == "text"]
    for b in texts:
        if _is_boilerplate(b) or (title_n and b.text.lower() == title_n) or _is_caption_label(b.text):
            b.role = "boilerplate"
        elif len(b.text) <= 120 and looks_like_dateline(b.text):
            b.role = "dateline"
        elif is_english_byline_line(b.text):
            b.role = "byline"
    prose = [b for b in texts if b.role == "body"]
    # A style is a caption cue when the prose that does not follow an image mostly lacks it. In a
    # photo story most prose blocks are captions, and all the prose would make their style the
    # page's; the lead and the text between photos say what the body looks like.
    after_image = _following_images(blocks)
    own_prose = [b for b in prose if id(b) not in after_image] or prose
    n = max(len(own_prose), 1)
    centred_is_cue = sum(b.centered for b in own_prose) / n < STYLE_CUE_MAX_SHARE
    italic_is_cue = sum(b.italic for b in own_prose) / n < STYLE_CUE_MAX_SHARE
    images: list[Image] = []
    live = [b for b in blocks if b.kind == "image" or b.role == "body"]
    for i, b in enumerate(live):
        if b.kind != "image":
            continue
        nxt = live[i + 1] if i + 1 < len(live) else None
        caption = None
        after = i + 2
        if (
            nxt is not None
            and nxt.kind == "text"
            and nxt.role == "body"
            and (_caption_style(nxt, centred_is_cue, italic_is_cue) or _shares_small_container(b, nxt))
        ):
            nxt.role = "caption"
            caption = nxt.text
            while after < len(live) and _continues_caption(nxt, caption, live[after]):
                live[after].role = "caption"
                caption = f"{caption} {live[after].text}"
                after += 1
        images.append(Image(url=b.src or "", alt=b.alt, caption=caption))
        credit = live[after] if caption is not None and after < len(live) else None
        if credit is not None and credit.kind == "text" and _is_photo_credit(credit.text):
            credit.role = "credit"
    for b in texts:
        if b.role == "body" and b.caption_cue and len(b.text) <= _caption_limit(b):
            b.role = "caption"
    body_blocks = [b for b in texts if b.role == "body"]
    signature = None
    last = body_blocks[-1] if len(body_blocks) > 1 else None
    if (
        last is not None
        and len(last.lines) > 1
        and _looks_like_signature(last, last.lines[0])
        and all(is_signature_annex(x) or _office_signature(x) for x in last.lines[1:])
    ):
        # one closing block "Hà Phương<br>Trung tâm Văn hóa - Thông tin huyện": the name signs
        last.role = "signature"
        signature = body_blocks.pop().lines[0]
    elif (
        len(body_blocks) > 2
        and not B.SOURCE_LINE_RE.match(body_blocks[-1].text)
        and is_signature_annex(body_blocks[-1].text)
        and _looks_like_signature(body_blocks[-2])
    ):
        body_blocks.pop().role = "signature"  # the unit or site under a signature's name
    if signature is None and len(body_blocks) > 1 and _looks_like_signature(body_blocks[-1]):
        body_blocks[-1].role = "signature"
        signature = body_blocks[-1].text
        body_blocks.pop()
        if B.SOURCE_LINE_RE.match(signature) and len(body_blocks) > 1 and _looks_like_signature(body_blocks[-1]):
            body_blocks[-1].role = "signature"
            signature = body_blocks.pop().text
    body = [p for b in body_blocks for p in _body_paragraphs(b)]
    seen_images: set[str] = set()
    unique = []
    for im in images:
        if im.url in seen_images:
            continue
        seen_images.add(im.url)
        unique.append(im)
    return Assembled(body=body, images=unique, signature=signature)
