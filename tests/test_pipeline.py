"""The library pipeline without Prefect: versions, time travel, reprocess from raw, maintenance."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from conftest import run_without_prefect
from deltalake import DeltaTable

from etl import store
from etl.config import load_config
from etl.pipeline import maintain, new_run_id, reprocess_source, write_run
from etl.raw import RawStore
from etl.settings import DEFAULT_SETTINGS, EXTRACTOR_VERSION


@pytest.fixture
def collected(demo_sources: Path, tmp_path: Path) -> tuple[Path, store.Tables]:
    data = tmp_path / "data"
    report = run_without_prefect(demo_sources, data, ["mic", "nghean"])
    assert report.status == "completed", report.message
    return data, store.Tables.at(data)


def test_each_run_is_one_version_readable_by_number_and_by_timestamp(collected, demo_sources) -> None:
    data, tables = collected
    first = pl.read_delta(str(tables.articles))
    first_version = store.version_of(tables.articles)
    time.sleep(0.05)
    between = datetime.now(UTC)
    time.sleep(0.05)
    report = run_without_prefect(demo_sources, data, ["thanhhoa"])
    assert report.table_versions["articles"] == first_version + 1
    now = pl.read_delta(str(tables.articles))
    assert now.height > first.height and set(now["source_id"]) == {"mic", "nghean", "thanhhoa"}
    by_version = pl.read_delta(str(tables.articles), version=first_version)
    by_time = pl.read_delta(str(tables.articles), version=between)
    assert by_version.sort("article_id").equals(first.sort("article_id"))
    assert by_time.sort("article_id").equals(first.sort("article_id"))
    runs = pl.read_delta(str(tables.runs)).sort("started_at")
    assert runs.height == 2
    versions = runs.explode("table_versions").unnest("table_versions").filter(pl.col("table") == "articles")
    assert versions["version"].to_list() == [first_version, first_version + 1]


def test_reprocess_from_raw_touches_only_rows_whose_extraction_changed(collected, demo_sources) -> None:
    data, tables = collected
    before = pl.read_delta(str(tables.articles))
    stale = before.sort("article_id")["article_id"][0]
    DeltaTable(str(tables.articles)).update(predicate=f"article_id = '{stale}'",
                                            updates={"title": "'stale title'", "content_hash": "'old'"})
    cfg = load_config(demo_sources)
    started = datetime.now(UTC)
    run_id = new_run_id(started)
    batches = [reprocess_source(s, tables, RawStore(data), DEFAULT_SETTINGS, run_id=run_id)
               for s in cfg.select(["mic", "nghean"])]
    assert sum(len(b.rows) for b in batches) == before.height
    report = write_run(tables, batches, DEFAULT_SETTINGS, run_id=run_id, started_at=started,
                       parameters={"reprocess": True})
    assert report.merged == {"inserted": 0, "updated": 1}
    after = pl.read_delta(str(tables.articles))
    touched = after.filter(pl.col("article_id") == stale)["updated_at"][0]
    stale_row = pl.col("article_id") == stale
    assert after.sort("article_id").equals(before.sort("article_id").with_columns(
        run_id=pl.when(stale_row).then(pl.lit(run_id)).otherwise("run_id"),
        updated_at=pl.when(stale_row).then(pl.lit(touched)).otherwise("updated_at")))
    assert touched > before["updated_at"].max()
    # The tampered row's content was never a version; the re-extracted one is version 1 already.
    latest = pl.read_delta(str(tables.article_versions)).sort("version").group_by("article_id").last()
    assert latest.sort("article_id")["content_hash"].equals(after.sort("article_id")["content_hash"])


def test_reprocess_stale_only_reads_the_rows_an_older_extractor_wrote_and_restamps_them(
        collected, demo_sources) -> None:
    data, tables = collected
    before = pl.read_delta(str(tables.articles))
    old = before.sort("article_id")["article_id"][0]
    DeltaTable(str(tables.articles)).update(predicate=f"article_id = '{old}'",
                                            updates={"extractor_version": "'0.1.0'"})
    cfg = load_config(demo_sources)

    def reprocess() -> tuple[int, dict[str, int]]:
        started = datetime.now(UTC)
        run_id = new_run_id(started)
        batches = [reprocess_source(s, tables, RawStore(data), DEFAULT_SETTINGS, run_id=run_id, stale_only=True)
                   for s in cfg.select(["mic", "nghean"])]
        report = write_run(tables, batches, DEFAULT_SETTINGS, run_id=run_id, started_at=started,
                           parameters={"reprocess": True}, restamp=True)
        return sum(len(b.rows) for b in batches), report.merged

    assert reprocess() == (1, {"inserted": 0, "updated": 1})
    after = pl.read_delta(str(tables.articles))
    assert set(after["extractor_version"]) == {EXTRACTOR_VERSION}
    assert after.drop("run_id", "updated_at", "extractor_version").sort("article_id").equals(
        before.drop("run_id", "updated_at", "extractor_version").sort("article_id"))
    assert reprocess() == (0, {"inserted": 0, "updated": 0})


def test_maintain_compacts_and_vacuums_but_never_touches_raw(collected, demo_sources) -> None:
    data, tables = collected
    run_without_prefect(demo_sources, data, ["mic"])
    raw_before = sorted(RawStore(data))
    rows_before = pl.read_delta(str(tables.articles)).sort("article_id")
    kept = maintain(tables, retention_days=30)
    assert kept["dq_results"]["files_removed"] >= 2 and kept["dq_results"]["files_added"] == 1
    assert kept["articles"]["vacuumed_files"] == 0
    pl.read_delta(str(tables.dq_results), version=0)
    done = maintain(tables, retention_days=0)
    assert set(done) >= {"articles", "runs", "dq_results", "fetch_log"}
    assert done["dq_results"]["vacuumed_files"] >= 2
    assert sorted(RawStore(data)) == raw_before
    assert pl.read_delta(str(tables.articles)).sort("article_id").equals(rows_before)
    with pytest.raises(Exception, match="(?i)not found|no such file|object at location"):
        pl.read_delta(str(tables.dq_results), version=0)


def test_a_source_whose_listings_all_fail_fails_the_run_and_others_still_land(
        fixture_sites, tmp_path: Path) -> None:
    base = fixture_sites["nghean"].base_url
    config = tmp_path / "s.toml"
    config.write_text(f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
[[sources]]
id = "moved"
name = "Cổng đã đổi địa chỉ"
kind = "province"
start_urls = ["{base}/tin-tuc/chuyen-muc-da-xoa"]
article_url_pattern = '/tin-tuc/[a-z0-9-]+-\\d+\\.html$'
[[sources]]
id = "nghean"
name = "Sở Thông tin và Truyền thông Nghệ An"
kind = "province"
start_urls = ["{base}/tin-tuc/hoat-dong-so"]
article_url_pattern = '/tin-tuc/[a-z0-9-]+-\\d+\\.html$'
listing_url_pattern = '/tin-tuc/hoat-dong-so\\?page=\\d+'
""", encoding="utf-8")
    report = run_without_prefect(config, tmp_path / "data")
    assert report.status == "failed"
    assert "moved: no listing page could be read" in report.message and "http 404" in report.message
    assert report.per_source["nghean"]["rows_written"] >= 5
    assert pl.read_delta(str(store.Tables.at(tmp_path / "data").articles)).height >= 5


