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
    # Version 0 is the table created empty (so that two first writers cannot both insert).
    assert (v0, m0) == (1, {"inserted": 2, "updated": 0})
    assert store.read_table(tables.articles, version=0).height == 0
    again = store.frame([_row("a" * 16, "A", "h1")], store.ARTICLES_SCHEMA).with_columns(run_id=pl.lit("r2"))
    v1, m1 = store.merge(tables.articles, again, key="article_id", run_id="r2", change_column="content_hash")
    assert v1 == 2 and m1 == {"inserted": 0, "updated": 0}
    after = store.read_table(tables.articles)
    assert after.height == 2 and set(after["run_id"]) == {"r1"}
    changed = store.frame([_row("a" * 16, "A2", "h9"), _row("c" * 16, "C", "h3")], store.ARTICLES_SCHEMA)
    v2, m2 = store.merge(tables.articles, changed, key="article_id", run_id="r3", change_column="content_hash")
    assert v2 == 3 and m2 == {"inserted": 1, "updated": 1}
    now = store.read_table(tables.articles).sort("article_id")
    assert now["title"].to_list() == ["A2", "B", "C"]
    assert now.schema == pl.Schema(store.ARTICLES_SCHEMA)
    assert store.read_table(tables.articles, version=1).sort("article_id")["title"].to_list() == ["A", "B"]
    ops = [h["operationParameters"].get("mode") or h["operation"] for h in store.history(tables.articles)]
    assert len(ops) == 4


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


def _write(tables: store.Tables, rows: list[dict], run_id: str) -> pl.DataFrame:
    """What write_run does with a frame of rows: versions first, then the merge."""
    df = store.frame(rows, store.ARTICLES_SCHEMA).with_columns(run_id=pl.lit(run_id))
    versions = store.new_versions(tables, df)
    store.append(tables.article_versions, versions, run_id=run_id)
    store.merge(tables.articles, df, key="article_id", run_id=run_id, change_column="content_hash")
    return versions


