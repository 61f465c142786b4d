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
