"""Every fault of the fault server met by whole pipeline runs (discover → collect → write, no Prefect).

``tests/test_fetch.py`` proves each fault on the Fetcher alone; this file proves what a night does
with it: the run ends in bounded time, the failure is recorded (fetch log and quarantine, or skipped
as a policy refusal), nothing stored before is lost, later nights give up on what will not heal and
retry what may, and no request leaves the source's own host.

One scenario, four runs on one data dir, against one FaultServer (plus an off-site one that must
stay silent):

* ``clean``  — the clean listing: stores ``good-a`` and ``good-b``;
* ``faulty`` — the endless listing linking every fault (``NEWS_SLUGS``);
* ``retry``  — the same listing again: gone/permanent URLs skipped, transient ones asked again;
* ``last``   — again, with every transient or quality failure now at ``max_article_attempts``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from servers.faults import CLEAN_SLUGS, FLAKY_FAILURES, NEWS_SLUGS, FaultServer

from etl import store
from etl.config import Source, SourcesConfig, parse_config
from etl.pipeline import RunReport, collect_articles, discover_source, new_run_id, open_fetcher, write_run
from etl.raw import RawStore
from etl.report import moved_hosts, render_markdown
from etl.settings import CrawlSettings, Settings
from etl.urls import netloc_of

MAX_LISTING_PAGES = 3
RETRIES = 1
#: Two failing nights and a transient URL is given up (the default is 3; 2 keeps the test short).
SETTINGS = Settings(crawl=CrawlSettings(max_article_attempts=2))
#: Timeouts well above what a loopback answer needs on a loaded machine (a whole page is served from
#: memory), and well below the 5 s the slow faults hold the connection: nothing races real work.
CONNECT_TIMEOUT_S = 2.0
READ_TIMEOUT_S = 1.0
TOTAL_TIMEOUT_S = 2.0
#: Generous against the ~8 s a faulty run takes; a fault that hangs or retries without bound breaks it.
RUN_DEADLINE_S = 40.0
ROBOTS_TXT = "User-agent: *\nDisallow: /news/private-\n"

STORED = "stored"
SKIPPED = "skipped"
FETCH_FAILED = ("fetch", "fetched")


@dataclass(frozen=True)
class Expect:
    """What the ``faulty`` run must record for one slug, and whether the ``retry`` run asks again."""

    status: int | None
    error: str | None
    attempts: int
    #: ``STORED``, ``SKIPPED`` (policy refusal) or the quarantine (stage, check).
    outcome: str | tuple[str, str]
    asked_again: bool


#: The fault matrix at pipeline level (docs/faults.md prints it).
EXPECTED: dict[str, Expect] = {
    "good-c": Expect(200, None, 1, STORED, False),
    "cp1258": Expect(200, None, 1, STORED, False),
    "canonical-offsite": Expect(200, None, 1, STORED, False),
    "ratelimited-once": Expect(200, None, 2, STORED, False),
    "flaky-503": Expect(503, "http 503", 1 + RETRIES, FETCH_FAILED, True),
    "ratelimited-long": Expect(429, "http 429 (retry-after too long)", 1, FETCH_FAILED, True),
    "status-404": Expect(404, "http 404", 1, FETCH_FAILED, False),
    "status-410": Expect(410, "http 410", 1, FETCH_FAILED, False),
    "status-500": Expect(500, "http 500", 1 + RETRIES, FETCH_FAILED, True),
    "slow-headers": Expect(None, "timeout", 1 + RETRIES, FETCH_FAILED, True),
    "stall": Expect(200, "timeout", 1 + RETRIES, FETCH_FAILED, True),
    "trickle": Expect(200, "timeout (total)", 1, FETCH_FAILED, True),
    "reset": Expect(None, "connection error", 1 + RETRIES, FETCH_FAILED, True),
    "truncated": Expect(200, "truncated", 1 + RETRIES, FETCH_FAILED, True),
    "redirect-loop": Expect(301, "redirect loop", 3, FETCH_FAILED, False),
    "redirect-chain": Expect(302, "too many redirects", 6, FETCH_FAILED, False),
    # Not a policy skip: a page moving to another host is how a portal move shows; asked again next night.
    "redirect-offsite": Expect(302, "redirected to another host: {offsite}", 1, FETCH_FAILED, True),
    "pdf": Expect(200, "not html", 1, FETCH_FAILED, False),
    "pdf-disguised": Expect(200, "not html", 1, FETCH_FAILED, False),
    "image": Expect(200, "not html", 1, FETCH_FAILED, False),
    "bomb": Expect(200, "too large", 1, FETCH_FAILED, False),
    "bomb-deflate": Expect(200, "too large", 1, FETCH_FAILED, False),
    "big": Expect(200, "too large", 1, FETCH_FAILED, False),
    # A page that arrived but fails a quality check is asked for again, up to max_article_attempts nights.
    "soft-404": Expect(200, None, 1, ("fetch", "not_error_page"), True),
    "empty": Expect(200, None, 1, ("fetch", "size_within_bounds"), True),
    "thin": Expect(200, None, 1, ("extract", "body_min_length"), True),
    "private-robots": Expect(None, "refused: robots.txt", 0, SKIPPED, False),
}


def sources_toml(start_url: str) -> str:
    return f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
retries = {RETRIES}
backoff_s = 0.05
backoff_max_s = 0.1
connect_timeout_s = {CONNECT_TIMEOUT_S}
read_timeout_s = {READ_TIMEOUT_S}
total_timeout_s = {TOTAL_TIMEOUT_S}
max_bytes = 1048576
max_retry_after_s = 2.0
[[sources]]
id = "faulty"
name = "Cổng thông tin thử nghiệm"
kind = "province"
start_urls = ["{start_url}"]
article_url_pattern = '/news/[a-z0-9-]+\\.html$'
listing_url_pattern = '/newsroom\\?page=\\d+$'
max_listing_pages = {MAX_LISTING_PAGES}
"""