def test_versions_record_new_edited_and_reextracted_content_once(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    first = _write(tables, [_row("a" * 16, "A", "h1"), _row("b" * 16, "B", "h2")], "r1")
    assert first.select("article_id", "version", "change").rows() == [("a" * 16, 1, "new"), ("b" * 16, 1, "new")]
    assert _write(tables, [_row("a" * 16, "A", "h1")], "r2").is_empty()
    edited = {**_row("a" * 16, "A edited", "h9"), "raw_sha256": "e" * 64}
    reextracted = _row("b" * 16, "B better", "h8")
    second = _write(tables, [edited, reextracted], "r3")
    assert second.select("article_id", "version", "change", "title").rows() == [
        ("a" * 16, 2, "edit", "A edited"), ("b" * 16, 2, "reprocess", "B better")]
    history = store.read_table(tables.article_versions).filter(pl.col("article_id") == "a" * 16).sort("version")
    assert history["title"].to_list() == ["A", "A edited"]
    assert history.schema == pl.Schema(store.ARTICLE_VERSIONS_SCHEMA)
    assert store.read_table(tables.articles).sort("article_id")["title"].to_list() == ["A edited", "B better"]


def test_versions_append_is_idempotent_when_the_merge_never_happened(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    _write(tables, [_row("a" * 16, "A", "h1")], "r1")
    edited = store.frame([{**_row("a" * 16, "A2", "h2"), "raw_sha256": "e" * 64}], store.ARTICLES_SCHEMA)
    store.append(tables.article_versions, store.new_versions(tables, edited), run_id="r2")  # then the run died
    assert store.new_versions(tables, edited).is_empty()
    assert store.read_table(tables.article_versions)["version"].sort().to_list() == [1, 2]


def test_an_article_stored_before_versions_existed_keeps_its_old_text(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    legacy = store.frame([_row("a" * 16, "A", "h1")], store.ARTICLES_SCHEMA).drop("updated_at")
    legacy.write_delta(str(tables.articles))
    edited = {**_row("a" * 16, "A2", "h2"), "raw_sha256": "e" * 64, "updated_at": datetime(2024, 3, 7, tzinfo=UTC)}
    versions = _write(tables, [edited], "r2")
    assert versions.select("version", "change", "title").rows() == [(1, "new", "A"), (2, "edit", "A2")]
    now = store.read_table(tables.articles)
    assert now["title"].to_list() == ["A2"] and now["updated_at"].to_list() == [datetime(2024, 3, 7, tzinfo=UTC)]


def test_refresh_candidates_are_recent_articles_with_their_stored_pages_validators(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    recent = {**_row("a" * 16, "A", "h1"), "published_at": datetime(2024, 3, 5, tzinfo=UTC),
              "fetched_url": "https://mic.gov.vn/a?id=1"}
    old = {**_row("b" * 16, "B", "h2"), "published_at": datetime(2024, 2, 1, tzinfo=UTC)}
    other = {**_row("c" * 16, "C", "h3", source_id="nghean"), "published_at": datetime(2024, 3, 5, tzinfo=UTC)}
    _write(tables, [recent, old, other], "r1")
    log = [{"run_id": "r1", "source_id": "mic", "kind": "article", "url": "https://mic.gov.vn/a?id=1",
            "status": 200, "etag": '"v1"', "last_modified": None, "sha256": "a" * 64,
            "fetched_at": datetime(2024, 3, 6, tzinfo=UTC)},
           {"run_id": "r2", "source_id": "mic", "kind": "article", "url": "https://mic.gov.vn/a?id=1",
            "status": 200, "etag": '"v2"', "last_modified": None, "sha256": "f" * 64,
            "fetched_at": datetime(2024, 3, 7, tzinfo=UTC)}]
    store.append(tables.fetch_log, store.frame(log, store.FETCH_LOG_SCHEMA), run_id="r2")
    got = store.refresh_candidates(tables, "mic", published_since=datetime(2024, 3, 1, tzinfo=UTC), limit=10)
    assert [(c["article_id"], c["fetch_url"], c["etag"]) for c in got] == [("a" * 16, "https://mic.gov.vn/a?id=1",
                                                                            '"v1"')]
    assert store.refresh_candidates(tables, "mic", published_since=datetime(2024, 1, 1, tzinfo=UTC), limit=1)[0][
        "article_id"] == "a" * 16


def test_mentions_are_replaced_for_the_written_articles_only(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    a = {**_row("a" * 16, "A", "h1"), "people": [{"name": "Nguyễn Văn An", "position": "Giám đốc"}]}
    b = {**_row("b" * 16, "B", "h2"), "people": [{"name": "Trần Thị Bình", "position": None}]}
    store.merge(tables.articles, store.frame([a, b], store.ARTICLES_SCHEMA), key="article_id", run_id="r1")
    store.merge_mentions(tables, store.frame([a, b], store.ARTICLES_SCHEMA), run_id="r1")
    edited = {**a, "content_hash": "h3", "people": [{"name": "Lê Văn Cường", "position": None}]}
    store.merge(tables.articles, store.frame([edited], store.ARTICLES_SCHEMA), key="article_id", run_id="r2",
                change_column="content_hash")
    version = store.merge_mentions(tables, store.frame([edited], store.ARTICLES_SCHEMA), run_id="r2")
    mentions = store.read_table(tables.mentions)
    names = mentions.filter(pl.col("kind") == "person").sort("name").select("article_id", "name").rows()
    assert names == [("a" * 16, "Lê Văn Cường"), ("b" * 16, "Trần Thị Bình")]
    rebuilt = store.mentions_of(store.read_table(tables.articles))
    assert mentions.sort(mentions.columns).equals(rebuilt.sort(rebuilt.columns)), "differs from a full rebuild"
    last = store.table(tables.mentions).history(1)[0]
    assert last["version"] == version and last.get("etl.run_id") == "r2"
    # The commit wrote only the edited article's mentions.
    written = store.mentions_of(store.frame([edited], store.ARTICLES_SCHEMA)).height
    assert int(last["operationMetrics"]["num_added_rows"]) == written < rebuilt.height
    assert store.merge_mentions(tables, store.frame([], store.ARTICLES_SCHEMA), run_id="r3") == version + 1
