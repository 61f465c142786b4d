"""Every default of the job in one place (like Scrapy's ``default_settings``).

Modules never hard-code a limit: they take one of these dataclasses. The sources file may
override ``FetchSettings`` per source (a ``[sources.politeness]`` table); the config loader
validates those keys against the fields declared here.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from etl import __version__

PROJECT_URL = "https://github.com/vn-ict-news-etl"
USER_AGENT = f"vn-ict-news-etl/{__version__} (+{PROJECT_URL}; nightly news archive bot)"

#: The code extraction runs, relative to the ``etl`` package: what ``EXTRACTOR_VERSION`` digests.
EXTRACTOR_SOURCES = ("clean.py", "extract/*.py", "vocab/*.py", "adapters/*.py")
#: The human part of ``EXTRACTOR_VERSION``; raise it for a change worth naming in the changelog.
EXTRACTOR_SERIES = "0.2"


def extractor_version(package: Path | None = None) -> str:
    """``EXTRACTOR_SERIES`` plus a digest of the code and vocabulary extraction runs.

    Derived rather than bumped by hand, so no change to a rule, a weight or a word list can ship
    under the old version: rows stored with another version are stale for ``etl reprocess``.
    Each module is digested as its syntax tree without docstrings, so comments, docstrings and
    reformatting keep the version (a new Python version may change it: reprocessing then is
    merely redundant, never wrong)."""
    root = package or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted({f for pattern in EXTRACTOR_SOURCES for f in root.glob(pattern)}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (
                isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + ast.dump(tree).encode() + b"\0")
    return f"{EXTRACTOR_SERIES}+{digest.hexdigest()[:12]}"


#: Stored on every row, so ``etl reprocess`` knows which rows an older extractor wrote.
EXTRACTOR_VERSION = extractor_version()

#: How much of an oversize page extraction reads, in document order. A real article page holds a
#: few thousand elements and some tens of thousands of characters of text; a page at the fetch
#: cap (a 5 MiB dump, 150 000 tiny paragraphs, one paragraph of megabytes) is cut there, so every
#: page costs at most about a second (benchmarks/bench_worst_case.py) and nothing else changes.
EXTRACT_MAX_ELEMENTS = 8_000
EXTRACT_MAX_TEXT_CHARS = 200_000
#: People and documents are looked for in this many characters of body and captions.
MENTIONS_MAX_CHARS = 60_000

#: Portals publish in Vietnam time; a dateline without a zone is read in it.
SOURCE_TIMEZONE = "Asia/Ho_Chi_Minh"

DEFAULT_DATA_DIR = Path("data")
#: The offline demo writes apart from real data, so fixture rows never mix with the portals' rows.
DEMO_DATA_DIR = DEFAULT_DATA_DIR / "demo"
#: The demo's fixture sites listen on 127.0.0.1 from this port on (stable URLs across demo runs).
DEMO_FIRST_PORT = 18731
#: Most listing pages one nightly run may read per source (``--max-listing-pages``, the flow's
#: parameter bound): going further back is a backfill's job, not a night's.
MAX_LISTING_PAGES_PER_RUN = 100


@dataclass(frozen=True)
class FetchSettings:
    """Politeness and limits of the HTTP client. Overridable per source."""

    user_agent: str = USER_AGENT
    #: Minimum seconds between two requests to the same host (1 request/s, as Scrapy's template).
    min_delay_s: float = 1.0
    #: Parallel requests to one host.
    per_host_concurrency: int = 1
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    #: Whole-response budget: a server that trickles bytes is cut off after this.
    total_timeout_s: float = 60.0
    retries: int = 3
    backoff_s: float = 1.0
    backoff_max_s: float = 30.0
    retry_statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504, 522, 524)
    #: Longest Retry-After we accept; beyond it the page is recorded as failed for tonight.
    max_retry_after_s: float = 120.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    obey_robots_txt: bool = True
    #: Longest robots.txt Crawl-delay honoured (it raises min_delay_s for that host, never lowers it).
    max_crawl_delay_s: float = 30.0
    #: Send If-None-Match / If-Modified-Since for listing pages seen before.
    conditional_listing_requests: bool = True

    def with_overrides(self, overrides: dict[str, Any]) -> FetchSettings:
        """A copy with the given fields replaced (keys already validated by the config loader)."""
        values = dict(overrides)
        if "retry_statuses" in values:
            values["retry_statuses"] = tuple(values["retry_statuses"])
        return replace(self, **values)

    @classmethod
    def field_names(cls) -> set[str]:
        return {f.name for f in fields(cls)}


@dataclass(frozen=True)
class CrawlSettings:
    """How far discovery goes."""

    max_listing_pages: int = 5
    #: Articles fetched per source in one run; the rest wait for the next run, which the run
    #: logs and reports (``left``). Settable in the sources file (``[crawl]`` or per source).
    max_articles_per_run: int = 500
    #: Listing pages a backfill reads at most when given no page count (``etl backfill``).
    backfill_max_listing_pages: int = 1000
    #: Articles per fetch task and per extract task: fetching one batch overlaps extracting the last.
    batch_size: int = 100
    #: Nights an article may fail transiently (timeout, 5xx) before it is no longer asked for.
    max_article_attempts: int = 3
    #: Feed and sitemap documents read per source in one run (sitemap index children included):
    #: an index naming thousands of sitemaps is read newest first up to here, never recursively.
    max_feed_documents: int = 10
    #: Articles published this many days ago or less are asked for again each night (conditional
    #: GET) so edits are captured; 0 turns re-asking off. Settable in the sources file.
    refresh_days: int = 3


@dataclass(frozen=True)
class QualitySettings:
    """Thresholds of the data-quality checks."""

    min_body_chars: int = 200
    min_page_bytes: int = 512
    max_page_bytes: int = 5 * 1024 * 1024
    earliest_published_year: int = 2000
    #: Share of U+FFFD replacement characters above which a page did not decode cleanly.
    max_replacement_char_share: float = 0.001
    #: A run whose share of failed articles exceeds this fails (after writing what was good).
    max_failure_rate: float = 0.5
    #: Alert when a source's null rate of a column rises by more than this against the last run.
    null_rate_jump: float = 0.3


@dataclass(frozen=True)
class AlertSettings:
    """Who hears about a bad night, and when. The target is the operator's, so it comes from the
    environment of the worker (prefect.yaml ``job_variables.env``), never from the repository."""

    #: A saved Prefect notification block, ``<block-type-slug>/<name>``: ``custom-webhook/ops``,
    #: ``slack-webhook/ops``, ``apprisenotificationblock/ops`` (any Apprise URL: e-mail, Telegram…).
    block_env: str = "ETL_ALERT_BLOCK"
    #: Or a plain URL that receives a JSON POST ``{"subject": …, "body": …}`` (a chat webhook, a relay).
    webhook_env: str = "ETL_ALERT_WEBHOOK_URL"
    #: A source with no new article in this many runs in a row (``runs`` table) raises an alert.
    quiet_nights: int = 2
    #: A nightly run still going after this long is stopped as failed (and alerts): a hung portal
    #: must not hold the data dir's lock into the next night.
    flow_timeout_s: float = 6 * 3600.0
    #: Seconds the notification request may take (the flow's outcome never waits longer).
    send_timeout_s: float = 10.0


@dataclass(frozen=True)
class StoreSettings:
    """Table maintenance."""

    vacuum_retention_days: int = 30
    #: Seconds a run waits for another run's lock on the data dir before failing cleanly.
    lock_timeout_s: float = 600.0


@dataclass(frozen=True)
class Settings:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    quality: QualitySettings = field(default_factory=QualitySettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)


DEFAULT_SETTINGS = Settings()
