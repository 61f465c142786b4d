"""Listing pages, feeds or sitemaps → the canonical URLs of articles not stored yet.

Pagination is followed only through links matching the source's ``listing_url_pattern`` and
only up to ``max_listing_pages``, so a pager that never ends still ends here. Feeds and
sitemaps (``discover`` = ``feeds`` / ``sitemaps`` / ``auto``) name the new articles in one or
two requests; they are read up to ``max_feed_documents`` per run, a sitemap index one level
deep only, and whatever they give passes the same ``article_url_pattern`` and host checks.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import lxml.html

from etl.config import Source
from etl.errors import FeedError
from etl.feeds import Document, document_bytes, feed_links, parse_document
from etl.fetch import Fetcher, FetchResult, decode_html
from etl.raw import RawStore
from etl.settings import DEFAULT_SETTINGS
from etl.urls import canonicalize_url, netloc_of

log = logging.getLogger(__name__)


#: What a previous run saw of a listing URL: (ETag, Last-Modified, sha256 of the raw page).
Validators = dict[str, tuple[str | None, str | None, str | None]]


@dataclass
class Discovery:
    """What reading one source's listing pages found."""

    source_id: str
    listing_pages: int = 0
    listing_unchanged: int = 0
    #: New article URLs (canonical, first-seen order).
    article_urls: list[str] = field(default_factory=list)
    #: Article URLs found but already stored.
    known: int = 0
    #: Article URLs found but not to be asked for again (gone, refused, failed too often).
    skipped: int = 0
    fetches: list[FetchResult] = field(default_factory=list)
    #: sha256 of the raw listing page of each fetch (None when no body was kept).
    fetch_shas: list[str | None] = field(default_factory=list)
    #: What each fetch was: ``listing``, ``feed`` or ``sitemap`` (the fetch log's kind).
    fetch_kinds: list[str] = field(default_factory=list)
    #: Feed and sitemap documents requested.
    feed_documents: int = 0
    #: How the article URLs were found: ``listings``, ``feeds`` or ``sitemaps``.
    method: str = "listings"
    #: Feeds/sitemaps that could not be used, as ``"URL: reason"`` (the run carries on without them).
    feed_errors: list[str] = field(default_factory=list)
    #: Set when the declared way of discovery gave nothing at all: the source failed tonight.
    error: str | None = None


def links_of(html: str, page_url: str) -> list[str]:
    """Every ``<a href>`` of a page, absolute and canonical, in document order (duplicates kept)."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = page_url
    for el in doc.iterfind(".//base[@href]"):
        base = canonicalize_url(el.get("href", ""), base)
        break
    links = []
    for a in doc.iterfind(".//a[@href]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        try:
            links.append(canonicalize_url(href, base))
        except ValueError:
            continue
    return links


def classify_links(source: Source, links: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split links into (article URLs, listing URLs) on the source's own hosts."""
    allowed = source.allowed_netlocs
    articles: list[str] = []
    listings: list[str] = []
    for url in links:
        if netloc_of(url) not in allowed:
            continue
        if source.is_article_url(url):
            articles.append(url)
        elif source.is_listing_url(url):
            listings.append(url)
    return articles, listings


