"""Delta Lake tables: the curated datasets analysts read, and the fetch log beside the raw pages.

Every write is one atomic Delta commit, so a run killed mid-write leaves the previous version
intact, and rows are merged on their keys, so rerunning a night never duplicates a row.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import random
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import CommitFailedError, DeltaError
from upath import UPath

from etl.errors import StoreError, UsageError

log = logging.getLogger(__name__)

UTC_TS = pl.Datetime("us", "UTC")

#: The standard variables an S3-compatible store is configured with (AWS, MinIO, Ceph, R2 alike).
S3_ENV = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
          "AWS_ALLOW_HTTP")
#: Commits a merge retries after losing to a concurrent writer (Delta's optimistic concurrency).
COMMIT_RETRIES = 10


def is_remote(location: str | os.PathLike[str]) -> bool:
    """An object-store URI (``s3://bucket/prefix``) rather than a local folder."""
    return "://" in str(location)


def location_uri(location: str | os.PathLike[str], *parts: str) -> str:
    """An absolute location anyone can open: the URI as given, or a local folder's absolute path."""
    if is_remote(location):
        return "/".join([str(location).rstrip("/"), *parts])
    return str(Path(location, *parts).resolve())


def storage_options(location: str | os.PathLike[str]) -> dict[str, str] | None:
    """deltalake/polars storage options for a location: the ``AWS_*`` variables set, for a URI."""
    if not is_remote(location):
        return None
    return {key: os.environ[key] for key in S3_ENV if os.environ.get(key)}

IMAGE = pl.Struct({"url": pl.String, "alt": pl.String, "caption": pl.String})
PERSON = pl.Struct({"name": pl.String, "position": pl.String})
DOCUMENT = pl.Struct({"type": pl.String, "code": pl.String, "date": pl.Date})

#: The ``articles`` contract. Columns are only ever added, never renamed.
ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String,
    "source_id": pl.String,
    "source_kind": pl.String,
    "url": pl.String,
    "title": pl.String,
    "published_at": UTC_TS,
    "event_date": pl.Date,
    "location": pl.String,
    "author": pl.String,
    "body": pl.List(pl.String),
    "images": pl.List(IMAGE),
    "word_count": pl.Int64,
    "raw_sha256": pl.String,
    "fetched_at": UTC_TS,
    "run_id": pl.String,
    "extractor_version": pl.String,
    "people": pl.List(PERSON),
    "documents": pl.List(DOCUMENT),
    "fetched_url": pl.String,
    "content_hash": pl.String,
    #: When this row's content was last written (first stored, or an edit / re-extraction).
    "updated_at": UTC_TS,
}

#: ``article_versions``: append-only, one row per content an article ever had (the current one
#: included), so an edited page's earlier text stays a plain filter away.
ARTICLE_VERSIONS_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String,
    "version": pl.Int64,
    "change": pl.String,
    **{k: v for k, v in ARTICLES_SCHEMA.items() if k != "article_id"},
}

MENTIONS_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String,
    "source_id": pl.String,
    "published_at": UTC_TS,
    "kind": pl.String,
    "name": pl.String,
    "position": pl.String,
    "doc_type": pl.String,
    "code": pl.String,
    "doc_date": pl.Date,
}

QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "url": pl.String,
    "source_id": pl.String,
    "stage": pl.String,
    "check": pl.String,
    "message": pl.String,
    "raw_sha256": pl.String,
    "run_id": pl.String,
    "quarantined_at": UTC_TS,
}

DQ_RESULTS_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String,
    "stage": pl.String,
    "check": pl.String,
    "source_id": pl.String,
    "severity": pl.String,
    "passed": pl.Int64,
    "failed": pl.Int64,
    "examples": pl.List(pl.String),
    "checked_at": UTC_TS,
}

RUNS_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String,
    "started_at": UTC_TS,
    "finished_at": UTC_TS,
    "status": pl.String,
    "parameters": pl.String,
    "counts": pl.List(pl.Struct({"source_id": pl.String, "stage": pl.String,
                                 "name": pl.String, "value": pl.Int64})),
    "table_versions": pl.List(pl.Struct({"table": pl.String, "version": pl.Int64})),
    "extractor_version": pl.String,
    "message": pl.String,
}

FETCH_LOG_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String,
    "source_id": pl.String,
    "kind": pl.String,
    "url": pl.String,
    "final_url": pl.String,
    "status": pl.Int32,
    "content_type": pl.String,
    "etag": pl.String,
    "last_modified": pl.String,
    "fetched_at": UTC_TS,
    "sha256": pl.String,
    "bytes": pl.Int64,
    "error": pl.String,
    "attempts": pl.Int32,
    "not_modified": pl.Boolean,
}


