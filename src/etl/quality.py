"""Data-quality checks at every stage, and what happens to a record that fails one.

Each check has a severity: an ``error`` sends the record to ``curated/quarantine`` instead of
``articles``; a ``warning`` is recorded only. Every result, passed or failed, is tallied per
(stage, check, source) into ``curated/dq_results`` so a drift shows up before analysts see it.
Frames are validated with pandera's polars backend.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pandera.polars as pa
import polars as pl

from etl.config import Source
from etl.models import Article
from etl.settings import QualitySettings
from etl.store import ARTICLES_SCHEMA
from etl.vocab.boilerplate import COUNTER_RE, FOOTER_LINE_PREFIXES, FURNITURE_LINES
from etl.vocab.errors import SOFT_404_PHRASES

log = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"

#: Where a check runs. ``fetch`` covers both the HTTP response and the raw page.
FETCH, EXTRACT, CURATED = "fetch", "extract", "curated"


@dataclass(frozen=True)
class Finding:
    """The outcome of one check on one record."""

    stage: str
    check: str
    severity: str
    passed: bool
    message: str = ""


def failed_errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.passed and f.severity == ERROR]


# --- fetch / raw ---------------------------------------------------------------------------

def check_page(status: int | None, content_type: str | None, body: bytes | None, text: str | None,
               settings: QualitySettings) -> list[Finding]:
    """Is this response a real HTML page worth extracting?"""
    size = len(body or b"")
    ctype = (content_type or "").split(";")[0].strip().lower()
    lowered = (text or "").lower()
    replacement = (text or "").count("\ufffd")
    head = lowered[:20000]
    return [
        Finding(FETCH, "http_status_ok", ERROR, status == 200, f"HTTP status {status}"),
        Finding(FETCH, "content_type_html", ERROR, ctype in ("text/html", "application/xhtml+xml", ""),
                f"content type {content_type!r}"),
        Finding(FETCH, "size_within_bounds", ERROR,
                settings.min_page_bytes <= size <= settings.max_page_bytes,
                f"{size} bytes (bounds {settings.min_page_bytes}..{settings.max_page_bytes})"),
        Finding(FETCH, "decodes_cleanly", WARNING,
                text is not None and replacement <= settings.max_replacement_char_share * max(len(text), 1),
                f"{replacement} undecodable characters"),
        Finding(FETCH, "not_error_page", ERROR,
                bool(lowered.strip()) and not any(p in head for p in SOFT_404_PHRASES),
                "empty page or an error page served with HTTP 200"),
    ]


# --- extract -------------------------------------------------------------------------------

def check_article(article: Article, source: Source, settings: QualitySettings, *,
                  site_names: Iterable[str] = (), now: datetime | None = None) -> list[Finding]:
    """Is this extraction an article we can publish to analysts?"""
    now = now or datetime.now(UTC)
    title = (article.title or "").strip()
    names = {_fold(n) for n in site_names if n}
    body_text = "\n".join(article.body)
    published = article.published_at
    leftovers = [p for p in article.body if _has_boilerplate(p)]
    captions = {c.strip() for c in article.captions if len(c.strip()) >= 15}
    leaked = [p for p in article.body if p.strip() in captions]
    return [
        Finding(EXTRACT, "url_matches_source", ERROR, source.is_article_url(article.url),
                f"{article.url} does not match article_url_pattern {source.article_url_pattern.pattern!r}"),
        Finding(EXTRACT, "title_present", ERROR, bool(title), "no title"),
        Finding(EXTRACT, "title_not_site_name", ERROR, not title or _fold(title) not in names,
                f"title {title!r} is the site name"),
        Finding(EXTRACT, "body_min_length", ERROR, len(body_text) >= settings.min_body_chars,
                f"body has {len(body_text)} characters (< {settings.min_body_chars})"),
        Finding(EXTRACT, "published_at_present", WARNING, published is not None, "no publication time"),
        Finding(EXTRACT, "published_at_plausible", ERROR,
                published is None or (published.year >= settings.earliest_published_year
                                      and published <= now + timedelta(days=1)),
                f"published_at {published} is in the future or before {settings.earliest_published_year}"),
        Finding(EXTRACT, "no_boilerplate_in_body", WARNING, not leftovers,
                f"boilerplate left in body: {leftovers[:1]}"),
        Finding(EXTRACT, "no_caption_in_body", WARNING, not leaked, f"caption in body: {leaked[:1]}"),
    ]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _has_boilerplate(paragraph: str) -> bool:
    """A short body line that is a counter, a footer line or page furniture ("Xem chi tiết")."""
    folded = _fold(paragraph)
    return len(folded) < 200 and (folded.strip(" .:>»") in FURNITURE_LINES
                                  or folded.startswith(FOOTER_LINE_PREFIXES)
                                  or COUNTER_RE.search(folded) is not None)


# --- tallies → dq_results ------------------------------------------------------------------

@dataclass
class Tally:
    """Counts of passed/failed per (stage, check, source), with a few failing examples."""

    max_examples: int = 5
    counts: dict[tuple[str, str, str, str], list[Any]] = field(default_factory=dict)

    def add(self, source_id: str, findings: Iterable[Finding], example: str) -> None:
        for f in findings:
            entry = self.counts.setdefault((f.stage, f.check, source_id, f.severity), [0, 0, []])
            if f.passed:
                entry[0] += 1
            else:
                entry[1] += 1
                if len(entry[2]) < self.max_examples:
                    entry[2].append(f"{example}: {f.message}")

    def merge(self, other: Tally) -> None:
        for key, (passed, failed, examples) in other.counts.items():
            entry = self.counts.setdefault(key, [0, 0, []])
            entry[0] += passed
            entry[1] += failed
            entry[2].extend(examples[: self.max_examples - len(entry[2])])

    def rows(self, run_id: str, checked_at: datetime) -> list[dict[str, Any]]:
        return [{"run_id": run_id, "stage": stage, "check": check, "source_id": source_id,
                 "severity": severity, "passed": p, "failed": f, "examples": ex, "checked_at": checked_at}
                for (stage, check, source_id, severity), (p, f, ex) in sorted(self.counts.items())]


# --- curated -------------------------------------------------------------------------------

class ArticlesModel(pa.DataFrameModel):
    """Row-level rules of the curated ``articles`` table (types are checked separately, exactly)."""

    article_id: str = pa.Field(unique=True, nullable=False, str_matches=r"^[0-9a-f]{16}$")
    source_id: str = pa.Field(nullable=False)
    source_kind: str = pa.Field(isin=["ministry", "province"])
    url: str = pa.Field(nullable=False, str_startswith="http")
    title: str = pa.Field(nullable=False, str_length={"min_value": 1})
    word_count: int = pa.Field(ge=0)
    raw_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")

    class Config:
        strict = False
        coerce = False


class FetchLogModel(pa.DataFrameModel):
    """Every request is accounted for: a status or an error, a body hash whenever bytes were kept."""

    url: str = pa.Field(nullable=False, str_startswith="http")
    kind: str = pa.Field(isin=["listing", "feed", "sitemap", "article"])
    status: pl.Int32 = pa.Field(nullable=True, in_range={"min_value": 100, "max_value": 599})
    sha256: str = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$")
    bytes: int = pa.Field(nullable=True, ge=0)

    @pa.dataframe_check
    def outcome_known(cls, data: pa.PolarsData) -> pl.LazyFrame:  # noqa: N805 - pandera's signature
        """A row with neither a status nor an error would be a request we lost track of."""
        return data.lazyframe.select(pl.col("status").is_not_null() | pl.col("error").is_not_null())

    class Config:
        strict = False
        coerce = False


def validate_fetch_log(df: pl.DataFrame) -> list[Finding]:
    """Fetch-stage checks on the frame of this run's requests (pandera, lazy: all failures at once)."""
    try:
        FetchLogModel.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return [Finding(FETCH, "fetch_log_valid", ERROR, False,
                        "; ".join(sorted({f"{r['column']}: {r['check']}" for r in cases.iter_rows(named=True)})))]
    return [Finding(FETCH, "fetch_log_valid", ERROR, True)]