class _Discoverer:
    """One source's discovery in one run: the fetches, the raw pages and the links found so far."""

    def __init__(
        self, source: Source, fetcher: Fetcher, raw: RawStore | None, validators: Validators, max_feed_documents: int
    ) -> None:
        self.source = source
        self.fetcher = fetcher
        self.raw = raw
        self.validators = validators
        self.documents_left = max_feed_documents
        self.result = Discovery(source_id=source.id)
        self.found: dict[str, None] = {}

    def fetch(self, url: str, kind: str) -> tuple[FetchResult, bytes | None]:
        """GET ``url`` (conditionally when seen before); a 304 gives back the body kept last time."""
        etag, modified, previous_sha = self.validators.get(url, (None, None, None))
        raw = self.raw
        if raw is None or previous_sha is None or previous_sha not in raw:
            etag = modified = None
        page = self.fetcher.get(url, etag=etag, last_modified=modified, expect_html=kind == "listing")
        body = page.body
        sha = raw.put(body) if raw is not None and body is not None else None
        if page.not_modified and raw is not None and previous_sha is not None:
            if kind == "listing":
                self.result.listing_unchanged += 1
            body, sha = raw.get(previous_sha), previous_sha
            log.info("%s: %s %s unchanged since last run (read from raw)", self.source.id, kind, url)
        self.result.fetches.append(page)
        self.result.fetch_shas.append(sha)
        self.result.fetch_kinds.append(kind)
        if body is None or not (page.ok or page.not_modified):
            log.warning("%s: %s %s failed: %s", self.source.id, kind, url, page.error)
            return page, None
        return page, body

    # --- listings ------------------------------------------------------------------------
    def listing_page(self, url: str) -> tuple[list[str], str | None]:
        """Read one listing page: its article links are kept, its listing links returned."""
        self.result.listing_pages += 1
        page, body = self.fetch(url, "listing")
        if body is None:
            return [], None
        html = decode_html(body, page.content_type)
        articles, listings = classify_links(self.source, links_of(html, page.final_url or url))
        for article in articles:
            self.found.setdefault(article, None)
        return listings, html

    def walk(self, queue: deque[str], queued: set[str], max_listing_pages: int) -> None:
        while queue and self.result.listing_pages < max_listing_pages:
            for listing in self.listing_page(queue.popleft())[0]:
                if listing not in queued:
                    queued.add(listing)
                    queue.append(listing)

    # --- feeds and sitemaps --------------------------------------------------------------
    def document(self, url: str, kind: str) -> Document | None:
        """Fetch and parse one feed or sitemap; a failure is recorded against its URL, never raised."""
        if self.documents_left <= 0:
            self.fail(url, f"not read: max_feed_documents ({self.result.feed_documents}) reached")
            return None
        self.documents_left -= 1
        self.result.feed_documents += 1
        page, body = self.fetch(url, kind)
        if body is None:
            self.fail(url, page.error or "no body")
            return None
        try:
            doc = parse_document(
                document_bytes(body, page.content_type, self.fetcher.settings.max_bytes), page.final_url or url
            )
        except FeedError as exc:
            self.fail(url, str(exc))
            return None
        if doc.truncated:
            log.warning(
                "%s: %s %s lists %d entries too many; the rest are ignored", self.source.id, kind, url, doc.truncated
            )
        return doc

    def fail(self, url: str, reason: str) -> None:
        log.warning("%s: cannot use %s: %s", self.source.id, url, reason)
        self.result.feed_errors.append(f"{url}: {reason}")

    def keep_entries(self, doc: Document, url: str) -> int:
        """Add the document's article links; entries off the source's hosts or pattern are ignored."""
        kept = 0
        allowed = self.source.allowed_netlocs
        for entry in doc.entries:
            try:
                link = canonicalize_url(entry.url)
            except ValueError:
                continue
            if netloc_of(link) in allowed and self.source.is_article_url(link):
                self.found.setdefault(link, None)
                kept += 1
        log.info("%s: %s gives %d article link(s) of %d entries", self.source.id, url, kept, len(doc.entries))
        return kept

    def read_feeds(self, urls: Iterable[str], *, need_articles: bool = False) -> bool:
        """True when at least one feed was read (even one with no new entry).

        With ``need_articles`` (auto mode) a feed counts only if some entry is an article of this
        source: a portal's site-wide or other-section feed must not stop the listing walk.
        """
        read = False
        for url in urls:
            doc = self.document(url, "feed")
            if doc is None:
                continue
            if doc.kind not in ("rss", "atom"):
                self.fail(url, f"is a sitemap ({doc.kind}), not a feed: list it in sitemap_urls")
                continue
            read = self.keep_entries(doc, url) > 0 or not need_articles or read
        return read

    def read_sitemaps(self, urls: Iterable[str], *, need_articles: bool = False) -> bool:
        """True when at least one sitemap was read. An index is followed one level, newest first.

        ``need_articles`` as for :meth:`read_feeds`.
        """
        read = False
        for url in urls:
            doc = self.document(url, "sitemap")
            if doc is None:
                continue
            if doc.kind in ("rss", "atom"):
                self.fail(url, f"is a feed ({doc.kind}), not a sitemap: list it in feed_urls")
                continue
            if not doc.is_index:
                read = self.keep_entries(_newest_first(doc), url) > 0 or not need_articles or read
                continue
            read = read or not need_articles
            for child in _newest_first(doc).entries:
                if netloc_of(child.url) not in self.source.allowed_netlocs:
                    self.fail(child.url, "sitemap on a foreign host, not followed")
                    continue
                sub = self.document(child.url, "sitemap")
                if sub is None:
                    continue
                if sub.is_index:
                    self.fail(child.url, "nested sitemap index, not followed (one level only)")
                    continue
                read = self.keep_entries(_newest_first(sub), child.url) > 0 or read
        return read

    def robots_sitemaps(self) -> list[str]:
        """The ``Sitemap:`` lines of the robots.txt of every start URL's origin (the fetcher's copy)."""
        found: list[str] = []
        for url in self.source.start_urls:
            found.extend(u for u in self.fetcher.robots_sitemaps(url) if u not in found)
        return found


