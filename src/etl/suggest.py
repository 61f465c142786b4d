"""One listing page → a proposed ``[[sources]]`` entry, so a province is added without writing a regex.

The links of a listing page fall into families by path shape: article links share a shape whose
varying parts are numbers, dates or long slugs (``/tin-tuc/<slug>-<id>.html``), menus are a few
fixed words, and the pager repeats the listing's own path with a page number. The biggest family
of varying links becomes ``article_url_pattern``; the pager links become ``listing_url_pattern``.
A few articles are then fetched and extracted so the operator sees what the source would give
before adding it. Library code: it returns data and the CLI prints it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

import lxml.html

from etl.discover import links_of
from etl.errors import ConfigError, FeedError, FetchError
from etl.extract import extract_article
from etl.feeds import document_bytes, feed_links, parse_document
from etl.fetch import Fetcher, decode_html
from etl.settings import DEFAULT_SETTINGS, FetchSettings
from etl.urls import canonicalize_url, netloc_of

log = logging.getLogger(__name__)

_NUM = re.compile(r"^\d+$")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_SLUG_ID = re.compile(r"^[a-z0-9-]+-\d+$")
_LOWER_SLUG = re.compile(r"^[a-z0-9-]+$")
#: Query keys portals use for the page number of a listing.
_PAGE_KEYS = re.compile(r"^(page|p|pg|trang|pageindex|pagenum|paged|start)$", re.I)
_PATH_PAGE = re.compile(r"^(.*?)/(page|trang)[-/]?(\d+)/?$", re.I)
#: Words in an anchor from which it reads as a headline rather than a menu item.
HEADLINE_WORDS = 4
#: Host labels that say nothing about which portal it is.
_GENERIC_LABELS = {"www", "gov", "vn", "com", "org", "net", "edu", "portal", "stttt", "sotttt", "so"}


@dataclass
class Preview:
    """What ``extract_article`` made of one sample article (``error`` when it could not)."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    author: str | None = None
    first_line: str | None = None
    error: str | None = None


@dataclass
class Suggestion:
    """A proposed source, the links it was derived from and a preview of its articles."""

    listing_url: str
    source_id: str
    name: str
    article_url_pattern: str
    listing_url_pattern: str | None
    article_urls: list[str]
    listing_urls: list[str]
    other_urls: list[str]
    feeds: list[str] = field(default_factory=list)
    #: The first announced feed on the page's host that could be read: (URL, entries, entries
    #: matching ``article_url_pattern``); None when there is none.
    feed_check: tuple[str, int, int] | None = None
    previews: list[Preview] = field(default_factory=list)

    def toml(self) -> str:
        """The ``[[sources]]`` block, ready to paste into a sources file."""
        lines = [
            "[[sources]]",
            f"id = {_basic(self.source_id)}",
            f"name = {_basic(self.name)}",
            'kind = "province"  # or "ministry"',
            f"start_urls = [{_basic(self.listing_url)}]",
            f"article_url_pattern = {_regex(self.article_url_pattern)}",
        ]
        if self.listing_url_pattern:
            lines.append(f"listing_url_pattern = {_regex(self.listing_url_pattern)}")
        lines.append(f"max_listing_pages = {DEFAULT_SETTINGS.crawl.max_listing_pages}")
        if self.feed_check and self.feed_check[2]:
            url, total, matching = self.feed_check
            lines += [
                f"# the page announces a feed: {matching} of its {total} entries match article_url_pattern.",
                "# To read it instead of walking the listing pages (fewer requests; a feed holds only the",
                "# newest items), uncomment:",
                '# discover = "feeds"',
                f"# feed_urls = [{_basic(url)}]",
            ]
        elif self.feeds:
            lines.append(
                f"# the page announces a feed ({self.feeds[0]}) but no entry of it matched article_url_pattern"
            )
        return "\n".join(lines) + "\n"


