"""Discovery against a real server: pagination bounded, links canonical, foreign hosts ignored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.config import parse_config
from etl.discover import discover, links_of
from etl.fetch import Fetcher
from etl.fixtures.site import SiteServer, load_site
from etl.raw import RawStore

SITES = Path(__file__).parent / "sites"


@pytest.fixture
def pager_site() -> Iterator[SiteServer]:
    site = load_site("pager", SITES)
    site.start()
    yield site
    site.stop()


def _source(base: str, **extra: str):
    text = f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
retries = 0
[[sources]]
id = "demo"
name = "Sở TT&TT"
kind = "province"
start_urls = ["{base}/tin-hoat-dong"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
listing_url_pattern = '/tin-hoat-dong(\\?page=\\d+)?$'
"""
    cfg = parse_config(text)
    return cfg.sources[0], cfg


def test_links_are_absolute_canonical_and_skip_non_http() -> None:
    html = (Path(SITES, "pager", "listing-1.html")).read_text(encoding="utf-8")
    links = links_of(html, "http://portal.example.vn/tin-hoat-dong")
    assert "http://portal.example.vn/tin/hoi-nghi-2.html" in links
    assert "http://portal.example.vn/tin/hoi-nghi-3.html" in links
    assert not any(link.startswith(("javascript", "mailto")) or "utm_" in link or "#" in link for link in links)


def test_follows_pages_up_to_the_limit_dedups_and_skips_known(pager_site: SiteServer) -> None:
    source, cfg = _source(pager_site.base_url)
    base = pager_site.base_url
    with Fetcher(source.fetch, allowed_netlocs=source.allowed_netlocs, allow_private_networks=True) as f:
        found = discover(source, f, max_listing_pages=2, known={f"{base}/tin/hoi-nghi-1.html"})
    assert found.listing_pages == 2
    assert found.article_urls == [f"{base}/tin/hoi-nghi-2.html", f"{base}/tin/hoi-nghi-3.html",
                                  f"{base}/tin/hoi-nghi-4.html"]
    assert found.known == 1
    listing_paths = [p for p in pager_site.requests if p.startswith("/tin-hoat-dong")]
    assert listing_paths == ["/tin-hoat-dong", "/tin-hoat-dong?page=2"]
    assert not any(p.startswith("/tin/") for p in pager_site.requests)


def test_reads_every_page_when_allowed_and_stops_at_missing_ones(pager_site: SiteServer) -> None:
    source, _ = _source(pager_site.base_url)
    with Fetcher(source.fetch, allowed_netlocs=source.allowed_netlocs, allow_private_networks=True) as f:
        found = discover(source, f, max_listing_pages=10)
    assert [u.rsplit("/", 1)[1] for u in found.article_urls] == [
        "hoi-nghi-1.html", "hoi-nghi-2.html", "hoi-nghi-3.html", "hoi-nghi-4.html", "hoi-nghi-5.html"]
    assert found.listing_pages == 4
    assert [r.status for r in found.fetches] == [200, 200, 200, 404]


def test_unchanged_listing_is_read_from_raw_and_pagination_continues(pager_site: SiteServer,
                                                                     tmp_path) -> None:
    source, _ = _source(pager_site.base_url)
    raw = RawStore(tmp_path)
    with Fetcher(source.fetch, allowed_netlocs=source.allowed_netlocs, allow_private_networks=True) as f:
        first = discover(source, f, max_listing_pages=2, raw=raw)
        validators = {p.url: (p.etag, p.last_modified, sha)
                      for p, sha in zip(first.fetches, first.fetch_shas, strict=True)}
        pager_site.requests.clear()
        again = discover(source, f, max_listing_pages=2, raw=raw, validators=validators,
                         known=set(first.article_urls[:2]))
    assert all(first.fetch_shas) and all(p.etag for p in first.fetches)
    assert [p.status for p in again.fetches] == [304, 304]
    assert again.listing_unchanged == 2
    assert again.known == 2 and again.article_urls == first.article_urls[2:]


