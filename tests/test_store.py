"""Delta tables: merge on keys, one version per write, time travel, run lock."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime

import polars as pl
import pytest

from etl import store
from etl.errors import StoreError


def _row(article_id: str, title: str, content_hash: str, source_id: str = "mic") -> dict:
    return {"article_id": article_id, "source_id": source_id, "source_kind": "ministry",
            "url": f"https://mic.gov.vn/Pages/TinTuc/{article_id}/a.html", "title": title,
            "published_at": datetime(2024, 3, 5, 7, 30, tzinfo=UTC), "event_date": date(2024, 3, 5),
            "location": None, "author": "PV", "body": ["Một.", "Hai."],
            "images": [{"url": "https://mic.gov.vn/a.jpg", "alt": None, "caption": "Ảnh: PV"}],
            "word_count": 2, "raw_sha256": "a" * 64, "fetched_at": datetime(2024, 3, 6, tzinfo=UTC),
            "run_id": "r1", "extractor_version": "0", "people": [{"name": "Nguyễn Văn A", "position": None}],
            "documents": [{"type": "Nghị quyết", "code": "06-NQ/TU", "date": date(2021, 11, 10)}],
            "fetched_url": None, "content_hash": content_hash}


def test_merge_inserts_updates_changed_only_and_versions_each_run(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    first = store.frame([_row("a" * 16, "A", "h1"), _row("b" * 16, "B", "h2")], store.ARTICLES_SCHEMA)
    v0, m0 = store.merge(tables.articles, first, key="article_id", run_id="r1", change_column="content_hash")
    assert (v0, m0) == (0, {"inserted": 2, "updated": 0})
    again = store.frame([_row("a" * 16, "A", "h1")], store.ARTICLES_SCHEMA).with_columns(run_id=pl.lit("r2"))
    v1, m1 = store.merge(tables.articles, again, key="article_id", run_id="r2", change_column="content_hash")
    assert v1 == 1 and m1 == {"inserted": 0, "updated": 0}
    after = store.read_table(tables.articles)
    assert after.height == 2 and set(after["run_id"]) == {"r1"}
    changed = store.frame([_row("a" * 16, "A2", "h9"), _row("c" * 16, "C", "h3")], store.ARTICLES_SCHEMA)
    v2, m2 = store.merge(tables.articles, changed, key="article_id", run_id="r3", change_column="content_hash")
    assert v2 == 2 and m2 == {"inserted": 1, "updated": 1}
    now = store.read_table(tables.articles).sort("article_id")
    assert now["title"].to_list() == ["A2", "B", "C"]
    assert now.schema == pl.Schema(store.ARTICLES_SCHEMA)
    assert store.read_table(tables.articles, version=0).sort("article_id")["title"].to_list() == ["A", "B"]
    ops = [h["operationParameters"].get("mode") or h["operation"] for h in store.history(tables.articles)]
    assert len(ops) == 3


def test_mentions_rebuilt_from_articles(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    store.merge(tables.articles, store.frame([_row("a" * 16, "A", "h1")], store.ARTICLES_SCHEMA),
                key="article_id", run_id="r1")
    store.rebuild_mentions(tables, run_id="r1")
    mentions = store.read_table(tables.mentions).sort("kind")
    assert mentions.select("kind", "name", "code").rows() == [("document", None, "06-NQ/TU"),
                                                              ("person", "Nguyễn Văn A", None)]
    assert mentions.filter(pl.col("code") == "06-NQ/TU")["doc_date"].item() == date(2021, 11, 10)


def test_missing_table_reads_as_empty_with_schema(tmp_path) -> None:
    empty = store.read_table(tmp_path / "none", store.QUARANTINE_SCHEMA)
    assert empty.is_empty() and list(empty.schema) == list(store.QUARANTINE_SCHEMA)
    with pytest.raises(StoreError, match="no Delta table"):
        store.read_table(tmp_path / "none")


def test_run_lock_makes_a_second_run_wait_then_fail_cleanly(tmp_path) -> None:
    code = ("import sys, time; from etl import store\n"
            "with store.run_lock(sys.argv[1], timeout_s=5):\n    print('locked', flush=True); time.sleep(3)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    start = time.monotonic()
    with pytest.raises(StoreError, match="another run holds"), store.run_lock(tmp_path, timeout_s=0.6):
        pytest.fail("the lock was granted while another process held it")
    assert time.monotonic() - start >= 0.5
    with store.run_lock(tmp_path, timeout_s=10):
        waited = time.monotonic() - start
    assert waited > 1.5
    holder.wait(5)
