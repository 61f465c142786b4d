"""Feeds and sitemaps parsed as hostile input: what is read, what is refused and why."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from etl.errors import FeedError
from etl.feeds import document_bytes, feed_links, gunzip, parse_document
from etl.fixtures.site import SITE_ROOT

FEEDS = Path(__file__).parent / "sites" / "feeds"
BASE = "http://portal.example.vn"


def _read(name: str) -> bytes:
    return (FEEDS / name).read_bytes().replace(b"{origin}", BASE.encode())


def test_rss_items_give_link_or_permalink_guid_with_utc_dates() -> None:
    doc = parse_document(_read("good.rss"), f"{BASE}/rss/tin-tuc.rss")
    assert doc.kind == "rss" and not doc.is_index
    urls = [e.url for e in doc.entries]
    assert urls[:2] == [f"{BASE}/tin/hoi-nghi-giao-ban.html?utm_source=rss", f"{BASE}/tin/khai-truong-trung-tam.html"]
    assert len(urls) == 5
    assert doc.entries[0].updated is not None and doc.entries[0].updated.isoformat() == "2024-01-09T01:00:00+00:00"


def test_atom_entries_use_the_alternate_link_resolved_against_the_feed() -> None:
    xml = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b'<entry><link rel="self" href="/self"/><link href="/tin/a.html"/><updated>2024-01-02T03:04:05+07:00</updated></entry>'
        b'<entry><link rel="enclosure" href="/anh.jpg"/></entry></feed>'
    )
    doc = parse_document(xml, f"{BASE}/feed.atom")
    assert doc.kind == "atom"
    assert [e.url for e in doc.entries] == [f"{BASE}/tin/a.html"]
    assert doc.entries[0].updated.isoformat() == "2024-01-01T20:04:05+00:00"


def test_sitemap_and_index_are_told_apart() -> None:
    index = parse_document(_read("sitemap-index.xml"), f"{BASE}/sitemap-index.xml")
    assert index.is_index and len(index.entries) == 4
    urlset = parse_document(gunzip((FEEDS / "sitemap-news.xml.gz").read_bytes(), 10_000), f"{BASE}/s.xml.gz")
    assert urlset.kind == "urlset" and [e.url for e in urlset.entries][1] == f"{BASE}/tin/hoi-nghi-giao-ban.html"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.rss", "not well-formed XML"),
        ("bomb.rss", "declares XML entities"),
        ("not-a-feed.xml", "not a feed or sitemap (root element <html>)"),
    ],
)
def test_hostile_documents_are_refused_with_the_reason(name: str, message: str) -> None:
    with pytest.raises(FeedError, match=re.escape(message)):
        parse_document(_read(name), f"{BASE}/{name}")


def test_external_entities_and_dtds_are_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("khong-duoc-doc", encoding="utf-8")
    xxe = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><rss><channel><item><link>&x;</link></item></channel></rss>'
    with pytest.raises(FeedError, match="entities"):
        parse_document(xxe.encode(), BASE)
    external_dtd = f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}"><rss><channel><item><link>{BASE}/tin/a.html</link></item></channel></rss>'
    doc = parse_document(external_dtd.encode(), BASE)
    assert [e.url for e in doc.entries] == [f"{BASE}/tin/a.html"]


def test_gzip_is_decompressed_only_up_to_the_cap() -> None:
    huge = (FEEDS / "huge.xml.gz").read_bytes()
    assert len(huge) < 5_000
    with pytest.raises(FeedError, match="expands beyond 1000000 bytes"):
        document_bytes(huge, "application/gzip", 1_000_000)
    with pytest.raises(FeedError, match="gzip"):
        document_bytes(gzip.compress(b"<urlset/>")[:-6], "application/x-gzip", 1_000)


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "image/png", "application/json"])
def test_a_document_served_as_something_else_is_refused(ctype: str) -> None:
    with pytest.raises(FeedError, match=f"served as {ctype.split(';')[0]}, not XML"):
        document_bytes(_read("good.rss"), ctype, 100_000)


def test_plain_or_missing_types_are_sniffed() -> None:
    assert document_bytes(b"<?xml version='1.0'?><rss/>", "text/plain", 100).startswith(b"<?xml")
    assert document_bytes(gzip.compress(b"<urlset/>"), None, 100) == b"<urlset/>"
    with pytest.raises(FeedError):
        document_bytes(b"hello", "text/plain", 100)


def test_pages_announce_only_rss_and_atom_alternates() -> None:
    html = (FEEDS / "tin-tuc.html").read_text(encoding="utf-8")
    assert feed_links(html, f"{BASE}/tin-tuc") == [f"{BASE}/rss/tin-tuc.rss", "https://feeds.example.net/tin-tuc.atom"]


@pytest.mark.parametrize("site", ["mic", "thanhhoa", "nghean"])
def test_fixture_site_feeds_name_only_routed_pages(site: str) -> None:
    """Every feed/sitemap of the demo site parses, and every link in it is a page the site serves."""
    folder = SITE_ROOT / site
    routes = json.loads((folder / "routes.json").read_text(encoding="utf-8"))
    docs = [p for p, f in routes.items() if f.endswith((".xml", ".rss"))]
    assert docs, f"{site} announces no feed or sitemap"
    for path in docs:
        doc = parse_document((folder / routes[path]).read_bytes().replace(b"{origin}", BASE.encode()), BASE + path)
        assert doc.entries, path
        for entry in doc.entries:
            assert entry.url.startswith(BASE) and entry.url[len(BASE) :] in routes, entry.url