def _newest_first(doc: Document) -> Document:
    """Entries with the latest date first (undated ones last, in document order)."""
    dated = sorted((e for e in doc.entries if e.updated), key=lambda e: e.updated, reverse=True)
    return replace(doc, entries=tuple(dated) + tuple(e for e in doc.entries if not e.updated))


def discover(
    source: Source,
    fetcher: Fetcher,
    *,
    max_listing_pages: int,
    known: set[str] | None = None,
    skip: set[str] | None = None,
    raw: RawStore | None = None,
    validators: Validators | None = None,
    max_feed_documents: int = DEFAULT_SETTINGS.crawl.max_feed_documents,
) -> Discovery:
    """Collect the source's new article URLs the way its ``discover`` key says.

    ``listings`` reads listing pages breadth-first from the start URLs. ``feeds`` / ``sitemaps``
    read only the declared documents; when none can be read the source fails tonight (``error``).
    ``auto`` reads the start pages, then the feeds they announce (and ``feed_urls``), else the
    sitemaps of robots.txt (and ``sitemap_urls``), else walks the listings as ``listings`` would.

    With ``validators`` the requests are conditional; a page answered 304 is read back from the
    raw page kept last time, so pagination and the found/known counts stay complete while the
    portal sends no body.
    """
    d = _Discoverer(source, fetcher, raw, validators or {}, max_feed_documents)
    result = d.result
    queue = deque(dict.fromkeys(canonicalize_url(u) for u in source.start_urls))
    queued = set(queue)
    mode = source.discover
    if mode == "listings":
        d.walk(queue, queued, max_listing_pages)
    elif mode == "feeds":
        result.method = "feeds"
        if not d.read_feeds(source.feed_urls):
            result.error = f"no feed could be read ({result.feed_errors[0]})"
    elif mode == "sitemaps":
        result.method = "sitemaps"
        if not d.read_sitemaps(source.sitemap_urls):
            result.error = f"no sitemap could be read ({result.feed_errors[0]})"
    else:
        announced: list[str] = list(source.feed_urls)
        while queue and result.listing_pages < min(max_listing_pages, len(source.start_urls)):
            url = queue.popleft()
            listings, html = d.listing_page(url)
            for listing in listings:
                if listing not in queued:
                    queued.add(listing)
                    queue.append(listing)
            if html is not None:
                announced.extend(f for f in feed_links(html, url) if f not in announced)
        if announced and d.read_feeds(announced, need_articles=True):
            result.method = "feeds"
        elif (sitemaps := list(dict.fromkeys([*source.sitemap_urls, *d.robots_sitemaps()]))) and d.read_sitemaps(
            sitemaps, need_articles=True
        ):
            result.method = "sitemaps"
        else:
            log.info("%s: no usable feed or sitemap; walking the listing pages", source.id)
            d.walk(queue, queued, max_listing_pages)
    for url in d.found:
        if known and url in known:
            result.known += 1
        elif skip and url in skip:
            result.skipped += 1
        else:
            result.article_urls.append(url)
    if result.error:
        log.error("%s: %s", source.id, result.error)
    log.info(
        "%s: via %s: %d listing page(s), %d feed/sitemap document(s), %d new article(s), %d already stored, %d skipped",
        source.id,
        result.method,
        result.listing_pages,
        result.feed_documents,
        len(result.article_urls),
        result.known,
        result.skipped,
    )
    return result