@dataclass(frozen=True)
class Tables:
    """Where each table of one data dir lives."""

    data_dir: Path

    @classmethod
    def at(cls, data_dir: str | Path) -> Tables:
        """A local folder (made absolute) or an object-store URI such as ``s3://bucket/prefix``."""
        if is_remote(data_dir):
            return cls(UPath(str(data_dir).rstrip("/")))
        return cls(Path(data_dir).resolve())

    @property
    def curated(self) -> Path:
        return self.data_dir / "curated"

    @property
    def articles(self) -> Path:
        return self.curated / "articles"

    @property
    def mentions(self) -> Path:
        return self.curated / "mentions"

    @property
    def article_versions(self) -> Path:
        return self.curated / "article_versions"

    @property
    def quarantine(self) -> Path:
        return self.curated / "quarantine"

    @property
    def dq_results(self) -> Path:
        return self.curated / "dq_results"

    @property
    def runs(self) -> Path:
        return self.curated / "runs"

    @property
    def fetch_log(self) -> Path:
        return self.data_dir / "raw" / "fetch_log"

    def curated_tables(self) -> dict[str, Path]:
        return {"articles": self.articles, "mentions": self.mentions, "quarantine": self.quarantine,
                "dq_results": self.dq_results, "runs": self.runs, "article_versions": self.article_versions}


def frame(rows: list[dict[str, Any]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """Rows → a frame with exactly the table's schema (missing keys become nulls)."""
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=dict(schema))


def exists(path: Path) -> bool:
    return DeltaTable.is_deltatable(str(path), storage_options=storage_options(path))


def table(path: Path) -> DeltaTable:
    return DeltaTable(str(path), storage_options=storage_options(path))


def scan(path: Path) -> pl.LazyFrame:
    """A lazy scan of a table, so a caller reads only the columns and rows it selects."""
    return pl.scan_delta(str(path), storage_options=storage_options(path))


def version_of(path: Path) -> int | None:
    return table(path).version() if exists(path) else None


def read_table(path: Path, schema: Mapping[str, pl.DataType] | None = None, *,
               version: int | datetime | None = None) -> pl.DataFrame:
    """The table (at a past version or timestamp if given); an empty frame if it does not exist."""
    if not exists(path):
        if schema is None:
            raise StoreError(f"no Delta table at {path}")
        return pl.DataFrame(schema=dict(schema))
    return pl.read_delta(str(path), version=version, storage_options=storage_options(path))


def _commit(run_id: str, operation: str) -> CommitProperties:
    return CommitProperties(custom_metadata={"etl.run_id": run_id, "etl.operation": operation})


def append(path: Path, df: pl.DataFrame, *, run_id: str, operation: str = "append") -> int:
    """Append rows (possibly none) as one new version; return that version."""
    df.write_delta(str(path), mode="append", storage_options=storage_options(path),
                   delta_write_options={"commit_properties": _commit(run_id, operation),
                                        "schema_mode": "merge"})
    return table(path).version()


def overwrite(path: Path, df: pl.DataFrame, *, run_id: str, operation: str = "overwrite") -> int:
    df.write_delta(str(path), mode="overwrite", storage_options=storage_options(path),
                   delta_write_options={"commit_properties": _commit(run_id, operation),
                                        "schema_mode": "overwrite"})
    return table(path).version()


def merge(path: Path, df: pl.DataFrame, *, key: str, run_id: str,
          change_column: str | tuple[str, ...] | None = None, operation: str = "merge") -> tuple[int, dict[str, int]]:
    """Upsert ``df`` on ``key`` as exactly one new version.

    New keys are inserted; an existing key is updated only when ``change_column`` (or one of
    several) differs, so unchanged rows are untouched. When nothing changes an empty commit still marks the run, so
    every run maps to one version of every table.
    """
    if not exists(path):
        # Two first runs at once both find no table. A create that carries rows is a blind append,
        # which delta-rs commits again after a conflict, so every key would land twice; creating
        # the table empty and merging into it lets Delta's conflict check order the two merges.
        try:
            df.clear().write_delta(str(path), mode="error", storage_options=storage_options(path),
                                   delta_write_options={"commit_properties": _commit(run_id, "create table")})
        except DeltaError:
            if not exists(path):
                raise
            log.info("%s: created meanwhile by another writer, merging into it", path)
    metrics: dict[str, Any] = {}
    if df.height:
        changes = (change_column,) if isinstance(change_column, str) else change_column or ()
        predicate = " OR ".join(f"(s.{c} IS DISTINCT FROM t.{c})" for c in changes) or None
        for attempt in range(COMMIT_RETRIES + 1):
            merger = df.write_delta(
                str(path), mode="merge", storage_options=storage_options(path),
                delta_merge_options={"predicate": f"s.{key} = t.{key}", "source_alias": "s",
                                     "target_alias": "t", "commit_properties": _commit(run_id, operation),
                                     "merge_schema": True},
            )
            try:
                metrics = merger.when_matched_update_all(predicate=predicate).when_not_matched_insert_all().execute()
                break
            except CommitFailedError as exc:
                # Another writer committed first: merge again against its version (rows it
                # inserted are now matched, so nothing is written twice).
                if attempt == COMMIT_RETRIES:
                    raise StoreError(f"{path}: gave up after {attempt + 1} conflicting commits: {exc}") from exc
                log.info("%s: concurrent commit, merging again (%d)", path, attempt + 1)
                time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))
    counts = {"inserted": int(metrics.get("num_target_rows_inserted", 0)),
              "updated": int(metrics.get("num_target_rows_updated", 0))}
    # A merge that changes nothing commits nothing; judged by its own metrics, not by the table's
    # version, which a concurrent writer may have moved meanwhile.
    if not any(counts.values()):
        return append(path, df.clear(), run_id=run_id, operation=f"{operation} (no change)"), counts
    return table(path).version(), counts