def test_a_source_that_suddenly_yields_nothing_raises_an_alert(collected, demo_sources, tmp_path, caplog) -> None:
    data, tables = collected
    emptied = demo_sources.read_text(encoding="utf-8").replace("/tin-tuc/hoat-dong-so", "/tin-tuc/hoat-dong-so?page=9")
    config = tmp_path / "emptied.toml"
    config.write_text(emptied, encoding="utf-8")
    with caplog.at_level("WARNING", logger="etl.pipeline"):
        report = run_without_prefect(config, data, ["nghean"])
    assert any("nghean yielded 0 articles" in a for a in report.alerts)
    assert "ALERT nghean" in caplog.text
    dq = pl.read_delta(str(tables.dq_results)).filter(
        (pl.col("run_id") == report.run_id) & (pl.col("check") == "source_yields_rows"))
    assert dq.select("source_id", "severity", "failed").rows() == [("nghean", "warning", 1)]


def test_a_run_stopping_at_the_article_limit_reports_what_is_left_and_the_next_run_takes_it(
        demo_sources: Path, tmp_path: Path, caplog) -> None:
    limited = tmp_path / "limited.toml"
    limited.write_text(demo_sources.read_text(encoding="utf-8").replace(
        "[[sources]]", "[crawl]\nmax_articles_per_run = 4\n\n[[sources]]", 1), encoding="utf-8")
    data = tmp_path / "data"
    with caplog.at_level("WARNING", logger="etl.pipeline"):
        first = run_without_prefect(limited, data, ["mic"])
    assert first.per_source["mic"]["new"] == 4
    left = first.per_source["mic"]["left"]
    assert left > 0 and f"{left} new article(s) left for the next run" in caplog.text
    stored = pl.read_delta(str(store.Tables.at(data).runs))
    counts = stored.explode("counts").unnest("counts").filter(pl.col("name") == "left")
    assert counts["value"].to_list() == [left]
    second = run_without_prefect(limited, data, ["mic"])
    assert second.per_source["mic"]["new"] == min(4, left)
    assert second.per_source["mic"]["left"] == max(0, left - 4)


