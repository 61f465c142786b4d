"""The nightly flow: sources in parallel (each host at its own polite rate), then one commit.

Tasks only wire library calls together; everything they call runs and is tested without Prefect.
Task inputs are plain values (a source, URLs, fetch-log rows, a data dir): each task builds its own
HTTP session and reads raw pages by hash, so any worker process can run any task.
"""

from __future__ import annotations

import re
import time
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run
from prefect.states import Failed, State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from pydantic import Field

from etl import store
from etl.config import Source, load_config
from etl.dashboard import render_markdown as report_markdown
from etl.dashboard import write_report
from etl.fixtures.site import serve_fixture_sites, write_demo_sources
from etl.pipeline import (
    HostChain,
    RunReport,
    SourceBatch,
    Step,
    discover_source,
    extract_pages,
    fetch_pages,
    host_groups,
    new_run_id,
    run_failed_message,
    source_fetcher,
    wait_until,
    without_bodies,
    write_run,
)
from etl.progress import current as current_progress
from etl.raw import RawStore
from etl.report import render_markdown, source_rows
from etl.settings import DEFAULT_DATA_DIR, DEFAULT_SETTINGS, DEMO_FIRST_PORT, MAX_LISTING_PAGES_PER_RUN
from flows.alerts import alert_on_bad_end, alert_quiet_sources

#: The nightly schedule's zone (prefect.yaml): the 01:30 run is named after its Vietnamese date,
#: not after UTC's day before.
RUN_NAME_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _run_name() -> str:
    """``news-<date>-<sources>``: an operator finds a night's run by its date in the runs list."""
    params = flow_run.parameters or {}
    when = (flow_run.scheduled_start_time or datetime.now(UTC)).astimezone(RUN_NAME_TZ)
    which = "+".join(params.get("sources") or []) or "all"
    prefix = "demo" if params.get("fixture_site") else "news"
    return f"{prefix}-{when:%Y-%m-%d}-{which}"


@task(task_run_name="discover-{source.id}", cache_policy=NO_CACHE)
def discover(source: Source, allow_private_networks: bool, data_dir: str, run_id: str,
             max_listing_pages: int | None, not_before: float = 0.0) -> SourceBatch:
    """Read the source's listing pages: which articles are new tonight."""
    wait_until(not_before)
    with source_fetcher(source, allow_private_networks=allow_private_networks) as fetcher:
        batch = discover_source(source, fetcher, store.Tables.at(data_dir), RawStore(data_dir), DEFAULT_SETTINGS,
                                run_id=run_id, max_listing_pages=max_listing_pages)
    get_run_logger().info("%s: %d listing page(s) read, %d new article(s), %d already stored, %d skipped",
                          source.id, batch.counts["listing_pages"], len(batch.discovery.article_urls),
                          batch.counts["unchanged"], batch.counts["skipped"])
    return without_bodies(batch)


@task(task_run_name="fetch-{source.id}", cache_policy=NO_CACHE)
def fetch(source: Source, urls: list[str], allow_private_networks: bool, data_dir: str, run_id: str,
          not_before: float = 0.0) -> list[dict[str, Any]]:
    """Fetch a batch of one source's articles into the raw store; return their fetch-log rows."""
    wait_until(not_before)
    with source_fetcher(source, allow_private_networks=allow_private_networks) as fetcher:
        return fetch_pages(source, urls, fetcher, RawStore(data_dir), run_id=run_id)


@task(task_run_name="extract-{source.id}", cache_policy=NO_CACHE)
def extract(source: Source, pages: list[dict[str, Any]], data_dir: str, run_id: str,
            known_failures: set[str]) -> SourceBatch:
    """Extract and check a batch of fetched pages, read back from the raw store by hash."""
    return extract_pages(source, pages, RawStore(data_dir), DEFAULT_SETTINGS, run_id=run_id,
                         known_failures=known_failures)