def known_urls(tables: Tables, source_id: str | None = None) -> set[str]:
    """Canonical and as-discovered URLs of every stored article: discovery skips these."""
    if not exists(tables.articles):
        return set()
    lf = scan(tables.articles)
    if source_id is not None:
        lf = lf.filter(pl.col("source_id") == source_id)
    df = lf.select("url", "fetched_url").collect()
    return {u for col in df.iter_columns() for u in col.drop_nulls().to_list()}


def failed_article_fetches(tables: Tables, source_id: str) -> pl.DataFrame:
    """Article URLs never fetched successfully: their last status and error, and how many runs failed."""
    if not exists(tables.fetch_log):
        return pl.DataFrame(schema={"url": pl.String, "status": pl.Int32, "error": pl.String,
                                    "failures": pl.UInt32})
    log = scan(tables.fetch_log).filter(
        (pl.col("source_id") == source_id) & (pl.col("kind") == "article"))
    succeeded = log.filter(pl.col("error").is_null()).select("url").unique()
    return (log.filter(pl.col("error").is_not_null()).join(succeeded, on="url", how="anti")
            .sort("fetched_at").group_by("url")
            .agg(pl.col("status").last(), pl.col("error").last(), pl.len().alias("failures"))
            .collect())


def repeatedly_quarantined(tables: Tables, source_id: str, times: int) -> set[str]:
    """URLs quarantined in at least ``times`` runs (a page that keeps failing a quality check)."""
    if not exists(tables.quarantine):
        return set()
    df = (scan(tables.quarantine).filter(pl.col("source_id") == source_id)
          .group_by("url").agg(pl.col("run_id").n_unique().alias("runs"))
          .filter(pl.col("runs") >= times).collect())
    return set(df["url"].to_list())


#: Fetch-log kinds of the pages discovery reads; each is asked for conditionally the next night.
DISCOVERY_KINDS = ("listing", "feed", "sitemap")


