"""Extraction: a fetched page → ``Article``. No network, no Prefect.

``extract_article`` runs the stages in order: read head metadata → find headline and dateline
on the raw tree → clean (``etl.clean``) → content roots → typed blocks (``generic``) → fields
(one module each: ``title``, ``dateline``, ``byline``, ``place``; ``meta`` reads the head,
``dates`` parses date text) → people and documents named in body and captions.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from datetime import date
from urllib.parse import urljoin

from lxml import etree

from etl.adapters import get_adapter
from etl.adapters.base import SiteAdapter
from etl.adapters.selectors import css_to_xpath, select_first
from etl.clean import bound_tree, clean_tree, parse_html
from etl.extract import byline as by
from etl.extract.dateline import find_published
from etl.extract.dates import VN_TZ, parse_event_date
from etl.extract.generic import assemble, find_content_roots, trailing_signature, walk
from etl.extract.meta import read_meta
from etl.extract.place import find_location
from etl.extract.title import find_title
from etl.fetch import decode_html
from etl.models import Article, DocumentRef, Person
from etl.settings import EXTRACT_MAX_ELEMENTS, EXTRACT_MAX_TEXT_CHARS, MENTIONS_MAX_CHARS

log = logging.getLogger(__name__)

__all__ = ["SiteAdapter", "extract_article"]


def _resolve_adapter(adapter: str | SiteAdapter | None) -> SiteAdapter | None:
    if adapter is None or isinstance(adapter, SiteAdapter):
        return adapter
    return get_adapter(adapter)


def extract_article(html: str | bytes, url: str, adapter: str | SiteAdapter | None = None) -> Article:
    """Extract the article of one page. ``adapter`` (a name or a SiteAdapter) only steers the
    generic machinery; every field still comes from the same code path.

    ``published_at`` keeps the seconds the page gives (a visible "08:45:12" or a machine-readable
    datetime); a dateline written to the minute gives second 0."""
    site = _resolve_adapter(adapter)
    if isinstance(html, bytes):
        html = _decode(html)
    doc = parse_html(html, max_elements=EXTRACT_MAX_ELEMENTS)
    page_body = doc.find("body")
    # A page shorter than the text budget with fewer tags than the element budget is within both.
    oversize = len(html) > EXTRACT_MAX_TEXT_CHARS or html.count("<") > EXTRACT_MAX_ELEMENTS
    if (
        oversize
        and page_body is not None
        and bound_tree(page_body, max_elements=EXTRACT_MAX_ELEMENTS, max_chars=EXTRACT_MAX_TEXT_CHARS)
    ):
        log.warning(
            "%s: oversize page read up to %d elements / %d characters of text",
            url,
            EXTRACT_MAX_ELEMENTS,
            EXTRACT_MAX_TEXT_CHARS,
        )
    # lxml.html picks each element's Python class in Python whenever it makes a proxy; holding
    # one proxy per element for the whole call makes every later walk over the tree reuse them.
    proxies = list(doc.iter())
    meta = read_meta(doc)
    body = doc.find("body")
    if body is None:
        body = doc
    forced_title = select_first(body, site.title) if site else None
    forced_date = select_first(body, site.dateline) if site else None
    forced_root = select_first(body, site.content) if site else None
    title, title_el = find_title(body, meta, forced_title, url)
    published = find_published(body, meta, title_el, forced_date)
    bylines = by.byline_candidates(body)
    labelled = by.labelled_byline(body, title_el)
    header = by.header_lines(body, title_el) if meta.author else []
    keep = [el for el in (forced_root, title_el, forced_date) if el is not None]
    drops = [css_to_xpath(s) for s in site.drop] if site else []
    body = clean_tree(doc, drop_xpaths=drops, keep=keep)
    roots = [forced_root] if forced_root is not None else find_content_roots(body, after=title_el)
    skip = [el for el in (title_el, forced_date) if el is not None]
    base = meta_base(doc, url)
    blocks = walk(roots, base, skip=skip)
    result = assemble(blocks, title=title)
    forced_author = select_first(body, site.author) if site else None
    # "Nguồn: Báo X" names the writer only when nothing else on the page does.
    source_only = result.signature is not None and by.is_source_line(result.signature)
    author = by.clean_author(result.signature) if result.signature and not source_only else None
    if author is None:
        author = by.find_byline(bylines, doc, forced_author)
    if author is None:
        author = by.clean_author(trailing_signature(roots, base))
    if author is None and forced_author is None:
        author = by.byline_in_article(bylines, roots, published)
    if author is None and forced_author is None:
        author = by.byline_after_article(bylines, roots) or labelled
    if author is None and source_only:
        author = by.clean_author(result.signature)
    if author is None and forced_author is None:
        author = by.shown_meta_author(meta, header)
    author = by.without_site(author, meta)
    published_day: date | None = published.instant.astimezone(VN_TZ).date() if published else None
    captions = [im.caption for im in result.images if im.caption]
    mention_text = _within(result.body + captions, MENTIONS_MAX_CHARS)
    del proxies
    return Article(
        url=url,
        title=title,
        published_at=published.instant.replace(microsecond=0) if published else None,
        event_date=parse_event_date(result.body, published_day),
        location=find_location(result.body),
        author=author,
        body=result.body,
        images=result.images,
        people=_people(mention_text),
        documents=_documents(mention_text, published_day.year if published_day else None),
        canonical_url=meta.canonical,
    )


def _decode(raw: bytes) -> str:
    """Page bytes as NFC text. Non-ASCII bytes that are valid UTF-8 are UTF-8 whatever the page
    declares (``decode_html`` decides so too), and one strict decode tells that far faster than
    its character count; everything else goes through ``decode_html``."""
    if not raw.startswith(codecs.BOM_UTF8) and not raw.isascii():
        try:
            return unicodedata.normalize("NFC", raw.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    return decode_html(raw, None)


def _within(paragraphs: list[str], max_chars: int) -> list[str]:
    """The paragraphs up to ``max_chars`` characters in all, the last one cut at a word boundary:
    the text people and documents are looked for in (their scan costs per character)."""
    out: list[str] = []
    left = max_chars
    for p in paragraphs:
        if len(p) > left:
            cut = p.rfind(" ", 0, left + 1)
            if cut > 0:
                out.append(p[:cut])
            break
        out.append(p)
        left -= len(p)
    return out


def meta_base(doc: etree._Element, url: str) -> str:
    """The URL relative links resolve against: <base href> when the page sets one."""
    base = doc.find(".//base")
    href = base.get("href") if base is not None else None
    return urljoin(url, href.strip()) if href and href.strip() else url


def _people(paragraphs: list[str]) -> list[Person]:
    from etl.extract.people import extract_people

    return extract_people(paragraphs)


def _documents(paragraphs: list[str], year: int | None) -> list[DocumentRef]:
    from etl.extract.documents import extract_documents

    return extract_documents(paragraphs, default_year=year)
