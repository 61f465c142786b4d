"""Backfill: a source's archive walked page by page, committed as it goes, resumable after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from etl import store
from etl.backfill import backfill_source
from etl.config import load_config
from etl.raw import RawStore
from etl.settings import DEFAULT_SETTINGS


def _backfill(config: Path, data: Path, **kw):
    cfg = load_config(config)
    (source,) = cfg.select(["mic"])
    return backfill_source(source, store.Tables.at(data), RawStore(data), DEFAULT_SETTINGS,
                           allow_private_networks=cfg.allow_private_networks, **kw)


def test_a_backfill_walks_every_listing_page_and_a_second_one_fetches_nothing(
        fixture_sites, demo_sources: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _backfill(demo_sources, data, max_listing_pages=50)
    assert first.status == "completed" and first.stopped_by == "end of the archive"
    assert first.listing_pages >= 3 and first.commits == first.listing_pages
    articles = store.read_table(store.Tables.at(data).articles)
    assert articles.height == first.new >= 10 and articles["article_id"].is_unique().all()
    before = len(fixture_sites["mic"].requests)
    again = _backfill(demo_sources, data, max_listing_pages=50)
    assert (again.new, again.commits, again.listing_from_raw) == (0, 0, first.listing_pages)
    assert len(fixture_sites["mic"].requests) == before, "the second backfill asked the site again"


def test_until_stops_after_the_first_page_older_than_the_date(demo_sources: Path, tmp_path: Path) -> None:
    report = _backfill(demo_sources, tmp_path / "data", max_listing_pages=50, until=date(2100, 1, 1))
    assert report.listing_pages == 1 and "published before 2100-01-01" in report.stopped_by
    capped = _backfill(demo_sources, tmp_path / "other", max_listing_pages=2)
    assert capped.listing_pages == 2 and capped.stopped_by == "max_listing_pages = 2"


def _etl_backfill(config: Path, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([sys.executable, "-m", "etl.cli", "backfill", "--source", "mic", "--config", str(config),
                             "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _commits(table: Path) -> int:
    """Commits that added data files: the table is created empty first, which does not count."""
    log = table / "_delta_log"
    return sum('"add"' in p.read_text(encoding="utf-8") for p in log.glob("*.json")) if log.exists() else 0


@pytest.mark.e2e
def test_a_killed_backfill_resumes_without_fetching_what_was_stored(fixture_sites, demo_sources: Path,
                                                                   tmp_path: Path) -> None:
    data = tmp_path / "data"
    tables = store.Tables.at(data)
    slow = tmp_path / "slow.toml"
    slow.write_text(demo_sources.read_text(encoding="utf-8").replace("min_delay_s = 0.05", "min_delay_s = 0.4"),
                    encoding="utf-8")
    proc = _etl_backfill(slow, data)
    deadline = time.monotonic() + 240
    while _commits(tables.articles) < 1:
        assert proc.poll() is None, f"backfill ended before the kill point:\n{proc.stdout.read()}"
        assert time.monotonic() < deadline, "the first page was never committed"
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    stored = store.read_table(tables.articles)
    assert 0 < stored.height, "nothing was committed before the kill"
    site = fixture_sites["mic"]
    asked_before = len(site.requests)

    rerun = _etl_backfill(slow, data)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out[-3000:]
    assert "read back from raw" in out
    asked_now = {p.split("?")[0] for p in site.requests[asked_before:]
                 if "/Pages/TinTuc/" in p and p.endswith(".html") and "DangBoBo" not in p}
    stored_paths = {"/" + u.split("://", 1)[1].split("/", 1)[1] for u in stored["fetched_url"].to_list()}
    assert asked_now and not (asked_now & stored_paths), "the resumed backfill fetched a stored article again"
    final = store.read_table(tables.articles)
    assert final["article_id"].is_unique().all()
    clean = _backfill(demo_sources, tmp_path / "clean", max_listing_pages=DEFAULT_SETTINGS.crawl.backfill_max_listing_pages)
    expected = store.read_table(store.Tables.at(tmp_path / "clean").articles)
    assert sorted(final["url"]) == sorted(expected["url"]) and clean.status == "completed"
    assert pl.read_delta(str(tables.runs))["status"].unique().to_list() == ["completed"]