@dataclass
class Run:
    """One finished run: its report, wall time, what reached the server, and its table rows."""

    report: RunReport
    elapsed: float
    requests: Counter[str]
    fetch_log: pl.DataFrame
    quarantine: pl.DataFrame
    articles: pl.DataFrame


def run_pipeline(config: SourcesConfig, data: Path, server: FaultServer) -> Run:
    """The library stages exactly as the nightly flow composes them, without Prefect."""
    source: Source = config.sources[0]
    tables, raw = store.Tables.at(data), RawStore(data)
    before = server.counts()
    started_at = datetime.now(UTC)
    run_id = new_run_id(started_at)
    started = time.monotonic()
    with open_fetcher(source, config) as fetcher:
        batch = discover_source(source, fetcher, tables, raw, SETTINGS, run_id=run_id)
        batch = collect_articles(batch, source, fetcher, raw, SETTINGS, run_id=run_id)
    report = write_run(tables, [batch], SETTINGS, run_id=run_id, started_at=started_at, parameters={})
    elapsed = time.monotonic() - started
    mine = pl.col("run_id") == run_id
    return Run(report=report, elapsed=elapsed, requests=server.counts() - before,
               fetch_log=pl.read_delta(str(tables.fetch_log)).filter(mine),
               quarantine=pl.read_delta(str(tables.quarantine)).filter(mine),
               articles=pl.read_delta(str(tables.articles)))


@dataclass
class Scenario:
    server: FaultServer
    offsite: FaultServer
    data: Path
    runs: dict[str, Run]

    def url(self, slug: str) -> str:
        return self.server.url(f"/news/{slug}.html")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    data = tmp_path_factory.mktemp("faults") / "data"
    with FaultServer() as offsite, FaultServer(offsite_base=offsite.url("/"), robots_txt=ROBOTS_TXT) as srv:
        clean = parse_config(sources_toml(srv.url("/newsroom/clean")))
        faulty = parse_config(sources_toml(srv.url("/newsroom?page=1")))
        runs = {"clean": run_pipeline(clean, data, srv)}
        for name in ("faulty", "retry", "last"):
            runs[name] = run_pipeline(faulty, data, srv)
        yield Scenario(server=srv, offsite=offsite, data=data, runs=runs)


def log_row(run: Run, url: str) -> dict:
    rows = run.fetch_log.filter((pl.col("kind") == "article") & (pl.col("url") == url))
    assert rows.height == 1, f"{url}: {rows.height} fetch log rows in one run"
    return rows.row(0, named=True)


# --- the matrix ------------------------------------------------------------------------------

