"""The backfill flow: one source's archive of listing pages, committed page by page (resumable)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import Field

from etl import store
from etl.backfill import BackfillReport, backfill_source
from etl.config import Source, load_config
from etl.raw import RawStore
from etl.settings import DEFAULT_DATA_DIR, DEFAULT_SETTINGS

MAX_BACKFILL_PAGES = 10_000


@task(task_run_name="backfill-{source.id}", cache_policy=NO_CACHE)
def backfill_one(source: Source, allow_private_networks: bool, data_dir: str, until: date | None,
                 max_listing_pages: int, parameters: dict[str, Any]) -> BackfillReport:
    """Walk the archive, with a progress artifact (listing pages read) in the Prefect UI."""
    key = "backfill-" + re.sub(r"[^a-z0-9-]", "-", source.id)
    artifact = create_progress_artifact(progress=0.0, key=key,
                                        description=f"Backfill of {source.id}: listing pages read")

    def on_page(done: int, total: int) -> None:
        update_progress_artifact(artifact, progress=min(100.0, 100.0 * done / total))

    report = backfill_source(source, store.Tables.at(data_dir), RawStore(data_dir), DEFAULT_SETTINGS,
                             allow_private_networks=allow_private_networks, max_listing_pages=max_listing_pages,
                             until=until, parameters=parameters, on_page=on_page)
    update_progress_artifact(artifact, progress=100.0)
    return report


@flow(name="backfill-news", flow_run_name="backfill-{source}")
def backfill_news(
    source: str,
    until: date | None = None,
    max_listing_pages: Annotated[int | None, Field(ge=1, le=MAX_BACKFILL_PAGES)] = None,
    data_dir: str = str(DEFAULT_DATA_DIR),
    config: str | None = None,
) -> dict[str, Any]:
    """Collect a source's back catalogue: every listing page of its archive, oldest limit by date or count.

    Each listing page's new articles are committed before the next page is read, so a backfill
    killed half-way and started again reads the pages it already saw from raw and fetches only
    what is not stored.

    Args:
        source: Id of the source (from the sources file) whose archive is walked.
        until: Stop after the first listing page whose articles were all published before this
            date (YYYY-MM-DD). Empty: go as far as the page count allows.
        max_listing_pages: Listing pages to read at most (1-10000). Empty: 1000.
        data_dir: Where raw pages and curated Delta tables are written (a folder or s3://BUCKET/PREFIX).
        config: Path of the sources TOML file. Empty: the shipped real portals.
    """
    cfg = load_config(config)
    (selected,) = cfg.select([source])
    pages = max_listing_pages or DEFAULT_SETTINGS.crawl.backfill_max_listing_pages
    parameters = {"source": source, "until": str(until) if until else None, "max_listing_pages": pages,
                  "data_dir": data_dir, "config": config}
    with store.run_lock(data_dir, timeout_s=DEFAULT_SETTINGS.store.lock_timeout_s):
        report = backfill_one(selected, cfg.allow_private_networks, data_dir, until, pages, parameters)
    get_run_logger().info("backfill %s: %d listing page(s) (%d from raw), %d new, %d already stored; stopped: %s",
                          source, report.listing_pages, report.listing_from_raw, report.new,
                          report.already_stored, report.stopped_by)
    return {"source": source, "status": report.status, "listing_pages": report.listing_pages,
            "listing_from_raw": report.listing_from_raw, "new": report.new,
            "already_stored": report.already_stored, "commits": report.commits,
            "stopped_by": report.stopped_by, "data_dir": str(Path(data_dir))}
