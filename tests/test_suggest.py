"""`etl sources suggest` against the loopback fixture site: patterns that fit, a block that loads."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import parse_config
from etl.fixtures.site import SITE_ROOT, SiteServer, load_site
from etl.settings import FetchSettings
from etl.suggest import article_pattern, listing_pattern, suggest_source

LISTINGS = {
    "mic": "/Pages/TinTuc/DangBoBo.aspx",
    "thanhhoa": "/portal/Pages/Tin-hoat-dong.aspx",
    "nghean": "/tin-tuc/hoat-dong-so",
}
FAST = FetchSettings(min_delay_s=0.0, retries=0)


def _site_paths(site: str) -> tuple[list[str], list[str], list[str]]:
    """(canonical article paths, pager paths, every other served path) of one fixture site."""
    folder = SITE_ROOT / site
    routes = json.loads((folder / "routes.json").read_text(encoding="utf-8"))
    articles = [json.loads(p.read_text(encoding="utf-8"))["url"] for p in sorted((folder / "expected").glob("*.json"))]
    pager = [p for p, f in routes.items() if f.startswith("listing-") and "?" in p]
    others = [p for p, f in routes.items() if not f.startswith("article-") and p not in pager]
    return articles, pager, others


@pytest.mark.parametrize("site", sorted(LISTINGS))
def test_suggested_block_loads_and_its_patterns_fit_the_site(fixture_sites: dict[str, SiteServer], site: str) -> None:
    base = fixture_sites[site].base_url
    found = suggest_source(base + LISTINGS[site], settings=FAST, allow_private_networks=True)
    config = parse_config("allow_private_networks = true\n" + found.toml(), path="suggested.toml")
    (source,) = config.sources
    assert source.start_urls == (base + LISTINGS[site],)
    articles, pager, others = _site_paths(site)
    assert all(source.is_article_url(base + p) for p in articles), (found.article_url_pattern, articles)
    assert not any(source.is_article_url(base + p) for p in pager + others), found.article_url_pattern
    assert all(source.is_listing_url(base + p) for p in pager), found.listing_url_pattern
    assert not any(source.is_listing_url(base + p) for p in articles + others if "?" not in p)
    assert not any(source.is_listing_url(base + p) for p in others if p != LISTINGS[site])


@pytest.mark.parametrize("site", sorted(LISTINGS))
def test_three_articles_are_previewed_as_the_extractor_reads_them(
    fixture_sites: dict[str, SiteServer], site: str
) -> None:
    base = fixture_sites[site].base_url
    found = suggest_source(base + LISTINGS[site], settings=FAST, allow_private_networks=True)
    assert len(found.previews) == 3 and all(p.error is None for p in found.previews)
    expected = {
        json.loads(p.read_text(encoding="utf-8"))["url"]: json.loads(p.read_text(encoding="utf-8"))
        for p in (SITE_ROOT / site / "expected").glob("*.json")
    }
    for preview in found.previews:
        exp = expected[preview.url[len(base) :]]
        assert preview.title == exp["title"]
        assert preview.first_line == exp["body"][0]
        assert preview.published_at is not None


def test_patterns_generalise_numbers_dates_and_slugs() -> None:
    assert (
        article_pattern(["http://h/tin/2023-5-19/ab-cd-12.aspx", "http://h/tin/2024-1-2/ef-34.aspx"])
        == r"/tin/\d{4}-\d{1,2}-\d{1,2}/[a-z0-9-]+-\d+\.aspx$"
    )
    assert (
        article_pattern(["http://h/Default.aspx?tabid=1&ItemID=55", "http://h/Default.aspx?tabid=1&ItemID=7"])
        == r"/Default\.aspx\?tabid=1&ItemID=\d+$"
    )
    regex, urls = listing_pattern(
        "http://h/tin-tuc", ["http://h/tin-tuc/page/2", "http://h/tin-tuc/page/3", "http://h/tin-tuc/bai-1.html"]
    )
    assert regex is not None and urls == ["http://h/tin-tuc/page/2", "http://h/tin-tuc/page/3"]
    assert re.search(regex, "http://h/tin-tuc/page/9") and not re.search(regex, "http://h/tin-tuc/bai-1.html")


def test_cli_prints_a_ready_block_and_the_preview(fixture_sites: dict[str, SiteServer], capsys) -> None:
    url = fixture_sites["nghean"].base_url + LISTINGS["nghean"]
    assert main(["sources", "suggest", url, "--max-articles", "1", "--allow-private-networks"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[[sources]]\n")
    parse_config("allow_private_networks = true\n" + out)  # the whole output pastes as TOML
    assert "#   title: Chi bộ Thanh tra Sở tổ chức lễ kết nạp đảng viên mới" in out
    assert "#   published_at: 2024-01-18" in out and "#   body: Thực hiện Quyết định" in out


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["ftp://portal.example.vn/tin"], 2, "not an absolute http(s) URL: 'ftp://portal.example.vn/tin'"),
        (["tin-tuc"], 2, "not an absolute http(s) URL"),
        (["http://127.0.0.1:{port}/tin-tuc"], 1, "refused: private address"),
        (
            ["http://127.0.0.1:{port}/tin-tuc", "--allow-private-networks"],
            1,
            "robots.txt unavailable (connection error)",
        ),
    ],
)
def test_bad_or_unreachable_url_is_one_line_and_the_right_exit(
    argv: list[str], code: int, message: str, capsys
) -> None:
    port = _closed_port()
    assert main(["sources", "suggest", *[a.format(port=port) for a in argv]]) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], captured.err


def test_a_page_without_article_links_says_so(fixture_sites: dict[str, SiteServer], capsys) -> None:
    url = fixture_sites["nghean"].base_url + "/gioi-thieu"
    assert main(["sources", "suggest", url, "--allow-private-networks"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"etl: {url}: no family of article-like links on this page (is it a listing page?)"


@pytest.fixture
def other_layouts() -> Iterator[SiteServer]:
    site = load_site("suggest", Path(__file__).parent / "sites")
    site.start()
    yield site
    site.stop()


@pytest.mark.parametrize(
    ("listing", "articles", "pager", "menus"),
    [
        (
            "/category/tin-hoat-dong/",
            [
                "/2024/01/09/hoi-nghi-tong-ket-cong-tac-chuyen-doi-so-nam-2023/",
                "/2023/12/20/ra-mat-to-cong-nghe-so-cong-dong-tai-thon-ban/",
                "/2025/3/4/bai-moi-sau-nay/",
            ],
            ["/category/tin-hoat-dong/page/2/", "/category/tin-hoat-dong/page/17/"],
            ["/gioi-thieu/", "/lien-he/", "/2024/01/", "/2023/12/", "/tag/chuyen-doi-so/", "/category/tin-hoat-dong/"],
        ),
        (
            "/Default.aspx?tabid=120",
            ["/Default.aspx?tabid=120&ItemID=4521", "/Default.aspx?tabid=120&ItemID=5000"],
            ["/Default.aspx?tabid=120&Page=2", "/Default.aspx?tabid=120&Page=9"],
            ["/Default.aspx?tabid=1", "/Default.aspx?tabid=35", "/Default.aspx?tabid=92", "/Default.aspx?tabid=120"],
        ),
    ],
)
def test_dated_slug_and_query_id_layouts(
    other_layouts: SiteServer, listing: str, articles: list[str], pager: list[str], menus: list[str]
) -> None:
    """A WordPress-like listing (dated paths, trailing slash, /page/N/) and an ASP.NET one (?ItemID=)."""
    base = other_layouts.base_url
    found = suggest_source(base + listing, max_articles=0, settings=FAST, allow_private_networks=True)
    (source,) = parse_config("allow_private_networks = true\n" + found.toml()).sources
    assert all(source.is_article_url(base + p) for p in articles), found.article_url_pattern
    assert not any(source.is_article_url(base + p) for p in pager + menus), found.article_url_pattern
    assert all(source.is_listing_url(base + p) for p in pager), found.listing_url_pattern
    assert not any(source.is_listing_url(base + p) for p in articles + menus), found.listing_url_pattern


@pytest.mark.parametrize(("site", "entries"), [("thanhhoa", 12), ("nghean", 6), ("mic", None)])
def test_an_announced_feed_is_checked_and_offered(
    fixture_sites: dict[str, SiteServer], site: str, entries: int | None
) -> None:
    base = fixture_sites[site].base_url
    found = suggest_source(base + LISTINGS[site], max_articles=0, settings=FAST, allow_private_networks=True)
    if entries is None:
        assert found.feed_check is None and "discover" not in found.toml()
        return
    assert found.feed_check is not None and found.feed_check[1:] == (entries, entries)
    uncommented = re.sub(r"^# (discover|feed_urls) =", r"\1 =", found.toml(), flags=re.M)
    (source,) = parse_config("allow_private_networks = true\n" + uncommented).sources
    assert source.discover == "feeds" and source.feed_urls == (found.feed_check[0],)