def test_every_linked_fault_has_an_expectation() -> None:
    assert set(EXPECTED) | set(CLEAN_SLUGS) == set(NEWS_SLUGS)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_fault_recorded_and_handled_next_night(scenario: Scenario, slug: str) -> None:
    expect = EXPECTED[slug]
    faulty, retry = scenario.runs["faulty"], scenario.runs["retry"]
    url = scenario.url(slug)
    row = log_row(faulty, url)
    error = expect.error.format(offsite=scenario.offsite.netloc) if expect.error else None
    assert (row["status"], row["error"], row["attempts"]) == (expect.status, error, expect.attempts)
    quarantined = faulty.quarantine.filter(pl.col("url") == url)
    stored = faulty.articles.filter(pl.col("fetched_url") == url)
    if expect.outcome == STORED:
        assert stored.height == 1 and quarantined.height == 0
        assert stored["run_id"].item() == faulty.report.run_id
    elif expect.outcome == SKIPPED:
        assert stored.height == 0 and quarantined.height == 0
    else:
        assert stored.height == 0
        assert quarantined.select("stage", "check").rows() == [expect.outcome]
        q = quarantined.row(0, named=True)
        if expect.error is not None:
            assert q["message"] == error and q["raw_sha256"] is None
        else:  # the page arrived: its exact bytes are kept for reprocessing
            assert RawStore(scenario.data).get(q["raw_sha256"]) is not None
    route = f"/news/{slug}.html"
    assert (retry.requests[route] > 0) == expect.asked_again, retry.requests
    assert (retry.fetch_log["url"] == url).any() == expect.asked_again


def test_failure_recorded_in_report_runs_and_dq_results(scenario: Scenario) -> None:
    report = scenario.runs["faulty"].report
    counts = report.per_source["faulty"]
    quarantined = sum(e.outcome not in (STORED, SKIPPED) for e in EXPECTED.values())
    failed = sum(e.outcome == FETCH_FAILED for e in EXPECTED.values())
    stored = sum(e.outcome == STORED for e in EXPECTED.values())
    assert (counts["new"], counts["failed"], counts["quarantined"], counts["skipped"]) == (
        stored, failed, quarantined, sum(e.outcome == SKIPPED for e in EXPECTED.values()))
    assert report.failure_rate == pytest.approx(quarantined / (stored + quarantined))
    assert report.status == "failed" and report.message.startswith("failure rate")
    tables = store.Tables.at(scenario.data)
    runs = pl.read_delta(str(tables.runs)).sort("started_at")
    # The retry night only asks again what failed before: not a new failure, so it completes.
    assert runs["status"].to_list() == ["completed", "failed", "completed", "completed"]
    dq = pl.read_delta(str(tables.dq_results)).filter(
        (pl.col("run_id") == report.run_id) & (pl.col("check") == "fetched"))
    assert dq["failed"].item() == failed


def test_failure_rate_counts_a_failed_fetch_once() -> None:
    """One stored page and one 404 is a 50 % night: at the threshold, so the run completes."""
    counts = {"new": 1, "failed": 1, "quarantined": 1}
    report = RunReport(run_id="r", started_at=datetime.now(UTC), finished_at=datetime.now(UTC),
                       status="completed", parameters={}, per_source={"s": counts}, table_versions={},
                       data_dir=".")
    assert report.failure_rate == 0.5


# --- bounded -------------------------------------------------------------------------------

def test_every_run_finishes_in_bounded_time(scenario: Scenario) -> None:
    elapsed = {name: round(run.elapsed, 2) for name, run in scenario.runs.items()}
    assert all(t < RUN_DEADLINE_S for t in elapsed.values()), elapsed


def test_endless_pager_read_only_up_to_max_listing_pages(scenario: Scenario) -> None:
    for name in ("faulty", "retry", "last"):
        run = scenario.runs[name]
        listings = run.fetch_log.filter(pl.col("kind") == "listing")["url"].to_list()
        assert listings == [scenario.server.url(f"/newsroom?page={n}") for n in range(1, MAX_LISTING_PAGES + 1)]
        assert run.requests["/newsroom"] == MAX_LISTING_PAGES
        assert run.report.per_source["faulty"]["listing_pages"] == MAX_LISTING_PAGES
        # Every page links every fault; each URL is still asked for once per run.
        assert run.fetch_log.filter(pl.col("kind") == "article")["url"].is_unique().all()


def test_no_request_leaves_the_sources_host(scenario: Scenario) -> None:
    assert scenario.offsite.count() == 0, scenario.offsite.counts()
    fetch_log = pl.read_delta(str(store.Tables.at(scenario.data).fetch_log))
    assert {netloc_of(u) for u in fetch_log["url"]} == {scenario.server.netloc}
    articles = scenario.runs["last"].articles
    assert {netloc_of(u) for u in articles["url"]} == {scenario.server.netloc}
    offsite_canonical = articles.filter(pl.col("fetched_url") == scenario.url("canonical-offsite"))
    assert offsite_canonical["url"].to_list() == [scenario.url("canonical-offsite")]


# --- later nights --------------------------------------------------------------------------

def test_transient_5xx_retried_next_night_and_stored_once_recovered(scenario: Scenario) -> None:
    url = scenario.url("flaky-503")
    retry = scenario.runs["retry"]
    row = log_row(retry, url)
    assert (row["status"], row["error"]) == (200, None)
    assert scenario.server.count("/news/flaky-503.html") == FLAKY_FAILURES + 1
    assert retry.articles.filter(pl.col("fetched_url") == url).height == 1
    assert scenario.runs["last"].articles.filter(pl.col("fetched_url") == url).height == 1
    assert retry.quarantine.filter(pl.col("url") == url).height == 0


