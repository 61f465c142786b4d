"""URL canonicalisation and guards: the deduplication key and the fence around the crawler."""

from __future__ import annotations

import pytest

from etl.errors import RefusedURLError
from etl.urls import canonicalize_url, check_url_allowed, netloc_of


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://Mic.Gov.VN:443/Tin-Tuc/a.htm", "https://mic.gov.vn/Tin-Tuc/a.htm"),
    ("http://mic.gov.vn:80", "http://mic.gov.vn/"),
    ("http://mic.gov.vn:8080/a", "http://mic.gov.vn:8080/a"),
    ("https://mic.gov.vn/a.htm#binh-luan", "https://mic.gov.vn/a.htm"),
    ("https://mic.gov.vn/a.htm?utm_source=fb&utm_medium=social", "https://mic.gov.vn/a.htm"),
    ("https://mic.gov.vn/a.htm?id=5&fbclid=IwAR&gclid=x&zarsrc=30&_ga=2.1&page=2",
     "https://mic.gov.vn/a.htm?id=5&page=2"),
    ("https://mic.gov.vn/a.htm?b=2&a=1&UTM_Campaign=x", "https://mic.gov.vn/a.htm?b=2&a=1"),
    ("https://mic.gov.vn/a.htm?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i&flag",
     "https://mic.gov.vn/a.htm?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i&flag"),
    ("https://mic.gov.vn/tin tức/bài.htm", "https://mic.gov.vn/tin%20t%E1%BB%A9c/b%C3%A0i.htm"),
    ("http://[::1]:80/x", "http://[::1]/x"),
])
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_canonicalize_resolves_relative_against_base() -> None:
    base = "https://stttt.thanhhoa.gov.vn/portal/Pages/tin-tuc.aspx?page=2"
    assert canonicalize_url("../Pages/a.aspx?ItemID=9#x", base) == (
        "https://stttt.thanhhoa.gov.vn/portal/Pages/a.aspx?ItemID=9")
    assert canonicalize_url("?page=3", base) == (
        "https://stttt.thanhhoa.gov.vn/portal/Pages/tin-tuc.aspx?page=3")
    assert canonicalize_url("//MIC.gov.vn", base) == "https://mic.gov.vn/"


def test_canonicalize_is_idempotent() -> None:
    once = canonicalize_url("HTTP://Mic.gov.vn:80/tin tức?utm_x=1&id=3#top")
    assert canonicalize_url(once) == once


def test_canonicalize_leaves_other_schemes_for_the_guard() -> None:
    assert canonicalize_url("javascript:void(0)") == "javascript:void(0)"
    assert canonicalize_url("mailto:a@mic.gov.vn#x") == "mailto:a@mic.gov.vn"


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://Mic.Gov.VN:443/a", "mic.gov.vn"),
    ("http://mic.gov.vn:443/a", "mic.gov.vn:443"),
    ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),
    ("http://user:pw@Mic.gov.vn/", "mic.gov.vn"),
    ("mic.gov.vn", "mic.gov.vn"),
    ("http://[::1]:8080/", "[::1]:8080"),
])
def test_netloc_of(url: str, expected: str) -> None:
    assert netloc_of(url) == expected


PUBLIC = {"mic.gov.vn", "8.8.8.8", "[2001:4860:4860::8888]"}


@pytest.mark.parametrize("url", ["ftp://mic.gov.vn/a", "javascript:alert(1)",
                                 "file:///etc/passwd", "data:text/html,hi", "mailto:x@mic.gov.vn"])
def test_non_http_schemes_refused(url: str) -> None:
    with pytest.raises(RefusedURLError) as info:
        check_url_allowed(url, PUBLIC, allow_private_networks=True)
    assert info.value.reason == "scheme not allowed"


@pytest.mark.parametrize("url", ["http://evil.example/a", "http://mic.gov.vn.evil.example/",
                                 "http://mic.gov.vn:8443/", "http:///nohost"])
def test_foreign_netloc_refused(url: str) -> None:
    with pytest.raises(RefusedURLError) as info:
        check_url_allowed(url, PUBLIC, allow_private_networks=True)
    assert info.value.reason == "host not allowed"


def test_allowed_literal_public_address_passes() -> None:
    check_url_allowed("http://8.8.8.8/x", PUBLIC, allow_private_networks=False)
    check_url_allowed("https://[2001:4860:4860::8888]/x", PUBLIC, allow_private_networks=False)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4",
                                  "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                                  "[::1]", "[fe80::1]", "[fc00::1]", "[::ffff:10.0.0.1]"])
def test_private_literal_addresses_refused(host: str) -> None:
    url = f"http://{host}/latest/meta-data"
    with pytest.raises(RefusedURLError) as info:
        check_url_allowed(url, {host}, allow_private_networks=False)
    assert info.value.reason == "private address"
    check_url_allowed(url, {host}, allow_private_networks=True)


def test_name_resolving_to_loopback_refused() -> None:
    with pytest.raises(RefusedURLError) as info:
        check_url_allowed("http://localhost:8080/", {"localhost:8080"},
                          allow_private_networks=False)
    assert info.value.reason == "private address"


def test_allow_list_entries_may_be_urls_or_mixed_case() -> None:
    check_url_allowed("https://mic.gov.vn/a", ["HTTPS://MIC.gov.vn/"], allow_private_networks=True)