def _basic(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _regex(pattern: str) -> str:
    """A TOML literal string when possible, so the regex reads as written."""
    return f"'{pattern}'" if "'" not in pattern and "\n" not in pattern else _basic(pattern)


# --- path shapes -------------------------------------------------------------------------------


def _split(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    parts = urlsplit(url)
    return [s for s in parts.path.split("/") if s], parse_qsl(parts.query, keep_blank_values=True)


def _stem_ext(segment: str) -> tuple[str, str]:
    stem, dot, ext = segment.rpartition(".")
    return (stem, "." + ext) if dot and stem and ext.isalnum() and len(ext) <= 5 else (segment, "")


def _varies(value: str) -> bool:
    """Could this path piece be one article's own (id, date, slug) rather than a fixed word?"""
    stem, _ = _stem_ext(value)
    return bool(
        _NUM.match(stem)
        or _DATE.match(stem)
        or any(c.isdigit() for c in stem)
        or stem.count("-") + stem.count("_") >= 3
        or len(stem) >= 25
    )


def _shape(url: str) -> tuple:
    """A family key: fixed words kept, varying pieces replaced by their kind."""
    segments, query = _split(url)
    key: list[str] = []
    for seg in segments:
        stem, ext = _stem_ext(seg)
        if not _varies(seg):
            key.append(seg)
        elif _NUM.match(stem):
            key.append("<num>" + ext)
        elif _DATE.match(stem):
            key.append("<date>" + ext)
        else:
            key.append("<slug>" + ext)
    return tuple(key), tuple(k for k, _ in query)


def _escape(text: str) -> str:
    """``re.escape`` without escaping ``-`` and ``/``, so the pattern reads like the URL."""
    return re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", text)


def _piece_regex(values: list[str]) -> str:
    """The narrowest of our classes that matches every value seen at one position."""
    if len(set(values)) == 1:
        return _escape(values[0])
    stems, exts = zip(*(_stem_ext(v) for v in values), strict=True)
    ext = _escape(exts[0]) if len(set(exts)) == 1 else r"(\.\w+)?"
    if all(_NUM.match(s) for s in stems):
        return r"\d+" + ext
    if all(_DATE.match(s) for s in stems):
        return r"\d{4}-\d{1,2}-\d{1,2}" + ext
    if all(_SLUG_ID.match(s) for s in stems):
        return r"[a-z0-9-]+-\d+" + ext
    if all(_LOWER_SLUG.match(s) for s in stems):
        return r"[a-z0-9-]+" + ext
    return r"[^/?#]+" + ext


def article_pattern(urls: list[str]) -> str:
    """A regex matching every URL of one family (and, by its classes, their future siblings)."""
    split = [_split(u) for u in urls]
    path = "/" + "/".join(_piece_regex([s[0][i] for s in split]) for i in range(len(split[0][0])))
    if all(urlsplit(u).path.endswith("/") for u in urls):
        path += "/"
    query = ""
    if split[0][1]:
        pairs = [
            f"{_escape(k)}={_piece_regex([s[1][i][1] for s in split]).replace('[^/?#]', '[^&#]')}"
            for i, (k, _) in enumerate(split[0][1])
        ]
        query = r"\?" + "&".join(pairs)
    return path + query + "$"


def listing_pattern(listing_url: str, links: list[str]) -> tuple[str | None, list[str]]:
    """The pager: links to the listing's own path with a page number (query or ``/page/N``)."""
    base = urlsplit(listing_url)
    path = base.path.rstrip("/") or "/"
    found: dict[str, list[str]] = defaultdict(list)
    for url in links:
        parts = urlsplit(url)
        if parts.path.rstrip("/") == path.rstrip("/"):
            for key, value in parse_qsl(parts.query):
                if _PAGE_KEYS.match(key) and value.isdigit():
                    found[f"query:{key}"].append(url)
        elif (m := _PATH_PAGE.match(parts.path)) and (m.group(1).rstrip("/") or "/") == path:
            found[f"path:{m.group(2)}"].append(url)
    if not found:
        return None, []
    how, urls = max(found.items(), key=lambda kv: len(kv[1]))
    kind, key = how.split(":", 1)
    if kind == "query":
        return _escape(path) + r"\?(.*&)?" + _escape(key) + r"=\d+", list(dict.fromkeys(urls))
    return _escape(path) + "/" + _escape(key) + r"[-/]?\d+/?$", list(dict.fromkeys(urls))


def group_links(page_url: str, links: list[str]) -> dict[tuple, list[str]]:
    """Same-host links (not the page itself) by path shape, each family in first-seen order."""
    host = netloc_of(page_url)
    groups: dict[tuple, list[str]] = defaultdict(list)
    for url in dict.fromkeys(links):
        if netloc_of(url) != host or url == page_url or urlsplit(url).path in ("", "/"):
            continue
        groups[_shape(url)].append(url)
    return groups


def _varying(urls: list[str]) -> bool:
    """Does some path piece or query value differ between the family's links (an id, a slug)?"""
    split = [_split(u) for u in urls]
    paths = {tuple(p) for p, _ in split}
    queries = {tuple(v for _, v in q) for _, q in split}
    return len(paths) > 1 or len(queries) > 1


def anchor_words(html: str, page_url: str) -> dict[str, int]:
    """Per link, the most words any of its anchors shows: a headline has several, a menu item few."""
    words: dict[str, int] = {}
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return words
    for a in doc.iterfind(".//a[@href]"):
        try:
            url = canonicalize_url((a.get("href") or "").strip(), page_url)
        except ValueError:
            continue
        count = len(a.text_content().split())
        words[url] = max(words.get(url, 0), count)
    return words


def _article_family(groups: dict[tuple, list[str]], pager: set[str], words: dict[str, int]) -> list[str] | None:
    """The family most likely to be articles: the most links, a link titled like a headline counting double.

    Only families whose links differ in a path piece or a query value qualify: a menu of fixed
    words never does, and a menu of ``?tabid=N`` links is outweighed by the headlines.
    """
    best: list[str] | None = None
    best_score: tuple[int, float] = (0, 0.0)
    for urls in groups.values():
        urls = [u for u in urls if u not in pager]
        if len(urls) < 2 or not _varying(urls):
            continue
        weight = sum(2 if words.get(u, 0) >= HEADLINE_WORDS else 1 for u in urls)
        score = (weight, sum(len(u) for u in urls) / len(urls))
        if score > best_score:
            best, best_score = urls, score
    return best


def _source_id(host: str) -> str:
    labels = [x for x in host.split(":")[0].lower().split(".") if x and not x.isdigit()]
    useful = [x for x in labels if x not in _GENERIC_LABELS]
    sid = re.sub(r"[^a-z0-9_-]+", "-", (useful[-1] if useful else "new-source")).strip("-")
    return sid[:63] or "new-source"


def _site_name(html: str) -> str:
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return "TODO: portal name"
    for meta in doc.iterfind(".//meta[@property='og:site_name']"):
        if content := (meta.get("content") or "").strip():
            return content
    title = " ".join((doc.findtext(".//title") or "").split())
    parts = [p.strip() for p in re.split(r"\s[|\-–—]\s", title) if p.strip()]
    return parts[-1] if parts else "TODO: portal name"


# --- the command's library half -----------------------------------------------------------------


def suggest_source(
    url: str, *, max_articles: int = 3, settings: FetchSettings | None = None, allow_private_networks: bool = False
) -> Suggestion:
    """Read one listing page politely and propose a source for it (see the module docstring).

    Raises ``ConfigError`` for a URL that is not absolute http(s), ``FetchError`` when the page
    cannot be read or shows no family of article links.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"not an absolute http(s) URL: {url!r}", key="URL")
    if max_articles < 0:
        raise ConfigError("must be ≥ 0", key="--max-articles")
    url = canonicalize_url(url.strip())
    settings = settings or DEFAULT_SETTINGS.fetch
    with Fetcher(settings, allowed_netlocs=[netloc_of(url)], allow_private_networks=allow_private_networks) as fetcher:
        page = fetcher.get(url)
        if page.error or page.body is None:
            raise FetchError(url, page.error or "no body")
        page_url = canonicalize_url(page.final_url or url)
        html = decode_html(page.body, page.content_type)
        links = links_of(html, page_url)
        pager_regex, pager_urls = listing_pattern(page_url, links)
        groups = group_links(page_url, links)
        family = _article_family(groups, set(pager_urls), anchor_words(html, page_url))
        if family is None:
            raise FetchError(url, "no family of article-like links on this page (is it a listing page?)")
        pattern = article_pattern(family)
        others = [u for urls in groups.values() for u in urls if u not in family and u not in pager_urls]
        suggestion = Suggestion(
            listing_url=page_url,
            source_id=_source_id(netloc_of(page_url)),
            name=_site_name(html),
            article_url_pattern=pattern,
            listing_url_pattern=pager_regex,
            article_urls=family,
            listing_urls=pager_urls,
            other_urls=others,
            feeds=feed_links(html, page_url),
        )
        suggestion.feed_check = _check_feeds(fetcher, suggestion)
        for article_url in family[:max_articles]:
            suggestion.previews.append(_preview(fetcher, article_url))
    log.info("%s: %d article link(s) -> %s; pager %s", url, len(family), pattern, pager_regex)
    return suggestion


def _check_feeds(fetcher: Fetcher, suggestion: Suggestion) -> tuple[str, int, int] | None:
    """Read the first announced feed on the page's host: how many of its entries are articles?"""
    pattern = re.compile(suggestion.article_url_pattern)
    host = netloc_of(suggestion.listing_url)
    for url in suggestion.feeds:
        if netloc_of(url) != host:
            continue
        result = fetcher.get(url, expect_html=False)
        if result.error or result.body is None:
            continue
        try:
            doc = parse_document(document_bytes(result.body, result.content_type, fetcher.settings.max_bytes), url)
        except FeedError:
            continue
        if doc.kind in ("rss", "atom"):
            links = [canonicalize_url(e.url) for e in doc.entries]
            return url, len(links), sum(1 for u in links if netloc_of(u) == host and pattern.search(u))
    return None


def _preview(fetcher: Fetcher, url: str) -> Preview:
    result = fetcher.get(url)
    if result.error or result.body is None:
        return Preview(url=url, error=result.error or "no body")
    try:
        article = extract_article(decode_html(result.body, result.content_type), result.final_url or url)
    except Exception as exc:  # noqa: BLE001 - a preview shows the failure, it must not stop the command
        return Preview(url=url, error=f"extraction failed: {type(exc).__name__}: {exc}")
    return Preview(
        url=url,
        title=article.title,
        published_at=article.published_at,
        author=article.author,
        first_line=article.body[0] if article.body else None,
    )
