"""Raw pages and every Delta table in S3-compatible object storage (moto on loopback).

Concurrency there comes from Delta itself: commits are conditional and a merge that loses to a
concurrent commit merges again, so two writers at once neither lose nor duplicate a row.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from conftest import run_without_prefect

from etl import store
from etl.raw import RawStore


@pytest.fixture
def bucket_dir(s3_server: dict[str, str]) -> str:
    return f"s3://news-archive/{uuid.uuid4().hex[:8]}/data"


def _content(df: pl.DataFrame) -> pl.DataFrame:
    return df.select("article_id", "url", "content_hash", "raw_sha256").sort("article_id")


def test_a_run_into_s3_gives_the_rows_of_a_local_run_and_a_rerun_adds_none(
        bucket_dir: str, s3_server: dict[str, str], demo_sources: Path, tmp_path: Path) -> None:
    local = run_without_prefect(demo_sources, tmp_path / "local", ["mic", "nghean"])
    remote = run_without_prefect(demo_sources, bucket_dir, ["mic", "nghean"])
    assert local.status == remote.status == "completed", remote.message
    assert remote.data_dir == bucket_dir
    expected = pl.read_delta(str(store.Tables.at(tmp_path / "local").articles))
    # What an analyst types (docs/analysts.md): the table read straight from the bucket.
    got = pl.read_delta(f"{bucket_dir}/curated/articles", storage_options=s3_server)
    assert got.height == expected.height > 10
    assert _content(got).equals(_content(expected))
    raw = RawStore(bucket_dir)
    assert set(got["raw_sha256"]) <= set(raw)
    assert raw.get(got["raw_sha256"][0]).lstrip().startswith(b"<")
    assert not (tmp_path / "s3:").exists() and not Path("s3:").exists(), "wrote to a local folder named s3:"

    again = run_without_prefect(demo_sources, bucket_dir, ["mic", "nghean"])
    assert all(c["new"] == 0 for c in again.per_source.values())
    assert _content(pl.read_delta(f"{bucket_dir}/curated/articles", storage_options=s3_server)).equals(
        _content(expected))
    assert pl.read_delta(f"{bucket_dir}/curated/runs", storage_options=s3_server).height == 2


def _row(i: int) -> dict:
    return {"article_id": f"{i:016x}", "source_id": "mic", "source_kind": "ministry",
            "url": f"https://mic.gov.vn/a/{i}", "title": f"T{i}", "body": ["x"], "images": [], "word_count": 1,
            "raw_sha256": "a" * 64, "fetched_at": datetime(2024, 3, 1, tzinfo=UTC), "run_id": "r",
            "extractor_version": "0", "people": [], "documents": [], "fetched_url": f"https://mic.gov.vn/a/{i}",
            "content_hash": f"h{i}"}


def test_two_writers_at_once_on_s3_neither_lose_nor_duplicate_a_row(bucket_dir: str) -> None:
    """Two writers merge overlapping batches into one table at the same time, commit after commit."""
    tables = store.Tables.at(bucket_dir)
    store.merge(tables.articles, store.frame([_row(0)], store.ARTICLES_SCHEMA), key="article_id", run_id="r0")
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(first: int, run_id: str) -> None:
        start.wait()
        try:
            for batch in range(6):
                rows = [_row(first + batch * 5 + j) for j in range(5)]
                store.merge(tables.articles, store.frame(rows, store.ARTICLES_SCHEMA), key="article_id",
                            run_id=run_id, change_column="content_hash")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(1, "a")), threading.Thread(target=writer, args=(16, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert not errors, errors
    articles = store.read_table(tables.articles)
    assert sorted(articles["article_id"]) == [f"{i:016x}" for i in range(46)]
    history = store.history(tables.articles)
    writers = [h.get("etl.run_id") for h in history]
    assert writers.count("a") >= 6 and writers.count("b") >= 6, "a writer's commit was lost"


@pytest.mark.parametrize("attempt", range(3))
def test_two_writers_creating_one_table_at_once_insert_each_key_once(bucket_dir: str, attempt: int) -> None:
    """Two first runs find no table; creating it is exclusive, so the loser merges instead of appending."""
    path = store.Tables.at(bucket_dir).articles
    rows = store.frame([_row(i) for i in range(8)], store.ARTICLES_SCHEMA)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(run_id: str) -> None:
        start.wait()
        try:
            store.merge(path, rows, key="article_id", run_id=run_id, change_column="content_hash")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert not errors, errors
    assert sorted(store.read_table(path)["article_id"]) == [f"{i:016x}" for i in range(8)]


def test_two_runs_at_once_into_s3_store_every_article_once(bucket_dir: str, demo_sources: Path,
                                                           tmp_path: Path) -> None:
    reports: list = []
    runs = [threading.Thread(target=lambda: reports.append(run_without_prefect(demo_sources, bucket_dir, ["mic"])))
            for _ in range(2)]
    for t in runs:
        t.start()
    for t in runs:
        t.join(300)
    assert [r.status for r in reports] == ["completed", "completed"]
    expected = run_without_prefect(demo_sources, tmp_path / "alone", ["mic"])
    articles = store.read_table(store.Tables.at(bucket_dir).articles)
    assert articles["article_id"].is_unique().all()
    assert sorted(articles["url"]) == sorted(
        store.read_table(store.Tables.at(tmp_path / "alone").articles)["url"]) and expected.status == "completed"
    assert store.read_table(store.Tables.at(bucket_dir).runs).height == 2
