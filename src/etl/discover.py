"""Listing pages → the canonical URLs of articles not stored yet.

Pagination is followed only through links matching the source's ``listing_url_pattern`` and
only up to ``max_listing_pages``, so a pager that never ends still ends here.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import lxml.html

from etl.config import Source
from etl.fetch import Fetcher, FetchResult, decode_html
from etl.raw import RawStore
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


def discover(source: Source, fetcher: Fetcher, *, max_listing_pages: int, known: set[str] | None = None,
             skip: set[str] | None = None, raw: RawStore | None = None,
             validators: Validators | None = None) -> Discovery:
    """Read listing pages breadth-first from the start URLs and collect new article URLs.

    With ``validators`` the requests are conditional; a listing answered 304 is read back from
    the raw page kept last time, so pagination and the found/known counts stay complete while
    the portal sends no body.
    """
    result = Discovery(source_id=source.id)
    validators = validators or {}
    queue = deque(canonicalize_url(u) for u in source.start_urls)
    queued = set(queue)
    found: dict[str, None] = {}
    while queue and result.listing_pages < max_listing_pages:
        url = queue.popleft()
        etag, modified, previous_sha = validators.get(url, (None, None, None))
        if raw is None or previous_sha is None or previous_sha not in raw:
            etag = modified = None
        page = fetcher.get(url, etag=etag, last_modified=modified)
        result.listing_pages += 1
        body = page.body
        sha = raw.put(body) if raw is not None and body is not None else None
        if page.not_modified and raw is not None and previous_sha is not None:
            result.listing_unchanged += 1
            body, sha = raw.get(previous_sha), previous_sha
            log.info("%s: listing %s unchanged since last run (read from raw)", source.id, url)
        result.fetches.append(page)
        result.fetch_shas.append(sha)
        if body is None or not (page.ok or page.not_modified):
            log.warning("%s: listing %s failed: %s", source.id, url, page.error)
            continue
        articles, listings = classify_links(source, links_of(decode_html(body, page.content_type),
                                                             page.final_url or url))
        for article in articles:
            found.setdefault(article, None)
        for listing in listings:
            if listing not in queued:
                queued.add(listing)
                queue.append(listing)
    for url in found:
        if known and url in known:
            result.known += 1
        elif skip and url in skip:
            result.skipped += 1
        else:
            result.article_urls.append(url)
    log.info("%s: %d listing page(s), %d new article(s), %d already stored, %d skipped", source.id,
             result.listing_pages, len(result.article_urls), result.known, result.skipped)
    return result