@pytest.fixture
def feeds_site() -> Iterator[SiteServer]:
    site = load_site("feeds", SITES)
    site.start()
    yield site
    site.stop()


def _feed_source(base: str, lines: str):
    text = f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
retries = 0
max_bytes = 1000000
[[sources]]
id = "feedy"
name = "Sở TT&TT"
kind = "province"
start_urls = ["{base}/tin-tuc"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
listing_url_pattern = '/tin-tuc\\?page=\\d+$'
{lines}
"""
    return parse_config(text).sources[0]


def _discover(site: SiteServer, lines: str, **kwargs):
    source = _feed_source(site.base_url, lines)
    with Fetcher(source.fetch, allowed_netlocs=source.allowed_netlocs, allow_private_networks=True) as f:
        return discover(source, f, max_listing_pages=5, **kwargs)


def test_feed_entries_filtered_canonical_and_known_skipped(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    found = _discover(feeds_site, f'discover = "feeds"\nfeed_urls = ["{base}/rss/tin-tuc.rss"]',
                      known={f"{base}/tin/khai-truong-trung-tam.html"})
    # utm_ dropped; /gioi-thieu (pattern) and the other host ignored; the robots-blocked one is left
    # to the fetcher, which refuses it as for a listing link.
    assert found.article_urls == [f"{base}/tin/hoi-nghi-giao-ban.html", f"{base}/tin/bi-chan.html"]
    assert found.known == 1 and found.method == "feeds" and found.error is None
    assert found.listing_pages == 0 and found.feed_documents == 1 and found.fetch_kinds == ["feed"]
    assert [p for p in feeds_site.requests if p != "/robots.txt"] == ["/rss/tin-tuc.rss"]


def test_hostile_feeds_are_named_and_the_good_one_still_read(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    bad = ["malformed.rss", "bomb.rss", "as-page", "not-a-feed.xml", "missing.rss"]
    urls = ", ".join(f'"{base}/rss/{name}"' for name in [*bad, "tin-tuc.rss"])
    found = _discover(feeds_site, f'discover = "feeds"\nfeed_urls = [{urls}]')
    assert found.error is None and len(found.article_urls) == 3
    reasons = dict(e.split(": ", 1) for e in found.feed_errors)
    assert list(reasons) == [f"{base}/rss/{name}" for name in bad]
    assert "not well-formed XML" in reasons[f"{base}/rss/malformed.rss"]
    assert "declares XML entities" in reasons[f"{base}/rss/bomb.rss"]
    assert reasons[f"{base}/rss/as-page"] == "served as text/html, not XML"
    assert "root element <html>" in reasons[f"{base}/rss/not-a-feed.xml"]
    assert reasons[f"{base}/rss/missing.rss"] == "http 404"


def test_feeds_mode_fails_the_source_when_no_feed_can_be_read(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    found = _discover(feeds_site, f'discover = "feeds"\nfeed_urls = ["{base}/rss/bomb.rss"]')
    assert found.article_urls == []
    assert found.error == f"no feed could be read ({base}/rss/bomb.rss: the document declares XML entities (refused: entity expansion))"


def test_sitemap_index_read_newest_first_one_level_and_bounded(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    found = _discover(feeds_site, f'discover = "sitemaps"\nsitemap_urls = ["{base}/sitemap-index.xml"]')
    assert found.method == "sitemaps"
    # newest child first (the gzip one), then older ones; the nested index and the foreign host are not followed
    assert [p for p in feeds_site.requests if p != "/robots.txt"] == [
        "/sitemap-index.xml", "/sitemap-news.xml.gz", "/sitemap-nested.xml", "/sitemap-old.xml"]
    assert found.article_urls == [f"{base}/tin/hoi-nghi-giao-ban.html", f"{base}/tin/tap-huan-an-toan-thong-tin.html",
                                  f"{base}/tin/dai-hoi-chi-bo.html"]
    errors = "\n".join(found.feed_errors)
    assert "nested sitemap index, not followed" in errors and "https://cdn.example.net/sitemap.xml" in errors
    feeds_site.requests.clear()
    capped = _discover(feeds_site, f'discover = "sitemaps"\nsitemap_urls = ["{base}/sitemap-index.xml"]',
                       max_feed_documents=2)
    assert capped.feed_documents == 2 and "max_feed_documents (2) reached" in "\n".join(capped.feed_errors)
    assert [p for p in feeds_site.requests if p != "/robots.txt"] == ["/sitemap-index.xml", "/sitemap-news.xml.gz"]


def test_a_gzip_sitemap_bomb_is_cut_at_the_size_cap(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    found = _discover(feeds_site, f'discover = "sitemaps"\nsitemap_urls = ["{base}/sitemap-huge.xml.gz"]')
    assert found.error == f"no sitemap could be read ({base}/sitemap-huge.xml.gz: gzip body expands beyond 1000000 bytes (refused))"


def test_auto_prefers_the_announced_feed_then_robots_sitemaps_then_listings(feeds_site: SiteServer) -> None:
    base = feeds_site.base_url
    found = _discover(feeds_site, 'discover = "auto"')
    assert found.method == "feeds" and found.listing_pages == 1
    assert found.fetch_kinds == ["listing", "feed", "feed"]  # the off-host feed is refused by the fetcher
    assert any("feeds.example.net" in e for e in found.feed_errors)
    assert f"{base}/tin/khai-truong-trung-tam.html" in found.article_urls

    # the start page's feed gone: robots.txt's sitemaps are read instead
    feeds_site.routes.pop("/rss/tin-tuc.rss")
    found = _discover(feeds_site, 'discover = "auto"')
    assert found.method == "sitemaps" and found.fetch_kinds[:4] == ["listing", "feed", "feed", "sitemap"]
    assert f"{base}/tin/dai-hoi-chi-bo.html" in found.article_urls

    # no feed, no sitemap: the listing walk of today
    feeds_site.routes.pop("/sitemap-index.xml")
    found = _discover(feeds_site, 'discover = "auto"')
    assert found.method == "listings" and found.listing_pages == 2 and found.error is None
    assert found.article_urls == [f"{base}/tin/hoi-nghi-giao-ban.html", f"{base}/tin/tap-huan-an-toan-thong-tin.html"]


def test_an_unchanged_feed_is_read_from_raw(feeds_site: SiteServer, tmp_path) -> None:
    base = feeds_site.base_url
    raw = RawStore(tmp_path)
    lines = f'discover = "feeds"\nfeed_urls = ["{base}/rss/tin-tuc.rss"]'
    first = _discover(feeds_site, lines, raw=raw)
    validators = {p.url: (p.etag, p.last_modified, sha) for p, sha in zip(first.fetches, first.fetch_shas, strict=True)}
    again = _discover(feeds_site, lines, raw=raw, validators=validators, known=set(first.article_urls[:1]))
    assert [p.status for p in again.fetches] == [304]
    assert again.known == 1 and again.article_urls == first.article_urls[1:]


def test_auto_passes_over_a_feed_with_no_article_of_the_source(feeds_site: SiteServer) -> None:
    """A site-wide or other-section feed announced on the start page must not stop the listing walk."""
    base = feeds_site.base_url
    feeds_site.routes["/rss/tin-tuc.rss"] = "empty.rss"
    feeds_site.routes.pop("/sitemap-index.xml")
    found = _discover(feeds_site, 'discover = "auto"')
    assert found.method == "listings" and found.listing_pages == 2
    assert found.article_urls == [f"{base}/tin/hoi-nghi-giao-ban.html", f"{base}/tin/tap-huan-an-toan-thong-tin.html"]
    # declared, the same feed is trusted: read, nothing in it, no error
    declared = _discover(feeds_site, f'discover = "feeds"\nfeed_urls = ["{base}/rss/tin-tuc.rss"]')
    assert declared.method == "feeds" and declared.error is None and declared.article_urls == []