def crawl(selected: list[Source], *, allow_private_networks: bool, data_dir: str, run_id: str,
          max_listing_pages: int | None) -> list[SourceBatch]:
    """Drive every host chain: its next step is submitted when the last one ends; extracts run beside."""
    logger = get_run_logger()
    progress = current_progress()
    batches = {s.id: SourceBatch(source_id=s.id) for s in selected}
    pending: dict[PrefectFuture, tuple[HostChain | None, Step]] = {}

    def submit(chain: HostChain, step: Step | None) -> None:
        if step is None:
            return
        if step.kind == "discover":
            future = discover.submit(step.source, allow_private_networks, data_dir, run_id, max_listing_pages,
                                     step.not_before)
        else:
            future = fetch.submit(step.source, list(step.urls), allow_private_networks, data_dir, run_id,
                                  step.not_before)
        pending[future] = (chain, step)

    for chain in [HostChain(group, DEFAULT_SETTINGS) for group in host_groups(selected)]:
        submit(chain, chain.first())
    while pending:
        future = next(as_completed(list(pending)))
        chain, step = pending.pop(future)
        batch = batches[step.source.id]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - one broken source must not lose the others
            logger.error("%s: %s step failed: %r", step.source.id, step.kind, exc)
            batch.error = batch.error or repr(exc)
            if chain is not None:
                submit(chain, chain.abandon(done_at=time.time()))
            continue
        if step.kind == "discover":
            batches[step.source.id] = result
            submit(chain, chain.next(result, done_at=time.time()))
            progress.start(step.source.id, len(result.discovery.article_urls) - result.left)
        elif step.kind == "fetch":
            batch.fetch_log.extend(result)
            retried = batch.known_failures.intersection(step.urls)
            pending[extract.submit(step.source, result, data_dir, run_id, retried)] = (
                None, replace(step, kind="extract"))
            submit(chain, chain.next(None, done_at=time.time()))
        else:
            batch.absorb(result, fetch_log=[])
            for url in step.urls:
                progress.advance(step.source.id, url)
    for source in selected:
        progress.finish(source.id)
    return [batches[s.id] for s in selected]


@task(task_run_name="write-tables", cache_policy=NO_CACHE)
def write_tables(data_dir: str, batches: list[SourceBatch], run_id: str, started_at: datetime,
                 parameters: dict[str, Any]) -> RunReport:
    """One new version of every table, merged on keys, then the ``runs`` row."""
    return write_run(store.Tables.at(data_dir), batches, DEFAULT_SETTINGS, run_id=run_id,
                     started_at=started_at, parameters=parameters)


@task(task_run_name="publish-report", cache_policy=NO_CACHE)
def publish_report(report: RunReport) -> None:
    create_markdown_artifact(key="run-summary", markdown=render_markdown(report),
                             description=f"Run {report.run_id}: {report.status}")
    create_table_artifact(key="run-sources", table=source_rows(report), description="Per-source counts")
    curated = store.location_uri(report.data_dir, "curated")
    create_link_artifact(key="run-data", link=curated if store.is_remote(curated) else Path(curated).as_uri(),
                         link_text=f"{report.data_dir}/curated", description="Where the curated tables are")


@task(task_run_name="publish-data-report", cache_policy=NO_CACHE)
def publish_data_report(data_dir: str) -> str | None:
    """Rebuild DATA_DIR/report.html (the trend across runs) and point the run's artifacts at it.

    The report is a view of tables already committed: failing to draw it is logged, never a failed night.
    """
    try:
        result = write_report(data_dir)
    except Exception as exc:  # noqa: BLE001 - the collected data is safe; the operator sees the error
        get_run_logger().error("data report not written: %r", exc)
        return None
    create_markdown_artifact(key="data-report", markdown=report_markdown(result),
                             description="Data report: articles, freshness, quality and runs over time")
    create_link_artifact(key="data-report-file", link=result.path.as_uri(), link_text=str(result.path),
                         description="The data report (one HTML file, opens offline)")
    return str(result.path)


#: Dask worker processes started when ``task_runner="dask"`` is given no cluster address.
LOCAL_DASK_WORKERS = 2
DASK_ADDRESS = re.compile(r"^(tcp|tls|ucx|inproc)://\S+$")


def dask_runner(dask_address: str | None) -> TaskRunner:
    """Prefect's Dask task runner on an existing cluster, or on a local cluster of worker processes."""
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # The workers report task states to this run's Prefect API; with none configured (a temporary
    # server) each worker would start a server of its own.
    with get_client(sync_client=True) as client:
        env = {"PREFECT_API_URL": str(client.api_url)}
    # Two threads per worker: a fetch task waiting on a host's delay does not idle the process's CPU.
    return DaskTaskRunner(cluster_kwargs={"n_workers": LOCAL_DASK_WORKERS, "threads_per_worker": 2,
                                          "processes": True, "dashboard_address": None, "env": env})