def schema_mismatches(df: pl.DataFrame) -> list[str]:
    """Differences between a frame's columns/types and the ``articles`` contract."""
    problems = [f"missing column {c}" for c in ARTICLES_SCHEMA if c not in df.schema]
    problems += [f"unexpected column {c}" for c in df.schema if c not in ARTICLES_SCHEMA]
    problems += [f"column {c} is {df.schema[c]}, contract says {t}" for c, t in ARTICLES_SCHEMA.items()
                 if c in df.schema and df.schema[c] != t]
    return problems


def validate_articles(df: pl.DataFrame) -> tuple[list[Finding], pl.DataFrame]:
    """Check the frame about to be written; return findings and the failure cases (pandera)."""
    problems = schema_mismatches(df)
    findings = [Finding(CURATED, "schema_matches_contract", ERROR, not problems, "; ".join(problems))]
    if problems:
        return findings, pl.DataFrame()
    try:
        ArticlesModel.validate(df, lazy=True)
        failures = pl.DataFrame()
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    checks = ["unique", "isin", "str_matches", "str_startswith", "str_length", "greater_than_or_equal_to",
              "not_nullable"]
    for check in checks:
        bad = failures.filter(pl.col("check").cast(pl.String).str.contains(check)) if failures.height else failures
        findings.append(Finding(CURATED, f"articles_{check}", ERROR, bad.height == 0,
                                f"{bad.height} failing value(s)"))
    return findings, failures


def compare_with_previous(current: dict[str, dict[str, float]], previous: dict[str, dict[str, float]],
                          settings: QualitySettings) -> list[tuple[str, Finding]]:
    """Alerts on per-source drift against the previous run: zero rows, jumps in null rates.

    ``current``/``previous`` map source_id → {"rows": n, "null_<column>": rate}.
    """
    alerts: list[tuple[str, Finding]] = []
    for source_id, now in current.items():
        before = previous.get(source_id)
        if not before:
            continue
        dropped = before.get("rows", 0) > 0 and now.get("rows", 0) == 0
        alerts.append((source_id, Finding(CURATED, "source_yields_rows", WARNING, not dropped,
                                          f"{source_id} yielded 0 articles (previous run {before.get('rows')})")))
        for key, rate in now.items():
            if not key.startswith("null_"):
                continue
            jump = rate - before.get(key, 0.0)
            alerts.append((source_id, Finding(CURATED, f"{key}_rate_stable", WARNING,
                                              jump <= settings.null_rate_jump,
                                              f"{key[5:]} null rate {before.get(key, 0):.0%} → {rate:.0%}")))
    return alerts
