"""The stages composed for one run: what each Prefect task calls, runnable without Prefect.

``discover_source`` and ``collect_articles`` take one source from listing pages to checked
article rows (``reprocess_source`` does the same from raw pages); ``write_run`` commits every
table once. Nothing here knows about a particular site.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl

from etl import store
from etl.config import Source, SourcesConfig
from etl.discover import Discovery, discover
from etl.errors import RunFailedError
from etl.extract import extract_article
from etl.fetch import OFF_HOST_REDIRECT, Fetcher, FetchResult, decode_html
from etl.models import Article
from etl.progress import ProgressSink
from etl.progress import current as current_progress
from etl.quality import (
    CURATED,
    ERROR,
    EXTRACT,
    FETCH,
    WARNING,
    Finding,
    Tally,
    check_article,
    check_page,
    compare_with_previous,
    failed_errors,
    validate_articles,
    validate_fetch_log,
)
from etl.raw import RawStore
from etl.settings import EXTRACTOR_VERSION, Settings
from etl.urls import canonicalize_url, netloc_of

log = logging.getLogger(__name__)

#: Prefix of the fetcher's reasons for a request it would not send by policy.
REFUSED = "refused: "
#: ... except this one: the host's robots.txt could not be read (an outage, not a policy).
ROBOTS_UNAVAILABLE = "refused: robots.txt unavailable"
#: Fetch errors that will not heal by asking again (the fetcher's reason strings).
PERMANENT_FETCH_ERRORS = ("refused: host", "refused: scheme", "refused: private", "refused: robots.txt",
                          "not html", "too large", "too many redirects", "redirect loop")
#: Statuses that mean the page is gone.
GONE_STATUSES = (404, 410)

#: Columns whose null rate is compared with the previous run.
WATCHED_NULLS = ("published_at", "event_date", "author", "location")


def new_run_id(now: datetime | None = None) -> str:
    """Sortable by start time, unique even for two runs started in the same second."""
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


def article_id_for(url: str) -> str:
    """Stable id of an article: a hash of its canonical URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass
class SourceBatch:
    """Everything one source produced in one run, ready to be written."""

    source_id: str
    discovery: Discovery | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    fetch_log: list[dict[str, Any]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    failed: int = 0
    #: Pages the fetcher refused by policy (robots.txt, foreign host): skipped, not failed.
    refused: int = 0
    #: New articles found but beyond the per-run limit: the next run fetches them.
    left: int = 0
    error: str | None = None
    #: Article URLs that failed on an earlier night (fetch error or quarantine): asking them again
    #: is not tonight's new work, so the failure-rate gate leaves them out.
    known_failures: set[str] = field(default_factory=set)
    #: Of tonight's attempts, those of ``known_failures``, and how many of them failed again.
    retried: int = 0
    retried_failed: int = 0

    #: Stored articles to ask for again tonight (``store.refresh_candidates``), and what came of it.
    refresh: list[dict[str, Any]] = field(default_factory=list)
    refreshed: int = 0
    #: Rows in ``rows`` that are edits of stored articles, not new ones.
    edited: int = 0

    #: Article ids in ``rows``, so two URLs of one article give one row.
    seen_ids: set[str] = field(default_factory=set, repr=False)

    def add_row(self, row: dict[str, Any]) -> None:
        if row["article_id"] not in self.seen_ids:
            self.seen_ids.add(row["article_id"])
            self.rows.append(row)

    def absorb(self, other: SourceBatch, *, fetch_log: list[dict[str, Any]] | None = None) -> None:
        """Fold an extract step's result (and the fetch-log rows it came from) into this batch."""
        for row in other.rows:
            self.add_row(row)
        self.quarantine.extend(other.quarantine)
        self.fetch_log.extend(fetch_log if fetch_log is not None else other.fetch_log)
        self.tally.merge(other.tally)
        self.failed += other.failed
        self.refused += other.refused
        self.retried += other.retried
        self.retried_failed += other.retried_failed
        self.error = self.error or other.error

    @property
    def counts(self) -> dict[str, int]:
        d = self.discovery
        return {
            "listing_pages": d.listing_pages if d else 0,
            "listing_unchanged": d.listing_unchanged if d else 0,
            "feed_documents": d.feed_documents if d else 0,
            "articles_found": (len(d.article_urls) + d.known + d.skipped) if d else 0,
            "new": len(self.rows) - self.edited,
            "unchanged": d.known if d else 0,
            "skipped": (d.skipped if d else 0) + self.refused,
            "failed": self.failed,
            "quarantined": len(self.quarantine),
            "left": self.left,
            "retried": self.retried,
            "retried_failed": self.retried_failed,
            "refreshed": self.refreshed,
            "edited": self.edited,
        }


def open_fetcher(source: Source, config: SourcesConfig) -> Fetcher:
    return source_fetcher(source, allow_private_networks=config.allow_private_networks)


def source_fetcher(source: Source, *, allow_private_networks: bool) -> Fetcher:
    """A new HTTP session for one source, built where the task runs (a session cannot travel)."""
    return Fetcher(source.fetch, allowed_netlocs=source.allowed_netlocs,
                   allow_private_networks=allow_private_networks)


def without_bodies(batch: SourceBatch) -> SourceBatch:
    """Drop the listing pages' bodies (they are in the raw store) before a batch crosses processes."""
    if batch.discovery is not None:
        for result in batch.discovery.fetches:
            result.body = None
    return batch


def discover_source(source: Source, fetcher: Fetcher, tables: store.Tables, raw: RawStore,
                    settings: Settings, *, run_id: str, max_listing_pages: int | None = None) -> SourceBatch:
    """Read the source's listing pages; the batch carries the new article URLs."""
    pages = max_listing_pages or source.max_listing_pages or settings.crawl.max_listing_pages
    validators = (store.listing_validators(tables, source.id)
                  if source.fetch.conditional_listing_requests else {})
    found = discover(source, fetcher, max_listing_pages=pages, known=store.known_urls(tables, source.id),
                     skip=given_up_urls(tables, source.id, settings), raw=raw, validators=validators,
                     max_feed_documents=settings.crawl.max_feed_documents)
    batch = SourceBatch(source_id=source.id, discovery=found, known_failures=known_failures(tables, source.id))
    batch.fetch_log.extend(fetch_log_row(r, source.id, kind, run_id, sha=sha)
                           for r, sha, kind in zip(found.fetches, found.fetch_shas, found.fetch_kinds, strict=True))
    for problem in found.feed_errors:
        batch.tally.add(source.id, [Finding(FETCH, "feed_readable", WARNING, False, problem)],
                        problem.split(": ", 1)[0])
    moved = [(r.url, hint) for r in found.fetches if (hint := moved_host_hint(source, r))]
    for url, hint in moved:
        batch.tally.add(source.id, [Finding(FETCH, ON_SOURCE_HOSTS, ERROR, False, hint)], url)
    if moved:  # the portal moved: the source fails until its file says where to
        batch.error = f"{moved[0][0]} {moved[0][1]}"
        log.error("%s: %s", source.id, batch.error)
    elif found.error:  # discover = feeds / sitemaps, and none could be read (discover logged it)
        batch.error = found.error
    elif found.fetches and not any(r.ok or r.not_modified for r in found.fetches):
        batch.error = f"no listing page could be read ({found.fetches[0].url}: {found.fetches[0].error})"
        log.error("%s: %s", source.id, batch.error)
    if batch.error is None and source.refresh_days:
        since = datetime.now(UTC) - timedelta(days=source.refresh_days)
        batch.refresh = store.refresh_candidates(tables, source.id, published_since=since,
                                                 limit=source.max_articles_per_run or settings.crawl.max_articles_per_run)
        refresh_articles(batch, source, fetcher, raw, settings, run_id=run_id)
    return batch


#: The check recorded (dq_results, run report) when a URL redirects off the source's hosts.
ON_SOURCE_HOSTS = "stays_on_source_hosts"


def moved_host_hint(source: Source, result: FetchResult) -> str | None:
    """For a URL that redirected off the source's hosts: where it went and the key that follows it."""
    if not (result.error or "").startswith(OFF_HOST_REDIRECT):
        return None
    host = result.error.removeprefix(OFF_HOST_REDIRECT)
    return (f"redirected to host {host}, not among the source's hosts; "
            f'add extra_hosts = ["{host}"] to [[sources]] id="{source.id}"')


def known_failures(tables: store.Tables, source_id: str) -> set[str]:
    """Article URLs a previous night asked for and did not store: a failed fetch or a quarantine."""
    failed = set(store.failed_article_fetches(tables, source_id)["url"].to_list())
    return failed | store.repeatedly_quarantined(tables, source_id, 1)


def is_policy_refusal(error: str | None) -> bool:
    """A request our own rules forbade (robots.txt, foreign host): skipped, not a failure."""
    return bool(error) and error.startswith(REFUSED) and not error.startswith(ROBOTS_UNAVAILABLE)


def given_up_urls(tables: store.Tables, source_id: str, settings: Settings) -> set[str]:
    """Article URLs not to ask for again: gone, refused by policy, or failed on too many nights.

    They stay in the fetch log and quarantine with their reason; a transient failure (timeout,
    5xx) or a page failing a quality check (soft 404, stub) is retried on later nights until
    ``max_article_attempts`` runs have failed on it.
    """
    attempts = settings.crawl.max_article_attempts
    failed = store.failed_article_fetches(tables, source_id)
    give_up = (pl.col("status").is_in(GONE_STATUSES)
               | pl.col("error").str.starts_with(ROBOTS_UNAVAILABLE).not_()
               & pl.any_horizontal(pl.col("error").str.starts_with(p) for p in PERMANENT_FETCH_ERRORS)
               | (pl.col("failures") >= attempts))
    return set(failed.filter(give_up)["url"].to_list()) | store.repeatedly_quarantined(tables, source_id, attempts)


def articles_for_this_run(batch: SourceBatch, source: Source, settings: Settings) -> list[str]:
    """The new URLs this run fetches; the rest are counted as ``left`` and said so in the log."""
    assert batch.discovery is not None
    limit = source.max_articles_per_run or settings.crawl.max_articles_per_run
    urls = batch.discovery.article_urls
    batch.left = max(0, len(urls) - limit)
    if batch.left:
        log.warning("%s: stopping at max_articles_per_run = %d; %d new article(s) left for the next run "
                    "(raise it in the sources file, [crawl] or per source)", source.id, limit, batch.left)
    return urls[:limit]


def collect_articles(batch: SourceBatch, source: Source, fetcher: Fetcher, raw: RawStore,
                     settings: Settings, *, run_id: str, progress: ProgressSink | None = None) -> SourceBatch:
    """Fetch, keep, extract and check every new article of the batch (in this process)."""
    urls = articles_for_this_run(batch, source, settings)
    progress = progress or current_progress()
    progress.start(source.id, len(urls))
    pages = fetch_pages(source, urls, fetcher, raw, run_id=run_id,
                        on_page=lambda url: progress.advance(source.id, url))
    batch.absorb(extract_pages(source, pages, raw, settings, run_id=run_id,
                               known_failures=batch.known_failures), fetch_log=pages)
    progress.finish(source.id)
    log.info("%s: %d new article(s), %d failed, %d quarantined, %d edited of %d re-asked", source.id,
             len(batch.rows) - batch.edited, batch.failed, len(batch.quarantine), batch.edited, batch.refreshed)
    return batch


def refresh_articles(batch: SourceBatch, source: Source, fetcher: Fetcher, raw: RawStore,
                     settings: Settings, *, run_id: str) -> SourceBatch:
    """Ask again for the recently published articles of ``batch.refresh``; keep the edited ones.

    Part of discovery (same task, same fetcher, so the host's politeness budget is shared and
    the flow's steps are unchanged); the few edited pages are extracted right here.

    A conditional GET (the stored page's ETag / Last-Modified) lets an unchanged page answer 304;
    a body identical to the stored one, or one whose extraction gives the same ``content_hash``,
    changes nothing either. An edited page becomes a row that updates its article (same id and
    URL). A re-ask that fails, or whose page no longer passes the checks, leaves the stored row
    alone and is not counted against tonight's new work: the text we have is still the best.
    """
    for old in batch.refresh:
        result = fetcher.get(old["fetch_url"], etag=old.get("etag"), last_modified=old.get("last_modified"))
        batch.refreshed += 1
        sha = raw.put(result.body) if result.body is not None else None
        batch.fetch_log.append(fetch_log_row(result, source.id, "article", run_id, sha=sha))
        if result.not_modified or sha == old["raw_sha256"]:
            continue
        if result.error or result.body is None:
            log.warning("%s: re-asking %s failed (%s); the stored text stays", source.id, result.url, result.error)
            continue
        scratch = SourceBatch(source_id=source.id)
        row = process_page(scratch, source, settings, result, sha, run_id=run_id)
        batch.tally.merge(scratch.tally)
        if row is None:
            log.warning("%s: %s changed but no longer passes the checks; the stored text stays", source.id,
                        result.url)
            continue
        if row["content_hash"] == old["content_hash"]:
            continue
        row.update(article_id=old["article_id"], url=old["url"])
        batch.add_row(row)
        batch.edited += 1
        log.info("%s: %s was edited since it was stored", source.id, old["url"])
    return batch


def host_groups(sources: list[Source]) -> list[list[Source]]:
    """Sources that share a host, together: each group is crawled as one request stream at a time."""
    groups: list[tuple[set[str], list[Source]]] = []
    for source in sources:
        hosts = set(source.allowed_netlocs)
        joined = [g for g in groups if g[0] & hosts]
        for g in joined:
            groups.remove(g)
            hosts |= g[0]
        groups.append((hosts, [s for g in joined for s in g[1]] + [source]))
    return [members for _, members in groups]


@dataclass(frozen=True)
class Step:
    """One task of a host chain: read a source's listings, or fetch a batch of its articles."""

    kind: str
    source: Source
    urls: tuple[str, ...] = ()
    #: Wall-clock time (``time.time()``) before which this step must not send a request: the
    #: previous step of the chain may have run in another process, so the host's delay is handed on.
    not_before: float = 0.0


class HostChain:
    """The steps of one host group in order, so one host is fetched by one task at a time.

    The flow submits a step, and when it completes asks for the next; extraction of a fetched
    batch is not part of the chain, so it runs beside the next fetch, on any worker.
    """

    def __init__(self, sources: list[Source], settings: Settings) -> None:
        self.sources = list(sources)
        self.settings = settings
        self._index = 0
        self._pending: list[tuple[str, ...]] = []

    def first(self) -> Step | None:
        return Step("discover", self.sources[0]) if self.sources else None

    def next(self, batch: SourceBatch | None, *, done_at: float) -> Step | None:
        """The step after the one that just ended (``batch``: a discovery's result, else None)."""
        source = self.sources[self._index]
        not_before = done_at + source.fetch.min_delay_s
        if batch is not None and batch.discovery is not None and batch.error is None:
            urls = articles_for_this_run(batch, source, self.settings)
            size = max(1, self.settings.crawl.batch_size)
            self._pending = [tuple(urls[i:i + size]) for i in range(0, len(urls), size)]
        if self._pending:
            return Step("fetch", source, self._pending.pop(0), not_before)
        self._index += 1
        if self._index < len(self.sources):
            return Step("discover", self.sources[self._index], not_before=not_before)
        return None

    def abandon(self, *, done_at: float) -> Step | None:
        """The current source's step failed: skip the rest of it and go on with the next source."""
        self._pending = []
        return self.next(None, done_at=done_at)


def wait_until(when: float) -> None:
    """Sleep until the wall-clock time ``when`` (a previous step's politeness hand-off)."""
    delay = when - time.time()
    if delay > 0:
        time.sleep(delay)


def fetch_pages(source: Source, urls: list[str], fetcher: Fetcher, raw: RawStore, *, run_id: str,
                on_page: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Fetch article URLs into the raw store; return their fetch-log rows (the raw page hash included).

    Nothing is parsed here, so the rows are all an extract step needs, in any process that can
    read the raw store.
    """
    rows = []
    for url in urls:
        result = fetcher.get(url)
        sha = raw.put(result.body) if result.body is not None else None
        rows.append(fetch_log_row(result, source.id, "article", run_id, sha=sha))
        if on_page is not None:
            on_page(url)
    return rows


def page_from_log(row: dict[str, Any], raw: RawStore) -> FetchResult:
    """A fetch-log row back into the fetch result it recorded, its body read from the raw store."""
    return FetchResult(url=row["url"], final_url=row["final_url"] or row["url"], status=row["status"],
                       content_type=row["content_type"], etag=row.get("etag"),
                       last_modified=row.get("last_modified"),
                       body=raw.get(row["sha256"]) if row["sha256"] else None,
                       fetched_at=row["fetched_at"], error=row["error"])


def extract_pages(source: Source, pages: list[dict[str, Any]], raw: RawStore, settings: Settings, *,
                  run_id: str, known_failures: set[str] | frozenset[str] = frozenset()) -> SourceBatch:
    """Fetch-log rows of article pages → checked article rows and quarantine records (CPU only).

    ``known_failures``: those of the pages' URLs that failed on an earlier night, counted apart
    (``retried``) so the failure-rate gate judges tonight's new work only.
    """
    batch = SourceBatch(source_id=source.id)
    for page in pages:
        quarantined = len(batch.quarantine)
        row = process_page(batch, source, settings, page_from_log(page, raw), page["sha256"], run_id=run_id)
        if page["url"] in known_failures and (row is not None or len(batch.quarantine) > quarantined):
            batch.retried += 1
            batch.retried_failed += row is None
        if row is not None:
            batch.add_row(row)
    return batch


def process_page(batch: SourceBatch, source: Source, settings: Settings, result: FetchResult,
                 sha: str | None, *, run_id: str) -> dict[str, Any] | None:
    """One fetched page → an article row, or a quarantine record saying which check failed."""
    url = result.url
    if is_policy_refusal(result.error):
        batch.refused += 1
        batch.tally.add(source.id, [Finding(FETCH, "allowed_by_policy", WARNING, False, result.error)], url)
        return None
    if result.error and result.body is None:
        batch.failed += 1
        if hint := moved_host_hint(source, result):
            batch.tally.add(source.id, [Finding(FETCH, ON_SOURCE_HOSTS, ERROR, False, hint)], url)
        batch.tally.add(source.id, [Finding(FETCH, "fetched", ERROR, False, result.error)], url)
        batch.quarantine.append(quarantine_row(url, source.id, FETCH, "fetched", result.error, sha, run_id))
        return None
    text = decode_html(result.body or b"", result.content_type)
    findings = check_page(result.status, result.content_type, result.body, text, settings.quality)
    batch.tally.add(source.id, findings, url)
    if bad := failed_errors(findings):
        batch.quarantine.append(quarantine_row(url, source.id, FETCH, bad[0].check, bad[0].message, sha, run_id))
        return None
    try:
        article = extract_article(text, result.final_url or url, adapter=source.adapter)
    except Exception as exc:  # noqa: BLE001 - any extractor bug must quarantine the page, not the run
        log.exception("%s: extraction failed for %s", source.id, url)
        batch.tally.add(source.id, [Finding(EXTRACT, "extracted", ERROR, False, repr(exc))], url)
        batch.quarantine.append(quarantine_row(url, source.id, EXTRACT, "extracted", repr(exc), sha, run_id))
        return None
    canonical = choose_canonical(article, result, source)
    article.url = canonical
    findings = check_article(article, source, settings.quality, site_names=[source.name])
    batch.tally.add(source.id, findings, url)
    if bad := failed_errors(findings):
        batch.quarantine.append(quarantine_row(url, source.id, EXTRACT, bad[0].check, bad[0].message, sha, run_id))
        return None
    return article_row(article, source, sha or "", result.fetched_at, run_id,
                       fetched_url=canonicalize_url(url))


def choose_canonical(article: Article, result: FetchResult, source: Source) -> str:
    """``<link rel=canonical>`` wins when it stays on the source's hosts; else the fetched URL."""
    fetched = canonicalize_url(result.final_url or result.url)
    if article.canonical_url:
        try:
            declared = canonicalize_url(article.canonical_url, fetched)
        except ValueError:
            return fetched
        if netloc_of(declared) in source.allowed_netlocs:
            return declared
    return fetched


def content_hash(article: Article) -> str:
    """Hash of everything extracted from the page: reprocessing updates a row only if it changes."""
    fields = article.to_dict()
    fields.pop("canonical_url", None)
    return hashlib.sha256(json.dumps(fields, default=str, ensure_ascii=False, sort_keys=True)
                          .encode("utf-8")).hexdigest()


def article_row(article: Article, source: Source, raw_sha256: str, fetched_at: datetime, run_id: str,
                *, fetched_url: str) -> dict[str, Any]:
    published = article.published_at.astimezone(UTC) if article.published_at else None
    return {
        "article_id": article_id_for(article.url),
        "source_id": source.id,
        "source_kind": source.kind,
        "url": article.url,
        "title": article.title,
        "published_at": published,
        "event_date": article.event_date,
        "location": article.location,
        "author": article.author,
        "body": list(article.body),
        "images": [asdict(i) for i in article.images],
        "word_count": article.word_count,
        "raw_sha256": raw_sha256,
        "fetched_at": fetched_at,
        "run_id": run_id,
        "extractor_version": EXTRACTOR_VERSION,
        "people": [asdict(p) for p in article.people],
        "documents": [asdict(d) for d in article.documents],
        "fetched_url": fetched_url,
        "content_hash": content_hash(article),
    }


def fetch_log_row(result: FetchResult, source_id: str, kind: str, run_id: str, *,
                  sha: str | None = None) -> dict[str, Any]:
    return {
        "run_id": run_id, "source_id": source_id, "kind": kind, "url": result.url,
        "final_url": result.final_url, "status": result.status, "content_type": result.content_type,
        "etag": result.etag, "last_modified": result.last_modified, "fetched_at": result.fetched_at,
        "sha256": sha, "bytes": len(result.body) if result.body is not None else None,
        "error": result.error, "attempts": result.attempts, "not_modified": result.not_modified,
    }


def quarantine_row(url: str, source_id: str, stage: str, check: str, message: str, sha: str | None,
                   run_id: str) -> dict[str, Any]:
    return {"url": url, "source_id": source_id, "stage": stage, "check": check, "message": message,
            "raw_sha256": sha, "run_id": run_id, "quarantined_at": datetime.now(UTC)}


@dataclass
class RunReport:
    """What a run did: the flow prints it, publishes it as an artifact and stores it in ``runs``."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    status: str
    parameters: dict[str, Any]
    per_source: dict[str, dict[str, int]]
    table_versions: dict[str, int]
    data_dir: str
    message: str = ""
    alerts: list[str] = field(default_factory=list)
    dq_failures: list[dict[str, Any]] = field(default_factory=list)
    #: Rows the articles merge inserted and updated (unchanged rows are not rewritten).
    merged: dict[str, int] = field(default_factory=dict)

    @property
    def failure_rate(self) -> float:
        """Share of tonight's new pages that were quarantined.

        A failed fetch is quarantined too (stage ``fetch``), so ``quarantined`` already counts it;
        adding ``failed`` would count it twice and fail runs below the threshold. Retries of pages
        that failed on an earlier night (``retried``) are left out: that failure was already
        reported, and a second night with nothing else to do must not fail on it again.
        """
        attempted = sum(c["new"] + c["quarantined"] - c.get("retried", 0) for c in self.per_source.values())
        bad = sum(c["quarantined"] - c.get("retried_failed", 0) for c in self.per_source.values())
        return bad / attempted if attempted else 0.0


def write_run(tables: store.Tables, batches: list[SourceBatch], settings: Settings, *, run_id: str,
              started_at: datetime, parameters: dict[str, Any], restamp: bool = False) -> RunReport:
    """Commit the run: one new version of every table, then the ``runs`` row.

    Order matters for crash safety: raw pages are already on disk; the fetch log goes first, so
    what was asked for is never forgotten; articles are merged in one atomic commit; a run killed
    before it simply re-fetches the same (deduplicated) pages, one killed after it finds them stored.
    ``restamp`` (a reprocess) also updates rows whose extraction is unchanged but carries an older
    ``extractor_version``, so the version column says which rows the current extractor has read.
    """
    tally = Tally()
    for b in batches:
        tally.merge(b.tally)
    rows = [r for b in batches for r in b.rows]
    articles = store.frame(rows, store.ARTICLES_SCHEMA)
    findings, failures = validate_articles(articles)
    tally.add("*", findings, "articles")
    quarantine = [q for b in batches for q in b.quarantine]
    if failed_errors(findings):
        bad_ids = set(failures.get_column("failure_case").cast(pl.String).to_list()) if failures.height else set()
        bad_rows = articles.filter(pl.col("article_id").is_in(bad_ids)) if bad_ids else articles
        for r in bad_rows.iter_rows(named=True):
            quarantine.append(quarantine_row(r["url"], r["source_id"], CURATED, "articles_contract",
                                             "; ".join(f.message for f in failed_errors(findings)),
                                             r["raw_sha256"], run_id))
        articles = articles.filter(~pl.col("article_id").is_in(set(bad_rows["article_id"])))

    previous = _previous_source_stats(tables)
    current = {b.source_id: _source_stats(b) for b in batches if b.discovery is not None}
    alerts = compare_with_previous(current, previous, settings.quality)
    for source_id, finding in alerts:
        tally.add(source_id, [finding], source_id)
        if not finding.passed:
            log.warning("ALERT %s: %s", source_id, finding.message)

    versions: dict[str, int] = {}
    fetch_log = store.frame([f for b in batches for f in b.fetch_log], store.FETCH_LOG_SCHEMA)
    tally.add("*", validate_fetch_log(fetch_log), "fetch_log")
    versions["fetch_log"] = store.append(tables.fetch_log, fetch_log, run_id=run_id)
    articles = articles.with_columns(updated_at=pl.lit(datetime.now(UTC), store.UTC_TS))
    versions["article_versions"] = store.append(tables.article_versions, store.new_versions(tables, articles),
                                                run_id=run_id)
    versions["articles"], merged = store.merge(tables.articles, articles, key="article_id", run_id=run_id,
                                               change_column=("content_hash", "extractor_version") if restamp
                                               else "content_hash", operation="run")
    versions["mentions"] = store.merge_mentions(tables, articles, run_id=run_id)
    versions["quarantine"] = store.append(tables.quarantine, store.frame(quarantine, store.QUARANTINE_SCHEMA),
                                          run_id=run_id)
    now = datetime.now(UTC)
    versions["dq_results"] = store.append(tables.dq_results,
                                          store.frame(tally.rows(run_id, now), store.DQ_RESULTS_SCHEMA),
                                          run_id=run_id)
    per_source = {b.source_id: b.counts for b in batches}
    for b in batches:
        per_source[b.source_id]["rows_written"] = sum(1 for r in articles.iter_rows(named=True)
                                                      if r["source_id"] == b.source_id)
    report = RunReport(run_id=run_id, started_at=started_at, finished_at=now, status="completed",
                       parameters=parameters, per_source=per_source, table_versions=versions,
                       data_dir=str(tables.data_dir),
                       alerts=[f.message for _, f in alerts if not f.passed],
                       dq_failures=[r for r in tally.rows(run_id, now) if r["failed"]], merged=merged)
    errors = [f"{b.source_id}: {b.error}" for b in batches if b.error]
    if errors:
        report.status, report.message = "failed", "; ".join(errors)
    elif report.failure_rate > settings.quality.max_failure_rate:
        report.status = "failed"
        report.message = (f"failure rate {report.failure_rate:.0%} exceeds "
                          f"{settings.quality.max_failure_rate:.0%}")
    versions["runs"] = record_run(tables, report)
    return report


def record_run(tables: store.Tables, report: RunReport) -> int:
    row = {
        "run_id": report.run_id, "started_at": report.started_at, "finished_at": report.finished_at,
        "status": report.status, "parameters": json.dumps(report.parameters, default=str, ensure_ascii=False),
        "counts": [{"source_id": s, "stage": _stage_of(name), "name": name, "value": v}
                   for s, c in report.per_source.items() for name, v in c.items()],
        "table_versions": [{"table": t, "version": v} for t, v in report.table_versions.items()],
        "extractor_version": EXTRACTOR_VERSION, "message": report.message,
    }
    version = store.append(tables.runs, store.frame([row], store.RUNS_SCHEMA), run_id=report.run_id)
    report.table_versions["runs"] = version
    return version


def run_failed_message(report: RunReport) -> str | None:
    """The one line a failed run ends with (None when it completed)."""
    return None if report.status == "completed" else f"run {report.run_id} failed: {report.message}"


def raise_if_failed(report: RunReport) -> None:
    if message := run_failed_message(report):
        raise RunFailedError(message)


_STAGES = {"listing_pages": "discover", "listing_unchanged": "discover", "articles_found": "discover",
           "feed_documents": "discover",
           "unchanged": "discover", "skipped": "discover", "left": "discover", "failed": "fetch", "new": "extract", "quarantined": "quality",
           "rows_written": "store", "retried": "fetch", "retried_failed": "fetch",
           "refreshed": "refresh", "edited": "refresh"}


def _stage_of(name: str) -> str:
    return _STAGES.get(name, "run")


def _source_stats(batch: SourceBatch) -> dict[str, float]:
    stats: dict[str, float] = {"rows": float(batch.counts["articles_found"])}
    if batch.rows:
        for col in WATCHED_NULLS:
            stats[f"null_{col}"] = sum(r[col] is None for r in batch.rows) / len(batch.rows)
    return stats


def _previous_source_stats(tables: store.Tables) -> dict[str, dict[str, float]]:
    """Stats of the last run that wrote rows, per source, read back from ``runs`` and ``articles``."""
    if not store.exists(tables.runs):
        return {}
    last = store.scan(tables.runs).select("finished_at", "counts").sort("finished_at").tail(1).collect()
    counts = last.explode("counts").unnest("counts").filter(pl.col("name") == "articles_found")
    stats: dict[str, dict[str, float]] = {r["source_id"]: {"rows": float(r["value"])}
                                          for r in counts.iter_rows(named=True)}
    if store.exists(tables.articles):
        # Only the watched columns are read (the table's bodies never leave the files).
        nulls = (store.scan(tables.articles).group_by("source_id")
                 .agg([pl.col(c).is_null().mean().alias(f"null_{c}") for c in WATCHED_NULLS]).collect())
        for r in nulls.iter_rows(named=True):
            stats.setdefault(r["source_id"], {}).update({k: v for k, v in r.items() if k != "source_id"})
    return stats


def reprocess_source(source: Source, tables: store.Tables, raw: RawStore, settings: Settings, *,
                     run_id: str, stale_only: bool = False) -> SourceBatch:
    """Re-extract every article page this source ever fetched, from raw, with no network.

    The fetch log says which raw page each URL last gave; its rows go through the same checks as
    a live run, and the merge on ``content_hash`` then touches only rows whose extraction changed.
    ``stale_only`` skips pages whose stored row the current ``EXTRACTOR_VERSION`` already wrote
    (the version is derived from the extractor's code, so a changed rule makes every row stale).
    """
    batch = SourceBatch(source_id=source.id, discovery=Discovery(source_id=source.id))
    if not store.exists(tables.fetch_log):
        return batch
    pages = (store.scan(tables.fetch_log)
             .filter((pl.col("source_id") == source.id) & (pl.col("kind") == "article")
                     & pl.col("sha256").is_not_null())
             .sort("fetched_at").group_by("url", maintain_order=True).last().collect())
    if stale_only and store.exists(tables.articles):
        current = (store.scan(tables.articles)
                   .filter((pl.col("source_id") == source.id) & (pl.col("extractor_version") == EXTRACTOR_VERSION))
                   .select("raw_sha256").collect())
        pages = pages.filter(~pl.col("sha256").is_in(current["raw_sha256"].implode()))
    batch.absorb(extract_pages(source, pages.to_dicts(), raw, settings, run_id=run_id), fetch_log=[])
    log.info("%s: reprocessed %d page(s) from raw: %d article(s), %d quarantined", source.id,
             pages.height, len(batch.rows), len(batch.quarantine))
    return batch


def maintain(tables: store.Tables, *, retention_days: int) -> dict[str, dict[str, Any]]:
    """Compact small files and vacuum old versions of every table; raw pages are never touched."""
    done: dict[str, dict[str, Any]] = {}
    for name, path in {**tables.curated_tables(), "fetch_log": tables.fetch_log}.items():
        if not store.exists(path):
            continue
        compacted = store.compact(path)
        removed = store.vacuum(path, retention_days)
        done[name] = {"files_added": compacted.get("numFilesAdded", 0),
                      "files_removed": compacted.get("numFilesRemoved", 0),
                      "vacuumed_files": len(removed), "version": store.version_of(path)}
        log.info("%s: compacted (%s), vacuumed %d file(s)", name, done[name], len(removed))
    return done
