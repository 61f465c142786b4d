"""The fetcher against a real misbehaving server on 127.0.0.1: one test per fault.

Every test asserts the outcome (error/status), what reached the server (request counts) and that
the run ended in bounded time. No patched requests, no mocks.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
import tracemalloc
import unicodedata
from collections.abc import Iterator
from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

import pytest
from servers.faults import (
    ETAG,
    LAST_MODIFIED,
    VIETNAMESE_TEXT,
    VIETNAMESE_TITLE,
    FaultServer,
    RequestRecord,
    encode_cp1258,
    make_bomb,
)

from etl.fetch import Fetcher, FetchResult, decode_html, parse_retry_after
from etl.settings import FetchSettings
from etl.urls import canonicalize_url

FAST = FetchSettings(min_delay_s=0.0, retries=2, backoff_s=0.05, backoff_max_s=0.2,
                     connect_timeout_s=1.0, read_timeout_s=1.0, total_timeout_s=2.0,
                     max_bytes=1 << 20, max_retry_after_s=5.0)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


def fetch(server: FaultServer, path: str, settings: FetchSettings = FAST,
          **kwargs: Any) -> tuple[FetchResult, float]:
    """GET one path with a fresh fetcher; returns the result and the elapsed seconds."""
    with Fetcher(settings, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        started = time.monotonic()
        result = f.get(server.url(path), **kwargs)
        return result, time.monotonic() - started


def with_(**changes: Any) -> FetchSettings:
    return FAST.with_overrides(changes)


# --- success paths ---------------------------------------------------------------------------

def test_ok_page(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/ok.html")
    assert result.ok and result.status == 200 and result.attempts == 1
    assert result.body and VIETNAMESE_TEXT in decode_html(result.body, result.content_type)
    assert result.fetched_at.tzinfo is UTC
    assert server.count("/ok.html") == 1 and elapsed < 2
    assert server.requests[-1].headers["User-Agent"] == FAST.user_agent


@pytest.mark.parametrize("path", ["/gzip.html", "/deflate.html"])
def test_compressed_page_decoded(server: FaultServer, path: str) -> None:
    result, _ = fetch(server, path)
    assert result.ok and result.body is not None
    assert VIETNAMESE_TEXT in result.body.decode("utf-8")


# --- retries, Retry-After ----------------------------------------------------------------------

def test_5xx_burst_retried_then_recovers(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/flaky/burst?fail=2&status=503")
    assert result.ok and result.status == 200
    assert result.attempts == 3 and server.count("/flaky/burst") == 3
    assert 0.05 <= elapsed < 2


@pytest.mark.parametrize("status", [500, 502, 504])
def test_persistent_5xx_gives_up_after_retries(server: FaultServer, status: int) -> None:
    result, elapsed = fetch(server, f"/flaky/down?fail=99&status={status}")
    assert result.error == f"http {status}" and result.status == status
    assert server.count("/flaky/down") == 1 + FAST.retries and elapsed < 2


def test_429_retry_after_seconds_respected(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/ratelimited?after=1")
    assert result.ok and server.count("/ratelimited") == 2
    first, second = server.requests[-2:]
    # The upper bound only catches a wait far past the header's (a busy machine adds seconds, not tens).
    assert second.at - first.at >= 1.0 and 1.0 <= elapsed < 10


def test_503_retry_after_http_date_respected(server: FaultServer) -> None:
    # The date is now + 2 s at one-second resolution, so the wait is between 1 and 2 s.
    result, elapsed = fetch(server, "/unavailable?after=1&date=1")
    assert result.ok and server.count("/unavailable") == 2
    assert 1.0 <= elapsed < 10


def test_retry_after_beyond_cap_fails_without_waiting(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/ratelimited-long")
    assert result.error is not None and result.error.startswith("http 429")
    assert result.status == 429 and server.count("/ratelimited-long") == 1 and elapsed < 2


def test_retry_after_pauses_the_whole_host(server: FaultServer) -> None:
    """A 429 on one page must also hold the other threads' requests to that host."""
    with Fetcher(FAST, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        f.get(server.url("/ok.html"))  # robots.txt out of the way
        started = time.monotonic()
        t = threading.Thread(target=f.get, args=(server.url("/ratelimited?after=1"),))
        t.start()
        time.sleep(0.3)
        other = f.get(server.url("/article/1.html"))
        t.join(5)
    assert other.ok and time.monotonic() - started >= 1.0
    first_429 = next(r for r in server.requests if r.route == "/ratelimited")
    article = next(r for r in server.requests if r.route == "/article/1.html")
    assert article.at - first_429.at >= 0.95


@pytest.mark.parametrize(("value", "expected"), [("7", 7.0), ("  0 ", 0.0), ("soon", None),
                                                 ("", None), (None, None)])
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date() -> None:
    from datetime import datetime
    now = datetime(2025, 11, 3, 8, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 03 Nov 2025 08:00:30 GMT", now) == 30.0
    assert parse_retry_after("Mon, 03 Nov 2025 07:00:00 GMT", now) == 0.0


# --- timeouts, resets, truncation ------------------------------------------------------------

def test_slow_headers_time_out_and_are_retried(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/sleep?s=10", with_(read_timeout_s=0.4))
    assert result.error == "timeout" and result.status is None
    assert server.count("/sleep") == 3 and elapsed < 3


def test_stall_mid_body_times_out(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/stall?s=30", with_(read_timeout_s=0.4))
    assert result.error == "timeout" and result.body is None
    assert server.count("/stall") == 3 and elapsed < 3


def test_trickling_body_cut_by_total_deadline(server: FaultServer) -> None:
    settings = with_(read_timeout_s=0.5, total_timeout_s=1.0)
    result, elapsed = fetch(server, "/trickle?n=100000&every=0.02", settings)
    assert result.error == "timeout (total)"
    assert server.count("/trickle") == 1 and 1.0 <= elapsed < 2.5


def test_connection_reset_is_retried_then_reported(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/reset")
    assert result.error == "connection error" and result.status is None
    assert server.count("/reset") == 3 and elapsed < 2


def test_truncated_body(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/truncated")
    assert result.error == "truncated" and result.body is None
    assert server.count("/truncated") == 3 and elapsed < 2


@pytest.mark.parametrize("obey_robots", [True, False])
def test_unresolvable_name_says_dns_lookup_failed(obey_robots: bool) -> None:
    """``.invalid`` never resolves (RFC 6761): the error names DNS and the host, not robots.txt."""
    host = "no-such-portal.invalid"
    with Fetcher(with_(obey_robots_txt=obey_robots), allowed_netlocs={host}) as f:
        result = f.get(f"https://{host}/tin-tuc/1.html")
        again = f.get(f"https://{host}/tin-tuc/2.html")
    assert result.error == again.error == f"DNS lookup failed for host {host}"
    assert result.status is None and result.body is None


def test_closed_port_is_a_connection_error() -> None:
    with FaultServer() as srv:
        netloc, url = srv.netloc, srv.url("/ok.html")
    with Fetcher(FAST, allowed_netlocs={netloc}, allow_private_networks=True) as f:
        started = time.monotonic()
        result = f.get(url)
    assert result.error == "refused: robots.txt unavailable (connection error)"
    assert time.monotonic() - started < 3


# --- statuses never retried --------------------------------------------------------------------

@pytest.mark.parametrize("status", [404, 410, 403])
def test_client_errors_requested_exactly_once(server: FaultServer, status: int) -> None:
    result, elapsed = fetch(server, f"/status/{status}")
    assert result.error == f"http {status}" and result.status == status and result.attempts == 1
    assert server.count(f"/status/{status}") == 1 and elapsed < 2


# --- redirects ----------------------------------------------------------------------------

def test_redirect_chain_within_limit_is_followed(server: FaultServer) -> None:
    result, _ = fetch(server, "/chain/3")
    assert result.ok and result.final_url == server.url("/chain/0")
    assert len(result.redirects) == 3 and result.attempts == 4


def test_redirect_loop_detected(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/loop/a")
    assert result.error == "redirect loop"
    assert server.count("/loop/a") == 1 and server.count("/loop/b") == 1 and elapsed < 2


def test_redirect_chain_longer_than_max(server: FaultServer) -> None:
    result, elapsed = fetch(server, "/chain/7")
    assert result.error == "too many redirects"
    assert sum(server.count(f"/chain/{n}") for n in range(8)) == FAST.max_redirects + 1
    assert server.count("/chain/1") == 0 and elapsed < 2


def test_redirect_to_another_host_not_followed_and_names_the_host(server: FaultServer) -> None:
    with FaultServer() as other:
        result, _ = fetch(server, f"/redirect?to={other.url('/ok.html')}")
        assert result.error == f"redirected to another host: {other.netloc}"
        assert result.final_url == other.url("/ok.html") and result.redirects == [other.url("/ok.html")]
        assert other.count() == 0


def test_redirect_to_an_allowed_second_host_followed(server: FaultServer) -> None:
    with FaultServer() as other:
        with Fetcher(FAST, allowed_netlocs={server.netloc, other.netloc}, allow_private_networks=True) as f:
            result = f.get(server.url(f"/redirect?code=301&to={other.url('/ok.html')}"))
        assert result.ok and result.final_url == other.url("/ok.html")
        assert other.count("/ok.html") == 1 and other.count("/robots.txt") == 1  # its own robots.txt


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/pub/file.html", "javascript:alert(1)",
                                    "file:///etc/passwd"])
def test_redirect_to_non_http_scheme_refused(server: FaultServer, target: str) -> None:
    result, _ = fetch(server, f"/redirect?to={target}")
    assert result.error == "refused: scheme not allowed"
    assert server.count("/redirect") == 1


# --- size caps and compression bombs ------------------------------------------------------------

@pytest.mark.parametrize("path", ["/bomb.html?mb=200", "/bomb-deflate.html?mb=200"])
def test_compression_bomb_aborted_early(server: FaultServer, path: str) -> None:
    make_bomb(200 << 20, 15 if "deflate" in path else 31)  # build before measuring
    tracemalloc.start()
    try:
        result, elapsed = fetch(server, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error == "too large" and result.body is None
    assert peak < 2 * FAST.max_bytes, f"peak {peak} bytes"  # the cap plus one decode step
    assert elapsed < 2 and server.count(path.split("?")[0]) == 1


@pytest.mark.parametrize("cl", ["1", "0"])
def test_body_over_size_cap(server: FaultServer, cl: str) -> None:
    total = 64 << 20
    result, elapsed = fetch(server, f"/big.html?bytes={total}&cl={cl}")
    assert result.error == "too large" and result.body is None and elapsed < 2
    assert server.count("/big.html") == 1
    record = wait_finished(server, "/big.html")
    assert record.bytes_sent < total // 4  # the client hung up; nothing near 64 MiB moved


def wait_finished(server: FaultServer, route: str, timeout: float = 3.0) -> RequestRecord:
    deadline = time.monotonic() + timeout
    while True:
        record = next(r for r in server.requests if r.route == route)
        if record.finished is not None or time.monotonic() > deadline:
            return record
        time.sleep(0.02)


# --- not HTML -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/docs/report.html", "/images/photo.html"])
def test_binary_behind_html_link_not_downloaded(server: FaultServer, path: str) -> None:
    result, elapsed = fetch(server, path, with_(max_bytes=64 << 20))
    assert result.error == "not html" and result.body is None and elapsed < 2
    assert wait_finished(server, path).bytes_sent < (8 << 20) // 2


def test_pdf_labelled_text_html_is_sniffed(server: FaultServer) -> None:
    result, _ = fetch(server, "/docs/disguised.html?bytes=300000")
    assert result.error == "not html"


def test_binary_allowed_when_not_expecting_html(server: FaultServer) -> None:
    result, _ = fetch(server, "/docs/report.html?bytes=100000", expect_html=False)
    assert result.ok and result.body is not None and result.body.startswith(b"%PDF-")
    assert len(result.body) == 100000


# --- robots.txt ---------------------------------------------------------------------------

def test_robots_disallow_obeyed_and_fetched_once() -> None:
    with FaultServer(robots_txt="User-agent: *\nDisallow: /private/\n") as srv:
        with Fetcher(FAST, allowed_netlocs={srv.netloc}, allow_private_networks=True) as f:
            blocked = f.get(srv.url("/private/1.html"))
            allowed = [f.get(srv.url(f"/article/{i}.html")) for i in range(3)]
        assert blocked.error == "refused: robots.txt" and blocked.attempts == 0
        assert all(r.ok for r in allowed)
        assert srv.count("/private/1.html") == 0 and srv.count("/robots.txt") == 1


def test_robots_group_for_our_user_agent() -> None:
    robots = "User-agent: *\nAllow: /\n\nUser-agent: vn-ict-news-etl\nDisallow: /\n"
    with FaultServer(robots_txt=robots) as srv:
        result, _ = fetch(srv, "/article/1.html")
        assert result.error == "refused: robots.txt" and srv.count("/article/1.html") == 0


#: RFC 9309 rules the stdlib parser gets wrong: it ignores ``*`` and ``$`` and takes the first matching
#: line, where the RFC takes the longest (most specific) match, an Allow winning a tie.
RFC9309_ROBOTS = """User-agent: *
Disallow: /article/
Allow: /article/1
Disallow: /*.pdf.html$
Disallow: /private/*/draft
Allow: /private/
"""


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/article/1.html", True),  # the longer Allow wins over the earlier, shorter Disallow
        ("/article/12.html", True),
        ("/article/2.html", False),
        ("/docs/report.pdf.html", False),  # '*' anywhere, '$' anchors the end
        ("/private/report.pdf.html?page=2", True),  # ... the end of path and query: this one escapes it
        ("/private/2025/draft-1.html", False),  # '*' in the middle of a rule
        ("/private/2025/final.html", True),
    ],
)
def test_robots_rfc9309_wildcards_and_longest_match(path: str, allowed: bool) -> None:
    with FaultServer(robots_txt=RFC9309_ROBOTS) as srv:
        result, _ = fetch(srv, path)
        assert (result.error != "refused: robots.txt") == allowed, result.error
        assert (srv.count(urlsplit(path).path) == 1) == allowed


def test_robots_404_allows_all(server: FaultServer) -> None:
    with Fetcher(FAST, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        assert all(f.get(server.url(f"/article/{i}.html")).ok for i in range(3))
    assert server.count("/robots.txt") == 1


def test_robots_5xx_disallows_for_the_run() -> None:
    with FaultServer(robots_txt="oops", robots_status=503) as srv:
        with Fetcher(FAST, allowed_netlocs={srv.netloc}, allow_private_networks=True) as f:
            results = [f.get(srv.url(f"/article/{i}.html")) for i in range(3)]
        assert all(r.error == "refused: robots.txt unavailable (http 503)" for r in results)
        assert srv.count("/robots.txt") == 1 + FAST.retries
        assert srv.count("/article/0.html") == 0


def test_robots_ignored_when_not_obeyed() -> None:
    with FaultServer(robots_txt="User-agent: *\nDisallow: /\n") as srv:
        result, _ = fetch(srv, "/article/1.html", with_(obey_robots_txt=False))
        assert result.ok and srv.count("/robots.txt") == 0


def test_robots_crawl_delay_raises_min_delay() -> None:
    with FaultServer(robots_txt="User-agent: *\nCrawl-delay: 1\n") as srv:
        with Fetcher(FAST, allowed_netlocs={srv.netloc}, allow_private_networks=True) as f:
            assert f.get(srv.url("/article/0.html")).ok
            assert f.get(srv.url("/article/1.html")).ok
        first, second = (r for r in srv.requests if r.route.startswith("/article/"))
        assert second.at - first.at >= 0.9


# --- politeness: rate and concurrency per host -------------------------------------------------

def test_min_delay_between_requests_to_one_host(server: FaultServer) -> None:
    settings = with_(min_delay_s=0.2, obey_robots_txt=False)
    n = 5
    with Fetcher(settings, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        started = time.monotonic()
        for i in range(n):
            assert f.get(server.url(f"/article/{i}.html")).ok
        elapsed = time.monotonic() - started
    assert elapsed >= (n - 1) * 0.2
    starts = [r.at for r in server.requests]
    assert len(starts) == n and starts == sorted(starts)
    # Each request leaves at least 0.2 s after the previous one left; only the first arrival's delay
    # on a busy server can shorten the span the server sees, so the bound is on the span, not per gap.
    assert starts[-1] - starts[0] >= (n - 1) * 0.2 - 0.1


def test_rate_limit_shared_by_fetchers_in_threads(server: FaultServer) -> None:
    """Two sources on one portal, fetched in parallel threads, share one politeness budget."""
    settings = with_(min_delay_s=0.2, obey_robots_txt=False)
    fetchers = [Fetcher(settings, allowed_netlocs={server.netloc}, allow_private_networks=True)
                for _ in range(2)]
    started = time.monotonic()
    threads = [threading.Thread(target=fetchers[i % 2].get, args=(server.url(f"/article/{i}.html"),))
               for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    elapsed = time.monotonic() - started
    for f in fetchers:
        f.close()
    assert server.count() == 6 and elapsed >= 5 * 0.2
    starts = sorted(r.at for r in server.requests)
    assert all(b - a >= 0.15 for a, b in zip(starts, starts[1:], strict=False))


def test_per_host_concurrency_cap(server: FaultServer) -> None:
    settings = with_(per_host_concurrency=2, obey_robots_txt=False)
    with Fetcher(settings, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        threads = [threading.Thread(target=f.get, args=(server.url(f"/sleep?s=0.2&i={i}"),))
                   for i in range(6)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        elapsed = time.monotonic() - started
    records = server.requests
    assert len(records) == 6 and elapsed >= 3 * 0.2
    events = sorted([(r.at, 1) for r in records] + [(r.finished or r.at, -1) for r in records],
                    key=lambda e: (e[0], e[1]))
    in_flight = peak = 0
    for _, delta in events:
        in_flight += delta
        peak = max(peak, in_flight)
    assert peak <= 2


# --- guards ----------------------------------------------------------------------------------

def test_private_address_refused_when_not_allowed(server: FaultServer) -> None:
    with Fetcher(FAST, allowed_netlocs={server.netloc}) as f:
        result = f.get(server.url("/ok.html"))
    assert result.error == "refused: private address" and result.attempts == 0
    assert server.count() == 0


def test_name_resolving_to_loopback_refused(server: FaultServer) -> None:
    url = f"http://localhost:{server.port}/ok.html"
    with Fetcher(FAST, allowed_netlocs={f"localhost:{server.port}"}) as f:
        result = f.get(url)
    assert result.error == "refused: private address" and server.count() == 0


def test_host_outside_allowed_set_refused(server: FaultServer) -> None:
    with Fetcher(FAST, allowed_netlocs={"mic.gov.vn"}, allow_private_networks=True) as f:
        result = f.get(server.url("/ok.html"))
    assert result.error == "refused: host not allowed" and server.count() == 0


# --- conditional requests ----------------------------------------------------------------------

def test_conditional_request_returns_not_modified(server: FaultServer) -> None:
    with Fetcher(FAST, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        first = f.get(server.url("/etag.html"))
        by_etag = f.get(server.url("/etag.html"), etag=first.etag)
        by_date = f.get(server.url("/etag.html"), last_modified=first.last_modified)
    assert first.ok and first.etag == ETAG and first.last_modified == LAST_MODIFIED
    for result in (by_etag, by_date):
        assert result.ok and result.not_modified and result.status == 304 and result.body is None
    conditional = [r.headers for r in server.requests if r.route == "/etag.html"][1:]
    assert conditional[0]["If-None-Match"] == ETAG
    assert conditional[1]["If-Modified-Since"] == LAST_MODIFIED


# --- discovery-shaped faults -------------------------------------------------------------------

def test_endless_pager_stops_at_callers_bound(server: FaultServer) -> None:
    """The pager always links onwards; the fetcher stays bounded because the caller bounds pages."""
    limit = 4
    url, seen = server.url("/list?page=1"), 0
    with Fetcher(FAST, allowed_netlocs={server.netloc}, allow_private_networks=True) as f:
        while url and seen < limit:
            page = f.get(url)
            seen += 1
            assert page.ok and page.body is not None
            match = re.search(r'class="next" href="([^"]+)"', decode_html(page.body, None))
            url = canonicalize_url(match.group(1), page.final_url) if match else ""
    assert server.count("/list") == limit
    assert url == server.url(f"/list?page={limit + 1}")


def test_tracking_params_and_fragments_canonicalise_to_one_article(server: FaultServer) -> None:
    result, _ = fetch(server, "/tracking.html")
    assert result.ok and result.body is not None
    hrefs = re.findall(r'href="([^"]+)"', decode_html(result.body, result.content_type))
    assert len(hrefs) == 6
    assert {canonicalize_url(h, result.final_url) for h in hrefs} == {
        server.url("/article/7.html")}


def test_malformed_html_fetched_and_decoded(server: FaultServer) -> None:
    result, _ = fetch(server, "/malformed.html")
    assert result.ok and result.body is not None
    text = decode_html(result.body, result.content_type)
    assert "Một" in text and "đậm" in text and "\ufffd" in text


# --- charsets -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/charset/none", "/charset/cp1258", "/charset/cp1258-meta",
                                  "/charset/wrong", "/charset/wrong-meta"])
def test_charset_decoded_to_nfc_vietnamese(server: FaultServer, path: str) -> None:
    result, _ = fetch(server, path)
    assert result.ok and result.body is not None
    text = decode_html(result.body, result.content_type)
    assert VIETNAMESE_TEXT in text and VIETNAMESE_TITLE in text
    assert unicodedata.is_normalized("NFC", text)


def test_cp1258_without_any_declaration_is_detected() -> None:
    html = f"<html><body><p>{VIETNAMESE_TEXT}</p><p>{VIETNAMESE_TEXT}</p></body></html>"
    assert VIETNAMESE_TEXT in decode_html(encode_cp1258(html), "text/html")


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"),
                                            (codecs.BOM_UTF16_LE, "utf-16-le"),
                                            (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_wins_over_declarations(bom: bytes, codec: str) -> None:
    body = bom + f"<meta charset='iso-8859-1'><p>{VIETNAMESE_TEXT}</p>".encode(codec)
    assert VIETNAMESE_TEXT in decode_html(body, "text/html; charset=windows-1258")


def test_decomposed_utf8_returned_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE_TEXT)
    assert decode_html(nfd.encode("utf-8"), "text/html; charset=utf-8") == VIETNAMESE_TEXT


@pytest.mark.parametrize("content_type", [None, "text/html; charset=nonsense-42", "text/html"])
def test_decode_never_raises(content_type: str | None) -> None:
    assert decode_html(b"", content_type) == ""
    assert isinstance(decode_html(bytes(range(256)) * 4, content_type), str)


def test_legit_latin1_page_kept() -> None:
    body = "<p>Café résumé naïve</p>".encode("iso-8859-1")
    assert "Café résumé naïve" in decode_html(body, "text/html; charset=iso-8859-1")


def test_robots_sitemaps_come_from_the_robots_txt_already_read(tmp_path) -> None:
    """Sitemap: lines are given absolute, from the one robots.txt request the fetcher makes anyway."""
    from pathlib import Path

    from etl.fixtures.site import load_site

    site = load_site("feeds", Path(__file__).parent / "sites")
    site.start()
    try:
        with Fetcher(FetchSettings(min_delay_s=0.0, retries=0), allowed_netlocs=[site.base_url.split("//")[1]],
                     allow_private_networks=True) as fetcher:
            fetcher.get(f"{site.base_url}/tin-tuc")
            sitemaps = fetcher.robots_sitemaps(f"{site.base_url}/tin-tuc")
        assert sitemaps == [f"{site.base_url}/sitemap-index.xml", f"{site.base_url}/sitemap-relative.xml"]
        assert site.requests.count("/robots.txt") == 1
    finally:
        site.stop()