def test_gone_urls_never_requested_again(scenario: Scenario) -> None:
    for slug in ("status-404", "status-410"):
        assert scenario.server.count(f"/news/{slug}.html") == 1
        for name in ("retry", "last"):
            assert not (scenario.runs[name].fetch_log["url"] == scenario.url(slug)).any()


def test_transient_failures_given_up_after_max_attempts(scenario: Scenario) -> None:
    """On the last night nothing that failed is asked for again: transient fetch failures and
    pages failing a quality check have both used their ``max_article_attempts`` nights."""
    last = scenario.runs["last"]
    assert {r for r in last.requests if r.startswith("/news/")} == set()
    # Stored articles (flaky-503 since the retry night) are known, not skipped.
    given_up = len(EXPECTED) - sum(e.outcome == STORED for e in EXPECTED.values()) - 1
    assert last.report.per_source["faulty"]["skipped"] == given_up


def test_nothing_stored_before_is_lost_or_changed(scenario: Scenario) -> None:
    clean = scenario.runs["clean"].articles.sort("article_id")
    assert sorted(clean["fetched_url"]) == sorted(scenario.url(s) for s in CLEAN_SLUGS)
    for name in ("faulty", "retry", "last"):
        later = scenario.runs[name].articles
        assert later["article_id"].is_unique().all()
        kept = later.filter(pl.col("article_id").is_in(clean["article_id"].implode())).sort("article_id")
        assert kept.equals(clean), name
    assert scenario.runs["clean"].requests["/news/good-a.html"] == 1
    assert all(scenario.runs[n].requests["/news/good-a.html"] == 0 for n in ("faulty", "retry", "last"))
    stored = {s for s, e in EXPECTED.items() if e.outcome == STORED} | {"flaky-503"} | set(CLEAN_SLUGS)
    assert sorted(scenario.runs["last"].articles["fetched_url"]) == sorted(scenario.url(s) for s in stored)


def test_cp1258_article_stored_as_vietnamese(scenario: Scenario) -> None:
    row = scenario.runs["last"].articles.filter(pl.col("fetched_url") == scenario.url("cp1258")).row(0, named=True)
    assert row["title"] == "Hội nghị chuyển đổi số cp1258"
    assert "Quảng Ngãi" in " ".join(row["body"])


def test_robots_txt_down_fails_the_listing_and_is_asked_again_next_night(tmp_path: Path) -> None:
    """robots.txt answering 503 closes the site for the night (RFC 9309), not for good."""
    with FaultServer(robots_txt="busy", robots_status=503) as srv:
        config = parse_config(sources_toml(srv.url("/newsroom/clean")))
        nights = [run_pipeline(config, tmp_path / "data", srv) for _ in range(2)]
    for night in nights:
        row = night.fetch_log.row(0, named=True)
        assert night.fetch_log.height == 1 and row["kind"] == "listing"
        assert row["error"] == "refused: robots.txt unavailable (http 503)"
        assert night.requests == Counter({"/robots.txt": 1 + RETRIES}) and night.elapsed < RUN_DEADLINE_S
        assert night.articles.height == 0 and night.quarantine.height == 0
        assert night.report.status == "failed"
        assert night.report.message.startswith("faulty: no listing page could be read")


def test_article_moved_to_another_host_reported_with_the_key_to_add(scenario: Scenario) -> None:
    report = scenario.runs["faulty"].report
    host = scenario.offsite.netloc
    assert moved_hosts(report) == [
        f"faulty: {scenario.url('redirect-offsite')}: redirected to host {host}, not among the source's hosts; "
        f'add extra_hosts = ["{host}"] to [[sources]] id="faulty"']
    assert f'add extra_hosts = ["{host}"]' in render_markdown(report)


def test_retries_of_known_failures_left_out_of_the_failure_rate(scenario: Scenario) -> None:
    retry = scenario.runs["retry"].report
    counts = retry.per_source["faulty"]
    asked_again = {s for s, e in EXPECTED.items() if e.asked_again}
    assert counts["retried"] == len(asked_again)
    assert counts["retried_failed"] == len(asked_again) - 1  # flaky-503 recovered and was stored
    assert counts["quarantined"] == counts["retried_failed"] and counts["new"] == 1
    assert retry.failure_rate == 0.0 and retry.status == "completed"
    assert scenario.runs["faulty"].report.per_source["faulty"]["retried"] == 0