@flow(name="collect-news-tasks", flow_run_name="{run_id}-tasks")
def crawl_and_write(config: str | None, sources: list[str] | None, data_dir: str, run_id: str,
                    max_listing_pages: int | None, started_at: datetime, parameters: dict[str, Any]) -> RunReport:
    """The run's tasks on the task runner chosen by ``collect-news`` (a subflow, so it can be Dask).

    Args:
        config: The sources file (already checked by the parent run).
        sources: Source ids to collect. Empty: every enabled source.
        data_dir: Where raw pages and tables are.
        run_id: The parent run's id (every table row carries it).
        max_listing_pages: Listing pages per source (empty: the sources file's value).
        started_at: When the parent run started.
        parameters: The parent run's parameters, stored in the runs table.
    """
    cfg = load_config(config)
    batches = crawl(cfg.select(sources), allow_private_networks=cfg.allow_private_networks, data_dir=data_dir,
                    run_id=run_id, max_listing_pages=max_listing_pages)
    return write_tables(data_dir, quote(batches), run_id, started_at, parameters)


@flow(name="collect-news", flow_run_name=_run_name, task_runner=ThreadPoolTaskRunner(max_workers=8),
      timeout_seconds=DEFAULT_SETTINGS.alerts.flow_timeout_s,
      on_failure=[alert_on_bad_end], on_crashed=[alert_on_bad_end])
def collect_news(
    sources: list[str] | None = None,
    max_listing_pages: Annotated[int | None, Field(ge=1, le=MAX_LISTING_PAGES_PER_RUN)] = None,
    data_dir: str = str(DEFAULT_DATA_DIR),
    config: str | None = None,
    fixture_site: bool = False,
    task_runner: Literal["threads", "dask"] = "threads",
    dask_address: Annotated[str | None, Field(pattern=DASK_ADDRESS.pattern)] = None,
) -> dict[str, Any] | State:
    """Collect new articles from Vietnam's information-and-communications portals into Delta tables.

    The Args section is what the Prefect UI shows under each parameter of the run form: Prefect builds
    the deployment's parameter schema from the docstring, not from ``Annotated`` field descriptions.

    Args:
        sources: Source ids to collect (from the sources file). Empty: every enabled source.
        max_listing_pages: Listing pages to read per source (1-100). Empty: the sources file's value
            (default 5).
        data_dir: Where raw pages and curated Delta tables are written (relative to the checkout).
        config: Path of the sources TOML file. Empty: the shipped real portals.
        fixture_site: Serve the embedded fixture site on 127.0.0.1 and collect from it instead
            (offline demo); `config` is then ignored.
        task_runner: Where tasks run: "threads" in this process, or "dask" (a Dask cluster of worker
            processes: the one at `dask_address`, else a local one started for the run).
        dask_address: Scheduler of an existing Dask cluster (tcp://HOST:PORT); implies "dask". Every
            worker must reach the data dir and the sources.
    """
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    run_id = new_run_id(started_at)
    parameters = {"sources": sources, "max_listing_pages": max_listing_pages, "data_dir": data_dir,
                  "config": config, "fixture_site": fixture_site, "task_runner": task_runner,
                  "dask_address": dask_address}
    with ExitStack() as stack:
        if fixture_site:
            servers = stack.enter_context(serve_fixture_sites(first_port=DEMO_FIRST_PORT))
            config = str(write_demo_sources(servers, Path(data_dir) / "demo_sources.toml"))
        cfg = load_config(config)
        selected = cfg.select(sources)
        logger.info("run %s: %d source(s) from %s into %s", run_id, len(selected), cfg.path, data_dir)
        stack.enter_context(store.run_lock(data_dir, timeout_s=DEFAULT_SETTINGS.store.lock_timeout_s))
        if task_runner == "dask" or dask_address:
            # Workers may run elsewhere: hand them an absolute data dir.
            report = crawl_and_write.with_options(task_runner=dask_runner(dask_address))(
                config, sources, store.location_uri(data_dir), run_id, max_listing_pages, started_at, parameters)
        else:
            batches = crawl(selected, allow_private_networks=cfg.allow_private_networks, data_dir=data_dir,
                            run_id=run_id, max_listing_pages=max_listing_pages)
            # quote(): Prefect would otherwise walk every article row looking for futures.
            report = write_tables(data_dir, quote(batches), run_id, started_at, parameters)
    publish_report(report)
    publish_data_report(data_dir)
    alert_quiet_sources(data_dir)
    logger.info(render_markdown(report).splitlines()[0])
    if failed := run_failed_message(report):
        # A failed night is an outcome the report explains, not a crash: Failed with its one line and
        # no traceback (raising would log one); on_failure hooks and automations still see Failed.
        return Failed(message=failed)
    return {"run_id": report.run_id, "status": report.status, "per_source": report.per_source,
            "table_versions": report.table_versions, "data_dir": store.location_uri(data_dir)}