def test_second_night_on_a_broken_site_not_failed_by_retries_alone(broken_sources: Path, tmp_path: Path) -> None:
    """Night 1: 3 of 4 pages bad, the gate trips. Night 2 asks only those 3 again (they may have
    been fixed): still bad, but already reported, so the night completes."""
    data = tmp_path / "data"
    first = run_without_prefect(broken_sources, data)
    assert first.status == "failed" and first.message == "failure rate 75% exceeds 50%"
    second = run_without_prefect(broken_sources, data)
    counts = second.per_source["nghean"]
    assert (counts["new"], counts["quarantined"], counts["retried"], counts["retried_failed"]) == (0, 3, 3, 3)
    assert second.failure_rate == 0.0 and second.status == "completed", second.message
    assert pl.read_delta(str(store.Tables.at(data).quarantine)).filter(pl.col("run_id") == second.run_id).height == 3


def _source(sid: str, url: str, delay: float = 0.5):
    from etl.config import parse_config

    cfg = parse_config(f"""
[[sources]]
id = "{sid}"
name = "x"
kind = "province"
start_urls = ["{url}"]
article_url_pattern = '/a/'
[sources.politeness]
min_delay_s = {delay}
""")
    return cfg.sources[0]


def test_sources_sharing_a_host_form_one_chain_and_others_their_own() -> None:
    from etl.pipeline import host_groups

    a, b = _source("a", "https://one.gov.vn/x"), _source("b", "https://two.gov.vn/x")
    c = _source("c", "https://one.gov.vn/y")
    assert [[s.id for s in g] for g in host_groups([a, b, c])] == [["b"], ["a", "c"]]


def test_a_host_chain_hands_the_host_delay_from_step_to_step_and_batches_the_articles() -> None:
    from etl.discover import Discovery
    from etl.pipeline import HostChain, SourceBatch
    from etl.settings import CrawlSettings, Settings

    a, c = _source("a", "https://one.gov.vn/x", 0.5), _source("c", "https://one.gov.vn/y", 2.0)
    chain = HostChain([a, c], Settings(crawl=CrawlSettings(batch_size=2, max_articles_per_run=5)))
    assert chain.first().kind == "discover"
    found = SourceBatch("a", discovery=Discovery("a", article_urls=[f"https://one.gov.vn/a/{i}" for i in range(7)]))
    steps = [chain.next(found, done_at=100.0)]
    while steps[-1].kind == "fetch":
        steps.append(chain.next(None, done_at=200.0))
    assert [len(s.urls) for s in steps[:-1]] == [2, 2, 1] and found.left == 2
    assert [s.not_before for s in steps] == [100.5, 200.5, 200.5, 200.5]
    assert (steps[-1].kind, steps[-1].source.id) == ("discover", "c")
    found_c = SourceBatch("c", discovery=Discovery("c", article_urls=["https://one.gov.vn/a/x", "https://one.gov.vn/a/y",
                                                                      "https://one.gov.vn/a/z"]))
    first = chain.next(found_c, done_at=300.0)
    assert first.urls == ("https://one.gov.vn/a/x", "https://one.gov.vn/a/y") and first.not_before == 302.0
    assert chain.abandon(done_at=400.0) is None, "a failed step skips the rest of its source"


def _extract_in_child(args):
    from etl.pipeline import extract_pages

    source, pages, data_dir, run_id = args
    batch = extract_pages(source, pages, RawStore(data_dir), DEFAULT_SETTINGS, run_id=run_id)
    return sorted(r["content_hash"] for r in batch.rows)


def test_fetched_pages_are_extracted_in_another_process_from_plain_inputs(demo_sources: Path, tmp_path: Path) -> None:
    import multiprocessing

    from etl.pipeline import discover_source, fetch_pages, source_fetcher

    data = tmp_path / "data"
    cfg = load_config(demo_sources)
    source = cfg.select(["mic"])[0]
    raw, tables = RawStore(data), store.Tables.at(data)
    with source_fetcher(source, allow_private_networks=True) as fetcher:
        found = discover_source(source, fetcher, tables, raw, DEFAULT_SETTINGS, run_id="r1")
        pages = fetch_pages(source, found.discovery.article_urls, fetcher, raw, run_id="r1")
    assert pages and all(p["sha256"] in raw for p in pages if p["sha256"])
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        hashes = pool.map(_extract_in_child, [(source, pages, str(data), "r1")])[0]
    report = run_without_prefect(demo_sources, tmp_path / "other", ["mic"])
    expected = pl.read_delta(str(store.Tables.at(tmp_path / "other").articles))
    assert report.per_source["mic"]["new"] == len(hashes) > 5
    assert hashes == sorted(expected["content_hash"].to_list())
