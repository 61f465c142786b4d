"""Backfill: walk a source's archive of listing pages, oldest limit by date or page count.

Resumable by construction: every listing page's new articles are committed before the next page
is read (one ``write_run`` per page), and a listing page already read is read back from the raw
store, not asked again. A backfill killed at page 40 and started again reads pages 1-39 from raw,
finds their articles stored, and fetches from page 40 on. Progress lives in the tables, not in
memory.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from etl import store
from etl.config import Source
from etl.discover import Discovery, classify_links, links_of
from etl.fetch import FetchResult, decode_html
from etl.pipeline import (
    RunReport,
    SourceBatch,
    collect_articles,
    fetch_log_row,
    given_up_urls,
    new_run_id,
    source_fetcher,
    write_run,
)
from etl.progress import ProgressSink
from etl.progress import current as current_progress
from etl.raw import RawStore
from etl.settings import Settings
from etl.urls import canonicalize_url

log = logging.getLogger(__name__)


@dataclass
class BackfillReport:
    """What a backfill did, over all its commits."""

    source_id: str
    listing_pages: int = 0
    #: Listing pages read back from raw (read by an earlier, interrupted backfill).
    listing_from_raw: int = 0
    new: int = 0
    already_stored: int = 0
    commits: int = 0
    stopped_by: str = "end of the archive"
    reports: list[RunReport] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "failed" if any(r.status != "completed" for r in self.reports) else "completed"


def backfill_source(source: Source, tables: store.Tables, raw: RawStore, settings: Settings, *,
                    allow_private_networks: bool, max_listing_pages: int, until: date | None = None,
                    parameters: dict | None = None, progress: ProgressSink | None = None,
                    on_page: Callable[[int, int], None] | None = None) -> BackfillReport:
    """Read listing pages breadth-first from the start URLs, committing each page's new articles.

    Stops after ``max_listing_pages`` pages, at the end of the pagination, or after the first page
    whose articles were all published before ``until`` (archives list newest first).
    """
    report = BackfillReport(source_id=source.id)
    progress = progress or current_progress()
    progress.start(source.id, max_listing_pages)
    read_before = store.listing_pages_read(tables, source.id)
    known = store.stored_published_at(tables, source.id)
    skip = given_up_urls(tables, source.id, settings)
    queue = deque(canonicalize_url(u) for u in source.start_urls)
    queued = set(queue)
    with source_fetcher(source, allow_private_networks=allow_private_networks) as fetcher:
        while queue and report.listing_pages < max_listing_pages:
            url = queue.popleft()
            started = datetime.now(UTC)
            run_id = new_run_id(started)
            batch = SourceBatch(source_id=source.id, discovery=Discovery(source_id=source.id))
            dates: list[datetime | None] = []
            sha = read_before.get(url)
            if sha is not None and sha in raw:
                page = FetchResult(url=url, final_url=url, status=200, body=raw.get(sha), content_type="text/html")
                report.listing_from_raw += 1
            else:
                page = fetcher.get(url)
                sha = raw.put(page.body) if page.body is not None else None
                batch.fetch_log.append(fetch_log_row(page, source.id, "listing", run_id, sha=sha))
            report.listing_pages += 1
            batch.discovery.listing_pages = 1
            if page.body is None or not page.ok:
                log.warning("%s: backfill listing %s failed: %s", source.id, url, page.error)
                batch.error = f"listing {url}: {page.error}"
            else:
                articles, listings = classify_links(
                    source, links_of(decode_html(page.body, page.content_type), page.final_url or url))
                for listing in listings:
                    if listing not in queued:
                        queued.add(listing)
                        queue.append(listing)
                seen_here = list(dict.fromkeys(articles))
                new = [a for a in seen_here if a not in known and a not in skip]
                batch.discovery.article_urls = new
                batch.discovery.known = len(seen_here) - len(new)
                report.already_stored += batch.discovery.known
                if new:
                    collect_articles(batch, source, fetcher, raw, settings, run_id=run_id,
                                     progress=_Quiet())
                    for row in batch.rows:
                        known[row["url"]] = known[row["fetched_url"]] = row["published_at"]
                dates = [known.get(a) for a in seen_here]
            if batch.fetch_log:
                # One commit per listing page: what was fetched is never fetched again.
                done = write_run(tables, [batch], settings, run_id=run_id, started_at=started,
                                 parameters={**(parameters or {}), "backfill": source.id, "listing_url": url})
                report.reports.append(done)
                report.commits += 1
                report.new += done.per_source.get(source.id, {}).get("new", 0)
            progress.advance(source.id, url)
            if on_page is not None:
                on_page(report.listing_pages, max_listing_pages)
            if until is not None and page.ok and _all_before(dates, until):
                report.stopped_by = f"every article of {url} was published before {until}"
                break
        else:
            if queue:
                report.stopped_by = f"max_listing_pages = {max_listing_pages}"
    progress.finish(source.id)
    log.info("%s: backfill read %d listing page(s) (%d from raw), %d new article(s), %d already stored; "
             "stopped: %s", source.id, report.listing_pages, report.listing_from_raw, report.new,
             report.already_stored, report.stopped_by)
    return report


def _all_before(published: list[datetime | None], until: date) -> bool:
    dated = [p for p in published if p is not None]
    return bool(dated) and all(p.date() < until for p in dated)


class _Quiet:
    """The page's articles are not a bar of their own: the backfill's bar counts listing pages."""

    def start(self, source_id: str, total: int) -> None: ...
    def advance(self, source_id: str, url: str) -> None: ...
    def finish(self, source_id: str) -> None: ...
