"""Feeds through the pipeline and the real flow: fewer requests, same articles, hostile feeds named."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from conftest import run_without_prefect

from etl import store
from etl.fixtures.site import SITE_ROOT, SiteServer, load_site, write_demo_sources
from etl.report import load_run_report

FEEDS = Path(__file__).parent / "sites" / "feeds"
HOSTILE = {"/rss/malformed.rss": "malformed.rss", "/rss/bomb.rss": "bomb.rss", "/rss/as-page": "feed-as-page.html"}


@pytest.fixture
def nghean_with_hostile_feeds(tmp_path: Path) -> Iterator[SiteServer]:
    """The demo's nghean site, plus the hostile feeds of tests/sites/feeds on the same host."""
    folder = tmp_path / "site"
    shutil.copytree(SITE_ROOT / "nghean", folder)
    for name in HOSTILE.values():
        shutil.copy(FEEDS / name, folder / name)
    base = load_site("nghean")
    site = SiteServer("nghean", folder, {**base.routes, **HOSTILE})
    site.start()
    yield site
    site.stop()


def _config(tmp_path: Path, site: SiteServer, feeds: list[str]) -> Path:
    urls = ", ".join(f'"{site.base_url}{p}"' for p in feeds)
    path = tmp_path / f"sources-{len(list(tmp_path.glob('sources-*')))}.toml"
    path.write_text(
        f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
retries = 0
[[sources]]
id = "nghean"
name = "Sở Thông tin và Truyền thông Nghệ An"
kind = "province"
start_urls = ["{site.base_url}/tin-tuc/hoat-dong-so"]
article_url_pattern = '/tin-tuc/[a-z0-9-]+-\\d+\\.html$'
discover = "feeds"
feed_urls = [{urls}]
""",
        encoding="utf-8",
    )
    return path


def test_hostile_feeds_fail_the_source_by_name_and_lose_nothing(
    nghean_with_hostile_feeds: SiteServer, tmp_path: Path
) -> None:
    site, data = nghean_with_hostile_feeds, tmp_path / "data"
    first = run_without_prefect(_config(tmp_path, site, ["/rss/hoat-dong-so.rss"]), data)
    assert first.status == "completed", first.message
    assert first.per_source["nghean"]["new"] == 6 and first.per_source["nghean"]["listing_pages"] == 0
    tables = store.Tables.at(data)
    before = pl.read_delta(str(tables.articles)).sort("article_id")

    night = run_without_prefect(_config(tmp_path, site, list(HOSTILE)), data)
    assert night.status == "failed"
    assert night.message.startswith(
        f"nghean: no feed could be read ({site.base_url}/rss/malformed.rss: not well-formed XML"
    ), night.message
    assert pl.read_delta(str(tables.articles)).sort("article_id").equals(before)
    warnings = pl.read_delta(str(tables.dq_results)).filter(
        (pl.col("run_id") == night.run_id) & (pl.col("check") == "feed_readable")
    )
    assert warnings["failed"].sum() == 3
    examples = "\n".join(warnings.explode("examples")["examples"].to_list())
    assert all(f"{site.base_url}{p}" in examples for p in HOSTILE)
    log = pl.read_delta(str(tables.fetch_log)).filter(pl.col("run_id") == night.run_id)
    assert sorted(log["kind"].to_list()) == ["feed", "feed", "feed"]


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_auto_discovery_through_the_flow_finds_the_same_articles_with_fewer_requests(
    fixture_sites: dict[str, SiteServer], tmp_path: Path
) -> None:
    from flows.nightly import collect_news

    listings = write_demo_sources(fixture_sites, tmp_path / "listings.toml")
    auto = tmp_path / "auto.toml"
    auto.write_text(
        listings.read_text(encoding="utf-8").replace(
            "max_listing_pages = 5\n", 'max_listing_pages = 5\ndiscover = "auto"\n'
        ),
        encoding="utf-8",
    )
    requests: dict[str, dict[str, list[int]]] = {}
    for name, config in (("listings", listings), ("auto", auto)):
        data = tmp_path / name
        for _night in range(2):
            for site in fixture_sites.values():
                site.requests.clear()
            state = collect_news(config=str(config), data_dir=str(data), return_state=True)
            assert state.is_completed(), state.message
            for sid, site in fixture_sites.items():
                requests.setdefault(name, {}).setdefault(sid, []).append(len(site.requests))
    via_listings = pl.read_delta(str(tmp_path / "listings" / "curated" / "articles"))
    via_auto = pl.read_delta(str(tmp_path / "auto" / "curated" / "articles"))
    assert via_listings.height >= 28
    assert sorted(via_auto["article_id"]) == sorted(via_listings["article_id"])

    report = load_run_report(store.Tables.at(tmp_path / "auto"))
    assert report is not None and all(c["new"] == 0 for c in report.per_source.values())
    assert report.per_source["nghean"]["feed_documents"] == 1 and report.per_source["nghean"]["listing_pages"] == 1
    kinds = pl.read_delta(str(tmp_path / "auto" / "raw" / "fetch_log")).group_by("source_id", "kind").len()
    found = {(r["source_id"], r["kind"]) for r in kinds.iter_rows(named=True)}
    assert {("mic", "sitemap"), ("thanhhoa", "feed"), ("nghean", "feed")} <= found
    assert ("thanhhoa", "listing") in found and ("mic", "listing") in found
    # Never more requests than the listing walk; fewer where the listing has more pages than the
    # start page + feed (thanhhoa: 3 pages + an alias of page 1). The sitemap index (index + two
    # sitemaps) costs mic as much as its listing pages on this small site.
    for sid in fixture_sites:
        assert all(a <= b for a, b in zip(requests["auto"][sid], requests["listings"][sid], strict=True)), requests
    assert all(a < b for a, b in zip(requests["auto"]["thanhhoa"], requests["listings"]["thanhhoa"], strict=True))


def test_a_feed_that_is_gone_fails_the_source_as_a_feed_not_a_listing(
    nghean_with_hostile_feeds: SiteServer, tmp_path: Path
) -> None:
    site = nghean_with_hostile_feeds
    report = run_without_prefect(_config(tmp_path, site, ["/rss/gone.rss"]), tmp_path / "data")
    assert report.status == "failed"
    assert report.message == f"nghean: no feed could be read ({site.base_url}/rss/gone.rss: http 404)"
