"""Feeds (RSS 2.0, Atom) and sitemaps (urlset, sitemap index, gzip) → article links.

A portal's feed or sitemap names its new articles in one request, where a listing walk takes
several pages. These documents come from the open web, so they are parsed as hostile input:
no DTD is loaded, no entity is expanded, nothing is fetched by the parser, a gzip body is
decompressed only up to a cap, and any document that declares entities is refused outright
(entity expansion is the classic XML bomb). Every refusal is a :class:`~etl.errors.FeedError`
whose message says what was wrong, so the caller can log it against the URL and move on.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from etl.errors import FeedError

#: Content types a feed or sitemap may be served with; a gzip sitemap comes as a gzip body.
XML_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
    }
)
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/gzip-compressed"})
#: Served by misconfigured portals for real XML: accepted only when the bytes look like XML.
SNIFFED_TYPES = frozenset({"text/plain", "application/octet-stream", "binary/octet-stream"})
#: ``<link rel="alternate" type=…>`` values that announce a feed.
FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
#: The sitemap protocol's own limit; a document claiming more is cut here.
MAX_ENTRIES = 50_000

_ATOM = "{http://www.w3.org/2005/Atom}"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


@dataclass(frozen=True)
class Entry:
    """One link a feed or sitemap gives, with the date it carries (None when it has none)."""

    url: str
    updated: datetime | None = None


@dataclass(frozen=True)
class Document:
    """A parsed feed or sitemap. ``kind``: ``rss``, ``atom``, ``urlset`` or ``sitemapindex``."""

    kind: str
    entries: tuple[Entry, ...]
    #: Entries beyond :data:`MAX_ENTRIES`, dropped.
    truncated: int = 0

    @property
    def is_index(self) -> bool:
        return self.kind == "sitemapindex"


def _mime(content_type: str | None) -> str | None:
    return content_type.split(";", 1)[0].strip().lower() or None if content_type else None


def gunzip(body: bytes, max_bytes: int) -> bytes:
    """Decompress a gzip body, refusing to produce more than ``max_bytes`` (a gzip bomb stops here)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FeedError(f"bad gzip data ({exc})") from exc
    if len(out) > max_bytes or d.unconsumed_tail:
        raise FeedError(f"gzip body expands beyond {max_bytes} bytes (refused)")
    if not d.eof:
        raise FeedError("truncated gzip data")
    return out


def document_bytes(body: bytes, content_type: str | None, max_bytes: int) -> bytes:
    """The XML bytes of a fetched feed/sitemap: content type checked, gzip undone under the cap."""
    mime = _mime(content_type)
    gz = body[:2] == b"\x1f\x8b"
    if mime in GZIP_TYPES or (gz and (mime is None or mime in SNIFFED_TYPES)):
        if not gz:
            raise FeedError(f"served as {mime} but the body is not gzip")
        body = gunzip(body, max_bytes)
    elif mime is not None and mime not in XML_TYPES and not mime.endswith("+xml"):
        if mime not in SNIFFED_TYPES or not _looks_like_xml(body):
            raise FeedError(f"served as {mime}, not XML")
    return body


def _looks_like_xml(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex"))


def _parser() -> lxml.etree.XMLParser:
    # No DTD, no entity substitution, no network, no huge trees: nothing in the document can
    # make the parser read files, open sockets or grow memory beyond the bytes it was given.
    return lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_document(xml: bytes, base_url: str) -> Document:
    """Parse a feed or sitemap; relative links resolve against ``base_url``."""
    if not xml.strip():
        raise FeedError("empty document")
    if _DOCTYPE.search(xml, 0, 8192) and b"<!ENTITY" in xml:
        raise FeedError("the document declares XML entities (refused: entity expansion)")
    try:
        root = lxml.etree.fromstring(xml, _parser())
    except lxml.etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML ({exc.msg.strip()})") from exc
    if root is None:
        raise FeedError("empty document")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FeedError("the document declares XML entities (refused: entity expansion)")
    name = lxml.etree.QName(root).localname.lower()
    if name == "rss" or name == "rdf":
        entries = list(_rss_entries(root, base_url))
        kind = "rss"
    elif name == "feed":
        entries = list(_atom_entries(root, base_url))
        kind = "atom"
    elif name in ("urlset", "sitemapindex"):
        entries = list(_sitemap_entries(root, base_url))
        kind = name
    else:
        raise FeedError(f"not a feed or sitemap (root element <{name}>)")
    truncated = max(0, len(entries) - MAX_ENTRIES)
    return Document(kind=kind, entries=tuple(entries[:MAX_ENTRIES]), truncated=truncated)


def _local(el: lxml.etree._Element) -> str:
    return lxml.etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


def _children(el: lxml.etree._Element, name: str) -> list[lxml.etree._Element]:
    return [c for c in el if _local(c) == name]


def _text(el: lxml.etree._Element, name: str) -> str | None:
    for c in _children(el, name):
        value = (c.text or "").strip()
        if value:
            return value
    return None


def _absolute(href: str | None, base_url: str) -> str | None:
    if not href or not href.strip():
        return None
    url = urljoin(base_url, href.strip())
    return url if url.startswith(("http://", "https://")) else None


def _rss_entries(root: lxml.etree._Element, base_url: str):
    items = [el for el in root.iter() if _local(el) == "item"]
    for item in items:
        link = _text(item, "link")
        if link is None:
            guid = next(iter(_children(item, "guid")), None)
            if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
                link = (guid.text or "").strip() or None
        url = _absolute(link, base_url)
        if url:
            yield Entry(url, parse_date(_text(item, "pubdate") or _text(item, "date")))


def _atom_entries(root: lxml.etree._Element, base_url: str):
    for entry in _children(root, "entry"):
        href = None
        for link in _children(entry, "link"):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                href = link.get("href")
                break
        url = _absolute(href, base_url)
        if url:
            yield Entry(url, parse_date(_text(entry, "updated") or _text(entry, "published")))


def _sitemap_entries(root: lxml.etree._Element, base_url: str):
    for node in root:
        if _local(node) not in ("url", "sitemap"):
            continue
        url = _absolute(_text(node, "loc"), base_url)
        if url:
            yield Entry(url, parse_date(_text(node, "lastmod")))


def parse_date(value: str | None) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemap) date, in UTC; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return (when.replace(tzinfo=UTC) if when.tzinfo is None else when).astimezone(UTC)


def feed_links(html: str, page_url: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate" type="application/rss+xml|atom+xml">``."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[str] = []
    for link in doc.iterfind(".//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        ctype = (link.get("type") or "").split(";", 1)[0].strip().lower()
        if "alternate" in rel and ctype in FEED_LINK_TYPES:
            url = _absolute(link.get("href"), page_url)
            if url and url not in found:
                found.append(url)
    return found