def listing_validators(tables: Tables, source_id: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Per listing URL, the last ETag / Last-Modified served with a body and that body's raw sha256."""
    if not exists(tables.fetch_log):
        return {}
    df = (scan(tables.fetch_log)
          .filter((pl.col("source_id") == source_id) & pl.col("kind").is_in(DISCOVERY_KINDS)
                  & (pl.col("status") == 200) & pl.col("sha256").is_not_null()
                  & (pl.col("etag").is_not_null() | pl.col("last_modified").is_not_null()))
          .sort("fetched_at").group_by("url").last().collect())
    return {r["url"]: (r["etag"], r["last_modified"], r["sha256"]) for r in df.iter_rows(named=True)}


def listing_pages_read(tables: Tables, source_id: str) -> dict[str, str]:
    """Per listing URL, the raw sha256 of its last successful read: a resumed backfill reads it from raw."""
    if not exists(tables.fetch_log):
        return {}
    df = (scan(tables.fetch_log)
          .filter((pl.col("source_id") == source_id) & (pl.col("kind") == "listing")
                  & (pl.col("status") == 200) & pl.col("sha256").is_not_null())
          .select("url", "sha256", "fetched_at").sort("fetched_at").group_by("url").last().collect())
    return dict(zip(df["url"].to_list(), df["sha256"].to_list(), strict=True))


def stored_published_at(tables: Tables, source_id: str) -> dict[str, datetime | None]:
    """Publication time of every stored article, by canonical and as-discovered URL (three columns read)."""
    if not exists(tables.articles):
        return {}
    df = (scan(tables.articles).filter(pl.col("source_id") == source_id)
          .select("url", "fetched_url", "published_at").collect())
    out: dict[str, datetime | None] = {}
    for url, fetched, published in df.iter_rows():
        out[url] = published
        if fetched:
            out[fetched] = published
    return out


def refresh_candidates(tables: Tables, source_id: str, *, published_since: datetime,
                       limit: int) -> list[dict[str, Any]]:
    """Stored articles published since ``published_since`` (newest first, at most ``limit``).

    Each comes with the ETag / Last-Modified of the fetch that gave its *stored* content (not of
    the latest fetch): if a run died between the fetch log and the articles commit, the next
    night's conditional GET still brings the newer page instead of a 304.
    """
    if not exists(tables.articles):
        return []
    articles = (scan(tables.articles)
                .filter((pl.col("source_id") == source_id) & (pl.col("published_at") >= published_since))
                .select("article_id", "url", "fetched_url", "raw_sha256", "content_hash", "published_at")
                .sort("published_at", descending=True).head(limit).collect())
    if articles.is_empty():
        return []
    validators = pl.DataFrame(schema={"raw_sha256": pl.String, "etag": pl.String, "last_modified": pl.String})
    if exists(tables.fetch_log):
        validators = (scan(tables.fetch_log)
                      .filter((pl.col("source_id") == source_id) & (pl.col("kind") == "article")
                              & pl.col("sha256").is_in(articles["raw_sha256"].to_list()))
                      .sort("fetched_at").group_by("sha256").last()
                      .select(pl.col("sha256").alias("raw_sha256"), "etag", "last_modified").collect())
    return (articles.join(validators, on="raw_sha256", how="left")
            .with_columns(fetch_url=pl.coalesce("fetched_url", "url"))
            .sort("published_at", descending=True).to_dicts())


def new_versions(tables: Tables, articles: pl.DataFrame) -> pl.DataFrame:
    """The ``article_versions`` rows for a frame about to be merged into ``articles``.

    A row gets a version when its article is new or its ``content_hash`` differs from the stored
    row: ``change`` says ``edit`` when the page itself changed (another raw page) and
    ``reprocess`` when only the extraction did. An article stored before this table existed gets
    its stored row as version 1 first, so its earlier text is never lost. Idempotent: content
    already recorded as an article's latest version is not recorded again (a rerun after a crash
    between this append and the merge adds nothing).
    """
    empty = pl.DataFrame(schema=dict(ARTICLE_VERSIONS_SCHEMA))
    if articles.is_empty():
        return empty
    ids = articles["article_id"].to_list()
    stored = (scan(tables.articles).filter(pl.col("article_id").is_in(ids)).collect()
              if exists(tables.articles) else pl.DataFrame(schema=dict(ARTICLES_SCHEMA)))
    latest = pl.DataFrame(schema={"article_id": pl.String, "version": pl.Int64, "content_hash": pl.String})
    if exists(tables.article_versions):
        latest = (scan(tables.article_versions).filter(pl.col("article_id").is_in(ids))
                  .sort("version").group_by("article_id").last().select("article_id", "version", "content_hash")
                  .collect())
    known_hash = dict(zip(latest["article_id"], latest["content_hash"], strict=True))
    known_version = dict(zip(latest["article_id"], latest["version"], strict=True))
    before = {r["article_id"]: r for r in stored.iter_rows(named=True)}
    out: list[dict[str, Any]] = []
    for row in articles.iter_rows(named=True):
        aid = row["article_id"]
        old = before.get(aid)
        if (old is not None and old["content_hash"] == row["content_hash"]) or known_hash.get(aid) == row["content_hash"]:
            continue
        version = known_version.get(aid, 0)
        if old is not None and aid not in known_version:
            version += 1
            out.append({**old, "version": version, "change": "new"})
        change = "new" if old is None else "edit" if old["raw_sha256"] != row["raw_sha256"] else "reprocess"
        version += 1
        out.append({**row, "version": version, "change": change})
    return frame(out, ARTICLE_VERSIONS_SCHEMA) if out else empty


def mentions_of(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per (article, person) and (article, document) of the given article rows."""
    base = articles.select("article_id", "source_id", "published_at", "people", "documents")
    people = (base.select("article_id", "source_id", "published_at", "people").explode("people")
              .drop_nulls("people").unnest("people")
              .with_columns(kind=pl.lit("person")))
    docs = (base.select("article_id", "source_id", "published_at", "documents").explode("documents")
            .drop_nulls("documents").unnest("documents")
            .rename({"type": "doc_type", "date": "doc_date"})
            .with_columns(kind=pl.lit("document")))
    mentions = pl.concat([people, docs], how="diagonal_relaxed")
    return mentions.select([pl.col(c).cast(t) if c in mentions.columns else pl.lit(None, t).alias(c)
                            for c, t in MENTIONS_SCHEMA.items()])


def rebuild_mentions(tables: Tables, *, run_id: str) -> int:
    """The whole ``mentions`` table rebuilt from ``articles`` (a new table, or a repair)."""
    return overwrite(tables.mentions, mentions_of(read_table(tables.articles, ARTICLES_SCHEMA)), run_id=run_id,
                     operation="rebuild mentions")


def merge_mentions(tables: Tables, articles: pl.DataFrame, *, run_id: str) -> int:
    """Replace the mentions of these articles only, in one commit: a night costs what it wrote.

    ``articles`` are the rows the run merged (already in ``articles``); rows of other articles are
    not read or rewritten. The first run on a data dir builds the table whole.
    """
    if not exists(tables.mentions):
        return rebuild_mentions(tables, run_id=run_id)
    ids = sorted(set(articles["article_id"].to_list()))
    if not ids:
        return append(tables.mentions, pl.DataFrame(schema=MENTIONS_SCHEMA), run_id=run_id,
                      operation="mentions (no change)")
    # Article ids are hex digests: safe to quote as SQL literals.
    predicate = "article_id IN (" + ", ".join(f"'{i}'" for i in ids) + ")"
    rows = mentions_of(articles)
    for attempt in range(COMMIT_RETRIES + 1):
        try:
            rows.write_delta(str(tables.mentions), mode="overwrite", storage_options=storage_options(tables.mentions),
                             delta_write_options={"predicate": predicate,
                                                  "commit_properties": _commit(run_id, "merge mentions")})
            break
        except CommitFailedError as exc:
            if attempt == COMMIT_RETRIES:
                raise StoreError(f"{tables.mentions}: gave up after {attempt + 1} conflicting commits: {exc}") from exc
            time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))
    return table(tables.mentions).version()


def history(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    return table(path).history(limit) if exists(path) else []


def compact(path: Path) -> dict[str, Any]:
    """Rewrite small files into larger ones (a new version; data unchanged)."""
    return table(path).optimize.compact() if exists(path) else {}


def vacuum(path: Path, retention_days: int) -> list[str]:
    """Delete data files no version younger than the retention still needs."""
    if not exists(path):
        return []
    return table(path).vacuum(retention_hours=retention_days * 24, dry_run=False,
                                        enforce_retention_duration=False)


@contextmanager
def run_lock(data_dir: str | Path, *, timeout_s: float) -> Iterator[None]:
    """One run at a time per data dir: a second run waits up to ``timeout_s``, then fails cleanly.

    An OS file lock (released by the kernel if the process dies), so a killed run never
    leaves a stale lock behind.
    """
    if is_remote(data_dir):
        # Object storage has no such lock, and needs none: commits are conditional (Delta's
        # optimistic concurrency) and merges retry on conflict, so concurrent runs lose nothing.
        yield
        return
    lock_path = Path(data_dir) / ".etl.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = lock_path.read_text(encoding="utf-8", errors="replace").strip()
                    raise StoreError(f"another run holds {lock_path} ({holder or 'unknown'}); "
                                     f"gave up after {timeout_s:.0f}s") from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "since": datetime.now().isoformat()}).encode())
        yield
    finally:
        os.close(fd)


def check_data_dir(data_dir: str | Path) -> Path:
    """Create the data dir if needed and prove a file can be written in it, before a run starts.

    Otherwise a file in its place or a read-only mount surfaces as a ``FileExistsError`` /
    ``PermissionError`` traceback from deep in the first write, after every page was fetched.
    """
    if is_remote(data_dir):
        return UPath(str(data_dir))
    path = Path(data_dir)
    if path.exists() and not path.is_dir():
        raise UsageError(f"data dir {path} is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=path, prefix=".etl-write-check-")
        os.close(fd)
        os.unlink(probe)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(f"data dir {path} cannot be created: a part of its path is a file") from None
    except OSError as exc:
        raise UsageError(f"data dir {path} is not writable: {exc.strerror or exc}") from None
    return path
