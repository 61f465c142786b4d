"""Flows that keep the tables right without touching the network: reprocess and maintain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import Field

from etl import store
from etl.config import Source, load_config
from etl.pipeline import SourceBatch, maintain, new_run_id, raise_if_failed, reprocess_source, write_run
from etl.raw import RawStore
from etl.report import render_markdown
from etl.settings import DEFAULT_DATA_DIR, DEFAULT_SETTINGS


@task(task_run_name="reprocess-{source.id}", cache_policy=NO_CACHE)
def reprocess_one(source: Source, data_dir: str, run_id: str, stale_only: bool = False) -> SourceBatch:
    return reprocess_source(source, store.Tables.at(data_dir), RawStore(data_dir), DEFAULT_SETTINGS,
                            run_id=run_id, stale_only=stale_only)


@flow(name="reprocess-news", flow_run_name="reprocess-{data_dir}")
def reprocess_news(
    data_dir: str = str(DEFAULT_DATA_DIR),
    config: str | None = None,
    sources: list[str] | None = None,
    stale_only: bool = False,
) -> dict[str, Any]:
    """Rebuild the curated tables from DATA_DIR/raw with the current extractor (no network).

    Args:
        data_dir: Data dir whose raw pages are re-extracted and whose tables are updated.
        config: Sources TOML (adapters, URL patterns). Empty: the shipped real portals.
        sources: Source ids to reprocess. Empty: every enabled source.
        stale_only: Re-extract only pages whose row an older extractor version wrote.
    """
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    run_id = new_run_id(started_at)
    selected = load_config(config).select(sources)
    with store.run_lock(data_dir, timeout_s=DEFAULT_SETTINGS.store.lock_timeout_s):
        batches = [reprocess_one(s, data_dir, run_id, stale_only) for s in selected]
        report = write_run(store.Tables.at(data_dir), batches, DEFAULT_SETTINGS, run_id=run_id,
                           started_at=started_at,
                           parameters={"reprocess": True, "data_dir": data_dir, "config": config,
                                       "sources": sources, "stale_only": stale_only}, restamp=True)
    create_markdown_artifact(key="reprocess-summary", markdown=render_markdown(report))
    logger.info("reprocess %s: %s inserted/updated", run_id, report.merged)
    raise_if_failed(report)
    return {"run_id": run_id, "merged": report.merged, "table_versions": report.table_versions}


@flow(name="maintain-tables", flow_run_name="maintain-{data_dir}")
def maintain_tables(
    data_dir: str = str(DEFAULT_DATA_DIR),
    retention_days: Annotated[int, Field(ge=0)] = DEFAULT_SETTINGS.store.vacuum_retention_days,
) -> dict[str, Any]:
    """Compact small files and vacuum versions older than the retention; raw pages are never deleted.

    Args:
        data_dir: Data dir whose tables are compacted and vacuumed.
        retention_days: Keep table versions younger than this many days (time travel reaches this far).
    """
    with store.run_lock(data_dir, timeout_s=DEFAULT_SETTINGS.store.lock_timeout_s):
        done = maintain(store.Tables.at(data_dir), retention_days=retention_days)
    lines = ["| table | files added | files removed | vacuumed | version |", "|---|---|---|---|---|"]
    lines += [f"| {t} | {d['files_added']} | {d['files_removed']} | {d['vacuumed_files']} | {d['version']} |"
              for t, d in done.items()]
    create_markdown_artifact(key="maintenance-summary", markdown="\n".join(lines))
    return done
