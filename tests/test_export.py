"""Plain Parquet readers double count a Delta folder after a merge; the export never does."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from conftest import run_without_prefect

from etl import store
from etl.cli import main
from etl.export import MARKER, export_current


@pytest.fixture(scope="module")
def updated(fixture_sites, tmp_path_factory) -> Path:
    """The demo's sources collected, then every mic article updated by a merge (as a reprocess does)."""
    from etl.fixtures.site import write_demo_sources

    base = tmp_path_factory.mktemp("export")
    data = base / "data"
    run_without_prefect(write_demo_sources(fixture_sites, base / "sources.toml"), data)
    tables = store.Tables.at(data)
    changed = (
        pl.read_delta(str(tables.articles))
        .filter(pl.col("source_id") == "mic")
        .with_columns(title=pl.col("title") + " (cập nhật)", content_hash=pl.lit("0" * 64))
    )
    _, merged = store.merge(tables.articles, changed, key="article_id", run_id="update", change_column="content_hash")
    assert merged == {"inserted": 0, "updated": changed.height} and changed.height > 0
    return data


def test_plain_parquet_readers_count_updated_articles_twice_delta_readers_do_not(updated: Path) -> None:
    folder = updated / "curated" / "articles"
    delta = pl.read_delta(str(folder))
    mic = delta.filter(pl.col("source_id") == "mic").height
    assert delta["article_id"].is_unique().all()
    plain_pandas = pd.read_parquet(folder, columns=["article_id", "title"])
    plain_duckdb = duckdb.sql(f"SELECT article_id, title FROM read_parquet('{folder}/*.parquet')").df()
    for plain in (plain_pandas, plain_duckdb):
        assert len(plain) >= delta.height + mic  # every updated article: the old row and the new one
        assert plain["article_id"].nunique() == delta.height
        one = delta.filter(pl.col("source_id") == "mic").row(0, named=True)
        titles = set(plain.loc[plain["article_id"] == one["article_id"], "title"])
        assert titles == {one["title"], one["title"].removesuffix(" (cập nhật)")}


def test_the_export_is_read_right_by_pandas_duckdb_and_polars(updated: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = {t.table: t for t in export_current(updated, out)}
    delta = pl.read_delta(str(updated / "curated" / "articles"))
    assert done["articles"].rows == delta.height
    by_pandas = pd.read_parquet(out / "articles")
    by_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{out}/articles/**/*.parquet')").pl()
    by_polars = pl.read_parquet(f"{out}/articles/**/*.parquet")
    for df in (by_pandas, by_duckdb.to_pandas(), by_polars.to_pandas()):
        assert len(df) == delta.height
        assert sorted(df["article_id"]) == sorted(delta["article_id"])
        assert set(df.columns) == set(delta.columns)
        mic = df[df["source_id"] == "mic"]
        assert len(mic) and mic["title"].str.endswith("(cập nhật)").all()
    mentions = pl.read_parquet(f"{out}/mentions/**/*.parquet")
    assert mentions.height == pl.read_delta(str(updated / "curated" / "mentions")).height


def test_export_files_are_one_per_source_and_vietnamese_month(updated: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_current(updated, out)
    for file in (out / "articles").rglob("*.parquet"):
        source, month = file.parent.parent.name, file.parent.name
        part = pl.read_parquet(file)
        assert set(part["source_id"]) == {source}
        months = part["published_at"].dt.convert_time_zone("Asia/Ho_Chi_Minh").dt.strftime("%Y-%m")
        assert set(months.fill_null("unknown")) == {month}
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["tables"]["articles"]["version"] == store.version_of(updated / "curated" / "articles")


def test_a_second_export_replaces_the_first_and_a_foreign_folder_is_never_touched(
    updated: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "export"
    export_current(updated, out)
    stale = out / "articles" / "mic" / "1999-01"
    stale.mkdir(parents=True)
    (stale / "part-0.parquet").write_bytes((next((out / "articles").rglob("*.parquet"))).read_bytes())
    assert main(["export", "--data-dir", str(updated), "--out", str(out)]) == 0
    assert "articles: version" in capsys.readouterr().out
    assert not stale.exists()
    assert len(pd.read_parquet(out / "articles")) == pl.read_delta(str(updated / "curated" / "articles")).height

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    assert main(["export", "--data-dir", str(updated), "--out", str(foreign)]) == 2
    assert "is not an etl export" in capsys.readouterr().err
    assert (foreign / "notes.txt").read_text() == "keep me"
    assert main(["export", "--data-dir", str(updated), "--out", str(updated)]) == 2
    assert main(["export", "--data-dir", str(tmp_path / "nothing"), "--out", str(out)]) == 2
    assert "no curated tables" in capsys.readouterr().err


def test_an_object_store_data_dir_exports_to_a_local_folder(
    s3_server: dict[str, str], demo_sources: Path, tmp_path: Path, capsys
) -> None:
    import uuid

    bucket = f"s3://news-archive/{uuid.uuid4().hex[:8]}/data"
    run_without_prefect(demo_sources, bucket, ["nghean"])
    done = {t.table: t for t in export_current(bucket, tmp_path / "export")}
    assert done["articles"].rows == len(pd.read_parquet(tmp_path / "export" / "articles")) == 6
    assert main(["export", "--data-dir", bucket]) == 2
    assert "--out DIR is needed" in capsys.readouterr().err
